//! [`Dispatcher`]: one delivery in, every matching handler run, a [`Report`] out.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::call::HandlerCall;
use crate::event::EventInfo;
use crate::handler::Handler;
use crate::payload::PayloadError;
use crate::registry::{EventSlot, Index};
use crate::report::Report;
use crate::suggest;

/// Delivers events to the handlers linked into this binary.
///
/// ```
/// # async fn run(json_bytes: &[u8]) -> Result<(), backend_events::DispatchError> {
/// let dispatcher = backend_events::Dispatcher::new();
/// let report = dispatcher.dispatch("wixEvents", "onPolicyUpdated", json_bytes).await?;
/// assert!(report.is_success());
/// println!("{} handlers ran", report.handlers_run());
/// # Ok(()) }
/// ```
///
/// # How handlers run
/// The payload is parsed once, when `dispatch` is called; each handler gets its own clone (the
/// last one gets the parsed value itself). The handlers of one delivery then run
/// **concurrently on the task that awaits the dispatch** (no task is spawned, so no particular
/// async runtime is needed): one handler waiting on I/O does not hold the others up, which
/// matters when the platform waits only 1.25 s for an answer. A sync handler runs to completion
/// when first polled, so keep sync handlers short or make them `async`. Each handler is
/// isolated: an error or a panic becomes a [`HandlerFailure`](crate::HandlerFailure) in the
/// report and the other handlers still run.
#[derive(Clone, Copy)]
pub struct Dispatcher {
    index: &'static Index,
}

impl Default for Dispatcher {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dispatcher")
            .field("events", &crate::events().len())
            .field("handlers", &crate::handlers().len())
            .finish()
    }
}

impl Dispatcher {
    /// A dispatcher over every handler linked into this binary. The first one built indexes
    /// the link-time tables; later ones reuse that index.
    pub fn new() -> Self {
        Dispatcher {
            index: Index::get(),
        }
    }

