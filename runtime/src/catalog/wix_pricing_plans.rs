//! `wixPricingPlans`: the orders of Wix Pricing Plans: a site member buying a plan (a membership,
//! a subscription, a one-time pass), and everything that happens to that order afterwards:
//! payment, start, new payment cycles, pauses, cancellation, end.
//!
//! Every event carries the whole [`Order`]: `onOrderCreated` and `onOrderUpdated` as `entity`,
//! the others as `data.order`.
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_pricing_plans::{OrderCanceled, OrderPurchased, PaymentStatus};
//!
//! #[backend_event]
//! async fn wixPricingPlans_onOrderPurchased(event: OrderPurchased) -> Result<(), String> {
//!     let order = &event.data.order;
//!     if order.last_payment_status == Some(PaymentStatus::Paid) {
//!         let member = order.buyer.as_ref().and_then(|b| b.member_id.as_deref());
//!         println!("{member:?} bought {:?}", order.plan_name);
//!     }
//!     Ok(())
//! }
//!
//! #[backend_event(wixPricingPlans, onOrderCanceled)]
//! fn order_canceled(event: OrderCanceled) {
//!     // Why and when: beside the order, or in it.
//!     let cancellation = event.data.cancellation.as_ref().or(event.data.order.cancellation.as_ref());
//!     println!("order {} canceled: {cancellation:?}", event.data.order.id);
//! }
//! # fn main() {}
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::EventMetadata;
use crate::serde_helpers::string_enum;

/// An order of a pricing plan: who bought which plan, at what price, and where the order stands.
///
/// Orders keep the plan's name, description and price as they were at the time of purchase:
/// editing the plan later does not change its existing orders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Order {
    /// The order's id (`_id`, or `id` in REST deliveries).
    #[serde(rename = "_id", alias = "id")]
    pub id: String,
    /// The plan bought with the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// The Wix subscription behind the order. Every order has one, single-payment plans
    /// included; it is what the dashboard's Subscriptions page lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    /// The Wix Pay order of the payment, online or offline. Absent for free orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wix_pay_order_id: Option<String>,
    /// Who bought the plan: the member and the contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer: Option<Buyer>,
    /// Price summary of the order (older field, superseded by [`pricing`](Self::pricing) but
    /// still sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_details: Option<PriceDetails>,
    /// Pricing model, prices and payment schedule of the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<Pricing>,
    /// How the order was placed and paid: online by the buyer, offline through the site owner,
    /// or externally (JSON `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OrderType>,
    /// How checkout was started on the buyer's behalf (mail or phone order, point of sale), if
    /// it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_method: Option<OrderMethod>,
    /// Where the order stands: draft, pending, active, paused, ended or canceled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// Whether the order will be canceled at its next payment date (the buyer keeps the plan
    /// until then and is not charged again). Absent for single-payment orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew_canceled: Option<bool>,
    /// Who canceled the order, and whether it takes effect now or at the next payment date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation: Option<Cancellation>,
    /// Status of the order's last payment. Updated automatically for online orders, by the
    /// site owner for offline ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_payment_status: Option<PaymentStatus>,
    /// When the buyer may start using the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    /// When the plan currently ends. Moves later when the order is paused and resumed, or
    /// postponed; absent while an order valid until canceled is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
    /// The periods during which the order was (or is) paused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pause_periods: Vec<PausePeriod>,
    /// Length of the free trial, in days (recurring plans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_trial_days: Option<u32>,
    /// The earliest the order can end: the original end date plus any pauses. Absent for
    /// orders valid until canceled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest_end_date: Option<DateTime<Utc>>,
    /// The payment cycle the order is in. Absent once the order is canceled or ended, and
    /// before its start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_cycle: Option<OrderCycle>,
    /// The order's past and current payment cycles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cycles: Vec<OrderCycle>,
    /// The plan's name at the time of purchase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// The plan's description at the time of purchase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_description: Option<String>,
    /// The plan's price when the order was created, as a decimal string such as `"1500"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_price: Option<String>,
    /// When the order was created (`_createdDate` or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// When the order was last updated (`_updatedDate` or `updatedDate`).
    #[serde(
        rename = "_updatedDate",
        alias = "updatedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
    /// The form the buyer filled in at checkout, and what they entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_data: Option<FormData>,
    /// The order's status in the platform's newer status model (internal, being migrated to;
    /// it can differ from `status`, e.g. `DRAFT` on an order whose `status` is `ACTIVE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_new: Option<OrderStatus>,
}

/// Who bought a plan. Plans can only be bought by site members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Buyer {
    /// The buyer's site member id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// The buyer's contact in the site's contact list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
}

