//! `Dispatcher::dispatch` of the GuestCreated seed sample to one handler, against the
//! hand-written baseline (`serde_json::from_slice::<GuestCreated>` + a direct call), in one run.
//! `bench/dispatch_ratios.sh` runs it and prints the ratios.

// criterion's macros generate undocumented fns.
#![allow(missing_docs)]

mod support;

use backend_events::backend_event;
use backend_events::wix_events_guests::GuestCreated;
use criterion::{Criterion, criterion_group};

#[backend_event(wixEventsGuests, onGuestCreated)]
fn on_guest_created(event: GuestCreated) {
    support::handle(event);
}

/// The table this binary is about: one handler.
fn check_table() {
    assert_eq!(backend_events::handlers().len(), 1);
}

fn small_table(c: &mut Criterion) {
    support::bench_group(c, "small_table");
}

criterion_group!(benches, small_table);

fn main() {
    support::main("small_table", check_table, benches);
}
