//! The lowest layer: a payload on its way from JSON to a handler. [`AnyPayload`] is a parsed
//! payload whose type only its handlers know; [`PayloadError`] says where a payload's JSON
//! failed to parse (JSON path, line and column, read off the text by `json_path`).

use std::any::Any;

use crate::json_path;

/// A payload after parsing, before it reaches the handler that knows its type.
pub type AnyPayload = Box<dyn Any + Send>;

/// Why a payload does not parse: where (JSON path, line, column) and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid payload for {module}.{event}: {message} at {}, line {line}, column {column}",
    describe_path(path)
)]
pub struct PayloadError {
    module: &'static str,
    event: &'static str,
    path: String,
    line: usize,
    column: usize,
    message: String,
}

fn describe_path(path: &str) -> String {
    if path == "." || path.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{path}`")
    }
}

impl PayloadError {
    /// Where in `bytes` the parse that failed with `error` went wrong: the path is read off
    /// the text at the error's position (see `json_path`), so no type is needed.
    pub(crate) fn locate(
        module: &'static str,
        event: &'static str,
        bytes: &[u8],
        error: serde_json::Error,
    ) -> PayloadError {
        let path = json_path::path_at(bytes, error.line(), error.column());
        let position = format!(" at line {} column {}", error.line(), error.column());
        let text = error.to_string();
        let message = text.strip_suffix(&position).unwrap_or(&text).to_owned();
        PayloadError {
            module,
            event,
            path,
            line: error.line(),
            column: error.column(),
            message,
        }
    }

    /// The event whose payload it was, as `module.event`.
    pub fn event(&self) -> String {
        format!("{}.{}", self.module, self.event)
    }

    /// The JSON path of the failing value, such as `entity.tickets[0].name` (`.` for the
    /// document itself).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The line of the failure, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the failure, from 1.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What was wrong, such as ``missing field `entityId` ``.
    pub fn message(&self) -> &str {
        &self.message
    }
}
