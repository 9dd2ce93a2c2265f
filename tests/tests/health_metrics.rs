//! `/healthz`, `/readyz` and `/metrics` of a real `serve` process: the metrics scraped during a
//! small load add up (against what the client was answered and against `inbox status`), on
//! SQLite and on PostgreSQL, and without an inbox (each handler counted in the request); and `/readyz` answers 503 while the inbox cannot take a delivery
//! (its SQLite file locked by another process; its PostgreSQL server out of reach).

mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{domain_event, signed, start_serve, start_serve_logged};

const SITE: &str = env!("CARGO_BIN_EXE_test-site");
const EVENT: &str = "module=\"wixEventsV3\",event=\"onEventPublished\"";
const RUN_LOG: &str = "test_site::run_log";
const RECEIPT: &str = "test_site::receipt";

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("health-metrics");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// A signed `wixEventsV3.onEventPublished` delivery with its own id.
fn published(id: &str) -> String {
    let info = backend_events::Dispatcher::new()
        .event("wixEventsV3", "onEventPublished")
        .unwrap();
    let sample: Value = serde_json::from_str(info.sample().unwrap()).unwrap();
    signed(
        "wix.events.v3.event_published",
        &domain_event(id, "e-1", json!({"actionEvent": {"body": sample["data"]}})),
    )
}

/// `GET url`: status and text.
async fn get(url: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .get(url)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The samples of a scrape: `name{labels}` -> value.
fn samples(text: &str) -> HashMap<String, f64> {
    assert!(text.ends_with("# EOF\n"), "not a whole exposition:\n{text}");
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (name, value) = line.rsplit_once(' ')?;
            Some((name.to_owned(), value.parse().ok()?))
        })
        .collect()
}

/// A sample's value, 0 when the scrape does not have it (a counter not yet counted).
fn value(samples: &HashMap<String, f64>, name: &str, labels: &str) -> u64 {
    let key = if labels.is_empty() {
        name.to_owned()
    } else {
        format!("{name}{{{labels}}}")
    };
    samples.get(&key).copied().unwrap_or(0.0) as u64
}

fn handler(name: &str) -> String {
    format!("{EVENT},handler=\"{name}\"")
}

