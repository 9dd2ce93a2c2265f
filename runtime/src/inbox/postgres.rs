//! The shared inbox: PostgreSQL, so that any number of `serve` processes behind a load balancer
//! store into and work from one inbox. Claims take `FOR UPDATE SKIP LOCKED`, so two workers
//! never claim the same delivery and never wait on each other's claim.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};

use super::postgres_connect::PostgresConnector;
use super::postgres_url::PostgresUrl;
use super::{
    Accepted, Attempt, Claim, Counts, DeadLetter, Inbox, InboxError, InboxFuture, Replay,
    RetryPolicy, StoredDelivery,
};

/// An [`Inbox`] in a PostgreSQL database, through a small pool of connections, encrypted and
/// checked as the URL's `sslmode` and `sslrootcert` say (see [`PostgresUrl`]).
#[derive(Clone)]
pub struct PostgresInbox {
    pool: Pool,
}

impl std::fmt::Debug for PostgresInbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresInbox").finish_non_exhaustive()
    }
}

/// The tables as the first release made them; [`MIGRATIONS`] bring them up to date.
const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS deliveries (
        id          TEXT PRIMARY KEY,
        module      TEXT NOT NULL,
        event       TEXT NOT NULL,
        payload     BYTEA NOT NULL,
        received_ms BIGINT NOT NULL,
        claimed_by  TEXT,
        claimed_until_ms BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS outcomes (
        delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        handler     TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('pending', 'retrying', 'succeeded', 'dead')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        next_attempt_ms BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (delivery_id, handler)
    );
    CREATE INDEX IF NOT EXISTS outcomes_due ON outcomes (next_attempt_ms)
        WHERE state IN ('pending', 'retrying');
";

/// What each version of the schema adds to the one before, in order: the table
/// `inbox_schema` says how many the database has had.
const MIGRATIONS: &[&str] = &[
    // 1: a delivery's id is kept until its token expires; a purge drops its payload and
    // outcomes and keeps the row (`purged`) until then. A row stored before has no `exp`
    // known: it is kept as long as the platform's tokens last, from its arrival.
    "ALTER TABLE deliveries ADD COLUMN remember_until_ms BIGINT NOT NULL DEFAULT 0;
     ALTER TABLE deliveries ADD COLUMN purged BOOLEAN NOT NULL DEFAULT FALSE;
     UPDATE deliveries SET remember_until_ms = received_ms + :lifetime;",
];

/// Serialises the schema's creation between processes starting together (`CREATE TABLE IF NOT
/// EXISTS` alone races on the catalog).
const SCHEMA_LOCK: i64 = 0x6265_5f69_6e62_6f78;

fn error(error: impl std::fmt::Display) -> InboxError {
    InboxError(format!("postgres: {error}"))
}

impl PostgresInbox {
    /// Connects to the database at `url`
    /// (`postgres://user:password@host:port/database?sslmode=verify-full`) and creates the
    /// inbox's tables if they are missing.
    pub async fn connect(url: &str) -> Result<Self, InboxError> {
        let url = PostgresUrl::parse(url).map_err(error)?;
        let connector = PostgresConnector::new(&url).map_err(error)?;
        let manager = Manager::from_connect(
            url.config().clone(),
            connector,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager).max_size(16).build().map_err(error)?;
        let inbox = PostgresInbox { pool };
        let mut client = inbox.client().await?;
        let tx = client.transaction().await.map_err(error)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
            .await
            .map_err(error)?;
        migrate(&tx).await?;
        tx.commit().await.map_err(error)?;
        Ok(inbox)
    }

    async fn client(&self) -> Result<deadpool_postgres::Client, InboxError> {
        self.pool.get().await.map_err(error)
    }
}

/// Creates the tables if they are missing and applies the migrations the database has not
/// had, in `tx` (which holds the schema's lock).
async fn migrate(tx: &deadpool_postgres::Transaction<'_>) -> Result<(), InboxError> {
    tx.batch_execute(SCHEMA).await.map_err(error)?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS inbox_schema (version INTEGER NOT NULL)")
        .await
        .map_err(error)?;
    let version = tx
        .query_opt("SELECT version FROM inbox_schema", &[])
        .await
        .map_err(error)?
        .map_or(0, |row| row.get::<_, i32>(0).max(0) as usize);
    for migration in MIGRATIONS.iter().skip(version) {
        let lifetime = super::TOKEN_LIFETIME_MS.to_string();
        tx.batch_execute(&migration.replace(":lifetime", &lifetime))
            .await
            .map_err(error)?;
    }
    if version < MIGRATIONS.len() {
        let latest = MIGRATIONS.len() as i32;
        tx.execute("DELETE FROM inbox_schema", &[])
            .await
            .map_err(error)?;
        tx.execute("INSERT INTO inbox_schema (version) VALUES ($1)", &[&latest])
            .await
            .map_err(error)?;
    }
    Ok(())
}

impl Inbox for PostgresInbox {
    fn accept<'a>(
        &'a self,
        delivery: &'a StoredDelivery,
        handlers: &'a [&'a str],
    ) -> InboxFuture<'a, Accepted> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(error)?;
            let received = i64::try_from(super::now_ms()).unwrap_or(i64::MAX);
            // Prepared once per connection: a delivery costs four round trips, not twelve.
            let insert = tx
                .prepare_cached(
                    "INSERT INTO deliveries
                         (id, module, event, payload, received_ms, remember_until_ms)
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
                )
                .await
                .map_err(error)?;
            let inserted = tx
                .execute(
                    &insert,
                    &[
                        &delivery.id,
                        &delivery.module,
                        &delivery.event,
                        &delivery.payload,
                        &received,
                        &i64::try_from(delivery.remember_until_ms).unwrap_or(i64::MAX),
                    ],
                )
                .await
                .map_err(error)?;
            if inserted == 0 {
                return Ok(Accepted::Duplicate);
            }
            // Every handler's outcome in one statement. Due from its arrival: pending outcomes
            // are taken oldest first.
            let outcomes = tx
                .prepare_cached(
                    "INSERT INTO outcomes (delivery_id, handler, state, next_attempt_ms)
                     SELECT $1, handler, 'pending', $3 FROM unnest($2::text[]) AS handler",
                )
                .await
                .map_err(error)?;
            tx.execute(&outcomes, &[&delivery.id, &handlers, &received])
                .await
                .map_err(error)?;
            // The commit returns once PostgreSQL has flushed it (synchronous_commit = on).
            tx.commit().await.map_err(error)?;
            Ok(Accepted::New)
        })
    }

    fn claim<'a>(
        &'a self,
        worker: &'a str,
        now_ms: u64,
        lease_ms: u64,
    ) -> InboxFuture<'a, Option<Claim>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(error)?;
            let now = now_ms as i64;
            let until = now.saturating_add(i64::try_from(lease_ms).unwrap_or(i64::MAX));
            let row = tx
                .query_opt(
                    // Driven by the outcomes that are due (a partial index); SKIP LOCKED
                    // passes over deliveries another worker is claiming right now.
                    "WITH next AS (
                         SELECT d.id FROM outcomes o
                         JOIN deliveries d ON d.id = o.delivery_id
                         WHERE o.state IN ('pending', 'retrying')
                           AND o.next_attempt_ms <= $3
                           AND d.claimed_until_ms <= $3
                         ORDER BY o.next_attempt_ms
                         LIMIT 1
                         FOR UPDATE OF d SKIP LOCKED)
                     UPDATE deliveries d SET claimed_by = $1, claimed_until_ms = $2
                     FROM next WHERE d.id = next.id
                     RETURNING d.id, d.module, d.event, d.payload, d.remember_until_ms",
                    &[&worker, &until, &now],
                )
                .await
                .map_err(error)?;
            let Some(row) = row else {
                return Ok(None);
            };
            let delivery = StoredDelivery {
                id: row.get(0),
                module: row.get(1),
                event: row.get(2),
                payload: row.get(3),
                remember_until_ms: row.get::<_, i64>(4).max(0) as u64,
            };
            let due = tx
                .query(
                    "SELECT handler, attempts FROM outcomes
                     WHERE delivery_id = $1 AND state IN ('pending', 'retrying')
                       AND next_attempt_ms <= $2
                     ORDER BY handler",
                    &[&delivery.id, &now],
                )
                .await
                .map_err(error)?
                .iter()
                .map(|row| (row.get::<_, String>(0), row.get::<_, i32>(1).max(0) as u32))
                .collect();
            tx.commit().await.map_err(error)?;
            Ok(Some(Claim { delivery, due }))
        })
    }

    fn record<'a>(
        &'a self,
        id: &'a str,
        handler: &'a str,
        attempt: &'a Attempt,
        now_ms: u64,
        policy: &'a RetryPolicy,
    ) -> InboxFuture<'a, ()> {
        Box::pin(async move {
            let mut client = self.client().await?;
            match attempt {
                Attempt::Succeeded => {
                    client
                        .execute(
                            "UPDATE outcomes SET state = 'succeeded', attempts = attempts + 1,
                                 last_error = NULL
                             WHERE delivery_id = $1 AND handler = $2
                               AND state IN ('pending', 'retrying')",
                            &[&id, &handler],
                        )
                        .await
                        .map_err(error)?;
                }
                Attempt::Failed(message) => {
                    let tx = client.transaction().await.map_err(error)?;
                    let attempts: i32 = tx
                        .query_one(
                            "SELECT attempts FROM outcomes
                             WHERE delivery_id = $1 AND handler = $2 FOR UPDATE",
                            &[&id, &handler],
                        )
                        .await
                        .map_err(error)?
                        .get(0);
                    let attempts = (attempts.max(0) as u32).saturating_add(1);
                    let (state, next) = match policy.after_failure(attempts, now_ms) {
                        None => ("dead", 0i64),
                        Some(at) => ("retrying", i64::try_from(at).unwrap_or(i64::MAX)),
                    };
                    tx.execute(
                        "UPDATE outcomes SET state = $3, attempts = $4, last_error = $5,
                             next_attempt_ms = $6
                         WHERE delivery_id = $1 AND handler = $2
                           AND state IN ('pending', 'retrying')",
                        &[&id, &handler, &state, &(attempts as i32), message, &next],
                    )
                    .await
                    .map_err(error)?;
                    tx.commit().await.map_err(error)?;
                }
            }
            Ok(())
        })
    }

    fn renew<'a>(&'a self, id: &'a str, worker: &'a str, until_ms: u64) -> InboxFuture<'a, bool> {
        Box::pin(async move {
            let changed = self
                .client()
                .await?
                .execute(
                    "UPDATE deliveries SET claimed_until_ms = $3 WHERE id = $1 AND claimed_by = $2",
                    &[&id, &worker, &i64::try_from(until_ms).unwrap_or(i64::MAX)],
                )
                .await
                .map_err(error)?;
            Ok(changed > 0)
        })
    }

    fn release<'a>(&'a self, id: &'a str, worker: &'a str) -> InboxFuture<'a, ()> {
        Box::pin(async move {
            self.client()
                .await?
                .execute(
                    "UPDATE deliveries SET claimed_by = NULL, claimed_until_ms = 0
                     WHERE id = $1 AND claimed_by = $2",
                    &[&id, &worker],
                )
                .await
                .map_err(error)?;
            Ok(())
        })
    }

    fn counts(&self) -> InboxFuture<'_, Counts> {
        Box::pin(async move {
            let row = self
                .client()
                .await?
                .query_one(
                    "SELECT
                         (SELECT COUNT(DISTINCT delivery_id) FROM outcomes WHERE state = 'pending'),
                         (SELECT COUNT(DISTINCT delivery_id) FROM outcomes WHERE state = 'retrying'),
                         (SELECT COUNT(*) FROM outcomes WHERE state = 'dead'),
                         (SELECT COUNT(*) FROM deliveries d WHERE NOT d.purged AND NOT EXISTS (
                              SELECT 1 FROM outcomes o WHERE o.delivery_id = d.id
                                AND o.state <> 'succeeded')),
                         (SELECT COUNT(*) FROM deliveries WHERE purged)",
                    &[],
                )
                .await
                .map_err(error)?;
            let count = |i: usize| row.get::<_, i64>(i).max(0) as u64;
            Ok(Counts {
                pending: count(0),
                retrying: count(1),
                dead: count(2),
                handled: count(3),
                remembered: count(4),
            })
        })
    }

    fn dead(&self) -> InboxFuture<'_, Vec<DeadLetter>> {
        Box::pin(async move {
            let rows = self
                .client()
                .await?
                .query(
                    "SELECT o.delivery_id, d.module || '.' || d.event, o.handler, o.attempts,
                            COALESCE(o.last_error, '')
                     FROM outcomes o JOIN deliveries d ON d.id = o.delivery_id
                     WHERE o.state = 'dead'
                     ORDER BY d.received_ms, o.delivery_id, o.handler",
                    &[],
                )
                .await
                .map_err(error)?;
            Ok(rows
                .iter()
                .map(|row| DeadLetter {
                    delivery_id: row.get(0),
                    event: row.get(1),
                    handler: row.get(2),
                    attempts: row.get::<_, i32>(3).max(0) as u32,
                    last_error: row.get(4),
                })
                .collect())
        })
    }

    fn replay<'a>(&'a self, what: &'a Replay) -> InboxFuture<'a, u64> {
        Box::pin(async move {
            let client = self.client().await?;
            let sql = "UPDATE outcomes SET state = 'retrying', attempts = 0, next_attempt_ms = 0
                       WHERE state = 'dead'";
            match what {
                Replay::AllDead => client.execute(sql, &[]).await,
                Replay::Delivery(id) => {
                    client
                        .execute(&format!("{sql} AND delivery_id = $1"), &[id])
                        .await
                }
            }
            .map_err(error)
        })
    }

    fn purge(&self, before_ms: u64, now_ms: u64) -> InboxFuture<'_, u64> {
        Box::pin(async move {
            let (before, now) = (before_ms as i64, now_ms as i64);
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(error)?;
            // The records of purged deliveries whose tokens can no longer verify.
            tx.execute(
                "DELETE FROM deliveries WHERE purged AND remember_until_ms <= $1",
                &[&now],
            )
            .await
            .map_err(error)?;
            // Handled deliveries whose tokens can no longer verify: nothing is kept.
            let deleted = tx
                .execute(
                    "DELETE FROM deliveries WHERE NOT purged AND received_ms < $1
                       AND remember_until_ms <= $2 AND NOT EXISTS (
                         SELECT 1 FROM outcomes o WHERE o.delivery_id = deliveries.id
                           AND o.state <> 'succeeded')",
                    &[&before, &now],
                )
                .await
                .map_err(error)?;
            // The others: their id stays, their payload and outcomes go.
            let kept = tx
                .query_one(
                    "WITH kept AS (
                         UPDATE deliveries SET payload = ''::bytea, purged = TRUE
                         WHERE NOT purged AND received_ms < $1 AND remember_until_ms > $2
                           AND NOT EXISTS (
                             SELECT 1 FROM outcomes o WHERE o.delivery_id = deliveries.id
                               AND o.state <> 'succeeded')
                         RETURNING id),
                     dropped AS (
                         DELETE FROM outcomes WHERE delivery_id IN (SELECT id FROM kept))
                     SELECT COUNT(*) FROM kept",
                    &[&before, &now],
                )
                .await
                .map_err(error)?
                .get::<_, i64>(0);
            tx.commit().await.map_err(error)?;
            Ok(deleted + kept.max(0) as u64)
        })
    }

    fn ping(&self) -> InboxFuture<'_, ()> {
        Box::pin(async move {
            self.client()
                .await?
                .simple_query("SELECT 1")
                .await
                .map(|_| ())
                .map_err(error)
        })
    }
}