/// Price summary of an order (`priceDetails`). One of `subscription`,
/// `single_payment_for_duration` and `single_payment_unlimited` says the pricing model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PriceDetails {
    /// Recurring payments: how often, and how many times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Recurrence>,
    /// One payment; the order is valid for this long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_payment_for_duration: Option<PeriodDuration>,
    /// One payment; the order is valid until canceled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_payment_unlimited: Option<bool>,
    /// Price before tax, as a decimal string such as `"9.99"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<String>,
    /// Total discount, as a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<String>,
    /// Tax applied, when the site collects tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax: Option<Tax>,
    /// Price after tax and discount, as a decimal string such as `"13.98"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// The plan's price when the order was created, as a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_price: Option<String>,
    /// ISO 4217 currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Length of the free trial, in days (recurring plans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_trial_days: Option<u32>,
    /// The coupon applied to the order, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon: Option<Coupon>,
    /// Additional fees, such as a setup fee (seen in the platform's examples).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    /// Price adjustment after a billing date change, as a decimal string; may be negative
    /// (seen in the platform's examples).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proration: Option<String>,
}

/// Tax applied to a price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Tax {
    /// The tax's name, such as `VAT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the price already includes the tax; when `false`, tax is added at checkout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub included_in_price: Option<bool>,
    /// Tax rate in percent, as a decimal string: `"7.00"` for 7%.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
    /// Total tax, as a decimal string such as `"3.99"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
}

/// How often and how many times a recurring payment is charged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Recurrence {
    /// Length of one payment cycle, such as 1 month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_duration: Option<PeriodDuration>,
    /// Number of payment cycles; `0` for plans valid until canceled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_count: Option<u32>,
}

/// A length of time: a number of days, weeks, months or years.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PeriodDuration {
    /// How many `unit`s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Day, week, month or year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<PeriodUnit>,
}

/// A coupon applied to an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Coupon {
    /// The code the buyer entered, such as `sale-day`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The coupon's total discount, as a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// The coupon's id (`_id`, or `id` in REST deliveries).
    #[serde(
        rename = "_id",
        alias = "id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
}

/// Pricing model, prices and payment schedule of an order. One of `subscription`,
/// `single_payment_for_duration` and `single_payment_unlimited` says the pricing model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Pricing {
    /// Recurring payments: how often, and how many times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Recurrence>,
    /// One payment; the order is valid for this long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_payment_for_duration: Option<PeriodDuration>,
    /// One payment; the order is valid until canceled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_payment_unlimited: Option<bool>,
    /// The prices, each for a span of payment cycles (a discounted first year, then the full
    /// price, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<SpannedPrice>,
}

/// A price that applies to a span of payment cycles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SpannedPrice {
    /// The payment cycles this price applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<PriceDuration>,
    /// The price for each of those cycles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
}

/// A span of payment cycles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PriceDuration {
    /// The first cycle of the span; `1` is the first payment cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_from: Option<u32>,
    /// How many cycles the span covers. Absent for recurring plans valid until canceled; `1`
    /// for single-payment plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_cycles: Option<u32>,
}

/// The price of an order's payment cycle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Price {
    /// Price before tax, as a decimal string such as `"9.99"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<String>,
    /// The coupon applied, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon: Option<Coupon>,
    /// Total discount, as a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<String>,
    /// Tax applied, when the site collects tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax: Option<Tax>,
    /// Price after tax and discount, as a decimal string such as `"13.98"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// ISO 4217 currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Additional fees, such as a setup fee. Tax applies to them too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    /// Price adjustment after a billing date change, as a decimal string; may be negative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proration: Option<String>,
}

/// An additional fee on a price, such as a setup fee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Fee {
    /// The fee's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The fee's amount, as a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
}

/// Who canceled an order, and when the cancellation takes effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Cancellation {
    /// When the cancellation was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_date: Option<DateTime<Utc>>,
    /// Why the order was canceled: by the site owner, by the buyer, a failed payment...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CancellationCause>,
    /// Whether the buyer lost the plan at once or keeps it until the next payment date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_at: Option<CancellationEffectiveAt>,
}

/// A period during which an order was (or is) paused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PausePeriod {
    /// `ACTIVE` while the order is paused, `ENDED` once it is resumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PausePeriodStatus>,
    /// When the pause started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause_date: Option<DateTime<Utc>>,
    /// When the order was resumed. Absent while the pause lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume_date: Option<DateTime<Utc>>,
}

/// A payment cycle of an order (`currentCycle`, `cycles[]`). Its dates take free trial days and
/// pauses into account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderCycle {
    /// The cycle's number: `0` for the free trial period, otherwise counting from `1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// When the cycle started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_date: Option<DateTime<Utc>>,
    /// When the cycle ends (or ended), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_date: Option<DateTime<Utc>>,
}

