//! The embedded inbox: one SQLite file (the library is compiled in), in WAL mode. A stored
//! delivery is committed with `synchronous = FULL`, so that it has reached the disk before it
//! is answered; the workers' bookkeeping with `NORMAL`, which survives the process dying.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, mpsc};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{
    Accepted, Attempt, Claim, Counts, DeadLetter, Inbox, InboxError, InboxFuture, Replay,
    RetryPolicy, StoredDelivery,
};

/// An [`Inbox`] in a SQLite file. One connection, behind a mutex: SQLite writes one
/// transaction at a time anyway, and each of these is short. Operations run on tokio's
/// blocking threads, but for storing deliveries: a writer thread of its own commits the
/// deliveries that arrive together in one transaction (one flush to disk for all of them),
/// and answers each once the commit is done.
#[derive(Clone)]
pub struct SqliteInbox {
    connection: Arc<Mutex<Connection>>,
    accepts: mpsc::SyncSender<PendingAccept>,
}

/// A delivery waiting for the writer thread's next commit.
struct PendingAccept {
    delivery: StoredDelivery,
    handlers: Vec<String>,
    reply: tokio::sync::oneshot::Sender<Result<Accepted, InboxError>>,
}

/// The most deliveries one commit takes.
const BATCH: usize = 256;

/// The most deliveries waiting for a commit; past it, storing fails at once (500: the platform
/// resends) rather than memory growing without bound.
const QUEUE: usize = 8 * BATCH;

impl std::fmt::Debug for SqliteInbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteInbox").finish_non_exhaustive()
    }
}

/// How many deliveries one step of a purge looks at.
const PURGE_WINDOW: i64 = 500;

/// The pause between two steps of a purge, in which the deliveries that arrived are stored.
const PURGE_PAUSE: std::time::Duration = std::time::Duration::from_millis(1);

/// The tables as the first release made them; [`MIGRATIONS`] bring them up to date.
const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS deliveries (
        id          TEXT PRIMARY KEY,
        module      TEXT NOT NULL,
        event       TEXT NOT NULL,
        payload     BLOB NOT NULL,
        received_ms INTEGER NOT NULL,
        claimed_by  TEXT,
        claimed_until_ms INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS outcomes (
        delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        handler     TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('pending', 'retrying', 'succeeded', 'dead')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        next_attempt_ms INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (delivery_id, handler)
    );
    CREATE INDEX IF NOT EXISTS outcomes_due ON outcomes (next_attempt_ms)
        WHERE state IN ('pending', 'retrying');
";

/// What each version of the schema adds to the one before, in order: the file's
/// `user_version` says how many it has had.
const MIGRATIONS: &[&str] = &[
    // 1: a delivery's id is kept until its token expires; a purge drops its payload and
    // outcomes and keeps the row (`purged`) until then. A row stored before has no `exp`
    // known: it is kept as long as the platform's tokens last, from its arrival.
    "ALTER TABLE deliveries ADD COLUMN remember_until_ms INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE deliveries ADD COLUMN purged INTEGER NOT NULL DEFAULT 0;
     UPDATE deliveries SET remember_until_ms = received_ms + :lifetime;",
];

fn error(error: impl std::fmt::Display) -> InboxError {
    InboxError(error.to_string())
}

/// Creates the tables if they are missing and applies the migrations the file has not had,
/// in one transaction that other processes opening the file wait for.
fn migrate(connection: &mut Connection) -> Result<(), InboxError> {
    let tx = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(error)?;
    tx.execute_batch(SCHEMA).map_err(error)?;
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(error)?;
    let version = usize::try_from(version).unwrap_or(0);
    for migration in MIGRATIONS.iter().skip(version) {
        let lifetime = super::TOKEN_LIFETIME_MS.to_string();
        tx.execute_batch(&migration.replace(":lifetime", &lifetime))
            .map_err(error)?;
    }
    if version < MIGRATIONS.len() {
        tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)
            .map_err(error)?;
    }
    tx.commit().map_err(error)
}

