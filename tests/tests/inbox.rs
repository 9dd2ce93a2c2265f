//! The durable inbox, one suite run against both backends (a SQLite file, and a PostgreSQL
//! database): deliveries stored once, each handler's outcome kept, failures retried then
//! dead-lettered, replays, concurrent workers, an abandoned claim taken over, and
//! `POST /webhooks` answering only once a delivery is stored.
//!
//! The PostgreSQL runs need a server: `BACKEND_EVENTS_POSTGRES=postgres://user:pw@host/db`
//! (`.ci/run` starts one). Without it they are skipped with a note, unless
//! `BACKEND_EVENTS_REQUIRE_POSTGRES=1` makes that a failure (as in CI).

mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backend_events::inbox::{
    Accepted, Attempt, Claim, Counts, DeadLetter, Inbox, InboxError, InboxFuture, PostgresInbox,
    Replay, RetryPolicy, SqliteInbox, StoredDelivery, Worker, now_ms,
};
use backend_events::webhook::Verifier;
use backend_events::wix_events_v3::{EventEnded, EventPublished};
use backend_events::{Dispatcher, backend_event};
use serde_json::{Value, json};
use support::{app_keys, domain_event, signed};

/// How many times each handler ran on each delivery.
static RUNS: Mutex<Vec<(String, &'static str)>> = Mutex::new(Vec::new());

fn ran(id: &str, handler: &'static str) {
    RUNS.lock().unwrap().push((id.to_owned(), handler));
}

fn runs(id: &str) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for (seen, handler) in RUNS.lock().unwrap().iter() {
        if seen == id {
            *counts.entry(*handler).or_default() += 1;
        }
    }
    counts
}

/// Fails its first two attempts on a delivery whose title says "flaky".
#[backend_event(wixEventsV3, onEventPublished)]
fn flaky(event: EventPublished) -> Result<(), String> {
    let id = event.metadata.id.clone();
    ran(&id, "flaky");
    let flaky = event
        .data
        .event
        .as_ref()
        .and_then(|e| e.title.as_deref())
        .is_some_and(|title| title.contains("flaky"));
    if flaky && runs(&id)["flaky"] <= 2 {
        return Err(format!("attempt {} fails", runs(&id)["flaky"]));
    }
    Ok(())
}

#[backend_event(wixEventsV3, onEventPublished)]
async fn steady(event: EventPublished) {
    ran(&event.metadata.id, "steady");
}

/// The deliveries `broken` has been fixed for.
static FIXED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Fails on a delivery until it is fixed for it.
#[backend_event(wixEventsV3, onEventEnded)]
fn broken(event: EventEnded) -> Result<(), String> {
    let id = event.metadata.id;
    ran(&id, "broken");
    if FIXED.lock().unwrap().contains(&id) {
        Ok(())
    } else {
        Err("the venue's API is down".into())
    }
}

const FLAKY: &str = "inbox::flaky";
const STEADY: &str = "inbox::steady";
const BROKEN: &str = "inbox::broken";

fn inbox_file(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("inbox");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

async fn sqlite(name: &str) -> Arc<dyn Inbox> {
    Arc::new(SqliteInbox::open(inbox_file(name)).unwrap())
}

/// A PostgreSQL inbox in a schema of its own, or `None` when no server is configured.
async fn postgres(name: &str) -> Option<Arc<dyn Inbox>> {
    let url = support::postgres_schema(&format!("inbox_test_{name}")).await?;
    Some(Arc::new(PostgresInbox::connect(&url).await.unwrap()))
}

/// Each case, once per backend: `sqlite::case` and `postgres::case`.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite_backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $case() {
                    let inbox = super::sqlite(stringify!($case)).await;
                    super::$case(inbox, "sqlite").await;
                }
            )*
        }
        mod postgres_backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $case() {
                    if let Some(inbox) = super::postgres(stringify!($case)).await {
                        super::$case(inbox, "postgres").await;
                    }
                }
            )*
        }
    };
}

