//! The first layer: the body is a JWT signed RS256 with one of the app's keys. Keys are parsed
//! once, into aws-lc-rs' form; a token's algorithm is refused unless it is RS256 before its
//! signature is looked at, and its claims are read only after the signature held.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::envelope::{Delivery, Envelope, Layer};
use super::error::{KeyError, TokenRejected, WebhookError};
use super::keys::PublicKey;
use super::token::TokenTimes;

/// How far `exp`, `nbf` and `iat` may be off the local clock, in seconds (what JWT libraries
/// allow by default for clock skew).
pub const LEEWAY_SECS: u64 = 60;

/// Verifies deliveries with the public keys of a Wix app (in the app's dashboard, under
/// webhooks), then decodes them into a [`Delivery`].
///
/// Only RS256 is accepted: a token with `alg: none`, or signed HS256 with the public key as the
/// shared secret, is refused before any signature is looked at. `exp` must be present and not
/// past, and `nbf` and `iat`, when present, not still to come (each with a leeway of 60 s for
/// clock skew). The keys are parsed once, when the verifier is made; verification is
/// aws-lc-rs'.
///
/// With several keys (while the app's key is rotated), a token whose header names a `kid` one
/// of the keys carries ([`PublicKey::with_kid`]) is checked against that key alone; any other
/// token against each key in turn, in the order given.
#[derive(Clone)]
pub struct Verifier {
    keys: Arc<[PublicKey]>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("algorithm", &"RS256")
            .field("keys", &self.keys)
            .finish()
    }
}

/// The claims of a delivery: `data` is the next layer (a JSON string, or an object), read as
/// `D`. Every field is optional here, so that the time claims are checked before the shape.
#[derive(Deserialize)]
struct Claims<'a, D> {
    #[serde(default = "Option::default")]
    data: Option<D>,
    #[serde(default, borrow)]
    exp: Option<&'a RawValue>,
    #[serde(default, borrow)]
    nbf: Option<&'a RawValue>,
    #[serde(default, borrow)]
    iat: Option<&'a RawValue>,
}

/// A time claim (a NumericDate: seconds since the epoch) as read.
enum Seconds {
    Absent,
    Invalid,
    At(u64),
}

impl Seconds {
    /// An integer, or a finite non-negative number (rounded); anything else is invalid.
    fn read(raw: Option<&RawValue>) -> Seconds {
        let Some(raw) = raw else {
            return Seconds::Absent;
        };
        if let Ok(seconds) = serde_json::from_str::<u64>(raw.get()) {
            return Seconds::At(seconds);
        }
        match serde_json::from_str::<f64>(raw.get()) {
            Ok(seconds) if seconds.is_finite() && (0.0..u64::MAX as f64).contains(&seconds) => {
                Seconds::At(seconds.round() as u64)
            }
            _ => Seconds::Invalid,
        }
    }
}

impl Verifier {
    /// A verifier for the keys `keys`, tried as the type's docs say; at least one.
    pub fn new(keys: impl IntoIterator<Item = PublicKey>) -> Result<Self, KeyError> {
        let keys: Arc<[PublicKey]> = keys.into_iter().collect();
        if keys.is_empty() {
            return Err(KeyError::NoKey);
        }
        Ok(Verifier { keys })
    }

