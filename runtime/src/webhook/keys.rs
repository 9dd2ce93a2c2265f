//! The app's public keys: each parsed once, into aws-lc-rs' form, with the id (`kid`) tokens
//! may name it by. A key text holds one PEM block or several (while keys are rotated), each
//! optionally preceded by a line `kid: ID`.

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::PublicEncryptingKey;
use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::error::KeyError;

/// One public key of a Wix app (in the app's dashboard, under webhooks), parsed once, and the
/// key id a token's header names it by, if it has one.
#[derive(Clone)]
pub struct PublicKey {
    kid: Option<String>,
    key: ParsedPublicKey,
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl PublicKey {
    /// An RSA public key in PEM (`-----BEGIN PUBLIC KEY-----`, or
    /// `-----BEGIN RSA PUBLIC KEY-----`), of 2048 to 8192 bits, without a key id.
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        let pem = std::str::from_utf8(pem.as_ref())
            .map_err(|_| KeyError::NotPem)?
            .trim();
        if !pem.starts_with("-----BEGIN") {
            return Err(KeyError::NotPem);
        }
        // A private key, say, must not be taken for the app's key.
        let label = if pem.starts_with("-----BEGIN PUBLIC KEY-----") {
            "PUBLIC KEY"
        } else if pem.starts_with("-----BEGIN RSA PUBLIC KEY-----") {
            "RSA PUBLIC KEY"
        } else {
            return Err(KeyError::NotAPublicKey);
        };
        let der = pem_body(pem, label)?;
        let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
            .map_err(|error| KeyError::NotRsa(error.to_string()))?;
        // RS256 takes keys of 2048 to 8192 bits: any other is refused here, not at every
        // delivery.
        key.as_der()
            .ok()
            .and_then(|spki| PublicEncryptingKey::from_der(spki.as_ref()).ok())
            .filter(|key| (2048..=8192).contains(&key.key_size_bits()))
            .ok_or_else(|| KeyError::NotRsa("RS256 takes keys of 2048 to 8192 bits".into()))?;
        Ok(PublicKey { kid: None, key })
    }

    /// Every key in `text`: one PEM block or several, or base64 of that (the form an
    /// environment variable carries). A line `kid: ID` before a block gives that key its id.
    pub fn all_from_text(text: &str) -> Result<Vec<Self>, KeyError> {
        let text = text.trim();
        let decoded;
        let text = if text.contains("-----BEGIN") {
            text
        } else {
            let compact: String = text.split_whitespace().collect();
            let bytes = STANDARD.decode(compact).map_err(|_| KeyError::NotPem)?;
            decoded = String::from_utf8(bytes).map_err(|_| KeyError::NotPem)?;
            &decoded
        };
        let mut keys = Vec::new();
        let mut rest = text;
        while let Some(begin) = rest.find("-----BEGIN") {
            let kid = kid_line(&rest[..begin]);
            let block = &rest[begin..];
            // The block ends after its END line: `-----END ...-----`.
            let end = block
                .find("-----END")
                .and_then(|end| {
                    let after = &block[end + "-----END".len()..];
                    after
                        .find("-----")
                        .map(|close| end + "-----END".len() + close + "-----".len())
                })
                .ok_or(KeyError::NotPem)?;
            let key = PublicKey::from_pem(&block[..end])?;
            keys.push(match kid {
                Some(kid) => key.with_kid(kid),
                None => key,
            });
            rest = &block[end..];
        }
        if keys.is_empty() {
            return Err(KeyError::NotPem);
        }
        Ok(keys)
    }

    /// The same key, named `kid`: a token whose header says `"kid": "<kid>"` is checked
    /// against this key alone.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The key's id, if it has one.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Whether `signature` is this key's RS256 signature of `signed`.
    pub(super) fn verifies(&self, signed: &[u8], signature: &[u8]) -> bool {
        self.key.verify_sig(signed, signature).is_ok()
    }
}

/// The id a `kid: ID` line names, in the text before a PEM block (the last such line).
fn kid_line(text: &str) -> Option<String> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("kid:"))
        .map(|kid| kid.trim().to_owned())
        .rfind(|kid| !kid.is_empty())
}

/// The DER inside a PEM block that begins `-----BEGIN {label}-----`.
fn pem_body(pem: &str, label: &str) -> Result<Vec<u8>, KeyError> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let body = pem
        .strip_prefix(begin.as_str())
        .and_then(|rest| rest.split_once(end.as_str()))
        .map(|(body, _)| body)
        .ok_or(KeyError::NotPem)?;
    let compact: String = body.split_whitespace().collect();
    STANDARD
        .decode(compact)
        .map_err(|_| KeyError::NotRsa("its PEM body is not base64".into()))
}