on_both_backends!(
    a_duplicate_delivery_is_stored_once_and_runs_nothing_twice,
    a_failing_handler_is_retried_until_it_succeeds_and_the_others_run_once,
    a_handler_that_always_fails_is_dead_lettered_and_replay_runs_it_again,
    concurrent_workers_never_run_a_handler_twice_for_one_delivery,
    a_claim_abandoned_by_a_crashed_worker_is_taken_over_after_its_lease,
    purge_deletes_only_handled_deliveries_older_than_asked,
    a_purge_of_thousands_keeps_every_unfinished_delivery,
    post_webhooks_answers_200_only_for_stored_deliveries,
    a_token_replayed_after_a_purge_is_a_duplicate_until_it_expires,
);

/// The bundled sample of `event`, with its own delivery id and, for published events, title.
fn delivery(event: &str, id: &str, title: &str) -> StoredDelivery {
    let info = Dispatcher::new().event("wixEventsV3", event).unwrap();
    let mut payload: Value = serde_json::from_str(info.sample().unwrap()).unwrap();
    payload["metadata"]["id"] = id.into();
    if payload["data"]["event"].is_object() {
        payload["data"]["event"]["title"] = title.into();
    } else {
        payload["data"]["event"] = json!({"_id": "e-1", "title": title});
    }
    StoredDelivery {
        id: id.to_owned(),
        module: "wixEventsV3".to_owned(),
        event: event.to_owned(),
        payload: serde_json::to_vec(&payload).unwrap(),
        // As no token brought it: a purge forgets it.
        remember_until_ms: 0,
    }
}

fn handlers(event: &str) -> Vec<&'static str> {
    Dispatcher::new()
        .handlers_for("wixEventsV3", event)
        .unwrap()
        .iter()
        .map(|h| h.name())
        .collect()
}

async fn accept(inbox: &Arc<dyn Inbox>, delivery: &StoredDelivery) -> Accepted {
    inbox
        .accept(delivery, &handlers(&delivery.event))
        .await
        .unwrap()
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_delays(Duration::from_millis(5), Duration::from_millis(20))
}

fn worker(inbox: &Arc<dyn Inbox>) -> Worker {
    Worker::new(inbox.clone(), Dispatcher::new())
        .with_policy(fast_retries())
        .with_budget(Duration::from_secs(2))
}

