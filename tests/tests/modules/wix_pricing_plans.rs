//! `wixPricingPlans`: each bundled sample reaches a handler that reads what a user would, and
//! the documented quirks of the module's examples parse.

use backend_events::backend_event;
use backend_events::wix_pricing_plans::{
    CancellationCause, CancellationEffectiveAt, Order, OrderAutoRenewCanceled, OrderCanceled,
    OrderCreated, OrderCycleStarted, OrderEndDatePostponed, OrderEnded, OrderMarkedAsPaid,
    OrderMethod, OrderPaused, OrderPurchased, OrderResumed, OrderStartDateChanged, OrderStarted,
    OrderStatus, OrderType, OrderUpdated, PausePeriodStatus, PaymentStatus, PeriodUnit,
};

const CREATED: &str = include_str!("../../../runtime/samples/wixPricingPlans.onOrderCreated.json");
const UPDATED: &str = include_str!("../../../runtime/samples/wixPricingPlans.onOrderUpdated.json");
const PURCHASED: &str =
    include_str!("../../../runtime/samples/wixPricingPlans.onOrderPurchased.json");
const CANCELED: &str =
    include_str!("../../../runtime/samples/wixPricingPlans.onOrderCanceled.json");
const STARTED: &str = include_str!("../../../runtime/samples/wixPricingPlans.onOrderStarted.json");
const ENDED: &str = include_str!("../../../runtime/samples/wixPricingPlans.onOrderEnded.json");
const PAUSED: &str = include_str!("../../../runtime/samples/wixPricingPlans.onOrderPaused.json");
const RESUMED: &str = include_str!("../../../runtime/samples/wixPricingPlans.onOrderResumed.json");
const MARKED_AS_PAID: &str =
    include_str!("../../../runtime/samples/wixPricingPlans.onOrderMarkedAsPaid.json");
const CYCLE_STARTED: &str =
    include_str!("../../../runtime/samples/wixPricingPlans.onOrderCycleStarted.json");
const AUTO_RENEW_CANCELED: &str =
    include_str!("../../../runtime/samples/wixPricingPlans.onOrderAutoRenewCanceled.json");
const END_DATE_POSTPONED: &str =
    include_str!("../../../runtime/samples/wixPricingPlans.onOrderEndDatePostponed.json");
const START_DATE_CHANGED: &str =
    include_str!("../../../runtime/samples/wixPricingPlans.onOrderStartDateChanged.json");

/// The free "Default" plan order of the created / purchased / started / cycle started samples.
const FREE_ORDER: &str = "3b620f8b-33f3-4e29-b1db-c21d7a6afa01";
const FREE_BUYER: &str = "554c9e11-f4d8-4579-ac3a-a17f7e6cb0b4";
const FREE_ORDER_DATE: &str = "2024-01-25T11:45:05.036+00:00";

/// What every sample of the free "Default" plan order says the same way.
fn assert_free_order(order: &Order) {
    assert_eq!(order.id, FREE_ORDER);
    assert_eq!(
        order.plan_id.as_deref(),
        Some("aa0d8e0e-99ad-4c95-ac48-4955e37956c5")
    );
    assert_eq!(order.plan_name.as_deref(), Some("Default"));
    assert_eq!(order.plan_price.as_deref(), Some("0"));
    let buyer = order.buyer.as_ref().unwrap();
    assert_eq!(buyer.member_id.as_deref(), Some(FREE_BUYER));
    assert_eq!(buyer.contact_id.as_deref(), Some(FREE_BUYER));
    assert_eq!(order.kind, Some(OrderType::Online));
    assert_eq!(order.order_method, Some(OrderMethod::UnknownMethod));
    assert_eq!(order.status, Some(OrderStatus::Active));
    assert_eq!(
        order.last_payment_status,
        Some(PaymentStatus::NotApplicable)
    );
    assert_eq!(
        order.created_date.unwrap().to_rfc3339(),
        "2024-01-25T11:45:05.036+00:00"
    );
    assert_eq!(order.start_date.unwrap().to_rfc3339(), FREE_ORDER_DATE);
    let cycle = order.current_cycle.as_ref().unwrap();
    assert_eq!(cycle.index, Some(1));
    assert_eq!(cycle.started_date.unwrap().to_rfc3339(), FREE_ORDER_DATE);
    assert_eq!(order.cycles.len(), 1);
    assert!(order.pause_periods.is_empty());
    let pricing = order.pricing.as_ref().unwrap();
    assert_eq!(pricing.single_payment_unlimited, Some(true));
    let span = &pricing.prices[0];
    let duration = span.duration.as_ref().unwrap();
    assert_eq!(
        (duration.cycle_from, duration.number_of_cycles),
        (Some(1), Some(1))
    );
    let price = span.price.as_ref().unwrap();
    assert_eq!(price.currency.as_deref(), Some("EUR"));
    assert_eq!(price.subtotal.as_deref(), Some("0.00"));
    assert_eq!(price.total.as_deref(), Some("0"));
    assert_eq!(price.proration.as_deref(), Some("0"));
    assert!(price.fees.is_empty());
    assert_eq!(
        order.subscription_id.as_deref(),
        Some("e9fff457-bc89-4c8c-94c0-1d162711c9a6")
    );
    assert!(order.wix_pay_order_id.is_none());
}

