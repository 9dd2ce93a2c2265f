use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_changed(event: PolicyUpdated)
where
    PolicyUpdated: Clone,
{
    let _ = event;
}

fn main() {}
