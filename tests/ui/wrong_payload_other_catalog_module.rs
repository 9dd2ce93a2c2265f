use backend_events::backend_event;
use backend_events::wix_pricing_plans::OrderCreated;

#[backend_event(wixPricingPlans, onOrderPurchased)]
fn order_purchased(event: OrderCreated) {
    let _ = event;
}

fn main() {}
