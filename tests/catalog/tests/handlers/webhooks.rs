//! Signed deliveries of generated events, one per area, as the platform sends them (REST
//! spelling, the domain event's layers, inner JSON strings in the formattings real deliveries
//! show), posted to `POST /webhooks` over a socket, reach typed handlers.

use std::sync::{Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use backend_events::http::router;
use backend_events::webhook::Verifier;
use backend_events::{Dispatcher, backend_event};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use serde_json::{Value, json};

/// A TEST-ONLY key pair made for this run: (private PEM, public PEM).
fn app_keys() -> &'static (String, String) {
    static KEYS: OnceLock<(String, String)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
        (
            private.to_pkcs8_pem(LineEnding::LF).unwrap().to_string(),
            private
                .to_public_key()
                .to_public_key_pem(LineEnding::LF)
                .unwrap(),
        )
    })
}

fn sign(claims: &Value) -> String {
    let key = EncodingKey::from_rsa_pem(app_keys().0.as_bytes()).unwrap();
    jsonwebtoken::encode(&Header::new(Algorithm::RS256), claims, &key).unwrap()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// What the handlers saw: (event, a field each read).
static SEEN: Mutex<Vec<(&'static str, String)>> = Mutex::new(Vec::new());

fn saw(event: &'static str, what: Option<String>) {
    SEEN.lock()
        .unwrap()
        .push((event, what.unwrap_or_else(|| "-".to_owned())));
}

#[backend_event(wixEcom, onOrderApproved)]
fn ecom_order_approved(event: backend_events::wix_ecom::OrderApproved) {
    let order = event.data.order.unwrap_or_default();
    saw("wixEcom.onOrderApproved", order.number);
}

#[backend_event(wixCrm, onContactCreated)]
fn contact_created(event: backend_events::wix_crm::ContactCreated) {
    saw("wixCrm.onContactCreated", event.entity.id);
}

#[backend_event(wixMembers, onMemberCreated)]
fn member_created(event: backend_events::wix_members::MemberCreated) {
    saw("wixMembers.onMemberCreated", event.entity.login_email);
}

#[backend_event(wixForms, onSubmissionCreated)]
fn submission_created(event: backend_events::wix_forms::SubmissionCreated) {
    saw("wixForms.onSubmissionCreated", event.entity.form_id);
}

#[backend_event(wixBookingsV2, onBookingConfirmed)]
fn booking_confirmed(event: backend_events::wix_bookings_v2::BookingConfirmed) {
    saw(
        "wixBookingsV2.onBookingConfirmed",
        Some(event.metadata.entity_id),
    );
}

#[backend_event(wixBlog, onPostCreated)]
fn post_created(event: backend_events::wix_blog::PostCreated) {
    saw("wixBlog.onPostCreated", event.entity.title);
}

#[backend_event(wixLoyalty, onAccountCreated)]
fn loyalty_account_created(event: backend_events::wix_loyalty::AccountCreated) {
    saw("wixLoyalty.onAccountCreated", event.entity.contact_id);
}

#[backend_event(wixRestaurants, onOrderCreated)]
fn restaurant_order_created(event: backend_events::wix_restaurants::OrderCreated) {
    saw("wixRestaurants.onOrderCreated", event.entity.id);
}

// Non-domain events: their `data` is the delivery's body itself.
#[backend_event(wixStoresCatalogV1, onProductCreated)]
fn product_created(event: backend_events::wix_stores_catalog_v1::ProductCreated) {
    saw("wixStoresCatalogV1.onProductCreated", event.data.name);
}

#[backend_event(wixAppManagement, onAppInstanceInstalled)]
fn app_installed(event: backend_events::wix_app_management::AppInstanceInstalled) {
    saw("wixAppManagement.onAppInstanceInstalled", event.data.app_id);
}

#[backend_event(wixEvents, onOrderUpdated)]
fn ticket_order_updated(event: backend_events::wix_events::OrderUpdated) {
    saw("wixEvents.onOrderUpdated", event.metadata.instance_id);
}

/// The platform's spelling of a Velo-shaped value: `_id` -> `id`, `_createdDate` ->
/// `createdDate`, `_updatedDate` -> `updatedDate`, and the address fields the SDK renames.
fn rest_spelling(value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, value)| {
                    let key = match key.as_str() {
                        "_id" => "id",
                        "_createdDate" => "createdDate",
                        "_updatedDate" => "updatedDate",
                        "addressLine1" => "addressLine",
                        "formatted" => "formattedAddress",
                        other => other,
                    };
                    (key.to_owned(), rest_spelling(value))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(rest_spelling).collect()),
        other => other.clone(),
    }
}

