//! `POST /webhooks` over HTTP (feature `http`, on by default): [`router`] serves the endpoint a
//! Wix app posts its webhooks to, on [axum](https://docs.rs/axum).
//!
//! | answer | when |
//! |---|---|
//! | 200 | every handler succeeded, the event has no handler, or no declared event has the delivery's `eventType` (ignored, logged) |
//! | 400 | the body is not a token, a layer inside it does not decode, or the payload is not the event's type |
//! | 401 | the signature does not verify with any of the keys, the token has expired or is issued in the future, or it is not RS256 |
//! | 413 | the body is over the limit (1 MiB by default); served through a [`LingeringListener`](crate::linger::LingeringListener), a client still sending the rest reads it |
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
//! let listener = backend_events::linger::LingeringListener::new(listener, &Default::default());
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
use axum::response::{IntoResponse, Response};
use axum::routing::post;

#[cfg(feature = "inbox")]
use crate::inbox::{self, Accepted, Inbox};
use crate::metrics::{HandlerOutcome, Metrics};
use crate::webhook::{Delivery, Envelope, Verifier};
use crate::{DispatchError, Dispatcher, EventInfo, Report};

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
    /// When the server closes a connection before the client has sent all of its request (a
    /// body over the limit, answered 413 unread), the most bytes still read and dropped, so
    /// that the client, still sending, gets to read the answer
    /// ([`LingeringListener`](crate::linger::LingeringListener)); past it the connection is
    /// reset. Default: 16 MiB.
    pub drain_limit: usize,
    /// How long such a connection may drain at most, from the moment it is closed. Default:
    /// 5 s.
    pub drain_time: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 1024 * 1024,
            budget: Duration::from_secs(1),
            drain_limit: 16 * 1024 * 1024,
            drain_time: Duration::from_secs(5),
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

    /// The same limits with other bounds on the drain of a connection closed before its
    /// request was read: at most `bytes`, for at most `time`.
    pub fn with_drain(mut self, bytes: usize, time: Duration) -> Self {
        self.drain_limit = bytes;
        self.drain_time = time;
        self
    }
}

struct Endpoint {
    dispatcher: Dispatcher,
    verifier: Verifier,
    config: Config,
    mode: Mode,
    metrics: Option<Metrics>,
}

/// What the endpoint does with a verified delivery of a declared event.
enum Mode {
    /// Runs its handlers in the request, and answers with how they did.
    RunNow,
    /// Stores it in the inbox, and answers once it is stored; workers run the handlers.
    #[cfg(feature = "inbox")]
    Store(Arc<dyn Inbox>),
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
        mode: Mode::RunNow,
        metrics: None,
    })
}

/// `POST /webhooks` in front of a durable inbox (feature `inbox`): a delivery is verified,
/// decoded, checked against its payload type and stored ([`inbox::accept`]), then answered
/// 200; the handlers run later, in a [`Worker`](crate::inbox::Worker). A resend of a stored
/// delivery is answered 200 and stored nothing; a delivery that cannot be stored is answered
/// 500.
#[cfg(feature = "inbox")]
pub fn inbox_router(
    dispatcher: Dispatcher,
    verifier: Verifier,
    inbox: Arc<dyn Inbox>,
    config: Config,
) -> Router {
    routes(Endpoint {
        dispatcher,
        verifier,
        config,
        mode: Mode::Store(inbox),
        metrics: None,
    })
}

