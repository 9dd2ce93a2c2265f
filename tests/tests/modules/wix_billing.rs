//! `wixBilling`: the documented invoice reaches its handler with the fields a user reads, and
//! amounts sent as numbers or as strings both parse and keep their form; every invoice and
//! price-quote event's sample reaches its handler.

use backend_events::backend_event;
use backend_events::wix_billing::{
    Amount, DiscountType, InvoiceCreated, InvoiceOverdue, InvoicePaid, InvoiceSent, InvoiceStatus,
    PriceQuote, PriceQuoteAccepted, PriceQuoteCreated, PriceQuoteExpired, PriceQuoteSent,
    PriceQuoteStatus, StreetAddressType,
};

const INVOICE_PAID: &str = include_str!("../../../runtime/samples/wixBilling.onInvoicePaid.json");

#[backend_event(wixBilling, onInvoicePaid)]
fn invoice_paid(event: InvoicePaid) {
    assert_eq!(event.id.id, "411a5551-b0f6-4826-8a41-ebae2879f857");
    assert_eq!(event.id.version, Some(25));
    assert_eq!(event.status, Some(InvoiceStatus::Paid));
    assert_eq!(event.number.as_deref(), Some("0000001"));
    assert_eq!(event.title.as_deref(), Some("My Invoice"));
    assert_eq!(event.currency.as_deref(), Some("USD"));
    assert_eq!(
        event.locale.as_ref().unwrap().language.as_deref(),
        Some("en")
    );

    let customer = &event.customer;
    assert_eq!(customer.email.as_deref(), Some("john.doe@somedomain.com"));
    assert_eq!(
        customer.contact_id.as_deref(),
        Some("4f7c6637-0657-4696-a00b-9bc2ae4e035d")
    );
    assert_eq!(customer.full_name.as_deref(), Some("John Doe"));
    let address = customer.billing_address.as_ref().unwrap();
    assert_eq!(address.city.as_deref(), Some("New York"));
    assert_eq!(address.postal_code.as_deref(), Some("10011"));
    let street = address.street_address.as_ref().unwrap();
    assert_eq!(street.value.as_deref(), Some("235 W 23rd St"));
    assert_eq!(street.kind, Some(StreetAddressType::Name));

    let dates = event.dates.as_ref().unwrap();
    assert_eq!(
        dates.issue_date.unwrap().to_rfc3339(),
        "2019-03-13T00:00:00+00:00"
    );
    assert_eq!(
        dates.due_date.unwrap().to_rfc3339(),
        "2019-06-12T00:00:00+00:00"
    );
    assert_eq!(
        dates.last_seen_date.unwrap().to_rfc3339(),
        "2019-03-14T00:00:00+00:00"
    );

    let discount = event.discount.as_ref().unwrap();
    assert_eq!(discount.value.as_ref().unwrap().as_str(), "2.5");
    assert_eq!(discount.kind, Some(DiscountType::Fixed));

    assert_eq!(event.line_items.len(), 2);
    let item = &event.line_items[0];
    assert_eq!(item.id.as_deref(), Some("00001"));
    assert_eq!(item.name.as_deref(), Some("Item 1"));
    assert_eq!(item.price.as_ref().unwrap().as_str(), "10.5");
    assert_eq!(item.quantity.as_ref().unwrap().as_str(), "3");
    assert_eq!(item.taxes[0].rate.as_ref().unwrap().as_str(), "8.5");
    assert_eq!(item.taxes[0].code.as_deref(), Some("tax code"));
    assert_eq!(event.line_items[1].price.as_ref().unwrap().as_str(), "50");

    let payment = &event.payments[0];
    assert_eq!(
        payment.id.as_deref(),
        Some("4j9q4o00-4205-8q83-003d-3ofd9d8wmf0w")
    );
    assert_eq!(payment.kind.as_deref(), Some("offline"));
    assert_eq!(payment.amount.as_ref().unwrap().as_str(), "25.50");
    assert_eq!(
        payment.date.unwrap().to_rfc3339(),
        "2019-03-23T00:00:00+00:00"
    );

    let totals = event.totals.as_ref().unwrap();
    assert!(totals.discount_amount.is_none());
    assert_eq!(totals.taxed_amount.as_ref().unwrap().as_str(), "6.93");
    assert_eq!(totals.subtotal.as_ref().unwrap().as_str(), "81.5");
    assert_eq!(totals.total.as_ref().unwrap().as_str(), "88.43");
    assert!(totals.fees.is_empty());
    let dynamic = event.dynamic_totals.as_ref().unwrap();
    assert_eq!(dynamic.paid_amount.as_ref().unwrap().as_str(), "25.5");
    assert_eq!(dynamic.balance.as_ref().unwrap().as_str(), "62.39");

    let tax = &event.taxes[0];
    assert_eq!(tax.taxable.as_ref().unwrap().as_str(), "81.5");
    assert_eq!(tax.taxed.as_ref().unwrap().as_str(), "6.93");

    let metadata = event.metadata.as_ref().unwrap();
    assert_eq!(metadata.notes.as_deref(), Some("Some note."));
    assert_eq!(
        metadata.source_ref_id.as_deref(),
        Some("Some source ref id")
    );
}

