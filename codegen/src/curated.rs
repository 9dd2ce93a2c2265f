//! The curated inputs, kept by hand: `codegen/curated/events.tsv` (every IR event's Velo module
//! and event name, with the evidence, and whether to generate it),
//! `codegen/curated/handwritten.tsv` (the events typed by hand in the runtime, which take part in
//! the same name table, features and CATALOG.md), `codegen/curated/overrides.tsv` (where real
//! deliveries correct the typings), `codegen/curated/samples.tsv` (the generated events whose
//! sample is a documented one), `codegen/curated/references.tsv` (reference pages the naming
//! evidence does not link) and `codegen/curated/docs/` (a module's docs, where it has more to
//! say than its table).

use std::path::Path;

/// What to do with an IR event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Generate its payload type and declare it.
    Generate,
    /// Typed by hand in the runtime (listed in `handwritten.tsv`).
    Handwritten,
    /// The same `eventType` as another package's event, which is generated instead.
    Duplicate,
}

/// A row of `events.tsv`.
#[derive(Debug, Clone)]
pub struct Naming {
    /// The IR file (package) it is in.
    pub package: String,
    /// The SDK's handler name.
    pub sdk_name: String,
    /// The webhook `eventType`.
    pub event_type: String,
    /// The Velo module.
    pub module: String,
    /// The event.
    pub event: String,
    /// `velo`, `derived` or `lifecycle`.
    pub source: String,
    /// What to do.
    pub action: Action,
    /// Where the name comes from.
    pub evidence: String,
}

/// A row of `handwritten.tsv`: an event typed by hand in `runtime/src/catalog/`.
#[derive(Debug, Clone)]
pub struct Handwritten {
    /// The Velo module.
    pub module: String,
    /// The event.
    pub event: String,
    /// Its payload type, in its module.
    pub payload: String,
    /// The webhook `eventType`, if a webhook delivers it.
    pub webhook: Option<String>,
    /// Its sample, relative to `runtime/samples/`.
    pub sample: String,
    /// One line of docs.
    pub doc: String,
    /// The generated webhook event (`module.event`) that delivers the same happening, if any.
    pub twin: Option<String>,
}

fn rows(path: &Path, columns: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    if header != columns {
        return Err(format!(
            "{}: the header must be {columns:?}, not {header:?}",
            path.display()
        ));
    }
    lines
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
            if cells.len() != columns.len() {
                return Err(format!(
                    "{}:{}: {} cells, expected {}",
                    path.display(),
                    i + 2,
                    cells.len(),
                    columns.len()
                ));
            }
            Ok(cells)
        })
        .collect()
}

/// Reads `events.tsv`.
pub fn namings(path: &Path) -> Result<Vec<Naming>, String> {
    let columns = [
        "package",
        "sdk_name",
        "event_type",
        "module",
        "event",
        "source",
        "action",
        "evidence",
    ];
    rows(path, &columns)?
        .into_iter()
        .map(|cells| {
            let action = match cells[6].as_str() {
                "generate" => Action::Generate,
                "handwritten" => Action::Handwritten,
                "duplicate" => Action::Duplicate,
                other => {
                    return Err(format!(
                        "{}: unknown action `{other}` for {}.{}",
                        path.display(),
                        cells[0],
                        cells[1]
                    ));
                }
            };
            let [
                package,
                sdk_name,
                event_type,
                module,
                event,
                source,
                _,
                evidence,
            ] = <[String; 8]>::try_from(cells).expect("checked above");
            Ok(Naming {
                package,
                sdk_name,
                event_type,
                module,
                event,
                source,
                action,
                evidence,
            })
        })
        .collect()
}

/// Reads `handwritten.tsv`.
pub fn handwritten(path: &Path) -> Result<Vec<Handwritten>, String> {
    let columns = [
        "module", "event", "payload", "webhook", "sample", "doc", "twin",
    ];
    Ok(rows(path, &columns)?
        .into_iter()
        .map(|cells| {
            let [module, event, payload, webhook, sample, doc, twin] =
                <[String; 7]>::try_from(cells).expect("checked above");
            Handwritten {
                module,
                event,
                payload,
                webhook: (!webhook.is_empty() && webhook != "-").then_some(webhook),
                sample,
                doc,
                twin: (!twin.is_empty() && twin != "-").then_some(twin),
            }
        })
        .collect())
}

