//! The site `bench/inbox_load.sh` loads: one handler of `wixEvents.onPolicyUpdated` that fails
//! at random `LOAD_FAILURE_PERCENT` percent of the time (default 10), behind
//! `backend_events::cli`.

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

fn main() -> ExitCode {
    backend_events::cli::run()
}
