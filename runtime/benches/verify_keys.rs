//! What several keys cost a token's verification, in one run: `Verifier::verify` with one key,
//! with two keys when the token is the second's (tried after the first fails), and with two
//! keys when the token's `kid` names the second, against aws-lc-rs' RS256 check on a key parsed
//! once with the same base64 decodes (the baseline). `bench/verify_keys.sh` runs it and prints
//! the ratios.

// criterion's macros generate undocumented fns.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use backend_events::webhook::{PublicKey, Verifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::{Criterion, criterion_group, criterion_main};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use serde_json::json;

/// A TEST-ONLY key pair: the private key in PEM, the public key in PEM and in DER.
fn key_pair() -> (String, String, Vec<u8>) {
    let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
    let public = private.to_public_key();
    (
        private.to_pkcs8_pem(LineEnding::LF).unwrap().to_string(),
        public.to_public_key_pem(LineEnding::LF).unwrap(),
        public.to_public_key_der().unwrap().into_vec(),
    )
}

/// A delivery-sized token signed with `private_pem`, its header naming `kid`.
fn token(private_pem: &str, kid: Option<&str>) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let data = json!({"eventType": "wix.events.guests.v1.guest_created", "data": "x".repeat(900)});
    let claims = json!({"data": data.to_string(), "iat": now, "exp": now + 3600});
    let mut header = Header::new(Algorithm::RS256);
    header.kid = kid.map(str::to_owned);
    let key = EncodingKey::from_rsa_pem(private_pem.as_bytes()).unwrap();
    jsonwebtoken::encode(&header, &claims, &key).unwrap()
}

fn verify_keys(c: &mut Criterion) {
    let (_, old_pem, _) = key_pair();
    let (new_private, new_pem, new_der) = key_pair();
    let by_new = token(&new_private, None);
    let named = token(&new_private, Some("2025"));
    let mut group = c.benchmark_group("verify_keys");

    let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, new_der).unwrap();
    group.bench_function("baseline_aws_lc_rs", |b| {
        b.iter(|| {
            let token = black_box(by_new.as_str());
            let (message, signature) = token.rsplit_once('.').unwrap();
            let (header, claims) = message.split_once('.').unwrap();
            black_box(URL_SAFE_NO_PAD.decode(header).unwrap());
            let signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
            key.verify_sig(message.as_bytes(), &signature).unwrap();
            black_box(URL_SAFE_NO_PAD.decode(claims).unwrap());
        })
    });

    let one = Verifier::from_pem(&new_pem).unwrap();
    group.bench_function("one_key", |b| {
        b.iter(|| one.verify(black_box(by_new.as_bytes())).unwrap())
    });

    let two = Verifier::new([
        PublicKey::from_pem(&old_pem).unwrap(),
        PublicKey::from_pem(&new_pem).unwrap(),
    ])
    .unwrap();
    group.bench_function("second_of_two_keys", |b| {
        b.iter(|| two.verify(black_box(by_new.as_bytes())).unwrap())
    });

    let two_named = Verifier::new([
        PublicKey::from_pem(&old_pem).unwrap().with_kid("2024"),
        PublicKey::from_pem(&new_pem).unwrap().with_kid("2025"),
    ])
    .unwrap();
    group.bench_function("second_of_two_keys_by_kid", |b| {
        b.iter(|| two_named.verify(black_box(named.as_bytes())).unwrap())
    });
    group.finish();
}

criterion_group!(benches, verify_keys);
criterion_main!(benches);
