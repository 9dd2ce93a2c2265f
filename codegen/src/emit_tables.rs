//! Everything else that lists the catalog's modules: the runtime's `catalog/mod.rs` and its
//! gates, the attribute's name table, the cargo features, and CATALOG.md.

use std::fmt::Write;

use crate::emit_rust::HEADER;
use crate::model::{Catalog, Source};

/// The modules of the default build: the catalog's first seven, small to compile.
pub const DEFAULT_MODULES: &[&str] = &[
    "wixBilling",
    "wixEvents",
    "wixEventsGuests",
    "wixEventsV3",
    "wixMediaManager",
    "wixMediaSiteMedia",
    "wixPricingPlans",
];

/// `runtime/src/catalog/mod.rs`.
pub fn catalog_mod(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str(
        "\n\n//! The built-in catalog: one Rust module per platform module, each with its payload \
         types and\n//! the `declare_module!` table of its events, each behind a cargo feature \
         named after it.\n//! Generated modules live in `generated/`; a module typed by hand \
         (`wix_billing.rs`...) includes\n//! its generated table from there.\n\n",
    );
    out.push_str("#[path = \"generated/gates.rs\"]\npub(crate) mod gates;\n\n");
    out.push_str(
        "/// The cargo feature of backend-events that holds a catalog module, by its Velo name.\n\
         #[cfg_attr(not(feature = \"cli\"), allow(dead_code))]\n\
         pub(crate) fn feature_of(module: &str) -> Option<&'static str> {\n    match module {\n",
    );
    for module in &catalog.modules {
        writeln!(
            out,
            "        {:?} => Some({:?}),",
            module.velo, module.feature
        )
        .unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n\n");
    for module in &catalog.modules {
        writeln!(out, "#[cfg(feature = \"{}\")]", module.feature).unwrap();
        if !module.handwritten {
            writeln!(out, "#[path = \"generated/{}.rs\"]", module.rust).unwrap();
        }
        writeln!(out, "pub mod {};", module.rust).unwrap();
    }
    out
}

/// `runtime/src/catalog/generated/gates.rs`: per module, a macro that passes a handler's
/// registration through when the module's feature is on, and otherwise is one error naming it.
pub fn gates(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str(
        "\n\n//! One gate per catalog module, for the code `#[backend_event]` generates: it \
         passes a\n//! handler's registration through when the module's cargo feature is on, and \
         otherwise replaces\n//! it with one error that names the feature (instead of a failed \
         path look-up).\n\n",
    );
    for module in &catalog.modules {
        let name = format!("__catalog_gate_{}", module.rust);
        writeln!(
            out,
            "#[cfg(feature = \"{}\")]\n#[doc(hidden)]\n#[macro_export]\nmacro_rules! {name} {{\n    ($($tokens:tt)*) => {{\n        $($tokens)*\n    }};\n}}\n",
            module.feature
        )
        .unwrap();
        writeln!(
            out,
            "#[cfg(not(feature = \"{feature}\"))]\n#[doc(hidden)]\n#[macro_export]\nmacro_rules! {name} {{\n    ($($tokens:tt)*) => {{\n        ::core::compile_error!(\n            \"`{velo}` is not in this build: enable the cargo feature `{feature}` of backend-events (or `full`, which enables every module)\"\n        );\n    }};\n}}\n",
            feature = module.feature,
            velo = module.velo,
        )
        .unwrap();
    }
    out.push_str("/// The gates, by the Rust name of their module.\npub mod catalog_gate {\n");
    for module in &catalog.modules {
        writeln!(
            out,
            "    pub use crate::__catalog_gate_{0} as {0};",
            module.rust
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}

/// `macros/src/catalog_names.rs`: the attribute's copy of every module's events and feature.
pub fn macro_names(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str(
        "\n\n/// Velo module, its cargo feature, then the events the catalog declares for it.\n\
         pub const MODULES: &[(&str, &str, &[&str])] = &[\n",
    );
    for module in &catalog.modules {
        let mut events: Vec<&str> = module.events.iter().map(|e| e.name.as_str()).collect();
        events.sort_unstable();
        writeln!(
            out,
            "    ({:?}, {:?}, &[{}]),",
            module.velo,
            module.feature,
            events
                .iter()
                .map(|e| format!("{e:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
        .unwrap();
    }
    out.push_str("];\n");
    out
}

/// The generated block of `runtime/Cargo.toml`'s `[features]`.
pub fn features(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(
        "## The modules of the default build: the catalog's first seven (see README, \"The \
         catalog\").\n",
    );
    out.push_str("catalog = [\n");
    for module in &catalog.modules {
        if DEFAULT_MODULES.contains(&module.velo.as_str()) {
            writeln!(out, "    \"{}\",", module.feature).unwrap();
        }
    }
    out.push_str("]\n## Every module of the catalog.\nfull = [\n");
    for module in &catalog.modules {
        writeln!(out, "    \"{}\",", module.feature).unwrap();
    }
    out.push_str("]\n");
    for module in &catalog.modules {
        writeln!(out, "{} = []", module.feature).unwrap();
    }
    out
}

/// `CATALOG.md`: every module, event, `eventType`, shape and feature.
pub fn catalog_md(catalog: &Catalog) -> String {
    let events: usize = catalog.modules.iter().map(|m| m.events.len()).sum();
    let generated: usize = catalog
        .modules
        .iter()
        .flat_map(|m| &m.events)
        .filter(|e| matches!(e.source, Source::Generated(_)))
        .count();
    let mut out = String::new();
    out.push_str("<!-- Generated by `cargo run -p backend-events-codegen`: do not edit. -->\n\n");
    out.push_str("# The catalog\n\n");
    writeln!(
        out,
        "{events} events in {} modules: {generated} generated from Wix's typings ({} packages, \
         listed at the end), {} typed by hand.\n",
        catalog.modules.len(),
        catalog.packages.len(),
        events - generated
    )
    .unwrap();
    out.push_str(
        "Module names: **velo** is the name Velo's own documentation uses; **derived** is `wix` \
         + the\nPascalCase of the SDK umbrella package, with the SDK's handler name; \
         **lifecycle** is an app\nlifecycle event of `wixAppManagement`; **hand** is typed \
         by hand in the runtime.\n\n",
    );
    out.push_str("| module | feature | events |\n|---|---|---|\n");
    for module in &catalog.modules {
        writeln!(
            out,
            "| `{}` | `{}` | {} |",
            module.velo,
            module.feature,
            module.events.len()
        )
        .unwrap();
    }
    for module in &catalog.modules {
        writeln!(
            out,
            "\n## `{}`\n\nRust module `backend_events::{}`, feature `{}`.\n",
            module.velo, module.rust, module.feature
        )
        .unwrap();
        out.push_str("| event | payload | `eventType` | shape | name |\n|---|---|---|---|---|\n");
        for event in &module.events {
            let (shape, naming) = match &event.source {
                Source::Generated(facts) => (facts.shape.as_str(), facts.naming.as_str()),
                Source::Handwritten { .. } => ("flat or as typed", "hand"),
            };
            writeln!(
                out,
                "| `{}` | `{}` | `{}` | {shape} | {naming} |",
                event.name,
                event.payload,
                event.webhook.as_deref().unwrap_or("none (Velo only)")
            )
            .unwrap();
        }
    }
    out.push_str("\n## Packages\n\n");
    for (package, version) in &catalog.packages {
        writeln!(out, "- `{package}@{version}`").unwrap();
    }
    out
}

/// `tests/catalog/tests/generated/cases.rs`: the marker of every event, for the generic catalog
/// tests (which need each payload's type).
pub fn test_cases(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str("\n\n// The cases! list of tests/catalog/tests/catalog.rs: every event of the catalog.\ncases! {\n");
    for module in &catalog.modules {
        let events: Vec<&str> = module.events.iter().map(|e| e.name.as_str()).collect();
        writeln!(
            out,
            "    {}::{} {{ {} }}",
            module.rust,
            module.velo,
            events.join(", ")
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}