/// A row of `overrides.tsv`: one correction of a type of the typings, with its evidence.
#[derive(Debug, Clone)]
pub struct Override {
    /// The IR file (package) declaring the type.
    pub package: String,
    /// The type's SDK name.
    pub type_name: String,
    /// The field's Velo name (`-` for the type itself).
    pub field: Option<String>,
    /// The correction.
    pub change: Change,
    /// Why: the delivery, sample or page that shows it.
    pub evidence: String,
}

/// What an override changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The type's Rust name.
    Rename(String),
    /// The field's Rust name.
    RenameField(String),
    /// The Rust name of the enum's value given as the field.
    Variant(String),
    /// A value the typings lack, given as the field, with this Rust name.
    Value(String),
    /// A closed set the typings lack, of these values.
    Enum(Vec<String>),
    /// A struct the typings lack, of these fields (Velo name, IR type: `string`, `number`,
    /// `boolean`, `date` or a type of the package, `[]` for a list).
    Struct(Vec<(String, String)>),
    /// The field is always sent: a delivery without it is refused.
    Required,
    /// The field is read as its type's default (`false`, `0`, empty) when absent.
    AbsentIsDefault,
    /// The field's number is an integer of this kind (`u32`, or `u64` as a number or digits).
    Integer(String),
    /// A field the typings lack, of this type (`string`, `bool`, `u8`, `u32`, `u64`, `f64`,
    /// `date`, `json`, `rust:PATH` for a type of the runtime, or the name of a type of the
    /// package, each with `[]` for a list).
    Add(String),
    /// The field's type, replaced (same grammar as `Add`).
    Type(String),
    /// The field's Velo spelling; the typings' becomes the other one read.
    Spelling(String),
    /// The other spelling read beside Velo's (the wire's), or none: where the typings give two
    /// fields one wire name, each keeps its own.
    Wire(Option<String>),
    /// The field's media (a string in Velo, an object in REST) as an enum of its own: its name
    /// and its two variants' names.
    Media {
        /// The enum's name.
        name: String,
        /// The variant of the string form.
        uri: String,
        /// The variant of the object form.
        object: String,
    },
}

