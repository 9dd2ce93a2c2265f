//! The command line as a user runs it: the `test-site` binary (this crate's handlers behind
//! `backend_events::cli::run`) started as a process, its exit code, standard output and
//! standard error read back.

mod support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::json;
use support::{domain_event, signed};

const SITE: &str = env!("CARGO_BIN_EXE_test-site");
const POLICY_UPDATED: &str = include_str!("../../runtime/samples/wixEvents.onPolicyUpdated.json");

fn site(args: &[&str]) -> Output {
    Command::new(SITE)
        .args(args)
        .env_remove("WIX_PUBLIC_KEY")
        .output()
        .unwrap()
}

fn site_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(SITE)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Exit code 1 and exactly one line on standard error, equal to `expected`.
fn assert_one_line_error(output: &Output, expected: &str) {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(stderr(output), format!("error: {expected}\n"));
}

/// A payload file in the target directory, unique to the test.
fn payload_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn list_shows_every_linked_handler_with_its_place() {
    let output = site(&["list"]);
    assert!(output.status.success(), "{output:?}");
    let out = stdout(&output);
    assert!(
        out.lines()
            .any(|line| line.starts_with("wixEvents.onPolicyUpdated")
                && line.contains("backend_events_tests::policy_log")
                && line.contains("(tests/src/lib.rs:")),
        "{out}"
    );
    // The package's handlers are linked too.
    assert!(
        out.contains("loyaltyPackage.onLoyaltyPointsEarned"),
        "{out}"
    );
}

#[test]
fn sample_prints_the_bundled_example() {
    let output = site(&["sample", "wixEvents", "onPolicyUpdated"]);
    assert!(output.status.success());
    assert_eq!(stdout(&output).trim_end(), POLICY_UPDATED.trim_end());
}

#[test]
fn sample_of_an_unknown_or_sampleless_event_is_one_line_and_exit_1() {
    assert_one_line_error(
        &site(&["sample", "wixEvents", "onPolicyUpdate"]),
        "unknown event `wixEvents.onPolicyUpdate` (did you mean `wixEvents.onPolicyUpdated`?)",
    );
    assert_one_line_error(
        &site(&["sample", "wixEvent", "onPolicyUpdated"]),
        "unknown module `wixEvent` (did you mean `wixEvents`?)",
    );
    assert_one_line_error(
        &site(&["sample", "loyaltyPackage", "onTierReached"]),
        "`loyaltyPackage.onTierReached` has no bundled sample: give a payload FILE, or - for standard input",
    );
}

#[test]
fn fire_runs_the_handlers_on_the_sample_a_file_or_standard_input() {
    let output = site(&["fire", "wixEvents", "onPolicyUpdated"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output),
        "wixEvents.onPolicyUpdated: 3 handler(s) ran, 0 failed\n"
    );

    let path = payload_file("policy-updated.json", POLICY_UPDATED);
    let output = site(&[
        "fire",
        "wixEvents",
        "onPolicyUpdated",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");

    let output = site_with_stdin(
        &["fire", "wixEvents", "onPolicyUpdated", "-"],
        POLICY_UPDATED,
    );
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).contains("3 handler(s) ran, 0 failed"));
}

#[test]
fn fire_errors_are_one_line_and_exit_1() {
    assert_one_line_error(
        &site(&[
            "fire",
            "wixEvents",
            "onPolicyUpdated",
            "/no/such/payload.json",
        ]),
        "cannot read /no/such/payload.json: No such file or directory (os error 2)",
    );
    let path = payload_file("malformed.json", "{\n  \"metadata\": {\n    \"id\": 7,\n");
    assert_one_line_error(
        &site(&[
            "fire",
            "wixEvents",
            "onPolicyUpdated",
            path.to_str().unwrap(),
        ]),
        "invalid payload for wixEvents.onPolicyUpdated: invalid type: integer `7`, expected a string at `metadata.id`, line 3, column 11",
    );
    assert_one_line_error(
        &site_with_stdin(&["fire", "wixEvents", "onPolicyUpdated", "-"], "{"),
        "invalid payload for wixEvents.onPolicyUpdated: EOF while parsing an object at the top level, line 1, column 1",
    );
    assert_one_line_error(
        &site(&["fire", "wixEventsGuest", "onGuestCreated"]),
        "unknown module `wixEventsGuest` (did you mean `wixEventsGuests`?)",
    );
}

#[test]
fn fire_with_a_failing_or_panicking_handler_reports_it_and_exits_1() {
    let mut failing: serde_json::Value = serde_json::from_str(POLICY_UPDATED).unwrap();
    failing["entity"]["name"] = "fail".into();
    let output = site_with_stdin(
        &["fire", "wixEvents", "onPolicyUpdated", "-"],
        &failing.to_string(),
    );
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.starts_with("wixEvents.onPolicyUpdated: 3 handler(s) ran, 2 failed"),
        "{out}"
    );
    assert!(out.contains("the policy is named \"fail\""), "{out}");
    assert_eq!(stderr(&output), "error: 2 of 3 handler(s) failed\n");

    failing["entity"]["name"] = "panic".into();
    let output = site_with_stdin(
        &["fire", "wixEvents", "onPolicyUpdated", "-"],
        &failing.to_string(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("panicked"), "{output:?}");
    assert!(stderr(&output).ends_with("error: 2 of 3 handler(s) failed\n"));
}

