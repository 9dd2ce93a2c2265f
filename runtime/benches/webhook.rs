//! The whole webhook path (verify the RS256 token, decode the three layers, dispatch to one
//! handler) against the hand-written baseline (aws-lc-rs' RS256 check on a key parsed once, the
//! `exp` check, serde_json parses of the layers into the entity's type, a direct call), in one
//! run. `bench/webhook_ratio.sh` runs it and prints the ratio.

// criterion's macros generate undocumented fns.
#![allow(missing_docs)]

mod support;

use std::hint::black_box;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};

use backend_events::webhook::Verifier;
use backend_events::wix_events_guests::{Guest, GuestCreated};
use backend_events::{Dispatcher, backend_event};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::{Criterion, criterion_group, criterion_main};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
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

/// A TEST-ONLY key pair and a delivery of the GuestCreated sample signed with it: the token,
/// the public key in PEM and in DER.
fn signed_delivery() -> (String, String, Vec<u8>) {
    let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
    let private_pem = private.to_pkcs8_pem(LineEnding::LF).unwrap();
    let public_pem = private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap();
    let public_der = private
        .to_public_key()
        .to_public_key_der()
        .unwrap()
        .into_vec();
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
    (token, public_pem, public_der)
}

#[derive(Deserialize)]
struct Claims {
    data: String,
    exp: u64,
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
    let (token, public_pem, public_der) = signed_delivery();
    let mut group = c.benchmark_group("webhook");

    let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, public_der).unwrap();
    group.bench_function("baseline_decode_parse_call", |b| {
        b.iter(|| {
            let token = black_box(token.as_str());
            let (message, signature) = token.rsplit_once('.').unwrap();
            let (_, claims) = message.split_once('.').unwrap();
            let signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
            key.verify_sig(message.as_bytes(), &signature).unwrap();
            let claims = URL_SAFE_NO_PAD.decode(claims).unwrap();
            let claims: Claims = serde_json::from_slice(&claims).unwrap();
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs();
            assert!(claims.exp + 60 >= now);
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
