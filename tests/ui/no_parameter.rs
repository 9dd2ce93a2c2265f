use backend_events::backend_event;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_changed() {}

fn main() {
    // The fn is still there: no second error here.
    policy_changed();
}
