//! A small site's backend events: a guest list with check-ins, and a policy change log.
//!
//! `main` is the command line of `backend_events::cli`:
//!
//! ```text
//! cargo run --example site -- list                                  # the handlers below
//! cargo run --example site -- fire wixEvents onPolicyUpdated        # on the bundled sample
//! cargo run --example site -- fire wixEventsGuests onGuestCreated guest.json
//! cargo run --example site -- sample wixEventsGuests onGuestUpdated
//! cargo run --example site -- serve --addr 127.0.0.1:8080 --public-key app-key.pem
//! ```

use std::sync::Mutex;

use backend_events::backend_event;
use backend_events::wix_events::{PolicyCreated, PolicyDeleted, PolicyUpdated};
use backend_events::wix_events_guests::{
    AttendanceStatus, GuestCreated, GuestDeleted, GuestUpdated,
};
use std::process::ExitCode;

/// The guest list: (guest id, name, attending?).
static GUESTS: Mutex<Vec<(String, String, bool)>> = Mutex::new(Vec::new());

#[backend_event]
async fn wixEventsGuests_onGuestCreated(event: GuestCreated) -> Result<(), String> {
    let guest = event.entity;
    let Some(details) = guest.guest_details else {
        return Err(format!("guest {} came without details", guest.id));
    };
    let name = format!(
        "{} {}",
        details.first_name.unwrap_or_default(),
        details.last_name.unwrap_or_default()
    );
    let attending = guest.attendance_status == Some(AttendanceStatus::Attending);
    println!(
        "  guest list: + {name} <{}> (attending: {attending})",
        details.email.unwrap_or_default()
    );
    GUESTS
        .lock()
        .map_err(|e| e.to_string())?
        .push((guest.id, name, attending));
    Ok(())
}

#[backend_event(wixEventsGuests, onGuestUpdated)]
fn guest_changed(event: GuestUpdated) {
    let checked_in = event.entity.guest_details.is_some_and(|d| d.checked_in);
    println!(
        "  guest list: ~ {} (checked in: {checked_in})",
        event.entity.id
    );
}

#[backend_event(wixEventsGuests, onGuestDeleted)]
fn guest_removed(event: GuestDeleted) -> Result<(), String> {
    let mut guests = GUESTS.lock().map_err(|e| e.to_string())?;
    guests.retain(|(id, _, _)| *id != event.metadata.entity_id);
    println!(
        "  guest list: - {} ({} left)",
        event.metadata.entity_id,
        guests.len()
    );
    Ok(())
}

#[backend_event(wixEvents, onPolicyCreated)]
fn policy_added(event: PolicyCreated) {
    let policy = event.entity;
    println!(
        "  policy log: {} created \"{}\" (revision {})",
        event.metadata.event_time.format("%Y-%m-%d %H:%M"),
        policy.name.unwrap_or_default(),
        policy.revision.unwrap_or_default()
    );
}

#[backend_event]
async fn wixEvents_onPolicyUpdated(event: PolicyUpdated) {
    let policy = event.entity;
    let body = policy.body.unwrap_or_default();
    let excerpt: String = body.chars().take(48).collect();
    println!(
        "  policy log: {} updated \"{}\" to revision {}: {excerpt}...",
        event.metadata.event_time.format("%Y-%m-%d %H:%M"),
        policy.name.unwrap_or_default(),
        policy.revision.unwrap_or_default()
    );
}

#[backend_event(wixEvents, onPolicyDeleted)]
fn policy_removed(event: PolicyDeleted) {
    println!("  policy log: policy {} deleted", event.metadata.entity_id);
}

fn main() -> ExitCode {
    backend_events::cli::run()
}
