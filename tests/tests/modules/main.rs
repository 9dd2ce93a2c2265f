//! The modules typed by hand, or generated with a documented example: for each, its samples
//! reach handlers that read the fields a user would. One test binary for all of them, since
//! every module's handlers answer only that module's events.

mod wix_billing;
mod wix_chat;
mod wix_events;
mod wix_events_v3;
mod wix_forum;
mod wix_media_manager;
mod wix_media_site_media;
mod wix_paid_plans;
mod wix_pay;
mod wix_pricing_plans;
mod wix_stores;