    /// A verifier for one RSA public key in PEM (`-----BEGIN PUBLIC KEY-----`, or
    /// `-----BEGIN RSA PUBLIC KEY-----`), of 2048 to 8192 bits.
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Self::new([PublicKey::from_pem(pem)?])
    }

    /// A verifier for the keys in `text`, given the way the dashboard shows a key (PEM) or the
    /// way an environment variable carries it (base64 of the PEM). While keys are rotated, the
    /// text holds several PEM blocks, each optionally preceded by a line `kid: ID`
    /// ([`PublicKey::all_from_text`]).
    pub fn from_key_text(text: &str) -> Result<Self, KeyError> {
        Self::new(PublicKey::all_from_text(text)?)
    }

    /// The keys, in the order they are tried.
    pub fn keys(&self) -> &[PublicKey] {
        &self.keys
    }

    /// Verifies the token in `body` and decodes every layer inside it.
    pub fn open(&self, body: &[u8]) -> Result<Delivery, WebhookError> {
        self.envelope(body)?.decode()
    }

    /// Verifies the token in `body` and decodes its first layer only: enough to read the
    /// `eventType` and ignore the delivery before decoding the rest.
    pub fn envelope(&self, body: &[u8]) -> Result<Envelope, WebhookError> {
        let claims = self.verified_claims(body)?;
        // The platform sends the layer as a JSON string: read it in one pass.
        let (layer, times) = read_claims::<Layer>(&claims)?;
        let envelope = match layer {
            Layer::Text(text) => Envelope::from_layer(&text)?,
            _ => Envelope::parse(read_claims::<Box<RawValue>>(&claims)?.0.get())?,
        };
        Ok(envelope.with_token(times))
    }

    /// Verifies the token in `body` and returns its `data` claim, undecoded.
    pub fn verify(&self, body: &[u8]) -> Result<Box<RawValue>, WebhookError> {
        Ok(read_claims(&self.verified_claims(body)?)?.0)
    }

    /// The claims of the token in `body`, as JSON, once its algorithm and signature held.
    fn verified_claims(&self, body: &[u8]) -> Result<Vec<u8>, WebhookError> {
        let token = std::str::from_utf8(body)
            .map_err(|_| WebhookError::NotAToken("the body is not UTF-8 text".into()))?
            .trim();
        let mut parts = token.split('.');
        let (Some(header), Some(claims), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(WebhookError::NotAToken(
                "a JWT has three dot-separated parts".into(),
            ));
        };
        let header_json = URL_SAFE_NO_PAD
            .decode(header)
            .map_err(|_| WebhookError::NotAToken("its header is not base64url".into()))?;
        let kid = refuse_other_algorithms(&header_json)?;
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| WebhookError::NotAToken("its signature is not base64url".into()))?;
        // What is signed: the header and the claims as sent, with the dot between them.
        let signed = &token.as_bytes()[..header.len() + 1 + claims.len()];
        if !self.signed_by_a_key(kid.as_deref(), signed, &signature) {
            return Err(TokenRejected::BadSignature.into());
        }
        URL_SAFE_NO_PAD
            .decode(claims)
            .map_err(|_| WebhookError::NotAToken("its claims are not base64url".into()))
    }

    /// Whether `signature` is one of the keys' signature of `signed`: the key the `kid` names
    /// alone when one carries it, else each in turn.
    fn signed_by_a_key(&self, kid: Option<&str>, signed: &[u8], signature: &[u8]) -> bool {
        if let Some(named) = kid.and_then(|kid| self.keys.iter().find(|k| k.kid() == Some(kid))) {
            return named.verifies(signed, signature);
        }
        self.keys.iter().any(|key| key.verifies(signed, signature))
    }
}

/// Reads verified claims: the time claims first, then the `data` claim, as `D`. The signature
/// held, so the claims are the platform's, but maybe not what is expected.
fn read_claims<'a, D: Deserialize<'a>>(claims: &'a [u8]) -> Result<(D, TokenTimes), WebhookError> {
    let claims: Claims<D> =
        serde_json::from_slice(claims).map_err(|e| WebhookError::malformed("claims", e))?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let expires_at = match Seconds::read(claims.exp) {
        Seconds::At(exp) if exp.saturating_add(LEEWAY_SECS) < now => {
            return Err(TokenRejected::Expired.into());
        }
        Seconds::At(exp) => exp,
        Seconds::Absent | Seconds::Invalid => {
            return Err(TokenRejected::MissingClaim("exp".to_owned()).into());
        }
    };
    match Seconds::read(claims.nbf) {
        Seconds::At(nbf) if nbf > now.saturating_add(LEEWAY_SECS) => {
            return Err(TokenRejected::NotYetValid.into());
        }
        Seconds::Invalid => {
            return Err(WebhookError::malformed(
                "claims",
                "`nbf` is not a number of seconds",
            ));
        }
        Seconds::At(_) | Seconds::Absent => {}
    }
    // A token issued in the future would outlive the record that its delivery was seen.
    let issued_at = match Seconds::read(claims.iat) {
        Seconds::At(iat) if iat > now.saturating_add(LEEWAY_SECS) => {
            return Err(TokenRejected::IssuedInTheFuture.into());
        }
        Seconds::At(iat) => Some(iat),
        Seconds::Invalid => {
            return Err(WebhookError::malformed(
                "claims",
                "`iat` is not a number of seconds",
            ));
        }
        Seconds::Absent => None,
    };
    let data = claims
        .data
        .ok_or_else(|| WebhookError::malformed("claims", "missing field `data`"))?;
    Ok((
        data,
        TokenTimes {
            issued_at,
            expires_at,
        },
    ))
}

