//! A sample payload for every generated event, built from its types in the Velo shape: every
//! field a handler can read, once (a list has one item, a map one entry, and each struct is
//! written out where it first appears only: trees of shared types such as rich content would
//! otherwise grow without bound), with values of the field's form (an id looks like an id, a
//! date like a date).

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::model::{EventDef, FieldDef, Generated, Module, RustTy, TypeDef, TypeKind};

/// The sample of a generated event, as pretty JSON with a trailing newline.
pub fn sample(module: &Module, event: &EventDef, facts: &Generated) -> String {
    let types: HashMap<&str, &TypeDef> =
        module.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut builder = Builder {
        types,
        written: HashSet::new(),
        ids: 0,
    };
    let mut payload = Map::new();
    let metadata = if facts.domain {
        json!({
            "id": builder.id(),
            "entityId": builder.id(),
            "eventTime": "2024-05-01T10:00:00.000Z",
            "triggeredByAnonymizeRequest": false,
        })
    } else {
        json!({
            "instanceId": builder.id(),
            "eventType": event.webhook.clone().unwrap_or_default(),
        })
    };
    payload.insert("metadata".to_owned(), metadata);
    if let Some((field, ty, _)) = &facts.body {
        payload.insert(field.clone(), builder.value(ty, field, &Map::new()));
    }
    let mut text =
        serde_json::to_string_pretty(&Value::Object(payload)).expect("JSON values print");
    text.push('\n');
    text
}

struct Builder<'a> {
    types: HashMap<&'a str, &'a TypeDef>,
    /// The structs written out so far: one met again is left out.
    written: HashSet<&'a str>,
    ids: u32,
}

impl<'a> Builder<'a> {
    fn id(&mut self) -> String {
        self.ids += 1;
        format!("00000000-0000-4000-8000-{:012}", self.ids)
    }

    fn value(&mut self, ty: &'a RustTy, name: &str, tags: &Map<String, Value>) -> Value {
        match ty {
            RustTy::String => Value::String(self.text(name, tags)),
            RustTy::Decimal => Value::String("10.50".to_owned()),
            RustTy::Number | RustTy::U8 | RustTy::U32 => json!(1),
            RustTy::F64 => json!(0.5),
            RustTy::Path(_) => Value::String("UNKNOWN".to_owned()),
            RustTy::U64 => Value::String("1".to_owned()),
            RustTy::Bool => Value::Bool(true),
            RustTy::Date => Value::String("2024-05-01T10:00:00.000Z".to_owned()),
            RustTy::Any => json!({"key": "value"}),
            RustTy::JsonMap => json!({"key": "value"}),
            RustTy::Map(of) => {
                let mut map = Map::new();
                map.insert("key".to_owned(), self.value(of, name, tags));
                Value::Object(map)
            }
            RustTy::Vec(of) => Value::Array(vec![self.value(of, name, tags)]),
            RustTy::Media(of) => Value::String(self.media(of)),
            RustTy::Named(type_name) => self.named(type_name).unwrap_or(Value::Null),
        }
    }

    /// A media string as the SDK writes it from an object of the type behind it: a part
    /// (a name, a poster, a duration) only where that type has the field it comes from.
    fn media(&self, of: &RustTy) -> String {
        let inner = match of {
            RustTy::Named(name) => self.types.get(name.as_str()),
            _ => None,
        };
        let has = |json: &str| {
            inner.is_some_and(|ty| match &ty.kind {
                TypeKind::Struct(fields) => fields.iter().any(|f| f.json == json),
                _ => false,
            })
        };
        let part = |json: &str, text: &'static str| if has(json) { text } else { "" };
        let poster = "#posterUri=11062b_poster.jpg&posterWidth=1920&posterHeight=1080";
        match inner.and_then(|ty| ty.media).unwrap_or_default() {
            "Video" => format!(
                "wix:video://v1/11062b_sample.mp4{}",
                part("thumbnail", poster)
            ),
            "VideoV2" => format!(
                "wix:video://v1/11062b_sample.mp4{}{}",
                part("filename", "/sample.mp4"),
                part("posters", poster)
            ),
            "Document" => format!(
                "wix:document://v1/11062b_sample.pdf{}",
                part("filename", "/sample.pdf")
            ),
            "Audio" => format!(
                "wix:audio://v1/11062b_sample.mp3{}#duration={}",
                part("filename", "/sample.mp3"),
                if has("duration") { "30" } else { "0" }
            ),
            "PageUrl" | "PageUrlV2" => "https://www.example.com/page".to_owned(),
            _ => {
                let name = if has("filename") || has("altText") {
                    "/sample.jpg"
                } else {
                    ""
                };
                format!("wix:image://v1/11062b_sample.jpg{name}#originWidth=800&originHeight=600")
            }
        }
    }