#[backend_event(wixPricingPlans, onOrderCreated)]
fn order_created(event: OrderCreated) {
    assert_eq!(event.metadata.id, "6a0b2d17-6211-4394-b3e4-9c1a1bb1b1cc");
    assert_eq!(event.metadata.entity_id, FREE_ORDER);
    assert_eq!(
        event.metadata.event_time.to_rfc3339(),
        "2024-01-25T11:45:06.457639259+00:00"
    );
    let order = &event.entity;
    assert_free_order(order);
    assert_eq!(order.status_new, Some(OrderStatus::Draft));
    assert!(order.price_details.is_none());
    let form = order.form_data.as_ref().unwrap();
    assert_eq!(
        form.form_id.as_deref(),
        Some("ee62cefa-bdc2-4b5d-baab-6faeef83cecb")
    );
    assert_eq!(
        form.submission_id.as_deref(),
        Some("1b282868-0a1e-42c6-9123-3a611b0014bf")
    );
    assert!(form.submission_data.is_empty());
}

#[backend_event]
fn wixPricingPlans_onOrderUpdated(event: OrderUpdated) {
    let order = &event.entity;
    assert_eq!(order.id, "537a3f44-57bf-4658-9833-47357198d88d");
    assert_eq!(event.metadata.entity_id, order.id);
    assert_eq!(
        order.updated_date.unwrap().to_rfc3339(),
        "2024-02-06T06:57:24.932+00:00"
    );
    assert_eq!(order.status, Some(OrderStatus::Active));
    assert_eq!(order.last_payment_status, Some(PaymentStatus::Paid));
    assert_eq!(
        order.buyer.as_ref().unwrap().member_id.as_deref(),
        Some("695568ff-1dc2-49ff-83db-2b518d35692b")
    );
    // Monthly, until canceled: no end date, no number of cycles.
    assert!(order.end_date.is_none());
    let pricing = order.pricing.as_ref().unwrap();
    let subscription = pricing.subscription.as_ref().unwrap();
    assert_eq!(subscription.cycle_count, Some(0));
    let every = subscription.cycle_duration.as_ref().unwrap();
    assert_eq!(
        (every.count, every.unit.clone()),
        (Some(1), Some(PeriodUnit::Month))
    );
    let duration = pricing.prices[0].duration.as_ref().unwrap();
    assert_eq!(
        (duration.cycle_from, duration.number_of_cycles),
        (Some(1), None)
    );
    assert_eq!(
        pricing.prices[0].price.as_ref().unwrap().total.as_deref(),
        Some("25.00")
    );
    let details = order.price_details.as_ref().unwrap();
    assert_eq!(details.currency.as_deref(), Some("USD"));
    assert_eq!(details.subscription.as_ref(), Some(subscription));
}

#[backend_event(wixPricingPlans, onOrderPurchased)]
async fn order_purchased(event: OrderPurchased) -> Result<(), String> {
    assert_eq!(event.metadata.id, "0f740093-c77c-4f3e-a307-3e86f659ec74");
    let order = &event.data.order;
    assert_free_order(order);
    let details = order.price_details.as_ref().ok_or("no priceDetails")?;
    assert_eq!(details.currency.as_deref(), Some("EUR"));
    assert_eq!(details.plan_price.as_deref(), Some("0"));
    assert_eq!(details.subtotal.as_deref(), Some("0.00"));
    assert_eq!(details.total.as_deref(), Some("0"));
    assert_eq!(details.proration.as_deref(), Some("0"));
    Ok(())
}

