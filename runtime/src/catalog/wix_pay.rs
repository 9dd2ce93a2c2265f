//! `wixPay`: payments made through the older `wix-pay-backend` API (`createPayment()` and
//! `wixPay.startPayment()`). Its one event is an older Velo event without a webhook: the handler
//! receives the payment and its new transaction status, flat.
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_pay::{PaymentUpdate, TransactionStatus};
//!
//! #[backend_event]
//! fn wixPay_onPaymentUpdate(event: PaymentUpdate) {
//!     if event.status == Some(TransactionStatus::Successful) {
//!         println!("payment {} paid by {:?}", event.payment.id, event.user_info.email);
//!     }
//! }
//! # fn main() {}
//! ```

use serde::{Deserialize, Serialize};

use crate::Number;
use crate::serde_helpers::string_enum;

/// `wixPay_onPaymentUpdate`: the transaction status of a payment changed (older event, flat
/// payload, no webhook). Handlers read `payment.id`, `status` and `user_info`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentUpdate {
    /// The payment whose transaction changed.
    pub payment: Payment,
    /// Who pays, as the payment's creator or the payment form gave it.
    #[serde(default)]
    pub user_info: UserInfo,
    /// The transaction's new status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TransactionStatus>,
    /// The transaction's id at the payment provider's side of Wix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
}

/// A payment created with `createPayment()`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payment {
    /// The payment's id.
    pub id: String,
    /// The total amount, the sum of the items' prices times their quantities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Number>,
    /// The payment's currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// What is paid for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<PaymentItem>,
}

/// One item of a [`Payment`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentItem {
    /// The item's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The item's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Number>,
    /// The price of one unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Number>,
}

/// The person who pays. Every field may be `null`, as `phone` is in the documented example.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserInfo {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Country code, such as `USA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
}

string_enum! {
    /// The status of a payment's transaction.
    pub enum TransactionStatus {
        /// The status is not known.
        Undefined = "Undefined",
        /// Paid.
        Successful = "Successful",
        /// Waiting for the payment provider.
        Pending = "Pending",
        /// The payment failed.
        Failed = "Failed",
        /// The payer disputed the payment and the money was taken back.
        Chargeback = "Chargeback",
        /// The payment was refunded in full.
        Refunded = "Refunded",
        /// The payment was refunded in part.
        PartiallyRefunded = "PartiallyRefunded",
        /// To be paid outside the site, such as in cash.
        Offline = "Offline",
        /// The payer canceled the payment.
        Cancelled = "Cancelled",
    }
}

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_pay.rs");
