//! Counters of what the inbox did in this process, for dashboards and logs.

use std::sync::atomic::{AtomicU64, Ordering};

/// What the inbox has done in this process since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct InboxCounters {
    /// Deliveries stored (answered 200 `accepted`).
    pub accepted: u64,
    /// Resends of stored deliveries (answered 200 `duplicate`, nothing stored).
    pub duplicate: u64,
    /// Handler runs that succeeded.
    pub handled: u64,
    /// Handler runs that failed and were scheduled again.
    pub retried: u64,
    /// Handler runs that failed for the last time (dead letters).
    pub dead_lettered: u64,
}

static ACCEPTED: AtomicU64 = AtomicU64::new(0);
static DUPLICATE: AtomicU64 = AtomicU64::new(0);
static HANDLED: AtomicU64 = AtomicU64::new(0);
static RETRIED: AtomicU64 = AtomicU64::new(0);
static DEAD_LETTERED: AtomicU64 = AtomicU64::new(0);

/// The counters as they are now.
pub fn counters() -> InboxCounters {
    InboxCounters {
        accepted: ACCEPTED.load(Ordering::Relaxed),
        duplicate: DUPLICATE.load(Ordering::Relaxed),
        handled: HANDLED.load(Ordering::Relaxed),
        retried: RETRIED.load(Ordering::Relaxed),
        dead_lettered: DEAD_LETTERED.load(Ordering::Relaxed),
    }
}

/// One of the counters, for the code that counts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Count {
    Accepted,
    Duplicate,
    Handled,
    Retried,
    DeadLettered,
}

pub(crate) fn count(what: Count) {
    let counter = match what {
        Count::Accepted => &ACCEPTED,
        Count::Duplicate => &DUPLICATE,
        Count::Handled => &HANDLED,
        Count::Retried => &RETRIED,
        Count::DeadLettered => &DEAD_LETTERED,
    };
    counter.fetch_add(1, Ordering::Relaxed);
}
