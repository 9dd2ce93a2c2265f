// `onOrderCreated` is an event of several modules, none of them `wixCrm`.
use backend_events::backend_event;
use backend_events::wix_ecom::OrderCreated;

#[backend_event(wixCrm, onOrderCreated)]
fn order_created(event: OrderCreated) {
    let _ = event;
}

fn main() {}