/// `POST /webhooks` in front of `inbox` (or running the handlers in the request without one),
/// counting into `metrics`: what [`Server`](crate::serve::Server) serves.
#[cfg(feature = "inbox")]
pub(crate) fn counted_router(
    dispatcher: Dispatcher,
    verifier: Verifier,
    inbox: Option<Arc<dyn Inbox>>,
    config: Config,
    metrics: Metrics,
) -> Router {
    routes(Endpoint {
        dispatcher,
        verifier,
        config,
        mode: inbox.map_or(Mode::RunNow, Mode::Store),
        metrics: Some(metrics),
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
) -> Response {
    let started = Instant::now();
    let answer = endpoint.answer(body, started).await;
    if answer.status == StatusCode::OK {
        if let Some(metrics) = &endpoint.metrics {
            metrics.answered_200(started.elapsed());
        }
    }
    answer.log(started);
    (answer.status, answer.text).into_response()
}

impl Endpoint {
    /// Body -> verified envelope -> declared event -> decoded delivery -> the mode's answer.
    async fn answer(&self, body: Result<Bytes, BytesRejection>, started: Instant) -> Answer {
        let body = match body {
            Ok(body) => body,
            Err(rejection) => return Answer::refused(rejection.status(), rejection.body_text()),
        };
        let envelope = match self.verifier.envelope(&body) {
            Ok(envelope) => envelope,
            Err(error) => return Answer::refused(error.status(), error.to_string()),
        };
        let Some(event) = self.dispatcher.webhook_event(envelope.event_type()) else {
            return Answer::ignored(&envelope);
        };
        let delivery = match envelope.decode() {
            Ok(delivery) => delivery,
            Err(error) => {
                return Answer::refused(error.status(), error.to_string())
                    .about(About::of(&envelope, Some(event)));
            }
        };
        let about = About {
            event_id: delivery.event_id().map(str::to_owned),
            event_type: delivery.event_type().to_owned(),
            event: Some(event),
        };
        let answer = match &self.mode {
            Mode::RunNow => self.run_now(event, &delivery, started).await,
            #[cfg(feature = "inbox")]
            Mode::Store(inbox) => self.store(&**inbox, event, &delivery).await,
        };
        answer.about(about)
    }

    /// Runs the handlers within what is left of the budget: 200 when every one succeeded.
    async fn run_now(
        &self,
        event: &'static EventInfo,
        delivery: &Delivery,
        started: Instant,
    ) -> Answer {
        let budget = self.config.budget;
        let dispatch = async {
            match &self.metrics {
                Some(metrics) => {
                    dispatch_counted(&self.dispatcher, metrics, event, delivery.payload()).await
                }
                None => {
                    self.dispatcher
                        .dispatch_event(event, delivery.payload())
                        .await
                }
            }
        };
        let left = budget.saturating_sub(started.elapsed());
        let over_budget = || {
            Answer::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "over budget",
                format!(
                    "{event}: the handlers did not finish within {} ms",
                    budget.as_millis()
                ),
            )
        };
        match tokio::time::timeout(left, dispatch).await {
            Err(_) => over_budget(),
            // Sync handlers run to the end when first polled, whatever the deadline.
            Ok(_) if started.elapsed() > budget => over_budget(),
            Ok(Err(error)) => Answer::refused(error.status(), error.to_string()),
            Ok(Ok(report)) => {
                let (status, outcome) = if report.is_success() {
                    (StatusCode::OK, "handled")
                } else {
                    (StatusCode::INTERNAL_SERVER_ERROR, "failed")
                };
                Answer {
                    handlers: Some(report.handlers_run()),
                    failures: Some(report.failures().len()),
                    ..Answer::new(status, outcome, report.to_string())
                }
            }
        }
    }

    /// Stores the delivery: 200 `accepted` or `duplicate` once it is durable.
    #[cfg(feature = "inbox")]
    async fn store(
        &self,
        inbox: &dyn Inbox,
        event: &'static EventInfo,
        delivery: &Delivery,
    ) -> Answer {
        // Kept until a replay of the token can no longer verify.
        let remember_until_ms = delivery
            .token()
            .map_or(0, |token| token.accepted_until_ms());
        let accepted = inbox::accept(
            inbox,
            &self.dispatcher,
            event,
            delivery.event_id(),
            delivery.payload(),
            remember_until_ms,
        )
        .await;
        match accepted {
            Ok(accepted) => {
                if let Some(metrics) = &self.metrics {
                    let labels = Metrics::event_labels(event.module(), event.name());
                    match accepted {
                        Accepted::New => metrics.accepted(&labels),
                        Accepted::Duplicate => metrics.duplicate(&labels),
                    }
                }
                let outcome = match accepted {
                    Accepted::New => "accepted",
                    Accepted::Duplicate => "duplicate",
                };
                Answer::new(StatusCode::OK, outcome, outcome.to_owned())
            }
            Err(error) => Answer::refused(error.status(), error.to_string()),
        }
    }
}

/// [`Dispatcher::dispatch_event`], counting each handler's run and duration into `metrics`
/// the moment it ends, as the inbox's workers do. Without an inbox a failed run is answered
/// 500 for the platform to send again, so it counts as retried; so does a run the budget cut
/// off (counted when the dispatch is dropped).
async fn dispatch_counted(
    dispatcher: &Dispatcher,
    metrics: &Metrics,
    event: &'static EventInfo,
    payload: &[u8],
) -> Result<Report, DispatchError> {
    let calls = dispatcher.calls(event, payload, |_| true)?;
    let mut counted = Counted {
        metrics,
        labels: Metrics::event_labels(event.module(), event.name()),
        runs: calls.into_iter().map(|call| (call, Run::Waiting)).collect(),
    };
    std::future::poll_fn(|cx| counted.advance(cx)).await;
    let handlers_run = counted.runs.len();
    // Every call is done: taken out, nothing is left for the drop to count.
    let failures = std::mem::take(&mut counted.runs)
        .into_iter()
        .filter_map(|(_, run)| match run {
            Run::Done(Err(failure)) => Some(failure),
            _ => None,
        })
        .collect();
    Ok(Report {
        event,
        handlers_run,
        failures,
    })
}

/// The handler calls of one delivery, each counted once when it ends (or is cut off).
struct Counted<'m> {
    metrics: &'m Metrics,
    labels: crate::metrics::EventLabels,
    runs: Vec<(crate::call::HandlerCall, Run)>,
}

