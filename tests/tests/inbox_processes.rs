//! The inbox with real processes: `serve` killed with SIGKILL while handlers run and deliveries
//! arrive, then restarted; and two `serve` processes sharing one PostgreSQL inbox. Handlers of
//! the `test-site` binary write each run to a file, which the tests count.

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{KeyPair, domain_event, signed, start_serve};

const SITE: &str = env!("CARGO_BIN_EXE_test-site");

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("inbox-processes");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// A `wixEventsV3.onEventPublished` domain event with its own id.
fn published_event(id: &str) -> Value {
    let info = backend_events::Dispatcher::new()
        .event("wixEventsV3", "onEventPublished")
        .unwrap();
    let sample: Value = serde_json::from_str(info.sample().unwrap()).unwrap();
    domain_event(id, "e-1", json!({"actionEvent": {"body": sample["data"]}}))
}

/// A signed `wixEventsV3.onEventPublished` delivery with its own id.
fn published(id: &str) -> String {
    signed("wix.events.v3.event_published", &published_event(id))
}

/// The same, signed by `keys`, its header naming `kid`.
fn published_by(keys: &KeyPair, kid: Option<&str>, id: &str) -> String {
    let claims = support::claims(
        "wix.events.v3.event_published",
        &published_event(id),
        support::now() + 600,
    );
    keys.sign_with_kid(kid, &claims)
}

/// Posts `token`; `Some(status)`, or `None` when nothing answers.
async fn post(url: &str, token: String) -> Option<u16> {
    let response = reqwest::Client::new()
        .post(url)
        .body(token)
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .ok()?;
    Some(response.status().as_u16())
}

/// Posts `token`: the status and the body's text, or `None` when nothing answers.
async fn post_text(url: &str, token: String) -> Option<(u16, String)> {
    let response = reqwest::Client::new()
        .post(url)
        .body(token)
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .ok()?;
    let status = response.status().as_u16();
    Some((status, response.text().await.ok()?))
}

/// How many times the handler finished on each delivery, from the run log.
fn finished(log: &Path) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in std::fs::read_to_string(log).unwrap_or_default().lines() {
        if let Some(id) = line.strip_prefix("done ") {
            *counts.entry(id.to_owned()).or_default() += 1;
        }
    }
    counts
}

