//! A small `events.js` of the older Velo modules, ported to Rust, and each of its handlers fired
//! with its event's bundled sample. The JavaScript it ports:
//!
//! ```js
//! import { sendOrderMail, flagCart, markInvoice, recordPayment, answerChat, saveLead }
//!   from 'backend/shop';
//!
//! export function wixStores_onNewOrder(event) {
//!   sendOrderMail(event.buyerInfo.email, event.number, event.totals.total);
//! }
//! export function wixStores_onCartAbandoned(event) {
//!   flagCart(event.cartId, event.buyerInfo.email, event.totals.formattedTotal);
//! }
//! export function wixBilling_onInvoicePaid(event) {
//!   markInvoice(event.id.id, event.customer.email);
//! }
//! export async function wixPay_onPaymentUpdate(event) {
//!   if (event.status === 'Successful') await recordPayment(event.payment.id, event.payment.amount);
//! }
//! export function wixChat_onMessage(event) {
//!   if (event.direction === 'VisitorToBusiness') answerChat(event.channelId, event.payload.text);
//! }
//! export function wixCrm_onFormSubmit(event) {
//!   const email = event.submissionData.find((field) => field.fieldName === 'Email');
//!   saveLead(event.contactId, email.fieldValue, event.attachments.map((file) => file.url));
//! }
//! ```
//!
//! (`wixCrm_onFormSubmit` is of the `wixCrm` module, whose other events are generated: it lives
//! with the whole catalog, as the other test crate leaves `wix-crm` out on purpose.)

use std::sync::Mutex;

use backend_events::backend_event;
use backend_events::wix_billing::InvoicePaid;
use backend_events::wix_chat::{Direction, Message};
use backend_events::wix_crm::FormSubmit;
use backend_events::wix_pay::{PaymentUpdate, TransactionStatus};
use backend_events::wix_stores::{CartAbandoned, NewOrder};

/// What the handlers did, in the order they did it.
static DONE: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn done(what: String) {
    DONE.lock().unwrap().push(what);
}

#[backend_event]
fn wixStores_onNewOrder(event: NewOrder) -> Result<(), String> {
    let email = event
        .buyer_info
        .as_ref()
        .and_then(|b| b.email.clone())
        .ok_or("the order has no buyer email")?;
    let total = event.totals.as_ref().and_then(|t| t.total.as_ref());
    done(format!(
        "order mail to {email}: #{} {}",
        event.number.map_or_else(String::new, |n| n.to_string()),
        total.map_or_else(String::new, |t| t.to_string()),
    ));
    Ok(())
}

#[backend_event]
fn wixStores_onCartAbandoned(event: CartAbandoned) {
    let email = event.buyer_info.as_ref().and_then(|b| b.email.as_deref());
    let total = event
        .totals
        .as_ref()
        .and_then(|t| t.formatted_total.as_deref());
    done(format!(
        "cart {} flagged for {} ({})",
        event.cart_id.as_deref().unwrap_or("?"),
        email.unwrap_or("?"),
        total.unwrap_or("?"),
    ));
}

#[backend_event]
fn wixBilling_onInvoicePaid(event: InvoicePaid) {
    done(format!(
        "invoice {} paid by {}",
        event.id.id,
        event.customer.email.as_deref().unwrap_or("?")
    ));
}

#[backend_event]
async fn wixPay_onPaymentUpdate(event: PaymentUpdate) -> Result<(), String> {
    if event.status == Some(TransactionStatus::Successful) {
        let amount = event.payment.amount.ok_or("no amount")?;
        tokio::task::yield_now().await;
        done(format!("payment {} recorded: {amount}", event.payment.id));
    }
    Ok(())
}

#[backend_event]
fn wixChat_onMessage(event: Message) {
    if event.direction == Some(Direction::VisitorToBusiness) {
        done(format!(
            "chat {} answered: {}",
            event.channel_id.as_deref().unwrap_or("?"),
            event.payload.text.as_deref().unwrap_or("")
        ));
    }
}

#[backend_event]
fn wixCrm_onFormSubmit(event: FormSubmit) -> Result<(), String> {
    let email = event
        .submission_data
        .iter()
        .find(|field| field.field_name.as_deref() == Some("Email"))
        .and_then(|field| field.field_value.clone())
        .ok_or("the form has no email")?;
    let files: Vec<&str> = event
        .attachments
        .iter()
        .filter_map(|file| file.url.as_deref())
        .collect();
    done(format!(
        "lead {} saved: {email}, files {}",
        event.contact_id.as_deref().unwrap_or("?"),
        files.join(" ")
    ));
    Ok(())
}

#[test]
fn each_handler_of_the_ported_events_js_runs_on_its_sample() {
    let fired = [
        ("wixStores", "onNewOrder"),
        ("wixStores", "onCartAbandoned"),
        ("wixBilling", "onInvoicePaid"),
        ("wixPay", "onPaymentUpdate"),
        ("wixChat", "onMessage"),
        ("wixCrm", "onFormSubmit"),
    ];
    // The six handlers are in this binary's table.
    let names: Vec<(&str, &str)> = backend_events::handlers()
        .map(|h| (h.module(), h.event()))
        .collect();
    for event in fired {
        assert!(names.contains(&event), "{event:?} has a handler");
    }

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let dispatcher = backend_events::Dispatcher::new();
    for (module, event) in fired {
        let sample = backend_events::events()
            .find(|e| e.module() == module && e.name() == event)
            .and_then(|e| e.sample())
            .unwrap();
        let report = runtime
            .block_on(dispatcher.dispatch(module, event, sample.as_bytes()))
            .unwrap();
        assert!(report.is_success(), "{module}.{event}: {report}");
        assert_eq!(report.handlers_run(), 1, "{module}.{event}");
    }

    assert_eq!(
        *DONE.lock().unwrap(),
        [
            "order mail to janedoe@gmail.com: #10005 103.86",
            "cart 60349781-b3hf-4349-8c9e-09492063da9 flagged for john.doe@somedomain.com ($20.00)",
            "invoice 411a5551-b0f6-4826-8a41-ebae2879f857 paid by john.doe@somedomain.com",
            "payment 8b3c1a90-c09e-4cd7-ae9d-9801151d8ad9 recorded: 15.99",
            "chat 23b345b6-c78d-9012-e3f4-567g89h0i01k answered: Hey, I've got a question about your products",
            "lead f20a2d87-4a0f-4ad6-a5ab-f9fb2d3bc1e6 saved: john.doe@somedomain.com, files https://static.wixstatic.com/ugd/11062b_floor-plan.pdf",
        ]
    );
}
