use backend_events::backend_event;
use backend_events::wix_events_guests::GuestCreated;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_changed(event: GuestCreated) {
    let _ = event;
}

fn main() {}
