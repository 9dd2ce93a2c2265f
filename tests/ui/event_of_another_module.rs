use backend_events::backend_event;
use backend_events::wix_events_guests::GuestCreated;

#[backend_event(wixEvents, onGuestCreated)]
fn guest_created(event: GuestCreated) {
    let _ = event;
}

fn main() {}
