//! The whole webhook path (verify the RS256 token, decode the three layers, dispatch to one
//! handler) against the hand-written baseline (the JWT crate's decode, serde_json parses of the
//! layers into the entity's type, a direct call), in one run. `bench/webhook_ratio.sh` runs it
//! and prints the ratio.

// criterion's macros generate undocumented fns.
#![allow(missing_docs)]

mod support;

use std::hint::black_box;
use std::time::{SystemTime, UNIX_EPOCH};

use backend_events::webhook::Verifier;
use backend_events::wix_events_guests::{Guest, GuestCreated};
use backend_events::{Dispatcher, backend_event};
use criterion::{Criterion, criterion_group, criterion_main};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use serde::Deserialize;
use serde_json::{Value, json};

#[backend_event(wixEventsGuests, onGuestCreated)]
fn on_guest_created(event: GuestCreated) {
    support::handle(event);
}

/// What the baseline's handler does: look at the guest.
fn handle_guest(guest: Guest) {
    black_box(&guest);
}

/// A TEST-ONLY key pair and a delivery of the GuestCreated sample signed with it.
fn signed_delivery() -> (String, String) {
    let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
    let private_pem = private.to_pkcs8_pem(LineEnding::LF).unwrap();
    let public_pem = private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap();
    let sample: Value = serde_json::from_slice(support::SAMPLE).unwrap();
    let mut domain = sample["metadata"].clone();
    domain["createdEvent"] = json!({"entity": sample["entity"]});
    let data = json!({
        "eventType": "wix.events.guests.v1.guest_created",
        "instanceId": "bench-instance",
        "data": domain.to_string(),
        "identity": json!({"identityType": "APP", "appId": "bench"}).to_string(),
    });
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let claims = json!({"data": data.to_string(), "iat": now, "exp": now + 3600});
    let key = EncodingKey::from_rsa_pem(private_pem.as_bytes()).unwrap();
    let token = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key).unwrap();
    (token, public_pem)
}

#[derive(Deserialize)]
struct Claims {
    data: String,
}

#[derive(Deserialize)]
struct Outer {
    data: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Domain {
    created_event: Created,
}

#[derive(Deserialize)]
struct Created {
    entity: Guest,
}

fn webhook(c: &mut Criterion) {
    let (token, public_pem) = signed_delivery();
    let mut group = c.benchmark_group("webhook");

    let key = DecodingKey::from_rsa_pem(public_pem.as_bytes()).unwrap();
    let validation = Validation::new(Algorithm::RS256);
    group.bench_function("baseline_decode_parse_call", |b| {
        b.iter(|| {
            let claims = jsonwebtoken::decode::<Claims>(black_box(&token), &key, &validation)
                .unwrap()
                .claims;
            let outer: Outer = serde_json::from_str(&claims.data).unwrap();
            let domain: Domain = serde_json::from_str(&outer.data).unwrap();
            handle_guest(domain.created_event.entity);
        })
    });

    let verifier = Verifier::from_pem(&public_pem).unwrap();
    let dispatcher = Dispatcher::new();
    group.bench_function("verify_decode_dispatch", |b| {
        b.iter(|| {
            let envelope = verifier.envelope(black_box(token.as_bytes())).unwrap();
            let event = dispatcher.webhook_event(envelope.event_type()).unwrap();
            let delivery = envelope.decode().unwrap();
            let report =
                support::run_ready(dispatcher.dispatch_event(event, delivery.payload())).unwrap();
            assert_eq!(report.handlers_run(), 1);
        })
    });
    group.finish();
}

criterion_group!(benches, webhook);
criterion_main!(benches);
