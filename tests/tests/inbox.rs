//! The durable inbox on a real SQLite file: deliveries stored once, each handler's outcome kept,
//! failures retried then dead-lettered, replays, concurrent workers, an abandoned claim taken
//! over, and `POST /webhooks` answering only once a delivery is stored.

mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backend_events::inbox::{
    Accepted, Attempt, Claim, Counts, DeadLetter, Inbox, InboxError, Replay, RetryPolicy,
    SqliteInbox, StoredDelivery, Worker, now_ms,
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

/// Fails until `FIXED` is set.
static FIXED: AtomicBool = AtomicBool::new(false);

#[backend_event(wixEventsV3, onEventEnded)]
fn broken(event: EventEnded) -> Result<(), String> {
    ran(&event.metadata.id, "broken");
    if FIXED.load(Ordering::SeqCst) {
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

fn open(name: &str) -> Arc<dyn Inbox> {
    Arc::new(SqliteInbox::open(inbox_file(name)).unwrap())
}

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

fn accept(inbox: &Arc<dyn Inbox>, delivery: &StoredDelivery) -> Accepted {
    inbox.accept(delivery, &handlers(&delivery.event)).unwrap()
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
        let counts = inbox.counts().unwrap();
        if counts.pending + counts.retrying == 0 || std::time::Instant::now() > deadline {
            return counts;
        }
        if !worked {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

#[tokio::test]
async fn a_duplicate_delivery_is_stored_once_and_runs_nothing_twice() {
    let inbox = open("duplicate");
    let first = delivery("onEventPublished", "dup-1", "Leather Crafting");
    assert_eq!(accept(&inbox, &first), Accepted::New);
    assert_eq!(accept(&inbox, &first), Accepted::Duplicate);
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!(
        accept(&inbox, &first),
        Accepted::Duplicate,
        "after handling too"
    );
    drain(&inbox, &worker(&inbox)).await;
    assert_eq!(counts.handled, 1);
    assert_eq!(runs("dup-1"), HashMap::from([("flaky", 1), ("steady", 1)]));
}

#[tokio::test]
async fn a_failing_handler_is_retried_until_it_succeeds_and_the_others_run_once() {
    let inbox = open("retry");
    accept(
        &inbox,
        &delivery("onEventPublished", "retry-1", "flaky workshop"),
    );
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!(
        counts,
        Counts {
            pending: 0,
            retrying: 0,
            dead: 0,
            handled: 1
        }
    );
    assert_eq!(
        runs("retry-1"),
        HashMap::from([("flaky", 3), ("steady", 1)])
    );
}

#[tokio::test]
async fn a_handler_that_always_fails_is_dead_lettered_and_replay_runs_it_again() {
    let inbox = open("dead");
    accept(&inbox, &delivery("onEventEnded", "dead-1", ""));
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!((counts.dead, counts.handled), (1, 0));
    assert_eq!(runs("dead-1"), HashMap::from([("broken", 3)]));
    assert_eq!(
        inbox.dead().unwrap(),
        [DeadLetter {
            delivery_id: "dead-1".into(),
            event: "wixEventsV3.onEventEnded".into(),
            handler: BROKEN.into(),
            attempts: 3,
            last_error: "the venue's API is down".into(),
        }]
    );

    FIXED.store(true, Ordering::SeqCst);
    assert_eq!(inbox.replay(&Replay::Delivery("dead-1".into())).unwrap(), 1);
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!((counts.dead, counts.handled), (0, 1));
    assert_eq!(runs("dead-1"), HashMap::from([("broken", 4)]));
    assert_eq!(inbox.replay(&Replay::AllDead).unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_workers_never_run_a_handler_twice_for_one_delivery() {
    let inbox = open("concurrent");
    let ids: Vec<String> = (0..40).map(|n| format!("conc-{n}")).collect();
    for id in &ids {
        accept(&inbox, &delivery("onEventPublished", id, "party"));
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
    assert_eq!(inbox.counts().unwrap().handled, 40);
    for id in &ids {
        assert_eq!(
            runs(id),
            HashMap::from([("flaky", 1), ("steady", 1)]),
            "{id}"
        );
    }
}

#[tokio::test]
async fn a_claim_abandoned_by_a_crashed_worker_is_taken_over_after_its_lease() {
    let inbox = open("lease");
    accept(&inbox, &delivery("onEventPublished", "lease-1", "party"));
    // A worker claims it for 200 ms, records one handler's success, and dies.
    let Claim { due, .. } = inbox.claim("crashed", now_ms(), 200).unwrap().unwrap();
    assert_eq!(due, [(FLAKY.to_owned(), 0), (STEADY.to_owned(), 0)]);
    inbox
        .record(
            "lease-1",
            STEADY,
            &Attempt::Succeeded,
            now_ms(),
            &fast_retries(),
        )
        .unwrap();
    // While the lease holds, nobody else gets it.
    assert!(!worker(&inbox).run_once().await.unwrap());
    tokio::time::sleep(Duration::from_millis(250)).await;
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!(counts.handled, 1);
    // Only the handler that had not completed ran.
    assert_eq!(runs("lease-1"), HashMap::from([("flaky", 1)]));
}

#[tokio::test]
async fn purge_deletes_only_handled_deliveries_older_than_asked() {
    let inbox = open("purge");
    accept(&inbox, &delivery("onEventPublished", "purge-1", "party"));
    drain(&inbox, &worker(&inbox)).await;
    // Stored after the drain: still pending.
    accept(&inbox, &delivery("onEventPublished", "purge-2", "party"));
    assert_eq!(
        inbox.purge(now_ms() - 60_000).unwrap(),
        0,
        "nothing is that old"
    );
    assert_eq!(inbox.purge(now_ms() + 1).unwrap(), 1);
    // A purged delivery is forgotten; a pending one is kept.
    assert_eq!(
        accept(&inbox, &delivery("onEventPublished", "purge-1", "party")),
        Accepted::New
    );
    assert_eq!(
        accept(&inbox, &delivery("onEventPublished", "purge-2", "party")),
        Accepted::Duplicate
    );
}

/// An inbox whose store is down until told otherwise.
struct Flaky {
    inner: SqliteInbox,
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
    fn accept(&self, delivery: &StoredDelivery, handlers: &[&str]) -> Result<Accepted, InboxError> {
        self.check()?;
        self.inner.accept(delivery, handlers)
    }
    fn claim(&self, worker: &str, now: u64, lease: u64) -> Result<Option<Claim>, InboxError> {
        self.check()?;
        self.inner.claim(worker, now, lease)
    }
    fn record(
        &self,
        id: &str,
        handler: &str,
        attempt: &Attempt,
        now: u64,
        policy: &RetryPolicy,
    ) -> Result<(), InboxError> {
        self.inner.record(id, handler, attempt, now, policy)
    }
    fn release(&self, id: &str, worker: &str) -> Result<(), InboxError> {
        self.inner.release(id, worker)
    }
    fn counts(&self) -> Result<Counts, InboxError> {
        self.inner.counts()
    }
    fn dead(&self) -> Result<Vec<DeadLetter>, InboxError> {
        self.inner.dead()
    }
    fn replay(&self, what: &Replay) -> Result<u64, InboxError> {
        self.inner.replay(what)
    }
    fn purge(&self, before: u64) -> Result<u64, InboxError> {
        self.inner.purge(before)
    }
}

#[tokio::test]
async fn post_webhooks_answers_200_only_for_stored_deliveries() {
    let flaky = Arc::new(Flaky {
        inner: SqliteInbox::open(inbox_file("http")).unwrap(),
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

    assert_eq!(post(published("http-1")).await, (200, "accepted".into()));
    assert_eq!(post(published("http-1")).await, (200, "duplicate".into()));
    // A payload that is not the event's is refused, not stored.
    let bad = signed(
        "wix.events.v3.event_published",
        &domain_event(
            "http-bad",
            "e-1",
            json!({"actionEvent": {"body": {"timestamp": 5}}}),
        ),
    );
    assert_eq!(post(bad).await.0, 400);
    // The store is down: 500, so the platform resends; then it comes back.
    flaky.down.store(true, Ordering::SeqCst);
    assert_eq!(
        post(published("http-2")).await,
        (500, "inbox: the disk is full".into())
    );
    flaky.down.store(false, Ordering::SeqCst);
    assert_eq!(post(published("http-2")).await, (200, "accepted".into()));

    // Nothing ran in the request; a worker runs each stored delivery's handlers once.
    assert!(runs("http-1").is_empty());
    let counts = drain(&inbox, &worker(&inbox)).await;
    assert_eq!(counts.handled, 2);
    assert_eq!(runs("http-2"), HashMap::from([("flaky", 1), ("steady", 1)]));
    assert!(runs("http-bad").is_empty());
}
