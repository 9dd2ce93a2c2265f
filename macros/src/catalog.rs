//! The built-in catalog's names, so that a misspelt module or event is caught by the attribute
//! itself with the closest valid name, at the user's token.
//!
//! The table is generated with the runtime's `declare_module!` tables, from the same inputs;
//! the test `catalog_names_match_the_runtime` in the tests crate checks the two agree.

// `MODULES`: every module of the catalog with its cargo feature and its events (each with the
// smallest feature that holds it), written by the generator (`cargo run -p backend-events-codegen`) beside the runtime's tables.
include!("catalog_names.rs");

/// An event's name and the smallest cargo feature that holds it.
pub type EventNames = (&'static str, &'static str);

/// A module's Velo name, its cargo feature, and its events.
pub type ModuleNames = (&'static str, &'static str, &'static [EventNames]);

/// The events of a catalog module with their features, or `None` when the catalog has no such
/// module.
pub fn events_of(module: &str) -> Option<&'static [EventNames]> {
    MODULES
        .iter()
        .find(|(name, _, _)| *name == module)
        .map(|(_, _, events)| *events)
}

/// Whether a catalog module's events include `event`.
pub fn has_event(events: &[EventNames], event: &str) -> bool {
    events.iter().any(|(name, _)| *name == event)
}

/// The smallest cargo feature that holds a catalog event (the module's when it has no finer
/// ones), or `None` for an unknown one.
pub fn feature_of(module: &str, event: &str) -> Option<&'static str> {
    events_of(module)?
        .iter()
        .find(|(name, _)| *name == event)
        .map(|(_, feature)| *feature)
}

/// The Rust module of a Velo module: `wixEventsGuests` -> `wix_events_guests`.
pub fn rust_module_name(module: &str) -> String {
    let mut out = String::with_capacity(module.len() + 4);
    for (i, c) in module.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The payload type of an event by the catalog's convention: `onGuestCreated` -> `GuestCreated`.
pub fn payload_name(event: &str) -> &str {
    event.strip_prefix("on").unwrap_or(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_module_names_follow_snake_case() {
        assert_eq!(rust_module_name("wixEvents"), "wix_events");
        assert_eq!(rust_module_name("wixEventsGuests"), "wix_events_guests");
        assert_eq!(rust_module_name("wixEventsV3"), "wix_events_v3");
        assert_eq!(
            rust_module_name("wixMediaSiteMedia"),
            "wix_media_site_media"
        );
    }

    #[test]
    fn payload_names_drop_the_on_prefix() {
        assert_eq!(payload_name("onGuestCreated"), "GuestCreated");
        assert_eq!(payload_name("onPolicyDeleted"), "PolicyDeleted");
    }
}
