//! The layers inside a verified token, and the Velo-shaped payload built from them.
//!
//! - the `data` claim: `{eventType, instanceId, data, identity, accountInfo}`, where `data` and
//!   `identity` are JSON strings (objects are accepted too);
//! - the domain event in it: `{id, entityId, eventTime, ..., createdEvent | updatedEvent |
//!   deletedEvent | actionEvent}`, whose entity or body is an object or a JSON string
//!   (`entityAsJson`, `currentEntityAsJson`, `bodyAsJson`);
//! - the payload a handler receives, as Velo passes it: `{metadata, entity}` or
//!   `{metadata, data}`, the metadata holding the domain event's fields and the delivery's.
//!
//! Entities are carried as raw JSON text from the token to the payload: they are parsed once,
//! by the dispatcher, into the event's payload type.

use std::borrow::Cow;

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::error::WebhookError;
use super::token::TokenTimes;

/// The first layer inside a verified token, decoded: the delivery's `eventType` and instance,
/// with the layers inside still undecoded.
///
/// It is what a receiver reads to tell a delivery it must handle from one to ignore (an
/// `eventType` no declared event has, such as the app-lifecycle events every app receives)
/// before it pays for, or fails on, the rest: [`decode`](Self::decode) then unwraps the other
/// layers into a [`Delivery`].
pub struct Envelope {
    outer: Outer,
    token: Option<TokenTimes>,
}

impl Envelope {
    /// Decodes the `data` claim of a verified token, given as JSON text: a JSON string holding
    /// the layer (as the platform sends it) or the layer's object itself.
    ///
    /// This does not verify anything: deliveries from the network go through
    /// [`Verifier::envelope`](super::Verifier::envelope) or
    /// [`Verifier::open`](super::Verifier::open).
    pub fn parse(data: &str) -> Result<Envelope, WebhookError> {
        Self::from_layer(&layer_text(data, "data")?)
    }

    /// Decodes the layer inside the `data` claim, given as its own JSON text (the contents of
    /// the claim's string).
    pub(super) fn from_layer(text: &str) -> Result<Envelope, WebhookError> {
        let malformed = |e| WebhookError::malformed("data", e);
        let mut outer: Outer = serde_json::from_str(text).map_err(malformed)?;
        if let Layer::Pending = outer.data {
            // Not a string: read again, as raw JSON.
            #[derive(Deserialize)]
            struct Data {
                data: Box<RawValue>,
            }
            let data: Data = serde_json::from_str(text).map_err(malformed)?;
            outer.data = Layer::Raw(data.data);
        }
        Ok(Envelope { outer, token: None })
    }

    /// The same envelope, brought by a token with these times.
    pub(super) fn with_token(mut self, times: TokenTimes) -> Envelope {
        self.token = Some(times);
        self
    }

    /// The time claims of the token that brought it; `None` when it was not read from a
    /// verified token ([`parse`](Self::parse)).
    pub fn token(&self) -> Option<TokenTimes> {
        self.token
    }

    /// The webhook's `eventType`, such as `wix.events.v2.policy_updated`.
    pub fn event_type(&self) -> &str {
        &self.outer.event_type
    }

    /// The app instance (site) the delivery is about.
    pub fn instance_id(&self) -> Option<&str> {
        self.outer.instance_id.as_deref()
    }

    /// The domain event's id, read from the inner layer as far as it decodes; `None` when it
    /// has none or does not decode (for logging a delivery that is ignored).
    pub fn event_id(&self) -> Option<String> {
        serde_json::from_str::<IdOnly>(self.outer.data.text())
            .ok()
            .and_then(|event| event.id)
    }

