//! The checked-in IR (`codegen/ir/*.json`, written by `codegen/extract/`): every event of every
//! pinned Wix package and every type its payload reaches, in the SDK (Velo) shape with the REST
//! (wire) spelling beside each field. `codegen/extract/IR-SCHEMA.md` describes the format.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

/// One package's file.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Package {
    /// The npm name, such as `@wix/auto_sdk_ecom_orders`.
    pub package: String,
    /// The exact version read.
    pub version: String,
    /// Its events.
    pub events: Vec<Event>,
    /// The types its events reach, SDK shape.
    pub types: Vec<TypeDecl>,
    /// REST-only types (the objects behind SDK strings such as images).
    #[serde(default)]
    pub rest_types: Vec<TypeDecl>,
}

/// One event of a package.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// The SDK's handler name, such as `onOrderCreated`.
    pub sdk_name: String,
    /// The webhook `eventType`.
    pub event_type: String,
    /// `created`, `updated`, `deleted`, `action` or `nonDomain`.
    pub shape: String,
    /// The SDK type of the whole delivery (`{metadata, entity}`), such as
    /// `OrderCreatedEnvelope`.
    #[serde(default)]
    pub envelope: Option<String>,
    /// The field of the envelope that holds the payload: `entity`, `data`, or none.
    pub payload_field: Option<String>,
    /// The SDK type of that field.
    pub payload_type: Option<String>,
    /// Whether the envelope declares that field optional (none without a payload field).
    #[serde(default)]
    pub payload_optional: Option<bool>,
    /// `EventMetadata` (domain events) or `BaseEventMetadata`.
    pub metadata_type: Option<String>,
    /// `@deprecated`.
    #[serde(default)]
    pub deprecated: bool,
    /// `@documentationMaturity`, such as `preview`.
    pub maturity: Option<String>,
    /// `@permissionId`: one, or several.
    pub permission_id: Option<OneOrMany>,
}

/// A tag given once or more than once.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// Once.
    One(String),
    /// More than once.
    Many(Vec<String>),
}

impl OneOrMany {
    /// Every value, in order.
    pub fn values(&self) -> Vec<String> {
        match self {
            OneOrMany::One(value) => vec![value.clone()],
            OneOrMany::Many(values) => values.clone(),
        }
    }
}

/// An interface, enum or alias.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDecl {
    /// The SDK name (the REST name for `restTypes`).
    pub name: String,
    /// `interface`, `enum` or `alias`.
    pub kind: String,
    /// The paired REST declaration's name.
    pub rest_name: Option<String>,
    /// Interface fields, base fields flattened in.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Enum values.
    #[serde(default)]
    pub values: Vec<String>,
    /// Enum values tagged deprecated.
    #[serde(default)]
    pub deprecated_values: Vec<String>,
    /// An alias's type.
    #[serde(rename = "type")]
    pub alias: Option<TypeRef>,
    /// For `XWithLiterals`: the enum it spells out.
    pub literals_of: Option<String>,
}

/// A field of an interface.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// The SDK (Velo) spelling; none for a field only the REST shape has.
    pub sdk_name: Option<String>,
    /// The wire spelling; none if the REST shape lacks it.
    pub rest_name: Option<String>,
    /// The SDK type; none for REST-only fields.
    #[serde(rename = "type")]
    pub sdk_type: Option<TypeRef>,
    /// The REST type, when it differs.
    pub rest_type: Option<TypeRef>,
    /// Machine tags: `format`, `decimalValue`, `readonly`, `deprecated`, `maxLength`...
    #[serde(default)]
    pub tags: Map<String, Value>,
}

/// The IR's type grammar.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TypeRef {
    /// A string.
    String,
    /// A number (integer or float: the typings do not say).
    Number,
    /// A boolean.
    Boolean,
    /// A timestamp.
    Date,
    /// Anything.
    Any,
    /// `null` or `undefined`.
    Null,
    /// A literal.
    Literal {
        /// Its value.
        value: Value,
    },
    /// An array.
    Array {
        /// Of what.
        of: Box<TypeRef>,
    },
    /// A map with string keys.
    Map {
        /// Of what.
        of: Box<TypeRef>,
    },
    /// A named type of the same file.
    Ref {
        /// Its name.
        name: String,
    },
    /// A union.
    Union {
        /// Its members.
        of: Vec<TypeRef>,
    },
    /// What the grammar knows but version 1's packages do not use.
    #[serde(other)]
    Other,
}

/// Every package file of `dir`, sorted by file name.
pub fn load(dir: &Path) -> Result<Vec<(String, Package)>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json") && name != "index.json")
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = dir.join(&name);
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let package: Package =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok((name.trim_end_matches(".json").to_owned(), package))
        })
        .collect()
}
