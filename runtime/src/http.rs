//! `POST /webhooks` over HTTP (feature `http`, on by default): [`router`] serves the endpoint a
//! Wix app posts its webhooks to, on [axum](https://docs.rs/axum).
//!
//! | answer | when |
//! |---|---|
//! | 200 | every handler succeeded, the event has no handler, or no declared event has the delivery's `eventType` (ignored, logged) |
//! | 400 | the body is not a token, a layer inside it does not decode, or the payload is not the event's type |
//! | 401 | the signature does not verify, the token has expired, or it is not RS256 |
//! | 413 | the body is over the limit (1 MiB by default) |
//! | 500 | a handler failed or panicked, or the handlers ran over the time budget: the platform will send the delivery again |
//!
//! Each delivery is logged with `tracing`: event id, event type, handlers run, outcome, latency.
//!
//! ```no_run
//! use backend_events::Dispatcher;
//! use backend_events::webhook::Verifier;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = Verifier::from_key_text(&std::env::var("WIX_PUBLIC_KEY")?)?;
//! let app = backend_events::http::router(Dispatcher::new(), verifier);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, app).await?;
//! # Ok(()) }
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::post;

use crate::webhook::{Verifier, WebhookError};
use crate::{DispatchError, Dispatcher};

/// The endpoint's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// The largest body accepted, in bytes; a larger one is answered 413. Default: 1 MiB.
    pub body_limit: usize,
    /// How long a delivery may take, from its arrival to the answer, before the answer is a
    /// 500. The platform gives up after 1,250 ms, so the default is 1 s. Async handlers still
    /// running at the deadline are dropped; a sync handler cannot be interrupted, so one that
    /// returns late makes the answer a 500 too.
    pub budget: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 1024 * 1024,
            budget: Duration::from_secs(1),
        }
    }
}

impl Config {
    /// The same limits with another body limit.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The same limits with another time budget.
    pub fn with_budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }
}

struct Endpoint {
    dispatcher: Dispatcher,
    verifier: Verifier,
    config: Config,
    /// Where deliveries are stored before they are answered; `None`: handlers run in the
    /// request.
    #[cfg(feature = "inbox")]
    inbox: Option<Arc<dyn crate::inbox::Inbox>>,
}

/// `POST /webhooks` with the default [`Config`].
pub fn router(dispatcher: Dispatcher, verifier: Verifier) -> Router {
    router_with(dispatcher, verifier, Config::default())
}

/// `POST /webhooks` with the limits of `config`.
pub fn router_with(dispatcher: Dispatcher, verifier: Verifier, config: Config) -> Router {
    routes(Endpoint {
        dispatcher,
        verifier,
        config,
        #[cfg(feature = "inbox")]
        inbox: None,
    })
}

/// `POST /webhooks` in front of a durable inbox (feature `inbox`): a delivery is verified,
/// decoded, checked against its payload type and stored, then answered 200; the handlers run
/// later, in a [`Worker`](crate::inbox::Worker). A resend of a stored delivery is answered
/// 200 and stored nothing; a delivery that cannot be stored is answered 500.
#[cfg(feature = "inbox")]
pub fn inbox_router(
    dispatcher: Dispatcher,
    verifier: Verifier,
    inbox: Arc<dyn crate::inbox::Inbox>,
    config: Config,
) -> Router {
    routes(Endpoint {
        dispatcher,
        verifier,
        config,
        inbox: Some(inbox),
    })
}

fn routes(endpoint: Endpoint) -> Router {
    let config = endpoint.config;
    let endpoint = Arc::new(endpoint);
    Router::new()
        .route("/webhooks", post(receive))
        .layer(DefaultBodyLimit::max(config.body_limit))
        .with_state(endpoint)
}

