use backend_events::backend_event;
use backend_events::wix_events::PolicyCreated;

#[backend_event]
fn wixEventsGuests_onGuestDeleted(event: PolicyCreated) {
    let _ = event;
}

fn main() {}