#[test]
fn serve_refuses_to_start_without_a_usable_key() {
    assert_one_line_error(
        &site(&["serve"]),
        "no public key: give --public-key FILE or set WIX_PUBLIC_KEY",
    );
    assert_one_line_error(
        &site(&["serve", "--public-key", "/no/such/key.pem"]),
        "cannot read the public key /no/such/key.pem: No such file or directory (os error 2)",
    );
    let path = payload_file("not-a-key.pem", "hello");
    assert_one_line_error(
        &site(&["serve", "--public-key", path.to_str().unwrap()]),
        &format!(
            "{}: the public key is neither PEM (-----BEGIN PUBLIC KEY-----) nor base64 of PEM",
            path.display()
        ),
    );
    let output = site(&["serve", "--addr", "not-an-address"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let output = site(&["bogus"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unrecognized subcommand 'bogus'"));
    let output = site(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    for command in ["serve", "list", "fire", "sample"] {
        assert!(stdout(&output).contains(command));
    }
}

fn start_serve(args: &[&str]) -> (std::process::Child, String) {
    support::start_serve(args, &[])
}

fn policy_delivery(id: &str) -> String {
    let mut policy: serde_json::Value = serde_json::from_str(POLICY_UPDATED).unwrap();
    policy["entity"]["name"] = "served".into();
    signed(
        "wix.events.v2.policy_updated",
        &domain_event(
            id,
            "52f15c5c-ea06-44f4-866a-b1cfa6f4f790",
            json!({"updatedEvent": {"currentEntity": policy["entity"]}}),
        ),
    )
}

async fn post(url: &str, body: String) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(url)
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The server as a user starts it: deliveries stored in the inbox, answered, then handled.
#[tokio::test]
async fn serve_stores_signed_deliveries_then_handles_them() {
    let inbox = payload_file("served.db", "");
    std::fs::remove_file(&inbox).unwrap();
    let inbox = inbox.to_str().unwrap().to_owned();
    let (mut child, url) = start_serve(&["--inbox", &inbox]);
    assert_eq!(
        post(&url, policy_delivery("d-served")).await,
        (200, "accepted".to_owned())
    );
    assert_eq!(
        post(&url, policy_delivery("d-served")).await,
        (200, "duplicate".to_owned())
    );
    assert_eq!(post(&url, "hello".to_owned()).await.0, 400);

    // The workers run the three handlers; `inbox status` shows it from another process.
    let mut status = String::new();
    for _ in 0..100 {
        status = stdout(&site(&["inbox", "--inbox", &inbox, "status"]));
        if status.contains("handled 1") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        status,
        "pending 0\nretrying 0\ndead 0\nhandled 1\nremembered 0\n"
    );
    assert_eq!(
        stdout(&site(&["inbox", "--inbox", &inbox, "dead"])),
        "no dead letters\n"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn serve_without_inbox_runs_the_handlers_in_the_request() {
    let (mut child, url) = start_serve(&["--no-inbox"]);
    assert_eq!(
        post(&url, policy_delivery("d-direct")).await,
        (
            200,
            "wixEvents.onPolicyUpdated: 3 handler(s) ran, 0 failed".to_owned()
        )
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn inbox_commands_explain_their_errors() {
    assert_one_line_error(
        &site(&["inbox", "--inbox", "/no/such/inbox.db", "status"]),
        "no inbox at /no/such/inbox.db",
    );
    let output = site(&["inbox", "purge", "--older-than", "30x"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("write a number and a unit, such as 30d"),
        "{}",
        stderr(&output)
    );
    let output = site(&["inbox", "replay"]);
    assert_eq!(output.status.code(), Some(2));
}

/// A policy delivery whose second and third handlers fail (the policy is named "fail").
fn failing_policy_delivery(id: &str) -> String {
    let mut policy: serde_json::Value = serde_json::from_str(POLICY_UPDATED).unwrap();
    policy["entity"]["name"] = "fail".into();
    signed(
        "wix.events.v2.policy_updated",
        &domain_event(
            id,
            "52f15c5c-ea06-44f4-866a-b1cfa6f4f790",
            json!({"updatedEvent": {"currentEntity": policy["entity"]}}),
        ),
    )
}

/// `inbox status` of `inbox` once it satisfies `done` (or after 10 s).
fn status_once(inbox: &str, done: impl Fn(&str) -> bool) -> String {
    let mut status = String::new();
    for _ in 0..200 {
        status = stdout(&site(&["inbox", "--inbox", inbox, "status"]));
        if done(&status) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    status
}

/// `inbox backup` while `serve` stores deliveries: the copy opens as an inbox of its own and
/// holds every delivery answered before the backup, handled and dead-lettered alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inbox_backup_copies_a_serving_inbox_online() {
    let inbox = payload_file("backed-up.db", "");
    std::fs::remove_file(&inbox).unwrap();
    let inbox = inbox.to_str().unwrap().to_owned();
    let copy = payload_file("backup-copy.db", "");
    std::fs::remove_file(&copy).unwrap();
    let copy = copy.to_str().unwrap().to_owned();
    // A run stopped midway may leave SQLite's side files of either database behind.
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{inbox}{side}"));
        let _ = std::fs::remove_file(format!("{copy}{side}"));
    }
    let (mut child, url) = start_serve(&["--inbox", &inbox, "--max-attempts", "1"]);

    for n in 0..7 {
        let id = format!("d-backup-{n}");
        assert_eq!(post(&url, policy_delivery(&id)).await.0, 200);
    }
    for n in 0..3 {
        let id = format!("d-backup-fail-{n}");
        assert_eq!(post(&url, failing_policy_delivery(&id)).await.0, 200);
    }
    // Three failing deliveries, two failing handlers each, one attempt allowed: six dead letters.
    let status = status_once(&inbox, |status| {
        status.contains("dead 6\n") && status.contains("handled 7\n")
    });
    assert_eq!(
        status,
        "pending 0\nretrying 0\ndead 6\nhandled 7\nremembered 0\n"
    );

    // Deliveries keep arriving while the copy is taken.
    let arriving = tokio::spawn({
        let url = url.clone();
        async move {
            for n in 0..40 {
                let id = format!("d-backup-during-{n}");
                assert_eq!(post(&url, policy_delivery(&id)).await.0, 200);
            }
        }
    });
    let output = site(&["inbox", "--inbox", &inbox, "backup", &copy]);
    arriving.await.unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout(&output).starts_with(&format!("backed up the inbox to {copy} (")),
        "{output:?}"
    );

    // The copy, opened by itself: whatever arrived during the backup is there or not, but
    // everything before it is, in the state it had.
    let status = stdout(&site(&["inbox", "--inbox", &copy, "status"]));
    let count = |name: &str| -> u64 {
        let line = status.lines().find(|line| line.starts_with(name)).unwrap();
        line[name.len() + 1..].parse().unwrap()
    };
    assert_eq!(count("dead"), 6, "{status}");
    assert_eq!(count("retrying"), 0, "{status}");
    assert!((7..=47).contains(&count("handled")), "{status}");
    let dead = stdout(&site(&["inbox", "--inbox", &copy, "dead"]));
    assert_eq!(dead.lines().count(), 6, "{dead}");
    for n in 0..3 {
        let id = format!("d-backup-fail-{n}");
        let letters = dead.lines().filter(|line| line.starts_with(&id)).count();
        assert_eq!(letters, 2, "{dead}");
    }
    assert!(dead.contains("the policy is named \"fail\""), "{dead}");

    // An existing file is kept unless replacing it is asked for.
    let before = std::fs::read(&copy).unwrap();
    assert_one_line_error(
        &site(&["inbox", "--inbox", &inbox, "backup", &copy]),
        &format!("{copy} already exists: the backup replaces it only when told to (--overwrite)"),
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    let all = "pending 0\nretrying 0\ndead 6\nhandled 47\nremembered 0\n";
    assert_eq!(status_once(&inbox, |status| status == all), all);
    let output = site(&["inbox", "--inbox", &inbox, "backup", &copy, "--overwrite"]);
    assert!(output.status.success(), "{output:?}");
    let status = stdout(&site(&["inbox", "--inbox", &copy, "status"]));
    assert_eq!(status, all, "the newer copy");

    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn inbox_backup_refuses_what_it_cannot_copy() {
    // A PostgreSQL inbox: pg_dump's job, with the exit code of a usage error; the URL (and
    // its password) is not echoed.
    let output = site(&[
        "inbox",
        "--inbox",
        "postgres://user:secret@127.0.0.1:1/inbox",
        "backup",
        "copy.db",
    ]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let error = stderr(&output);
    assert!(
        error.starts_with("error: ") && error.contains("pg_dump"),
        "{error}"
    );
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(!error.contains("secret"), "{error}");
    assert!(!std::path::Path::new("copy.db").exists());

    assert_one_line_error(
        &site(&["inbox", "--inbox", "/no/such/inbox.db", "backup", "copy.db"]),
        "no inbox at /no/such/inbox.db",
    );

    // The inbox itself is never a destination, even with --overwrite.
    let inbox = payload_file("backup-self.db", "");
    let inbox = inbox.to_str().unwrap();
    assert!(
        site(&["inbox", "--inbox", inbox, "status"])
            .status
            .success()
    );
    assert_one_line_error(
        &site(&["inbox", "--inbox", inbox, "backup", inbox, "--overwrite"]),
        &format!("{inbox} is the inbox itself, or one of its files"),
    );
}
