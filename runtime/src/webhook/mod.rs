//! Deliveries from Wix: a webhook's body is a JWT signed RS256 with the app's key, with the
//! event three JSON layers inside it. [`Verifier::envelope`] checks the token and decodes its
//! first layer into an [`Envelope`] (the `eventType`); [`Envelope::decode`] unwraps the rest
//! into a [`Delivery`]: the payload as Velo passes it to a handler, ready for the
//! [`Dispatcher`](crate::Dispatcher). [`Verifier::open`] does both. Decoding reads no table:
//! which declared event an `eventType` is, the caller looks up once.
//!
//! ```no_run
//! use backend_events::Dispatcher;
//! use backend_events::webhook::Verifier;
//!
//! # async fn run(body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = Verifier::from_key_text(&std::env::var("WIX_PUBLIC_KEY")?)?;
//! let dispatcher = Dispatcher::new();
//! let envelope = verifier.envelope(body)?;       // 401 or 400 material on error
//! if let Some(event) = dispatcher.webhook_event(envelope.event_type()) {
//!     let delivery = envelope.decode()?;          // 400 material on error
//!     let report = dispatcher.dispatch_event(event, delivery.payload()).await?;
//!     println!("{:?}: {report}", delivery.event_id());
//! }
//! # Ok(()) }
//! ```
//!
//! [`http::router`](crate::http::router) does all this behind `POST /webhooks`.

mod envelope;
mod error;
mod keys;
mod token;
mod verify;

pub use envelope::{Delivery, Envelope};
pub use error::{KeyError, TokenRejected, WebhookError};
pub use keys::PublicKey;
pub use token::TokenTimes;
pub use verify::{LEEWAY_SECS, Verifier};
