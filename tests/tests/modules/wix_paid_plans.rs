//! `wixPaidPlans`: the documented purchase reaches its handler with the fields a user reads.

use backend_events::backend_event;
use backend_events::wix_paid_plans::{
    OrderStatus, OrderType, PaymentStatus, PeriodUnit, PlanPurchased,
};

const PURCHASE: &str = include_str!("../../../runtime/samples/wixPaidPlans.onPlanPurchased.json");

#[backend_event]
fn wixPaidPlans_onPlanPurchased(event: PlanPurchased) {
    let order = &event.order;
    assert_eq!(order.id, "b8401bab-8e5d-4bf6-944b-b2d56698d4c9");
    assert_eq!(
        order.plan_id.as_deref(),
        Some("a52f41cc-8129-4812-9e1c-fafa2807a25d")
    );
    assert_eq!(
        order.member_id.as_deref(),
        Some("42d90dcb-b9ad-47be-9a36-488be3dec679")
    );
    assert_eq!(order.plan_name.as_deref(), Some("valid 1 week"));
    assert_eq!(order.plan_description.as_deref(), Some("Platinum Plan"));
    let price = order.price.as_ref().unwrap();
    assert_eq!(price.currency.as_deref(), Some("THB"));
    assert_eq!(price.amount.as_ref().unwrap().as_u64(), Some(0));
    assert_eq!(order.payment_status, Some(PaymentStatus::Paid));
    assert_eq!(order.status, Some(OrderStatus::Active));
    assert_eq!(order.order_type, Some(OrderType::Online));
    assert_eq!(order.wix_pay_order_id.as_deref(), Some(""));
    assert_eq!(order.recurring, Some(false));
    assert_eq!(
        order.valid_until.unwrap().to_rfc3339(),
        "2019-09-12T05:43:53.246+00:00"
    );
    let valid_for = order.valid_for.as_ref().unwrap();
    assert_eq!(valid_for.forever, Some(false));
    let period = valid_for.period.as_ref().unwrap();
    assert_eq!(period.unit, Some(PeriodUnit::Month));
    assert_eq!(period.amount.as_ref().unwrap().as_u64(), Some(1));
}

#[test]
fn purchase_sample_reaches_its_handler() {
    use backend_events::BackendEvent;
    use backend_events::wix_paid_plans::wixPaidPlans::onPlanPurchased;
    assert_eq!(onPlanPurchased::WEBHOOK_TYPE, None);
    assert_eq!(onPlanPurchased::SAMPLE, Some(PURCHASE));

    crate::runs_one_handler("wixPaidPlans", "onPlanPurchased", PURCHASE);
}

/// A status this version does not know is kept, not refused.
#[test]
fn an_unknown_status_is_kept_as_sent() {
    let event: PlanPurchased =
        serde_json::from_str(r#"{"order": {"id": "o1", "status": "SUSPENDED"}}"#).unwrap();
    assert_eq!(
        event.order.status,
        Some(OrderStatus::Unknown("SUSPENDED".to_owned()))
    );
}
