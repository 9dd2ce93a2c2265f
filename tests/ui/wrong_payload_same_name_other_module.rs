use backend_events::backend_event;
use backend_events::wix_events::EventCreated;

// The older wixEvents.onEventCreated has a payload of the same name as wixEventsV3's.
#[backend_event(wixEventsV3, onEventCreated)]
fn event_created(event: EventCreated) {
    let _ = event;
}

fn main() {}