/// Runs `worker` until nothing is pending or retrying (or 10 s pass).
async fn drain(inbox: &Arc<dyn Inbox>, worker: &Worker) -> Counts {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let worked = worker.run_once().await.unwrap();
        let counts = inbox.counts().await.unwrap();
        if counts.pending + counts.retrying == 0 || std::time::Instant::now() > deadline {
            return counts;
        }
        if !worked {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

async fn a_duplicate_delivery_is_stored_once_and_runs_nothing_twice(
    inbox: Arc<dyn Inbox>,
    tag: &str,
) {
    let id = format!("{tag}-dup-1");
    let first = delivery("onEventPublished", &id, "Leather Crafting");
    assert_eq!(accept(&inbox, &first).await, Accepted::New);
    assert_eq!(accept(&inbox, &first).await, Accepted::Duplicate);
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!(
        accept(&inbox, &first).await,
        Accepted::Duplicate,
        "after handling too"
    );
    drain(&inbox, &worker(&inbox)).await;
    assert_eq!(counts.handled, 1);
    assert_eq!(runs(&id), HashMap::from([("flaky", 1), ("steady", 1)]));
}

async fn a_failing_handler_is_retried_until_it_succeeds_and_the_others_run_once(
    inbox: Arc<dyn Inbox>,
    tag: &str,
) {
    let id = format!("{tag}-retry-1");
    accept(&inbox, &delivery("onEventPublished", &id, "flaky workshop")).await;
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!(
        counts,
        Counts {
            pending: 0,
            retrying: 0,
            dead: 0,
            handled: 1,
            remembered: 0,
        }
    );
    assert_eq!(runs(&id), HashMap::from([("flaky", 3), ("steady", 1)]));
}

async fn a_handler_that_always_fails_is_dead_lettered_and_replay_runs_it_again(
    inbox: Arc<dyn Inbox>,
    tag: &str,
) {
    let id = format!("{tag}-dead-1");
    let before = backend_events::inbox::counters();
    accept(&inbox, &delivery("onEventEnded", &id, "")).await;
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!((counts.dead, counts.handled), (1, 0));
    // This process's counters saw two retries and a dead letter (other tests count too).
    let after = backend_events::inbox::counters();
    assert!(after.retried >= before.retried + 2);
    assert!(after.dead_lettered > before.dead_lettered);
    assert_eq!(runs(&id), HashMap::from([("broken", 3)]));
    assert_eq!(
        inbox.dead().await.unwrap(),
        [DeadLetter {
            delivery_id: id.clone(),
            event: "wixEventsV3.onEventEnded".into(),
            handler: BROKEN.into(),
            attempts: 3,
            last_error: "the venue's API is down".into(),
        }]
    );

    FIXED.lock().unwrap().push(id.clone());
    assert_eq!(
        inbox.replay(&Replay::Delivery(id.clone())).await.unwrap(),
        1
    );
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!((counts.dead, counts.handled), (0, 1));
    assert_eq!(runs(&id), HashMap::from([("broken", 4)]));
    assert_eq!(inbox.replay(&Replay::AllDead).await.unwrap(), 0);
}

async fn concurrent_workers_never_run_a_handler_twice_for_one_delivery(
    inbox: Arc<dyn Inbox>,
    tag: &str,
) {
    let ids: Vec<String> = (0..40).map(|n| format!("{tag}-conc-{n}")).collect();
    for id in &ids {
        accept(&inbox, &delivery("onEventPublished", id, "party")).await;
    }
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let inbox = inbox.clone();
        let worker = worker(&inbox);
        tasks.spawn(async move { drain(&inbox, &worker).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
    assert_eq!(inbox.counts().await.unwrap().handled, 40);
    for id in &ids {
        assert_eq!(
            runs(id),
            HashMap::from([("flaky", 1), ("steady", 1)]),
            "{id}"
        );
    }
}

async fn a_claim_abandoned_by_a_crashed_worker_is_taken_over_after_its_lease(
    inbox: Arc<dyn Inbox>,
    tag: &str,
) {
    let id = format!("{tag}-lease-1");
    accept(&inbox, &delivery("onEventPublished", &id, "party")).await;
    // A worker claims it for 1 s, records one handler's success, and dies.
    let Claim { due, .. } = inbox
        .claim("crashed", now_ms(), 1000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(due, [(FLAKY.to_owned(), 0), (STEADY.to_owned(), 0)]);
    inbox
        .record(&id, STEADY, &Attempt::Succeeded, now_ms(), &fast_retries())
        .await
        .unwrap();
    // While the lease holds, nobody else gets it.
    assert!(!worker(&inbox).run_once().await.unwrap());
    tokio::time::sleep(Duration::from_millis(1050)).await;
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!(counts.handled, 1);
    // Only the handler that had not completed ran.
    assert_eq!(runs(&id), HashMap::from([("flaky", 1)]));
}

/// Enough deliveries for a purge to go through several of its steps (SQLite's windows are
/// 500 rows): every finished one is deleted, and every unfinished one, wherever it sits, is kept.
async fn a_purge_of_thousands_keeps_every_unfinished_delivery(inbox: Arc<dyn Inbox>, tag: &str) {
    const COUNT: usize = 2_500;
    let template = delivery("onEventPublished", "template", "party");
    let id = |i: usize| format!("{tag}-bulk-{i}");
    // Every 97th keeps a pending outcome; the others have no handler and are finished at once.
    let unfinished = |i: usize| i % 97 == 0;
    // Stored 500 at a time: more at once would overflow SQLite's writer queue, by design.
    for chunk in (0..COUNT).collect::<Vec<_>>().chunks(500) {
        let mut stored = tokio::task::JoinSet::new();
        for &i in chunk {
            let inbox = inbox.clone();
            let delivery = StoredDelivery {
                id: id(i),
                ..template.clone()
            };
            stored.spawn(async move {
                let handlers: &[&str] = if unfinished(i) {
                    &["pending-handler"]
                } else {
                    &[]
                };
                inbox.accept(&delivery, handlers).await.unwrap()
            });
        }
        while let Some(accepted) = stored.join_next().await {
            assert_eq!(accepted.unwrap(), Accepted::New);
        }
    }
    let kept = (0..COUNT).filter(|&i| unfinished(i)).count();
    assert_eq!(
        inbox.purge(now_ms() + 1, now_ms()).await.unwrap(),
        (COUNT - kept) as u64
    );
    for i in 0..COUNT {
        let again = inbox
            .accept(
                &StoredDelivery {
                    id: id(i),
                    ..template.clone()
                },
                &[],
            )
            .await
            .unwrap();
        let expected = if unfinished(i) {
            Accepted::Duplicate
        } else {
            Accepted::New
        };
        assert_eq!(again, expected, "delivery {i}");
    }
}

async fn purge_deletes_only_handled_deliveries_older_than_asked(inbox: Arc<dyn Inbox>, tag: &str) {
    let (first, second) = (format!("{tag}-purge-1"), format!("{tag}-purge-2"));
    accept(&inbox, &delivery("onEventPublished", &first, "party")).await;
    drain(&inbox, &worker(&inbox)).await;
    // Stored after the drain: still pending.
    accept(&inbox, &delivery("onEventPublished", &second, "party")).await;
    assert_eq!(
        inbox.purge(now_ms() - 60_000, now_ms()).await.unwrap(),
        0,
        "nothing is that old"
    );
    assert_eq!(inbox.purge(now_ms() + 1, now_ms()).await.unwrap(), 1);
    // A purged delivery no token brought is forgotten; a pending one is kept.
    assert_eq!(
        accept(&inbox, &delivery("onEventPublished", &first, "party")).await,
        Accepted::New
    );
    assert_eq!(
        accept(&inbox, &delivery("onEventPublished", &second, "party")).await,
        Accepted::Duplicate
    );
}

/// An inbox whose store is down until told otherwise.
struct Flaky {
    inner: Arc<dyn Inbox>,
    down: AtomicBool,
}

impl Flaky {
    fn check(&self) -> Result<(), InboxError> {
        if self.down.load(Ordering::SeqCst) {
            Err(InboxError("the disk is full".into()))
        } else {
            Ok(())
        }
    }
}

impl Inbox for Flaky {
    fn accept<'a>(
        &'a self,
        delivery: &'a StoredDelivery,
        handlers: &'a [&'a str],
    ) -> InboxFuture<'a, Accepted> {
        Box::pin(async move {
            self.check()?;
            self.inner.accept(delivery, handlers).await
        })
    }
    fn claim<'a>(
        &'a self,
        worker: &'a str,
        now: u64,
        lease: u64,
    ) -> InboxFuture<'a, Option<Claim>> {
        Box::pin(async move {
            self.check()?;
            self.inner.claim(worker, now, lease).await
        })
    }
    fn record<'a>(
        &'a self,
        id: &'a str,
        handler: &'a str,
        attempt: &'a Attempt,
        now: u64,
        policy: &'a RetryPolicy,
    ) -> InboxFuture<'a, ()> {
        self.inner.record(id, handler, attempt, now, policy)
    }
    fn renew<'a>(&'a self, id: &'a str, worker: &'a str, until: u64) -> InboxFuture<'a, bool> {
        self.inner.renew(id, worker, until)
    }
    fn release<'a>(&'a self, id: &'a str, worker: &'a str) -> InboxFuture<'a, ()> {
        self.inner.release(id, worker)
    }
    fn counts(&self) -> InboxFuture<'_, Counts> {
        self.inner.counts()
    }
    fn dead(&self) -> InboxFuture<'_, Vec<DeadLetter>> {
        self.inner.dead()
    }
    fn replay<'a>(&'a self, what: &'a Replay) -> InboxFuture<'a, u64> {
        self.inner.replay(what)
    }
    fn purge(&self, before: u64, now: u64) -> InboxFuture<'_, u64> {
        self.inner.purge(before, now)
    }
}