#[backend_event(wixPricingPlans, onOrderCanceled)]
fn order_canceled(event: OrderCanceled) {
    assert_eq!(event.metadata.id, "85a7ec5f-2ab4-4582-9a1d-5845c5f38e87");
    assert_eq!(
        event.metadata.event_time.to_rfc3339(),
        "2024-02-06T07:31:59.288259731+00:00"
    );
    let cancellation = event.data.cancellation.as_ref().unwrap();
    assert_eq!(cancellation.cause, Some(CancellationCause::OwnerAction));
    assert_eq!(
        cancellation.effective_at,
        Some(CancellationEffectiveAt::Immediately)
    );
    let order = &event.data.order;
    assert_eq!(order.id, "e6f12ae0-2618-41e7-a643-31ca2ee51e2b");
    assert_eq!(order.status, Some(OrderStatus::Canceled));
    assert_eq!(order.status_new, Some(OrderStatus::Canceled));
    assert_eq!(order.last_payment_status, Some(PaymentStatus::Paid));
    assert_eq!(
        order.end_date.unwrap().to_rfc3339(),
        "2024-02-06T07:31:59.123+00:00"
    );
    assert_eq!(
        order.cycles[0].ended_date.unwrap().to_rfc3339(),
        "2024-02-06T07:31:59.123+00:00"
    );
    assert_eq!(
        order.wix_pay_order_id.as_deref(),
        Some("8f012204-4d60-457b-8772-b0cf92a11d84")
    );
    let details = order.price_details.as_ref().unwrap();
    let coupon = details.coupon.as_ref().unwrap();
    assert_eq!(coupon.code.as_deref(), Some("sale-day"));
    assert_eq!(coupon.amount.as_deref(), Some("1000.00"));
    assert_eq!(
        coupon.id.as_deref(),
        Some("07de4c3a-536b-4c30-adb9-991935da1681")
    );
    assert_eq!(details.discount.as_deref(), Some("1000.00"));
    assert_eq!(details.single_payment_unlimited, Some(true));
    let tax = details.tax.as_ref().unwrap();
    assert_eq!(tax.name.as_deref(), Some("Tax"));
    assert_eq!(tax.rate.as_deref(), Some("6.5"));
    assert_eq!(tax.amount.as_deref(), Some("0"));
    assert_eq!(tax.included_in_price, Some(false));
    let price = order.pricing.as_ref().unwrap().prices[0]
        .price
        .as_ref()
        .unwrap();
    assert_eq!(price.currency.as_deref(), Some("USD"));
    assert_eq!(price.tax.as_ref(), Some(tax));
}

#[backend_event(wixPricingPlans, onOrderStarted)]
fn order_started(event: OrderStarted) {
    assert_eq!(event.metadata.entity_id, FREE_ORDER);
    let order = &event.data.order;
    assert_free_order(order);
    assert_eq!(order.status_new, Some(OrderStatus::Active));
    let details = order.price_details.as_ref().unwrap();
    assert_eq!(details.single_payment_unlimited, Some(true));
    assert_eq!(details.total.as_deref(), Some("0"));
}

#[backend_event(wixPricingPlans, onOrderEnded)]
fn order_ended(event: OrderEnded) {
    let order = &event.data.order;
    assert_eq!(order.id, "9af3cbe6-fe27-4fdb-a0b0-892289b03d22");
    assert_eq!(order.kind, Some(OrderType::Offline));
    // Canceled at once: the order ends, and its status says canceled.
    assert_eq!(order.status, Some(OrderStatus::Canceled));
    let cancellation = order.cancellation.as_ref().unwrap();
    assert_eq!(
        cancellation.effective_at,
        Some(CancellationEffectiveAt::Immediately)
    );
    assert_eq!(
        order.end_date.unwrap().to_rfc3339(),
        "2024-02-11T08:13:44.588+00:00"
    );
    assert!(order.current_cycle.is_none());
    let pause = &order.pause_periods[0];
    assert_eq!(pause.status, Some(PausePeriodStatus::Ended));
    assert_eq!(
        pause.resume_date.unwrap().to_rfc3339(),
        "2024-02-04T13:05:04.465+00:00"
    );
    let pricing = order.pricing.as_ref().unwrap();
    let valid_for = pricing.single_payment_for_duration.as_ref().unwrap();
    assert_eq!(
        (valid_for.count, valid_for.unit.clone()),
        (Some(1), Some(PeriodUnit::Month))
    );
    assert_eq!(
        pricing.prices[0]
            .price
            .as_ref()
            .unwrap()
            .subtotal
            .as_deref(),
        Some("10000.00")
    );
}

