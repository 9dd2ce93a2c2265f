//! [`Dispatcher`]: one delivery in, every matching handler run, a [`Report`] out.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::__private::{HandlerFuture, Outcome, Started};
use crate::event::{AnyPayload, EventInfo};
use crate::json_path;
use crate::registry::{EventSlot, Handler, Index};
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
/// isolated: an error or a panic becomes a [`HandlerFailure`] in the report and the other
/// handlers still run.
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
        (slot.info.parse)(payload)
            .map(|_| slot.info)
            .map_err(DispatchError::InvalidPayload)
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

    /// Parses `payload` as the JSON of `module.event` and runs every handler of that event.
    ///
    /// An event with no handler is not an error: the report says `handlers_run() == 0`. An
    /// unknown module or event, or a payload that does not parse, is a [`DispatchError`] and no
    /// handler runs. The payload is parsed when this is called; the handlers run when the
    /// returned future is awaited.
    pub fn dispatch(&self, module: &str, event: &str, payload: &[u8]) -> Dispatch {
        Dispatch::start(self.slot(module, event), payload, |_| true)
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
        Dispatch::start(self.slot(module, event), payload, select)
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
        calls: Vec<Call>,
    },
    Finished,
}

/// One handler's progress through a delivery.
struct Call {
    handler: &'static Handler,
    step: Step,
}

enum Step {
    NotStarted(AnyPayload),
    Running(HandlerFuture),
    Done(Result<(), HandlerFailure>),
}

impl Dispatch {
    fn start(
        slot: Result<&'static EventSlot, DispatchError>,
        payload: &[u8],
        mut select: impl FnMut(&Handler) -> bool,
    ) -> Dispatch {
        let slot = match slot {
            Ok(slot) => slot,
            Err(err) => return Dispatch::refused(err),
        };
        let parsed = match (slot.info.parse)(payload) {
            Ok(parsed) => parsed,
            Err(err) => return Dispatch::refused(err.into()),
        };
        // Parsed once: every selected handler but the last gets a copy, the last the original.
        let mut selected = slot
            .handlers
            .iter()
            .copied()
            .filter(|h| select(h))
            .peekable();
        let mut calls = Vec::with_capacity(slot.handlers.len());
        let mut parsed = Some(parsed);
        while let Some(handler) = selected.next() {
            let payload = if selected.peek().is_none() {
                parsed.take()
            } else {
                parsed.as_ref().and_then(slot.info.clone)
            };
            let step = match payload {
                Some(payload) => Step::NotStarted(payload),
                None => Step::Done(Err(HandlerFailure {
                    handler,
                    kind: FailureKind::Error,
                    message: "the payload could not be copied for this handler".to_owned(),
                })),
            };
            calls.push(Call { handler, step });
        }
        Dispatch {
            state: State::Running {
                event: slot.info,
                calls,
            },
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
                        .drain(..)
                        .filter_map(|call| match call.step {
                            Step::Done(Err(failure)) => Some(failure),
                            _ => None,
                        })
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

impl Call {
    /// Starts or polls the handler; whether it has finished. An error or a panic becomes its
    /// failure, so one handler cannot stop the others.
    fn advance(&mut self, cx: &mut Context<'_>) -> bool {
        let handler = self.handler;
        let step = std::mem::replace(&mut self.step, Step::Done(Ok(())));
        let mut future = match step {
            Step::Done(result) => {
                self.step = Step::Done(result);
                return true;
            }
            Step::NotStarted(payload) => {
                match catch_unwind(AssertUnwindSafe(|| handler.invoke.invoke(payload))) {
                    Ok(Started::Done(outcome)) => return self.finish(outcome),
                    Ok(Started::Pending(future)) => future,
                    Err(panic) => return self.panicked(&*panic),
                }
            }
            Step::Running(future) => future,
        };
        match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Ready(outcome)) => self.finish(outcome),
            Ok(Poll::Pending) => {
                self.step = Step::Running(future);
                false
            }
            Err(panic) => self.panicked(&*panic),
        }
    }

    fn finish(&mut self, outcome: Outcome) -> bool {
        self.step = Step::Done(outcome.map_err(|message| HandlerFailure {
            handler: self.handler,
            kind: FailureKind::Error,
            message,
        }));
        true
    }

    fn panicked(&mut self, panic: &(dyn Any + Send)) -> bool {
        self.step = Step::Done(Err(HandlerFailure {
            handler: self.handler,
            kind: FailureKind::Panic,
            message: panic_message(panic),
        }));
        true
    }
}

/// What a caught panic says: its message, when it has one.
pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic with a value that is not a string".to_owned()
    }
}

