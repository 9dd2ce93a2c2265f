use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

#[backend_event(wixEvents, onPolicyUpdated, crate = 42)]
fn policy_changed(event: PolicyUpdated) {
    let _ = event;
}

fn main() {}
