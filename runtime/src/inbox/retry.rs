//! When a failed handler runs again, and when it is given up on.

use std::time::Duration;

/// Exponential backoff with jitter: attempt `n` (1-based) waits `base * 2^(n-1)`, capped at
/// `max_delay`, times a random factor in `[0.5, 1.0]` so that handlers failing together do not
/// retry together. After `max_attempts` failures the outcome is dead-lettered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts before a handler is given up on for a delivery. Default: 8.
    pub max_attempts: u32,
    /// The wait after the first failure. Default: 1 s.
    pub base_delay: Duration,
    /// The longest wait. Default: 10 min.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(600),
        }
    }
}

impl RetryPolicy {
    /// The same policy with another number of attempts.
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The same policy with other delays.
    pub fn with_delays(mut self, base: Duration, max: Duration) -> Self {
        // Capped at a day, which keeps every delay's arithmetic far from overflowing.
        let day = Duration::from_secs(86_400);
        self.base_delay = base.min(day);
        self.max_delay = max.max(base).min(day);
        self
    }

    /// How long to wait after the `attempts`th failure, with `jitter` in `[0, 1)` (the random
    /// part, given so that this stays a pure function).
    pub fn delay(&self, attempts: u32, jitter: f64) -> Duration {
        let doublings = attempts.saturating_sub(1).min(32);
        let full = self
            .base_delay
            .saturating_mul(1u32 << doublings.min(31))
            .min(self.max_delay);
        full.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }

    /// When a handler that has just failed for the `attempts`th time runs next, in ms since
    /// the epoch (from `now_ms`, with jitter), or `None` when it is given up on.
    pub fn after_failure(&self, attempts: u32, now_ms: u64) -> Option<u64> {
        if self.is_exhausted(attempts) {
            return None;
        }
        let delay = u64::try_from(self.delay(attempts, jitter()).as_millis()).unwrap_or(u64::MAX);
        Some(now_ms.saturating_add(delay))
    }

    /// Whether a handler that has failed `attempts` times is given up on.
    pub fn is_exhausted(&self, attempts: u32) -> bool {
        attempts >= self.max_attempts
    }
}

/// A jitter in `[0, 1)` from the clock's nanoseconds and a counter: no cryptography needed,
/// only that two handlers failing together do not draw the same value.
pub(crate) fn jitter() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as u64);
    let mut x = COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed) ^ nanos;
    // splitmix64's finalizer: spreads the bits.
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_cap_and_jitter_takes_off_at_most_half() {
        let policy = RetryPolicy::default()
            .with_delays(Duration::from_millis(100), Duration::from_millis(1000));
        assert_eq!(policy.delay(1, 1.0), Duration::from_millis(100));
        assert_eq!(policy.delay(2, 1.0), Duration::from_millis(200));
        assert_eq!(policy.delay(4, 1.0), Duration::from_millis(800));
        assert_eq!(policy.delay(5, 1.0), Duration::from_millis(1000));
        assert_eq!(policy.delay(60, 1.0), Duration::from_millis(1000));
        assert_eq!(policy.delay(2, 0.0), Duration::from_millis(100));
    }

    #[test]
    fn jitter_stays_in_range_and_varies() {
        let draws: Vec<f64> = (0..100).map(|_| jitter()).collect();
        assert!(draws.iter().all(|j| (0.0..1.0).contains(j)));
        assert!(draws.windows(2).any(|w| w[0] != w[1]));
    }

    #[test]
    fn exhausted_after_max_attempts() {
        let policy = RetryPolicy::default().with_max_attempts(3);
        assert!(!policy.is_exhausted(2));
        assert!(policy.is_exhausted(3));
        let next = policy.after_failure(2, 1_000).unwrap();
        assert!((1_000 + 1_000..=1_000 + 2_000).contains(&next), "{next}");
        assert_eq!(policy.after_failure(3, 1_000), None);
    }
}
