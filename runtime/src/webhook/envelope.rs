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

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::error::WebhookError;

/// The first layer inside a verified token, decoded: the delivery's `eventType` and instance,
/// with the layers inside still undecoded.
///
/// It is what a receiver reads to tell a delivery it must handle from one to ignore (an
/// `eventType` no declared event has, such as the app-lifecycle events every app receives)
/// before it pays for, or fails on, the rest: [`decode`](Self::decode) then unwraps the other
/// layers into a [`Delivery`].
pub struct Envelope {
    outer: Outer,
}

impl Envelope {
    /// Decodes the `data` claim of a verified token, given as JSON text: a JSON string holding
    /// the layer (as the platform sends it) or the layer's object itself.
    ///
    /// This does not verify anything: deliveries from the network go through
    /// [`Verifier::envelope`](super::Verifier::envelope) or
    /// [`Verifier::open`](super::Verifier::open).
    pub fn parse(data: &str) -> Result<Envelope, WebhookError> {
        let data: &RawValue =
            serde_json::from_str(data).map_err(|e| WebhookError::malformed("data", e))?;
        let data = layer(data, "data")?;
        let outer: Outer =
            serde_json::from_str(data.get()).map_err(|e| WebhookError::malformed("data", e))?;
        Ok(Envelope { outer })
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
        layer(&self.outer.data, "data.data")
            .ok()
            .and_then(|inner| serde_json::from_str::<IdOnly>(inner.get()).ok())
            .and_then(|event| event.id)
    }

    /// Unwraps the layers inside and builds the payload a handler receives: a domain event
    /// (`createdEvent`, `updatedEvent`, `deletedEvent`, `actionEvent`) becomes
    /// `{metadata, entity}` or `{metadata, data}`; any other body becomes `{metadata, data}`
    /// with the body as `data`. Entities are carried as raw JSON text: they are parsed once,
    /// into the event's payload type, by whoever dispatches the delivery.
    pub fn decode(&self) -> Result<Delivery, WebhookError> {
        let outer = &self.outer;
        let inner = layer(&outer.data, "data.data")?;
        let event: DomainEvent = serde_json::from_str(inner.get())
            .map_err(|e| WebhookError::malformed("data.data", e))?;
        let identity = optional_layer(outer.identity.as_deref(), "data.identity")?;
        let account_info = optional_layer(outer.account_info.as_deref(), "data.accountInfo")?;
        let (entity, data, modified_fields) = event.body(&inner)?;
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
                entity_event_sequence: event.entity_event_sequence.as_deref(),
            },
            entity: entity.as_deref(),
            data: data.as_deref(),
            modified_fields: modified_fields.as_deref(),
        };
        let payload =
            serde_json::to_vec(&payload).map_err(|e| WebhookError::malformed("data", e))?;
        Ok(Delivery {
            event_id: event.id,
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
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("event_id", &self.event_id)
            .field("event_type", &self.event_type)
            .field("instance_id", &self.instance_id)
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

fn optional_layer(
    raw: Option<&RawValue>,
    name: &'static str,
) -> Result<Option<Box<RawValue>>, WebhookError> {
    raw.map(|raw| layer(raw, name)).transpose()
}

/// A layer that is either a JSON object or a JSON string holding one.
fn layer(raw: &RawValue, name: &'static str) -> Result<Box<RawValue>, WebhookError> {
    let text = raw.get();
    if text.starts_with('"') {
        let inner: String =
            serde_json::from_str(text).map_err(|e| WebhookError::malformed(name, e))?;
        RawValue::from_string(inner).map_err(|e| WebhookError::malformed(name, e))
    } else {
        Ok(raw.to_owned())
    }
}

/// `A` or `AAsJson`, whichever is there, as JSON.
fn either(
    value: Option<&RawValue>,
    as_json: Option<&RawValue>,
    name: &'static str,
) -> Result<Option<Box<RawValue>>, WebhookError> {
    value.or(as_json).map(|raw| layer(raw, name)).transpose()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outer {
    event_type: String,
    #[serde(default)]
    instance_id: Option<String>,
    data: Box<RawValue>,
    #[serde(default)]
    identity: Option<Box<RawValue>>,
    #[serde(default)]
    account_info: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DomainEvent {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    entity_id: Option<String>,
    #[serde(default)]
    event_time: Option<String>,
    #[serde(default)]
    triggered_by_anonymize_request: Option<bool>,
    #[serde(default)]
    entity_fqdn: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    originated_from: Option<String>,
    #[serde(default)]
    entity_event_sequence: Option<Box<RawValue>>,
    #[serde(default)]
    created_event: Option<Created>,
    #[serde(default)]
    updated_event: Option<Updated>,
    #[serde(default)]
    deleted_event: Option<Deleted>,
    #[serde(default)]
    action_event: Option<Action>,
}

type Body = (
    Option<Box<RawValue>>,
    Option<Box<RawValue>>,
    Option<Box<RawValue>>,
);

impl DomainEvent {
    /// `(entity, data, modifiedFields)` of the handler's object, by the kind of event; `inner`
    /// is this event's own JSON, the `data` of a body that is not a domain event.
    fn body(&self, inner: &RawValue) -> Result<Body, WebhookError> {
        let kinds = [
            self.created_event.is_some(),
            self.updated_event.is_some(),
            self.deleted_event.is_some(),
            self.action_event.is_some(),
        ];
        match kinds.iter().filter(|kind| **kind).count() {
            0 => return Ok((None, Some(inner.to_owned()), None)),
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
                created.entity.as_deref(),
                created.entity_as_json.as_deref(),
                "createdEvent.entity",
            )?;
            return Ok((entity, None, None));
        }
        if let Some(updated) = &self.updated_event {
            let entity = either(
                updated.current_entity.as_deref(),
                updated.current_entity_as_json.as_deref(),
                "updatedEvent.currentEntity",
            )?;
            let modified = optional_layer(
                updated.modified_fields.as_deref(),
                "updatedEvent.modifiedFields",
            )?;
            return Ok((entity, None, modified));
        }
        if let Some(deleted) = &self.deleted_event {
            let entity = either(
                deleted.deleted_entity.as_deref(),
                deleted.deleted_entity_as_json.as_deref(),
                "deletedEvent.deletedEntity",
            )?;
            return Ok((entity, None, None));
        }
        let body = match &self.action_event {
            Some(action) => either(
                action.body.as_deref(),
                action.body_as_json.as_deref(),
                "actionEvent.body",
            )?,
            None => None,
        };
        Ok((None, body, None))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Created {
    #[serde(default)]
    entity: Option<Box<RawValue>>,
    #[serde(default)]
    entity_as_json: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Updated {
    #[serde(default)]
    current_entity: Option<Box<RawValue>>,
    #[serde(default)]
    current_entity_as_json: Option<Box<RawValue>>,
    #[serde(default)]
    modified_fields: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Deleted {
    #[serde(default)]
    deleted_entity: Option<Box<RawValue>>,
    #[serde(default)]
    deleted_entity_as_json: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Action {
    #[serde(default)]
    body: Option<Box<RawValue>>,
    #[serde(default)]
    body_as_json: Option<Box<RawValue>>,
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
