//! `wixPay`: the documented payment update reaches its handler with the fields a user reads.

use backend_events::backend_event;
use backend_events::wix_pay::{PaymentUpdate, TransactionStatus};

const PAYMENT_UPDATE: &str = include_str!("../../../runtime/samples/wixPay.onPaymentUpdate.json");

#[backend_event]
fn wixPay_onPaymentUpdate(event: PaymentUpdate) {
    assert_eq!(event.payment.id, "8b3c1a90-c09e-4cd7-ae9d-9801151d8ad9");
    assert_eq!(event.payment.amount.as_ref().unwrap().as_f64(), 15.99);
    assert_eq!(event.payment.currency.as_deref(), Some("USD"));
    let item = &event.payment.items[0];
    assert_eq!(item.name.as_deref(), Some("Baseball Bat"));
    assert_eq!(item.quantity.as_ref().unwrap().as_u64(), Some(1));
    assert_eq!(event.user_info.first_name.as_deref(), Some("Mike"));
    assert_eq!(
        event.user_info.email.as_deref(),
        Some("mike.trout@email.com")
    );
    // The example sends `"phone": null`.
    assert!(event.user_info.phone.is_none());
    assert_eq!(event.status, Some(TransactionStatus::Successful));
    assert_eq!(
        event.transaction_id.as_deref(),
        Some("83f1830a-c74e-4abe-894d-3ee388b7e985")
    );
}

#[test]
fn payment_update_sample_reaches_its_handler() {
    use backend_events::BackendEvent;
    use backend_events::wix_pay::wixPay::onPaymentUpdate;
    assert_eq!(onPaymentUpdate::WEBHOOK_TYPE, None);
    assert_eq!(onPaymentUpdate::SAMPLE, Some(PAYMENT_UPDATE));

    crate::runs_one_handler("wixPay", "onPaymentUpdate", PAYMENT_UPDATE);
}

/// A status this version does not know parses, and is written back as it came.
#[test]
fn an_unknown_status_is_kept() {
    let json = r#"{"payment": {"id": "p"}, "status": "OnHold"}"#;
    let event: PaymentUpdate = serde_json::from_str(json).unwrap();
    assert_eq!(
        event.status,
        Some(TransactionStatus::Unknown("OnHold".to_owned()))
    );
    assert_eq!(serde_json::to_value(&event).unwrap()["status"], "OnHold");
}
