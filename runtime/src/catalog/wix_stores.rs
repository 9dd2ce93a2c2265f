//! `wixStores`: the events of Wix Stores under the Velo prefix `wixStores_`.
//!
//! Two families share it:
//! - the older events of the `wix-stores-backend` API (orders, carts, fulfillments, products,
//!   collections, inventory), typed here: flat payloads, no webhook, dispatched locally only.
//!   Wix has replaced most of them with eCommerce and catalog events (`wixEcom`, and
//!   `wixStoresCatalogV1` or `wixStoresCatalogV3` for products);
//! - four non-domain webhook events typed from Wix's published typings (abandoned carts and
//!   inventory): `onAbandonedCartCartAbandonedEvent`, `onAbandonedCartCartRecoveredEvent`,
//!   `onInventoryItemChanged`, `onInventoryVariantsChanged`.
//!
//! Several older events have a webhook twin whose body carries the same facts:
//!
//! | older event | twin (webhook `eventType`) | one payload type? |
//! |---|---|---|
//! | `onCartAbandoned` | `wixStores.onAbandonedCartCartAbandonedEvent` (`com.wix.ecommerce.cart.abandonment.api.v1.CartAbandonedEvent`) | yes: [`CartAbandonedEvent`] |
//! | `onCartRecovered` | `wixStores.onAbandonedCartCartRecoveredEvent` (`com.wix.ecommerce.cart.abandonment.api.v1.CartRecoveredEvent`) | no: Velo spells `abandonTime`, the webhook `abandonedTime` |
//! | `onInventoryItemUpdated` | `wixStores.onInventoryItemChanged` (`com.wix.ecommerce.inventory.api.v1.InventoryItemChanged`) | yes: [`InventoryItemChangedData`] |
//! | `onInventoryVariantUpdated` | `wixStores.onInventoryVariantsChanged` (`com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged`) | yes: [`InventoryVariantsChangedData`] |
//! | `onProductCreated` | `wixStoresCatalogV1.onProductCreated` (`com.wix.ecommerce.catalog.api.v1.ProductCreated`) | no: Velo's object is the product with `_id` and flat prices, the webhook's has `productId` and `priceData` |
//! | `onProductUpdated` | `wixStoresCatalogV1.onProductChanged` (`com.wix.ecommerce.catalog.api.v1.ProductChanged`) | no: `updatedFields` here, `changedFields` there |
//! | `onProductDeleted` | `wixStoresCatalogV1.onProductDeleted` (`com.wix.ecommerce.catalog.api.v1.ProductDeleted`) | same fields (`productId`), but another module and feature |
//! | `onCollectionUpdated` | `wixStoresCatalogV1.onProductCollectionChanged` (`com.wix.ecommerce.catalog.api.v1.CollectionChanged`) | no: `updatedFields` here, `changedFields` there |
//! | `onCollectionCreated` | `wixStoresCatalogV1.onProductCollectionCreated` (`com.wix.ecommerce.catalog.api.v1.CollectionCreated`) | no: `_id` and `mainMedia` as a URL here, `collection_Id` and a media object there |
//! | `onCollectionDeleted` | `wixStoresCatalogV1.onProductCollectionDeleted` (`com.wix.ecommerce.catalog.api.v1.CollectionDeleted`) | no: `collectionId` here, `collection_Id` there |
//! | `onVariantsUpdated` | `wixStoresCatalogV1.onProductVariantsChanged` (`com.wix.ecommerce.catalog.api.v1.VariantsChanged`) | no: `updatedFields` here, `changedFields` there |
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_stores::{NewOrder, PaymentStatus};
//!
//! #[backend_event]
//! fn wixStores_onNewOrder(event: NewOrder) {
//!     if event.payment_status == Some(PaymentStatus::Paid) {
//!         let email = event.buyer_info.as_ref().and_then(|b| b.email.as_deref());
//!         println!("order {:?} paid by {email:?}", event.number);
//!     }
//! }
//! # fn main() {}
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Number;
use crate::serde_helpers::string_enum;

// ---- Orders ----