    /// The declared event `module.event`, or why there is none.
    pub fn event(&self, module: &str, event: &str) -> Result<&'static EventInfo, DispatchError> {
        self.slot(module, event).map(|slot| slot.info)
    }

    /// The declared event a webhook `eventType` (such as `wix.events.v2.policy_updated`)
    /// delivers, if any.
    pub fn webhook_event(&self, event_type: &str) -> Option<&'static EventInfo> {
        self.index.by_webhook_type(event_type)
    }

    /// Parses `payload` as the payload of `module.event`, running nothing: what a delivery is
    /// checked with before it is stored for later.
    pub fn check(
        &self,
        module: &str,
        event: &str,
        payload: &[u8],
    ) -> Result<&'static EventInfo, DispatchError> {
        let slot = self.slot(module, event)?;
        self.check_event(slot.info, payload)?;
        Ok(slot.info)
    }

    /// Parses `payload` as the payload of `event`, running nothing: [`check`](Self::check)
    /// for an event already looked up.
    pub fn check_event(
        &self,
        event: &'static EventInfo,
        payload: &[u8],
    ) -> Result<(), PayloadError> {
        (event.parse)(payload).map(drop)
    }

    /// The handlers registered for `module.event` (possibly none), sorted by name.
    pub fn handlers_for(
        &self,
        module: &str,
        event: &str,
    ) -> Result<&'static [&'static Handler], DispatchError> {
        self.slot(module, event)
            .map(|slot| slot.handlers.as_slice())
    }

    /// The handlers registered for `event` (possibly none), sorted by name.
    pub fn handlers_of(&self, event: &'static EventInfo) -> &'static [&'static Handler] {
        self.index
            .slot_of(event)
            .map_or(&[], |slot| slot.handlers.as_slice())
    }

    /// Parses `payload` as the JSON of `module.event` and runs every handler of that event.
    ///
    /// An event with no handler is not an error: the report says `handlers_run() == 0`. An
    /// unknown module or event, or a payload that does not parse, is a [`DispatchError`] and no
    /// handler runs. The payload is parsed when this is called; the handlers run when the
    /// returned future is awaited.
    pub fn dispatch(&self, module: &str, event: &str, payload: &[u8]) -> Dispatch {
        self.dispatch_to(module, event, payload, |_| true)
    }

    /// Like [`dispatch`](Self::dispatch), but runs only the handlers `select` accepts: for
    /// instance, the ones that have not yet succeeded for a delivery that is being retried.
    pub fn dispatch_to(
        &self,
        module: &str,
        event: &str,
        payload: &[u8],
        select: impl FnMut(&Handler) -> bool,
    ) -> Dispatch {
        match self.slot(module, event) {
            Ok(slot) => {
                Dispatch::start(calls(slot.info, &slot.handlers, payload, select), slot.info)
            }
            Err(error) => Dispatch::refused(error),
        }
    }

    /// [`dispatch`](Self::dispatch) for an event already looked up (by
    /// [`event`](Self::event) or [`webhook_event`](Self::webhook_event)).
    pub fn dispatch_event(&self, event: &'static EventInfo, payload: &[u8]) -> Dispatch {
        self.dispatch_event_to(event, payload, |_| true)
    }

    /// [`dispatch_to`](Self::dispatch_to) for an event already looked up.
    pub fn dispatch_event_to(
        &self,
        event: &'static EventInfo,
        payload: &[u8],
        select: impl FnMut(&Handler) -> bool,
    ) -> Dispatch {
        Dispatch::start(self.calls(event, payload, select), event)
    }

    /// The payload parsed once, and one [`HandlerCall`] per handler of `event` that `select`
    /// accepts, in name order: what [`dispatch_event_to`](Self::dispatch_event_to) awaits
    /// together, for a caller that runs and records each handler on its own (the inbox's
    /// workers do). Each call gets its own copy of the payload.
    pub fn calls(
        &self,
        event: &'static EventInfo,
        payload: &[u8],
        select: impl FnMut(&Handler) -> bool,
    ) -> Result<Vec<HandlerCall>, PayloadError> {
        calls(event, self.handlers_of(event), payload, select)
    }

    fn slot(&self, module: &str, event: &str) -> Result<&'static EventSlot, DispatchError> {
        let index: &'static Index = self.index;
        let Some(events) = index.modules.get(module) else {
            return Err(DispatchError::UnknownModule {
                module: module.to_owned(),
                did_you_mean: suggest::closest(module, index.modules.keys().copied()),
            });
        };
        match events.get(event) {
            Some(slot) => Ok(slot),
            None => Err(DispatchError::UnknownEvent {
                module: module.to_owned(),
                event: event.to_owned(),
                did_you_mean: closest_event(index, module, event),
            }),
        }
    }
}

/// The same event name in another module (an event looked for in the wrong module), or else the
/// closest event of the same module (a typo).
fn closest_event(index: &Index, module: &str, event: &str) -> Option<String> {
    let elsewhere = index
        .modules
        .iter()
        .filter(|(_, events)| events.contains_key(event))
        .map(|(other, _)| *other)
        // Several modules may have it (`onEventCreated`): the answer must not depend on hashing.
        .min();
    match elsewhere {
        Some(other) => Some(format!("{other}.{event}")),
        None => index
            .modules
            .get(module)
            .and_then(|events| suggest::closest(event, events.keys().copied()))
            .map(|close| format!("{module}.{close}")),
    }
}

/// Parses `payload` as `event`'s and makes a call for each of `handlers` that `select` accepts.
/// Parsed once: every selected handler but the last gets a copy, the last the original.
fn calls(
    event: &'static EventInfo,
    handlers: &'static [&'static Handler],
    payload: &[u8],
    mut select: impl FnMut(&Handler) -> bool,
) -> Result<Vec<HandlerCall>, PayloadError> {
    let parsed = (event.parse)(payload)?;
    let mut selected = handlers.iter().copied().filter(|h| select(h)).peekable();
    let mut calls = Vec::with_capacity(handlers.len());
    let mut parsed = Some(parsed);
    while let Some(handler) = selected.next() {
        let payload = if selected.peek().is_none() {
            parsed.take()
        } else {
            parsed.as_ref().and_then(event.clone)
        };
        calls.push(match payload {
            Some(payload) => HandlerCall::new(handler, payload),
            None => HandlerCall::failed(
                handler,
                "the payload could not be copied for this handler".to_owned(),
            ),
        });
    }
    Ok(calls)
}

