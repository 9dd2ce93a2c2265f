//! The first layer: the body is a JWT signed RS256 with the app's key. Verification is the
//! JWT crate's; this file only refuses every other algorithm before it, and maps its errors.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::envelope::{Delivery, Envelope};
use super::error::{KeyError, TokenRejected, WebhookError};

/// Verifies deliveries with the public key of a Wix app (in the app's dashboard, under
/// webhooks), then decodes them into a [`Delivery`].
///
/// Only RS256 is accepted: a token with `alg: none`, or signed HS256 with the public key as the
/// shared secret, is refused before any signature is looked at. `exp` must be present and not
/// past (with the JWT crate's default leeway of 60 s for clock skew).
#[derive(Clone)]
pub struct Verifier {
    key: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("algorithm", &"RS256")
            .finish()
    }
}

/// The claims of a delivery: `data` is the next layer (a JSON string, or an object). Optional
/// here so that the token's time claims are checked before its shape.
#[derive(Deserialize)]
struct Claims {
    #[serde(default)]
    data: Option<Box<RawValue>>,
}

impl Verifier {
    /// A verifier for an RSA public key in PEM (`-----BEGIN PUBLIC KEY-----`, or
    /// `-----BEGIN RSA PUBLIC KEY-----`).
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        let pem = pem.as_ref().trim_ascii_start();
        if !pem.starts_with(b"-----BEGIN") {
            return Err(KeyError::NotPem);
        }
        // The JWT crate would also take a private key here, and then refuse every delivery.
        if !(pem.starts_with(b"-----BEGIN PUBLIC KEY-----")
            || pem.starts_with(b"-----BEGIN RSA PUBLIC KEY-----"))
        {
            return Err(KeyError::NotAPublicKey);
        }
        // With both of the JWT crate's crypto backends compiled in (another crate of the build
        // may ask for the other one), it needs to be told which to use, or it panics.
        let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
        let key =
            DecodingKey::from_rsa_pem(pem).map_err(|error| KeyError::NotRsa(error.to_string()))?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_required_spec_claims(&["exp"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        // The platform does not document `aud`/`iss`; checking them would refuse real deliveries.
        validation.validate_aud = false;
        Ok(Verifier { key, validation })
    }

    /// A verifier for a key given as text, the way the dashboard shows it (PEM) or the way an
    /// environment variable carries it (base64 of the PEM).
    pub fn from_key_text(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        if text.starts_with("-----BEGIN") {
            return Self::from_pem(text);
        }
        let compact: String = text.split_whitespace().collect();
        let pem = STANDARD.decode(compact).map_err(|_| KeyError::NotPem)?;
        Self::from_pem(pem)
    }

    /// Verifies the token in `body` and decodes every layer inside it.
    pub fn open(&self, body: &[u8]) -> Result<Delivery, WebhookError> {
        self.envelope(body)?.decode()
    }

    /// Verifies the token in `body` and decodes its first layer only: enough to read the
    /// `eventType` and ignore the delivery before decoding the rest.
    pub fn envelope(&self, body: &[u8]) -> Result<Envelope, WebhookError> {
        Envelope::parse(self.verify(body)?.get())
    }

    /// Verifies the token in `body` and returns its `data` claim, undecoded.
    pub fn verify(&self, body: &[u8]) -> Result<Box<RawValue>, WebhookError> {
        let token = std::str::from_utf8(body)
            .map_err(|_| WebhookError::NotAToken("the body is not UTF-8 text".into()))?
            .trim();
        refuse_other_algorithms(token)?;
        match jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation) {
            Ok(data) => data
                .claims
                .data
                .ok_or_else(|| WebhookError::malformed("claims", "missing field `data`")),
            Err(error) => Err(match error.kind() {
                ErrorKind::InvalidSignature => TokenRejected::BadSignature.into(),
                ErrorKind::ExpiredSignature => TokenRejected::Expired.into(),
                ErrorKind::ImmatureSignature => TokenRejected::NotYetValid.into(),
                ErrorKind::InvalidAlgorithm => {
                    TokenRejected::Algorithm("not RS256".to_owned()).into()
                }
                ErrorKind::MissingRequiredClaim(claim) => {
                    TokenRejected::MissingClaim(claim.clone()).into()
                }
                // The signature held, so the claims are the platform's, but not what we expect.
                ErrorKind::Json(_) | ErrorKind::Utf8(_) => WebhookError::malformed("claims", error),
                _ => WebhookError::NotAToken(error.to_string()),
            }),
        }
    }
}

/// Reads the header and refuses anything but RS256, whatever the JWT crate would make of it:
/// `none` and HS256 never reach the signature check.
fn refuse_other_algorithms(token: &str) -> Result<(), WebhookError> {
    let mut parts = token.split('.');
    let (Some(header), Some(_), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(WebhookError::NotAToken(
            "a JWT has three dot-separated parts".into(),
        ));
    };
    let header = URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|_| WebhookError::NotAToken("its header is not base64url".into()))?;
    #[derive(Deserialize)]
    struct Header {
        alg: String,
    }
    let header: Header = serde_json::from_slice(&header).map_err(|_| {
        WebhookError::NotAToken("its header is not a JSON object with `alg`".into())
    })?;
    if header.alg != "RS256" {
        // The value is the sender's: bounded and escaped before it reaches a log or an answer.
        let alg: String = header.alg.chars().take(32).collect();
        return Err(TokenRejected::Algorithm(alg.escape_debug().to_string()).into());
    }
    // What the JWT crate reads of the header must read too, or its error would be taken for
    // the claims'.
    jsonwebtoken::decode_header(token)
        .map_err(|error| WebhookError::NotAToken(format!("its header does not decode: {error}")))?;
    Ok(())
}