#[backend_event(wixPricingPlans, onOrderPaused)]
fn order_paused(event: OrderPaused) {
    let order = &event.data.order;
    assert_eq!(order.id, "3feb1cf5-bf38-47c4-81cb-06b61ca11c8a");
    assert_eq!(order.status, Some(OrderStatus::Paused));
    let pause = order.pause_periods.last().unwrap();
    assert_eq!(pause.status, Some(PausePeriodStatus::Active));
    assert_eq!(
        pause.pause_date.unwrap().to_rfc3339(),
        "2024-02-11T09:14:57.750+00:00"
    );
    assert!(pause.resume_date.is_none());
}

#[backend_event(wixPricingPlans, onOrderResumed)]
fn order_resumed(event: OrderResumed) {
    let order = &event.data.order;
    assert_eq!(order.id, "3feb1cf5-bf38-47c4-81cb-06b61ca11c8a");
    assert_eq!(order.status, Some(OrderStatus::Active));
    assert_eq!(order.plan_name.as_deref(), Some("Quality Plan - Lifetime"));
    let pause = &order.pause_periods[0];
    assert_eq!(pause.status, Some(PausePeriodStatus::Ended));
    assert_eq!(
        pause.resume_date.unwrap().to_rfc3339(),
        "2024-02-11T09:28:13.186+00:00"
    );
    let price = order.pricing.as_ref().unwrap().prices[0]
        .price
        .as_ref()
        .unwrap();
    assert_eq!(
        price.coupon.as_ref().unwrap().code.as_deref(),
        Some("sale-day")
    );
    assert_eq!(price.discount.as_deref(), Some("1500.00"));
    assert_eq!(price.total.as_deref(), Some("0"));
}

#[backend_event(wixPricingPlans, onOrderMarkedAsPaid)]
fn order_marked_as_paid(event: OrderMarkedAsPaid) {
    let order = &event.data.order;
    assert_eq!(order.id, "9af3cbe6-fe27-4fdb-a0b0-892289b03d22");
    assert_eq!(event.metadata.entity_id, order.id);
    assert_eq!(order.kind, Some(OrderType::Offline));
    assert_eq!(order.last_payment_status, Some(PaymentStatus::Paid));
    assert_eq!(
        order.buyer.as_ref().unwrap().contact_id.as_deref(),
        Some("402ec90c-235a-45c4-b4cc-52204d5f6b00")
    );
    assert_eq!(order.plan_price.as_deref(), Some("10000"));
}

#[backend_event(wixPricingPlans, onOrderCycleStarted)]
fn order_cycle_started(event: OrderCycleStarted) {
    assert_eq!(event.data.cycle_number, Some(1));
    let order = &event.data.order;
    assert_free_order(order);
    assert_eq!(
        order.current_cycle.as_ref().unwrap().index,
        event.data.cycle_number
    );
}

