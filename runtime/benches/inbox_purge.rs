//! Deliveries stored while `inbox purge` runs: the latency of `Inbox::accept` on a SQLite
//! inbox during a purge of many handled deliveries, against the same accepts on the same inbox
//! with no purge running (the baseline, measured in the same run).
//!
//! `bench/inbox_purge.sh` runs it; `PURGE_DELIVERIES` sets how many deliveries are purged
//! (default 200,000). Not a criterion benchmark: what is measured is a tail latency under a
//! concurrent operation, which criterion's per-iteration timing cannot express.

#![allow(missing_docs)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use backend_events::inbox::{Inbox, SqliteInbox, StoredDelivery, now_ms};

/// One accept every this often, while measuring.
const PACE: Duration = Duration::from_millis(2);

fn delivery(id: String) -> StoredDelivery {
    StoredDelivery {
        id,
        module: "wixEvents".to_owned(),
        event: "onPolicyUpdated".to_owned(),
        // About the size of a real payload.
        payload: vec![b'x'; 600],
        // As a token of the platform's brings it: the purge keeps the id.
        remember_until_ms: now_ms() + 3_600_000_000,
    }
}

/// Stores `count` deliveries with no handler: handled as soon as stored, so purgeable.
async fn fill(inbox: &Arc<dyn Inbox>, count: usize) {
    // 1,000 at a time: the writer's queue holds 2,048.
    for chunk in (0..count).collect::<Vec<_>>().chunks(1_000) {
        let mut stored = tokio::task::JoinSet::new();
        for &i in chunk {
            let inbox = inbox.clone();
            stored.spawn(async move { inbox.accept(&delivery(format!("old-{i}")), &[]).await });
        }
        while let Some(result) = stored.join_next().await {
            result.unwrap().unwrap();
        }
    }
}

/// Accepts one new delivery every [`PACE`] until `done` says so (and at least `min` of them);
/// their latencies, sorted.
async fn accept_paced(
    inbox: &Arc<dyn Inbox>,
    tag: &str,
    min: usize,
    done: impl Fn() -> bool,
) -> Vec<Duration> {
    let mut latencies = Vec::new();
    while latencies.len() < min || !done() {
        let start = Instant::now();
        inbox
            .accept(&delivery(format!("{tag}-{}", latencies.len())), &[])
            .await
            .unwrap();
        latencies.push(start.elapsed());
        tokio::time::sleep(PACE).await;
    }
    latencies.sort();
    latencies
}

fn summary(latencies: &[Duration]) -> String {
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    format!(
        "{} accepts, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        latencies.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
    )
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let count: usize = std::env::var("PURGE_DELIVERIES")
        .ok()
        .map(|v| v.parse().expect("PURGE_DELIVERIES must be a number"))
        .unwrap_or(200_000);
    let dir = std::env::temp_dir().join(format!("inbox-purge-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let inbox: Arc<dyn Inbox> = Arc::new(SqliteInbox::open(dir.join("inbox.db")).unwrap());

    fill(&inbox, count).await;
    let before = now_ms() + 1;
    tokio::time::sleep(Duration::from_millis(5)).await;

    let purge = {
        let inbox = inbox.clone();
        tokio::spawn(async move {
            let start = Instant::now();
            let purged = inbox.purge(before, now_ms()).await.unwrap();
            (purged, start.elapsed())
        })
    };
    let during = accept_paced(&inbox, "during", 20, || purge.is_finished()).await;
    let (purged, took) = purge.await.unwrap();
    assert_eq!(purged, count as u64, "every filled delivery is purged");
    // The baseline: as many accepts, paced alike, with nothing else running.
    let idle = accept_paced(&inbox, "idle", during.len(), || true).await;

    println!(
        "purge of {purged} handled deliveries: {:.0} ms",
        took.as_secs_f64() * 1e3
    );
    println!("during the purge: {}", summary(&during));
    println!("idle (baseline):  {}", summary(&idle));
    let p99 = |l: &[Duration]| l[((l.len() - 1) as f64 * 0.99).round() as usize];
    println!(
        "p99 during / p99 idle: {:.2}",
        p99(&during).as_secs_f64() / p99(&idle).as_secs_f64()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
