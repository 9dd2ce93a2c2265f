use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

struct Database;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_changed(event: PolicyUpdated, db: &Database) {
    let _ = (event, db);
}

fn main() {}