/// Reads the header and refuses anything but RS256: `none` and HS256 never reach the
/// signature check. Resolves to the header's `kid`, if any.
fn refuse_other_algorithms(header: &[u8]) -> Result<Option<Cow<'_, str>>, WebhookError> {
    #[derive(Deserialize)]
    struct Header<'a> {
        #[serde(borrow)]
        alg: Cow<'a, str>,
        #[serde(default, borrow)]
        kid: Option<Cow<'a, str>>,
    }
    let header: Header = serde_json::from_slice(header).map_err(|_| {
        WebhookError::NotAToken("its header is not a JSON object with `alg`".into())
    })?;
    if header.alg != "RS256" {
        // The value is the sender's: bounded and escaped before it reaches a log or an answer.
        let alg: String = header.alg.chars().take(32).collect();
        return Err(TokenRejected::Algorithm(alg.escape_debug().to_string()).into());
    }
    Ok(header.kid)
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::rsa::KeySize;
    use aws_lc_rs::signature::{
        ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair, RSA_PKCS1_SHA256, RsaKeyPair,
    };
    use base64::engine::general_purpose::STANDARD;
    use serde_json::{Value, json};

    use super::*;

    /// TEST-ONLY key pairs, made once per run: the app's and a forger's.
    fn keys() -> &'static (RsaKeyPair, RsaKeyPair) {
        static KEYS: OnceLock<(RsaKeyPair, RsaKeyPair)> = OnceLock::new();
        KEYS.get_or_init(|| {
            let generate = || RsaKeyPair::generate(KeySize::Rsa2048).unwrap();
            (generate(), generate())
        })
    }

    fn pem(label: &str, der: &[u8]) -> String {
        let body = STANDARD.encode(der);
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(64)
            .map(|line| std::str::from_utf8(line).unwrap())
            .collect();
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            lines.join("\n")
        )
    }

    fn verifier() -> Verifier {
        let der = keys().0.public_key().as_der().unwrap();
        Verifier::from_pem(pem("PUBLIC KEY", der.as_ref())).unwrap()
    }

    fn token(key: &RsaKeyPair, header: &Value, claims: &Value) -> String {
        let message = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0; key.public_modulus_len()];
        key.sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            message.as_bytes(),
            &mut signature,
        )
        .unwrap();
        format!("{message}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    fn signed(claims: &Value) -> String {
        token(&keys().0, &json!({"alg": "RS256", "kid": "k1"}), claims)
    }

    fn now() -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
    }

    fn outer() -> Value {
        json!({"eventType": "wix.events.v2.policy_updated", "instanceId": "i-1",
            "data": json!({"id": "e-1", "deletedEvent": {}}).to_string()})
    }

    fn verify(token: &str) -> Result<Box<RawValue>, WebhookError> {
        verifier().verify(token.as_bytes())
    }

    #[test]
    fn a_genuine_token_gives_its_data_claim_as_a_string_or_an_object() {
        let data = outer();
        let as_string = signed(&json!({"data": data.to_string(), "exp": now() + 600}));
        let as_object = signed(&json!({"data": data, "exp": now() + 600}));
        let verifier = verifier();
        for token in [&as_string, &as_object] {
            let envelope = verifier.envelope(token.as_bytes()).unwrap();
            assert_eq!(envelope.event_type(), "wix.events.v2.policy_updated");
            assert_eq!(envelope.instance_id(), Some("i-1"));
            assert_eq!(envelope.event_id().as_deref(), Some("e-1"));
        }
        assert_eq!(
            verifier.open(as_string.as_bytes()).unwrap().payload(),
            verifier.open(as_object.as_bytes()).unwrap().payload()
        );
        let raw = verify(&as_string).unwrap();
        assert_eq!(
            serde_json::from_str::<String>(raw.get()).unwrap(),
            data.to_string()
        );
        // Whitespace around the token, as a body may carry it.
        assert!(verify(&format!("\n{as_string} \r\n")).is_ok());
    }

    #[test]
    fn the_time_claims_are_checked_with_a_minute_of_leeway() {
        let data = outer().to_string();
        let at = |exp: Value| verify(&signed(&json!({"data": data, "exp": exp})));
        assert!(at(Value::from(now() - 30)).is_ok());
        assert!(at(Value::from(now() as f64 + 600.5)).is_ok());
        assert_eq!(
            at(Value::from(now() - 3600)).unwrap_err(),
            TokenRejected::Expired.into()
        );
        for exp in [Value::Null, Value::from("soon"), Value::from(-1), json!({})] {
            assert_eq!(
                at(exp).unwrap_err(),
                TokenRejected::MissingClaim("exp".into()).into()
            );
        }
        assert_eq!(
            verify(&signed(&json!({"data": data}))).unwrap_err(),
            TokenRejected::MissingClaim("exp".into()).into()
        );
        let nbf = |nbf: Value| {
            verify(&signed(
                &json!({"data": data, "exp": now() + 600, "nbf": nbf}),
            ))
        };
        assert!(nbf(Value::from(now() + 30)).is_ok());
        assert_eq!(
            nbf(Value::from(now() + 3600)).unwrap_err(),
            TokenRejected::NotYetValid.into()
        );
        assert!(matches!(
            nbf(Value::from("later")).unwrap_err(),
            WebhookError::Malformed {
                layer: "claims",
                ..
            }
        ));
    }

    #[test]
    fn forged_tampered_and_other_algorithms_are_refused() {
        let claims = json!({"data": outer().to_string(), "exp": now() + 600});
        assert_eq!(
            verify(&token(&keys().1, &json!({"alg": "RS256"}), &claims)).unwrap_err(),
            TokenRejected::BadSignature.into()
        );
        let genuine = signed(&claims);
        let parts: Vec<&str> = genuine.split('.').collect();
        let tampered = json!({"data": outer().to_string(), "exp": now() + 7200});
        let tampered = format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(tampered.to_string()),
            parts[2]
        );
        assert_eq!(
            verify(&tampered).unwrap_err(),
            TokenRejected::BadSignature.into()
        );
        // Signed with the app's key, but saying another algorithm: refused all the same.
        for alg in ["none", "HS256", "RS512", "PS256"] {
            assert_eq!(
                verify(&token(&keys().0, &json!({"alg": alg}), &claims)).unwrap_err(),
                TokenRejected::Algorithm(alg.into()).into()
            );
        }
        let no_signature = format!("{}.{}.", parts[0], parts[1]);
        assert_eq!(
            verify(&no_signature).unwrap_err(),
            TokenRejected::BadSignature.into()
        );
    }

    #[test]
    fn what_is_not_a_token_says_so() {
        let not_a_token = |body: &[u8]| match verifier().verify(body).unwrap_err() {
            WebhookError::NotAToken(message) => message,
            other => panic!("{other}"),
        };
        assert_eq!(not_a_token(b"a.b"), "a JWT has three dot-separated parts");
        assert_eq!(
            not_a_token(b"a.b.c.d"),
            "a JWT has three dot-separated parts"
        );
        assert_eq!(
            not_a_token(&[0xff, b'.', b'.']),
            "the body is not UTF-8 text"
        );
        assert_eq!(not_a_token(b"!!.e30.AA"), "its header is not base64url");
        let header = URL_SAFE_NO_PAD.encode(r#"{"typ":"JWT"}"#);
        assert_eq!(
            not_a_token(format!("{header}.e30.AA").as_bytes()),
            "its header is not a JSON object with `alg`"
        );
        let genuine = signed(&json!({"data": "{}", "exp": now() + 600}));
        let parts: Vec<&str> = genuine.split('.').collect();
        assert_eq!(
            not_a_token(format!("{}.{}.{}=", parts[0], parts[1], parts[2]).as_bytes()),
            "its signature is not base64url"
        );
    }

    #[test]
    fn claims_that_are_not_the_platforms_shape_are_malformed() {
        let layer = |claims: &Value| match verify(&signed(claims)).unwrap_err() {
            WebhookError::Malformed { layer, message } => format!("{layer}: {message}"),
            other => panic!("{other}"),
        };
        assert_eq!(
            layer(&json!({"exp": now() + 600})),
            "claims: missing field `data`"
        );
        assert!(layer(&Value::from(3)).starts_with("claims: "));
        let envelope = |claims: &Value| verifier().envelope(signed(claims).as_bytes());
        for data in [Value::from(3), Value::from("[1"), json!([1])] {
            assert!(matches!(
                envelope(&json!({"data": data, "exp": now() + 600})),
                Err(WebhookError::Malformed { layer: "data", .. })
            ));
        }
    }

    #[test]
    fn a_token_issued_in_the_future_is_refused_and_its_times_are_handed_on() {
        let data = outer().to_string();
        let at = |iat: Value| {
            verifier()
                .envelope(signed(&json!({"data": data, "exp": now() + 600, "iat": iat})).as_bytes())
        };
        assert_eq!(
            at(Value::from(now() + 3600)).unwrap_err(),
            TokenRejected::IssuedInTheFuture.into()
        );
        assert!(matches!(
            at(Value::from("then")).unwrap_err(),
            WebhookError::Malformed {
                layer: "claims",
                ..
            }
        ));
        let issued = now() + 30;
        let envelope = at(Value::from(issued)).unwrap();
        let times = envelope.token().unwrap();
        assert_eq!(times.issued_at, Some(issued));
        assert!(times.expires_at >= now() + 599);
        assert_eq!(
            times.accepted_until_ms(),
            (times.expires_at + LEEWAY_SECS + 1) * 1000
        );
        assert_eq!(envelope.decode().unwrap().token(), Some(times));
        // Without `iat`, and unverified: what is known.
        let plain = verifier()
            .open(signed(&json!({"data": data, "exp": now() + 600})).as_bytes())
            .unwrap();
        assert_eq!(plain.token().unwrap().issued_at, None);
        assert_eq!(
            Envelope::parse(&Value::from(data.clone()).to_string())
                .unwrap()
                .token(),
            None
        );
    }

    fn public_key(pair: &RsaKeyPair) -> PublicKey {
        PublicKey::from_pem(pem(
            "PUBLIC KEY",
            pair.public_key().as_der().unwrap().as_ref(),
        ))
        .unwrap()
    }

    #[test]
    fn with_several_keys_a_named_key_is_checked_alone_and_the_others_in_turn() {
        let (old, new) = keys();
        let claims = json!({"data": outer().to_string(), "exp": now() + 600});
        let by = |pair: &RsaKeyPair, kid: Option<&str>| {
            let header = match kid {
                Some(kid) => json!({"alg": "RS256", "kid": kid}),
                None => json!({"alg": "RS256"}),
            };
            token(pair, &header, &claims)
        };
        // Without ids: each in turn.
        let both = Verifier::new([public_key(old), public_key(new)]).unwrap();
        for token in [by(old, None), by(new, None), by(new, Some("elsewhere"))] {
            assert!(both.verify(token.as_bytes()).is_ok());
        }
        // With ids: the key a token names, alone; a token naming none of them, each in turn.
        let named = Verifier::new([
            public_key(old).with_kid("2024"),
            public_key(new).with_kid("2025"),
        ])
        .unwrap();
        assert!(named.verify(by(new, Some("2025")).as_bytes()).is_ok());
        assert!(named.verify(by(old, Some("2024")).as_bytes()).is_ok());
        assert!(named.verify(by(new, None).as_bytes()).is_ok());
        assert_eq!(
            named.verify(by(new, Some("2024")).as_bytes()).unwrap_err(),
            TokenRejected::BadSignature.into()
        );
        // Only the new key: the old one's tokens are refused.
        let rotated = Verifier::new([public_key(new)]).unwrap();
        assert_eq!(
            rotated.verify(by(old, None).as_bytes()).unwrap_err(),
            TokenRejected::BadSignature.into()
        );
        assert_eq!(Verifier::new([]).unwrap_err(), KeyError::NoKey);
    }

    #[test]
    fn a_key_text_holds_several_blocks_each_with_an_optional_kid() {
        let (old, new) = keys();
        let pem_of =
            |pair: &RsaKeyPair| pem("PUBLIC KEY", pair.public_key().as_der().unwrap().as_ref());
        let text = format!("kid: 2024\n{}\n{}", pem_of(old), pem_of(new));
        for text in [text.clone(), STANDARD.encode(&text)] {
            let verifier = Verifier::from_key_text(&text).unwrap();
            let kids: Vec<Option<&str>> = verifier.keys().iter().map(PublicKey::kid).collect();
            assert_eq!(kids, [Some("2024"), None]);
        }
        let truncated = format!("{}\n-----BEGIN PUBLIC KEY-----\nAAAA", pem_of(old));
        assert_eq!(
            Verifier::from_key_text(&truncated).unwrap_err(),
            KeyError::NotPem
        );
        assert_eq!(
            Verifier::from_key_text("kid: 2024\n").unwrap_err(),
            KeyError::NotPem
        );
    }

    #[test]
    fn keys_are_rsa_public_keys_in_pem() {
        let public = keys().0.public_key();
        // PKCS#1 (`RSA PUBLIC KEY`) as well as SubjectPublicKeyInfo (`PUBLIC KEY`).
        let pkcs1 = pem("RSA PUBLIC KEY", public.as_ref());
        let verifier = Verifier::from_pem(&pkcs1).unwrap();
        let token = signed(&json!({"data": outer().to_string(), "exp": now() + 600}));
        assert!(verifier.verify(token.as_bytes()).is_ok());
        assert_eq!(
            Verifier::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                .unwrap_err(),
            KeyError::NotAPublicKey
        );
        assert_eq!(
            Verifier::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n").unwrap_err(),
            KeyError::NotPem
        );
        // TEST-ONLY: the public half of a 1024-bit key made for this test, too small for RS256.
        const SMALL: &str = "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDURNWUMcqZ6EZYso3KedwEMqq0\n57z2ISVeKiOvReIDK3EC7IPpLeZewJ4jHi1TesUrY/rxWc03Fnxnhn4aytJz2Rce\np2wUAD4BPI0WEUjhRQZSfowjGfuveV8YEbjYDy9vTot+wvhSA8jGay5LAiHsjofa\n41nN9Jx54TF5f8IAJwIDAQAB\n-----END PUBLIC KEY-----\n";
        assert!(matches!(
            Verifier::from_pem(SMALL).unwrap_err(),
            KeyError::NotRsa(message) if message.contains("2048 to 8192 bits")
        ));
        let ec = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_ASN1_SIGNING).unwrap();
        let ec = pem("PUBLIC KEY", ec.public_key().as_der().unwrap().as_ref());
        assert!(matches!(
            Verifier::from_pem(ec).unwrap_err(),
            KeyError::NotRsa(_)
        ));
    }
}