/// The form a buyer filled in at checkout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FormData {
    /// The plan's checkout form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_id: Option<String>,
    /// This buyer's submission of the form: each checkout creates a new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<String>,
    /// What the buyer entered, field by field (often empty in events).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub submission_data: serde_json::Map<String, serde_json::Value>,
}

string_enum! {
    /// A unit of time.
    pub enum PeriodUnit {
        /// Not defined.
        Undefined = "UNDEFINED",
        /// Days.
        Day = "DAY",
        /// Weeks.
        Week = "WEEK",
        /// Months.
        Month = "MONTH",
        /// Years.
        Year = "YEAR",
    }
}

string_enum! {
    /// How an order was placed and paid.
    pub enum OrderType {
        /// Not defined.
        Undefined = "UNDEFINED",
        /// The buyer bought the plan on the site and paid online.
        Online = "ONLINE",
        /// An offline purchase the site owner records by hand (by phone, in person...).
        Offline = "OFFLINE",
        /// Paid through an external payment provider.
        External = "EXTERNAL",
    }
}

string_enum! {
    /// How checkout was started on the buyer's behalf.
    pub enum OrderMethod {
        /// No method recorded: the platform's default, and what orders buyers place
        /// themselves carry (`UNKNOWN`).
        UnknownMethod = "UNKNOWN",
        /// Mail order / telephone order.
        Moto = "MOTO",
        /// Point of sale.
        Pos = "POS",
    }
}

string_enum! {
    /// Where an order stands.
    pub enum OrderStatus {
        /// Not defined.
        Undefined = "UNDEFINED",
        /// Started but not paid yet: the buyer cannot use the plan.
        Draft = "DRAFT",
        /// Paid for, with a start date in the future.
        Pending = "PENDING",
        /// In effect: the buyer can use the plan.
        Active = "ACTIVE",
        /// Paused by the site owner until resumed; the buyer cannot use the plan meanwhile.
        Paused = "PAUSED",
        /// Ran its full duration; no longer usable.
        Ended = "ENDED",
        /// Canceled.
        Canceled = "CANCELED",
    }
}

string_enum! {
    /// Why an order was canceled.
    pub enum CancellationCause {
        /// Not defined.
        Undefined = "UNDEFINED",
        /// The site owner canceled it.
        OwnerAction = "OWNER_ACTION",
        /// The buyer canceled it.
        MemberAction = "MEMBER_ACTION",
        /// A payment failed.
        PaymentFailure = "PAYMENT_FAILURE",
        /// The buyer's payment details were not set up correctly.
        PaymentSetupFailure = "PAYMENT_SETUP_FAILURE",
        /// The reason is not known: some payment providers (PayPal) do not say (`UNKNOWN`).
        UnknownReason = "UNKNOWN",
    }
}

string_enum! {
    /// When a cancellation takes effect.
    pub enum CancellationEffectiveAt {
        /// Not defined.
        Undefined = "UNDEFINED",
        /// At once: the buyer can no longer use the plan.
        Immediately = "IMMEDIATELY",
        /// At the next payment date: the buyer keeps the plan until then and is not charged
        /// again.
        NextPaymentDate = "NEXT_PAYMENT_DATE",
    }
}

string_enum! {
    /// Status of an order's last payment.
    pub enum PaymentStatus {
        /// Not defined.
        Undefined = "UNDEFINED",
        /// Paid.
        Paid = "PAID",
        /// Refunded.
        Refunded = "REFUNDED",
        /// The payment transaction did not complete.
        Failed = "FAILED",
        /// Not paid.
        Unpaid = "UNPAID",
        /// Billing is set up but the charge is yet to be made (free trials, PayPal).
        Pending = "PENDING",
        /// No payment needed: a free plan or a free trial.
        NotApplicable = "NOT_APPLICABLE",
    }
}

string_enum! {
    /// Whether a pause period is still going on.
    pub enum PausePeriodStatus {
        /// Not defined.
        Undefined = "UNDEFINED",
        /// The order is paused.
        Active = "ACTIVE",
        /// The order was resumed.
        Ended = "ENDED",
    }
}

/// The `data` of most order action events: the order, as it is after what happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderEventData {
    /// The order the event is about.
    pub order: Order,
}

/// The `data` of `onOrderCanceled`: the canceled order, and (in the platform's examples) the
/// cancellation beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderCanceledData {
    /// The canceled order; `order.cancellation` says why.
    pub order: Order,
    /// Who canceled and when it takes effect, when sent beside the order (the documented
    /// example does; the type definitions put it only in `order.cancellation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation: Option<Cancellation>,
}

