//! Rust names for the platform's: snake case fields, PascalCase types and variants, kebab-case
//! features, and what to do with names Rust or the prelude already take.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves. Most can be written raw (`r#type`); the rest cannot.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self", "_"];

/// Type names a glob import of a catalog module would shadow, or that the generated code names.
const TAKEN_TYPE_NAMES: &[&str] = &[
    "Self",
    "Option",
    "Result",
    "Box",
    "String",
    "Vec",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "ToString",
    "From",
    "Into",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Debug",
    "Hash",
    "Number",
    "Media",
    "EventMetadata",
    "BaseEventMetadata",
];

/// The Rust module of a Velo module: `wixEventsGuests` -> `wix_events_guests`.
pub fn rust_module(module: &str) -> String {
    module.to_snake_case()
}

/// The cargo feature of a Velo module: `wixEventsGuests` -> `wix-events-guests`.
pub fn feature(module: &str) -> String {
    module.to_kebab_case()
}

/// The field name of a JSON key: snake case, Velo's leading `_` dropped, keywords raw (`r#type`)
/// or, where Rust allows no raw form, with a trailing `_`.
pub fn field(json: &str) -> String {
    let mut name = json.trim_start_matches('_').to_snake_case();
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// A type name: PascalCase.
pub fn type_name(ts: &str) -> String {
    let name = ts.to_upper_camel_case();
    if name.is_empty() {
        "Unnamed".to_owned()
    } else {
        name
    }
}

/// Whether a type name would shadow the prelude or a name the generated code uses.
pub fn is_taken_type_name(name: &str) -> bool {
    TAKEN_TYPE_NAMES.contains(&name)
}

/// The variant of an enum value: `ANONYMOUS_VISITOR` -> `AnonymousVisitor`, `SELF` ->
/// `SelfValue` (`Self` is taken, as are the prelude's names: `BOX` -> `BoxValue`), `1_DAY` ->
/// `V1Day`.
pub fn variant(value: &str) -> String {
    let mut name = value.to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    // `Unknown` is the fallback's; a prelude name (`Box`, `None`...) would make rustc spell
    // the prelude's own in full (`std::boxed::Box`) in every diagnostic of a user's crate.
    if name == "Unknown" || is_taken_type_name(&name) {
        name.push_str("Value");
    }
    name
}

/// Whether a reference address is the page of the event `on_name`: Wix names an event's page
/// after its handler (`onOrderApproved` at `.../on-order-approved`), or after the event alone on
/// the REST side (`.../order-approved`). Words are compared, not where a name splits them
/// (`onOAuthAppUpdated` at `.../on-oauth-app-updated`).
pub fn is_page_of(url: &str, on_name: &str) -> bool {
    let page = url.split(['?', '#']).next().unwrap_or_default();
    let page = page.trim_end_matches('/').trim_end_matches(".md");
    let page = page.rsplit('/').next().unwrap_or_default().replace('-', "");
    let name = on_name.to_ascii_lowercase();
    page == name || Some(page.as_str()) == name.strip_prefix("on")
}

/// The payload type of an event: `onOrderCreated` -> `OrderCreated`.
pub fn payload(event: &str) -> String {
    event.strip_prefix("on").unwrap_or(event).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_never_keywords() {
        assert_eq!(field("_id"), "id");
        assert_eq!(field("_createdDate"), "created_date");
        assert_eq!(field("addressLine1"), "address_line1");
        assert_eq!(field("type"), "r#type");
        assert_eq!(field("loop"), "r#loop");
        assert_eq!(field("self"), "self_");
        assert_eq!(field("3ds"), "_3ds");
    }

    #[test]
    fn variants_are_pascal_case_and_never_self() {
        assert_eq!(variant("ANONYMOUS_VISITOR"), "AnonymousVisitor");
        assert_eq!(variant("SELF"), "SelfValue");
        assert_eq!(variant("UNKNOWN"), "UnknownValue");
        assert_eq!(variant("BOX"), "BoxValue");
        assert_eq!(variant("NONE"), "NoneValue");
        assert_eq!(variant("1_DAY"), "V1Day");
        assert_eq!(variant("image/png"), "ImagePng");
    }

    #[test]
    fn only_a_page_named_after_the_event_is_its_reference() {
        let velo =
            "https://dev.wix.com/docs/velo/api-reference/wix-ecom-backend/events/on-order-approved";
        assert!(is_page_of(velo, "onOrderApproved"));
        assert!(is_page_of(&format!("{velo}.md"), "onOrderApproved"));
        assert!(is_page_of(
            &format!("{velo}?apiView=SDK"),
            "onOrderApproved"
        ));
        assert!(is_page_of(
            "https://dev.wix.com/docs/rest/business-solutions/e-commerce/orders/order-approved",
            "onOrderApproved"
        ));
        // A sibling's page, or the module's menu, names the event's module but is not its page.
        assert!(!is_page_of(velo, "onOrderCanceled"));
        assert!(is_page_of(
            "https://dev.wix.com/docs/sdk/backend-modules/auth-management/oauth-apps/on-oauth-app-updated",
            "onOAuthAppUpdated"
        ));
        assert!(!is_page_of(
            "https://dev.wix.com/docs/velo/api-reference/wix-ecom-backend/events",
            "onOrderApproved"
        ));
    }

    #[test]
    fn modules_and_features_follow_the_velo_name() {
        assert_eq!(rust_module("wixEventsV3"), "wix_events_v3");
        assert_eq!(feature("wixEventsV3"), "wix-events-v3");
        assert_eq!(feature("wixAppManagement"), "wix-app-management");
        assert!(is_taken_type_name("Option"));
    }
}
