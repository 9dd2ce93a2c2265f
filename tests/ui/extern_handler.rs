use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

#[backend_event(wixEvents, onPolicyUpdated)]
extern "C" fn policy_changed(event: PolicyUpdated) {
    let _ = event;
}

fn main() {}