/// The future of one delivery, returned by [`Dispatcher::dispatch`]: the payload is already
/// parsed, and each poll advances every handler that has not finished.
///
/// A named type (rather than an `async fn`'s opaque one) so that its code is compiled once, in
/// this crate, and not again in every crate that awaits it. It is `Send` and `'static`, so it
/// can be spawned.
#[must_use = "the handlers run only when the dispatch is awaited"]
pub struct Dispatch {
    state: State,
}

enum State {
    /// Nothing to run: the delivery was refused.
    Refused(Option<DispatchError>),
    Running {
        event: &'static EventInfo,
        calls: Vec<HandlerCall>,
    },
    Finished,
}

impl Dispatch {
    fn start(calls: Result<Vec<HandlerCall>, PayloadError>, event: &'static EventInfo) -> Dispatch {
        match calls {
            Ok(calls) => Dispatch {
                state: State::Running { event, calls },
            },
            Err(error) => Dispatch::refused(error.into()),
        }
    }

    fn refused(err: DispatchError) -> Dispatch {
        Dispatch {
            state: State::Refused(Some(err)),
        }
    }
}

impl Future for Dispatch {
    type Output = Result<Report, DispatchError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        match &mut this.state {
            State::Refused(err) => {
                let err = err.take();
                this.state = State::Finished;
                Poll::Ready(Err(err.expect("a refused dispatch holds its error")))
            }
            State::Running { event, calls } => {
                let mut all_done = true;
                for call in calls.iter_mut() {
                    all_done &= call.advance(cx);
                }
                if !all_done {
                    return Poll::Pending;
                }
                let report = Report {
                    event,
                    handlers_run: calls.len(),
                    failures: calls
                        .iter_mut()
                        .filter_map(|call| call.take_outcome()?.err())
                        .collect(),
                };
                this.state = State::Finished;
                Poll::Ready(Ok(report))
            }
            State::Finished => panic!("a Dispatch was polled after it completed"),
        }
    }
}

impl fmt::Debug for Dispatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Refused(_) => "refused",
            State::Running { .. } => "running",
            State::Finished => "finished",
        };
        f.debug_struct("Dispatch").field("state", &state).finish()
    }
}

/// A delivery that could not be dispatched: no handler ran.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DispatchError {
    /// No module of that name is declared in this binary.
    #[error("unknown module `{module}`{}", did_you_mean_suffix(did_you_mean.as_deref()))]
    UnknownModule {
        /// The module asked for.
        module: String,
        /// The closest declared module, if one is close.
        did_you_mean: Option<&'static str>,
    },
    /// The module is declared but has no such event.
    #[error("unknown event `{module}.{event}`{}", did_you_mean_suffix(did_you_mean.as_deref()))]
    UnknownEvent {
        /// The module asked for.
        module: String,
        /// The event asked for.
        event: String,
        /// The closest declared `module.event`, if one is close.
        did_you_mean: Option<String>,
    },
    /// The payload is not valid JSON for the event's payload type.
    #[error(transparent)]
    InvalidPayload(#[from] PayloadError),
}

impl DispatchError {
    /// The HTTP status a webhook endpoint answers this error with: 400, since the delivery
    /// names an event this binary cannot take, or a payload that is not the event's.
    #[cfg(feature = "http")]
    pub fn status(&self) -> axum::http::StatusCode {
        axum::http::StatusCode::BAD_REQUEST
    }
}

#[cfg(feature = "http")]
impl axum::response::IntoResponse for DispatchError {
    fn into_response(self) -> axum::response::Response {
        (self.status(), self.to_string()).into_response()
    }
}

fn did_you_mean_suffix(close: Option<&str>) -> String {
    close
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}
