//! A site binary for the command-line and process tests: the handlers of this crate and of the
//! test package, and one that leaves a trace in a file, behind `backend_events::cli`.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use backend_events::backend_event;
use backend_events::wix_events_v3::EventPublished;
// Libraries of handlers that nothing else references must be linked explicitly.
use backend_events_test_package as _;
use backend_events_tests as _;

/// Appends `start <id>` and, after `TEST_SITE_HANDLER_MS` milliseconds, `done <id>` to the file
/// `TEST_SITE_RUN_LOG`: what the process tests count runs with. Each line is one `write`, so
/// lines from several processes do not interleave.
#[backend_event(wixEventsV3, onEventPublished)]
fn run_log(event: EventPublished) -> Result<(), String> {
    // The deliveries whose id has this prefix fail: how the metrics test makes dead letters.
    if let Ok(prefix) = std::env::var("TEST_SITE_FAIL_PREFIX") {
        if event.metadata.id.starts_with(&prefix) {
            return Err(format!("{} fails by design", event.metadata.id));
        }
    }
    let Some(path) = std::env::var_os("TEST_SITE_RUN_LOG") else {
        return Ok(());
    };
    let log = |what: &str| -> Result<(), String> {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| e.to_string())?;
        file.write_all(format!("{what} {}\n", event.metadata.id).as_bytes())
            .map_err(|e| e.to_string())
    };
    log("start")?;
    let millis = std::env::var("TEST_SITE_HANDLER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .unwrap_or(0);
    std::thread::sleep(Duration::from_millis(millis));
    log("done")
}

/// A second handler of the event, which always succeeds: each handler has counters of its own.
#[backend_event(wixEventsV3, onEventPublished)]
fn receipt(event: EventPublished) {
    std::hint::black_box(event.metadata.id);
}

fn main() -> ExitCode {
    backend_events::cli::run()
}
