//! The envelope decoder on arbitrary input: the `data` claim of a token whose signature held,
//! as `Delivery::decode` receives it, then the decoded payload through the dispatcher (which
//! parses it into the event's type and, when that fails, locates the error's JSON path). No
//! input may panic.

#![no_main]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use backend_events::Dispatcher;
use backend_events::webhook::Delivery;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(delivery) = Delivery::decode(text) else {
        return;
    };
    if let Some(event) = delivery.event() {
        // No handler is linked here: dispatching is parsing (and locating a failure).
        let _ =
            run_ready(Dispatcher::new().dispatch(event.module(), event.name(), delivery.payload()));
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