/// `inbox status` of `inbox`, once `handled` reaches `expected` (or after 30 s).
fn wait_until_handled(inbox: &str, expected: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let output = Command::new(SITE)
            .args(["inbox", "--inbox", inbox, "status"])
            .output()
            .unwrap();
        let status = String::from_utf8(output.stdout).unwrap();
        if status.contains(&format!("handled {expected}\n")) || Instant::now() > deadline {
            return status;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_sigkill_every_accepted_delivery_is_handled_and_no_success_runs_again() {
    let inbox = scratch("crash.db");
    let inbox = inbox.to_str().unwrap();
    let log = scratch("crash-runs.log");
    let env = [
        ("TEST_SITE_RUN_LOG", log.to_str().unwrap()),
        ("TEST_SITE_HANDLER_MS", "200"),
    ];
    // A 1 s handler budget makes a claim's lease 7 s: how long a dead worker's deliveries wait.
    let args = [
        "--inbox",
        inbox,
        "--workers",
        "2",
        "--handler-budget-ms",
        "1000",
    ];
    let ids: Vec<String> = (0..30).map(|n| format!("crash-{n}")).collect();

    let (mut server, url) = start_serve(&args, &env);
    let mut accepted = Vec::new();
    for id in &ids[..15] {
        if post(&url, published(id)).await == Some(200) {
            accepted.push(id.clone());
        }
    }
    // Handlers are running (each takes 200 ms, 2 at a time) and deliveries arriving: kill.
    let killer = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        server.kill().unwrap();
        server.wait().unwrap();
    });
    let mut unanswered = Vec::new();
    for id in &ids[15..20] {
        match post(&url, published(id)).await {
            Some(200) => accepted.push(id.clone()),
            _ => unanswered.push(id.clone()),
        }
    }
    killer.await.unwrap();
    let before_restart = finished(&log);
    assert!(
        before_restart.len() < accepted.len(),
        "the kill came before the handlers were done"
    );

    // Restarted on the same file; the platform resends what got no 200, and the rest arrives.
    let (mut server, url) = start_serve(&args, &env);
    for id in unanswered.iter().chain(&ids[20..]) {
        assert_eq!(post(&url, published(id)).await, Some(200), "{id}");
        accepted.push(id.clone());
    }
    let status = wait_until_handled(inbox, ids.len());
    server.kill().unwrap();
    server.wait().unwrap();

    assert_eq!(
        status,
        format!(
            "pending 0\nretrying 0\ndead 0\nhandled {}\nremembered 0\n",
            ids.len()
        )
    );
    let runs = finished(&log);
    for id in &accepted {
        assert!(runs.get(id).copied().unwrap_or(0) >= 1, "{id} was lost");
    }
    // A handler whose success was recorded never runs again: a second run is possible only
    // for the deliveries whose handler finished but had not been recorded when the process
    // died, one per worker at most.
    let again: Vec<&String> = runs
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, _)| id)
        .collect();
    assert!(again.len() <= 2, "ran again: {again:?}");
    for (id, n) in &before_restart {
        assert!(runs[id] <= n + 1, "{id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_serve_processes_sharing_a_postgres_inbox_never_run_a_handler_twice() {
    let Some(inbox) = support::postgres_schema("inbox_test_two_serves").await else {
        return;
    };

    let log = scratch("two-serves-runs.log");
    let env = [
        ("TEST_SITE_RUN_LOG", log.to_str().unwrap()),
        ("TEST_SITE_HANDLER_MS", "20"),
    ];
    let args = ["--inbox", inbox.as_str(), "--workers", "3"];
    let (mut first, first_url) = start_serve(&args, &env);
    let (mut second, second_url) = start_serve(&args, &env);

    // Every delivery reaches both processes, as a resend through a load balancer would.
    let ids: Vec<String> = (0..40).map(|n| format!("shared-{n}")).collect();
    for (n, id) in ids.iter().enumerate() {
        let (one, other) = if n % 2 == 0 {
            (&first_url, &second_url)
        } else {
            (&second_url, &first_url)
        };
        assert_eq!(post(one, published(id)).await, Some(200));
        assert_eq!(post(other, published(id)).await, Some(200));
    }
    let status = wait_until_handled(&inbox, ids.len());
    for server in [&mut first, &mut second] {
        server.kill().unwrap();
        server.wait().unwrap();
    }

    assert_eq!(
        status,
        format!(
            "pending 0\nretrying 0\ndead 0\nhandled {}\nremembered 0\n",
            ids.len()
        )
    );
    let runs = finished(&log);
    for id in &ids {
        assert_eq!(runs.get(id), Some(&1), "{id}");
    }
}

/// Workers whose handlers block (sync handlers sleeping 3 s) do not hold up the answers: the
/// platform waits only 1,250 ms for them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_handlers_in_the_workers_do_not_delay_the_answers() {
    let inbox = scratch("blocking.db");
    let log = scratch("blocking-runs.log");
    let env = [
        ("TEST_SITE_RUN_LOG", log.to_str().unwrap()),
        ("TEST_SITE_HANDLER_MS", "3000"),
    ];
    let args = ["--inbox", inbox.to_str().unwrap(), "--workers", "2"];
    let (mut server, url) = start_serve(&args, &env);
    for n in 0..2 {
        assert_eq!(
            post(&url, published(&format!("blocking-{n}"))).await,
            Some(200)
        );
    }
    // Both workers are now inside a handler that blocks its thread for 3 s.
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .count()
        < 2
    {
        assert!(Instant::now() < deadline, "the handlers did not start");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let asked = Instant::now();
    assert_eq!(post(&url, published("blocking-late")).await, Some(200));
    let waited = asked.elapsed();
    server.kill().unwrap();
    server.wait().unwrap();
    // A functional bound, not a measurement: far under the platform's 1,250 ms, far over noise.
    assert!(
        waited < Duration::from_millis(1000),
        "answered after {waited:?}"
    );
}

/// `serve`, `inbox purge --older-than 0s`, and the same token posted again: a duplicate, and
/// the handler does not run again.
async fn a_token_replayed_after_a_purge_runs_no_handler(inbox: &str, tag: &str) {
    let log = scratch(&format!("{tag}-replay-runs.log"));
    let env = [("TEST_SITE_RUN_LOG", log.to_str().unwrap())];
    let (mut server, url) = start_serve(&["--inbox", inbox], &env);
    let id = format!("{tag}-replayed");
    let token = published(&id);
    assert_eq!(
        post_text(&url, token.clone()).await,
        Some((200, "accepted".into()))
    );
    wait_until_handled(inbox, 1);
    let purge = Command::new(SITE)
        .args(["inbox", "--inbox", inbox, "purge", "--older-than", "0s"])
        .output()
        .unwrap();
    assert!(purge.status.success(), "{purge:?}");
    assert_eq!(
        String::from_utf8(purge.stdout).unwrap(),
        "1 handled deliveries purged (ids are kept until their tokens expire)\n"
    );
    assert_eq!(
        post_text(&url, token).await,
        Some((200, "duplicate".into()))
    );
    // A delivery after the replay is handled, and it is the only one the inbox holds beside
    // the replayed one's id.
    let after = format!("{tag}-after-replay");
    assert_eq!(post(&url, published(&after)).await, Some(200));
    let status = wait_until_handled(inbox, 1);
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(
        status,
        "pending 0\nretrying 0\ndead 0\nhandled 1\nremembered 1\n"
    );
    let runs = finished(&log);
    assert_eq!((runs.get(&id), runs.get(&after)), (Some(&1), Some(&1)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_token_replayed_after_a_purge_runs_no_handler() {
    let inbox = scratch("replay.db");
    a_token_replayed_after_a_purge_runs_no_handler(inbox.to_str().unwrap(), "sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_token_replayed_after_a_purge_runs_no_handler() {
    let Some(inbox) = support::postgres_schema("inbox_test_replay_processes").await else {
        return;
    };
    a_token_replayed_after_a_purge_runs_no_handler(&inbox, "postgres").await;
}

/// The app's key is rotated with deliveries in flight: `serve` with the old key and the new
/// one accepts tokens of both; killed while handlers run, it is restarted with the new key
/// only, which refuses the old key's tokens; every delivery answered 200 is handled, and the
/// ones sent while it was down are stored once resent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_rotated_with_deliveries_in_flight_lose_nothing_and_the_old_key_is_refused() {
    let inbox = scratch("rotation.db");
    let inbox = inbox.to_str().unwrap();
    let log = scratch("rotation-runs.log");
    let (old, new) = (support::app_keys(), support::other_keys());
    let (old_pem, new_pem) = (scratch("rotation-old.pem"), scratch("rotation-new.pem"));
    std::fs::write(&old_pem, &old.public_pem).unwrap();
    std::fs::write(&new_pem, &new.public_pem).unwrap();
    let (old_pem, new_pem) = (old_pem.to_str().unwrap(), new_pem.to_str().unwrap());
    let named_new = format!("2025={new_pem}");
    let env = [
        ("TEST_SITE_RUN_LOG", log.to_str().unwrap()),
        ("TEST_SITE_HANDLER_MS", "50"),
    ];

    // Both keys, the new one named by the `kid` its tokens carry. A 1 s handler budget makes
    // a claim's lease 7 s: how long the killed workers' deliveries wait.
    let budget = ["--handler-budget-ms", "1000"];
    let both = [
        &[
            "--inbox",
            inbox,
            "--public-key",
            old_pem,
            "--public-key",
            &named_new,
        ],
        &budget[..],
    ]
    .concat();
    let (mut server, url) = start_serve(&both, &env);
    let mut accepted = Vec::new();
    for n in 0..10 {
        let (by_old, by_new) = (format!("rotation-old-{n}"), format!("rotation-new-{n}"));
        let tokens = [
            (by_old.clone(), published_by(old, None, &by_old)),
            (by_new.clone(), published_by(new, Some("2025"), &by_new)),
        ];
        for (id, token) in tokens {
            assert_eq!(post(&url, token).await, Some(200), "{id}");
            accepted.push(id);
        }
    }
    // Killed while the handlers run (20 of 50 ms, two at a time); what is sent meanwhile gets
    // no answer, and the platform sends it again later.
    server.kill().unwrap();
    server.wait().unwrap();
    let resent: Vec<String> = (0..5).map(|n| format!("rotation-resent-{n}")).collect();
    for id in &resent {
        assert_eq!(post(&url, published_by(new, None, id)).await, None, "{id}");
    }

    // The new key only.
    let only_new = [&["--inbox", inbox, "--public-key", &named_new], &budget[..]].concat();
    let (mut server, url) = start_serve(&only_new, &env);
    let refused = "rotation-old-after";
    for kid in [None, Some("2025")] {
        assert_eq!(post(&url, published_by(old, kid, refused)).await, Some(401));
    }
    for id in &resent {
        assert_eq!(
            post(&url, published_by(new, None, id)).await,
            Some(200),
            "{id}"
        );
        accepted.push(id.clone());
    }
    let status = wait_until_handled(inbox, accepted.len());
    server.kill().unwrap();
    server.wait().unwrap();

    assert_eq!(
        status,
        format!(
            "pending 0\nretrying 0\ndead 0\nhandled {}\nremembered 0\n",
            accepted.len()
        )
    );
    let runs = finished(&log);
    for id in &accepted {
        assert!(runs.get(id).copied().unwrap_or(0) >= 1, "{id} was lost");
    }
    assert!(!runs.contains_key(refused));
}