#[backend_event(wixPricingPlans, onOrderAutoRenewCanceled)]
fn order_auto_renew_canceled(event: OrderAutoRenewCanceled) {
    let order = &event.data.order;
    assert_eq!(order.id, "82d99338-5653-459a-a751-b57483f7cfb5");
    assert_eq!(order.auto_renew_canceled, Some(true));
    let cancellation = order.cancellation.as_ref().unwrap();
    assert_eq!(cancellation.cause, Some(CancellationCause::OwnerAction));
    assert_eq!(
        cancellation.effective_at,
        Some(CancellationEffectiveAt::NextPaymentDate)
    );
    // Still in its free trial (cycle 0), which is where it now ends.
    assert_eq!(order.free_trial_days, Some(90));
    assert!(order.last_payment_status.is_none());
    let cycle = order.current_cycle.as_ref().unwrap();
    assert_eq!(cycle.index, Some(0));
    assert_eq!(cycle.ended_date, order.end_date);
    assert_eq!(
        order.earliest_end_date.unwrap().to_rfc3339(),
        "2026-04-27T09:49:21.041+00:00"
    );
    let pricing = order.pricing.as_ref().unwrap();
    assert_eq!(pricing.subscription.as_ref().unwrap().cycle_count, Some(24));
    assert_eq!(pricing.prices.len(), 2);
    let first_year = pricing.prices[0].price.as_ref().unwrap();
    assert_eq!(first_year.total.as_deref(), Some("15.00"));
    assert_eq!(
        first_year.coupon.as_ref().unwrap().code.as_deref(),
        Some("FIRSTYEAR")
    );
    let then = pricing.prices[1].duration.as_ref().unwrap();
    assert_eq!(
        (then.cycle_from, then.number_of_cycles),
        (Some(13), Some(12))
    );
}

#[backend_event(wixPricingPlans, onOrderEndDatePostponed)]
fn order_end_date_postponed(event: OrderEndDatePostponed) {
    let order = &event.data.order;
    assert_eq!(order.id, "82d99338-5653-459a-a751-b57483f7cfb5");
    assert_eq!(
        order.end_date.unwrap().to_rfc3339(),
        "2024-04-27T09:49:21.041+00:00"
    );
    assert_eq!(
        order.plan_id.as_deref(),
        Some("cb4a8c57-273a-4567-94e3-cc43d5d339f2")
    );
}

#[backend_event(wixPricingPlans, onOrderStartDateChanged)]
fn order_start_date_changed(event: OrderStartDateChanged) {
    let order = &event.data.order;
    assert_eq!(order.id, "a15b2fdf-f21c-4d3e-bae2-12a344cc4cad");
    assert_eq!(
        order.start_date.unwrap().to_rfc3339(),
        "2024-02-16T22:00:00+00:00"
    );
    assert_eq!(order.status, Some(OrderStatus::Draft));
    assert_eq!(order.last_payment_status, Some(PaymentStatus::Unpaid));
    assert!(order.current_cycle.is_none());
    let details = order.price_details.as_ref().unwrap();
    assert_eq!(details.total.as_deref(), Some("1597.50"));
    assert_eq!(
        details.tax.as_ref().unwrap().amount.as_deref(),
        Some("97.50")
    );
}

fn dispatch_sample(event: &str, sample: &str) {
    crate::runs_one_handler("wixPricingPlans", event, sample);
}

#[test]
fn order_created_sample() {
    dispatch_sample("onOrderCreated", CREATED);
}

#[test]
fn order_updated_sample() {
    dispatch_sample("onOrderUpdated", UPDATED);
}

#[test]
fn order_purchased_sample() {
    dispatch_sample("onOrderPurchased", PURCHASED);
}

#[test]
fn order_canceled_sample() {
    dispatch_sample("onOrderCanceled", CANCELED);
}

#[test]
fn order_started_sample() {
    dispatch_sample("onOrderStarted", STARTED);
}

#[test]
fn order_ended_sample() {
    dispatch_sample("onOrderEnded", ENDED);
}

#[test]
fn order_paused_sample() {
    dispatch_sample("onOrderPaused", PAUSED);
}

#[test]
fn order_resumed_sample() {
    dispatch_sample("onOrderResumed", RESUMED);
}

#[test]
fn order_marked_as_paid_sample() {
    dispatch_sample("onOrderMarkedAsPaid", MARKED_AS_PAID);
}

#[test]
fn order_cycle_started_sample() {
    dispatch_sample("onOrderCycleStarted", CYCLE_STARTED);
}

#[test]
fn order_auto_renew_canceled_sample() {
    dispatch_sample("onOrderAutoRenewCanceled", AUTO_RENEW_CANCELED);
}

#[test]
fn order_end_date_postponed_sample() {
    dispatch_sample("onOrderEndDatePostponed", END_DATE_POSTPONED);
}

