use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

#[backend_event(wixEvents, onPolicyUpdated, crate = backend_events, crate = backend_events)]
fn policy_changed(event: PolicyUpdated) {
    let _ = event;
}

fn main() {}
