//! Events as types: the [`BackendEvent`] trait, the [`EventInfo`] every declared event gets in
//! the link-time table, and [`declare_module!`](crate::declare_module).

use std::fmt;

use serde::de::DeserializeOwned;

use crate::payload::{AnyPayload, PayloadError};

/// One backend event: its module, its name and the type its handlers receive.
///
/// Every event of the catalog, and every event declared with
/// [`declare_module!`](crate::declare_module), has a marker type implementing this trait. The
/// `#[backend_event]` attribute uses it to check a handler's parameter against `Payload`.
///
/// ```
/// use backend_events::BackendEvent;
/// use backend_events::wix_events::wixEvents::onPolicyUpdated;
///
/// assert_eq!(onPolicyUpdated::MODULE, "wixEvents");
/// assert_eq!(onPolicyUpdated::NAME, "onPolicyUpdated");
/// assert_eq!(onPolicyUpdated::WEBHOOK_TYPE, Some("wix.events.v2.policy_updated"));
/// ```
pub trait BackendEvent: 'static {
    /// The Velo module prefix, such as `wixEvents`.
    const MODULE: &'static str;
    /// The event's name, such as `onPolicyUpdated`.
    const NAME: &'static str;
    /// The `eventType` of the webhook that delivers this event (`wix.events.v2.policy_updated`),
    /// or `None` for events that are only dispatched locally.
    const WEBHOOK_TYPE: Option<&'static str>;
    /// What a handler of this event receives.
    type Payload: DeserializeOwned + Clone + Send + 'static;
    /// The event's documented example payload, as JSON, when it has one: what the command
    /// line's `sample` prints and `fire` sends, and a ready fixture for users' tests.
    const SAMPLE: Option<&'static str> = None;

    /// The event's entry in the runtime's tables.
    #[doc(hidden)]
    const INFO: &'static EventInfo = &EventInfo::of::<Self>();
}

/// A declared event, as the runtime sees it at run time: names plus the type-erased parsing of
/// its payload. Listed by [`events()`](crate::events).
pub struct EventInfo {
    module: &'static str,
    name: &'static str,
    webhook_type: Option<&'static str>,
    sample: Option<&'static str>,
    pub(crate) parse: fn(&[u8]) -> Result<AnyPayload, PayloadError>,
    pub(crate) clone: fn(&AnyPayload) -> Option<AnyPayload>,
}

impl EventInfo {
    #[doc(hidden)]
    pub const fn of<E: BackendEvent + ?Sized>() -> Self {
        EventInfo {
            module: E::MODULE,
            name: E::NAME,
            webhook_type: E::WEBHOOK_TYPE,
            sample: E::SAMPLE,
            parse: parse_payload::<E>,
            clone: clone_payload::<E::Payload>,
        }
    }

    /// The Velo module prefix, such as `wixEvents`.
    pub fn module(&self) -> &'static str {
        self.module
    }

    /// The event's name, such as `onPolicyUpdated`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The webhook `eventType` that delivers this event, if it has one.
    pub fn webhook_type(&self) -> Option<&'static str> {
        self.webhook_type
    }

    /// The event's example payload as JSON, if it declares one (see [`BackendEvent::SAMPLE`]).
    pub fn sample(&self) -> Option<&'static str> {
        self.sample
    }
}

impl fmt::Debug for EventInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventInfo")
            .field("module", &self.module)
            .field("name", &self.name)
            .field("webhook_type", &self.webhook_type)
            .field("sample", &self.sample.is_some())
            .finish()
    }
}

impl fmt::Display for EventInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.module, self.name)
    }
}

fn parse_payload<E: BackendEvent + ?Sized>(bytes: &[u8]) -> Result<AnyPayload, PayloadError> {
    // The plain parse is the fast path; only a failure pays for tracking the JSON path.
    match serde_json::from_slice::<E::Payload>(bytes) {
        Ok(payload) => Ok(Box::new(payload)),
        Err(error) => Err(PayloadError::locate(E::MODULE, E::NAME, bytes, error)),
    }
}

fn clone_payload<P: Clone + Send + 'static>(payload: &AnyPayload) -> Option<AnyPayload> {
    payload
        .downcast_ref::<P>()
        .map(|payload| Box::new(payload.clone()) as AnyPayload)
}

