//! What the benchmarks share: the sample, its handler's body, the same-run baseline and the
//! measured dispatch.

#![allow(dead_code)] // each benchmark uses a part

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use backend_events::Dispatcher;
use backend_events::wix_events_guests::GuestCreated;
use criterion::Criterion;

/// The seed sample of `wixEventsGuests.onGuestCreated`.
pub const SAMPLE: &[u8] = include_bytes!("../../samples/wixEventsGuests.onGuestCreated.json");

/// What the measured handler does with its payload: look at it, so nothing is optimised away.
pub fn handle(event: GuestCreated) {
    black_box(&event);
}

/// Polls a future that never waits to completion, with no runtime in the way.
pub fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

/// The baseline (hand-written parse + direct call) and the dispatcher, in one group.
pub fn bench_group(c: &mut Criterion, group_name: &str) {
    let mut group = c.benchmark_group(group_name);
    group.bench_function("baseline_parse_and_call", |b| {
        b.iter(|| {
            let event: GuestCreated = serde_json::from_slice(black_box(SAMPLE)).unwrap();
            handle(event);
        })
    });
    let dispatcher = Dispatcher::new();
    assert_eq!(
        dispatcher
            .handlers_for("wixEventsGuests", "onGuestCreated")
            .unwrap()
            .len(),
        1,
        "the benchmark measures dispatch to exactly one handler"
    );
    group.bench_function("dispatch_one_handler", |b| {
        b.iter(|| {
            let report = run_ready(dispatcher.dispatch(
                "wixEventsGuests",
                "onGuestCreated",
                black_box(SAMPLE),
            ))
            .unwrap();
            assert!(report.is_success());
        })
    });
    group.finish();
}