async fn receive(
    State(endpoint): State<Arc<Endpoint>>,
    body: Result<Bytes, BytesRejection>,
) -> (StatusCode, String) {
    let started = Instant::now();
    let latency_ms = || started.elapsed().as_micros() as f64 / 1e3;
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            tracing::warn!(
                status = rejection.status().as_u16(),
                outcome = "refused",
                latency_ms = latency_ms(),
                "{rejection}"
            );
            return (rejection.status(), rejection.body_text());
        }
    };
    let delivery = match endpoint.verifier.open(&body) {
        Ok(delivery) => delivery,
        Err(error) => {
            let status = status_of(&error);
            tracing::warn!(
                status = status.as_u16(),
                outcome = "refused",
                latency_ms = latency_ms(),
                "{error}"
            );
            return (status, error.to_string());
        }
    };
    let event_id = delivery.event_id().unwrap_or_default();
    let event_type = delivery.event_type();
    let Some(event) = delivery.event() else {
        tracing::info!(
            event_id,
            event_type,
            handlers = 0,
            outcome = "ignored",
            latency_ms = latency_ms(),
            "no declared event has this eventType"
        );
        return (
            StatusCode::OK,
            format!("ignored: no event of `{event_type}` here"),
        );
    };
    #[cfg(feature = "inbox")]
    if let Some(inbox) = &endpoint.inbox {
        let (status, answer) = store(&endpoint.dispatcher, inbox, &delivery, event).await;
        let outcome = match status {
            StatusCode::OK => answer.as_str(),
            _ => "refused",
        };
        if status.is_success() {
            tracing::info!(event_id, event_type, event = %event, outcome, latency_ms = latency_ms());
        } else {
            tracing::error!(event_id, event_type, event = %event, status = status.as_u16(), outcome, latency_ms = latency_ms(), "{answer}");
        }
        return (status, answer);
    }
    let budget = endpoint.config.budget;
    let over_budget = || {
        let budget_ms = budget.as_millis();
        tracing::error!(event_id, event_type, event = %event, outcome = "over budget", latency_ms = latency_ms(), "the handlers did not finish within {budget_ms} ms");
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{event}: the handlers did not finish within {budget_ms} ms"),
        )
    };
    let dispatch = endpoint
        .dispatcher
        .dispatch(event.module(), event.name(), delivery.payload());
    let left = budget.saturating_sub(started.elapsed());
    match tokio::time::timeout(left, dispatch).await {
        Err(_) => over_budget(),
        // Sync handlers run to the end when first polled, whatever the deadline.
        Ok(_) if started.elapsed() > budget => over_budget(),
        Ok(Err(error)) => {
            let error = error.into_webhook_error();
            let status = status_of(&error);
            tracing::warn!(event_id, event_type, event = %event, status = status.as_u16(), outcome = "refused", latency_ms = latency_ms(), "{error}");
            (status, error.to_string())
        }
        Ok(Ok(report)) if report.is_success() => {
            tracing::info!(event_id, event_type, event = %event, handlers = report.handlers_run(), outcome = "handled", latency_ms = latency_ms());
            (StatusCode::OK, report.to_string())
        }
        Ok(Ok(report)) => {
            tracing::error!(event_id, event_type, event = %event, handlers = report.handlers_run(), failures = report.failures().len(), outcome = "failed", latency_ms = latency_ms(), "{report}");
            (StatusCode::INTERNAL_SERVER_ERROR, report.to_string())
        }
    }
}

/// Checks a delivery's payload and stores it: `(200, "accepted" | "duplicate")`, 400 for a
/// payload that is not the event's, 500 when the store fails.
#[cfg(feature = "inbox")]
async fn store(
    dispatcher: &Dispatcher,
    inbox: &Arc<dyn crate::inbox::Inbox>,
    delivery: &crate::webhook::Delivery,
    event: &'static crate::EventInfo,
) -> (StatusCode, String) {
    use crate::inbox::counters::{Count, count};
    use crate::inbox::{Accepted, StoredDelivery};
    if let Err(error) = dispatcher.check(event.module(), event.name(), delivery.payload()) {
        let error = error.into_webhook_error();
        return (status_of(&error), error.to_string());
    }
    let handlers: Vec<&'static str> = dispatcher
        .handlers_for(event.module(), event.name())
        .map(|handlers| handlers.iter().map(|h| h.name()).collect())
        .unwrap_or_default();
    let stored = StoredDelivery {
        id: delivery
            .event_id()
            .map_or_else(|| payload_key(delivery.payload()), str::to_owned),
        module: event.module().to_owned(),
        event: event.name().to_owned(),
        payload: delivery.payload().to_vec(),
    };
    match inbox.accept(&stored, &handlers).await {
        Ok(Accepted::New) => {
            count(Count::Accepted);
            (StatusCode::OK, "accepted".to_owned())
        }
        Ok(Accepted::Duplicate) => {
            count(Count::Duplicate);
            (StatusCode::OK, "duplicate".to_owned())
        }
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
    }
}

/// The key of a delivery without an id (a body that is not a domain event): its payload's
/// SHA-256, the same in every process and every version, so that a resend is recognised.
#[cfg(feature = "inbox")]
fn payload_key(payload: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(payload);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("payload-{hex}")
}

fn status_of(error: &WebhookError) -> StatusCode {
    match error {
        WebhookError::Rejected(_) => StatusCode::UNAUTHORIZED,
        _ => StatusCode::BAD_REQUEST,
    }
}

impl DispatchError {
    /// A dispatch error of a webhook delivery is the delivery's fault: its payload does not
    /// fit, or (for a declared event) cannot happen.
    fn into_webhook_error(self) -> WebhookError {
        match self {
            DispatchError::InvalidPayload(payload) => WebhookError::InvalidPayload(payload),
            other => WebhookError::malformed("event", other),
        }
    }
}
