//! Signed deliveries for the tests: an RSA key pair generated once per test binary (test-only,
//! never written anywhere), and tokens in the platform's three-layer format.

#![allow(dead_code)] // each test binary uses a part

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use serde_json::{Value, json};

/// A key pair, PEM encoded.
pub struct KeyPair {
    pub private_pem: String,
    pub public_pem: String,
}

impl KeyPair {
    fn generate() -> KeyPair {
        let mut rng = rsa::rand_core::OsRng;
        let private = rsa::RsaPrivateKey::new(&mut rng, 2048).expect("an RSA key");
        KeyPair {
            private_pem: private.to_pkcs8_pem(LineEnding::LF).unwrap().to_string(),
            public_pem: private
                .to_public_key()
                .to_public_key_pem(LineEnding::LF)
                .unwrap(),
        }
    }

    /// `claims` signed RS256 with this pair's private key.
    pub fn sign(&self, claims: &Value) -> String {
        self.sign_with_kid(None, claims)
    }

    /// `claims` signed RS256 with this pair's private key, the header naming `kid`.
    pub fn sign_with_kid(&self, kid: Option<&str>, claims: &Value) -> String {
        let key = EncodingKey::from_rsa_pem(self.private_pem.as_bytes()).unwrap();
        let mut header = Header::new(Algorithm::RS256);
        header.kid = kid.map(str::to_owned);
        jsonwebtoken::encode(&header, claims, &key).unwrap()
    }
}

/// The app's key pair: the one the server under test verifies with.
pub fn app_keys() -> &'static KeyPair {
    static KEYS: OnceLock<KeyPair> = OnceLock::new();
    KEYS.get_or_init(KeyPair::generate)
}

/// Another key pair: a forger's.
pub fn other_keys() -> &'static KeyPair {
    static KEYS: OnceLock<KeyPair> = OnceLock::new();
    KEYS.get_or_init(KeyPair::generate)
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A domain event (the third layer) with the given body, e.g.
/// `json!({"createdEvent": {"entity": {...}}})`.
pub fn domain_event(id: &str, entity_id: &str, body: Value) -> Value {
    let mut event = json!({
        "id": id,
        "entityFqdn": "wix.pricing_plans.v2.order",
        "slug": "created",
        "entityId": entity_id,
        "eventTime": "2024-01-25T11:45:06.457639259Z",
        "triggeredByAnonymizeRequest": false,
        "entityEventSequence": "7",
    });
    event
        .as_object_mut()
        .unwrap()
        .extend(body.as_object().unwrap().clone());
    event
}

/// The claims of a delivery: `data` is the JSON string of `{eventType, instanceId, data,
/// identity, accountInfo}`, whose `data` and `identity` are JSON strings in turn.
pub fn claims(event_type: &str, domain_event: &Value, exp: u64) -> Value {
    let data = json!({
        "eventType": event_type,
        "instanceId": "b0a1c9a4-instance",
        "data": domain_event.to_string(),
        "identity": json!({"identityType": "MEMBER", "memberId": "m-42"}).to_string(),
        "accountInfo": {"accountId": "acc-1", "siteId": "site-1"},
    });
    json!({"data": data.to_string(), "iat": now(), "exp": exp})
}

/// A signed delivery of `domain_event` as `event_type`, valid for ten minutes.
pub fn signed(event_type: &str, domain_event: &Value) -> String {
    app_keys().sign(&claims(event_type, domain_event, now() + 600))
}

/// An order entity (the pricing-plans sample's shape, trimmed to what a handler reads).
pub fn order(id: &str, plan_name: &str) -> Value {
    json!({
        "id": id,
        "planId": "aa0d8e0e-99ad-4c95-ac48-4955e37956c5",
        "planName": plan_name,
        "buyer": {"memberId": "m-42", "contactId": "c-42"},
        "createdDate": "2024-01-25T11:45:05.036Z",
        "status": "ACTIVE",
    })
}

/// Starts the `test-site` binary's `serve` on an ephemeral port of 127.0.0.1 with `args` and
/// `env`, the app key in `WIX_PUBLIC_KEY` (base64 of the PEM); returns the process and the URL
/// read from its log.
pub fn start_serve(args: &[&str], env: &[(&str, &str)]) -> (Child, String) {
    let (child, url, _) = start_serve_logged(args, env);
    (child, url)
}

/// [`start_serve`], with the log lines written before the one that names the URL.
pub fn start_serve_logged(args: &[&str], env: &[(&str, &str)]) -> (Child, String, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_test-site"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .env("WIX_PUBLIC_KEY", STANDARD.encode(&app_keys().public_pem))
        .envs(env.iter().copied())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut log = BufReader::new(child.stderr.take().unwrap());
    let mut before = Vec::new();
    let url = loop {
        let mut line = String::new();
        assert!(log.read_line(&mut line).unwrap() > 0, "the server exited");
        if let Some(at) = line.find("listening on ") {
            let rest = &line[at + "listening on ".len()..];
            break rest.split_whitespace().next().unwrap().to_owned();
        }
        before.push(line);
    };
    // Keep reading the log so that the server never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut log, &mut std::io::sink()));
    (child, url, before)
}

/// A connection to the database `url` names, with the TLS its `sslmode` asks for (as the inbox
/// connects).
pub async fn postgres_client(url: &str) -> tokio_postgres::Client {
    let connector = backend_events::inbox::PostgresConnector::from_url(url).unwrap();
    let (client, _connection) = connector.connect().await.unwrap();
    client
}

/// The URL of a PostgreSQL database whose search path is the schema `schema`, made afresh
/// (with `application_name` = `schema`, which tells its connections from other tests'); `None`
/// when `BACKEND_EVENTS_POSTGRES` names no server, unless `BACKEND_EVENTS_REQUIRE_POSTGRES` is
/// set, which makes that a failure (as in CI).
pub async fn postgres_schema(schema: &str) -> Option<String> {
    let Ok(url) = std::env::var("BACKEND_EVENTS_POSTGRES") else {
        assert!(
            std::env::var_os("BACKEND_EVENTS_REQUIRE_POSTGRES").is_none(),
            "BACKEND_EVENTS_REQUIRE_POSTGRES is set but BACKEND_EVENTS_POSTGRES is not"
        );
        eprintln!("skipped: set BACKEND_EVENTS_POSTGRES to run this on PostgreSQL");
        return None;
    };
    let client = postgres_client(&url).await;
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
        ))
        .await
        .unwrap();
    let separator = if url.contains('?') { '&' } else { '?' };
    Some(format!(
        "{url}{separator}options=-c%20search_path%3D{schema}&application_name={schema}"
    ))
}
