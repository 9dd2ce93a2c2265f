//! The routes an operator's tools read: `GET /healthz` (the process serves), `GET /readyz`
//! (the inbox answers: 503 otherwise, so that a load balancer stops sending) and
//! `GET /metrics` (Prometheus, [`crate::metrics`]).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::inbox::Inbox;
use crate::metrics::Metrics;

/// How long `/readyz` waits for the inbox: a load balancer's probe gives up after a few
/// seconds, and an inbox this slow is not ready anyway.
const READY_WAIT: Duration = Duration::from_secs(2);

/// The OpenMetrics text format's content type, which Prometheus asks for and reads.
const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

struct Ops {
    inbox: Option<Arc<dyn Inbox>>,
    metrics: Metrics,
    gauges_every: Duration,
    /// When the gauges were last read from the inbox; a lock, so that scrapes arriving
    /// together read them once.
    refreshed: tokio::sync::Mutex<Option<Instant>>,
}

/// `/healthz`, `/readyz` and `/metrics` of a server with `inbox` (or none) and `metrics`; the
/// inbox's gauges are read at most once every `gauges_every`, since counting a large inbox
/// costs the store more than a scrape should.
pub(crate) fn router(
    inbox: Option<Arc<dyn Inbox>>,
    metrics: Metrics,
    gauges_every: Duration,
) -> Router {
    let ops = Arc::new(Ops {
        inbox,
        metrics,
        gauges_every,
        refreshed: tokio::sync::Mutex::new(None),
    });
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .with_state(ops)
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(ops): State<Arc<Ops>>) -> Response {
    let Some(inbox) = &ops.inbox else {
        return "ready\n".into_response();
    };
    let not_ready = |why: String| {
        tracing::warn!("not ready: {why}");
        (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {why}\n"),
        )
            .into_response()
    };
    match tokio::time::timeout(READY_WAIT, inbox.ping()).await {
        Ok(Ok(())) => "ready\n".into_response(),
        Ok(Err(error)) => not_ready(error.to_string()),
        Err(_) => not_ready(format!(
            "the inbox did not answer within {} ms",
            READY_WAIT.as_millis()
        )),
    }
}

async fn metrics_text(State(ops): State<Arc<Ops>>) -> Response {
    if let Some(inbox) = &ops.inbox {
        let mut refreshed = ops.refreshed.lock().await;
        if refreshed.is_none_or(|at| at.elapsed() >= ops.gauges_every) {
            match inbox.counts().await {
                Ok(counts) => {
                    ops.metrics.set_inbox_counts(
                        counts.pending,
                        counts.retrying,
                        counts.dead,
                        counts.handled,
                        counts.remembered,
                    );
                    *refreshed = Some(Instant::now());
                }
                // The last values stay; /readyz is what tells a store that does not answer.
                Err(error) => tracing::warn!("the inbox's gauges were not read: {error}"),
            }
        }
    }
    ([(header::CONTENT_TYPE, OPENMETRICS)], ops.metrics.encode()).into_response()
}
