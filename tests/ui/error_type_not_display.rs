use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

struct NotAnError;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_changed(event: PolicyUpdated) -> Result<(), NotAnError> {
    let _ = event;
    Ok(())
}

fn main() {}