impl SqliteInbox {
    /// Opens (or creates) the inbox in the file at `path`, bringing a file an earlier release
    /// made up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, InboxError> {
        let connection = Connection::open(path.as_ref())
            .map_err(|e| InboxError(format!("{}: {e}", path.as_ref().display())))?;
        Self::with_connection(connection)
    }

    /// An inbox in memory, gone with the process: for tests.
    pub fn in_memory() -> Result<Self, InboxError> {
        Self::with_connection(Connection::open_in_memory().map_err(error)?)
    }

    fn with_connection(mut connection: Connection) -> Result<Self, InboxError> {
        connection
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(error)?;
        // FULL: a commit is on disk before it returns, so an answered 200 survives a crash.
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(error)?;
        connection
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(error)?;
        connection
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(error)?;
        migrate(&mut connection)?;
        let connection = Arc::new(Mutex::new(connection));
        let (accepts, pending) = mpsc::sync_channel(QUEUE);
        let inbox = SqliteInbox {
            connection,
            accepts,
        };
        let writer = SqliteInbox {
            connection: inbox.connection.clone(),
            // The writer's own sender is never used: the thread ends when every inbox is gone.
            accepts: mpsc::sync_channel(0).0,
        };
        std::thread::Builder::new()
            .name("inbox-writer".into())
            .spawn(move || writer.write_accepts(pending))
            .map_err(error)?;
        Ok(inbox)
    }

    /// The writer thread: takes what has arrived (up to [`BATCH`]), commits it in one
    /// transaction, answers each, and again, until every inbox is dropped.
    fn write_accepts(self, pending: mpsc::Receiver<PendingAccept>) {
        while let Ok(first) = pending.recv() {
            let mut batch = vec![first];
            while batch.len() < BATCH {
                match pending.try_recv() {
                    Ok(next) => batch.push(next),
                    Err(_) => break,
                }
            }
            // A panic here (a bug: SQLite's failures are errors) fails this batch, is logged,
            // and leaves the thread serving the next one; the transaction rolls back as it
            // unwinds.
            let stored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.accept_batch(&batch)
            }))
            .unwrap_or_else(|panic| {
                let message = crate::call::panic_message(&*panic);
                tracing::error!(
                    deliveries = batch.len(),
                    "the inbox's writer panicked: {message}"
                );
                Err(InboxError(format!("storing panicked: {message}")))
            });
            match stored {
                Ok(results) => {
                    for (accept, result) in batch.into_iter().zip(results) {
                        let _ = accept.reply.send(Ok(result));
                    }
                }
                Err(failure) => {
                    for accept in batch {
                        let _ = accept.reply.send(Err(InboxError(failure.0.clone())));
                    }
                }
            }
        }
    }

    /// Caps the database file at about `bytes` (`None`: SQLite's own limit). Past the cap,
    /// storing a delivery fails as on a full disk: it is answered 500 and the platform resends
    /// it, until handled deliveries are purged or the cap is raised. A way to keep the inbox
    /// from filling the disk its host needs.
    pub fn set_size_limit(&self, bytes: Option<u64>) -> Result<(), InboxError> {
        let connection = self.connection();
        let page_size: i64 = connection
            .query_row("PRAGMA page_size", [], |row| row.get(0))
            .map_err(error)?;
        let pages = bytes.map_or(u64::from(u32::MAX - 1), |bytes| {
            (bytes / page_size.max(1) as u64).max(1)
        });
        connection
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
            .map_err(error)?;
        Ok(())
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a transaction half-applied (SQLite rolls
        // it back), so the connection stays usable.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The connection, set to flush every commit to disk before it returns: for what is
    /// answered (a stored delivery), which must survive a power failure.
    fn durable(&self) -> Result<MutexGuard<'_, Connection>, InboxError> {
        let connection = self.connection();
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(error)?;
        Ok(connection)
    }

    /// The connection, set to let the operating system flush commits: for the workers'
    /// bookkeeping. A commit still survives the process being killed (it is in the WAL); a
    /// power failure can lose the last ones, and then a handler whose success they recorded
    /// runs again, which at-least-once allows.
    fn bookkeeping(&self) -> Result<MutexGuard<'_, Connection>, InboxError> {
        let connection = self.connection();
        connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(error)?;
        Ok(connection)
    }

    /// Runs `operation` on a blocking thread.
    fn run<T: Send + 'static>(
        &self,
        operation: impl FnOnce(&SqliteInbox) -> Result<T, InboxError> + Send + 'static,
    ) -> InboxFuture<'static, T> {
        let inbox = self.clone();
        Box::pin(async move {
            tokio::task::spawn_blocking(move || operation(&inbox))
                .await
                .map_err(|e| InboxError(format!("the store's thread failed: {e}")))?
        })
    }
}

