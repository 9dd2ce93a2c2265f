//! The time claims of a verified token, handed on with its delivery: how long a replay of the
//! token would still verify, and so how long its delivery's id must be remembered.

use super::verify::LEEWAY_SECS;

/// When a verified delivery's token was issued (`iat`) and when it expires (`exp`), in seconds
/// since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenTimes {
    /// The `iat` claim, when the token has one (never later than the verifier's clock plus
    /// its leeway).
    pub issued_at: Option<u64>,
    /// The `exp` claim.
    pub expires_at: u64,
}

impl TokenTimes {
    /// Until when (exclusive), in milliseconds since the Unix epoch, a
    /// [`Verifier`](super::Verifier) accepts the token: its `exp` plus the leeway for clock
    /// skew, to the end of that second. Until then a captured copy of the token verifies, so
    /// the inbox keeps the id of its delivery at least as long.
    pub fn accepted_until_ms(&self) -> u64 {
        self.expires_at
            .saturating_add(LEEWAY_SECS + 1)
            .saturating_mul(1000)
    }
}
