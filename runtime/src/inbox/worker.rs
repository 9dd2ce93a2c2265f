//! Workers: claim a stored delivery, run the handlers due on it (each with its own time
//! budget), record each one's outcome, release the claim.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::counters::{Count, count};
use super::{Attempt, Claim, Inbox, InboxError, RetryPolicy, now_ms};
use crate::metrics::{EventLabels, HandlerLabels, HandlerOutcome, Metrics};
use crate::{Dispatcher, FailureKind, Handler, HandlerCall};

/// Runs the handlers of stored deliveries. Any number of workers, in any number of processes,
/// may share one inbox: a claim gives one worker a delivery for a lease.
#[derive(Clone)]
pub struct Worker {
    inbox: Arc<dyn Inbox>,
    dispatcher: Dispatcher,
    policy: RetryPolicy,
    budget: Duration,
    idle: Duration,
    name: String,
    metrics: Option<Metrics>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("name", &self.name)
            .field("policy", &self.policy)
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl Worker {
    /// A worker of `inbox` with the default [`RetryPolicy`], a 30 s budget per handler, and a
    /// name unique to this process.
    pub fn new(inbox: Arc<dyn Inbox>, dispatcher: Dispatcher) -> Self {
        Worker {
            inbox,
            dispatcher,
            policy: RetryPolicy::default(),
            budget: Duration::from_secs(30),
            idle: Duration::from_millis(50),
            name: unique_name(),
            metrics: None,
        }
    }

    /// The same worker counting each handler run (its outcome and how long it took) into
    /// `metrics`.
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// The same worker with another retry policy.
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The same worker with another time budget per handler: a handler still running after it
    /// is dropped and counted as failed.
    pub fn with_budget(mut self, budget: Duration) -> Self {
        // Capped at a day: a longer budget is no budget, and the lease must stay finite.
        self.budget = budget.min(Duration::from_secs(86_400));
        self
    }

    /// The same worker, polling the inbox every `idle` when it finds nothing to do.
    pub fn with_idle(mut self, idle: Duration) -> Self {
        self.idle = idle;
        self
    }

    /// The lease of a claim: long enough for the slowest handler, short enough that a crashed
    /// worker's deliveries come back soon.
    fn lease(&self) -> Duration {
        self.budget
            .saturating_mul(2)
            .saturating_add(Duration::from_secs(5))
    }

    /// Claims one delivery and runs its due handlers. Returns whether there was one.
    ///
    /// Each handler's outcome is recorded as soon as it finishes, not when the slowest of the
    /// delivery's handlers does, so that a crash in between runs again only what had not
    /// completed. Every outcome is tried even when recording another failed, and the claim is
    /// always released.
    pub async fn run_once(&self) -> Result<bool, InboxError> {
        let lease = millis(self.lease());
        let claim = self.inbox.claim(&self.name, now_ms(), lease).await?;
        let Some(claim) = claim else {
            return Ok(false);
        };
        let id = claim.delivery.id.clone();
        let labels = self.metrics.as_ref().map(|_| self.event_labels(&claim));
        let mut tasks = self.start(&claim, labels.as_ref());
        let mut first_error = None;
        // The claim is renewed while handlers run, so that a handler slower than the lease
        // (a sync one, past its budget) is never run a second time beside itself.
        let mut renewal = tokio::time::interval((self.lease() / 3).max(Duration::from_millis(10)));
        renewal.tick().await;
        loop {
            let next = tokio::select! {
                next = next_outcome(&mut tasks) => next,
                _ = renewal.tick() => {
                    let until = now_ms().saturating_add(lease);
                    match self.inbox.renew(&id, &self.name, until).await {
                        Ok(true) => {}
                        Ok(false) => tracing::warn!(delivery = %id, worker = %self.name, "the claim was taken over"),
                        Err(error) => tracing::error!(delivery = %id, "the claim was not renewed: {error}"),
                    }
                    continue;
                }
            };
            let Some((handler, attempt)) = next else {
                break;
            };
            let tried = claim
                .due
                .iter()
                .find(|(name, _)| *name == handler)
                .map_or(0, |(_, tried)| *tried);
            let outcome = log_outcome(&id, &handler, tried + 1, &attempt, &self.policy);
            if let (Some(metrics), Some(labels)) = (&self.metrics, &labels) {
                metrics.handler_outcome(&self.handler_labels(labels, &claim, &handler), outcome);
            }
            let recorded = self
                .inbox
                .record(&id, &handler, &attempt, now_ms(), &self.policy)
                .await;
            if let Err(error) = recorded {
                tracing::error!(delivery = %id, handler = %handler, "the outcome was not recorded: {error}");
                first_error.get_or_insert(error);
            }
        }
        let released = self.inbox.release(&id, &self.name).await;
        match first_error {
            Some(error) => Err(error),
            None => released.map(|()| true),
        }
    }

    /// The labels of the claimed delivery's event: the catalog's static names when the event
    /// is declared here, so that counting allocates nothing.
    fn event_labels(&self, claim: &Claim) -> EventLabels {
        let delivery = &claim.delivery;
        match self.dispatcher.event(&delivery.module, &delivery.event) {
            Ok(event) => Metrics::event_labels(event.module(), event.name()),
            Err(_) => Metrics::event_labels(delivery.module.clone(), delivery.event.clone()),
        }
    }

    /// The labels of one of the claimed delivery's handlers, by its static name when it is
    /// linked into this binary.
    fn handler_labels(&self, event: &EventLabels, claim: &Claim, handler: &str) -> HandlerLabels {
        let delivery = &claim.delivery;
        let linked = self
            .dispatcher
            .event(&delivery.module, &delivery.event)
            .ok()
            .and_then(|event| {
                self.dispatcher
                    .handlers_of(event)
                    .iter()
                    .find(|linked| linked.name() == handler)
            });
        match linked {
            Some(linked) => Metrics::handler_labels(event, linked.name()),
            None => Metrics::handler_labels(event, handler.to_owned()),
        }
    }

    /// Starts the due handlers of `claim`, each on its own task with its own budget, timed
    /// into the metrics under `labels` when there are metrics. The payload is parsed once for
    /// all of them.
    fn start(&self, claim: &Claim, labels: Option<&EventLabels>) -> Tasks {
        let delivery = &claim.delivery;
        let mut tasks = Tasks {
            set: tokio::task::JoinSet::new(),
            names: std::collections::HashMap::new(),
        };
        let due = |handler: &Handler| claim.due.iter().any(|(name, _)| name == handler.name());
        let calls = self
            .dispatcher
            .event(&delivery.module, &delivery.event)
            .map_err(|error| error.to_string())
            .and_then(|event| {
                self.dispatcher
                    .calls(event, &delivery.payload, due)
                    .map_err(|error| error.to_string())
            });
        let mut calls: std::collections::HashMap<&str, HandlerCall> = match calls {
            Ok(calls) => calls
                .into_iter()
                .map(|call| (call.handler().name(), call))
                .collect(),
            // Nothing can run: every due handler has this attempt's failure.
            Err(message) => {
                for (handler, _) in &claim.due {
                    let attempt = Attempt::Failed(message.clone());
                    let task = tasks.set.spawn(async move { attempt });
                    tasks.names.insert(task.id(), handler.clone());
                }
                return tasks;
            }
        };
        for (handler, _) in &claim.due {
            let task = match calls.remove(handler.as_str()) {
                Some(call) => {
                    let budget = self.budget;
                    let runtime = tokio::runtime::Handle::current();
                    let timed = self.metrics.clone().zip(
                        labels.map(|labels| Metrics::handler_labels(labels, call.handler().name())),
                    );
                    // On a blocking thread: a sync handler that blocks holds that thread, not
                    // one the worker needs to renew its claim and record what finished.
                    tasks.set.spawn_blocking(move || {
                        let started = Instant::now();
                        let outcome = runtime.block_on(attempt(call, budget));
                        if let Some((metrics, labels)) = timed {
                            metrics.handler_duration(&labels, started.elapsed());
                        }
                        outcome
                    })
                }
                None => tasks.set.spawn(async {
                    Attempt::Failed("no handler of this name is linked into this binary".into())
                }),
            };
            tasks.names.insert(task.id(), handler.clone());
        }
        tasks
    }

    /// Claims and runs deliveries until `shutdown` completes; pauses `idle` when there is
    /// nothing to do, and after a store error (which it logs).
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let pause = match self.run_once().await {
                Ok(true) => None,
                Ok(false) => Some(self.idle),
                Err(error) => {
                    tracing::error!(worker = %self.name, "{error}");
                    Some(self.idle.max(Duration::from_millis(500)))
                }
            };
            if let Some(pause) = pause {
                tokio::select! {
                    _ = &mut shutdown => return,
                    _ = tokio::time::sleep(pause) => {}
                }
            } else if futures_ready(&mut shutdown) {
                return;
            }
        }
    }
}

