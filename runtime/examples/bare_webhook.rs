//! The baseline of `bench/http_load.sh`: a bare axum endpoint doing by hand what a site's
//! `POST /webhooks` does for `wixEvents.onPolicyUpdated` (verify the RS256 signature with
//! aws-lc-rs on a key parsed once, check `exp`, parse the three layers with serde_json, call the
//! handler directly), with none of backend-events' machinery. The handler prints the line the
//! example site's handler prints, the event's time included.
//!
//! ```text
//! cargo run --release --example bare_webhook -- ADDR PUBLIC_KEY_PEM_FILE
//! ```

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use backend_events::wix_events::Policy;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use serde::Deserialize;

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
    event_time: DateTime<Utc>,
    updated_event: Updated,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Updated {
    current_entity: Policy,
}

/// What the example site's handler of the event does: print one line about the policy.
fn policy_updated(event_time: DateTime<Utc>, policy: Policy) {
    let body = policy.body.unwrap_or_default();
    let excerpt: String = body.chars().take(48).collect();
    println!(
        "  policy log: {} updated \"{}\" to revision {}: {excerpt}...",
        event_time.format("%Y-%m-%d %H:%M"),
        policy.name.unwrap_or_default(),
        policy.revision.unwrap_or_default()
    );
}

/// The app's public key, parsed once.
struct Keys {
    key: ParsedPublicKey,
}

/// The claims of a genuine, unexpired token.
fn verify(keys: &Keys, token: &str) -> Option<Claims> {
    let (message, signature) = token.rsplit_once('.')?;
    let (_, claims) = message.split_once('.')?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    keys.key.verify_sig(message.as_bytes(), &signature).ok()?;
    let claims: Claims = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).ok()?).ok()?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    (claims.exp + 60 >= now).then_some(claims)
}

async fn receive(State(keys): State<Arc<Keys>>, body: Bytes) -> StatusCode {
    let Ok(token) = std::str::from_utf8(&body).map(str::trim) else {
        return StatusCode::BAD_REQUEST;
    };
    let Some(claims) = verify(&keys, token) else {
        return StatusCode::UNAUTHORIZED;
    };
    let Ok(outer) = serde_json::from_str::<Outer>(&claims.data) else {
        return StatusCode::BAD_REQUEST;
    };
    let Ok(domain) = serde_json::from_str::<Domain>(&outer.data) else {
        return StatusCode::BAD_REQUEST;
    };
    policy_updated(domain.event_time, domain.updated_event.current_entity);
    StatusCode::OK
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, key_file] = args.as_slice() else {
        return Err("usage: bare_webhook ADDR PUBLIC_KEY_PEM_FILE".into());
    };
    let pem = std::fs::read_to_string(key_file)?;
    let base64: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let der = STANDARD.decode(base64)?;
    let keys = Arc::new(Keys {
        key: ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)?,
    });
    let app = Router::new()
        .route("/webhooks", post(receive))
        .with_state(keys);
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(addr.as_str()).await?;
            eprintln!("listening on http://{}/webhooks", listener.local_addr()?);
            axum::serve(listener, app).await?;
            Ok(())
        })
}
