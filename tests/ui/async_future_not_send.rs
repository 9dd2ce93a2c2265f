use std::rc::Rc;

use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

async fn save(_: &str) {}

#[backend_event(wixEvents, onPolicyUpdated)]
async fn policy_changed(event: PolicyUpdated) {
    let id = Rc::new(event.entity.id);
    save(&id).await;
}

fn main() {}
