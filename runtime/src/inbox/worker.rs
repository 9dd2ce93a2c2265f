//! Workers: claim a stored delivery, run the handlers due on it (each with its own time
//! budget), record each one's outcome, release the claim.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::counters::{Count, count};
use super::{Attempt, Claim, Inbox, InboxError, RetryPolicy, now_ms};
use crate::{Dispatcher, FailureKind};

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
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Worker {
            inbox,
            dispatcher,
            policy: RetryPolicy::default(),
            budget: Duration::from_secs(30),
            idle: Duration::from_millis(50),
            name: format!(
                "{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ),
        }
    }

    /// The same worker with another retry policy.
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The same worker with another time budget per handler: a handler still running after it
    /// is dropped and counted as failed.
    pub fn with_budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
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
        self.budget.saturating_mul(2) + Duration::from_secs(5)
    }

    /// Claims one delivery and runs its due handlers. Returns whether there was one.
    pub async fn run_once(&self) -> Result<bool, InboxError> {
        let lease = self.lease().as_millis() as u64;
        let claim = self.inbox.claim(&self.name, now_ms(), lease).await?;
        let Some(claim) = claim else {
            return Ok(false);
        };
        let id = claim.delivery.id.clone();
        let attempts = self.attempt(&claim).await;
        for (handler, attempt) in attempts {
            let tried = claim
                .due
                .iter()
                .find(|(name, _)| *name == handler)
                .map_or(0, |(_, tried)| *tried);
            match &attempt {
                Attempt::Succeeded => {
                    count(Count::Handled);
                    tracing::info!(delivery = %id, handler = %handler, attempt = tried + 1, outcome = "handled");
                }
                Attempt::Failed(message) if self.policy.is_exhausted(tried + 1) => {
                    count(Count::DeadLettered);
                    tracing::error!(delivery = %id, handler = %handler, attempt = tried + 1, outcome = "dead-lettered", "{message}");
                }
                Attempt::Failed(message) => {
                    count(Count::Retried);
                    tracing::warn!(delivery = %id, handler = %handler, attempt = tried + 1, outcome = "retrying", "{message}");
                }
            }
            self.inbox
                .record(&id, &handler, &attempt, now_ms(), &self.policy)
                .await?;
        }
        self.inbox.release(&id, &self.name).await?;
        Ok(true)
    }

    /// Runs the due handlers of `claim` concurrently, each on its own task with its own budget.
    async fn attempt(&self, claim: &Claim) -> Vec<(String, Attempt)> {
        let delivery = &claim.delivery;
        let mut tasks = tokio::task::JoinSet::new();
        for (handler, _) in &claim.due {
            let name = handler.clone();
            let dispatch = self.dispatcher.dispatch_to(
                &delivery.module,
                &delivery.event,
                &delivery.payload,
                |h| h.name() == name,
            );
            let budget = self.budget;
            let handler = handler.clone();
            tasks.spawn(async move {
                let attempt = match tokio::time::timeout(budget, dispatch).await {
                    Err(_) => {
                        Attempt::Failed(format!("did not finish within {} ms", budget.as_millis()))
                    }
                    Ok(Err(error)) => Attempt::Failed(error.to_string()),
                    Ok(Ok(report)) if report.handlers_run() == 0 => {
                        Attempt::Failed("no handler of this name is linked into this binary".into())
                    }
                    Ok(Ok(report)) => match report.failures().first() {
                        None => Attempt::Succeeded,
                        Some(failure) => Attempt::Failed(match failure.kind() {
                            FailureKind::Panic => format!("panicked: {}", failure.message()),
                            _ => failure.message().to_owned(),
                        }),
                    },
                };
                (handler, attempt)
            });
        }
        let mut attempts = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            // Handlers' panics are caught by the dispatcher; a task can only fail by being
            // cancelled, and then its handler counts as not having run.
            if let Ok(attempt) = joined {
                attempts.push(attempt);
            }
        }
        attempts
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

/// Whether `future` is ready now, without waiting.
fn futures_ready<F: Future<Output = ()>>(future: &mut std::pin::Pin<&mut F>) -> bool {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    future.as_mut().poll(&mut cx).is_ready()
}
