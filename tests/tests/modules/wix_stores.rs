//! `wixStores`: each older Velo event's bundled sample reaches its handler with the fields a
//! user reads, and the older events read what their webhook twins send where they share a type.

use backend_events::backend_event;
use backend_events::wix_stores::{
    CartAbandoned, CartCompleted, CartCreated, CartRecovered, CollectionCreated, CollectionDeleted,
    CollectionUpdated, FulfillmentCreated, FulfillmentDeleted, FulfillmentStatus,
    FulfillmentUpdated, Identity, InventoryItemUpdated, InventoryVariantUpdated, MediaItemType,
    NewOrder, OrderCanceled, OrderPaid, OrderRefunded, PaymentStatus, ProductCreated,
    ProductDeleted, ProductUpdated, VariantsUpdated, WeightUnit,
};

fn fire(event: &str) {
    crate::sample_runs_one_handler("wixStores", event);
}

#[backend_event]
fn wixStores_onNewOrder(event: NewOrder) {
    assert_eq!(event.order_id, "2cd413bd-ddea-4101-b122-e8b146fec05f");
    assert_eq!(event.number.as_ref().unwrap().as_u64(), Some(10005));
    let buyer = event.buyer_info.as_ref().unwrap();
    assert_eq!(buyer.email.as_deref(), Some("janedoe@gmail.com"));
    assert_eq!(buyer.identity_type, Some(Identity::Member));
    assert_eq!(event.currency.as_deref(), Some("USD"));
    assert_eq!(event.weight_unit, Some(WeightUnit::Lb));
    let totals = event.totals.as_ref().unwrap();
    assert_eq!(totals.total.as_ref().unwrap().as_f64(), 103.86);
    assert_eq!(totals.quantity.as_ref().unwrap().as_u64(), Some(2));
    assert_eq!(event.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(event.fulfillment_status, Some(FulfillmentStatus::Fulfilled));
    let billing = event.billing_info.as_ref().unwrap();
    assert_eq!(billing.payment_method.as_deref(), Some("VISA"));
    assert_eq!(
        billing.payment_gateway_transaction_id.as_deref(),
        Some("29A06193U6234935D")
    );
    assert_eq!(
        event.date_created.unwrap().to_rfc3339(),
        "2018-08-05T12:33:18.938+00:00"
    );
}

#[backend_event]
fn wixStores_onOrderPaid(event: OrderPaid) {
    assert_eq!(event.id, "d5d43d01-d9a4-4cc2-b257-61184b881447");
    assert_eq!(event.buyer_language.as_deref(), Some("en"));
    assert_eq!(
        event.channel_info.as_ref().unwrap().kind.as_deref(),
        Some("WEB")
    );
    let billing = event.billing_info.as_ref().unwrap();
    let address = billing.address.as_ref().unwrap();
    assert_eq!(address.address_line.as_deref(), Some("235 W 23rd St"));
    assert_eq!(address.city.as_deref(), Some("New York"));
    assert_eq!(
        billing.paid_date.unwrap().to_rfc3339(),
        "2020-05-27T12:20:37.994+00:00"
    );
    assert_eq!(
        event.buyer_info.as_ref().unwrap().email.as_deref(),
        Some("janedoe@gmail.com")
    );
    assert_eq!(event.currency.as_deref(), Some("ILS"));
    assert_eq!(
        event.fulfillment_status,
        Some(FulfillmentStatus::NotFulfilled)
    );
    assert_eq!(
        event.date_created.unwrap().to_rfc3339(),
        "2020-05-27T12:20:37.966+00:00"
    );
    assert_eq!(event.archived, Some(false));
}

#[backend_event]
fn wixStores_onOrderRefunded(event: OrderRefunded) {
    assert_eq!(event.refund_id, "0bf46037-de62-7848-af43-3a7f3c28b041");
    assert_eq!(event.order.id, "d5d43d01-d9a4-4cc2-b257-61184b881447");
    let refund = &event.order.refunds[0];
    assert_eq!(refund.id.as_deref(), Some(event.refund_id.as_str()));
    assert_eq!(refund.amount.as_deref(), Some("50"));
    assert_eq!(refund.external_refund, Some(true));
    assert_eq!(refund.reason.as_deref(), Some("returned"));
}

#[backend_event]
fn wixStores_onCartCreated(event: CartCreated) {
    assert_eq!(event.cart_id, "808b0f9c-730d-466a-8cbd-320996f659ef");
    assert_eq!(event.weight_unit, Some(WeightUnit::Lb));
    assert_eq!(
        event.buyer_info.as_ref().unwrap().email.as_deref(),
        Some("johndeo@anydomain.com")
    );
    let currency = event.currency.as_ref().unwrap();
    assert_eq!(currency.currency.as_deref(), Some("USD"));
    assert_eq!(currency.symbol.as_deref(), Some("$"));
    let totals = event.totals.as_ref().unwrap();
    assert_eq!(totals.total.as_ref().unwrap().as_u64(), Some(100));
    assert_eq!(
        event.creation_time.unwrap().to_rfc3339(),
        "2020-08-12T08:07:47.281+00:00"
    );
}

#[backend_event]
fn wixStores_onCartAbandoned(event: CartAbandoned) {
    assert_eq!(
        event.cart_id.as_deref(),
        Some("60349781-b3hf-4349-8c9e-09492063da9")
    );
    assert_eq!(
        event.abandon_time.unwrap().to_rfc3339(),
        "2019-01-23T12:28:02.373+00:00"
    );
    assert_eq!(
        event.buyer_info.as_ref().unwrap().email.as_deref(),
        Some("john.doe@somedomain.com")
    );
    assert_eq!(
        event.totals.as_ref().unwrap().formatted_total.as_deref(),
        Some("$20.00")
    );
    assert_eq!(event.items_count.as_ref().unwrap().as_u64(), Some(1));
}

#[backend_event]
fn wixStores_onCartRecovered(event: CartRecovered) {
    assert_eq!(event.cart_id, "60349781-b3hf-4349-8c9e-09492063da9");
    assert_eq!(
        event.abandon_time.unwrap().to_rfc3339(),
        "2019-01-23T12:28:02.373+00:00"
    );
    assert_eq!(
        event.recovered_time.unwrap().to_rfc3339(),
        "2019-01-23T12:58:02.373+00:00"
    );
}

#[backend_event]
fn wixStores_onFulfillmentCreated(event: FulfillmentCreated) {
    assert_eq!(event.order_id, "2c6ce6e5-8b40-4d2c-882a-edeb30fb3ec2");
    assert_eq!(event.fulfillment_id, "4afd9175-b3c5-41b9-b3cc-e65b7544e84b");
    assert_eq!(
        event.buyer_info.as_ref().unwrap().email.as_deref(),
        Some("john@doe.com")
    );
    assert_eq!(event.fulfillment_status, Some(FulfillmentStatus::Fulfilled));
    assert_eq!(
        event
            .tracking_info
            .as_ref()
            .unwrap()
            .tracking_number
            .as_deref(),
        Some("6789")
    );
}

#[backend_event]
fn wixStores_onFulfillmentUpdated(event: FulfillmentUpdated) {
    assert_eq!(event.order_id, "2c6ce6e5-8b40-4d2c-882a-edeb30fb3ec2");
    let tracking = event.tracking_info.as_ref().unwrap();
    assert_eq!(tracking.tracking_number.as_deref(), Some("6789"));
    assert_eq!(
        tracking.shipping_provider.as_deref(),
        Some("Some other provider")
    );
    assert!(tracking.tracking_link.as_deref().unwrap().contains("6789"));
}

#[backend_event]
fn wixStores_onFulfillmentDeleted(event: FulfillmentDeleted) {
    assert_eq!(event.fulfillment_id, "4afd9175-b3c5-41b9-b3cc-e65b7544e84b");
    assert_eq!(
        event.fulfillment_status,
        Some(FulfillmentStatus::NotFulfilled)
    );
}

#[backend_event]
fn wixStores_onProductCreated(event: ProductCreated) {
    assert_eq!(event.id, "5096485f-0239-3881-3f6a-63955708a4ec");
    assert_eq!(event.name.as_deref(), Some("New Product"));
    assert_eq!(event.sku.as_deref(), Some("abc123"));
    assert_eq!(event.visible, Some(true));
    assert_eq!(event.price.as_ref().unwrap().as_u64(), Some(100));
    assert_eq!(event.formatted_price.as_deref(), Some("$100.00"));
    assert_eq!(event.price_per_unit.as_ref().unwrap().as_f64(), 0.1);
    assert!(
        event
            .main_media
            .as_deref()
            .unwrap()
            .starts_with("wix:image://v1/")
    );
    assert_eq!(event.media_items[0].kind, Some(MediaItemType::Image));
    assert_eq!(
        event.product_page_url.as_deref(),
        Some("/product-page/new-product")
    );
    assert_eq!(event.ribbon.as_deref(), Some("New Arrival"));
}

#[backend_event]
fn wixStores_onProductUpdated(event: ProductUpdated) {
    assert_eq!(event.product_id, "1a2d7e83-4bef-31d5-09e1-3326ee271c09");
    assert_eq!(event.updated_fields[0], "name");
}

#[backend_event]
fn wixStores_onProductDeleted(event: ProductDeleted) {
    assert_eq!(event.product_id, "5096485f-0239-3881-3f6a-63955708a4ec");
}

#[backend_event]
fn wixStores_onCollectionUpdated(event: CollectionUpdated) {
    assert_eq!(event.collection_id, "1a2d7e83-4bef-31d5-09e1-3326ee271c09");
    assert_eq!(event.updated_fields, ["name", "media"]);
}

#[backend_event]
fn wixStores_onInventoryItemUpdated(event: InventoryItemUpdated) {
    assert_eq!(
        event.inventory_item_id.as_deref(),
        Some("70170fa0-6ae1-ea9c-46e8-775207d7babc")
    );
    assert_eq!(event.track_inventory, Some(true));
}

#[backend_event]
fn wixStores_onInventoryVariantUpdated(event: InventoryVariantUpdated) {
    assert_eq!(
        event.inventory_item_id.as_deref(),
        Some("70170fa0-6ae1-ea9c-46e8-775207d7babc")
    );
    let variant = &event.variants[0];
    assert_eq!(
        variant.id.as_deref(),
        Some("00000000-0000-0000-0000-000000000000")
    );
    let old = variant.old_value.as_ref().unwrap();
    let new = variant.new_value.as_ref().unwrap();
    assert_eq!(old.quantity.as_ref().unwrap().as_u64(), Some(10));
    assert_eq!(new.quantity.as_ref().unwrap().as_u64(), Some(50));
    assert_eq!(new.in_stock, Some(true));
}

#[backend_event]
fn wixStores_onOrderCanceled(event: OrderCanceled) {
    assert_eq!(event.order.id, "d5d43d01-d9a4-4cc2-b257-61184b881447");
    let billing = event.order.billing_info.as_ref().unwrap();
    assert_eq!(billing.email.as_deref(), Some("john.doe@somedomain.com"));
}

#[backend_event]
fn wixStores_onCartCompleted(event: CartCompleted) {
    assert_eq!(event.cart_id, "6d158831-1510-44ae-a420-1483a4200852");
    assert_eq!(
        event.completed_time.unwrap().to_rfc3339(),
        "2019-02-27T12:08:16.160+00:00"
    );
    let buyer = event.buyer_info.as_ref().unwrap();
    assert_eq!(buyer.email.as_deref(), Some("john.doe@somedomain.com"));
    assert_eq!(buyer.identity_type, Some(Identity::Contact));
    assert_eq!(
        event.buyer_note.as_deref(),
        Some("This is a note from the buyer.")
    );
    let coupon = event.applied_coupon.as_ref().unwrap();
    assert_eq!(coupon.code.as_deref(), Some("SummerSale"));
    assert_eq!(coupon.discount_value.as_deref(), Some("$10.00"));
    assert_eq!(
        event.billing_address.as_ref().unwrap().address.as_deref(),
        Some("235 W 23rd St, New York, NY 10011, USA")
    );
    assert_eq!(
        event.currency.as_ref().unwrap().currency.as_deref(),
        Some("USD")
    );
    let totals = event.totals.as_ref().unwrap();
    assert_eq!(totals.total.as_ref().unwrap().as_u64(), Some(240));
    assert_eq!(totals.discount.as_ref().unwrap().as_u64(), Some(10));
    let pickup = event
        .shipping_info
        .as_ref()
        .unwrap()
        .pickup_details
        .as_ref();
    assert_eq!(pickup.unwrap().first_name.as_deref(), Some("John"));
}

#[backend_event]
fn wixStores_onCollectionCreated(event: CollectionCreated) {
    assert_eq!(event.id, "1a2d7e83-4bef-31d5-09e1-3326ee271c09");
    assert_eq!(event.name.as_deref(), Some("Summer Collection"));
    assert!(event.main_media.unwrap().starts_with("wix:image://v1/"));
}

#[backend_event]
fn wixStores_onCollectionDeleted(event: CollectionDeleted) {
    assert_eq!(event.collection_id, "1a2d7e83-4bef-31d5-09e1-3326ee271c09");
}

#[backend_event]
fn wixStores_onVariantsUpdated(event: VariantsUpdated) {
    assert_eq!(event.product_id, "5096485f-0239-3881-3f6a-63955708a4ec");
    assert_eq!(event.variants.len(), 2);
    let first = &event.variants[0];
    assert_eq!(
        first.variant_id.as_deref(),
        Some("00000000-0000-0020-0005-ad9cdc10d3b8")
    );
    assert_eq!(first.updated_fields, ["price", "weight"]);
    assert_eq!(first.choices["Size"], "Large");
}

#[test]
fn every_older_stores_sample_reaches_its_handler() {
    for event in [
        "onNewOrder",
        "onOrderPaid",
        "onOrderRefunded",
        "onCartCreated",
        "onCartAbandoned",
        "onCartRecovered",
        "onFulfillmentCreated",
        "onFulfillmentUpdated",
        "onFulfillmentDeleted",
        "onProductCreated",
        "onProductUpdated",
        "onProductDeleted",
        "onCollectionUpdated",
        "onInventoryItemUpdated",
        "onInventoryVariantUpdated",
        "onOrderCanceled",
        "onCartCompleted",
        "onCollectionCreated",
        "onCollectionDeleted",
        "onVariantsUpdated",
    ] {
        fire(event);
    }
}

#[test]
fn the_older_events_have_no_webhook() {
    let older: Vec<_> = backend_events::events()
        .filter(|e| e.module() == "wixStores" && e.webhook_type().is_none())
        .map(|e| e.name())
        .collect();
    assert_eq!(older.len(), 20, "{older:?}");
}

/// The webhook twins' bodies read as the older events' payloads where one type serves both.
#[test]
fn the_webhook_twins_bodies_read_as_the_older_payloads() {
    let variants = r#"{
        "inventoryItemId": "81b0fdc0-ac2d-8f25-cf44-ce99d4c3f6a0",
        "externalId": "7e4f023f-53d2-70da-30bb-31662b3c095f",
        "productId": "7e4f023f-53d2-70da-30bb-31662b3c095f",
        "variants": [{"id": "00000000-0000-0001-0005-918e4641acb0",
                      "oldValue": {"inStock": true}, "newValue": {"inStock": false}}]
    }"#;
    let event: InventoryVariantUpdated = serde_json::from_str(variants).unwrap();
    assert_eq!(
        event.product_id.as_deref(),
        Some("7e4f023f-53d2-70da-30bb-31662b3c095f")
    );
    assert_eq!(
        event.variants[0].new_value.as_ref().unwrap().in_stock,
        Some(false)
    );

    let item =
        r#"{"inventoryItemId": "81b0fdc0-ac2d-8f25-cf44-ce99d4c3f6a0", "trackInventory": false}"#;
    let event: InventoryItemUpdated = serde_json::from_str(item).unwrap();
    assert_eq!(event.track_inventory, Some(false));

    // The recovered-cart webhook spells the abandon time `abandonedTime`.
    let recovered = r#"{"cartId": "c", "abandonedTime": "2019-01-23T12:28:02.373Z"}"#;
    let event: CartRecovered = serde_json::from_str(recovered).unwrap();
    assert!(event.abandon_time.is_some());
}
