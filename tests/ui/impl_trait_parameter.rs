use backend_events::backend_event;

#[backend_event(wixEventsGuests, onGuestCreated)]
fn guest_created(event: impl std::fmt::Debug) {
    let _ = event;
}

fn main() {}
