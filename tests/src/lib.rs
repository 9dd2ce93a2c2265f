//! Handlers for the integration tests, written as a strict user crate would write them:
//! `forbid(unsafe_code)`, `deny(warnings)`, handlers of both attribute forms, Velo names.
//!
//! Each handler records what it saw in [`SEEN`], keyed by the delivery's `metadata.id`, so that
//! tests running in parallel each look only at their own deliveries. Some handlers fail or panic
//! when the payload asks them to (an entity named `"fail"` or `"panic"`).

#![forbid(unsafe_code)]
#![deny(warnings, missing_docs)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

use backend_events::backend_event;
use backend_events::wix_events::{PolicyCreated, PolicyUpdated};
use backend_events::wix_events_guests::{GuestCreated, GuestUpdated};

/// A re-export, as a crate wrapping backend-events would have one.
pub use backend_events as reexported;

/// What a handler saw: (handler, metadata id, a detail of the payload).
pub static SEEN: Mutex<Vec<(&'static str, String, String)>> = Mutex::new(Vec::new());

fn record(handler: &'static str, id: &str, detail: impl Into<String>) {
    SEEN.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push((handler, id.to_owned(), detail.into()));
}

/// The details each handler recorded for the delivery `id`, in the order recorded.
pub fn seen(id: &str) -> Vec<(&'static str, String)> {
    SEEN.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .filter(|(_, seen_id, _)| seen_id == id)
        .map(|(handler, _, detail)| (*handler, detail.clone()))
        .collect()
}

/// Fails or panics when the payload asks for it.
fn obey(name: Option<&str>) -> Result<(), String> {
    match name {
        Some("fail") => Err("the policy is named \"fail\"".to_owned()),
        Some("panic") => panic!("the policy is named \"panic\""),
        _ => Ok(()),
    }
}

/// Bare form, sync, no return type.
#[backend_event]
pub fn wixEvents_onPolicyCreated(event: PolicyCreated) {
    record(
        "wixEvents_onPolicyCreated",
        &event.metadata.id,
        event.entity.name.unwrap_or_default(),
    );
}

/// Named form, async, `Result` with a std error type; awaits before it records.
#[backend_event(wixEvents, onPolicyUpdated)]
pub async fn policy_log(event: PolicyUpdated) -> Result<(), std::io::Error> {
    YieldOnce::default().await;
    record("policy_log", &event.metadata.id, event.entity.id);
    Ok(())
}

/// A second handler of the same event; fails or panics on demand.
#[backend_event(wixEvents, onPolicyUpdated)]
pub fn policy_audit(event: PolicyUpdated) -> Result<(), String> {
    record(
        "policy_audit",
        &event.metadata.id,
        event
            .entity
            .revision
            .map(|r| r.to_string())
            .unwrap_or_default(),
    );
    obey(event.entity.name.as_deref())
}

/// A third, through an alias of the runtime crate and a return type alias.
#[backend_event(wixEvents, onPolicyUpdated, crate = crate::reexported)]
pub async fn policy_mirror(event: PolicyUpdated) -> BoxResult {
    record(
        "policy_mirror",
        &event.metadata.id,
        event.metadata.entity_id,
    );
    obey(event.entity.name.as_deref()).map_err(Into::into)
}

/// A return type spelled through an alias, as `anyhow::Result<()>` is.
pub type BoxResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Handlers in a nested module, destructuring their payload.
pub mod guests {
    use super::*;

    /// Bare form, async, pattern parameter.
    #[backend_event]
    pub async fn wixEventsGuests_onGuestUpdated(
        GuestUpdated {
            metadata, entity, ..
        }: GuestUpdated,
    ) {
        let email = entity
            .guest_details
            .and_then(|d| d.email)
            .unwrap_or_default();
        record("wixEventsGuests_onGuestUpdated", &metadata.id, email);
    }

    /// Runs beside [`b_partner`] and waits for it: it can only finish if the two run
    /// concurrently, since it sorts (and so starts) first.
    #[backend_event(wixEventsGuests, onGuestCreated)]
    pub async fn a_waits_for_partner(event: GuestCreated) -> Result<(), String> {
        for _ in 0..100 {
            if seen(&event.metadata.id)
                .iter()
                .any(|(h, _)| *h == "b_partner")
            {
                record("a_waits_for_partner", &event.metadata.id, "partner seen");
                return Ok(());
            }
            YieldOnce::default().await;
        }
        Err("b_partner never ran while a_waits_for_partner was waiting".to_owned())
    }

    /// The partner of [`a_waits_for_partner`].
    #[backend_event(wixEventsGuests, onGuestCreated)]
    pub async fn b_partner(event: GuestCreated) {
        YieldOnce::default().await;
        let status = event
            .entity
            .attendance_status
            .map(|s| s.to_string())
            .unwrap_or_default();
        record("b_partner", &event.metadata.id, status);
    }
}

/// A future that is pending once, then ready: an await point with no runtime needed.
#[derive(Default)]
pub struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