/// One attempt of a handler: its call, within `budget`.
async fn attempt(call: HandlerCall, budget: Duration) -> Attempt {
    match tokio::time::timeout(budget, call).await {
        Err(_) => Attempt::Failed(format!("did not finish within {} ms", budget.as_millis())),
        Ok(Ok(())) => Attempt::Succeeded,
        Ok(Err(failure)) => Attempt::Failed(match failure.kind() {
            FailureKind::Panic => format!("panicked: {}", failure.message()),
            _ => failure.message().to_owned(),
        }),
    }
}

/// The running handlers of one claim, and which handler each task runs.
struct Tasks {
    set: tokio::task::JoinSet<Attempt>,
    names: std::collections::HashMap<tokio::task::Id, String>,
}

/// The next handler to finish and its outcome. A task that died (a panic the dispatcher could
/// not catch, such as one while dropping a handler's future) is a failed attempt too, so that
/// it is retried and in the end dead-lettered, never retried forever.
async fn next_outcome(tasks: &mut Tasks) -> Option<(String, Attempt)> {
    let joined = tasks.set.join_next_with_id().await?;
    Some(match joined {
        Ok((id, attempt)) => (tasks.names.remove(&id).unwrap_or_default(), attempt),
        Err(error) => (
            tasks.names.remove(&error.id()).unwrap_or_default(),
            Attempt::Failed(format!("the handler's task failed: {error}")),
        ),
    })
}

