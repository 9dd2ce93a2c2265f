//! The runtime's files import only from the layers below them (README, "Layout"): every
//! `crate::` path in `runtime/src` is read off the source and checked against the layer order,
//! so that an import cycle cannot come back unnoticed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A file may use what its own module has, or a module of a lower
/// layer; modules on one line are one layer and may not use each other.
const LAYERS: &[&[&str]] = &[
    &["json_path", "suggest", "serde_helpers", "values", "media"],
    &["payload"],
    &["event", "metadata"],
    &["handler"],
    &["registry"],
    &["report"],
    &["call"],
    &["dispatch"],
    &["catalog"],
    &["accessors"],
    &["__private"],
    &["metrics"],
    &["webhook", "inbox"],
    &["http", "ops"],
    &["linger"],
    &["serve"],
    &["cli"],
];

/// The `#[macro_export]` macros, which live at the crate's root: the module that defines each.
fn macro_home(name: &str) -> Option<&'static str> {
    match name {
        "declare_module" | "__declare_module_option" => Some("event"),
        "__register_handler" => Some("registry"),
        _ if name.starts_with("__catalog_gate_") => Some("catalog"),
        _ => None,
    }
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src")
}

/// The source without its comment lines (docs name paths that are links, not imports).
fn code_of(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first segment of every path after `crate::` in `code` (each item of a `crate::{...}`
/// group), not counting `$crate::` in macro bodies.
fn crate_paths(code: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let macro_path = rest[..at].ends_with('$');
        rest = &rest[at + "crate::".len()..];
        if macro_path {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let (mut depth, mut item_start, mut end) = (0, 0, group.len());
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        end = i;
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        heads.push(ident_at(group[item_start..i].trim()).to_owned());
                        item_start = i + 1;
                    }
                    _ => {}
                }
            }
            let last = ident_at(group[item_start..end].trim());
            if !last.is_empty() {
                heads.push(last.to_owned());
            }
        } else {
            heads.push(ident_at(rest).to_owned());
        }
    }
    heads
}

/// What the crate's root re-exports, by name: the module each name comes from.
fn root_exports() -> HashMap<String, String> {
    let lib = code_of(&src().join("lib.rs"));
    let mut exports = HashMap::new();
    for statement in lib.split(';') {
        let Some(at) = statement.find("pub use ") else {
            continue;
        };
        let path = statement[at + "pub use ".len()..].trim();
        let module = ident_at(path).to_owned();
        let names = match path.find('{') {
            Some(open) => path[open + 1..path.rfind('}').unwrap()].to_owned(),
            None => path.rsplit("::").next().unwrap().to_owned(),
        };
        for name in names.split(',') {
            let name = name.trim();
            let name = name.rsplit(" as ").next().unwrap_or(name);
            if !name.is_empty() {
                exports.insert(name.to_owned(), module.clone());
            }
        }
    }
    exports
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_runtime_file_imports_only_from_the_layers_below_it() {
    let src = src();
    let exports = root_exports();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        if relative == Path::new("lib.rs") {
            continue;
        }
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        let own = layer_of(&module)
            .unwrap_or_else(|| panic!("{}: module `{module}` is in no layer", relative.display()));
        for head in crate_paths(&code_of(path)) {
            let target = if layer_of(&head).is_some() {
                head.clone()
            } else if let Some(home) = macro_home(&head) {
                home.to_owned()
            } else if let Some(home) = exports.get(&head) {
                home.clone()
            } else {
                panic!(
                    "{}: `crate::{head}` is neither a module nor a root re-export",
                    relative.display()
                );
            };
            if target == module {
                continue;
            }
            let theirs = layer_of(&target).unwrap();
            if theirs >= own {
                wrong.push(format!(
                    "{} (layer `{module}`) uses `crate::{head}` (layer `{target}`)",
                    relative.display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layer order:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_scan_reads_groups_and_skips_macro_paths() {
    let code = "use crate::{Dispatcher, inbox::{self, Inbox}, payload::X};\n\
                let x = crate::report::Report::new(); $crate::__private::y";
    assert_eq!(
        crate_paths(code),
        ["Dispatcher", "inbox", "payload", "report"]
    );
}
