//! The built-in catalog: one file per platform module, each with its payload types and the
//! `declare_module!` table of its events, each behind a cargo feature named after it (all on by
//! default). The attribute's copy of these names lives in `macros/src/catalog.rs`; a test keeps
//! the two in step.

pub(crate) mod gates;

#[cfg(feature = "wix-billing")]
pub mod wix_billing;
#[cfg(feature = "wix-events")]
pub mod wix_events;
#[cfg(feature = "wix-events-guests")]
pub mod wix_events_guests;
#[cfg(feature = "wix-events-v3")]
pub mod wix_events_v3;
#[cfg(feature = "wix-media-manager")]
pub mod wix_media_manager;
#[cfg(feature = "wix-media-site-media")]
pub mod wix_media_site_media;
#[cfg(feature = "wix-pricing-plans")]
pub mod wix_pricing_plans;
