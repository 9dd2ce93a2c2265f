use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

type Handled = Option<()>;

#[backend_event(wixEvents, onPolicyUpdated)]
async fn policy_changed(event: PolicyUpdated) -> Handled {
    let _ = event;
    Some(())
}

fn main() {}
