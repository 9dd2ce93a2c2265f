//! The log of a real `serve` process: one line per delivery, with its id and outcome, and none
//! of them missing once the process, stopped with SIGTERM, has exited (the lines are written
//! from a thread of their own, which writes what is left on the way out).

mod support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use support::{app_keys, domain_event, signed};

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_delivery_is_logged_once_and_every_line_is_written_by_exit() {
    let mut server = Command::new(env!("CARGO_BIN_EXE_test-site"))
        .args(["serve", "--no-inbox", "--addr", "127.0.0.1:0"])
        .env("WIX_PUBLIC_KEY", STANDARD.encode(&app_keys().public_pem))
        .env("TEST_SITE_FAIL_PREFIX", "fail-")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // The whole log, read as it comes so that the server never blocks on a full pipe.
    let mut stderr = server.stderr.take().unwrap();
    let (url_sender, url) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut log = Vec::new();
        let mut chunk = [0; 4096];
        let mut sent = false;
        loop {
            let read = stderr.read(&mut chunk).unwrap();
            if read == 0 {
                return String::from_utf8(log).unwrap();
            }
            log.extend_from_slice(&chunk[..read]);
            let text = String::from_utf8_lossy(&log);
            if let (false, Some(at)) = (sent, text.find("listening on ")) {
                let rest = &text[at + "listening on ".len()..];
                if let Some(url) = rest
                    .split_whitespace()
                    .next()
                    .filter(|_| rest.contains('\n'))
                {
                    url_sender.send(url.to_owned()).unwrap();
                    sent = true;
                }
            }
        }
    });
    let url = url.recv_timeout(Duration::from_secs(30)).unwrap();

    // Many at once, so that lines pile up on their way to the log.
    let client = reqwest::Client::new();
    let ids: Vec<String> = (0..300)
        .map(|n| match n % 10 {
            0 => format!("fail-{n}"),
            _ => format!("ok-{n}"),
        })
        .collect();
    let answers = all_at_once(ids.iter().map(|id| {
        let request = client
            .post(&url)
            .body(published(id))
            .timeout(Duration::from_secs(30))
            .send();
        async move { request.await.unwrap().status().as_u16() }
    }))
    .await;
    assert_eq!(answers.iter().filter(|&&code| code == 200).count(), 270);
    assert_eq!(answers.iter().filter(|&&code| code == 500).count(), 30);

    let stopped = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    assert!(server.wait().unwrap().success());
    let log = reader.join().unwrap();

    let errors = log.lines().filter(|line| line.contains(" ERROR ")).count();
    assert_eq!(errors, 30, "one error per failed delivery:\n{log}");
    for id in &ids {
        let lines: Vec<&str> = log
            .lines()
            .filter(|line| line.contains(&format!("event_id=\"{id}\"")))
            .collect();
        assert_eq!(lines.len(), 1, "{id} is not logged once:\n{lines:#?}");
        let (level, outcome) = if id.starts_with("fail-") {
            // A failure's message (the report) comes first, on lines of its own.
            ("", "outcome=\"failed\"")
        } else {
            (" INFO ", "outcome=\"handled\"")
        };
        assert!(
            lines[0].contains(level) && lines[0].contains(outcome),
            "{id}: {}",
            lines[0]
        );
    }
}

/// Runs `futures` at once on this runtime; their outputs in order.
async fn all_at_once<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let tasks: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(tasks.len());
    for task in tasks {
        outputs.push(task.await.unwrap());
    }
    outputs
}
