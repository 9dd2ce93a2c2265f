//! The curated inputs, kept by hand: `codegen/curated/events.tsv` (every IR event's Velo module
//! and event name, with the evidence, and whether to generate it) and
//! `codegen/curated/handwritten.tsv` (the events typed by hand in the runtime, which take part in
//! the same name table, features and CATALOG.md).

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
