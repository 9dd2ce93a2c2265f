//! One handler on one parsed payload: a [`HandlerCall`] is a future that runs the handler and
//! resolves to that handler's own outcome, with its error or panic caught, so that one handler
//! cannot stop the others. [`Dispatch`](crate::Dispatch) polls several; the inbox's workers
//! run each on a thread of its own and record its outcome the moment it resolves.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::handler::{Handler, HandlerFuture, Outcome, Started};
use crate::payload::AnyPayload;
use crate::report::{FailureKind, HandlerFailure};

/// One handler's run on one delivery, made by
/// [`Dispatcher::calls`](crate::Dispatcher::calls): await it (or spawn it: it is `Send` and
/// `'static`) for that handler's outcome.
///
/// A sync handler runs to completion when the call is first polled; an async one runs as its
/// future is polled. A panic, on the first call or in any later poll, becomes a
/// [`HandlerFailure`] of kind [`FailureKind::Panic`].
#[must_use = "the handler runs only when its call is awaited"]
pub struct HandlerCall {
    handler: &'static Handler,
    step: Step,
}

enum Step {
    NotStarted(AnyPayload),
    Running(HandlerFuture),
    /// Known before the handler runs: the payload could not be handed to it.
    Ready(Result<(), HandlerFailure>),
    Finished,
}

impl HandlerCall {
    /// The call of `handler` on `payload`, which must be of its event's payload type.
    pub(crate) fn new(handler: &'static Handler, payload: AnyPayload) -> Self {
        HandlerCall {
            handler,
            step: Step::NotStarted(payload),
        }
    }

    /// A call that fails with `message` without running the handler.
    pub(crate) fn failed(handler: &'static Handler, message: String) -> Self {
        HandlerCall {
            handler,
            step: Step::Ready(Err(HandlerFailure {
                handler,
                kind: FailureKind::Error,
                message,
            })),
        }
    }

    /// The handler this call runs.
    pub fn handler(&self) -> &'static Handler {
        self.handler
    }

    fn outcome(&self, outcome: Outcome) -> Result<(), HandlerFailure> {
        outcome.map_err(|message| HandlerFailure {
            handler: self.handler,
            kind: FailureKind::Error,
            message,
        })
    }

    fn panicked(&self, panic: &(dyn Any + Send)) -> Result<(), HandlerFailure> {
        Err(HandlerFailure {
            handler: self.handler,
            kind: FailureKind::Panic,
            message: panic_message(panic),
        })
    }

    fn poll_running(
        &mut self,
        mut future: HandlerFuture,
        cx: &mut Context<'_>,
    ) -> Poll<Result<(), HandlerFailure>> {
        match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Ready(outcome)) => Poll::Ready(self.outcome(outcome)),
            Ok(Poll::Pending) => {
                self.step = Step::Running(future);
                Poll::Pending
            }
            Err(panic) => Poll::Ready(self.panicked(&*panic)),
        }
    }
}

impl HandlerCall {
    /// Runs or polls the handler; whether its outcome is known (it is kept until
    /// [`take_outcome`](Self::take_outcome)). Dispatch advances its calls in place this way,
    /// with no second list for their outcomes.
    pub(crate) fn advance(&mut self, cx: &mut Context<'_>) -> bool {
        let poll = match std::mem::replace(&mut self.step, Step::Finished) {
            Step::NotStarted(payload) => {
                let invoke = self.handler.invoke;
                match catch_unwind(AssertUnwindSafe(|| invoke.invoke(payload))) {
                    Ok(Started::Done(outcome)) => Poll::Ready(self.outcome(outcome)),
                    Ok(Started::Pending(future)) => self.poll_running(future, cx),
                    Err(panic) => Poll::Ready(self.panicked(&*panic)),
                }
            }
            Step::Running(future) => self.poll_running(future, cx),
            Step::Ready(result) => Poll::Ready(result),
            Step::Finished => return true,
        };
        match poll {
            Poll::Ready(result) => {
                self.step = Step::Ready(result);
                true
            }
            Poll::Pending => false,
        }
    }

    /// The outcome, once [`advance`](Self::advance) has said it is known; `None` before, or
    /// once taken.
    pub(crate) fn take_outcome(&mut self) -> Option<Result<(), HandlerFailure>> {
        match std::mem::replace(&mut self.step, Step::Finished) {
            Step::Ready(result) => Some(result),
            other => {
                self.step = other;
                None
            }
        }
    }
}

impl Future for HandlerCall {
    type Output = Result<(), HandlerFailure>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if !this.advance(cx) {
            return Poll::Pending;
        }
        match this.take_outcome() {
            Some(result) => Poll::Ready(result),
            None => panic!("a HandlerCall was polled after it completed"),
        }
    }
}

impl fmt::Debug for HandlerCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = match &self.step {
            Step::NotStarted(_) => "not started",
            Step::Running(_) => "running",
            Step::Ready(_) => "ready",
            Step::Finished => "finished",
        };
        f.debug_struct("HandlerCall")
            .field("handler", &self.handler.name())
            .field("step", &step)
            .finish()
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
