use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

struct Site;

impl Site {
    #[backend_event(wixEvents, onPolicyUpdated)]
    fn policy_changed(&self, event: PolicyUpdated) {
        let _ = event;
    }
}

fn main() {}