/// Who placed an order or owns a cart, as the older events spell it: `id`, where the webhooks'
/// [`BuyerInfo`] writes `_id`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Buyer {
    /// The buyer's id: a member's, a contact's or a visitor's, as `identity_type` says (`id`, or
    /// `_id`).
    #[serde(default, alias = "_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What kind of identity `id` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_type: Option<Identity>,
    /// The buyer's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The buyer's phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The buyer's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The buyer's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
}

/// `wixStores_onNewOrder`: an order was placed (older event, flat payload, no webhook; Wix's
/// newer event is `wixEcom.onOrderApproved`). Handlers read `order_id`, `number`,
/// `buyer_info.email`, `totals` and `payment_status`.
///
/// The bundled sample is built from the fields of the documented example, not copied whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NewOrder {
    /// The order's id.
    #[serde(alias = "_id")]
    pub order_id: String,
    /// The order's number, unique within the store, such as `10005` (sent as a string here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<Number>,
    /// When the order was placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<DateTime<Utc>>,
    /// Who placed the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_info: Option<Buyer>,
    /// The order's currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The unit of the order's weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<WeightUnit>,
    /// The order's subtotal, shipping, tax, discount, total, weight and quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<OrderTotals>,
    /// Whether the order is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<PaymentStatus>,
    /// Whether the order is fulfilled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfillment_status: Option<FulfillmentStatus>,
    /// How the order was paid and the billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_info: Option<BillingInfo>,
    /// How the order is delivered, as the platform sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_info: Option<serde_json::Map<String, serde_json::Value>>,
    /// The order's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line_items: Vec<OrderLineItem>,
}

/// An order of the store, as `onOrderPaid` and `onOrderRefunded` hand it over (the order
/// object of the older Stores API: `_id`, `_dateCreated`, `billingInfo`, `buyerInfo`...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Order {
    /// The order's id (`_id`, or `id`).
    #[serde(rename = "_id", alias = "id")]
    pub id: String,
    /// The order's number, unique within the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<Number>,
    /// When the order was placed (`_dateCreated`, or `dateCreated`).
    #[serde(
        rename = "_dateCreated",
        alias = "dateCreated",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub date_created: Option<DateTime<Utc>>,
    /// When the order was last updated (`_updatedDate`, or `updatedDate`).
    #[serde(
        rename = "_updatedDate",
        alias = "updatedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
    /// The language the buyer used, such as `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_language: Option<String>,
    /// The cart the order was placed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cart_id: Option<String>,
    /// Where the order was placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_info: Option<ChannelInfo>,
    /// Who entered the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered_by: Option<EnteredBy>,
    /// How the order was paid and the billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_info: Option<BillingInfo>,
    /// Who placed the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_info: Option<Buyer>,
    /// The order's currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Whether the order is fulfilled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfillment_status: Option<FulfillmentStatus>,
    /// Whether the order is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<PaymentStatus>,
    /// Whether the order is archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// The unit of the order's weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<WeightUnit>,
    /// The order's subtotal, shipping, tax, discount, total, weight and quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<OrderTotals>,
    /// The refunds of the order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<Refund>,
    /// How the order is delivered, as the platform sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_info: Option<serde_json::Map<String, serde_json::Value>>,
    /// The order's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line_items: Vec<OrderLineItem>,
}

/// `wixStores_onOrderPaid`: an order was paid, at checkout or marked paid in the dashboard
/// (older event, flat payload, no webhook). The payload is the [`Order`]; handlers read `id`.
///
/// The bundled sample is built from the fields of the documented example, not copied whole.
pub type OrderPaid = Order;

/// `wixStores_onOrderRefunded`: an order was refunded (older event, flat payload, no webhook;
/// Wix's newer event is `wixEcom.onOrderTransactionsUpdated`). Handlers read `refund_id` and
/// `order.id`.
///
/// The bundled sample is built from the fields of the documented example, not copied whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderRefunded {
    /// The refund's id, one of `order.refunds`.
    pub refund_id: String,
    /// The refunded order.
    pub order: Order,
}

/// `wixStores_onOrderCanceled`: an order was canceled (older event, flat payload, no webhook;
/// Wix's newer event is `wixEcom.onOrderCanceled`). Handlers read `order.id`.
///
/// The bundled sample is built from the object's fields, not copied from Wix's example.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderCanceled {
    /// The canceled order.
    pub order: Order,
}

