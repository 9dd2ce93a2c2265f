//! What a dispatch tells its caller: a [`Report`] of one delivery, with a [`HandlerFailure`]
//! for each handler that returned an error ([`FailureKind::Error`]) or panicked
//! ([`FailureKind::Panic`]).

use std::fmt;

use crate::event::EventInfo;
use crate::handler::Handler;

/// What happened to one delivery: how many handlers ran and which of them failed.
#[derive(Debug)]
#[must_use = "a report says whether every handler succeeded"]
pub struct Report {
    pub(crate) event: &'static EventInfo,
    pub(crate) handlers_run: usize,
    pub(crate) failures: Vec<HandlerFailure>,
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
    pub(crate) handler: &'static Handler,
    pub(crate) kind: FailureKind,
    pub(crate) message: String,
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
