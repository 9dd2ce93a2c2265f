//! The site `bench/inbox_load.sh` loads: four handlers of `wixEvents.onPolicyUpdated`, as a
//! site with an audit log, a mirror and a notification beside its main handler has. The main
//! one fails at random `LOAD_FAILURE_PERCENT` percent of the time (default 10); the others read
//! a field and succeed. Behind `backend_events::cli`.

use std::hash::BuildHasher;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_updated(event: PolicyUpdated) -> Result<(), String> {
    static DRAWS: AtomicU64 = AtomicU64::new(0);
    let percent: u64 = std::env::var("LOAD_FAILURE_PERCENT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(10);
    // A fresh RandomState has random keys: hashing a counter with it draws a number.
    let draw = std::hash::RandomState::new().hash_one(DRAWS.fetch_add(1, Ordering::Relaxed));
    if draw % 100 < percent {
        Err(format!("a random failure on {}", event.metadata.id))
    } else {
        Ok(())
    }
}

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_audit(event: PolicyUpdated) {
    std::hint::black_box(event.entity.revision);
}

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_mirror(event: PolicyUpdated) {
    std::hint::black_box(event.entity.name);
}

#[backend_event(wixEvents, onPolicyUpdated)]
async fn policy_notify(event: PolicyUpdated) {
    std::hint::black_box(event.metadata.id);
}

fn main() -> ExitCode {
    backend_events::cli::run()
}