/// Counts and logs one handler's attempt; returns what became of it.
fn log_outcome(
    id: &str,
    handler: &str,
    attempt: u32,
    outcome: &Attempt,
    policy: &RetryPolicy,
) -> HandlerOutcome {
    match outcome {
        Attempt::Succeeded => {
            count(Count::Handled);
            tracing::info!(delivery = %id, handler = %handler, attempt, outcome = "handled");
            HandlerOutcome::Handled
        }
        Attempt::Failed(message) if policy.is_exhausted(attempt) => {
            count(Count::DeadLettered);
            tracing::error!(delivery = %id, handler = %handler, attempt, outcome = "dead-lettered", "{message}");
            HandlerOutcome::DeadLettered
        }
        Attempt::Failed(message) => {
            count(Count::Retried);
            tracing::warn!(delivery = %id, handler = %handler, attempt, outcome = "retrying", "{message}");
            HandlerOutcome::Retried
        }
    }
}

/// Milliseconds of `duration`, saturating.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A worker name unique across processes and hosts (in containers every process may be pid 1).
fn unique_name() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|host| host.trim().to_owned())
        .filter(|host| !host.is_empty())
        .unwrap_or_else(|| "host".to_owned());
    let nonce = (super::retry::jitter() * 1e9) as u64;
    format!(
        "{host}-{}-{nonce:09}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Whether `future` is ready now, without waiting.
fn futures_ready<F: Future<Output = ()>>(future: &mut std::pin::Pin<&mut F>) -> bool {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    future.as_mut().poll(&mut cx).is_ready()
}
