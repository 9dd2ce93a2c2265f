//! Prometheus metrics (feature `http`): what the endpoint and the inbox's workers count, in a
//! registry of the server's own rather than a global recorder, so that a library user's
//! metrics and several servers in one process never mix.
//!
//! | metric | type | labels | what |
//! |---|---|---|---|
//! | `backend_events_accepted_total` | counter | `module`, `event` | deliveries stored (answered 200 `accepted`) |
//! | `backend_events_duplicate_total` | counter | `module`, `event` | resends of stored deliveries (answered 200 `duplicate`) |
//! | `backend_events_handled_total` | counter | `module`, `event`, `handler` | handler runs that succeeded (in a worker; without the inbox, in the request) |
//! | `backend_events_retried_total` | counter | `module`, `event`, `handler` | handler runs that failed and were scheduled again (without the inbox: answered 500, for the platform to send again) |
//! | `backend_events_dead_lettered_total` | counter | `module`, `event`, `handler` | handler runs that failed for the last time |
//! | `backend_events_handler_duration_seconds` | histogram | `module`, `event`, `handler` | how long each handler run took, in a worker or in the request |
//! | `backend_events_time_to_200_seconds` | histogram | | from a delivery's arrival to its 200 |
//! | `backend_events_inbox_pending` | gauge | | deliveries with a handler that has not run yet |
//! | `backend_events_inbox_retrying` | gauge | | deliveries with a handler waiting for its next attempt |
//! | `backend_events_inbox_dead` | gauge | | dead letters |
//! | `backend_events_inbox_handled` | gauge | | deliveries every handler of which succeeded |
//! | `backend_events_inbox_remembered` | gauge | | purged deliveries whose id is kept against replays |
//!
//! The counters count what this process did since it started; the gauges are the inbox's own
//! counts (those of `inbox status`), shared by every process of one inbox.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// A label's name and value; the values are mostly the catalog's and the handlers' static
/// names, so that counting allocates nothing.
type Label = (&'static str, Cow<'static, str>);

/// `module`, `event`.
pub(crate) type EventLabels = [Label; 2];

/// `module`, `event`, `handler`.
pub(crate) type HandlerLabels = [Label; 3];

/// A constructor of histograms, for a family of them.
type NewHistogram = fn() -> Histogram;

/// The metrics of one server: cheap to clone (every clone counts into the same registry).
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

struct Inner {
    registry: Registry,
    accepted: Family<EventLabels, Counter>,
    duplicate: Family<EventLabels, Counter>,
    handled: Family<HandlerLabels, Counter>,
    retried: Family<HandlerLabels, Counter>,
    dead_lettered: Family<HandlerLabels, Counter>,
    handler_duration: Family<HandlerLabels, Histogram, NewHistogram>,
    time_to_200: Histogram,
    pending: Gauge,
    retrying: Gauge,
    dead: Gauge,
    handled_deliveries: Gauge,
    remembered: Gauge,
}

/// How one handler run ended, for its counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HandlerOutcome {
    Handled,
    Retried,
    DeadLettered,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// Seconds to the 200: the platform gives up at 1.25 s.
const ANSWER_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.25, 2.5,
];

/// Seconds of a handler run: from a field read to the default 30 s budget.
const HANDLER_BUCKETS: [f64; 12] = [
    0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0,
];

fn handler_histogram() -> Histogram {
    Histogram::new(HANDLER_BUCKETS)
}