/// What happened to one delivery: how many handlers ran and which of them failed.
#[derive(Debug)]
#[must_use = "a report says whether every handler succeeded"]
pub struct Report {
    event: &'static EventInfo,
    handlers_run: usize,
    failures: Vec<HandlerFailure>,
}

impl Report {
    /// The event delivered.
    pub fn event(&self) -> &'static EventInfo {
        self.event
    }

    /// How many handlers were invoked, failed or not.
    pub fn handlers_run(&self) -> usize {
        self.handlers_run
    }

    /// The handlers that returned an error or panicked, in name order.
    pub fn failures(&self) -> &[HandlerFailure] {
        &self.failures
    }

    /// Whether no handler failed (also true when none ran).
    pub fn is_success(&self) -> bool {
        self.failures.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} handler(s) ran, {} failed",
            self.event,
            self.handlers_run,
            self.failures.len()
        )?;
        for failure in &self.failures {
            write!(f, "\n  {failure}")?;
        }
        Ok(())
    }
}

/// One handler that failed on a delivery.
#[derive(Debug)]
pub struct HandlerFailure {
    handler: &'static Handler,
    kind: FailureKind,
    message: String,
}

impl HandlerFailure {
    /// The handler that failed.
    pub fn handler(&self) -> &'static Handler {
        self.handler
    }

    /// The handler's fn path.
    pub fn name(&self) -> &'static str {
        self.handler.name()
    }

    /// Whether it returned an error or panicked.
    pub fn kind(&self) -> FailureKind {
        self.kind
    }

    /// The error's message, or the panic's.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for HandlerFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            FailureKind::Error => "failed",
            FailureKind::Panic => "panicked",
        };
        write!(
            f,
            "{} ({}) {what}: {}",
            self.handler.name(),
            self.handler.location(),
            self.message
        )
    }
}

/// How a handler failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailureKind {
    /// It returned `Err`.
    Error,
    /// It panicked.
    Panic,
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

fn did_you_mean_suffix(close: Option<&str>) -> String {
    close
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Why a payload does not parse: where (JSON path, line, column) and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid payload for {module}.{event}: {message} at {}, line {line}, column {column}",
    describe_path(path)
)]
pub struct PayloadError {
    module: &'static str,
    event: &'static str,
    path: String,
    line: usize,
    column: usize,
    message: String,
}

fn describe_path(path: &str) -> String {
    if path == "." || path.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{path}`")
    }
}

impl PayloadError {
    /// Where in `bytes` the parse that failed with `error` went wrong: the path is read off
    /// the text at the error's position (see `json_path`), so no type is needed.
    pub(crate) fn locate(
        module: &'static str,
        event: &'static str,
        bytes: &[u8],
        error: serde_json::Error,
    ) -> PayloadError {
        let path = json_path::path_at(bytes, error.line(), error.column());
        let position = format!(" at line {} column {}", error.line(), error.column());
        let text = error.to_string();
        let message = text.strip_suffix(&position).unwrap_or(&text).to_owned();
        PayloadError {
            module,
            event,
            path,
            line: error.line(),
            column: error.column(),
            message,
        }
    }

    /// The event whose payload it was, as `module.event`.
    pub fn event(&self) -> String {
        format!("{}.{}", self.module, self.event)
    }

    /// The JSON path of the failing value, such as `entity.tickets[0].name` (`.` for the
    /// document itself).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The line of the failure, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the failure, from 1.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What was wrong, such as ``missing field `entityId` ``.
    pub fn message(&self) -> &str {
        &self.message
    }
}
