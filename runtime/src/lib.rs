//! Handlers for Wix backend events, checked by the compiler.
//!
//! A Wix site reacts to platform events with functions named like
//! `wixEvents_onPolicyUpdated(event)`. backend-events brings that model to Rust: mark a fn with
//! [`#[backend_event]`](backend_event), and the compiler checks that the event exists and that
//! the fn takes that event's payload type; the fn lands in a table built at link time, and a
//! [`Dispatcher`] turns a delivery's JSON into the typed payload and runs every handler of the
//! event.
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_events::PolicyUpdated;
//! use backend_events::wix_events_guests::GuestCreated;
//!
//! // Module and event named in the attribute: any fn name will do.
//! #[backend_event(wixEvents, onPolicyUpdated)]
//! fn policy_changed(event: PolicyUpdated) {
//!     println!("policy {} changed", event.entity.id);
//! }
//!
//! // The Velo convention: module and event taken from the fn's name.
//! #[backend_event]
//! async fn wixEventsGuests_onGuestCreated(event: GuestCreated) -> Result<(), std::io::Error> {
//!     println!("new guest {}", event.entity.id);
//!     Ok(())
//! }
//!
//! # fn main() {
//! # futures_executor_block_on(async {
//! // Every handler linked into this binary:
//! for h in backend_events::handlers() {
//!     println!("{}.{} -> {} ({})", h.module(), h.event(), h.name(), h.location());
//! }
//!
//! // One delivery in, every matching handler run:
//! let json = br#"{
//!   "metadata": {"id": "76d05dfc", "entityId": "52f15c5c", "eventTime": "2023-03-08T11:31:57.454388Z"},
//!   "entity": {"_id": "52f15c5c", "name": "Terms and Conditions"}
//! }"#;
//! let dispatcher = backend_events::Dispatcher::new();
//! let report = dispatcher.dispatch("wixEvents", "onPolicyUpdated", json).await.unwrap();
//! assert!(report.is_success());
//! assert_eq!(report.handlers_run(), 1);
//! # });
//! # }
//! # fn futures_executor_block_on(f: impl std::future::Future<Output = ()>) {
//! #     let mut f = std::pin::pin!(f);
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     while f.as_mut().poll(&mut cx).is_pending() {}
//! # }
//! ```
//!
//! # The catalog
//! Each platform module is a Rust module named in snake case (`wixEventsGuests` ->
//! [`wix_events_guests`]); each event's payload type is the event's name without `on`
//! (`onGuestCreated` -> [`GuestCreated`](wix_events_guests::GuestCreated)). Fields are the
//! snake case of the JSON names, with Velo's leading `_` dropped (`_id` -> `id`); both the Velo
//! spelling (`_id`, `_createdDate`) and the REST spelling (`id`, `createdDate`) are accepted.
//! Unknown fields are ignored and fields the platform may omit are `Option`s, so a new field
//! on the platform's side never breaks a delivery.
//!
//! The catalog has 656 events in 58 modules, most of them generated from Wix's published
//! typings, and the older Velo events without a webhook (`wixStores_onNewOrder`,
//! `wixPay_onPaymentUpdate`...) typed by hand from Velo's reference; each module is a cargo feature named after it (`wix-ecom`, `wix-crm`...), `full`
//! enables them all, and the default features enable seven. The crate's CATALOG.md lists every
//! event with its `eventType` and feature.
//!
//! Your own modules of events (a package's own events, say) are declared with
//! [`declare_module!`] and get the same checks and dispatch.
//!
//! # Handlers in other crates
//! Handlers may live in several crates, like Velo packages with their own `events.js`. The
//! table holds every handler *linked* into the binary, and a library crate that nothing
//! references is not linked: in the binary, write `use the_handler_crate as _;`.
//!
//! # Platforms
//! The table is a [`linkme`](https://docs.rs/linkme) distributed slice: it works on Linux,
//! macOS, Windows, iOS, Android, FreeBSD and illumos (linkme's platforms). WebAssembly is not
//! supported yet.

mod accessors;
mod call;
// The catalog's `declare_module!` tables place linkme statics (see registry.rs).
#[allow(unsafe_code)]
mod catalog;
#[cfg(feature = "cli")]
pub mod cli;
mod dispatch;
mod event;
mod handler;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "inbox")]
pub mod inbox;
mod json_path;
#[cfg(feature = "http")]
pub mod linger;
mod media;
mod metadata;
#[cfg(feature = "http")]
pub mod metrics;
#[cfg(feature = "inbox")]
mod ops;
mod payload;
mod registry;
mod report;
mod serde_helpers;
#[cfg(feature = "inbox")]
pub mod serve;
mod suggest;
mod values;
#[cfg(feature = "webhook")]
pub mod webhook;

#[doc(hidden)]
pub mod __private;

pub use call::HandlerCall;
// Every catalog module whose feature is on (none, in a build without the catalog).
#[allow(unused_imports)]
pub use catalog::*;
pub use dispatch::{Dispatch, DispatchError, Dispatcher};
pub use event::{BackendEvent, EventInfo};
pub use handler::{Handler, Location};
pub use media::{Media, MediaKind, MediaObject};
pub use metadata::{AccountInfo, BaseEventMetadata, EventMetadata, Identity, IdentityType};
pub use payload::PayloadError;
pub use registry::{events, handlers};
pub use report::{FailureKind, HandlerFailure, Report};
pub use values::Number;

/// Registers a fn as the handler of a backend event.
///
/// ```
/// use backend_events::backend_event;
/// use backend_events::wix_events::PolicyUpdated;
///
/// #[backend_event(wixEvents, onPolicyUpdated)]
/// fn policy_changed(event: PolicyUpdated) { /* ... */ }
///
/// // The Velo naming convention: module and event taken from the fn's name.
/// #[backend_event]
/// fn wixEvents_onPolicyDeleted(event: backend_events::wix_events::PolicyDeleted) { /* ... */ }
/// # fn main() {}
/// ```
///
/// # Arguments
/// - `module, event`: the Velo module prefix exactly as Wix names it (`wixEvents`,
///   `wixEventsGuests`, ...) and the event (`onPolicyUpdated`). For a module declared with
///   [`declare_module!`], give its path: `#[backend_event(crate::events::myPackage, onThing)]`.
/// - No arguments: the fn's name must be `<module>_<event>`, as in Velo's `events.js`.
/// - `crate = path::to::backend_events`: where this crate is, for crates that re-export it.
///
/// # The handler
/// Exactly one parameter, the event's payload, by value (any pattern); sync or `async`;
/// returns nothing, `()` or `Result<(), E>` where `E: Display` (any error type, `String`,
/// `anyhow::Error`, `Box<dyn Error + Send + Sync>`). An `async` handler's future must be
/// `Send`. The fn stays an ordinary fn that you can call and unit-test directly.
///
/// Every mistake the attribute can see is a compile error at your own tokens that says what
/// to write instead: a misspelt module or event (with the closest valid name), the wrong
/// payload type (with the expected one), missing or extra parameters, generics, `self`, a
/// return or error type that does not fit, an item that is not a fn.
pub use backend_events_macros::backend_event;

#[doc(hidden)]
pub use backend_events_macros::__catalog_names;