impl Inbox for SqliteInbox {
    fn accept<'a>(
        &'a self,
        delivery: &'a StoredDelivery,
        handlers: &'a [&'a str],
    ) -> InboxFuture<'a, Accepted> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let sent = self.accepts.try_send(PendingAccept {
            delivery: delivery.clone(),
            handlers: handlers.iter().map(|h| (*h).to_owned()).collect(),
            reply,
        });
        Box::pin(async move {
            sent.map_err(|error| match error {
                mpsc::TrySendError::Full(_) => {
                    InboxError("too many deliveries are waiting to be stored".into())
                }
                mpsc::TrySendError::Disconnected(_) => {
                    InboxError("the inbox's writer thread has stopped".into())
                }
            })?;
            answer
                .await
                .map_err(|_| InboxError("the inbox's writer thread has stopped".into()))?
        })
    }

    fn claim<'a>(
        &'a self,
        worker: &'a str,
        now_ms: u64,
        lease_ms: u64,
    ) -> InboxFuture<'a, Option<Claim>> {
        let worker = worker.to_owned();
        self.run(move |inbox| inbox.claim_now(&worker, now_ms, lease_ms))
    }

    fn record<'a>(
        &'a self,
        id: &'a str,
        handler: &'a str,
        attempt: &'a Attempt,
        now_ms: u64,
        policy: &'a RetryPolicy,
    ) -> InboxFuture<'a, ()> {
        let (id, handler, attempt, policy) =
            (id.to_owned(), handler.to_owned(), attempt.clone(), *policy);
        self.run(move |inbox| inbox.record_now(&id, &handler, &attempt, now_ms, &policy))
    }

    fn renew<'a>(&'a self, id: &'a str, worker: &'a str, until_ms: u64) -> InboxFuture<'a, bool> {
        let (id, worker) = (id.to_owned(), worker.to_owned());
        self.run(move |inbox| {
            let changed = inbox
                .bookkeeping()?
                .execute(
                    "UPDATE deliveries SET claimed_until_ms = ?3 WHERE id = ?1 AND claimed_by = ?2",
                    params![id, worker, i64::try_from(until_ms).unwrap_or(i64::MAX)],
                )
                .map_err(error)?;
            Ok(changed > 0)
        })
    }

    fn release<'a>(&'a self, id: &'a str, worker: &'a str) -> InboxFuture<'a, ()> {
        let (id, worker) = (id.to_owned(), worker.to_owned());
        self.run(move |inbox| inbox.release_now(&id, &worker))
    }

    fn counts(&self) -> InboxFuture<'_, Counts> {
        self.run(|inbox| inbox.counts_now())
    }

    fn dead(&self) -> InboxFuture<'_, Vec<DeadLetter>> {
        self.run(|inbox| inbox.dead_now())
    }

    fn replay<'a>(&'a self, what: &'a Replay) -> InboxFuture<'a, u64> {
        let what = what.clone();
        self.run(move |inbox| inbox.replay_now(&what))
    }

    fn purge(&self, before_ms: u64, now_ms: u64) -> InboxFuture<'_, u64> {
        self.run(move |inbox| inbox.purge_now(before_ms, now_ms))
    }

    fn ping(&self) -> InboxFuture<'_, ()> {
        self.run(|inbox| inbox.ping_now())
    }
}