#[test]
fn order_start_date_changed_sample() {
    dispatch_sample("onOrderStartDateChanged", START_DATE_CHANGED);
}

/// The documented canceled example puts `cancellation` beside `order` in `data`; the type
/// definitions have it only inside the order. Both shapes parse, and a round trip keeps it
/// where it was sent.
#[test]
fn a_cancellation_beside_the_order_or_only_inside_it_parses() {
    let beside: OrderCanceled = serde_json::from_str(CANCELED).unwrap();
    assert!(beside.data.order.cancellation.is_none());
    assert_eq!(
        beside.data.cancellation.as_ref().unwrap().cause,
        Some(CancellationCause::OwnerAction)
    );
    let json = serde_json::to_value(&beside).unwrap();
    assert_eq!(json["data"]["cancellation"]["effectiveAt"], "IMMEDIATELY");
    assert!(json["data"]["order"].get("cancellation").is_none());

    // The shape of the type definitions: the cancellation inside the order only.
    let mut inside: serde_json::Value = serde_json::from_str(CANCELED).unwrap();
    let cancellation = inside["data"]
        .as_object_mut()
        .unwrap()
        .remove("cancellation")
        .unwrap();
    inside["data"]["order"]["cancellation"] = cancellation;
    let inside: OrderCanceled = serde_json::from_value(inside).unwrap();
    assert!(inside.data.cancellation.is_none());
    assert_eq!(
        inside.data.order.cancellation.unwrap().effective_at,
        Some(CancellationEffectiveAt::Immediately)
    );
}

/// Velo spells `_id` / `_createdDate` / `_updatedDate` at every depth, REST `id` /
/// `createdDate` / `updatedDate`; metadata's `id` may come as `_id`. Both parse, and
/// serializing gives the Velo spelling.
#[test]
fn the_rest_spelling_parses_at_every_depth() {
    let rest = CANCELED
        .replace("\"_id\"", "\"id\"")
        .replace("\"_createdDate\"", "\"createdDate\"")
        .replace("\"_updatedDate\"", "\"updatedDate\"")
        .replace(
            "\"id\": \"85a7ec5f-2ab4-4582-9a1d-5845c5f38e87\"",
            "\"_id\": \"85a7ec5f-2ab4-4582-9a1d-5845c5f38e87\"",
        );
    assert!(!rest.contains("\"_createdDate\""));
    let event: OrderCanceled = serde_json::from_str(&rest).unwrap();
    let velo: OrderCanceled = serde_json::from_str(CANCELED).unwrap();
    assert_eq!(event, velo);
    assert_eq!(event.metadata.id, "85a7ec5f-2ab4-4582-9a1d-5845c5f38e87");
    let order = &event.data.order;
    assert_eq!(order.id, "e6f12ae0-2618-41e7-a643-31ca2ee51e2b");
    assert_eq!(
        order.created_date.unwrap().to_rfc3339(),
        "2024-02-04T09:02:48.592+00:00"
    );
    let json = serde_json::to_value(order).unwrap();
    assert!(json["_id"].is_string());
    assert!(json["_updatedDate"].is_string());
    assert!(json["priceDetails"]["coupon"]["_id"].is_string());
}

/// A value the platform adds to a closed set later is kept as sent, not rejected.
#[test]
fn unknown_enum_values_are_kept() {
    let json = PURCHASED
        .replace("\"status\": \"ACTIVE\"", "\"status\": \"ARCHIVED\"")
        .replace("\"orderMethod\": \"UNKNOWN\"", "\"orderMethod\": \"KIOSK\"");
    let event: OrderPurchased = serde_json::from_str(&json).unwrap();
    let order = &event.data.order;
    assert_eq!(order.status.as_ref().unwrap().as_str(), "ARCHIVED");
    assert_eq!(order.order_method.as_ref().unwrap().as_str(), "KIOSK");
    // `UNKNOWN` itself is a documented order method, not an unknown value.
    let known: OrderPurchased = serde_json::from_str(PURCHASED).unwrap();
    assert_eq!(
        known.data.order.order_method,
        Some(OrderMethod::UnknownMethod)
    );
    assert_eq!(
        serde_json::to_value(&known).unwrap()["data"]["order"]["orderMethod"],
        "UNKNOWN"
    );
}
