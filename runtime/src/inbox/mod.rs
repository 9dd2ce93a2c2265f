//! The durable inbox (feature `inbox`): deliveries are stored before they are answered, and
//! handlers run afterwards, off the request, with an outcome of their own.
//!
//! The platform waits 1,250 ms for a 200 and resends otherwise, sometimes twice, sometimes out
//! of order. With the inbox, `POST /webhooks` verifies and decodes a delivery, stores it (keyed
//! by the domain event's id) and answers 200 once the store has committed it; a [`Worker`]
//! then runs its handlers. The guarantees:
//!
//! - **Nothing is answered 200 before it is durable.** A delivery that cannot be stored is
//!   answered 500, and the platform sends it again.
//! - **A delivery is stored once.** A resend (same id) is answered 200 and runs nothing.
//! - **A replay never runs a handler twice.** A captured token verifies until its `exp` (Wix
//!   makes them last 3,600,000 s, some 41 days). The inbox keeps every delivery's id at least
//!   that long ([`StoredDelivery::remember_until_ms`]: the `exp` plus the verifier's leeway),
//!   whatever a purge is told: [`Inbox::purge`] drops the payloads and outcomes of handled
//!   deliveries, and forgets an id only once its token can no longer verify. A token issued
//!   in the future (`iat` past the leeway) is refused.
//! - **Each handler has its own outcome.** A handler that returned `Ok` for a delivery never
//!   runs again for it. One that failed (error, panic, over its time budget) is retried with
//!   exponential backoff and jitter ([`RetryPolicy`]), then dead-lettered with its last error;
//!   [`Inbox::replay`] gives it another round.
//! - **At least once per handler, exactly once per completed handler.** A worker claims a
//!   delivery for a lease, which it renews while the handlers run, and records each handler's
//!   outcome as soon as it finishes; if it dies mid-handler, the lease runs out and another
//!   worker runs the handlers that had not completed. A handler can therefore run again after
//!   a crash, but never after its success was recorded, and never beside itself.
//!
//! Handlers see deliveries in the order the workers claim them, which is not the platform's
//! order of events: compare `metadata.entity_event_sequence` to drop stale updates.

mod accept;
mod backup;
pub(crate) mod counters;
mod postgres;
mod postgres_connect;
mod postgres_tls;
mod postgres_url;
mod retry;
mod sqlite;
mod worker;

use std::fmt;
use std::future::Future;
use std::pin::Pin;

pub use accept::{AcceptError, accept};
pub use backup::{BackupError, BackupReport, backup};
pub use counters::{InboxCounters, counters};
pub use postgres::PostgresInbox;
pub use postgres_connect::PostgresConnector;
pub use postgres_url::{CertificateCheck, PostgresUrl, PostgresUrlError, RootCerts, SslMode};
pub use retry::RetryPolicy;
pub use sqlite::SqliteInbox;
pub use worker::Worker;

/// A delivery as the inbox stores it: the declared event and the Velo-shaped payload.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredDelivery {
    /// The domain event's id: the same for every resend.
    pub id: String,
    /// The Velo module of the event.
    pub module: String,
    /// The event's name.
    pub event: String,
    /// The payload's JSON, as handlers receive it.
    pub payload: Vec<u8>,
    /// Until when (exclusive, milliseconds since the Unix epoch) its id is kept, whatever a
    /// purge is told: until then a replay of the token that brought it would still verify
    /// ([`TokenTimes::accepted_until_ms`](crate::webhook::TokenTimes::accepted_until_ms)).
    /// 0 for a delivery no token brought: a purge may forget it with its payload.
    pub remember_until_ms: u64,
}

impl fmt::Debug for StoredDelivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredDelivery")
            .field("id", &self.id)
            .field("event", &format_args!("{}.{}", self.module, self.event))
            .field("payload", &String::from_utf8_lossy(&self.payload))
            .field("remember_until_ms", &self.remember_until_ms)
            .finish()
    }
}

/// What storing a delivery did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// The delivery is new and now stored, with one pending outcome per handler.
    New,
    /// A delivery with this id is already stored: nothing was written.
    Duplicate,
}

/// A delivery a worker has claimed, with the handlers due to run on it.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The delivery.
    pub delivery: StoredDelivery,
    /// The handlers (by name) that have not succeeded and whose next attempt is due, with the
    /// attempts each has had so far.
    pub due: Vec<(String, u32)>,
}

/// How one handler did on one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// It returned `Ok`.
    Succeeded,
    /// It failed: returned an error, panicked, or ran over its budget.
    Failed(String),
}

/// How many deliveries are in each state, for `inbox status`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Deliveries with a handler that has not run yet.
    pub pending: u64,
    /// Deliveries with a handler waiting for its next attempt.
    pub retrying: u64,
    /// Handler outcomes given up on (dead letters).
    pub dead: u64,
    /// Deliveries every handler of which has succeeded.
    pub handled: u64,
    /// Purged deliveries whose id is kept until their token expires, so that a replay of the
    /// token is still a duplicate.
    pub remembered: u64,
}