/// `inbox status` of `inbox`, once nothing is pending or retrying (or after 30 s).
fn settled_status(inbox: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let output = Command::new(SITE)
            .args(["inbox", "--inbox", inbox, "status"])
            .output()
            .unwrap();
        let status = String::from_utf8(output.stdout).unwrap();
        if status.starts_with("pending 0\nretrying 0\n") || Instant::now() > deadline {
            return status;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A `serve` process, killed when dropped: also when an assertion fails, so that it does not
/// go on claiming deliveries from the next run's inbox.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn stop(server: Serving) {
    drop(server);
}

/// Posts in flight at once.
const IN_FLIGHT: usize = 4;

/// Checks a scrape taken while deliveries arrive: what is counted is coherent at any moment.
fn check_during_load(scrape: &HashMap<String, f64>, last: &mut HashMap<String, f64>) {
    let accepted = value(scrape, "backend_events_accepted_total", EVENT);
    for name in [RUN_LOG, RECEIPT] {
        let labels = handler(name);
        let ended = value(scrape, "backend_events_handled_total", &labels)
            + value(scrape, "backend_events_dead_lettered_total", &labels);
        // A delivery is counted accepted once it is stored, and a worker may have run it by
        // then: at most the posts in flight are ahead of the count.
        assert!(
            ended <= accepted + IN_FLIGHT as u64,
            "{name}: {ended} ended of {accepted}"
        );
    }
    for (key, before) in last.iter() {
        if key.contains("_total") || key.contains("_count") {
            let now = scrape.get(key).copied().unwrap_or(0.0);
            assert!(now >= *before, "{key} went down: {before} -> {now}");
        }
    }
    *last = scrape.clone();
}

/// 30 deliveries that succeed and 10 whose `run_log` fails (retried once, then
/// dead-lettered), 10 of them sent again, posted [`IN_FLIGHT`] at a time while `/metrics` is scraped;
/// then, once the inbox is settled, every number is checked.
async fn metrics_add_up(inbox: &str, separate_listener: bool) {
    let mut args = vec![
        "--inbox",
        inbox,
        "--workers",
        "2",
        "--max-attempts",
        "2",
        "--retry-base",
        "10ms",
        "--retry-max",
        "10ms",
        "--gauges-every",
        "0s",
    ];
    if separate_listener {
        args.extend(["--metrics-addr", "127.0.0.1:0"]);
    }
    let env = [("TEST_SITE_FAIL_PREFIX", "fail-")];
    let (server, url, log) = start_serve_logged(&args, &env);
    let server = Serving(server);
    let base = url.trim_end_matches("/webhooks").to_owned();
    let ops = if separate_listener {
        let line = log
            .iter()
            .find_map(|line| line.split("health and metrics on ").nth(1))
            .expect("the metrics listener is logged");
        let ops = line.trim().trim_end_matches("/metrics").to_owned();
        // Each listener has its own routes.
        assert_eq!(get(&format!("{base}/metrics")).await.0, 404);
        assert_eq!(get(&format!("{ops}/webhooks")).await.0, 404);
        ops
    } else {
        base.clone()
    };
    assert_eq!(get(&format!("{ops}/healthz")).await, (200, "ok\n".into()));
    assert_eq!(get(&format!("{ops}/readyz")).await, (200, "ready\n".into()));

    let ids: Vec<String> = (0..30)
        .map(|n| format!("ok-{n}"))
        .chain((0..10).map(|n| format!("fail-{n}")))
        .collect();
    let resent: Vec<String> = ids.iter().step_by(4).cloned().collect();
    assert_eq!(resent.len(), 10);

    let loading = Arc::new(AtomicBool::new(true));
    let scraper = tokio::spawn({
        let (loading, metrics) = (loading.clone(), format!("{ops}/metrics"));
        async move {
            let (mut last, mut scrapes) = (HashMap::new(), 0);
            loop {
                let still_loading = loading.load(Ordering::SeqCst);
                let (status, text) = get(&metrics).await;
                assert_eq!(status, 200);
                check_during_load(&samples(&text), &mut last);
                scrapes += 1;
                if !still_loading {
                    return scrapes;
                }
            }
        }
    });
    let client = reqwest::Client::new();
    let mut oks = 0;
    for round in [&ids, &resent] {
        for chunk in round.chunks(IN_FLIGHT) {
            let posts = chunk.iter().map(|id| {
                client
                    .post(&url)
                    .body(published(id))
                    .timeout(Duration::from_secs(10))
                    .send()
            });
            for response in futures_join(posts).await {
                let response = response.unwrap();
                assert_eq!(response.status(), 200);
                oks += 1;
            }
        }
    }
    loading.store(false, Ordering::SeqCst);
    assert!(scraper.await.unwrap() >= 2, "scraped during the load");

    let status = settled_status(inbox);
    assert_eq!(
        status,
        "pending 0\nretrying 0\ndead 10\nhandled 30\nremembered 0\n"
    );
    let (code, text) = get(&format!("{ops}/metrics")).await;
    stop(server);
    assert_eq!(code, 200);
    let scrape = samples(&text);
    let count = |name: &str, labels: &str| value(&scrape, name, labels);

    // Every 200 the client saw, and only those, is in the histogram of the time to it.
    assert_eq!(oks, 50);
    assert_eq!(count("backend_events_time_to_200_seconds_count", ""), oks);
    assert_eq!(count("backend_events_accepted_total", EVENT), 40);
    assert_eq!(count("backend_events_duplicate_total", EVENT), 10);

    // run_log: 30 successes; each of the 10 failing deliveries failed, was retried, failed
    // again and was dead-lettered. receipt: one success per delivery.
    let (run_log, receipt) = (handler(RUN_LOG), handler(RECEIPT));
    assert_eq!(count("backend_events_handled_total", &run_log), 30);
    assert_eq!(count("backend_events_retried_total", &run_log), 10);
    assert_eq!(count("backend_events_dead_lettered_total", &run_log), 10);
    assert_eq!(count("backend_events_handled_total", &receipt), 40);
    assert_eq!(count("backend_events_retried_total", &receipt), 0);
    assert_eq!(count("backend_events_dead_lettered_total", &receipt), 0);
    for labels in [&run_log, &receipt] {
        // Settled: every accepted delivery ended, for each handler, handled or dead.
        assert_eq!(
            count("backend_events_accepted_total", EVENT),
            count("backend_events_handled_total", labels)
                + count("backend_events_dead_lettered_total", labels),
            "{labels}"
        );
        // One duration per run, whatever its outcome.
        assert_eq!(
            count("backend_events_handler_duration_seconds_count", labels),
            count("backend_events_handled_total", labels)
                + count("backend_events_retried_total", labels)
                + count("backend_events_dead_lettered_total", labels),
            "{labels}"
        );
    }

    // The gauges are the inbox's own counts.
    let gauges = format!(
        "pending {}\nretrying {}\ndead {}\nhandled {}\nremembered {}\n",
        count("backend_events_inbox_pending", ""),
        count("backend_events_inbox_retrying", ""),
        count("backend_events_inbox_dead", ""),
        count("backend_events_inbox_handled", ""),
        count("backend_events_inbox_remembered", ""),
    );
    assert_eq!(gauges, status);
}

/// Every future of `futures`, run together; their outputs in order.
async fn futures_join<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let tasks: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::new();
    for task in tasks {
        outputs.push(task.await.unwrap());
    }
    outputs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_add_up_during_a_load_on_sqlite() {
    let inbox = scratch("metrics.db");
    metrics_add_up(inbox.to_str().unwrap(), true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_add_up_during_a_load_on_postgres() {
    let Some(inbox) = support::postgres_schema("inbox_test_metrics").await else {
        return;
    };
    metrics_add_up(&inbox, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_inbox_each_handler_run_is_counted_in_the_request() {
    let env = [("TEST_SITE_FAIL_PREFIX", "fail-")];
    let (server, url) = start_serve(&["--no-inbox"], &env);
    let server = Serving(server);
    let base = url.trim_end_matches("/webhooks").to_owned();
    let client = reqwest::Client::new();
    let (mut ok, mut failed) = (0, 0);
    let ids = (0..6)
        .map(|n| format!("ok-{n}"))
        .chain((0..2).map(|n| format!("fail-{n}")));
    for id in ids {
        let response = client
            .post(&url)
            .body(published(&id))
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .unwrap();
        match response.status().as_u16() {
            200 => ok += 1,
            500 => failed += 1,
            other => panic!("{id}: answered {other}"),
        }
    }
    assert_eq!((ok, failed), (6, 2));
    let (code, text) = get(&format!("{base}/metrics")).await;
    stop(server);
    assert_eq!(code, 200);
    let scrape = samples(&text);
    let count = |name: &str, labels: &str| value(&scrape, name, labels);

    // run_log fails the two `fail-` deliveries, answered 500 for the platform to send again;
    // receipt handles all eight. Nothing is stored, so nothing is accepted or dead-lettered.
    let (run_log, receipt) = (handler(RUN_LOG), handler(RECEIPT));
    assert_eq!(count("backend_events_handled_total", &run_log), 6);
    assert_eq!(count("backend_events_retried_total", &run_log), 2);
    assert_eq!(count("backend_events_handled_total", &receipt), 8);
    assert_eq!(count("backend_events_retried_total", &receipt), 0);
    for labels in [&run_log, &receipt] {
        assert_eq!(count("backend_events_dead_lettered_total", labels), 0);
        assert_eq!(
            count("backend_events_handler_duration_seconds_count", labels),
            8,
            "{labels}"
        );
    }
    assert_eq!(count("backend_events_accepted_total", EVENT), 0);
    assert_eq!(count("backend_events_time_to_200_seconds_count", ""), ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_while_another_process_holds_the_sqlite_inbox_locked() {
    let inbox = scratch("locked.db");
    let (server, url) = start_serve(&["--inbox", inbox.to_str().unwrap()], &[]);
    let server = Serving(server);
    let readyz = url.replace("/webhooks", "/readyz");
    assert_eq!(get(&readyz).await, (200, "ready\n".into()));

    // Another process (here, this one) takes the write lock, as a sqlite3 shell left inside
    // a transaction does: nothing can be stored until it lets go.
    let other = rusqlite::Connection::open(&inbox).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let (status, text) = get(&readyz).await;
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("locked"), "{text}");
    assert_eq!(get(&url.replace("/webhooks", "/healthz")).await.0, 200);

    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(get(&readyz).await, (200, "ready\n".into()));
    stop(server);
}

/// A TCP relay on loopback to `target`, which `cut` closes: its listener and every connection
/// through it, as a network partition would.
struct Relay {
    addr: std::net::SocketAddr,
    tasks: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Relay {
    async fn start(target: String) -> Relay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let tasks = Arc::new(std::sync::Mutex::new(Vec::new()));
        let accepting = tokio::spawn({
            let tasks = tasks.clone();
            async move {
                while let Ok((mut inbound, _)) = listener.accept().await {
                    let target = target.clone();
                    let relayed = tokio::spawn(async move {
                        if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                            let _ =
                                tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                        }
                    });
                    tasks.lock().unwrap().push(relayed);
                }
            }
        });
        tasks.lock().unwrap().push(accepting);
        Relay { addr, tasks }
    }

    async fn cut(&self) {
        let tasks: Vec<_> = self.tasks.lock().unwrap().drain(..).collect();
        for task in tasks {
            task.abort();
            let _ = task.await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_while_the_postgres_server_is_out_of_reach() {
    let Some(inbox) = support::postgres_schema("inbox_test_readyz").await else {
        return;
    };
    // postgres://user:password@HOST:PORT/db?... -> the same through the relay.
    let (head, rest) = inbox.split_once('@').unwrap();
    let (server_addr, tail) = rest.split_once('/').unwrap();
    let relay = Relay::start(server_addr.to_owned()).await;
    let relayed = format!("{head}@{}/{tail}", relay.addr);

    let (server, url) = start_serve(&["--inbox", &relayed], &[]);
    let server = Serving(server);
    let readyz = url.replace("/webhooks", "/readyz");
    assert_eq!(get(&readyz).await, (200, "ready\n".into()));

    relay.cut().await;
    let (status, text) = get(&readyz).await;
    assert_eq!(status, 503, "{text}");
    assert!(text.starts_with("not ready: inbox: "), "{text}");
    assert_eq!(get(&url.replace("/webhooks", "/healthz")).await.0, 200);
    stop(server);
}
