//! [`Dispatcher`]: one delivery in, every matching handler run, a [`Report`] out.

use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

use futures_util::FutureExt;
use futures_util::future::join_all;
use serde::de::DeserializeOwned;

use crate::event::{AnyPayload, EventInfo};
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
    pub fn dispatch(
        &self,
        module: &str,
        event: &str,
        payload: &[u8],
    ) -> impl Future<Output = Result<Report, DispatchError>> + Send + 'static {
        let prepared = self
            .slot(module, event)
            .and_then(|slot| Ok((slot, (slot.info.parse)(payload)?)))
            .map(|(slot, parsed)| (slot.info, Cow::Borrowed(slot.handlers.as_slice()), parsed));
        run_prepared(prepared)
    }

    /// Like [`dispatch`](Self::dispatch), but runs only the handlers `select` accepts: for
    /// instance, the ones that have not yet succeeded for a delivery that is being retried.
    pub fn dispatch_to(
        &self,
        module: &str,
        event: &str,
        payload: &[u8],
        mut select: impl FnMut(&Handler) -> bool,
    ) -> impl Future<Output = Result<Report, DispatchError>> + Send + 'static {
        let prepared = self
            .slot(module, event)
            .and_then(|slot| Ok((slot, (slot.info.parse)(payload)?)))
            .map(|(slot, parsed)| {
                let selected: Vec<&'static Handler> = slot
                    .handlers
                    .iter()
                    .copied()
                    .filter(|h| select(h))
                    .collect();
                (slot.info, Cow::Owned(selected), parsed)
            });
        run_prepared(prepared)
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

/// The closest event of the same module, or else the same event name in another module (an
/// event looked for in the wrong module).
fn closest_event(index: &Index, module: &str, event: &str) -> Option<String> {
    let same_module = index
        .modules
        .get(module)
        .and_then(|events| suggest::closest(event, events.keys().copied()))
        .map(|close| format!("{module}.{close}"));
    same_module.or_else(|| {
        index
            .modules
            .iter()
            .find(|(_, events)| events.contains_key(event))
            .map(|(other, _)| format!("{other}.{event}"))
    })
}

type Prepared = (
    &'static EventInfo,
    Cow<'static, [&'static Handler]>,
    AnyPayload,
);

async fn run_prepared(prepared: Result<Prepared, DispatchError>) -> Result<Report, DispatchError> {
    let (event, handlers, payload) = prepared?;
    Ok(run(event, &handlers, payload).await)
}

async fn run(
    event: &'static EventInfo,
    handlers: &[&'static Handler],
    payload: AnyPayload,
) -> Report {
    let mut report = Report {
        event,
        handlers_run: handlers.len(),
        failures: Vec::new(),
    };
    match handlers {
        [] => {}
        [only] => {
            if let Err(failure) = call(only, payload).await {
                report.failures.push(failure);
            }
        }
        [rest @ .., last] => {
            let mut calls = Vec::with_capacity(handlers.len());
            for handler in rest {
                match (event.clone)(&payload) {
                    Some(copy) => calls.push(call(handler, copy).boxed()),
                    None => report.failures.push(HandlerFailure {
                        handler,
                        kind: FailureKind::Error,
                        message: "the payload could not be copied for this handler".to_owned(),
                    }),
                }
            }
            calls.push(call(last, payload).boxed());
            report
                .failures
                .extend(join_all(calls).await.into_iter().filter_map(Result::err));
        }
    }
    report
}

/// Runs one handler, turning its error or panic into a failure.
async fn call(handler: &'static Handler, payload: AnyPayload) -> Result<(), HandlerFailure> {
    let fail = |kind, message| HandlerFailure {
        handler,
        kind,
        message,
    };
    let future = catch_unwind(AssertUnwindSafe(|| (handler.invoke)(payload)))
        .map_err(|panic| fail(FailureKind::Panic, panic_message(&*panic)))?;
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(message)) => Err(fail(FailureKind::Error, message)),
        Err(panic) => Err(fail(FailureKind::Panic, panic_message(&*panic))),
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message.clone()
    } else {
        "the handler panicked with a value that is not a string".to_owned()
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
    /// Parses `bytes` again, tracking the path, to say where the first parse (which failed
    /// with `error`) went wrong.
    pub(crate) fn locate<P: DeserializeOwned>(
        module: &'static str,
        event: &'static str,
        bytes: &[u8],
        error: serde_json::Error,
    ) -> PayloadError {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let (path, error) = match serde_path_to_error::deserialize::<_, P>(&mut deserializer) {
            Err(located) => (located.path().to_string(), located.into_inner()),
            // The value parsed; what failed was after it (trailing characters).
            Ok(_) => (".".to_owned(), error),
        };
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
