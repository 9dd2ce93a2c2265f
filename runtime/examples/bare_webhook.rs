//! The baseline of `bench/http_load.sh`: a bare axum endpoint doing by hand what a site's
//! `POST /webhooks` does for `wixEvents.onPolicyUpdated` (verify the RS256 token with the JWT
//! crate, parse the three layers with serde_json, call the handler directly), with none of
//! backend-events' machinery.
//!
//! ```text
//! cargo run --release --example bare_webhook -- ADDR PUBLIC_KEY_PEM_FILE
//! ```

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use backend_events::wix_events::Policy;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

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
    updated_event: Updated,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Updated {
    current_entity: Policy,
}

/// What the example site's handler of the event does: print one line about the policy.
fn policy_updated(policy: Policy) {
    let body = policy.body.unwrap_or_default();
    let excerpt: String = body.chars().take(48).collect();
    println!(
        "  policy log: updated \"{}\" to revision {}: {excerpt}...",
        policy.name.unwrap_or_default(),
        policy.revision.unwrap_or_default()
    );
}

struct Keys {
    key: DecodingKey,
    validation: Validation,
}

async fn receive(State(keys): State<Arc<Keys>>, body: Bytes) -> StatusCode {
    let Ok(token) = std::str::from_utf8(&body).map(str::trim) else {
        return StatusCode::BAD_REQUEST;
    };
    let Ok(claims) = jsonwebtoken::decode::<Claims>(token, &keys.key, &keys.validation) else {
        return StatusCode::UNAUTHORIZED;
    };
    let Ok(outer) = serde_json::from_str::<Outer>(&claims.claims.data) else {
        return StatusCode::BAD_REQUEST;
    };
    let Ok(domain) = serde_json::from_str::<Domain>(&outer.data) else {
        return StatusCode::BAD_REQUEST;
    };
    policy_updated(domain.updated_event.current_entity);
    StatusCode::OK
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, key_file] = args.as_slice() else {
        return Err("usage: bare_webhook ADDR PUBLIC_KEY_PEM_FILE".into());
    };
    let pem = std::fs::read(key_file)?;
    let keys = Arc::new(Keys {
        key: DecodingKey::from_rsa_pem(&pem)?,
        validation: Validation::new(Algorithm::RS256),
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