/// Where an [`Order`] was placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelInfo {
    /// The sales channel, such as `WEB`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// Who entered an [`Order`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EnteredBy {
    /// The member's, contact's or user's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What kind of identity `id` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_type: Option<Identity>,
}

/// A refund of an [`Order`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Refund {
    /// The refund's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the refund was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<DateTime<Utc>>,
    /// How much was refunded, as decimal text, such as `50`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// Whether the money was returned outside Wix's payment providers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_refund: Option<bool>,
    /// Why the order was refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// How an order was paid, and its billing address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BillingInfo {
    /// The billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// The payer's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The payer's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The payer's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The payer's phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The payer's company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// When the order was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_date: Option<DateTime<Utc>>,
    /// How it was paid, such as `VISA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    /// The transaction's id at Wix's payment service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_transaction_id: Option<String>,
    /// The transaction's id at the payment gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_gateway_transaction_id: Option<String>,
    /// The transaction's id at the payment provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_provider_transaction_id: Option<String>,
}

/// A postal address of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Address {
    /// The whole address, formatted for people to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    /// The address line (`addressLine`, or `addressLine1`).
    #[serde(
        alias = "addressLine1",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub address_line: Option<String>,
    /// The second address line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The state, province or other subdivision, such as `NY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
    /// The country, such as `USA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
}

/// The totals of an order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderTotals {
    /// The items' total before shipping, tax and discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<Number>,
    /// The shipping cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Number>,
    /// The tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax: Option<Number>,
    /// The discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Number>,
    /// What the buyer pays in all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Number>,
    /// The items' total weight, in the order's weight unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Number>,
    /// How many items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Number>,
}

/// One item of an order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderLineItem {
    /// The item's position in the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<Number>,
    /// The product's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    /// The variant's id, where the product has variants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_id: Option<String>,
    /// The item's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The item's stock keeping unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// How many units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Number>,
    /// The price of one unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Number>,
    /// The price of all its units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_price: Option<Number>,
    /// The weight of one unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Number>,
    /// The item's kind, such as `PHYSICAL` or `DIGITAL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_item_type: Option<String>,
    /// The chosen options, such as a size and a color, as the platform sent them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<serde_json::Value>,
    /// The buyer's text in the product's custom text fields, as the platform sent it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_text_fields: Vec<serde_json::Value>,
}

string_enum! {
    /// Whether an order is paid.
    pub enum PaymentStatus {
        /// The status is not given.
        Unspecified = "UNSPECIFIED_PAYMENT_STATUS",
        /// Not paid.
        NotPaid = "NOT_PAID",
        /// Paid.
        Paid = "PAID",
        /// Part of the payment was refunded.
        PartiallyRefunded = "PARTIALLY_REFUNDED",
        /// The whole payment was refunded.
        FullyRefunded = "FULLY_REFUNDED",
        /// The payment is being processed.
        Pending = "PENDING",
        /// Part of the order is paid.
        PartiallyPaid = "PARTIALLY_PAID",
    }
}

string_enum! {
    /// Whether an order is fulfilled.
    pub enum FulfillmentStatus {
        /// Not fulfilled yet.
        NotFulfilled = "NOT_FULFILLED",
        /// Fulfilled.
        Fulfilled = "FULFILLED",
        /// Canceled.
        Canceled = "CANCELED",
        /// Some of its items are fulfilled.
        PartiallyFulfilled = "PARTIALLY_FULFILLED",
    }
}

string_enum! {
    /// The unit of a store's weights.
    pub enum WeightUnit {
        /// Not given.
        Unspecified = "UNSPECIFIED_WEIGHT_UNIT",
        /// Kilograms.
        Kg = "KG",
        /// Pounds.
        Lb = "LB",
    }
}

// ---- Carts ----

/// `wixStores_onCartCreated`: a visitor added a first product to a new cart (older event, flat
/// payload, no webhook; Wix's newer event is `wixEcom.onCartCreated`). Handlers read `cart_id`,
/// `buyer_info` and `totals`.
///
/// The bundled sample is built from the object's fields, as the documented example of the
/// Stores cart-created webhook gives them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CartCreated {
    /// The cart's id.
    pub cart_id: String,
    /// When the cart was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<DateTime<Utc>>,
    /// Who the cart belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_info: Option<Buyer>,
    /// The unit of the store's weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<WeightUnit>,
    /// The store's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The cart's totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<CartTotals>,
}