/// Where one handler call is.
enum Run {
    Waiting,
    Running(Instant),
    Done(Result<(), crate::report::HandlerFailure>),
}

impl Counted<'_> {
    /// Advances every call not yet done; ready when all are.
    fn advance(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        let mut all_done = true;
        for index in 0..self.runs.len() {
            let (call, run) = &mut self.runs[index];
            let began = match run {
                Run::Done(_) => continue,
                Run::Waiting => Instant::now(),
                Run::Running(began) => *began,
            };
            if !call.advance(cx) {
                *run = Run::Running(began);
                all_done = false;
                continue;
            }
            let outcome = call.take_outcome().unwrap_or(Ok(()));
            let handler = call.handler().name();
            self.count(handler, began.elapsed(), outcome.is_ok());
            self.runs[index].1 = Run::Done(outcome);
        }
        if all_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    }

    fn count(&self, handler: &'static str, took: Duration, ok: bool) {
        let labels = Metrics::handler_labels(&self.labels, handler);
        self.metrics.handler_duration(&labels, took);
        let outcome = if ok {
            HandlerOutcome::Handled
        } else {
            HandlerOutcome::Retried
        };
        self.metrics.handler_outcome(&labels, outcome);
    }
}

impl Drop for Counted<'_> {
    // A call the budget cut off has failed for the platform, which sends the delivery again.
    fn drop(&mut self) {
        for (call, run) in &self.runs {
            let took = match run {
                Run::Done(_) => continue,
                Run::Waiting => Duration::ZERO,
                Run::Running(began) => began.elapsed(),
            };
            self.count(call.handler().name(), took, false);
        }
    }
}

/// What the endpoint answers, with what its log line says.
struct Answer {
    status: StatusCode,
    text: String,
    outcome: &'static str,
    about: Option<About>,
    handlers: Option<usize>,
    failures: Option<usize>,
}

/// The delivery an answer is about, once its envelope is read.
struct About {
    event_id: Option<String>,
    event_type: String,
    event: Option<&'static EventInfo>,
}

impl About {
    /// What an envelope says of its delivery (its id as far as it decodes).
    fn of(envelope: &Envelope, event: Option<&'static EventInfo>) -> About {
        About {
            event_id: envelope.event_id(),
            event_type: envelope.event_type().to_owned(),
            event,
        }
    }
}

impl Answer {
    fn new(status: StatusCode, outcome: &'static str, text: String) -> Answer {
        Answer {
            status,
            text,
            outcome,
            about: None,
            handlers: None,
            failures: None,
        }
    }

    fn refused(status: StatusCode, text: String) -> Answer {
        Answer::new(status, "refused", text)
    }

    /// 200 for an `eventType` no declared event has: nothing here can take it.
    fn ignored(envelope: &Envelope) -> Answer {
        let text = format!("ignored: no event of `{}` here", envelope.event_type());
        Answer {
            handlers: Some(0),
            ..Answer::new(StatusCode::OK, "ignored", text)
        }
        .about(About::of(envelope, None))
    }

    fn about(mut self, about: About) -> Answer {
        self.about = Some(about);
        self
    }

    /// One line per delivery: info when answered 2xx, warn for the sender's fault, error when
    /// the platform will have to send it again.
    fn log(&self, started: Instant) {
        let latency_ms = started.elapsed().as_micros() as f64 / 1e3;
        let status = self.status.as_u16();
        let event_id = self
            .about
            .as_ref()
            .and_then(|about| about.event_id.as_deref());
        let event_type = self.about.as_ref().map(|about| about.event_type.as_str());
        let event = self
            .about
            .as_ref()
            .and_then(|about| about.event)
            .map(tracing::field::display);
        let (outcome, handlers, failures) = (self.outcome, self.handlers, self.failures);
        if outcome == "ignored" {
            tracing::info!(
                event_id,
                event_type,
                handlers,
                outcome,
                latency_ms,
                "no declared event has this eventType"
            );
        } else if self.status.is_success() {
            tracing::info!(
                event_id, event_type, event, status, handlers, outcome, latency_ms
            );
        } else if self.status.is_client_error() {
            tracing::warn!(
                event_id, event_type, event, status, handlers, failures, outcome, latency_ms, "{}",
                self.text
            );
        } else {
            tracing::error!(
                event_id, event_type, event, status, handlers, failures, outcome, latency_ms, "{}",
                self.text
            );
        }
    }
}