async fn post_webhooks_answers_200_only_for_stored_deliveries(inbox: Arc<dyn Inbox>, tag: &str) {
    let flaky = Arc::new(Flaky {
        inner: inbox,
        down: AtomicBool::new(false),
    });
    let inbox: Arc<dyn Inbox> = flaky.clone();
    let app = backend_events::http::inbox_router(
        Dispatcher::new(),
        Verifier::from_pem(&app_keys().public_pem).unwrap(),
        inbox.clone(),
        backend_events::http::Config::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();
    let post = |token: String| {
        let request = client.post(&url).body(token);
        async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let published = |id: &str| {
        let stored = delivery("onEventPublished", id, "party");
        let payload: Value = serde_json::from_slice(&stored.payload).unwrap();
        signed(
            "wix.events.v3.event_published",
            &domain_event(id, "e-1", json!({"actionEvent": {"body": payload["data"]}})),
        )
    };
    let (first, second, bad) = (
        format!("{tag}-http-1"),
        format!("{tag}-http-2"),
        format!("{tag}-http-bad"),
    );

    let before = backend_events::inbox::counters();
    assert_eq!(post(published(&first)).await, (200, "accepted".into()));
    assert_eq!(post(published(&first)).await, (200, "duplicate".into()));
    let after = backend_events::inbox::counters();
    assert!(after.accepted > before.accepted && after.duplicate > before.duplicate);
    // A payload that is not the event's is refused, not stored.
    let not_the_payload = signed(
        "wix.events.v3.event_published",
        &domain_event(
            &bad,
            "e-1",
            json!({"actionEvent": {"body": {"timestamp": 5}}}),
        ),
    );
    assert_eq!(post(not_the_payload).await.0, 400);
    // Bad input keeps the answers of the endpoint without the inbox, and stores nothing.
    assert_eq!(post("hello".into()).await.0, 400);
    let forged = support::other_keys().sign(&support::claims(
        "wix.events.v3.event_published",
        &domain_event(&bad, "e-1", json!({"actionEvent": {"body": {}}})),
        support::now() + 600,
    ));
    assert_eq!(post(forged).await.0, 401);
    // On a client of its own: the server closes the connection after a 413.
    let oversized = reqwest::Client::new()
        .post(&url)
        .body("a".repeat(2 * 1024 * 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(oversized.status().as_u16(), 413);
    // The store is down: 500, so the platform resends; then it comes back.
    flaky.down.store(true, Ordering::SeqCst);
    assert_eq!(
        post(published(&second)).await,
        (500, "inbox: the disk is full".into())
    );
    flaky.down.store(false, Ordering::SeqCst);
    assert_eq!(post(published(&second)).await, (200, "accepted".into()));

    // Nothing ran in the request; a worker runs each stored delivery's handlers once.
    assert!(runs(&first).is_empty());
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!(counts.handled, 2);
    assert_eq!(runs(&second), HashMap::from([("flaky", 1), ("steady", 1)]));
    assert!(runs(&bad).is_empty());
}

/// An app's endpoint in front of `inbox`, on an ephemeral port: its URL.
async fn endpoint(inbox: &Arc<dyn Inbox>) -> String {
    let app = backend_events::http::inbox_router(
        Dispatcher::new(),
        Verifier::from_pem(&app_keys().public_pem).unwrap(),
        inbox.clone(),
        backend_events::http::Config::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// A token lives as long as the platform makes it (`exp - iat` = 3,600,000 s): purging its
/// delivery keeps its id, so posting the token again is a duplicate and runs nothing, until
/// a purge after its expiry (the clock is the purge's `now_ms`) forgets the id.
async fn a_token_replayed_after_a_purge_is_a_duplicate_until_it_expires(
    inbox: Arc<dyn Inbox>,
    tag: &str,
) {
    let url = endpoint(&inbox).await;
    let post = |token: String| {
        let request = reqwest::Client::new().post(&url).body(token);
        async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let id = format!("{tag}-replayed-1");
    let stored = delivery("onEventPublished", &id, "party");
    let payload: Value = serde_json::from_slice(&stored.payload).unwrap();
    let event = domain_event(
        &id,
        "e-1",
        json!({"actionEvent": {"body": payload["data"]}}),
    );
    let exp = support::now() + 3_600_000;
    let token = app_keys().sign(&support::claims(
        "wix.events.v3.event_published",
        &event,
        exp,
    ));

    assert_eq!(post(token.clone()).await, (200, "accepted".into()));
    assert_eq!(drain(&inbox, &worker(&inbox)).await.handled, 1);
    assert_eq!(runs(&id), HashMap::from([("flaky", 1), ("steady", 1)]));
    // `inbox purge --older-than 0s`: the payload and outcomes go, the id stays.
    assert_eq!(inbox.purge(now_ms() + 1, now_ms()).await.unwrap(), 1);
    assert_eq!(
        inbox.counts().await.unwrap(),
        Counts {
            remembered: 1,
            ..Counts::default()
        }
    );
    assert_eq!(post(token.clone()).await, (200, "duplicate".into()));
    // Purged again, and again replayed: still the record, still nothing runs.
    assert_eq!(inbox.purge(now_ms() + 1, now_ms()).await.unwrap(), 0);
    assert_eq!(post(token.clone()).await, (200, "duplicate".into()));
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!((counts.pending, counts.handled), (0, 0));
    assert_eq!(runs(&id), HashMap::from([("flaky", 1), ("steady", 1)]));

    // The id is kept through the verifier's leeway after `exp`, to the end of its last second.
    let last_accepted_ms = (exp + backend_events::webhook::LEEWAY_SECS) * 1000 + 999;
    inbox.purge(now_ms() + 1, last_accepted_ms).await.unwrap();
    assert_eq!(post(token.clone()).await, (200, "duplicate".into()));
    // A purge once the token can no longer verify forgets the id: the same delivery (here by
    // the same token, which is still valid by this process's clock) is new again.
    inbox
        .purge(now_ms() + 1, last_accepted_ms + 1)
        .await
        .unwrap();
    assert_eq!(inbox.counts().await.unwrap().remembered, 0);
    assert_eq!(post(token).await, (200, "accepted".into()));
    drain(&inbox, &worker(&inbox)).await;
    assert_eq!(runs(&id), HashMap::from([("flaky", 2), ("steady", 2)]));
}

/// An inbox made by the release before ids were kept: its tables without the new columns,
/// with a handled delivery and a pending one.
const OLD_POSTGRES_SCHEMA: &str = "
    CREATE TABLE deliveries (
        id          TEXT PRIMARY KEY,
        module      TEXT NOT NULL,
        event       TEXT NOT NULL,
        payload     BYTEA NOT NULL,
        received_ms BIGINT NOT NULL,
        claimed_by  TEXT,
        claimed_until_ms BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE outcomes (
        delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        handler     TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('pending', 'retrying', 'succeeded', 'dead')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        next_attempt_ms BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (delivery_id, handler)
    );
    CREATE INDEX outcomes_due ON outcomes (next_attempt_ms)
        WHERE state IN ('pending', 'retrying');
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_an_inbox_of_the_previous_release_is_migrated_and_keeps_its_ids() {
    let Some(url) = support::postgres_schema("inbox_test_migration").await else {
        return;
    };
    let old = support::postgres_client(&url).await;
    old.batch_execute(OLD_POSTGRES_SCHEMA).await.unwrap();
    let (handled, pending) = (
        delivery("onEventPublished", "migrated-handled", "party"),
        delivery("onEventPublished", "migrated-pending", "party"),
    );
    let received = i64::try_from(now_ms()).unwrap() - 1000;
    for (stored, state) in [(&handled, "succeeded"), (&pending, "pending")] {
        old.execute(
            "INSERT INTO deliveries (id, module, event, payload, received_ms)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &stored.id,
                &stored.module,
                &stored.event,
                &stored.payload,
                &received,
            ],
        )
        .await
        .unwrap();
        for handler in handlers(&stored.event) {
            old.execute(
                "INSERT INTO outcomes (delivery_id, handler, state) VALUES ($1, $2, $3)",
                &[&stored.id, &handler, &state],
            )
            .await
            .unwrap();
        }
    }

    let inbox: Arc<dyn Inbox> = Arc::new(PostgresInbox::connect(&url).await.unwrap());
    // Opened again: the migration is not applied twice.
    let inbox_again: Arc<dyn Inbox> = Arc::new(PostgresInbox::connect(&url).await.unwrap());
    assert_eq!(
        inbox.counts().await.unwrap(),
        Counts {
            pending: 1,
            handled: 1,
            ..Counts::default()
        }
    );
    assert_eq!(drain(&inbox, &worker(&inbox)).await.handled, 2);
    assert_eq!(
        runs("migrated-pending"),
        HashMap::from([("flaky", 1), ("steady", 1)])
    );
    // Their tokens' `exp` is not known: their ids are kept as long as the platform's tokens
    // last, from their arrival.
    assert_eq!(inbox_again.purge(now_ms() + 1, now_ms()).await.unwrap(), 2);
    for stored in [&handled, &pending] {
        assert_eq!(accept(&inbox, stored).await, Accepted::Duplicate);
    }
    let lifetime_ms = 3_600_061_000;
    inbox
        .purge(now_ms() + 1, received as u64 + lifetime_ms + 1)
        .await
        .unwrap();
    assert_eq!(accept(&inbox, &handled).await, Accepted::New);
}

/// The database drops every connection (as a restart or a network cut would): no delivery is
/// answered 200 without being stored, and the endpoint recovers on its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_lost_connections_never_give_a_200_for_an_unstored_delivery() {
    let Some(inbox) = postgres("lost_connections").await else {
        return;
    };
    let url = std::env::var("BACKEND_EVENTS_POSTGRES").unwrap();
    let admin = support::postgres_client(&url).await;
    let app = backend_events::http::inbox_router(
        Dispatcher::new(),
        Verifier::from_pem(&app_keys().public_pem).unwrap(),
        inbox.clone(),
        backend_events::http::Config::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}/webhooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();

    let mut answered = Vec::new();
    for n in 0..30 {
        if n % 10 == 5 {
            // Every connection of the inbox's pool is cut.
            let cut = admin
                .execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE application_name = 'inbox_test_lost_connections'",
                    &[],
                )
                .await
                .unwrap();
            assert!(cut > 0, "no connection to cut");
        }
        let id = format!("lost-{n}");
        let stored = delivery("onEventPublished", &id, "party");
        let payload: Value = serde_json::from_slice(&stored.payload).unwrap();
        let token = signed(
            "wix.events.v3.event_published",
            &domain_event(
                &id,
                "e-1",
                json!({"actionEvent": {"body": payload["data"]}}),
            ),
        );
        let status = client
            .post(&endpoint)
            .body(token)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert!(status == 200 || status == 500, "{status}");
        if status == 200 {
            answered.push(stored);
        }
    }
    // Every delivery answered 200 is in the store: storing it again finds it there.
    for stored in &answered {
        assert_eq!(
            accept(&inbox, stored).await,
            Accepted::Duplicate,
            "{}",
            stored.id
        );
    }
    // And the endpoint came back: the last deliveries, well after the cuts, were stored.
    assert!(answered.iter().any(|stored| stored.id == "lost-29"));
    assert!(answered.len() >= 25, "only {} stored", answered.len());
}

/// A sync handler that runs past its budget and past the claim's lease (5.2 s for a 100 ms
/// budget): the worker renews the claim while it runs, so the other worker never runs it too.
#[backend_event(wixEventsV3, onEventCloned)]
fn slow_sync(event: backend_events::wix_events_v3::EventCloned) {
    ran(&event.metadata.id, "slow_sync");
    std::thread::sleep(Duration::from_millis(6000));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handler_slower_than_the_lease_never_runs_twice_at_once() {
    let inbox = sqlite("renewal").await;
    let info = Dispatcher::new()
        .event("wixEventsV3", "onEventCloned")
        .unwrap();
    let mut payload: Value = serde_json::from_str(info.sample().unwrap()).unwrap();
    payload["metadata"]["id"] = "renewal-1".into();
    let stored = StoredDelivery {
        id: "renewal-1".into(),
        module: "wixEventsV3".into(),
        event: "onEventCloned".into(),
        payload: serde_json::to_vec(&payload).unwrap(),
        remember_until_ms: 0,
    };
    assert_eq!(accept(&inbox, &stored).await, Accepted::New);
    let short = |inbox: &Arc<dyn Inbox>| worker(inbox).with_budget(Duration::from_millis(100));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..2 {
        let (inbox, worker) = (inbox.clone(), short(&inbox));
        tasks.spawn(async move { drain(&inbox, &worker).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
    assert_eq!(runs("renewal-1"), HashMap::from([("slow_sync", 1)]));
}

/// A full store, for real: the SQLite file reaches its size cap, so SQLite itself refuses the
/// writes (SQLITE_FULL, as on a full disk). Nothing is answered 200 without being stored, and
/// storing works again once there is room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_sqlite_store_answers_500_and_recovers_when_there_is_room() {
    let sqlite = SqliteInbox::open(inbox_file("full")).unwrap();
    let inbox: Arc<dyn Inbox> = Arc::new(sqlite.clone());
    let app = backend_events::http::inbox_router(
        Dispatcher::new(),
        Verifier::from_pem(&app_keys().public_pem).unwrap(),
        inbox.clone(),
        backend_events::http::Config::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();
    let post = |id: String| {
        let stored = delivery("onEventPublished", &id, "party");
        let payload: Value = serde_json::from_slice(&stored.payload).unwrap();
        let token = signed(
            "wix.events.v3.event_published",
            &domain_event(
                &id,
                "e-1",
                json!({"actionEvent": {"body": payload["data"]}}),
            ),
        );
        let request = client.post(&url).body(token);
        async move {
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };

    // No room to grow (the cap cannot go below what the file holds): the free space in its
    // pages fills within a few posts.
    sqlite.set_size_limit(Some(1)).unwrap();
    let mut answers = Vec::new();
    for n in 0..40 {
        let id = format!("full-{n}");
        let (status, body) = post(id.clone()).await;
        answers.push((id, status, body));
    }
    let refused: Vec<_> = answers
        .iter()
        .filter(|(_, status, _)| *status == 500)
        .collect();
    assert!(!refused.is_empty(), "the cap was never reached");
    assert!(refused[0].2.contains("full"), "{}", refused[0].2);
    // Room again: every delivery answered 200 was stored and none answered 500 was; the
    // platform's resends are stored now.
    sqlite.set_size_limit(None).unwrap();
    for (id, status, _) in &answers {
        let again = accept(&inbox, &delivery("onEventPublished", id, "party")).await;
        let expected = if *status == 200 {
            Accepted::Duplicate
        } else {
            Accepted::New
        };
        assert_eq!(again, expected, "{id}");
    }
    assert_eq!(
        post("full-after".into()).await,
        (200, "accepted".to_owned())
    );
}