    fn named(&mut self, name: &str) -> Option<Value> {
        let ty = *self.types.get(name)?;
        match &ty.kind {
            TypeKind::Enum(variants) => {
                let chosen = variants
                    .iter()
                    .find(|v| !is_placeholder(&v.value))
                    .or(variants.first())?;
                Some(Value::String(chosen.value.clone()))
            }
            TypeKind::Media { inner, .. } => Some(Value::String(self.media(inner))),
            TypeKind::Struct(fields) => {
                if !self.written.insert(&ty.name) {
                    return None;
                }
                let mut object = Map::new();
                for field in fields {
                    if let Some(value) = self.field(field) {
                        object.insert(field.json.clone(), value);
                    }
                }
                Some(Value::Object(object))
            }
        }
    }

    fn field(&mut self, field: &'a FieldDef) -> Option<Value> {
        let value = self.value(&field.ty, &field.json, &field.tags);
        match value {
            Value::Null => None,
            Value::Array(items) if items.iter().all(Value::is_null) => None,
            value => Some(value),
        }
    }

    /// Text of the field's form: by its format tag, else by its name.
    fn text(&mut self, name: &str, tags: &Map<String, Value>) -> String {
        let format = tags.get("format").and_then(Value::as_str).unwrap_or("");
        let lower = name.to_ascii_lowercase();
        match format {
            "GUID" => return self.id(),
            "EMAIL" => return "jane.doe@example.com".to_owned(),
            "WEB_URL" | "URL" => return "https://www.example.com".to_owned(),
            "PHONE" => return "+1 555 0100".to_owned(),
            "COUNTRY" => return "US".to_owned(),
            "CURRENCY" => return "USD".to_owned(),
            "LANGUAGE" | "LANGUAGE_TAG" => return "en".to_owned(),
            "HOSTNAME" => return "www.example.com".to_owned(),
            "COLOR_HEX" => return "#336699".to_owned(),
            "LOCAL_DATE" => return "2024-05-01".to_owned(),
            "LOCAL_TIME" => return "10:00".to_owned(),
            "LOCAL_DATE_TIME" => return "2024-05-01T10:00:00".to_owned(),
            _ => {}
        }
        if lower.ends_with("id") || lower.ends_with("ids") {
            self.id()
        } else if lower.contains("email") {
            "jane.doe@example.com".to_owned()
        } else if lower.contains("url") {
            "https://www.example.com".to_owned()
        } else if lower.contains("currency") {
            "USD".to_owned()
        } else if lower.contains("phone") {
            "+1 555 0100".to_owned()
        } else if lower.contains("country") {
            "US".to_owned()
        } else if lower.contains("date") || lower.contains("time") {
            "2024-05-01T10:00:00.000Z".to_owned()
        } else {
            format!("Sample {}", name.trim_start_matches('_'))
        }
    }
}

/// `UNKNOWN_STATUS`, `UNDEFINED`...: the values a real delivery carries least.
fn is_placeholder(value: &str) -> bool {
    let upper = value.to_ascii_uppercase();
    upper.starts_with("UNKNOWN")
        || upper.starts_with("UNDEFINED")
        || upper.starts_with("UNSPECIFIED")
}