impl Metrics {
    /// Metrics at zero, in a registry of their own.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("backend_events");
        let accepted = Family::default();
        let duplicate = Family::default();
        let handled = Family::default();
        let retried = Family::default();
        let dead_lettered = Family::default();
        let handler_duration =
            Family::<HandlerLabels, Histogram, NewHistogram>::new_with_constructor(
                handler_histogram,
            );
        let time_to_200 = Histogram::new(ANSWER_BUCKETS);
        let (pending, retrying, dead, handled_deliveries, remembered) = Default::default();
        registry.register(
            "accepted",
            "Deliveries stored (answered 200 accepted)",
            Family::clone(&accepted),
        );
        registry.register(
            "duplicate",
            "Resends of stored deliveries (answered 200 duplicate, nothing stored)",
            Family::clone(&duplicate),
        );
        registry.register(
            "handled",
            "Handler runs in a worker that succeeded",
            Family::clone(&handled),
        );
        registry.register(
            "retried",
            "Handler runs that failed and were scheduled again",
            Family::clone(&retried),
        );
        registry.register(
            "dead_lettered",
            "Handler runs that failed for the last time (dead letters)",
            Family::clone(&dead_lettered),
        );
        registry.register(
            "handler_duration_seconds",
            "How long each handler run in a worker took",
            handler_duration.clone(),
        );
        registry.register(
            "time_to_200_seconds",
            "From a delivery's arrival to its 200",
            time_to_200.clone(),
        );
        registry.register(
            "inbox_pending",
            "Deliveries with a handler that has not run yet",
            Gauge::clone(&pending),
        );
        registry.register(
            "inbox_retrying",
            "Deliveries with a handler waiting for its next attempt",
            Gauge::clone(&retrying),
        );
        registry.register("inbox_dead", "Dead letters", Gauge::clone(&dead));
        registry.register(
            "inbox_handled",
            "Deliveries every handler of which succeeded",
            Gauge::clone(&handled_deliveries),
        );
        registry.register(
            "inbox_remembered",
            "Purged deliveries whose id is kept until their token expires, against replays",
            Gauge::clone(&remembered),
        );
        Metrics {
            inner: Arc::new(Inner {
                registry,
                accepted,
                duplicate,
                handled,
                retried,
                dead_lettered,
                handler_duration,
                time_to_200,
                pending,
                retrying,
                dead,
                handled_deliveries,
                remembered,
            }),
        }
    }

    /// Every metric, in the OpenMetrics text format (which Prometheus scrapes).
    pub fn encode(&self) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail; a metric that could not be encoded is left out.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.inner.registry);
        text
    }

    /// The labels of an event.
    pub(crate) fn event_labels(
        module: impl Into<Cow<'static, str>>,
        event: impl Into<Cow<'static, str>>,
    ) -> EventLabels {
        [("module", module.into()), ("event", event.into())]
    }

    /// The labels of a handler of an event.
    pub(crate) fn handler_labels(
        event: &EventLabels,
        handler: impl Into<Cow<'static, str>>,
    ) -> HandlerLabels {
        let [module, event] = event.clone();
        [module, event, ("handler", handler.into())]
    }

    /// A delivery of `event` was stored.
    pub(crate) fn accepted(&self, event: &EventLabels) {
        self.inner.accepted.get_or_create(event).inc();
    }

    /// A resend of a stored delivery of `event` was answered.
    pub(crate) fn duplicate(&self, event: &EventLabels) {
        self.inner.duplicate.get_or_create(event).inc();
    }

    /// A handler run ended.
    pub(crate) fn handler_outcome(&self, handler: &HandlerLabels, outcome: HandlerOutcome) {
        let family = match outcome {
            HandlerOutcome::Handled => &self.inner.handled,
            HandlerOutcome::Retried => &self.inner.retried,
            HandlerOutcome::DeadLettered => &self.inner.dead_lettered,
        };
        family.get_or_create(handler).inc();
    }

    /// A handler run took `took`.
    pub(crate) fn handler_duration(&self, handler: &HandlerLabels, took: Duration) {
        self.inner
            .handler_duration
            .get_or_create(handler)
            .observe(took.as_secs_f64());
    }

    /// A delivery was answered 200 `took` after it arrived.
    pub(crate) fn answered_200(&self, took: Duration) {
        self.inner.time_to_200.observe(took.as_secs_f64());
    }

    /// The inbox's counts, as `inbox status` gives them.
    pub(crate) fn set_inbox_counts(
        &self,
        pending: u64,
        retrying: u64,
        dead: u64,
        handled: u64,
        remembered: u64,
    ) {
        let set = |gauge: &Gauge, value: u64| {
            gauge.set(i64::try_from(value).unwrap_or(i64::MAX));
        };
        set(&self.inner.pending, pending);
        set(&self.inner.retrying, retrying);
        set(&self.inner.dead, dead);
        set(&self.inner.handled_deliveries, handled);
        set(&self.inner.remembered, remembered);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_has_each_metric_with_its_labels() {
        let metrics = Metrics::new();
        let event = Metrics::event_labels("wixEvents", "onPolicyUpdated");
        metrics.accepted(&event);
        metrics.accepted(&event);
        metrics.duplicate(&event);
        let handler = Metrics::handler_labels(&event, "policy_changed");
        metrics.handler_outcome(&handler, HandlerOutcome::Retried);
        metrics.handler_duration(&handler, Duration::from_millis(3));
        metrics.answered_200(Duration::from_millis(2));
        metrics.set_inbox_counts(1, 2, 3, 4, 5);
        let text = metrics.encode();
        for line in [
            "backend_events_accepted_total{module=\"wixEvents\",event=\"onPolicyUpdated\"} 2",
            "backend_events_duplicate_total{module=\"wixEvents\",event=\"onPolicyUpdated\"} 1",
            "backend_events_retried_total{module=\"wixEvents\",event=\"onPolicyUpdated\",handler=\"policy_changed\"} 1",
            "backend_events_handler_duration_seconds_count{module=\"wixEvents\",event=\"onPolicyUpdated\",handler=\"policy_changed\"} 1",
            "backend_events_time_to_200_seconds_count 1",
            "backend_events_inbox_pending 1",
            "backend_events_inbox_retrying 2",
            "backend_events_inbox_dead 3",
            "backend_events_inbox_handled 4",
            "backend_events_inbox_remembered 5",
            "# EOF",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} not in\n{text}");
        }
    }
}
