//! TEST ONLY: signed webhook deliveries for trying `serve` by hand and for load tests, made
//! with a key pair of your own instead of a Wix app's.
//!
//! ```text
//! cargo run --example test_delivery -- keys DIR                    # DIR/private.pem, DIR/public.pem
//! cargo run --example test_delivery -- sign DIR MODULE EVENT [N]   # N tokens (default 1), one a line
//! ```
//!
//! `sign` turns the event's bundled sample (the object a Velo handler receives) back into the
//! platform's three layers: the domain event (`createdEvent`, `updatedEvent`, `deletedEvent` or
//! `actionEvent`, by the event's name), the `data` claim around it, and a JWT signed RS256,
//! valid for a day. Each of the N tokens has its own `id` (the sample's, then `<id>-1`, ...). The keys this writes are for tests:
//! a site verifies with its Wix app's public key.

use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use backend_events::Dispatcher;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use serde_json::{Map, Value, json};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["keys", dir] => keys(Path::new(dir)),
        ["sign", dir, module, event] => sign(Path::new(dir), module, event, 1),
        ["sign", dir, module, event, count] => match count.parse() {
            Ok(count) => sign(Path::new(dir), module, event, count),
            Err(_) => Err(format!("N must be a number, not `{count}`")),
        },
        _ => Err("usage: test_delivery keys DIR | test_delivery sign DIR MODULE EVENT [N]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn keys(dir: &Path) -> Result<(), String> {
    let private =
        rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).map_err(|e| e.to_string())?;
    let private_pem = private
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| e.to_string())?;
    let public_pem = private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, pem) in [
        ("private.pem", private_pem.as_str()),
        ("public.pem", &public_pem),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, pem).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    eprintln!(
        "wrote a TEST-ONLY key pair: {0}/private.pem, {0}/public.pem",
        dir.display()
    );
    Ok(())
}

fn sign(dir: &Path, module: &str, event: &str, count: usize) -> Result<(), String> {
    let info = Dispatcher::new()
        .event(module, event)
        .map_err(|e| e.to_string())?;
    let event_type = info
        .webhook_type()
        .ok_or_else(|| format!("`{info}` has no webhook type: no webhook delivers it"))?;
    let sample: Value = serde_json::from_str(
        info.sample()
            .ok_or_else(|| format!("`{info}` has no bundled sample"))?,
    )
    .map_err(|e| e.to_string())?;
    let path = dir.join("private.pem");
    let pem = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let key = EncodingKey::from_rsa_pem(&pem).map_err(|e| e.to_string())?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    let mut out = String::new();
    for n in 0..count {
        let domain = domain_event(event, &sample, n)?;
        let data = json!({
            "eventType": event_type,
            "instanceId": "test-instance",
            "data": domain.to_string(),
            "identity": json!({"identityType": "APP", "appId": "test-app"}).to_string(),
        });
        let claims = json!({"data": data.to_string(), "iat": now, "exp": now + 24 * 3600});
        let token = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key)
            .map_err(|e| e.to_string())?;
        out.push_str(&token);
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

/// The domain event of a Velo-shaped sample: its metadata's fields, plus the body under the
/// key its kind of event uses. The `n`th delivery gets its own id.
fn domain_event(event: &str, sample: &Value, n: usize) -> Result<Value, String> {
    let mut domain: Map<String, Value> = sample["metadata"]
        .as_object()
        .ok_or("the sample has no metadata")?
        .clone();
    let id = domain
        .remove("id")
        .or_else(|| domain.remove("_id"))
        .and_then(|id| id.as_str().map(str::to_owned))
        .unwrap_or_default();
    let id = if n == 0 { id } else { format!("{id}-{n}") };
    domain.insert("id".into(), Value::from(id));
    let body = if event.ends_with("Created") {
        json!({"createdEvent": {"entity": sample["entity"]}})
    } else if event.ends_with("Updated") {
        json!({"updatedEvent": {"currentEntity": sample["entity"]}})
    } else if event.ends_with("Deleted") {
        match sample.get("entity") {
            Some(entity) => json!({"deletedEvent": {"deletedEntity": entity}}),
            None => json!({"deletedEvent": {}}),
        }
    } else {
        json!({"actionEvent": {"body": sample["data"]}})
    };
    domain.extend(body.as_object().cloned().unwrap_or_default());
    Ok(Value::Object(domain))
}