/// A handler given up on for a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// The delivery's id.
    pub delivery_id: String,
    /// The event, as `module.event`.
    pub event: String,
    /// The handler's name.
    pub handler: String,
    /// How many times it was tried.
    pub attempts: u32,
    /// The error of its last attempt.
    pub last_error: String,
}

/// What a replay applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replay {
    /// The dead letters of one delivery.
    Delivery(String),
    /// Every dead letter.
    AllDead,
}

/// The store could not do what was asked: the caller answers 500 (the platform resends) or
/// tries again later.
#[derive(Debug, thiserror::Error)]
#[error("inbox: {0}")]
pub struct InboxError(pub String);

/// The future an [`Inbox`] method returns: it resolves once the store has committed.
pub type InboxFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, InboxError>> + Send + 'a>>;

/// A durable store of deliveries and of each handler's outcome on each: [`SqliteInbox`] in one
/// process, [`PostgresInbox`] shared by several.
pub trait Inbox: Send + Sync + 'static {
    /// Stores `delivery` with a pending outcome for each of `handlers`, unless a delivery with
    /// its id is already stored or its id is still remembered from a purged one (both
    /// [`Accepted::Duplicate`]). Resolves only once the delivery is durable.
    fn accept<'a>(
        &'a self,
        delivery: &'a StoredDelivery,
        handlers: &'a [&'a str],
    ) -> InboxFuture<'a, Accepted>;

    /// Claims the oldest delivery with a handler due at `now_ms` that no other worker holds,
    /// for `lease_ms`.
    fn claim<'a>(
        &'a self,
        worker: &'a str,
        now_ms: u64,
        lease_ms: u64,
    ) -> InboxFuture<'a, Option<Claim>>;

    /// Records one attempt of `handler` on the delivery `id`: a success is final; a failure is
    /// scheduled again by `policy`, or dead-lettered once the policy is exhausted.
    fn record<'a>(
        &'a self,
        id: &'a str,
        handler: &'a str,
        attempt: &'a Attempt,
        now_ms: u64,
        policy: &'a RetryPolicy,
    ) -> InboxFuture<'a, ()>;

    /// Extends `worker`'s claim on the delivery `id` to `until_ms`, while its handlers run;
    /// resolves to whether the claim was still `worker`'s.
    fn renew<'a>(&'a self, id: &'a str, worker: &'a str, until_ms: u64) -> InboxFuture<'a, bool>;

    /// Ends `worker`'s claim on the delivery `id`, so that its next due handler can be claimed.
    fn release<'a>(&'a self, id: &'a str, worker: &'a str) -> InboxFuture<'a, ()>;

    /// The counts of `inbox status`.
    fn counts(&self) -> InboxFuture<'_, Counts>;

    /// The dead letters, oldest first.
    fn dead(&self) -> InboxFuture<'_, Vec<DeadLetter>>;

    /// Gives dead letters a new round of attempts; resolves to how many.
    fn replay<'a>(&'a self, what: &'a Replay) -> InboxFuture<'a, u64>;

    /// Drops the payloads and outcomes of the handled deliveries received before `before_ms`;
    /// resolves to how many. Of each, a small record of its id stays while its
    /// [`remember_until_ms`](StoredDelivery::remember_until_ms) is later than `now_ms`, so
    /// that a replay is still a duplicate; the records whose time has come are deleted.
    /// Deliveries keep arriving meanwhile: SQLite purges in short steps, PostgreSQL locks
    /// only the rows it changes.
    fn purge(&self, before_ms: u64, now_ms: u64) -> InboxFuture<'_, u64>;

    /// Resolves once the store has shown it can take a delivery now: what `GET /readyz`
    /// answers 200 for. The default asks for the counts.
    fn ping(&self) -> InboxFuture<'_, ()> {
        Box::pin(async move { self.counts().await.map(|_| ()) })
    }
}

/// Opens the inbox `location` names: a `postgres://` URL, or the path of a SQLite file.
pub async fn open(location: &str) -> Result<std::sync::Arc<dyn Inbox>, InboxError> {
    if is_postgres(location) {
        Ok(std::sync::Arc::new(PostgresInbox::connect(location).await?))
    } else {
        let path = location.to_owned();
        let inbox = tokio::task::spawn_blocking(move || SqliteInbox::open(path))
            .await
            .map_err(|e| InboxError(e.to_string()))??;
        Ok(std::sync::Arc::new(inbox))
    }
}

/// Whether `location` names a PostgreSQL inbox rather than a SQLite file.
fn is_postgres(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// How long the id of a delivery stored before ids were kept is kept, from its arrival: the
/// lifetime of the platform's tokens (`exp - iat` = 3,600,000 s), plus the verifier's minute
/// of leeway and its last second. Its token's `exp` is not known, but it was issued before it
/// arrived.
pub(crate) const TOKEN_LIFETIME_MS: u64 = (3_600_000 + 60 + 1) * 1000;

/// Milliseconds since the Unix epoch, the inbox's clock.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}
