use backend_events::backend_event;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_changed<T: std::fmt::Debug>(event: T) {
    let _ = event;
}

fn main() {}