/// The operations, blocking.
impl SqliteInbox {
    /// Stores a batch of deliveries in one transaction: all of them, or (on an error) none.
    fn accept_batch(&self, batch: &[PendingAccept]) -> Result<Vec<Accepted>, InboxError> {
        let mut connection = self.durable()?;
        #[cfg(test)]
        if tests::PANIC_IN_NEXT_BATCH.swap(false, std::sync::atomic::Ordering::SeqCst) {
            panic!("a bug in the writer");
        }
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(error)?;
        let mut results = Vec::with_capacity(batch.len());
        let received = super::now_ms() as i64;
        for PendingAccept {
            delivery, handlers, ..
        } in batch
        {
            // Statements prepared once, from the connection's cache.
            let inserted = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO deliveries
                         (id, module, event, payload, received_ms, remember_until_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .and_then(|mut insert| {
                    insert.execute(params![
                        delivery.id,
                        delivery.module,
                        delivery.event,
                        delivery.payload,
                        received,
                        i64::try_from(delivery.remember_until_ms).unwrap_or(i64::MAX)
                    ])
                })
                .map_err(error)?;
            if inserted == 0 {
                results.push(Accepted::Duplicate);
                continue;
            }
            let mut outcome = tx
                .prepare_cached(
                    "INSERT INTO outcomes (delivery_id, handler, state, next_attempt_ms)
                     VALUES (?1, ?2, 'pending', ?3)",
                )
                .map_err(error)?;
            for handler in handlers {
                // Due from its arrival: pending outcomes are taken oldest first, and retries
                // wait behind no newer delivery.
                outcome
                    .execute(params![delivery.id, handler, received])
                    .map_err(error)?;
            }
            results.push(Accepted::New);
        }
        tx.commit().map_err(error)?;
        Ok(results)
    }

    fn claim_now(
        &self,
        worker: &str,
        now_ms: u64,
        lease_ms: u64,
    ) -> Result<Option<Claim>, InboxError> {
        let mut connection = self.bookkeeping()?;
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(error)?;
        let now = now_ms as i64;
        let claimed = tx
            .query_row(
                // Driven by the outcomes that are due (a partial index), so that handled
                // deliveries cost nothing however many there are.
                "UPDATE deliveries SET claimed_by = ?1, claimed_until_ms = ?2
                 WHERE id = (
                     SELECT o.delivery_id FROM outcomes o
                     JOIN deliveries d ON d.id = o.delivery_id
                     WHERE o.state IN ('pending', 'retrying')
                       AND o.next_attempt_ms <= ?3
                       AND d.claimed_until_ms <= ?3
                     ORDER BY o.next_attempt_ms
                     LIMIT 1)
                 RETURNING id, module, event, payload, remember_until_ms",
                params![
                    worker,
                    now.saturating_add(i64::try_from(lease_ms).unwrap_or(i64::MAX)),
                    now
                ],
                |row| {
                    Ok(StoredDelivery {
                        id: row.get(0)?,
                        module: row.get(1)?,
                        event: row.get(2)?,
                        payload: row.get(3)?,
                        remember_until_ms: row.get::<_, i64>(4)?.max(0) as u64,
                    })
                },
            )
            .optional()
            .map_err(error)?;
        let Some(delivery) = claimed else {
            return Ok(None);
        };
        let due = {
            let mut statement = tx
                .prepare(
                    "SELECT handler, attempts FROM outcomes
                     WHERE delivery_id = ?1 AND state IN ('pending', 'retrying')
                       AND next_attempt_ms <= ?2
                     ORDER BY handler",
                )
                .map_err(error)?;
            statement
                .query_map(params![delivery.id, now], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
                })
                .map_err(error)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(error)?
        };
        tx.commit().map_err(error)?;
        Ok(Some(Claim { delivery, due }))
    }