/// Reads `overrides.tsv`.
pub fn overrides(path: &Path) -> Result<Vec<Override>, String> {
    let columns = ["package", "type", "field", "override", "value", "evidence"];
    rows(path, &columns)?
        .into_iter()
        .map(|cells| {
            let [package, type_name, field, kind, value, evidence] =
                <[String; 6]>::try_from(cells).expect("checked above");
            let has_field = field != "-";
            let change = match (kind.as_str(), value.as_str()) {
                ("rename", name) if !name.is_empty() && name != "-" && has_field => {
                    Change::RenameField(name.to_owned())
                }
                ("rename", name) if !name.is_empty() && name != "-" => {
                    Change::Rename(name.to_owned())
                }
                ("variant", name) if !name.is_empty() && name != "-" => {
                    Change::Variant(name.to_owned())
                }
                ("value", name) if !name.is_empty() && name != "-" => {
                    Change::Value(name.to_owned())
                }
                ("enum", values) if !values.is_empty() && values != "-" => {
                    Change::Enum(values.split('|').map(str::to_owned).collect())
                }
                ("struct", fields) if !fields.is_empty() && fields != "-" => Change::Struct(
                    fields
                        .split('|')
                        .map(|f| {
                            let (name, ty) = f.split_once(':').unwrap_or((f, ""));
                            (name.to_owned(), ty.to_owned())
                        })
                        .collect(),
                ),
                ("required", "-") => Change::Required,
                ("absent-is-default", "-") => Change::AbsentIsDefault,
                ("integer", kind @ ("u32" | "u64")) => Change::Integer(kind.to_owned()),
                ("add", ty) if !ty.is_empty() && ty != "-" => Change::Add(ty.to_owned()),
                ("type", ty) if !ty.is_empty() && ty != "-" => Change::Type(ty.to_owned()),
                ("spelling", name) if !name.is_empty() && name != "-" => {
                    Change::Spelling(name.to_owned())
                }
                ("wire", "-") => Change::Wire(None),
                ("wire", name) if !name.is_empty() => Change::Wire(Some(name.to_owned())),
                ("media", spec)
                    if let Some((name, (uri, object))) = spec
                        .split_once(':')
                        .and_then(|(n, v)| Some((n, v.split_once('|')?))) =>
                {
                    Change::Media {
                        name: name.to_owned(),
                        uri: uri.to_owned(),
                        object: object.to_owned(),
                    }
                }
                _ => {
                    return Err(format!(
                        "{}: `{kind}` `{value}` on {package} {type_name}.{field}: the overrides \
                         are `rename NAME`, `variant NAME`, `value NAME`, `enum A|B`, `struct a:TYPE|b:TYPE`, \
                         `required -`, `absent-is-default -`, `integer u32|u64`, `add TYPE`, \
                         `type TYPE`, `spelling NAME`, `wire NAME|-` and `media NAME:Uri|Object`",
                        path.display()
                    ));
                }
            };
            let field = has_field.then_some(field);
            let of_type = matches!(
                change,
                Change::Rename(_) | Change::Enum(_) | Change::Struct(_)
            );
            if field.is_some() == of_type {
                return Err(format!(
                    "{}: {package} {type_name}: `{kind}` is for {}",
                    path.display(),
                    if field.is_some() {
                        "a type (field `-`)"
                    } else {
                        "a field"
                    }
                ));
            }
            if evidence.trim().is_empty() {
                return Err(format!(
                    "{}: {package} {type_name}: an override needs its evidence",
                    path.display()
                ));
            }
            Ok(Override {
                package,
                type_name,
                field,
                change,
                evidence,
            })
        })
        .collect()
}

/// A row of `samples.tsv`: a generated event whose sample is a documented one, kept in
/// `runtime/samples/` instead of one built from the types.
#[derive(Debug, Clone)]
pub struct DocumentedSample {
    /// The Velo module.
    pub module: String,
    /// The event.
    pub event: String,
    /// The file, relative to `runtime/samples/`.
    pub sample: String,
    /// Where it comes from, for the event's docs.
    pub evidence: String,
}

/// Reads `samples.tsv`.
pub fn documented_samples(path: &Path) -> Result<Vec<DocumentedSample>, String> {
    let columns = ["module", "event", "sample", "evidence"];
    Ok(rows(path, &columns)?
        .into_iter()
        .map(|cells| {
            let [module, event, sample, evidence] =
                <[String; 4]>::try_from(cells).expect("checked above");
            DocumentedSample {
                module,
                event,
                sample,
                evidence,
            }
        })
        .collect())
}

/// A row of `references.tsv`: the reference page of a generated event, where the naming
/// evidence does not already link it.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The IR package (`ecom_orders`).
    pub package: String,
    /// The SDK handler name (`onOrderApproved`).
    pub sdk_name: String,
    /// The page.
    pub url: String,
}

/// Reads `references.tsv`; its `evidence` column (how the page was found) is for reviewers.
pub fn references(path: &Path) -> Result<Vec<Reference>, String> {
    let columns = ["package", "sdk_name", "url", "evidence"];
    Ok(rows(path, &columns)?
        .into_iter()
        .map(|cells| {
            let [package, sdk_name, url, _evidence] =
                <[String; 4]>::try_from(cells).expect("checked above");
            Reference {
                package,
                sdk_name,
                url,
            }
        })
        .collect())
}

/// The first web address in an evidence text.
pub fn first_url(text: &str) -> Option<&str> {
    let start = text.find("https://")?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ')' || c == ',' || c == ';')
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The docs of each module that `docs/<velo module>.md` gives, by Velo module.
pub fn module_docs(dir: &Path) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut docs = std::collections::BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(docs);
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(module) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".md"))
        else {
            continue;
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        docs.insert(module.to_owned(), text);
    }
    Ok(docs)
}
