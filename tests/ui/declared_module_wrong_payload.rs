use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

#[backend_event(backend_events_test_package::loyaltyPackage, onLoyaltyPointsEarned)]
fn points(event: PolicyUpdated) {
    let _ = event;
}

fn main() {}