    fn record_now(
        &self,
        id: &str,
        handler: &str,
        attempt: &Attempt,
        now_ms: u64,
        policy: &RetryPolicy,
    ) -> Result<(), InboxError> {
        let connection = self.bookkeeping()?;
        match attempt {
            Attempt::Succeeded => connection.execute(
                "UPDATE outcomes SET state = 'succeeded', attempts = attempts + 1, last_error = NULL
                 WHERE delivery_id = ?1 AND handler = ?2 AND state IN ('pending', 'retrying')",
                params![id, handler],
            ),
            Attempt::Failed(message) => {
                let attempts: u32 = connection
                    .query_row(
                        "SELECT attempts FROM outcomes WHERE delivery_id = ?1 AND handler = ?2",
                        params![id, handler],
                        |row| row.get(0),
                    )
                    .map_err(error)?;
                let attempts = attempts.saturating_add(1);
                let (state, next) = match policy.after_failure(attempts, now_ms) {
                    None => ("dead", 0i64),
                    Some(at) => ("retrying", i64::try_from(at).unwrap_or(i64::MAX)),
                };
                connection.execute(
                    "UPDATE outcomes SET state = ?3, attempts = ?4, last_error = ?5,
                         next_attempt_ms = ?6
                     WHERE delivery_id = ?1 AND handler = ?2 AND state IN ('pending', 'retrying')",
                    params![id, handler, state, attempts, message, next],
                )
            }
        }
        .map_err(error)?;
        Ok(())
    }

    fn release_now(&self, id: &str, worker: &str) -> Result<(), InboxError> {
        self.bookkeeping()?
            .execute(
                "UPDATE deliveries SET claimed_by = NULL, claimed_until_ms = 0
                 WHERE id = ?1 AND claimed_by = ?2",
                params![id, worker],
            )
            .map_err(error)?;
        Ok(())
    }

    fn counts_now(&self) -> Result<Counts, InboxError> {
        let connection = self.connection();
        let count = |sql: &str| -> Result<u64, InboxError> {
            connection
                .query_row(sql, [], |row| row.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(error)
        };
        Ok(Counts {
            pending: count(
                "SELECT COUNT(DISTINCT delivery_id) FROM outcomes WHERE state = 'pending'",
            )?,
            retrying: count(
                "SELECT COUNT(DISTINCT delivery_id) FROM outcomes WHERE state = 'retrying'",
            )?,
            dead: count("SELECT COUNT(*) FROM outcomes WHERE state = 'dead'")?,
            handled: count(
                "SELECT COUNT(*) FROM deliveries d WHERE purged = 0 AND NOT EXISTS (
                     SELECT 1 FROM outcomes o WHERE o.delivery_id = d.id
                       AND o.state <> 'succeeded')",
            )?,
            remembered: count("SELECT COUNT(*) FROM deliveries WHERE purged = 1")?,
        })
    }

    fn dead_now(&self) -> Result<Vec<DeadLetter>, InboxError> {
        let connection = self.connection();
        let mut statement = connection
            .prepare(
                "SELECT o.delivery_id, d.module || '.' || d.event, o.handler, o.attempts,
                        COALESCE(o.last_error, '')
                 FROM outcomes o JOIN deliveries d ON d.id = o.delivery_id
                 WHERE o.state = 'dead'
                 ORDER BY d.received_ms, o.delivery_id, o.handler",
            )
            .map_err(error)?;
        statement
            .query_map([], |row| {
                Ok(DeadLetter {
                    delivery_id: row.get(0)?,
                    event: row.get(1)?,
                    handler: row.get(2)?,
                    attempts: row.get(3)?,
                    last_error: row.get(4)?,
                })
            })
            .map_err(error)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(error)
    }