/// The `data` of `onOrderCycleStarted`: the order and the number of the cycle that started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderCycleStartedData {
    /// The order whose new payment cycle started.
    pub order: Order,
    /// The cycle that started: `0` for the free trial period, otherwise counting from `1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_number: Option<u32>,
}

/// `wixPricingPlans_onOrderCreated`: an order was created. Online orders start as drafts
/// until paid (`onOrderPurchased` follows); free and offline orders are created ready.
/// Handlers typically read `entity.id`, `entity.buyer`, `entity.plan_id` and `entity.status`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderCreated {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The new order.
    pub entity: Order,
}

/// `wixPricingPlans_onOrderUpdated`: an order changed in any way: paid, started, ended, new
/// cycle, marked as paid, postponed, paused, resumed, canceled. The more specific event fires
/// too. Handlers typically read `entity.id`, `entity.status` and `entity.last_payment_status`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderUpdated {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The order as it is now.
    pub entity: Order,
}

/// `wixPricingPlans_onOrderPurchased`: an order was paid for, or a free or offline order was
/// created. Handlers typically read `data.order.id`, `data.order.buyer`,
/// `data.order.plan_id` and `data.order.start_date` (to grant access).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderPurchased {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The purchased order.
    pub data: OrderEventData,
}

/// `wixPricingPlans_onOrderCanceled`: an order was canceled immediately, or a cancellation
/// for the next payment date took effect. Handlers typically read `data.order.id`,
/// `data.order.buyer` and the cancellation's `cause` and `effective_at`, from
/// `data.cancellation` or `data.order.cancellation`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderCanceled {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The canceled order and the cancellation.
    pub data: OrderCanceledData,
}

/// `wixPricingPlans_onOrderStarted`: an order reached its start date (paid or free): the buyer
/// can use the plan. Handlers typically read `data.order.id`, `data.order.buyer` and
/// `data.order.plan_id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderStarted {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The order that started.
    pub data: OrderEventData,
}

/// `wixPricingPlans_onOrderEnded`: an order ended: it expired at the end of its last cycle, or
/// it was canceled immediately (its status is then `CANCELED` and `order.cancellation` says
/// why). Handlers typically read `data.order.id`, `data.order.buyer` and
/// `data.order.end_date` (to revoke access).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderEnded {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The order that ended.
    pub data: OrderEventData,
}

/// `wixPricingPlans_onOrderPaused`: an order was paused: the buyer cannot use the plan (and is
/// not charged) until it is resumed. Handlers typically read `data.order.id` and the last of
/// `data.order.pause_periods`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderPaused {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The paused order.
    pub data: OrderEventData,
}

/// `wixPricingPlans_onOrderResumed`: a paused order was resumed; its end date moved later by
/// the length of the pause. Handlers typically read `data.order.id`, `data.order.end_date`
/// and `data.order.pause_periods`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderResumed {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The resumed order.
    pub data: OrderEventData,
}

/// `wixPricingPlans_onOrderMarkedAsPaid`: the site owner marked an offline order as paid.
/// Handlers typically read `data.order.id`, `data.order.buyer` and
/// `data.order.last_payment_status`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderMarkedAsPaid {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The order marked as paid.
    pub data: OrderEventData,
}

/// `wixPricingPlans_onOrderCycleStarted`: a new payment cycle of an order started (not fired
/// at the initial start of an offline order). Handlers typically read `data.order.id`,
/// `data.cycle_number` and `data.order.current_cycle`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderCycleStarted {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The order and the number of the new cycle.
    pub data: OrderCycleStartedData,
}

/// `wixPricingPlans_onOrderAutoRenewCanceled`: a recurring order was canceled for its next
/// payment date: the buyer keeps the plan until then and is not charged again
/// (`onOrderCanceled` and `onOrderEnded` follow on that date). Handlers typically read
/// `data.order.id`, `data.order.end_date` and `data.order.cancellation`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderAutoRenewCanceled {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The order whose auto-renewal was canceled.
    pub data: OrderEventData,
}

/// `wixPricingPlans_onOrderEndDatePostponed`: an order's end date was moved (postponed, or
/// made earlier). Handlers typically read `data.order.id` and `data.order.end_date`, the new
/// end date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderEndDatePostponed {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The order with its new end date.
    pub data: OrderEventData,
}

/// `wixPricingPlans_onOrderStartDateChanged`: an order's start date was changed (a draft
/// order, before payment). Handlers typically read `data.order.id` and
/// `data.order.start_date`, the new start date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderStartDateChanged {
    /// Which event this is, about which order, and when.
    pub metadata: EventMetadata,
    /// The order with its new start date.
    pub data: OrderEventData,
}

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_pricing_plans.rs");
