//! The whole built-in catalog, event by event, against its bundled samples: every event has one,
//! it dispatches, a round trip keeps everything it documents, and what the platform may add or
//! leave out never fails a delivery.
//!
//! The field-by-field checks a user's handler would make live in `tests/tests/modules/`.

use std::collections::BTreeSet;
use std::fmt::Debug;

use backend_events::{BackendEvent, DispatchError, Dispatcher, EventInfo};
use serde::Serialize;
use serde_json::Value;

/// One catalog event, with what the generic checks need of its payload type.
struct Case {
    info: &'static EventInfo,
    /// Parses a payload, serializes it, parses that again and checks both parses are equal;
    /// returns the serialized form.
    round_trip: fn(&str) -> Result<Value, String>,
}

fn case<E: BackendEvent>() -> Case
where
    E::Payload: Serialize + PartialEq + Debug,
{
    Case {
        info: E::INFO,
        round_trip: |json| {
            let first: E::Payload = serde_json::from_str(json).map_err(|e| e.to_string())?;
            let value = serde_json::to_value(&first).map_err(|e| e.to_string())?;
            let again: E::Payload =
                serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
            if first != again {
                return Err(format!("second parse differs:\n{first:#?}\n{again:#?}"));
            }
            Ok(value)
        },
    }
}

macro_rules! cases {
    ($( $module:ident :: $velo:ident { $($event:ident),* $(,)? } )*) => {
        vec![ $( $( case::<backend_events::$module::$velo::$event>(), )* )* ]
    };
}

/// Every event of the catalog: the list is generated with it.
fn cases() -> Vec<Case> {
    include!("generated/cases.rs")
}

fn sample(info: &EventInfo) -> &'static str {
    info.sample()
        .unwrap_or_else(|| panic!("{info} has no bundled sample"))
}

fn dispatch(info: &EventInfo, payload: &[u8]) -> Result<backend_events::Report, DispatchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(Dispatcher::new().dispatch(info.module(), info.name(), payload))
}

#[test]
fn the_cases_cover_every_event_of_the_catalog_and_each_bundles_a_sample() {
    let listed: BTreeSet<String> = cases().iter().map(|c| c.info.to_string()).collect();
    let modules: BTreeSet<&str> = cases().iter().map(|c| c.info.module()).collect();
    // Every event the runtime declares in those modules (a test crate may declare others).
    let declared: BTreeSet<String> = backend_events::events()
        .filter(|e| modules.contains(e.module()))
        .map(|e| e.to_string())
        .collect();
    assert_eq!(listed, declared);
    // And every event the attribute knows of.
    let names: &[(&str, &str)] = backend_events::__catalog_names!();
    assert_eq!(listed.len(), names.len());
    for case in cases() {
        let json: Value = serde_json::from_str(sample(case.info))
            .unwrap_or_else(|e| panic!("{}: the sample is not JSON: {e}", case.info));
        assert!(json.is_object(), "{}", case.info);
    }
}

