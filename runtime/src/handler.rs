//! A handler as the table holds it: [`Handler`] (which event, which fn, where it is written)
//! and the call contract every entry follows, whatever the fn's signature: [`Invoke`] takes
//! the parsed payload and gives [`Started`], a finished [`Outcome`] or a [`HandlerFuture`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::event::EventInfo;
use crate::payload::AnyPayload;

/// What one handler call ends with: `Err` carries the handler's error message.
pub type Outcome = Result<(), String>;

/// An async handler's call, boxed so that every handler looks alike to the table.
pub type HandlerFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// What calling a handler's entry point gives: a sync handler has already run.
pub enum Started {
    /// A sync handler ran (or the call could not be made).
    Done(Outcome),
    /// An async handler's future, to be polled.
    Pending(HandlerFuture),
}

/// The type-erased entry point of a handler: what its table entry calls with the payload.
///
/// The entry holds a `&'static dyn Invoke` built from the generic types the attribute's code
/// names (`SyncFn`, `AsyncFn`, in `__private.rs`) rather than a fn generated per handler. For
/// sync handlers the calling code is then compiled once per payload and return type, not once
/// per handler, which keeps the attribute cheap to compile; an async handler's future has a
/// type of its own, so `AsyncFn`'s small `invoke` is still compiled once per async handler.
pub trait Invoke: Sync {
    /// Calls the handler on `payload`.
    fn invoke(&self, payload: AnyPayload) -> Started;
}

/// A registered handler: a fn marked `#[backend_event]`, as listed by [`handlers()`](crate::handlers).
pub struct Handler {
    pub(crate) event: &'static EventInfo,
    pub(crate) name: &'static str,
    pub(crate) location: Location,
    pub(crate) invoke: &'static dyn Invoke,
}

impl Handler {
    /// The Velo module of the event it handles, such as `wixEvents`.
    pub fn module(&self) -> &'static str {
        self.event.module()
    }

    /// The event it handles, such as `onPolicyUpdated`.
    pub fn event(&self) -> &'static str {
        self.event.name()
    }

    /// The event it handles, with its module and webhook type.
    pub fn event_info(&self) -> &'static EventInfo {
        self.event
    }

    /// The fn's path, such as `my_site::events::policy_changed`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Where the fn is written.
    pub fn location(&self) -> Location {
        self.location
    }
}

impl fmt::Debug for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handler")
            .field("module", &self.module())
            .field("event", &self.event())
            .field("name", &self.name)
            .field("location", &self.location)
            .finish()
    }
}

/// A place in the source: file and line, shown as `file:line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub(crate) file: &'static str,
    pub(crate) line: u32,
}

impl Location {
    /// The source file, as `file!()` gives it.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The line of the fn's name.
    pub fn line(&self) -> u32 {
        self.line
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}
