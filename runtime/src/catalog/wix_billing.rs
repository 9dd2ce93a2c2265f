//! `wixBilling`: the site's invoices and price quotes (Wix Invoices and Wix Price Quotes, the
//! `wix-billing-backend` API). Its events are older Velo events without a webhook: the handler
//! receives the invoice or the price quote itself, flat, with no `metadata` envelope.
//!
//! | event | payload |
//! |---|---|
//! | `onInvoiceCreated` | [`InvoiceCreated`] ([`Invoice`]) |
//! | `onInvoiceSent` | [`InvoiceSent`] ([`Invoice`]) |
//! | `onInvoicePaid` | [`InvoicePaid`] ([`Invoice`]) |
//! | `onInvoiceOverdue` | [`InvoiceOverdue`] ([`Invoice`]) |
//! | `onPriceQuoteCreated` | [`PriceQuoteCreated`] ([`PriceQuote`]) |
//! | `onPriceQuoteSent` | [`PriceQuoteSent`] ([`PriceQuote`]) |
//! | `onPriceQuoteAccepted` | [`PriceQuoteAccepted`] ([`PriceQuote`]) |
//! | `onPriceQuoteExpired` | [`PriceQuoteExpired`] ([`PriceQuote`]) |
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_billing::{InvoicePaid, InvoiceStatus};
//!
//! #[backend_event]
//! fn wixBilling_onInvoicePaid(event: InvoicePaid) -> Result<(), String> {
//!     if event.status == Some(InvoiceStatus::Paid) {
//!         let total = event.totals.as_ref().and_then(|t| t.total.as_ref());
//!         println!(
//!             "invoice {} paid by {:?}: {} {:?}",
//!             event.id.id,
//!             event.customer.email,
//!             total.map_or("?", |t| t.as_str()),
//!             event.currency,
//!         );
//!     }
//!     Ok(())
//! }
//! # fn main() {}
//! ```

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::serde_helpers::string_enum;

/// A decimal number (a money amount, a tax rate, a quantity) exactly as the platform sent it.
///
/// The type definitions make these JSON numbers (`"total": 88.43`), but the documented example
/// of `onInvoicePaid` sends a payment's amount as a string (`"amount": "25.50"`). Both are
/// accepted; [`as_str`](Self::as_str) gives the decimal text either way, and serializing writes
/// the amount back in the form it came in. Parse the text with the decimal type of your choice
/// (money is best kept out of `f64`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Amount {
    text: String,
    sent_as_string: bool,
}

impl Amount {
    /// An amount from its decimal text, such as `"25.50"`; it serializes as a JSON string.
    pub fn new(text: impl Into<String>) -> Self {
        Amount {
            text: text.into(),
            sent_as_string: true,
        }
    }

