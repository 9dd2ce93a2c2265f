use backend_events::backend_event;
use backend_events_test_package::PointsEarned;

#[backend_event(backend_events_test_package::loyaltyPackage, onLoyaltyPointEarned)]
fn points(event: PointsEarned) {
    let _ = event;
}

fn main() {}
