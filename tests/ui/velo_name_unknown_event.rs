use backend_events::backend_event;
use backend_events::wix_events_guests::GuestCreated;

#[backend_event]
fn wixEventsGuests_onGuestAdded(event: GuestCreated) {
    let _ = event;
}

fn main() {}