    /// The amount's decimal text: `"25.50"` as sent in a string, `"88.43"` for the number
    /// `88.43`. (A number is read as a JSON number, so `25.50` sent as a number reads `"25.5"`.)
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the platform sent the amount as a JSON string rather than a number.
    pub fn sent_as_string(&self) -> bool {
        self.sent_as_string
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for Amount {
    fn from(text: &str) -> Self {
        Amount::new(text)
    }
}

impl From<String> for Amount {
    fn from(text: String) -> Self {
        Amount::new(text)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.sent_as_string {
            if let Ok(number) = self.text.parse::<serde_json::Number>() {
                return number.serialize(serializer);
            }
        }
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;

        impl AmountVisitor {
            fn number(text: String) -> Amount {
                Amount {
                    text,
                    sent_as_string: false,
                }
            }
        }

        impl<'de> Visitor<'de> for AmountVisitor {
            type Value = Amount;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount, as a number or as a string such as \"25.50\"")
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Amount, E> {
                Ok(Self::number(value.to_string()))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Amount, E> {
                Ok(Self::number(value.to_string()))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Amount, E> {
                // Rust prints the shortest text that reads back as the same f64: 88.43 -> "88.43".
                Ok(Self::number(value.to_string()))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Amount, E> {
                Ok(Amount::new(value))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Amount, E> {
                Ok(Amount::new(value))
            }

            // serde_json with its `arbitrary_precision` feature hands numbers over as a map.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Amount, A::Error> {
                let number =
                    serde_json::Number::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Self::number(number.to_string()))
            }
        }

        deserializer.deserialize_any(AmountVisitor)
    }
}

/// An invoice, as the invoice events hand it over: flat, no event `metadata`. Handlers read
/// `id.id`, `status`, `customer.email`, `totals` and `payments`.
///
/// Its `metadata` field is the invoice's own metadata (notes, legal terms, source), not an
/// [`EventMetadata`](crate::EventMetadata).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Invoice {
    /// The invoice's id and version: `event.id.id` is the id.
    pub id: IdAndVersion,
    /// The invoice's status (`Paid` for `onInvoicePaid`, `Draft` in the example of
    /// `onInvoiceCreated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InvoiceStatus>,
    /// The invoice's number, unique within the site, such as `0000001`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The invoice's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The invoice's currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The language the invoice is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// Who the invoice is for.
    pub customer: Customer,
    /// When the invoice was issued, is due, and was last seen by the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<InvoiceDates>,
    /// The invoice's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line_items: Vec<LineItem>,
    /// The discount on the invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Discount>,
    /// The payments received for the invoice so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Payment>,
    /// The taxes, calculated from the line items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taxes: Vec<CalculatedTax>,
    /// The invoice's subtotal, taxes, fees and total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<Totals>,
    /// What is paid and what is left, updated as payments come in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_totals: Option<DynamicTotals>,
    /// The invoice's notes, legal terms and source (not event metadata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<InvoiceMetadata>,
    /// The invoice's company id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    /// Whether the invoice was sent to the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was_sent: Option<bool>,
}

/// `wixBilling_onInvoiceCreated`: an invoice was created (older event, flat payload, no
/// webhook).
///
/// The bundled sample is built from the documented `onInvoicePaid` object, with this event's
/// status; it is not Wix's example of this event copied whole.
pub type InvoiceCreated = Invoice;

/// `wixBilling_onInvoiceSent`: an invoice was sent to its customer (older event, flat payload,
/// no webhook).
///
/// The bundled sample is built from the documented `onInvoicePaid` object, with this event's
/// status; it is not Wix's example of this event copied whole.
pub type InvoiceSent = Invoice;

/// `wixBilling_onInvoicePaid`: an invoice was paid (older event, flat payload, no webhook).
pub type InvoicePaid = Invoice;

/// `wixBilling_onInvoiceOverdue`: an invoice passed its due date unpaid (older event, flat
/// payload, no webhook).
///
/// The bundled sample is built from the documented `onInvoicePaid` object, with this event's
/// status; it is not Wix's example of this event copied whole.
pub type InvoiceOverdue = Invoice;

/// The id of an invoice or a price quote, and its version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdAndVersion {
    /// The invoice's or price quote's id.
    pub id: String,
    /// Its version: grows with every change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
}

string_enum! {
    /// Where an invoice is in its life.
    pub enum InvoiceStatus {
        /// Being written, not sent.
        Draft = "Draft",
        /// Sent to the customer.
        Sent = "Sent",
        /// A payment is being processed.
        Processing = "Processing",
        /// Paid in full.
        Paid = "Paid",
        /// Past its due date, unpaid.
        Overdue = "Overdue",
        /// Voided: no longer to be paid.
        Void = "Void",
        /// Deleted.
        Deleted = "Deleted",
        /// Partly paid.
        PartiallyPaid = "PartiallyPaid",
        /// Partly paid and past its due date.
        PartialAndOverdue = "PartialAndOverdue",
    }
}

/// The language of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Locale {
    /// An IETF language subtag, such as `en` or `de`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The customer an invoice is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Customer {
    /// The customer's contact in the site's contact list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// The customer's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The customer's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// The customer's billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// The customer's shipping address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    /// The customer's phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The customer's company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The customer's company id, such as a VAT id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    /// The customer's full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// The customer's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The customer's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
}

/// A postal address on an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Address {
    /// The address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line: Option<String>,
    /// The second address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// The street and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<StreetAddress>,
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The state, province or other subdivision, such as `NY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
    /// The postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// The country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The whole address, formatted for people to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
}

/// The street part of an address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreetAddress {
    /// The street, such as `235 W 23rd St`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Whether `value` is a street name or a number.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<StreetAddressType>,
}

string_enum! {
    /// What the `value` of a [`StreetAddress`] holds.
    pub enum StreetAddressType {
        /// A street number.
        Number = "Number",
        /// A street name.
        Name = "Name",
    }
}

/// The dates of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InvoiceDates {
    /// When the invoice was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<DateTime<Utc>>,
    /// When the invoice is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<DateTime<Utc>>,
    /// When the customer last looked at the invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen_date: Option<DateTime<Utc>>,
}

/// One item of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LineItem {
    /// The item's id on the invoice, such as `00001`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The item's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The item's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The price of one unit, before tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Amount>,
    /// How many units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Amount>,
    /// The taxes on the item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taxes: Vec<LineItemTax>,
}

/// A tax on one item of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LineItemTax {
    /// The tax's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The tax rate, in percent (`8.5` is 8.5%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Amount>,
    /// The tax's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The discount on an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Discount {
    /// The discount: an amount, or a percentage, as `kind` says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Amount>,
    /// Whether `value` is a fixed amount or a percentage.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DiscountType>,
}

string_enum! {
    /// How a [`Discount`] is counted.
    pub enum DiscountType {
        /// A fixed amount is deducted.
        Fixed = "Fixed",
        /// A percentage of the total is deducted.
        Percentage = "Percentage",
    }
}

/// A payment received for an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payment {
    /// The payment's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// How the payment was made, such as `offline`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// How much was paid. The documented example sends it as a string (`"25.50"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// When the payment was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime<Utc>>,
}