    /// Unwraps the layers inside and builds the payload a handler receives: a domain event
    /// (`createdEvent`, `updatedEvent`, `deletedEvent`, `actionEvent`) becomes
    /// `{metadata, entity}` or `{metadata, data}`; any other body becomes `{metadata, data}`
    /// with the body as `data`. Entities are carried as raw JSON text: they are parsed once,
    /// into the event's payload type, by whoever dispatches the delivery.
    pub fn decode(&self) -> Result<Delivery, WebhookError> {
        let outer = &self.outer;
        let inner = outer.data.text();
        let event: DomainEvent =
            serde_json::from_str(inner).map_err(|e| WebhookError::malformed("data.data", e))?;
        let identity = optional_layer(outer.identity.as_deref(), "data.identity")?;
        let account_info = optional_layer(outer.account_info.as_deref(), "data.accountInfo")?;
        let (entity, data, modified_fields) = event.body(inner)?;
        let payload = VeloPayload {
            metadata: Metadata {
                id: event.id.as_deref(),
                entity_id: event.entity_id.as_deref(),
                event_time: event.event_time.as_deref(),
                triggered_by_anonymize_request: event.triggered_by_anonymize_request,
                instance_id: outer.instance_id.as_deref(),
                event_type: &outer.event_type,
                identity: identity.as_deref(),
                account_info: account_info.as_deref(),
                entity_fqdn: event.entity_fqdn.as_deref(),
                slug: event.slug.as_deref(),
                originated_from: event.originated_from.as_deref(),
                entity_event_sequence: event.entity_event_sequence,
            },
            entity: entity.as_deref(),
            data: data.as_deref(),
            modified_fields: modified_fields.as_deref(),
        };
        // The payload is about as long as the layer it comes from: one allocation, not a few.
        let mut bytes = Vec::with_capacity(inner.len() + 512);
        serde_json::to_writer(&mut bytes, &payload)
            .map_err(|e| WebhookError::malformed("data", e))?;
        let payload = bytes;
        Ok(Delivery {
            token: self.token,
            event_id: event.id.map(Cow::into_owned),
            event_type: outer.event_type.clone(),
            instance_id: outer.instance_id.clone(),
            payload,
        })
    }
}

impl std::fmt::Debug for Envelope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Envelope")
            .field("event_type", &self.outer.event_type)
            .field("instance_id", &self.outer.instance_id)
            .finish_non_exhaustive()
    }
}

/// A verified, decoded delivery: its ids and the payload its handlers receive. Which declared
/// event it is, is the receiver's to look up
/// ([`Dispatcher::webhook_event`](crate::Dispatcher::webhook_event) of its
/// [`event_type`](Self::event_type)): decoding reads no table.
#[derive(Clone)]
pub struct Delivery {
    token: Option<TokenTimes>,
    event_id: Option<String>,
    event_type: String,
    instance_id: Option<String>,
    payload: Vec<u8>,
}

impl Delivery {
    /// Decodes the `data` claim of a verified token, given as JSON text, through every layer:
    /// [`Envelope::parse`], then [`Envelope::decode`].
    ///
    /// This does not verify anything: deliveries from the network go through
    /// [`Verifier::open`](super::Verifier::open).
    pub fn decode(data: &str) -> Result<Delivery, WebhookError> {
        Envelope::parse(data)?.decode()
    }

    /// The domain event's id, the same for every resend of one delivery; `None` for a body
    /// that is not a domain event and has none.
    pub fn event_id(&self) -> Option<&str> {
        self.event_id.as_deref()
    }

    /// The webhook's `eventType`, such as `wix.events.v2.policy_updated`.
    pub fn event_type(&self) -> &str {
        &self.event_type
    }

    /// The app instance (site) the delivery is about.
    pub fn instance_id(&self) -> Option<&str> {
        self.instance_id.as_deref()
    }

    /// The payload as Velo passes it to a handler, as JSON: what the
    /// [`Dispatcher`](crate::Dispatcher) takes.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The time claims of the token that brought it: the inbox remembers its id until the
    /// token expires. `None` when it was not read from a verified token
    /// ([`decode`](Self::decode)).
    pub fn token(&self) -> Option<TokenTimes> {
        self.token
    }
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("event_id", &self.event_id)
            .field("event_type", &self.event_type)
            .field("instance_id", &self.instance_id)
            .field("token", &self.token)
            .field("payload", &String::from_utf8_lossy(&self.payload))
            .finish()
    }
}

/// Just the id of a domain event, read from a delivery that is otherwise ignored.
#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<String>,
}

fn optional_layer<'a>(
    raw: Option<&'a RawValue>,
    name: &'static str,
) -> Result<Option<Cow<'a, RawValue>>, WebhookError> {
    raw.map(|raw| layer(raw, name)).transpose()
}

