// Two modules have an `OrderCreated`: the eCom one is not the pricing-plans event's payload.
use backend_events::backend_event;
use backend_events::wix_ecom::OrderCreated;

#[backend_event(wixPricingPlans, onOrderCreated)]
fn order_created(event: OrderCreated) {
    let _ = event;
}

fn main() {}
