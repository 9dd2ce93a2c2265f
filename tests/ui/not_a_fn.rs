use backend_events::backend_event;

#[backend_event(wixEvents, onPolicyUpdated)]
struct PolicyLog {
    entries: Vec<String>,
}

fn main() {
    // The struct is still there: no second error here.
    let _ = PolicyLog { entries: Vec::new() }.entries;
}