/// A layer inside the token, as it came: the contents of a JSON string (how the platform sends
/// its layers), read in one pass, or any other JSON value as raw text.
pub(super) enum Layer {
    /// A JSON string's contents: the layer's own JSON text.
    Text(String),
    /// Any other JSON value, as its text.
    Raw(Box<RawValue>),
    /// Any other JSON value, skipped: the caller reads it again, as [`Layer::Raw`].
    Pending,
}

impl Layer {
    /// The layer's JSON text.
    fn text(&self) -> &str {
        match self {
            Layer::Text(text) => text,
            Layer::Raw(raw) => raw.get(),
            Layer::Pending => "",
        }
    }
}

impl<'de> Deserialize<'de> for Layer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Layer, D::Error> {
        deserializer.deserialize_any(LayerVisitor)
    }
}

/// Keeps a string's contents; skips any other value, leaving it [`Layer::Pending`].
struct LayerVisitor;

impl<'de> Visitor<'de> for LayerVisitor {
    type Value = Layer;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E>(self, text: &str) -> Result<Layer, E> {
        Ok(Layer::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<Layer, E> {
        Ok(Layer::Text(text))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Layer, E> {
        Ok(Layer::Pending)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Layer, E> {
        Ok(Layer::Pending)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Layer, E> {
        Ok(Layer::Pending)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Layer, E> {
        Ok(Layer::Pending)
    }

    fn visit_unit<E>(self) -> Result<Layer, E> {
        Ok(Layer::Pending)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Layer, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Layer::Pending)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Layer, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Layer::Pending)
    }
}

/// The text of a layer that is either a JSON value or a JSON string holding one: the string's
/// contents, or the value's own text. It is not checked here: parsing it into its type is.
fn layer_text<'a>(text: &'a str, name: &'static str) -> Result<Cow<'a, str>, WebhookError> {
    let text = text.trim_ascii();
    if text.starts_with('"') {
        let inner: String =
            serde_json::from_str(text).map_err(|e| WebhookError::malformed(name, e))?;
        Ok(Cow::Owned(inner))
    } else {
        Ok(Cow::Borrowed(text))
    }
}

/// A layer that is either a JSON object or a JSON string holding one.
fn layer<'a>(raw: &'a RawValue, name: &'static str) -> Result<Cow<'a, RawValue>, WebhookError> {
    let text = raw.get();
    if text.starts_with('"') {
        let inner: String =
            serde_json::from_str(text).map_err(|e| WebhookError::malformed(name, e))?;
        let inner = RawValue::from_string(inner).map_err(|e| WebhookError::malformed(name, e))?;
        Ok(Cow::Owned(inner))
    } else {
        Ok(Cow::Borrowed(raw))
    }
}

/// `A` or `AAsJson`, whichever is there, as JSON.
fn either<'a>(
    value: Option<&'a RawValue>,
    as_json: Option<&'a RawValue>,
    name: &'static str,
) -> Result<Option<Cow<'a, RawValue>>, WebhookError> {
    value.or(as_json).map(|raw| layer(raw, name)).transpose()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outer {
    event_type: String,
    #[serde(default)]
    instance_id: Option<String>,
    data: Layer,
    #[serde(default)]
    identity: Option<Box<RawValue>>,
    #[serde(default)]
    account_info: Option<Box<RawValue>>,
}

/// The domain event, read from the layer's text: what can be is borrowed from it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DomainEvent<'a> {
    #[serde(default, borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    entity_id: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    event_time: Option<Cow<'a, str>>,
    #[serde(default)]
    triggered_by_anonymize_request: Option<bool>,
    #[serde(default, borrow)]
    entity_fqdn: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    slug: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    originated_from: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    entity_event_sequence: Option<&'a RawValue>,
    #[serde(default, borrow)]
    created_event: Option<Created<'a>>,
    #[serde(default, borrow)]
    updated_event: Option<Updated<'a>>,
    #[serde(default, borrow)]
    deleted_event: Option<Deleted<'a>>,
    #[serde(default, borrow)]
    action_event: Option<Action<'a>>,
}

type Body<'a> = (
    Option<Cow<'a, RawValue>>,
    Option<Cow<'a, RawValue>>,
    Option<Cow<'a, RawValue>>,
);

impl<'a> DomainEvent<'a> {
    /// `(entity, data, modifiedFields)` of the handler's object, by the kind of event; `inner`
    /// is this event's own JSON, the `data` of a body that is not a domain event.
    fn body(&self, inner: &str) -> Result<Body<'a>, WebhookError> {
        let kinds = [
            self.created_event.is_some(),
            self.updated_event.is_some(),
            self.deleted_event.is_some(),
            self.action_event.is_some(),
        ];
        match kinds.iter().filter(|kind| **kind).count() {
            0 => {
                let data = RawValue::from_string(inner.to_owned())
                    .map_err(|e| WebhookError::malformed("data.data", e))?;
                return Ok((None, Some(Cow::Owned(data)), None));
            }
            1 => {}
            _ => {
                return Err(WebhookError::malformed(
                    "data.data",
                    "more than one of createdEvent, updatedEvent, deletedEvent, actionEvent",
                ));
            }
        }
        if self.id.is_none() {
            return Err(WebhookError::malformed("data.data", "missing field `id`"));
        }
        if let Some(created) = &self.created_event {
            let entity = either(
                created.entity,
                created.entity_as_json,
                "createdEvent.entity",
            )?;
            return Ok((entity, None, None));
        }
        if let Some(updated) = &self.updated_event {
            let entity = either(
                updated.current_entity,
                updated.current_entity_as_json,
                "updatedEvent.currentEntity",
            )?;
            let modified = optional_layer(updated.modified_fields, "updatedEvent.modifiedFields")?;
            return Ok((entity, None, modified));
        }
        if let Some(deleted) = &self.deleted_event {
            let entity = either(
                deleted.deleted_entity,
                deleted.deleted_entity_as_json,
                "deletedEvent.deletedEntity",
            )?;
            return Ok((entity, None, None));
        }
        let body = match &self.action_event {
            Some(action) => either(action.body, action.body_as_json, "actionEvent.body")?,
            None => None,
        };
        Ok((None, body, None))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Created<'a> {
    #[serde(default, borrow)]
    entity: Option<&'a RawValue>,
    #[serde(default, borrow)]
    entity_as_json: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Updated<'a> {
    #[serde(default, borrow)]
    current_entity: Option<&'a RawValue>,
    #[serde(default, borrow)]
    current_entity_as_json: Option<&'a RawValue>,
    #[serde(default, borrow)]
    modified_fields: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Deleted<'a> {
    #[serde(default, borrow)]
    deleted_entity: Option<&'a RawValue>,
    #[serde(default, borrow)]
    deleted_entity_as_json: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Action<'a> {
    #[serde(default, borrow)]
    body: Option<&'a RawValue>,
    #[serde(default, borrow)]
    body_as_json: Option<&'a RawValue>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VeloPayload<'a> {
    metadata: Metadata<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified_fields: Option<&'a RawValue>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Metadata<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_time: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    triggered_by_anonymize_request: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_id: Option<&'a str>,
    event_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identity: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_info: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_fqdn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    originated_from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_event_sequence: Option<&'a RawValue>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn payload(delivery: &Delivery) -> Value {
        serde_json::from_slice(delivery.payload()).unwrap()
    }

