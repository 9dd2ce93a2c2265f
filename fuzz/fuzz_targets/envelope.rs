//! The envelope decoder on arbitrary input: the `data` claim of a token whose signature held,
//! as `Envelope::parse` receives it, decoded (`Envelope::decode`) when a declared event has its
//! `eventType`, then the decoded payload through the dispatcher (which
//! parses it into the event's type and, when that fails, locates the error's JSON path). No
//! input may panic.

#![no_main]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use backend_events::Dispatcher;
use backend_events::webhook::Envelope;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(envelope) = Envelope::parse(text) else {
        return;
    };
    let dispatcher = Dispatcher::new();
    let _ = envelope.event_id();
    let Some(event) = dispatcher.webhook_event(envelope.event_type()) else {
        return;
    };
    if let Ok(delivery) = envelope.decode() {
        // No handler is linked here: dispatching is parsing (and locating a failure).
        let _ = run_ready(dispatcher.dispatch_event(event, delivery.payload()));
    }
});

/// Polls a future that never waits to completion.
fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}