    fn replay_now(&self, what: &Replay) -> Result<u64, InboxError> {
        let connection = self.durable()?;
        let sql = "UPDATE outcomes SET state = 'retrying', attempts = 0, next_attempt_ms = 0
                   WHERE state = 'dead'";
        let changed = match what {
            Replay::AllDead => connection.execute(sql, []),
            Replay::Delivery(id) => {
                connection.execute(&format!("{sql} AND delivery_id = ?1"), params![id])
            }
        }
        .map_err(error)?;
        Ok(changed as u64)
    }

    /// Purges in windows of [`PURGE_WINDOW`] rows, taken in insertion order, each in its own
    /// short transaction: between two windows the writer thread gets the connection, so a
    /// long purge does not hold up the deliveries arriving meanwhile. Each row is visited once.
    fn purge_now(&self, before_ms: u64, now_ms: u64) -> Result<u64, InboxError> {
        let mut purged = 0;
        let mut after: i64 = 0;
        let (before, now) = (before_ms as i64, now_ms as i64);
        loop {
            let mut connection = self.durable()?;
            let tx = connection.transaction().map_err(error)?;
            let window_end: Option<i64> = tx
                .query_row(
                    "SELECT MAX(rowid) FROM (SELECT rowid FROM deliveries WHERE rowid > ?1
                         ORDER BY rowid LIMIT ?2)",
                    params![after, PURGE_WINDOW],
                    |row| row.get(0),
                )
                .map_err(error)?;
            let Some(window_end) = window_end else {
                return Ok(purged);
            };
            // The records of purged deliveries whose tokens can no longer verify.
            tx.execute(
                "DELETE FROM deliveries WHERE rowid > ?1 AND rowid <= ?2 AND purged = 1
                   AND remember_until_ms <= ?3",
                params![after, window_end, now],
            )
            .map_err(error)?;
            // Handled deliveries whose tokens can no longer verify: nothing is kept.
            purged += tx
                .execute(
                    "DELETE FROM deliveries WHERE rowid > ?1 AND rowid <= ?2 AND purged = 0
                       AND received_ms < ?3 AND remember_until_ms <= ?4 AND NOT EXISTS (
                         SELECT 1 FROM outcomes o WHERE o.delivery_id = deliveries.id
                           AND o.state <> 'succeeded')",
                    params![after, window_end, before, now],
                )
                .map_err(error)? as u64;
            // The others: their id stays, their payload and outcomes go.
            purged += tx
                .execute(
                    "UPDATE deliveries SET payload = X'', purged = 1
                     WHERE rowid > ?1 AND rowid <= ?2 AND purged = 0 AND received_ms < ?3
                       AND remember_until_ms > ?4 AND NOT EXISTS (
                         SELECT 1 FROM outcomes o WHERE o.delivery_id = deliveries.id
                           AND o.state <> 'succeeded')",
                    params![after, window_end, before, now],
                )
                .map_err(error)? as u64;
            tx.execute(
                "DELETE FROM outcomes WHERE delivery_id IN (
                     SELECT id FROM deliveries WHERE rowid > ?1 AND rowid <= ?2 AND purged = 1)",
                params![after, window_end],
            )
            .map_err(error)?;
            tx.commit().map_err(error)?;
            after = window_end;
            // The lock is not fair: without a pause this thread would take it straight back.
            drop(connection);
            std::thread::sleep(PURGE_PAUSE);
        }
    }
}

/// How long a readiness check waits for the write lock: past it, deliveries would wait too.
const PING_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

