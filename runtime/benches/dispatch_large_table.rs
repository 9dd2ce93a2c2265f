//! The same measurement as `dispatch.rs`, in a binary whose table also holds 999 generated
//! handlers over 300 generated events: the cost of one delivery must not grow with the table.

// criterion's macros generate undocumented fns.
#![allow(missing_docs)]

mod support;

use std::hint::black_box;

use backend_events::backend_event;
use backend_events::wix_events_guests::GuestCreated;
use criterion::{Criterion, criterion_group};
use seq_macro::seq;

seq!(N in 0..300 {
    backend_events::declare_module! {
        /// 300 generated events.
        pub mod benchModule {
            #( onEvent~N => GuestCreated; )*
        }
    }
});

seq!(N in 0..300 {
    #[backend_event(crate::benchModule, onEvent~N)]
    fn first~N(event: GuestCreated) {
        black_box(&event);
    }

    #[backend_event(crate::benchModule, onEvent~N)]
    fn second~N(event: GuestCreated) {
        black_box(&event);
    }

    #[backend_event(crate::benchModule, onEvent~N)]
    fn third~N(event: GuestCreated) {
        black_box(&event);
    }
});

seq!(N in 0..99 {
    #[backend_event(crate::benchModule, onEvent~N)]
    fn fourth~N(event: GuestCreated) {
        black_box(&event);
    }
});

#[backend_event(wixEventsGuests, onGuestCreated)]
fn on_guest_created(event: GuestCreated) {
    support::handle(event);
}

/// The table this binary is about: 1,000 handlers over more than 300 events.
fn check_table() {
    assert_eq!(backend_events::handlers().len(), 1000);
    assert!(backend_events::events().len() >= 300);
}

fn large_table(c: &mut Criterion) {
    support::bench_group(c, "large_table");
}

criterion_group!(benches, large_table);

fn main() {
    support::main("large_table", check_table, benches);
}
