//! The built-in catalog: one file per platform module, each with its payload types and the
//! `declare_module!` table of its events. The attribute's copy of these names lives in
//! `macros/src/catalog.rs`; a test keeps the two in step.

pub mod wix_billing;
pub mod wix_events;
pub mod wix_events_guests;
pub mod wix_events_v3;
pub mod wix_media_manager;
pub mod wix_media_site_media;
pub mod wix_pricing_plans;