#[test]
fn every_sample_dispatches() {
    for case in cases() {
        let report = dispatch(case.info, sample(case.info).as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", case.info));
        assert!(report.is_success(), "{report}");
    }
}

#[test]
fn a_round_trip_keeps_everything_the_sample_documents() {
    for case in cases() {
        let original: Value = serde_json::from_str(sample(case.info)).unwrap();
        let again =
            (case.round_trip)(sample(case.info)).unwrap_or_else(|e| panic!("{}: {e}", case.info));
        let mut lost = Vec::new();
        find_lost(&original, &again, String::new(), &mut lost);
        assert!(
            lost.is_empty(),
            "{}: the round trip lost or changed {lost:#?}",
            case.info
        );
    }
}

/// The keys read in either spelling (the wire's, Velo's) and written in Velo's.
const SPELLINGS: &[(&str, &str)] = &[
    ("id", "_id"),
    ("createdDate", "_createdDate"),
    ("updatedDate", "_updatedDate"),
    ("addressLine", "addressLine1"),
];

/// Collects the paths where `original` holds something `again` does not. A `null`, `[]` or `{}`
/// matches a missing field (the types skip empty values), two date-times match when they
/// name the same instant (`.000Z` and `Z` are one time), and a key sent in the wire's spelling
/// is found under Velo's (`id` as `_id`), which is what the types write.
fn find_lost(original: &Value, again: &Value, path: String, lost: &mut Vec<String>) {
    match (original, again) {
        (Value::Object(original), Value::Object(again)) => {
            for (key, value) in original {
                let path = format!("{path}.{key}");
                let velo = SPELLINGS
                    .iter()
                    .find(|(wire, _)| wire == key)
                    .map(|(_, velo)| *velo);
                match again.get(key).or_else(|| again.get(velo?)) {
                    Some(other) => find_lost(value, other, path, lost),
                    None if is_empty(value) => {}
                    None => lost.push(format!("{path}: missing")),
                }
            }
        }
        (Value::Array(original), Value::Array(again)) if original.len() == again.len() => {
            for (i, (value, other)) in original.iter().zip(again).enumerate() {
                find_lost(value, other, format!("{path}[{i}]"), lost);
            }
        }
        (Value::String(a), Value::String(b)) if same_instant(a, b) => {}
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        (a, b) => lost.push(format!("{path}: {a} became {b}")),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.is_empty(),
        _ => false,
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[test]
fn unknown_fields_at_every_depth_are_accepted() {
    for case in cases() {
        let mut value: Value = serde_json::from_str(sample(case.info)).unwrap();
        add_unknown_fields(&mut value);
        let payload = serde_json::to_vec(&value).unwrap();
        let report = dispatch(case.info, &payload).unwrap_or_else(|e| panic!("{e}"));
        assert!(report.is_success(), "{report}");
    }
}

fn add_unknown_fields(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            fields.values_mut().for_each(add_unknown_fields);
            // A generated sample writes a map as `{"key": ...}`: a new key there is a new entry
            // of the map's value type, not an unknown field.
            let is_map = fields.len() == 1 && fields.contains_key("key");
            if !is_map {
                // A string: it fits free-form maps of strings as well as any struct.
                fields.insert("zzNewField".into(), Value::from("added later"));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(add_unknown_fields),
        _ => {}
    }
}

/// Fields every delivery carries, by name: the ids that say what the event is about, the
/// envelope, and the values without which a structure means nothing. Any other field may be
/// left out by the platform without failing a delivery.
const ALWAYS_SENT: &[&str] = &[
    // the envelope and its identity
    "metadata",
    "entity",
    "data",
    "id",
    "_id",
    "entityId",
    "eventTime",
    // flat legacy payloads, and the ids of what their events are about
    "timestamp",
    "eventId",
    "orderId",
    "cartId",
    "fulfillmentId",
    "collectionId",
    "productId",
    "refundId",
    "postId",
    "commentId",
    "categoryId",
    // what an action event is about
    "order",
    "file",
    "payment",
    "fileInfo",
    "customer",
    // values of small structures
    "lat",
    "lng",
    "inputName",
    "number",
    "rgb",
    "r",
    "g",
    "b",
];

#[test]
fn any_field_but_the_always_sent_ones_can_be_left_out() {
    let mut required = BTreeSet::new();
    for case in cases() {
        let original: Value = serde_json::from_str(sample(case.info)).unwrap();
        for path in paths(&original) {
            let mut value = original.clone();
            remove(&mut value, &path);
            let payload = serde_json::to_vec(&value).unwrap();
            match dispatch(case.info, &payload) {
                Ok(report) => assert!(report.is_success(), "{report}"),
                Err(DispatchError::InvalidPayload(_)) => {
                    let key = path.last().unwrap();
                    if !ALWAYS_SENT.contains(&key.as_str()) {
                        required.insert(format!("{}: {}", case.info, path.join(".")));
                    }
                }
                Err(other) => panic!("{other}"),
            }
        }
    }
    assert!(
        required.is_empty(),
        "these fields are required but the platform may leave them out: {required:#?}"
    );
}

/// A deleted entity's webhook often carries only the metadata (`deletedEvent` without
/// `deletedEntity`): every deleted event takes such a delivery.
#[test]
fn a_deleted_event_with_only_its_metadata_dispatches() {
    let mut deleted = 0;
    for case in cases() {
        let deletes = case
            .info
            .webhook_type()
            .is_some_and(|t| t.ends_with("_deleted"));
        let mut value: Value = serde_json::from_str(sample(case.info)).unwrap();
        if !deletes || value.as_object_mut().unwrap().remove("entity").is_none() {
            continue;
        }
        deleted += 1;
        let payload = serde_json::to_vec(&value).unwrap();
        let report = dispatch(case.info, &payload)
            .unwrap_or_else(|e| panic!("{} without its entity: {e}", case.info));
        assert!(report.is_success(), "{report}");
    }
    assert!(deleted > 50, "only {deleted} deleted events were found");
}

/// The path of every object field, at every depth (array items are entered, and named by index).
fn paths(value: &Value) -> Vec<Vec<String>> {
    fn walk(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match value {
            Value::Object(fields) => {
                for (key, inner) in fields {
                    prefix.push(key.clone());
                    out.push(prefix.clone());
                    walk(inner, prefix, out);
                    prefix.pop();
                }
            }
            Value::Array(items) => {
                for (i, inner) in items.iter().enumerate() {
                    prefix.push(i.to_string());
                    walk(inner, prefix, out);
                    prefix.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn remove(value: &mut Value, path: &[String]) {
    let (last, parents) = path.split_last().unwrap();
    let mut at = value;
    for step in parents {
        at = match at {
            Value::Array(items) => &mut items[step.parse::<usize>().unwrap()],
            other => &mut other[step.as_str()],
        };
    }
    at.as_object_mut().unwrap().remove(last);
}
