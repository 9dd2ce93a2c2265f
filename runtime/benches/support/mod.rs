//! What the benchmarks share: the sample, its handler's body, the same-run baseline and the
//! measured dispatch.

#![allow(dead_code)] // each benchmark uses a part

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

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

/// One delivery the hand-written way: parse, then call the handler.
fn baseline_once() {
    let event: GuestCreated = serde_json::from_slice(black_box(SAMPLE)).unwrap();
    handle(event);
}

/// One delivery through the dispatcher, to its one handler.
fn dispatch_once(dispatcher: &Dispatcher) {
    let report =
        run_ready(dispatcher.dispatch("wixEventsGuests", "onGuestCreated", black_box(SAMPLE)))
            .unwrap();
    assert!(report.is_success());
}

/// The dispatcher of this binary, checked to run exactly one handler for the sample.
fn one_handler_dispatcher() -> Dispatcher {
    let dispatcher = Dispatcher::new();
    assert_eq!(
        dispatcher
            .handlers_for("wixEventsGuests", "onGuestCreated")
            .unwrap()
            .len(),
        1,
        "the benchmark measures dispatch to exactly one handler"
    );
    dispatcher
}

/// A dispatch benchmark's `main`: what `criterion_main!` does, after checking the binary's
/// table, or the paired measurement when `BACKEND_EVENTS_PAIRED=1` asks for it (as
/// `bench/dispatch_ratios.sh` does).
pub fn main(group_name: &str, check_table: fn(), criterion_benches: fn()) {
    check_table();
    if std::env::var_os("BACKEND_EVENTS_PAIRED").is_some_and(|v| v == "1") {
        paired(group_name);
        return;
    }
    criterion_benches();
    Criterion::default().configure_from_args().final_summary();
}

/// The dispatch/baseline ratio measured in alternating batches (500 deliveries each way, in
/// turn, 400 times): a slow spell of a shared machine then slows both sides of each pair
/// alike, which two criterion measurements taken seconds apart cannot promise. Prints one
/// line of JSON with the median ratio of the pairs (the upper one: the count is even) and its
/// quartiles (the sorted ratios at a quarter and three quarters).
fn paired(group_name: &str) {
    const BATCH: u32 = 500;
    const PAIRS: usize = 400;
    let dispatcher = one_handler_dispatcher();
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..BATCH {
            f();
        }
        start.elapsed()
    };
    let baseline = || baseline_once();
    let dispatch = || dispatch_once(&dispatcher);
    // Warm-up: caches, branch predictors, the dispatcher's index.
    let warm_until = Instant::now() + Duration::from_millis(500);
    while Instant::now() < warm_until {
        time(&baseline);
        time(&dispatch);
    }
    let mut ratios = Vec::with_capacity(PAIRS);
    let (mut baseline_total, mut dispatch_total) = (Duration::ZERO, Duration::ZERO);
    for pair in 0..PAIRS {
        // Alternate which side goes first, so neither always follows the other.
        let (b, d) = if pair % 2 == 0 {
            let b = time(&baseline);
            (b, time(&dispatch))
        } else {
            let d = time(&dispatch);
            (time(&baseline), d)
        };
        baseline_total += b;
        dispatch_total += d;
        ratios.push(d.as_secs_f64() / b.as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    let per_delivery_ns =
        |total: Duration| total.as_secs_f64() * 1e9 / f64::from(BATCH) / PAIRS as f64;
    println!(
        "{{\"group\":\"{group_name}\",\"pairs\":{PAIRS},\"batch\":{BATCH},\"ratio_median\":{:.4},\"ratio_q1\":{:.4},\"ratio_q3\":{:.4},\"baseline_ns\":{:.1},\"dispatch_ns\":{:.1}}}",
        ratios[PAIRS / 2],
        ratios[PAIRS / 4],
        ratios[3 * PAIRS / 4],
        per_delivery_ns(baseline_total),
        per_delivery_ns(dispatch_total),
    );
}

/// The baseline (hand-written parse + direct call) and the dispatcher, in one group.
pub fn bench_group(c: &mut Criterion, group_name: &str) {
    let mut group = c.benchmark_group(group_name);
    group.bench_function("baseline_parse_and_call", |b| b.iter(baseline_once));
    let dispatcher = one_handler_dispatcher();
    group.bench_function("dispatch_one_handler", |b| {
        b.iter(|| dispatch_once(&dispatcher))
    });
    group.finish();
}
