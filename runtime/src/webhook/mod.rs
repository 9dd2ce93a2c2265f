//! Deliveries from Wix: a webhook's body is a JWT signed RS256 with the app's key, with the
//! event three JSON layers inside it. [`Verifier::open`] checks the token and decodes the
//! layers into a [`Delivery`]: the declared event its `eventType` names, and the payload as
//! Velo passes it to a handler, ready for the [`Dispatcher`](crate::Dispatcher).
//!
//! ```no_run
//! use backend_events::Dispatcher;
//! use backend_events::webhook::Verifier;
//!
//! # async fn run(body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = Verifier::from_key_text(&std::env::var("WIX_PUBLIC_KEY")?)?;
//! let delivery = verifier.open(body)?;            // 401 or 400 material on error
//! if let Some(event) = delivery.event() {
//!     let report = Dispatcher::new()
//!         .dispatch(event.module(), event.name(), delivery.payload())
//!         .await?;
//!     println!("{:?}: {report}", delivery.event_id());
//! }
//! # Ok(()) }
//! ```
//!
//! [`http::router`](crate::http::router) does all this behind `POST /webhooks`.

mod envelope;
mod error;
mod verify;

pub use envelope::Delivery;
pub use error::{KeyError, TokenRejected, WebhookError};
pub use verify::Verifier;