/// A tax of an invoice, calculated over its items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CalculatedTax {
    /// The tax's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The tax rate, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Amount>,
    /// The total of the items the tax applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxable: Option<Amount>,
    /// The tax amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxed: Option<Amount>,
    /// The tax's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The totals of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Totals {
    /// The items' total before tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<Amount>,
    /// The discount's amount (`null` when there is none to count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_amount: Option<Amount>,
    /// The taxes' total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxed_amount: Option<Amount>,
    /// Fees itemized on the invoice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<ItemizedFee>,
    /// What the customer pays in all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
}

/// A fee itemized on an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemizedFee {
    /// The fee's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The fee's amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Amount>,
}

/// What is paid of an invoice and what is left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DynamicTotals {
    /// What the customer paid so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_amount: Option<Amount>,
    /// What is left to pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<Amount>,
}

/// An invoice's own metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InvoiceMetadata {
    /// Notes on the invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The invoice's legal terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_terms: Option<String>,
    /// A URL of the legal terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// What created the invoice, such as `stores`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The id of what created it in that source, such as an order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ref_id: Option<String>,
}

/// A price quote, as the price-quote events hand it over: flat, no event `metadata`. It has the
/// shape of an [`Invoice`] without payments: handlers read `id.id`, `status`, `customer.email`
/// and `totals`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PriceQuote {
    /// The price quote's id and version: `event.id.id` is the id.
    pub id: IdAndVersion,
    /// The price quote's status (`Draft` in the example of `onPriceQuoteCreated`, `Sent` in that
    /// of `onPriceQuoteSent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PriceQuoteStatus>,
    /// The price quote's number, unique within the site, such as `0000001`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The price quote's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The price quote's currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The language the price quote is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// Who the price quote is for.
    pub customer: Customer,
    /// When the price quote was issued and until when it holds, as the platform sent them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<serde_json::Map<String, serde_json::Value>>,
    /// The price quote's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line_items: Vec<LineItem>,
    /// The discount on the price quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Discount>,
    /// The taxes, calculated from the line items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taxes: Vec<CalculatedTax>,
    /// The price quote's subtotal, taxes, fees and total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<Totals>,
    /// The price quote's notes, legal terms and source (not event metadata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<InvoiceMetadata>,
    /// The price quote's company id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    /// Whether the price quote was sent to the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was_sent: Option<bool>,
}

string_enum! {
    /// Where a price quote is in its life: the nine values of the `status` field of Wix's
    /// `Billing/PriceQuotes` collection
    /// (<https://dev.wix.com/docs/velo/api-reference/wix-billing-v2/price-quotes-collection-fields>),
    /// which the events' examples spell alike (`Draft`, `Sent`).
    pub enum PriceQuoteStatus {
        /// Being written, not sent.
        Draft = "Draft",
        /// Sent to the customer.
        Sent = "Sent",
        /// Being processed.
        Processing = "Processing",
        /// Accepted by the customer.
        Accepted = "Accepted",
        /// Turned down by the customer.
        Rejected = "Rejected",
        /// Past the date it holds until.
        Expired = "Expired",
        /// Voided.
        Void = "Void",
        /// Deleted.
        Deleted = "Deleted",
        /// Turned into an invoice.
        Invoiced = "Invoiced",
    }
}

/// `wixBilling_onPriceQuoteCreated`: a price quote was created (older event, flat payload, no
/// webhook).
///
/// The bundled sample is built from the documented invoice object and the fields of the
/// price-quote examples (title, status); it is not Wix's example copied whole.
pub type PriceQuoteCreated = PriceQuote;

/// `wixBilling_onPriceQuoteSent`: a price quote was sent to its customer (older event, flat
/// payload, no webhook).
///
/// The bundled sample is built from the documented invoice object and the fields of the
/// price-quote examples (title, status); it is not Wix's example copied whole.
pub type PriceQuoteSent = PriceQuote;

/// `wixBilling_onPriceQuoteAccepted`: the customer accepted a price quote (older event, flat
/// payload, no webhook).
///
/// The bundled sample is built from the documented invoice object and the fields of the
/// price-quote examples (title, status); it is not Wix's example copied whole.
pub type PriceQuoteAccepted = PriceQuote;

/// `wixBilling_onPriceQuoteExpired`: a price quote reached the end of its validity (older event,
/// flat payload, no webhook).
///
/// The bundled sample is built from the documented invoice object and the fields of the
/// price-quote examples (title, status); it is not Wix's example copied whole.
pub type PriceQuoteExpired = PriceQuote;

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_billing.rs");
