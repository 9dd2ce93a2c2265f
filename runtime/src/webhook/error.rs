//! What can be wrong with a delivery, by whose fault: the sender's (not a token, a token that
//! fails verification, layers that do not decode) or the payload's.

use crate::PayloadError;

/// Why a webhook delivery was refused.
///
/// The HTTP endpoint answers [`NotAToken`](Self::NotAToken), [`Malformed`](Self::Malformed) and
/// [`InvalidPayload`](Self::InvalidPayload) with 400 and [`Rejected`](Self::Rejected) with 401.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The body is not a JSON Web Token at all.
    #[error("the body is not a JWT: {0}")]
    NotAToken(String),
    /// The body is a token, but it does not prove it comes from the platform, or no longer.
    #[error("token rejected: {0}")]
    Rejected(#[from] TokenRejected),
    /// The token is genuine, but one of the JSON layers inside it does not decode.
    #[error("malformed delivery: {layer}: {message}")]
    Malformed {
        /// Which layer: `claims`, `data`, `identity`, `event`...
        layer: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The delivery decodes, but its entity or data is not the event's payload type.
    #[error(transparent)]
    InvalidPayload(#[from] PayloadError),
}

impl WebhookError {
    /// The HTTP status a webhook endpoint answers this error with: 401 for a token that does
    /// not prove it comes from the platform, 400 for the rest.
    #[cfg(feature = "http")]
    pub fn status(&self) -> axum::http::StatusCode {
        match self {
            WebhookError::Rejected(_) => axum::http::StatusCode::UNAUTHORIZED,
            _ => axum::http::StatusCode::BAD_REQUEST,
        }
    }

    pub(crate) fn malformed(layer: &'static str, message: impl ToString) -> Self {
        WebhookError::Malformed {
            layer,
            message: message.to_string(),
        }
    }
}

#[cfg(feature = "http")]
impl axum::response::IntoResponse for WebhookError {
    fn into_response(self) -> axum::response::Response {
        (self.status(), self.to_string()).into_response()
    }
}

/// Why a token's verification failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenRejected {
    /// The signature is not the app key's signature of this token.
    #[error("the signature does not match the app's public key")]
    BadSignature,
    /// The token's `exp` has passed.
    #[error("the token has expired")]
    Expired,
    /// The token's `nbf` is still to come.
    #[error("the token is not valid yet")]
    NotYetValid,
    /// The token's `iat` is still to come: it would stay valid longer than the platform makes
    /// tokens last, and outlive the record that its delivery was seen.
    #[error("the token is issued in the future")]
    IssuedInTheFuture,
    /// The token is signed with another algorithm than RS256 (`none`, or HS256 with the public
    /// key used as a shared secret, are the classic forgeries).
    #[error("algorithm `{0}` is refused: only RS256 is accepted")]
    Algorithm(String),
    /// A claim the verification needs (`exp`) is missing.
    #[error("the token has no `{0}` claim")]
    MissingClaim(String),
}

/// Why a public key could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The text is neither a PEM block nor base64 of one.
    #[error("the public key is neither PEM (-----BEGIN PUBLIC KEY-----) nor base64 of PEM")]
    NotPem,
    /// The PEM block is not a public key (a private key, say: never give the server one).
    #[error("the key is not a public key: give the app's public key (-----BEGIN PUBLIC KEY-----)")]
    NotAPublicKey,
    /// The PEM block does not hold an RSA public key.
    #[error("the public key is not an RSA public key: {0}")]
    NotRsa(String),
    /// No key was given: a verifier needs at least one.
    #[error("no public key was given")]
    NoKey,
}