/// The currency of a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Currency {
    /// The currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The currency's symbol, such as `$`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
}

/// The totals of a cart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CartTotals {
    /// The items' total before discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<Number>,
    /// The discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Number>,
    /// The total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Number>,
    /// How many items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Number>,
    /// The total with its currency symbol, such as `$20.00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_total: Option<String>,
}

/// `wixStores_onCartCompleted`: a visitor bought what a cart held (older event, flat payload,
/// no webhook; Wix's newer event is `wixEcom.onCheckoutCompleted`). Handlers read `cart_id`,
/// `buyer_info.email` and `totals.total`.
///
/// The bundled sample is built from the fields of the documented example, not copied whole (the
/// example is not valid JSON: it lacks commas).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CartCompleted {
    /// The cart's id.
    pub cart_id: String,
    /// When the purchase was completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_time: Option<DateTime<Utc>>,
    /// Who bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_info: Option<Buyer>,
    /// The buyer's message to the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_note: Option<String>,
    /// The coupon applied to the cart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_coupon: Option<AppliedCoupon>,
    /// The billing contact and address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<CartContact>,
    /// The store's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The unit of the store's weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<WeightUnit>,
    /// The cart's totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<CartTotals>,
    /// How the purchase is delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_info: Option<CartShippingInfo>,
}

/// A coupon applied to a cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AppliedCoupon {
    /// The coupon's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon_id: Option<String>,
    /// The coupon's name, such as `Summer Sale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The code the buyer entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The discount, with its currency symbol, such as `$10.00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_value: Option<String>,
    /// The coupon's kind, such as `MoneyOff`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon_type: Option<String>,
}

/// A person and an address of a completed cart: who pays, or who collects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CartContact {
    /// The first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The address, on one line, such as `235 W 23rd St, New York, NY 10011, USA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// How a completed cart is delivered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CartShippingInfo {
    /// Who collects the purchase, where it is picked up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_details: Option<CartContact>,
    /// Who receives the purchase, where it is shipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment_details: Option<CartContact>,
}

/// `wixStores_onCartAbandoned`: a visitor added items to a cart and did not buy within an hour
/// (older event, flat payload, no webhook). Handlers read `cart_id`, `abandon_time`,
/// `buyer_info.email` and `totals.formatted_total`.
///
/// Its object is the `data` of the webhook twin `wixStores.onAbandonedCartCartAbandonedEvent`
/// (`com.wix.ecommerce.cart.abandonment.api.v1.CartAbandonedEvent`), so one type serves both:
/// [`CartAbandonedEvent`]. The bundled sample is built from the fields of the documented
/// example, not copied whole.
pub type CartAbandoned = CartAbandonedEvent;

/// `wixStores_onCartRecovered`: a visitor bought from a cart more than an hour after filling it
/// (older event, flat payload, no webhook). Handlers read `cart_id` and `recovered_time`.
///
/// Its webhook twin is `wixStores.onAbandonedCartCartRecoveredEvent`
/// (`com.wix.ecommerce.cart.abandonment.api.v1.CartRecoveredEvent`), whose `data` spells the
/// abandon time `abandonedTime` where Velo's object spells it `abandonTime`; this type reads
/// both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CartRecovered {
    /// The cart's id.
    pub cart_id: String,
    /// When the cart was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<DateTime<Utc>>,
    /// When the cart was counted as abandoned (`abandonTime`, or `abandonedTime`).
    #[serde(
        alias = "abandonedTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub abandon_time: Option<DateTime<Utc>>,
    /// When the visitor bought from the cart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovered_time: Option<DateTime<Utc>>,
}

// ---- Fulfillments ----

/// `wixStores_onFulfillmentCreated`: a fulfillment was added to an order (older event, flat
/// payload, no webhook; Wix's newer event is `wixEcom.onFulfillmentsUpdated`). Handlers read
/// `order_id`, `fulfillment_id` and `tracking_info.tracking_number`.
///
/// The bundled sample is built from the fields of the documented example, not copied whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FulfillmentCreated {
    /// The order's id.
    pub order_id: String,
    /// The new fulfillment's id.
    pub fulfillment_id: String,
    /// When the fulfillment was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<DateTime<Utc>>,
    /// Who placed the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_info: Option<Buyer>,
    /// The order's fulfillment status after this fulfillment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfillment_status: Option<FulfillmentStatus>,
    /// The shipment's tracking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_info: Option<TrackingInfo>,
}