/// Declares a module of events: a marker type per event (implementing [`BackendEvent`]) and
/// its entry in the runtime's table, so that `#[backend_event]` can check handlers against it
/// and the [`Dispatcher`](crate::Dispatcher) can deliver it.
///
/// The built-in catalog is declared with this macro; a crate can declare its own module the
/// same way (the events of a package of yours, say). The markers go in a module named after the
/// Velo module, placed where the macro is invoked; handlers name it by path:
///
/// ```
/// use serde::Deserialize;
///
/// /// What `onStockLow` delivers.
/// #[derive(Clone, Debug, Deserialize)]
/// #[serde(rename_all = "camelCase")]
/// pub struct StockLow {
///     pub product_id: String,
///     pub quantity: u32,
/// }
///
/// backend_events::declare_module! {
///     /// Events of my inventory package.
///     pub mod myInventory {
///         /// Stock of a product fell under its threshold.
///         onStockLow => StockLow;
///         /// Same payload, delivered by a webhook too.
///         onStockCritical => StockLow, webhook = "my.inventory.v1.stock_critical";
///     }
/// }
///
/// #[backend_events::backend_event(crate::myInventory, onStockLow)]
/// fn reorder(event: StockLow) {
///     println!("reorder {} (left: {})", event.product_id, event.quantity);
/// }
/// # fn main() {}
/// ```
///
/// Each entry is `event => Payload`, optionally followed by `, webhook = "event.type"` (the
/// webhook `eventType` that delivers it) and `, sample = "file.json"` (an example payload, read
/// at compile time with `include_str!`, so relative to the invoking file), and last by
/// `, cfg(predicate)`: the event, its marker and its entry exist only where the predicate holds
/// (`cfg(feature = "stock-alerts")`, say).
///
/// Payload types must implement `serde::de::DeserializeOwned + Clone + Send + 'static`.
#[macro_export]
macro_rules! declare_module {
    (
        $(#[$module_attr:meta])*
        $vis:vis mod $module:ident {
            $(
                $(#[$event_attr:meta])*
                $event:ident => $payload:ty
                    $(, webhook = $webhook:literal)?
                    $(, sample = $sample:literal)?
                    $(, cfg($cfg:meta))?
            );* $(;)?
        }
    ) => {
        $(#[$module_attr])*
        #[allow(non_snake_case, non_camel_case_types)]
        $vis mod $module {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[cfg($cfg)])?
                $(#[$event_attr])*
                #[doc = ::core::concat!(
                    "\n\nMarker of `", ::core::stringify!($module), ".", ::core::stringify!($event),
                    "`: its payload is `", ::core::stringify!($payload), "`."
                )]
                $(#[doc = ::core::concat!(
                    "\n\n# Example payload\n\n```json\n", ::core::include_str!($sample), "\n```"
                )])?
                #[derive(Debug, Clone, Copy)]
                pub enum $event {}

                $(#[cfg($cfg)])?
                impl $crate::BackendEvent for $event {
                    const MODULE: &'static str = ::core::stringify!($module);
                    const NAME: &'static str = ::core::stringify!($event);
                    const WEBHOOK_TYPE: ::core::option::Option<&'static str> =
                        $crate::__declare_module_option!($($webhook)?);
                    const SAMPLE: ::core::option::Option<&'static str> =
                        $crate::__declare_module_option!($(::core::include_str!($sample))?);
                    type Payload = $payload;
                }

                $(#[cfg($cfg)])?
                const _: () = {
                    #[$crate::__private::linkme::distributed_slice($crate::__private::EVENTS)]
                    #[linkme(crate = $crate::__private::linkme)]
                    static EVENT: &'static $crate::EventInfo =
                        <$event as $crate::BackendEvent>::INFO;
                };
            )*
        }
    };
}

/// `Some(value)` or `None`, for the optional parts of [`declare_module!`](crate::declare_module).
#[doc(hidden)]
#[macro_export]
macro_rules! __declare_module_option {
    () => {
        ::core::option::Option::None
    };
    ($value:expr) => {
        ::core::option::Option::Some($value)
    };
}
