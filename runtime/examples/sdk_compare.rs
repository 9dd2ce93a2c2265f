//! The Rust side of `bench/sdk_compare.sh`: one pass of warm-up, then measured passes, over a
//! file of signed deliveries of `wixEvents.onPolicyUpdated` (one token a line, as
//! `test_delivery sign` writes them), by one of these paths from the body's bytes to a handler
//! that reads a field of the policy:
//!
//! - `project`: backend-events' path: [`Verifier::open`] (RS256 verification and the three
//!   layers), [`Dispatcher::webhook_event`], [`Dispatcher::dispatch_event`] to the handler
//!   registered with `#[backend_event]`;
//! - `limit`: what cannot be skipped: an RS256 verification with `aws-lc-rs` on a key parsed
//!   once, the `exp` check, and `serde_json` parses of the three layers into the typed policy,
//!   then a direct call;
//! - `jwt`: the same parses after `jsonwebtoken::decode` (the JWT crate's own path, which
//!   re-reads the key for every token).
//!
//! ```text
//! cargo run --release --example sdk_compare -- MODE PUBLIC_KEY_PEM_FILE TOKENS_FILE
//! ```
//!
//! The measured passes repeat until they have taken a second. It prints one JSON line: the
//! mode, the number of deliveries, the passes, the handler's calls in them, and their wall time
//! and the process's CPU time per delivery, in µs. Each path counts its handler's calls and the
//! run fails unless every delivery of every pass reached it once.

use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use backend_events::webhook::Verifier;
use backend_events::wix_events::{Policy, PolicyUpdated};
use backend_events::{Dispatcher, backend_event};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::Deserialize;

/// One path from a body's bytes to the handler.
type Path = Box<dyn Fn(&[u8])>;

/// The measured passes go on until they have taken this long, so that a fast path is measured
/// over as much time as a slow one.
const MEASURE_FOR: Duration = Duration::from_secs(1);

/// Calls of the handlers, whichever path reached them.
static HANDLED: AtomicUsize = AtomicUsize::new(0);

/// What every path's handler does: read the policy's name, and count the call.
fn read_policy(policy: &Policy) {
    black_box(policy.name.as_deref());
    HANDLED.fetch_add(1, Ordering::Relaxed);
}

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_updated(event: PolicyUpdated) {
    read_policy(&event.entity);
}

#[derive(Deserialize)]
struct Claims {
    data: String,
    exp: u64,
}

#[derive(Deserialize)]
struct Outer {
    data: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Domain {
    updated_event: Updated,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Updated {
    current_entity: Policy,
}

/// The two inner layers of the `data` claim, into the typed policy.
fn parse_layers(data: &str) -> Policy {
    let outer: Outer = serde_json::from_str(data).expect("the data layer");
    let domain: Domain = serde_json::from_str(&outer.data).expect("the domain event");
    domain.updated_event.current_entity
}

/// The limit: RS256 on a parsed key, `exp`, and the layers.
struct Limit {
    key: ParsedPublicKey,
}

impl Limit {
    fn new(pem: &str) -> Limit {
        let base64: String = pem
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();
        let der = STANDARD.decode(base64).expect("a PEM public key");
        let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der).expect("an RSA key");
        Limit { key }
    }

    fn process(&self, body: &[u8], now: u64) {
        let token = std::str::from_utf8(body).expect("UTF-8").trim();
        let (message, signature) = token.rsplit_once('.').expect("three parts");
        let (_, payload) = message.split_once('.').expect("three parts");
        let signature = URL_SAFE_NO_PAD.decode(signature).expect("base64url");
        self.key
            .verify_sig(message.as_bytes(), &signature)
            .expect("a valid signature");
        let claims = URL_SAFE_NO_PAD.decode(payload).expect("base64url");
        let claims: Claims = serde_json::from_slice(&claims).expect("the claims");
        assert!(claims.exp + 60 >= now, "expired");
        read_policy(&parse_layers(&claims.data));
    }
}

/// Polls a future that never waits to completion, with no runtime in the way.
fn run_ready<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

/// The CPU time of every thread of this process so far (Linux: `/proc/self/task/*/schedstat`).
fn cpu_time() -> Duration {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").expect("/proc/self/task") {
        let path = task.expect("a task").path().join("schedstat");
        if let Ok(text) = std::fs::read_to_string(path) {
            total += text
                .split_whitespace()
                .next()
                .and_then(|ns| ns.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    Duration::from_nanos(total)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, key_file, tokens_file] = args.as_slice() else {
        return Err("usage: sdk_compare project|limit|jwt PUBLIC_KEY_PEM_FILE TOKENS_FILE".into());
    };
    let pem = std::fs::read_to_string(key_file)?;
    let tokens: Vec<Vec<u8>> = std::fs::read_to_string(tokens_file)?
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| line.as_bytes().to_vec())
        .collect();
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();

    let process: Path = match mode.as_str() {
        "project" => {
            let verifier = Verifier::from_pem(&pem)?;
            let dispatcher = Dispatcher::new();
            Box::new(move |body| {
                let delivery = verifier.open(body).expect("a valid delivery");
                let event = dispatcher
                    .webhook_event(delivery.event_type())
                    .expect("a declared event");
                let report = run_ready(dispatcher.dispatch_event(event, delivery.payload()))
                    .expect("a payload of the event");
                assert_eq!(report.handlers_run(), 1);
            })
        }
        "limit" => {
            let limit = Limit::new(&pem);
            Box::new(move |body| limit.process(body, now))
        }
        "jwt" => {
            let key = jsonwebtoken::DecodingKey::from_rsa_pem(pem.as_bytes())?;
            let validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
            Box::new(move |body| {
                let token = std::str::from_utf8(body).expect("UTF-8").trim();
                let claims = jsonwebtoken::decode::<Claims>(token, &key, &validation)
                    .expect("a valid token")
                    .claims;
                read_policy(&parse_layers(&claims.data));
            })
        }
        other => return Err(format!("unknown mode `{other}`: project, limit or jwt").into()),
    };

    for token in &tokens {
        process(token);
    }
    assert_eq!(
        HANDLED.load(Ordering::Relaxed),
        tokens.len(),
        "warm-up pass"
    );
    let (start, cpu) = (Instant::now(), cpu_time());
    let mut passes = 0;
    while passes == 0 || start.elapsed() < MEASURE_FOR {
        for token in &tokens {
            process(black_box(token));
        }
        passes += 1;
    }
    let (wall, cpu) = (start.elapsed(), cpu_time() - cpu);
    let handled = HANDLED.load(Ordering::Relaxed) - tokens.len();
    assert_eq!(handled, tokens.len() * passes, "measured passes");

    let per_delivery = |time: Duration| time.as_secs_f64() * 1e6 / handled as f64;
    println!(
        "{{\"mode\":\"{mode}\",\"deliveries\":{},\"passes\":{passes},\"handled\":{handled},\"wall_us\":{:.3},\"cpu_us\":{:.3}}}",
        tokens.len(),
        per_delivery(wall),
        per_delivery(cpu)
    );
    Ok(())
}