    fn outer(event: Value) -> Value {
        json!({
            "eventType": "wix.events.v2.policy_updated",
            "instanceId": "inst-1",
            "data": event.to_string(),
            "identity": json!({"identityType": "WIX_USER", "wixUserId": "u-1"}).to_string(),
            "accountInfo": {"accountId": "a-1"},
        })
    }

    #[test]
    fn the_data_claim_may_be_a_string_or_an_object() {
        let event = json!({"id": "e-1", "entityId": "p-1", "eventTime": "2024-01-01T00:00:00Z",
            "updatedEvent": {"currentEntityAsJson": "{\"_id\": \"p-1\"}", "modifiedFields": {"name": "old"}}});
        let as_object = Delivery::decode(&outer(event.clone()).to_string()).unwrap();
        let as_string =
            Delivery::decode(&Value::from(outer(event).to_string()).to_string()).unwrap();
        assert_eq!(as_object.payload(), as_string.payload());
        assert_eq!(as_object.event_id(), Some("e-1"));
        assert_eq!(as_object.instance_id(), Some("inst-1"));
        assert_eq!(
            crate::Dispatcher::new()
                .webhook_event(as_object.event_type())
                .unwrap()
                .to_string(),
            "wixEvents.onPolicyUpdated"
        );
        assert_eq!(
            payload(&as_object),
            json!({
                "metadata": {
                    "id": "e-1", "entityId": "p-1", "eventTime": "2024-01-01T00:00:00Z",
                    "instanceId": "inst-1", "eventType": "wix.events.v2.policy_updated",
                    "identity": {"identityType": "WIX_USER", "wixUserId": "u-1"},
                    "accountInfo": {"accountId": "a-1"},
                },
                "entity": {"_id": "p-1"},
                "modifiedFields": {"name": "old"},
            })
        );
    }