/// `wixStores_onFulfillmentUpdated`: a fulfillment's tracking changed (older event, flat
/// payload, no webhook). Handlers read `order_id`, `fulfillment_id` and `tracking_info`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FulfillmentUpdated {
    /// The order's id.
    pub order_id: String,
    /// The fulfillment's id.
    pub fulfillment_id: String,
    /// The shipment's tracking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_info: Option<TrackingInfo>,
}

/// `wixStores_onFulfillmentDeleted`: a fulfillment was deleted (older event, flat payload, no
/// webhook). Handlers read `order_id` and `fulfillment_id`.
///
/// The bundled sample is built from the object's fields, not copied from Wix's example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FulfillmentDeleted {
    /// The order's id.
    pub order_id: String,
    /// The deleted fulfillment's id.
    pub fulfillment_id: String,
    /// The order's fulfillment status after the deletion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfillment_status: Option<FulfillmentStatus>,
}

/// The tracking of a shipment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TrackingInfo {
    /// The tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// The carrier, such as `usps`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_provider: Option<String>,
    /// A URL where the buyer follows the shipment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_link: Option<String>,
}

// ---- Products and collections ----

/// `wixStores_onProductCreated`: a product was added to the store (older event, flat payload,
/// no webhook). Handlers read `id`, `name`, `price` and `visible`.
///
/// Its webhook twin is `wixStoresCatalogV1.onProductCreated`
/// (`com.wix.ecommerce.catalog.api.v1.ProductCreated`), whose `data` describes the same product
/// in another shape (`productId`, `priceData`, media objects), so each has its own type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ProductCreated {
    /// The product's id (`_id`, or `id`).
    #[serde(rename = "_id", alias = "id")]
    pub id: String,
    /// The product's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The product's stock keeping unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// Whether visitors see the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// The product's price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Number>,
    /// The price with its currency symbol, such as `$100.00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_price: Option<String>,
    /// The price after the product's discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discounted_price: Option<Number>,
    /// The discounted price with its currency symbol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_discounted_price: Option<String>,
    /// The price of one unit of measure, such as per 100 g.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_per_unit: Option<Number>,
    /// The price per unit with its currency symbol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_price_per_unit: Option<String>,
    /// The currency code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The product's main picture or video, as a Wix media URL (`wix:image://v1/...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_media: Option<String>,
    /// The product's pictures and videos.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_items: Vec<ProductMediaItem>,
    /// The path of the product's page, such as `/product-page/new-product`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_page_url: Option<String>,
    /// The product's ribbon, such as `New Arrival`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ribbon: Option<String>,
}

/// A picture or video of a product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProductMediaItem {
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it is a picture or a video.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MediaItemType>,
    /// Its Wix media URL (`wix:image://v1/...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

string_enum! {
    /// What a [`ProductMediaItem`] is.
    pub enum MediaItemType {
        /// A picture.
        Image = "IMAGE",
        /// A video.
        Video = "VIDEO",
    }
}

/// `wixStores_onProductUpdated`: a product was changed (older event, flat payload, no
/// webhook). Handlers read `product_id` and `updated_fields`.
///
/// Its webhook twin is `wixStoresCatalogV1.onProductChanged`
/// (`com.wix.ecommerce.catalog.api.v1.ProductChanged`), whose `data` names the list
/// `changedFields`. The bundled sample is built from the fields of the documented example, not
/// copied whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ProductUpdated {
    /// The product's id.
    pub product_id: String,
    /// The product's fields that changed, such as `name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updated_fields: Vec<String>,
}

/// `wixStores_onProductDeleted`: a product was removed from the store (older event, flat
/// payload, no webhook). Handlers read `product_id`.
///
/// Its webhook twin is `wixStoresCatalogV1.onProductDeleted`
/// (`com.wix.ecommerce.catalog.api.v1.ProductDeleted`), whose `data` carries the same
/// `productId`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ProductDeleted {
    /// The deleted product's id.
    pub product_id: String,
}

