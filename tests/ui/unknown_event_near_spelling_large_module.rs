// A near spelling among the 80 events of `wixEcom` (and some 600 in the catalog).
use backend_events::backend_event;
use backend_events::wix_ecom::OrderApproved;

#[backend_event(wixEcom, onOrderAproved)]
fn order_approved(event: OrderApproved) {
    let _ = event;
}

fn main() {}