    #[test]
    fn a_deleted_event_without_its_entity_has_metadata_only() {
        let event = json!({"id": "e-2", "entityId": "p-2", "eventTime": "2024-01-01T00:00:00Z",
            "deletedEvent": {"movedToTrash": true}});
        let delivery = Delivery::decode(&outer(event).to_string()).unwrap();
        let payload = payload(&delivery);
        assert!(payload.get("entity").is_none());
        assert_eq!(payload["metadata"]["entityId"], "p-2");
    }

    #[test]
    fn malformed_layers_name_the_layer() {
        let error = |data: &str| match Delivery::decode(data).unwrap_err() {
            WebhookError::Malformed { layer, .. } => layer,
            other => panic!("{other}"),
        };
        assert_eq!(error("["), "data");
        assert_eq!(error("\"not json\""), "data");
        let policy = "wix.events.v2.policy_updated";
        assert_eq!(
            error(&json!({"eventType": policy, "data": "{"}).to_string()),
            "data.data"
        );
        let event = json!({"id": "e", "deletedEvent": {}}).to_string();
        assert_eq!(
            error(&json!({"eventType": policy, "data": event, "identity": "{"}).to_string()),
            "data.identity"
        );
        assert_eq!(
            error(&json!({"eventType": policy, "data": event, "accountInfo": "["}).to_string()),
            "data.accountInfo"
        );
        let event = json!({"id": "e", "actionEvent": {"bodyAsJson": "[1,"}});
        assert_eq!(error(&outer(event).to_string()), "actionEvent.body");
        let event = json!({"actionEvent": {"body": {}}});
        assert_eq!(error(&outer(event).to_string()), "data.data");
        let event = json!({"id": "e", "actionEvent": {"body": {}}, "deletedEvent": {}});
        assert_eq!(error(&outer(event).to_string()), "data.data");
    }

    #[test]
    fn an_envelope_is_decoded_only_as_far_as_its_event_type_and_id() {
        let declared = |envelope: &Envelope| {
            crate::Dispatcher::new()
                .webhook_event(envelope.event_type())
                .is_some()
        };
        // A body that is not a domain event, of a type no module declares.
        let outer = json!({"eventType": "SomethingNewHappened", "instanceId": "i-1",
            "data": json!({"appId": "a-1", "originInstanceId": ""}).to_string()});
        let envelope = Envelope::parse(&outer.to_string()).unwrap();
        assert!(!declared(&envelope));
        assert_eq!(envelope.event_id(), None);
        assert_eq!(envelope.event_type(), "SomethingNewHappened");
        assert_eq!(envelope.instance_id(), Some("i-1"));
        // Even an undecodable body can be read that far, and ignored.
        let outer = json!({"eventType": "wix.unknown.v1.x", "data": "{"});
        let envelope = Envelope::parse(&outer.to_string()).unwrap();
        assert!(!declared(&envelope));
        assert!(envelope.decode().is_err());
    }

    #[test]
    fn a_body_that_is_not_a_domain_event_becomes_data() {
        let outer = json!({"eventType": "wix.events.v2.policy_updated",
            "data": json!({"policyId": "p-1"}).to_string(),
            "accountInfo": json!({"siteId": "s-1"}).to_string()});
        let delivery = Delivery::decode(&outer.to_string()).unwrap();
        assert_eq!(delivery.event_id(), None);
        assert_eq!(
            payload(&delivery),
            json!({"metadata": {"eventType": "wix.events.v2.policy_updated",
                "accountInfo": {"siteId": "s-1"}}, "data": {"policyId": "p-1"}})
        );
    }
}