/// `wixStores_onCollectionCreated`: a product collection was created (older event, flat
/// payload, no webhook). Handlers read `id` and `name`.
///
/// Its webhook twin is `wixStoresCatalogV1.onProductCollectionCreated`
/// (`com.wix.ecommerce.catalog.api.v1.CollectionCreated`), whose `data` spells the id
/// `collection_Id` and gives the media as an object, so each has its own type. The bundled
/// sample is built from the object's fields, not copied from Wix's example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CollectionCreated {
    /// The collection's id (`_id`, or `id`).
    #[serde(rename = "_id", alias = "id")]
    pub id: String,
    /// The collection's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The collection's main picture, as a Wix media URL (`wix:image://v1/...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_media: Option<String>,
}

/// `wixStores_onCollectionDeleted`: a product collection was deleted (older event, flat
/// payload, no webhook). Handlers read `collection_id`.
///
/// Its webhook twin is `wixStoresCatalogV1.onProductCollectionDeleted`
/// (`com.wix.ecommerce.catalog.api.v1.CollectionDeleted`), whose `data` spells the id
/// `collection_Id`, so each has its own type. The bundled sample is built from the object's
/// fields, not copied from Wix's example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CollectionDeleted {
    /// The deleted collection's id.
    pub collection_id: String,
}

/// `wixStores_onCollectionUpdated`: a product collection was changed (older event, flat
/// payload, no webhook). Handlers read `collection_id` and `updated_fields`.
///
/// Its webhook twin is `wixStoresCatalogV1.onProductCollectionChanged`
/// (`com.wix.ecommerce.catalog.api.v1.CollectionChanged`), whose `data` names the list
/// `changedFields`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CollectionUpdated {
    /// The collection's id.
    pub collection_id: String,
    /// The collection's fields that changed, such as `name` and `media`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updated_fields: Vec<String>,
}

/// `wixStores_onVariantsUpdated`: product variants changed, such as their price or weight
/// (older event, flat payload, no webhook). Handlers read `product_id` and each variant's
/// `variant_id` and `updated_fields`.
///
/// Its webhook twin is `wixStoresCatalogV1.onProductVariantsChanged`
/// (`com.wix.ecommerce.catalog.api.v1.VariantsChanged`), whose variants name the list
/// `changedFields`, so each has its own type. The bundled sample is built from the object's
/// fields, not copied from Wix's example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VariantsUpdated {
    /// The product whose variants changed.
    pub product_id: String,
    /// The variants that changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<UpdatedVariant>,
}

/// A product variant that changed, in a [`VariantsUpdated`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdatedVariant {
    /// The variant's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_id: Option<String>,
    /// The variant's fields that changed, such as `price`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updated_fields: Vec<String>,
    /// The variant's choices, by option: `{"Size": "Large", "Color": "Red"}` (the option names
    /// are not case-sensitive).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, String>,
}

// ---- Inventory ----

/// `wixStores_onInventoryItemUpdated`: an inventory item's information changed, such as
/// whether its stock is tracked (older event, flat payload, no webhook). Handlers read
/// `inventory_item_id` and `track_inventory`.
///
/// Its object is the `data` of the webhook twin `wixStores.onInventoryItemChanged`
/// (`com.wix.ecommerce.inventory.api.v1.InventoryItemChanged`), so one type serves both:
/// [`InventoryItemChangedData`]. The bundled sample is built from the object's fields, not
/// copied from the documented example.
pub type InventoryItemUpdated = InventoryItemChangedData;

/// `wixStores_onInventoryVariantUpdated`: the stock of product variants changed (older event,
/// flat payload, no webhook). Handlers read `inventory_item_id` and each variant's `old_value`
/// and `new_value`.
///
/// Its object is the `data` of the webhook twin `wixStores.onInventoryVariantsChanged`
/// (`com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged`), so one type serves both:
/// [`InventoryVariantsChangedData`].
pub type InventoryVariantUpdated = InventoryVariantsChangedData;

// The generated part of this module (the four webhook events, the types they share with the
// older events above, and the `declare_module!` table), from codegen/ir and
// codegen/curated/handwritten.tsv.
include!("generated/wix_stores.rs");
