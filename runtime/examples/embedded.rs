//! backend-events inside an app of one's own: the app has its own `tokio::main` and its own
//! axum routes (`GET /policies` here), and merges `POST /webhooks` into them; the inbox's
//! workers run beside the server and stop with it.
//!
//! ```text
//! cargo run --example test_delivery -- keys target/test-keys          # test-only key pair
//! cargo run --example embedded -- --public-key target/test-keys/public.pem &
//! cargo run --example test_delivery -- sign target/test-keys wixEvents onPolicyUpdated > delivery.jwt
//! curl --data-binary @delivery.jwt http://127.0.0.1:8080/webhooks    # accepted
//! curl http://127.0.0.1:8080/policies                                 # the policy the handler saw
//! ```
//!
//! Options: `--addr ADDR` (default `127.0.0.1:8080`), `--public-key FILE` (or the environment
//! variable `WIX_PUBLIC_KEY`), `--inbox PATH|URL` (default `embedded.db`).

use std::net::SocketAddr;
use std::sync::Mutex;

use axum::Router;
use axum::routing::get;
use backend_events::backend_event;
use backend_events::http::Config;
use backend_events::linger::LingeringListener;
use backend_events::serve::{Server, shutdown_signal};
use backend_events::webhook::Verifier;
use backend_events::wix_events::PolicyUpdated;

/// The policies the handler has seen, for the app's own route to show.
static POLICIES: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[backend_event(wixEvents, onPolicyUpdated)]
async fn policy_changed(event: PolicyUpdated) -> Result<(), String> {
    let name = event.entity.name.unwrap_or_default();
    let line = format!("{} {name}", event.entity.id);
    println!("policy updated: {line}");
    POLICIES.lock().map_err(|e| e.to_string())?.push(line);
    Ok(())
}

/// `GET /policies`: the app's own route, one line per policy seen.
async fn policies() -> String {
    POLICIES
        .lock()
        .map(|policies| policies.join("\n"))
        .unwrap_or_default()
}

/// The app: its own routes, and the server's `POST /webhooks`.
fn app(server: &Server) -> Router {
    Router::new()
        .route("/policies", get(policies))
        .merge(server.router())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut addr: SocketAddr = "127.0.0.1:8080".parse()?;
    let mut key = std::env::var("WIX_PUBLIC_KEY").ok();
    let mut inbox = "embedded.db".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--addr" => addr = value()?.parse()?,
            "--public-key" => key = Some(std::fs::read_to_string(value()?)?),
            "--inbox" => inbox = value()?,
            _ => return Err(format!("unknown argument `{arg}`").into()),
        }
    }
    let key = key.ok_or("no public key: give --public-key FILE or set WIX_PUBLIC_KEY")?;

    let server = Server::new(Verifier::from_key_text(&key)?)
        .with_inbox(backend_events::inbox::open(&inbox).await?);
    let app = app(&server);
    let workers = server.start_workers();
    let listener = tokio::net::TcpListener::bind(addr).await?;
    // Connections close with a drain: a client sending a body over the limit reads its 413.
    let listener = LingeringListener::new(listener, &Config::default());
    println!("listening on http://{addr}: POST /webhooks, GET /policies");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    // Each worker finishes the delivery it holds; the rest waits in the inbox.
    workers.shutdown().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use jsonwebtoken::{Algorithm, EncodingKey, Header};
    use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    use serde_json::json;

    use super::*;

    /// A delivery of `onPolicyUpdated`, signed with a key made for this test only.
    fn signed_delivery(private_pem: &str) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let event = json!({
            "id": "embedded-1", "entityId": "policy-7", "eventTime": "2024-01-01T00:00:00Z",
            "updatedEvent": {"currentEntity": {"id": "policy-7", "name": "Refunds"}},
        });
        let data = json!({
            "eventType": "wix.events.v2.policy_updated",
            "instanceId": "test-instance",
            "data": event.to_string(),
        });
        let claims = json!({"data": data.to_string(), "iat": now, "exp": now + 3600});
        let key = EncodingKey::from_rsa_pem(private_pem.as_bytes()).unwrap();
        jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key).unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_webhook_endpoint_and_the_apps_own_route_share_one_server() {
        let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
        let private_pem = private.to_pkcs8_pem(LineEnding::LF).unwrap();
        let public_pem = private
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap();
        let dir = std::env::temp_dir().join(format!("embedded-example-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let inbox = backend_events::inbox::open(dir.join("inbox.db").to_str().unwrap())
            .await
            .unwrap();

        let server = Server::new(Verifier::from_pem(&public_pem).unwrap())
            .with_inbox(inbox)
            .with_workers(1);
        let app = app(&server);
        let workers = server.start_workers();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let served = tokio::spawn(async move { axum::serve(listener, app).await });

        let client = reqwest::Client::new();
        let answer = client
            .post(format!("{base}/webhooks"))
            .body(signed_delivery(&private_pem))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        assert_eq!(answer.text().await.unwrap(), "accepted");

        // The worker runs the handler after the answer; the app's route shows what it saw.
        let mut seen = String::new();
        for _ in 0..200 {
            let answer = client.get(format!("{base}/policies")).send().await.unwrap();
            assert_eq!(answer.status(), 200);
            seen = answer.text().await.unwrap();
            if !seen.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(seen, "policy-7 Refunds");

        workers.shutdown().await;
        served.abort();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
