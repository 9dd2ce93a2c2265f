use backend_events::backend_event;

#[backend_event(myShop, onOrderShipped)]
fn order_shipped(event: String) {
    let _ = event;
}

fn main() {}