impl SqliteInbox {
    /// Takes the write lock and lets it go: reading alone would pass while another process
    /// holds the file locked and every delivery is answered 500.
    fn ping_now(&self) -> Result<(), InboxError> {
        let mut connection = self.connection();
        connection.busy_timeout(PING_WAIT).map_err(error)?;
        let locked = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .and_then(|tx| tx.rollback());
        // Back to the wait the inbox was opened with.
        connection
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(error)?;
        locked.map_err(|e| InboxError(format!("the inbox cannot be written: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::*;

    /// Makes the writer panic in its next batch, with the connection held mid-batch.
    pub(super) static PANIC_IN_NEXT_BATCH: AtomicBool = AtomicBool::new(false);

    fn delivery(id: &str) -> StoredDelivery {
        StoredDelivery {
            id: id.to_owned(),
            module: "wixEvents".to_owned(),
            event: "onPolicyUpdated".to_owned(),
            payload: b"{}".to_vec(),
            remember_until_ms: 0,
        }
    }

    /// A file the release before ids were kept made: the first schema, with a handled
    /// delivery and a pending one.
    #[tokio::test]
    async fn a_file_of_the_previous_release_is_migrated_and_keeps_its_ids() {
        let dir = std::env::temp_dir().join(format!("inbox-migration-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.db");
        let received = super::super::now_ms() as i64 - 1000;
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(SCHEMA).unwrap();
            for (id, state) in [("handled", "succeeded"), ("pending", "pending")] {
                old.execute(
                    "INSERT INTO deliveries (id, module, event, payload, received_ms)
                     VALUES (?1, 'wixEvents', 'onPolicyUpdated', X'7b7d', ?2)",
                    params![id, received],
                )
                .unwrap();
                old.execute(
                    "INSERT INTO outcomes (delivery_id, handler, state) VALUES (?1, 'h', ?2)",
                    params![id, state],
                )
                .unwrap();
            }
        }
        let inbox = SqliteInbox::open(&path).unwrap();
        let counts = inbox.counts().await.unwrap();
        assert_eq!((counts.pending, counts.handled), (1, 1));
        let now = super::super::now_ms();
        let claim = inbox.claim("w", now, 1000).await.unwrap().unwrap();
        assert_eq!(claim.delivery.id, "pending");
        let lifetime = super::super::TOKEN_LIFETIME_MS;
        assert_eq!(claim.delivery.remember_until_ms, received as u64 + lifetime);
        inbox
            .record(
                "pending",
                "h",
                &Attempt::Succeeded,
                now,
                &RetryPolicy::default(),
            )
            .await
            .unwrap();
        inbox.release("pending", "w").await.unwrap();
        drop(inbox);
        // Opened again: the migration is not applied twice.
        let inbox = SqliteInbox::open(&path).unwrap();
        assert_eq!(inbox.purge(now + 1, now).await.unwrap(), 2);
        for id in ["handled", "pending"] {
            assert_eq!(
                inbox.accept(&delivery(id), &["h"]).await.unwrap(),
                Accepted::Duplicate
            );
        }
        let after_expiry = received as u64 + lifetime;
        inbox.purge(now + 1, after_expiry).await.unwrap();
        assert_eq!(
            inbox.accept(&delivery("handled"), &["h"]).await.unwrap(),
            Accepted::New
        );
        drop(inbox);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn a_panic_of_the_writer_fails_its_batch_and_the_next_one_is_stored() {
        let inbox = SqliteInbox::in_memory().unwrap();
        PANIC_IN_NEXT_BATCH.store(true, Ordering::SeqCst);
        let failed = inbox.accept(&delivery("d-1"), &["h"]).await.unwrap_err();
        assert_eq!(failed.0, "storing panicked: a bug in the writer");
        // Nothing of the failed batch was kept, and the writer still serves.
        assert_eq!(
            inbox.accept(&delivery("d-1"), &["h"]).await.unwrap(),
            Accepted::New
        );
        assert_eq!(
            inbox.accept(&delivery("d-1"), &["h"]).await.unwrap(),
            Accepted::Duplicate
        );
        assert_eq!(inbox.counts().await.unwrap().pending, 1);
    }
}
