//! One gate per catalog module, for the code `#[backend_event]` generates: it passes a
//! handler's registration through when the module's cargo feature is on, and otherwise replaces
//! it with one error that names the feature (instead of a failed path look-up).
//!
//! Written out by hand: a `#[macro_export]` macro made by another macro cannot be re-exported.

#[cfg(feature = "wix-billing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_billing {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

#[cfg(not(feature = "wix-billing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_billing {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`wixBilling` is not in this build: enable the cargo feature `wix-billing` of backend-events \
             (the default features enable every module of the catalog)"
        );
    };
}

#[cfg(feature = "wix-events")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_events {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

#[cfg(not(feature = "wix-events"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_events {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`wixEvents` is not in this build: enable the cargo feature `wix-events` of backend-events \
             (the default features enable every module of the catalog)"
        );
    };
}

#[cfg(feature = "wix-events-guests")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_events_guests {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

#[cfg(not(feature = "wix-events-guests"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_events_guests {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`wixEventsGuests` is not in this build: enable the cargo feature `wix-events-guests` of backend-events \
             (the default features enable every module of the catalog)"
        );
    };
}

#[cfg(feature = "wix-events-v3")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_events_v3 {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

#[cfg(not(feature = "wix-events-v3"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_events_v3 {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`wixEventsV3` is not in this build: enable the cargo feature `wix-events-v3` of backend-events \
             (the default features enable every module of the catalog)"
        );
    };
}

#[cfg(feature = "wix-media-manager")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_media_manager {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

#[cfg(not(feature = "wix-media-manager"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_media_manager {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`wixMediaManager` is not in this build: enable the cargo feature `wix-media-manager` of backend-events \
             (the default features enable every module of the catalog)"
        );
    };
}

#[cfg(feature = "wix-media-site-media")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_media_site_media {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

#[cfg(not(feature = "wix-media-site-media"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_media_site_media {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`wixMediaSiteMedia` is not in this build: enable the cargo feature `wix-media-site-media` of backend-events \
             (the default features enable every module of the catalog)"
        );
    };
}

#[cfg(feature = "wix-pricing-plans")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_pricing_plans {
    ($($tokens:tt)*) => {
        $($tokens)*
    };
}

#[cfg(not(feature = "wix-pricing-plans"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_gate_wix_pricing_plans {
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`wixPricingPlans` is not in this build: enable the cargo feature `wix-pricing-plans` of backend-events \
             (the default features enable every module of the catalog)"
        );
    };
}

/// The gates, by the Rust name of their module.
pub mod catalog_gate {
    pub use crate::__catalog_gate_wix_billing as wix_billing;
    pub use crate::__catalog_gate_wix_events as wix_events;
    pub use crate::__catalog_gate_wix_events_guests as wix_events_guests;
    pub use crate::__catalog_gate_wix_events_v3 as wix_events_v3;
    pub use crate::__catalog_gate_wix_media_manager as wix_media_manager;
    pub use crate::__catalog_gate_wix_media_site_media as wix_media_site_media;
    pub use crate::__catalog_gate_wix_pricing_plans as wix_pricing_plans;
}
