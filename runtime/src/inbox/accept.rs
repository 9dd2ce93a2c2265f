//! What accepting a verified delivery into the inbox means: its payload is checked against the
//! event's type (a delivery that can never be handled is refused now, not dead-lettered
//! later), every handler of the event gets a pending outcome, the delivery is stored under its
//! key, and the counters count it.

use sha2::{Digest, Sha256};

use super::counters::{Count, count};
use super::{Accepted, Inbox, InboxError, StoredDelivery};
use crate::{Dispatcher, EventInfo, PayloadError};

/// Why a delivery was not accepted: the sender's fault (400) or the store's (500, and the
/// platform sends it again).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AcceptError {
    /// The payload is not the event's payload type: no handler could ever take it.
    #[error(transparent)]
    InvalidPayload(#[from] PayloadError),
    /// The store did not commit the delivery.
    #[error(transparent)]
    Store(#[from] InboxError),
}

impl AcceptError {
    /// The HTTP status a webhook endpoint answers this error with.
    pub fn status(&self) -> axum::http::StatusCode {
        match self {
            AcceptError::InvalidPayload(_) => axum::http::StatusCode::BAD_REQUEST,
            AcceptError::Store(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl axum::response::IntoResponse for AcceptError {
    fn into_response(self) -> axum::response::Response {
        (self.status(), self.to_string()).into_response()
    }
}

/// Stores a delivery of `event`, with one pending outcome for each of the event's handlers in
/// this binary, unless one with its key is already stored or remembered. The key is the
/// domain event's `id` (the same for every resend) or, for a body that has none, its
/// payload's digest; it is remembered until `remember_until_ms`, whatever a purge is told:
/// for a verified delivery, until its token can no longer verify
/// ([`TokenTimes::accepted_until_ms`](crate::webhook::TokenTimes::accepted_until_ms) of
/// [`Delivery::token`](crate::webhook::Delivery::token)).
///
/// Resolves once the delivery is durable; only then may the sender be told 200.
pub async fn accept(
    inbox: &dyn Inbox,
    dispatcher: &Dispatcher,
    event: &'static EventInfo,
    id: Option<&str>,
    payload: &[u8],
    remember_until_ms: u64,
) -> Result<Accepted, AcceptError> {
    dispatcher.check_event(event, payload)?;
    let handlers: Vec<&'static str> = dispatcher
        .handlers_of(event)
        .iter()
        .map(|handler| handler.name())
        .collect();
    let stored = StoredDelivery {
        id: id.map_or_else(|| payload_key(payload), str::to_owned),
        module: event.module().to_owned(),
        event: event.name().to_owned(),
        payload: payload.to_vec(),
        remember_until_ms,
    };
    let accepted = inbox.accept(&stored, &handlers).await?;
    count(match accepted {
        Accepted::New => Count::Accepted,
        Accepted::Duplicate => Count::Duplicate,
    });
    Ok(accepted)
}

/// The key of a delivery without an id (a body that is not a domain event): its payload's
/// SHA-256, the same in every process and every version, so that a resend is recognised.
fn payload_key(payload: &[u8]) -> String {
    let digest = Sha256::digest(payload);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("payload-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_key_is_its_digest_and_stable() {
        let key = payload_key(b"{}");
        assert_eq!(
            key,
            "payload-44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        assert_ne!(payload_key(b"{ }"), key);
    }
}