#[test]
fn invoice_paid_sample_reaches_its_handler() {
    crate::runs_one_handler("wixBilling", "onInvoicePaid", INVOICE_PAID);
}

#[test]
fn invoice_paid_has_no_webhook() {
    use backend_events::BackendEvent;
    use backend_events::wix_billing::wixBilling::onInvoicePaid;
    assert_eq!(onInvoicePaid::WEBHOOK_TYPE, None);
    assert!(onInvoicePaid::SAMPLE.is_some());
}

/// Quirk: the documented example sends `payments[].amount` as the string `"25.50"` while the
/// totals are numbers. Both parse, and each keeps its form when serialized again.
#[test]
fn amounts_sent_as_strings_or_numbers_keep_their_form() {
    let event: InvoicePaid = serde_json::from_str(INVOICE_PAID).unwrap();
    let amount = event.payments[0].amount.as_ref().unwrap();
    assert!(amount.sent_as_string());
    assert_eq!(amount.to_string(), "25.50");
    let total = event.totals.as_ref().unwrap().total.as_ref().unwrap();
    assert!(!total.sent_as_string());

    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(json["payments"][0]["amount"], serde_json::json!("25.50"));
    assert_eq!(json["totals"]["total"], serde_json::json!(88.43));
    assert_eq!(json["lineItems"][1]["price"], serde_json::json!(50));
    let again: InvoicePaid = serde_json::from_value(json).unwrap();
    assert_eq!(again, event);

    // The other way round: a string total and a numeric payment.
    let flipped: Vec<Amount> = serde_json::from_str(r#"["88.43", 25.5, -3, "1e2"]"#).unwrap();
    let texts: Vec<&str> = flipped.iter().map(Amount::as_str).collect();
    assert_eq!(texts, ["88.43", "25.5", "-3", "1e2"]);
    assert_eq!(
        serde_json::to_string(&flipped).unwrap(),
        r#"["88.43",25.5,-3,"1e2"]"#
    );
    assert!(serde_json::from_str::<Amount>("true").is_err());
    assert_eq!(Amount::from("12.00").as_str(), "12.00");
}

/// The documented statuses, and one the platform may add later.
#[test]
fn invoice_statuses_parse() {
    for (text, status) in [
        ("Draft", InvoiceStatus::Draft),
        ("Sent", InvoiceStatus::Sent),
        ("Processing", InvoiceStatus::Processing),
        ("Paid", InvoiceStatus::Paid),
        ("Overdue", InvoiceStatus::Overdue),
        ("Void", InvoiceStatus::Void),
        ("Deleted", InvoiceStatus::Deleted),
        ("PartiallyPaid", InvoiceStatus::PartiallyPaid),
        ("PartialAndOverdue", InvoiceStatus::PartialAndOverdue),
        ("Refunded", InvoiceStatus::Unknown("Refunded".to_owned())),
    ] {
        let parsed: InvoiceStatus = serde_json::from_value(text.into()).unwrap();
        assert_eq!(parsed, status);
        assert_eq!(parsed.as_str(), text);
    }
}

// ---- The other invoice events and the price-quote events ----

#[backend_event]
fn wixBilling_onInvoiceCreated(event: InvoiceCreated) {
    assert_eq!(event.id.id, "411a5551-b0f6-4826-8a41-ebae2879f857");
    assert_eq!(event.status, Some(InvoiceStatus::Draft));
    assert_eq!(
        event.customer.email.as_deref(),
        Some("john.doe@somedomain.com")
    );
    assert!(event.payments.is_empty());
}

#[backend_event]
fn wixBilling_onInvoiceSent(event: InvoiceSent) {
    assert_eq!(event.status, Some(InvoiceStatus::Sent));
    assert_eq!(event.number.as_deref(), Some("0000001"));
}

#[backend_event]
fn wixBilling_onInvoiceOverdue(event: InvoiceOverdue) {
    assert_eq!(event.status, Some(InvoiceStatus::Overdue));
    let dates = event.dates.as_ref().unwrap();
    assert_eq!(
        dates.due_date.unwrap().to_rfc3339(),
        "2019-06-12T00:00:00+00:00"
    );
}

fn a_price_quote(event: &PriceQuote, status: PriceQuoteStatus) {
    assert_eq!(event.id.id, "411a5551-b0f6-4826-8a41-ebae2879f857");
    assert_eq!(event.id.version, Some(25));
    assert_eq!(event.status, Some(status));
    assert_eq!(event.title.as_deref(), Some("My Price Quote"));
    assert_eq!(
        event.customer.email.as_deref(),
        Some("john.doe@somedomain.com")
    );
    assert_eq!(event.line_items.len(), 2);
    let total = event.totals.as_ref().unwrap().total.as_ref().unwrap();
    assert_eq!(total.as_str(), "88.43");
}

#[backend_event]
fn wixBilling_onPriceQuoteCreated(event: PriceQuoteCreated) {
    a_price_quote(&event, PriceQuoteStatus::Draft);
}

#[backend_event]
fn wixBilling_onPriceQuoteSent(event: PriceQuoteSent) {
    a_price_quote(&event, PriceQuoteStatus::Sent);
}

#[backend_event]
fn wixBilling_onPriceQuoteAccepted(event: PriceQuoteAccepted) {
    a_price_quote(&event, PriceQuoteStatus::Accepted);
}

#[backend_event]
fn wixBilling_onPriceQuoteExpired(event: PriceQuoteExpired) {
    a_price_quote(&event, PriceQuoteStatus::Expired);
}

#[test]
fn every_billing_sample_reaches_its_handler() {
    let mut fired = 0;
    for info in backend_events::events().filter(|e| e.module() == "wixBilling") {
        assert_eq!(info.webhook_type(), None, "{}", info.name());
        crate::sample_runs_one_handler("wixBilling", info.name());
        fired += 1;
    }
    assert_eq!(fired, 8);
}

#[test]
fn every_status_of_the_price_quotes_collection_is_known() {
    let statuses = [
        "Draft",
        "Sent",
        "Processing",
        "Accepted",
        "Rejected",
        "Expired",
        "Void",
        "Deleted",
        "Invoiced",
    ];
    for status in statuses {
        let parsed: PriceQuoteStatus = serde_json::from_value(serde_json::json!(status)).unwrap();
        assert!(
            !matches!(parsed, PriceQuoteStatus::Unknown(_)),
            "{status} is one of the set"
        );
        assert_eq!(serde_json::to_value(&parsed).unwrap(), status);
    }
}
