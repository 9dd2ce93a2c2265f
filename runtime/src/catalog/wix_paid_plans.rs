//! `wixPaidPlans`: plan purchases through the older `wix-paid-plans-backend` API. Its one
//! event is an older Velo event without a webhook: the handler receives `{order}`, flat.
//!
//! Velo's reference now lists it under `wix-pricing-plans-backend` and writes the handler
//! `wixPricingPlans_onPlanPurchased`, but sites receive it as `wixPaidPlans_onPlanPurchased`,
//! the name of the module that defined it. Wix's newer event is
//! `wixPricingPlans.onOrderPurchased`, whose order has another shape.
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_paid_plans::{PaymentStatus, PlanPurchased};
//!
//! #[backend_event]
//! fn wixPaidPlans_onPlanPurchased(event: PlanPurchased) {
//!     let order = &event.order;
//!     if order.payment_status == Some(PaymentStatus::Paid) {
//!         println!("{:?} bought {:?} until {:?}", order.member_id, order.plan_name, order.valid_until);
//!     }
//! }
//! # fn main() {}
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Number;
use crate::serde_helpers::string_enum;

/// `wixPaidPlans_onPlanPurchased`: a member bought a plan, free or paid (older event, flat
/// payload, no webhook). Handlers read `order.id`, `order.plan_id`, `order.member_id` and
/// `order.price.amount`.
///
/// The bundled sample is built from the fields of the documented example (a free, one-month
/// plan in Thai baht), not copied whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanPurchased {
    /// The order the purchase made.
    pub order: Order,
}

/// An order of a plan (a subscription), as `onPlanPurchased` hands it over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Order {
    /// The order's id (`id`, or `_id`).
    #[serde(alias = "_id")]
    pub id: String,
    /// The plan bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// The plan's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// The plan's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_description: Option<String>,
    /// The member who bought the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// The role the member was given with the plan; empty for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// The plan's price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    /// Whether the order is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<PaymentStatus>,
    /// Where the order is in its life.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// Whether the plan was bought online or recorded offline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_type: Option<OrderType>,
    /// The order's id at Wix Pay; empty for a free plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wix_pay_order_id: Option<String>,
    /// Whether the price is charged again every week, month or year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurring: Option<bool>,
    /// How long the plan lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_for: Option<ValidFor>,
    /// When the plan starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<DateTime<Utc>>,
    /// When the plan ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
    /// When the order was created (`dateCreated`, or `_dateCreated`).
    #[serde(
        alias = "_dateCreated",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub date_created: Option<DateTime<Utc>>,
    /// The free trial's days, for a recurring plan with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_trial_days: Option<u32>,
    /// Why the order was canceled, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_reason: Option<CancellationReason>,
    /// Who or what canceled the order, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_initiator: Option<CancellationInitiator>,
}

/// The price of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Price {
    /// The currency, as a three-letter ISO 4217 code, such as `THB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The amount; `0` for a free plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Number>,
}

/// How long a plan lasts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ValidFor {
    /// Whether the plan never ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forever: Option<bool>,
    /// How long it lasts, where it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

/// A length of time, such as one month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Period {
    /// How many units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Number>,
    /// The unit, such as `MONTH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<PeriodUnit>,
}

string_enum! {
    /// The unit of a [`Period`].
    pub enum PeriodUnit {
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
    /// Whether an [`Order`] is paid.
    pub enum PaymentStatus {
        /// Paid (also a free plan's).
        Paid = "PAID",
        /// Refunded.
        Refunded = "REFUNDED",
        /// The payment failed.
        Failed = "FAILED",
        /// Not paid.
        Unpaid = "UNPAID",
        /// Not given.
        Undefined = "PAYMENT_STATUS_UNDEFINED",
    }
}

string_enum! {
    /// Where an [`Order`] is in its life.
    pub enum OrderStatus {
        /// The plan is in force.
        Active = "ACTIVE",
        /// The plan starts later.
        Pending = "PENDING",
        /// The order was canceled.
        Canceled = "CANCELED",
        /// The plan ended.
        Expired = "EXPIRED",
        /// The order is canceled from its next payment date.
        PendingCancellation = "PENDING_CANCELLATION",
        /// Not given.
        Undefined = "ORDER_STATUS_UNDEFINED",
    }
}

string_enum! {
    /// How an [`Order`] was placed.
    pub enum OrderType {
        /// Bought on the site.
        Online = "ONLINE",
        /// Recorded by the site's owner, paid outside the site.
        Offline = "OFFLINE",
    }
}

string_enum! {
    /// Why an [`Order`] was canceled.
    pub enum CancellationReason {
        /// The site's owner canceled it.
        OwnerCanceled = "OWNER_CANCELED",
        /// The payment provider canceled it.
        PaymentProviderCanceled = "PAYMENT_PROVIDER_CANCELED",
        /// A payment failed.
        PaymentFailed = "PAYMENT_FAILED",
        /// The member canceled it.
        MemberCanceled = "UOU_CANCELED",
        /// Not given.
        Undefined = "CANCELLATION_REASON_UNDEFINED",
    }
}

string_enum! {
    /// Who or what canceled an [`Order`].
    pub enum CancellationInitiator {
        /// Not given.
        Undefined = "UNDEFINED",
        /// The site's owner.
        Owner = "OWNER",
        /// The member.
        Member = "MEMBER",
        /// A failed payment.
        PaymentFailure = "PAYMENT_FAILURE",
        /// A failed payment setup.
        SetupFailure = "SETUP_FAILURE",
    }
}

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_paid_plans.rs");