/// JSON text pretty-printed with a space before each colon and a trailing space, as some real
/// deliveries' inner strings are.
fn odd_formatting(value: &Value) -> String {
    let pretty = serde_json::to_string_pretty(value).unwrap();
    format!("{} ", pretty.replace("\": ", "\" : "))
}

/// The signed delivery of a bundled sample: its metadata and body back in the platform's
/// layers.
fn delivery_of(module: &str, event: &str) -> String {
    let info = Dispatcher::new().event(module, event).unwrap();
    let event_type = info.webhook_type().unwrap();
    let sample: Value = serde_json::from_str(info.sample().unwrap()).unwrap();
    let metadata = &sample["metadata"];
    let inner = if metadata.get("entityId").is_some() {
        let mut domain = json!({
            "id": metadata["id"],
            "entityId": metadata["entityId"],
            "eventTime": metadata["eventTime"],
        });
        let body = if let Some(entity) = sample.get("entity") {
            let entity = rest_spelling(entity);
            match event_type.rsplit('_').next().unwrap() {
                "updated" => {
                    json!({"updatedEvent": {"currentEntityAsJson": odd_formatting(&entity)}})
                }
                "deleted" => {
                    json!({"deletedEvent": {"deletedEntityAsJson": odd_formatting(&entity)}})
                }
                _ => json!({"createdEvent": {"entityAsJson": odd_formatting(&entity)}}),
            }
        } else {
            json!({"actionEvent": {"body": rest_spelling(&sample["data"])}})
        };
        domain
            .as_object_mut()
            .unwrap()
            .extend(body.as_object().unwrap().clone());
        domain
    } else {
        rest_spelling(&sample["data"])
    };
    let data = json!({
        "instanceId": "7d9e0a5c-instance",
        "eventType": event_type,
        "identity": json!({"identityType": "APP", "appId": "a-1"}).to_string(),
        "data": odd_formatting(&inner),
    });
    let claims = json!({"data": data.to_string(), "iat": now(), "exp": now() + 600});
    sign(&claims)
}

#[tokio::test]
async fn a_delivery_of_each_area_reaches_its_typed_handler() {
    let verifier = Verifier::from_pem(&app_keys().1).unwrap();
    let app = router(Dispatcher::new(), verifier);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();

    let events = [
        ("wixEcom", "onOrderApproved"),
        ("wixCrm", "onContactCreated"),
        ("wixMembers", "onMemberCreated"),
        ("wixForms", "onSubmissionCreated"),
        ("wixBookingsV2", "onBookingConfirmed"),
        ("wixBlog", "onPostCreated"),
        ("wixLoyalty", "onAccountCreated"),
        ("wixRestaurants", "onOrderCreated"),
        ("wixStoresCatalogV1", "onProductCreated"),
        ("wixAppManagement", "onAppInstanceInstalled"),
        ("wixEvents", "onOrderUpdated"),
    ];
    for (module, event) in events {
        let answer = client
            .post(&url)
            .header("content-type", "text/plain; charset=UTF-8")
            .body(delivery_of(module, event))
            .send()
            .await
            .unwrap();
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap();
        assert_eq!(
            (status, text.as_str()),
            (
                200,
                format!("{module}.{event}: 1 handler(s) ran, 0 failed").as_str()
            ),
            "{module}.{event}"
        );
    }
    let seen = SEEN.lock().unwrap().clone();
    let names: Vec<&str> = seen.iter().map(|(event, _)| *event).collect();
    let expected: Vec<String> = events.iter().map(|(m, e)| format!("{m}.{e}")).collect();
    assert_eq!(names, expected);
    // Each handler read a value of the sample through its typed payload.
    for (event, what) in &seen {
        assert_ne!(what, "-", "{event} read nothing");
    }
    assert!(seen.contains(&("wixEvents.onOrderUpdated", "7d9e0a5c-instance".to_owned())));
}
