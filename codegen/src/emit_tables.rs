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
        "// The types several modules reach, defined once and re-exported by each.\n\
         #[path = \"generated/shared.rs\"]\nmod shared;\n\n",
    );
    out.push_str(
        "/// The smallest cargo feature of backend-events that holds a catalog event, by its Velo \
         names.\n\
         #[cfg_attr(not(feature = \"cli\"), allow(dead_code))]\n\
         pub(crate) fn feature_of(module: &str, event: &str) -> Option<&'static str> {\n    \
         match module {\n",
    );
    for module in &catalog.modules {
        if module.parts.is_empty() {
            writeln!(
                out,
                "        {:?} => Some({:?}),",
                module.velo, module.feature
            )
            .unwrap();
            continue;
        }
        writeln!(out, "        {:?} => match event {{", module.velo).unwrap();
        for event in &module.events {
            writeln!(
                out,
                "            {:?} => Some({:?}),",
                event.name, event.feature
            )
            .unwrap();
        }
        out.push_str("            _ => None,\n        },\n");
    }
    out.push_str("        _ => None,\n    }\n}\n\n");
    for module in &catalog.modules {
        out.push_str(&any_feature(&module.units()));
        if !module.handwritten {
            writeln!(out, "#[path = \"generated/{}.rs\"]", module.rust).unwrap();
        }
        writeln!(out, "pub mod {};", module.rust).unwrap();
    }
    out
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", ...))]` for several.
fn any_feature(features: &[&str]) -> String {
    match features {
        [one] => format!("#[cfg(feature = {one:?})]\n"),
        many => {
            let list: Vec<String> = many.iter().map(|f| format!("feature = {f:?}")).collect();
            format!("#[cfg(any({}))]\n", list.join(", "))
        }
    }
}

/// A gate's name: its feature in snake case (`wix-ecom-orders` -> `wix_ecom_orders`).
fn gate_name(feature: &str) -> String {
    feature.replace('-', "_")
}

/// `runtime/src/catalog/generated/gates.rs`: per feature that holds events, a macro that passes
/// a handler's registration through when the feature is on, and otherwise is one error naming
/// it.
pub fn gates(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str(
        "\n\n//! One gate per cargo feature that holds catalog events, for the code \
         `#[backend_event]`\n//! generates: it passes a handler's registration through when the \
         feature is on, and otherwise\n//! replaces it with one error that names the feature \
         (instead of a failed path look-up).\n\n",
    );
    let mut names = Vec::new();
    for module in &catalog.modules {
        for feature in module.units() {
            let name = format!("__catalog_gate_{}", gate_name(feature));
            let message = if module.parts.is_empty() {
                format!(
                    "`{}` is not in this build: enable the cargo feature `{feature}` of \
                     backend-events (or `full`, which enables every module)",
                    module.velo
                )
            } else {
                format!(
                    "this event of `{}` is not in this build: enable the cargo feature \
                     `{feature}` of backend-events (or `{}` for the whole module, or `full`)",
                    module.velo, module.feature
                )
            };
            writeln!(
                out,
                "#[cfg(feature = \"{feature}\")]\n#[doc(hidden)]\n#[macro_export]\nmacro_rules! {name} {{\n    ($($tokens:tt)*) => {{\n        $($tokens)*\n    }};\n}}\n"
            )
            .unwrap();
            writeln!(
                out,
                "#[cfg(not(feature = \"{feature}\"))]\n#[doc(hidden)]\n#[macro_export]\nmacro_rules! {name} {{\n    ($($tokens:tt)*) => {{\n        ::core::compile_error!(\n            {message:?}\n        );\n    }};\n}}\n"
            )
            .unwrap();
            names.push(gate_name(feature));
        }
    }
    out.push_str("/// The gates, by their feature in snake case.\npub mod catalog_gate {\n");
    for name in names {
        writeln!(out, "    pub use crate::__catalog_gate_{name} as {name};").unwrap();
    }
    out.push_str("}\n");
    out
}

/// `macros/src/catalog_names.rs`: the attribute's copy of every module's events and features.
pub fn macro_names(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str(
        "\n\n/// Velo module, its cargo feature, then the events the catalog declares for it, \
         each with\n/// the smallest feature that holds it.\n\
         pub const MODULES: &[ModuleNames] = &[\n",
    );
    for module in &catalog.modules {
        let mut events: Vec<(&str, &str)> = module
            .events
            .iter()
            .map(|e| (e.name.as_str(), e.feature.as_str()))
            .collect();
        events.sort_unstable();
        writeln!(
            out,
            "    ({:?}, {:?}, &[{}]),",
            module.velo,
            module.feature,
            events
                .iter()
                .map(|(e, f)| format!("({e:?}, {f:?})"))
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
        if module.parts.is_empty() {
            writeln!(out, "{} = []", module.feature).unwrap();
            continue;
        }
        writeln!(
            out,
            "## `{}`, every package of it.\n{} = [",
            module.velo, module.feature
        )
        .unwrap();
        for part in &module.parts {
            writeln!(out, "    \"{}\",", part.feature).unwrap();
        }
        out.push_str("]\n");
        for part in &module.parts {
            writeln!(
                out,
                "## `{}`: the events of `{}`.\n{} = []",
                module.velo, part.package, part.feature
            )
            .unwrap();
        }
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
            "\n## `{}`\n\nRust module `backend_events::{}`, feature `{}`{}.\n",
            module.velo,
            module.rust,
            module.feature,
            if module.parts.is_empty() {
                ""
            } else {
                " (the whole module; each event's own, one per package, is in the last column)"
            }
        )
        .unwrap();
        out.push_str(
            "| event | payload | `eventType` | shape | name | feature |\n|---|---|---|---|---|---|\n",
        );
        for event in &module.events {
            let (shape, naming) = match &event.source {
                Source::Generated(facts) => (facts.shape.as_str(), facts.naming.as_str()),
                Source::Handwritten { .. } => ("flat or as typed", "hand"),
            };
            writeln!(
                out,
                "| `{}` | `{}` | `{}` | {shape} | {naming} | `{}` |",
                event.name,
                event.payload,
                event.webhook.as_deref().unwrap_or("none (Velo only)"),
                event.feature
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

/// `tests/catalog/tests/catalog/generated/cases.rs`: the marker of every event, for the generic
/// catalog tests (which need each payload's type).
pub fn test_cases(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str("\n\n// The cases! list of tests/catalog/tests/catalog/generic.rs: every event of the catalog.\ncases! {\n");
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
