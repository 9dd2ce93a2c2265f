//! The link-time tables (every handler and every declared event linked into the binary) and the
//! index built from them on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::event::EventInfo;
use crate::handler::Handler;

/// Every handler linked into this binary, one entry per `#[backend_event]` fn.
// linkme places the slice with `link_section`, which the `unsafe_code` lint counts; there is no
// unsafe code of ours here.
#[allow(unsafe_code)]
#[linkme::distributed_slice]
pub static HANDLERS: [Handler];

/// Places a handler's entry in [`HANDLERS`]: `register_handler!(NAME = entry)` declares
/// `static NAME: Handler = entry` in the slice.
///
/// This is what `#[linkme::distributed_slice(HANDLERS)]` on that static expands to, minus the
/// type-check fn linkme adds to every element: two closures per element, about half of what
/// the attribute cost to compile. That check makes sure an element has the slice's element
/// type; here the static's type is always `$crate::Handler`, the type `HANDLERS` is declared
/// with just above, so there is nothing left for it to catch.
///
/// The form of the call (`#![linkme_macro = path]`, then the item) is linkme's internal one,
/// the one its element attribute emits since 0.3.34. The workspace asks for linkme 0.3.35 or
/// later, and CI builds and runs the handlers against both 0.3.35 and the newest release, so
/// that a release that changed the form is caught there.
#[doc(hidden)]
#[macro_export]
macro_rules! __register_handler {
    ($name:ident = $entry:expr) => {
        $crate::__private::HANDLERS! {
            #![linkme_macro = $crate::__private::HANDLERS]
            static $name: $crate::Handler = $entry;
        }
    };
}

/// Every event declared with `declare_module!` and linked into this binary.
#[allow(unsafe_code)]
#[linkme::distributed_slice]
pub static EVENTS: [&'static EventInfo];

/// Every handler linked into this binary, sorted by module, event and name.
///
/// ```
/// for h in backend_events::handlers() {
///     println!("{}.{} -> {} ({})", h.module(), h.event(), h.name(), h.location());
/// }
/// ```
pub fn handlers() -> impl ExactSizeIterator<Item = &'static Handler> + Clone {
    Index::get().handlers.iter().copied()
}

/// Every event declared in this binary (the catalog's and any crate's own), sorted by module
/// and name.
pub fn events() -> impl ExactSizeIterator<Item = &'static EventInfo> + Clone {
    Index::get().events.iter().copied()
}

/// The tables, arranged for look-ups. Built once, on the first look-up: nothing runs before
/// `main`, and every later look-up is two hash probes.
pub(crate) struct Index {
    pub(crate) modules: HashMap<&'static str, HashMap<&'static str, EventSlot>>,
    handlers: Vec<&'static Handler>,
    events: Vec<&'static EventInfo>,
    webhook_types: HashMap<&'static str, &'static EventInfo>,
}

/// One event and its handlers.
pub(crate) struct EventSlot {
    pub(crate) info: &'static EventInfo,
    pub(crate) handlers: Vec<&'static Handler>,
}

impl Index {
    pub(crate) fn get() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        INDEX.get_or_init(|| Index::build(EVENTS.iter().copied(), HANDLERS.iter()))
    }

    fn build(
        events: impl Iterator<Item = &'static EventInfo>,
        handlers: impl Iterator<Item = &'static Handler>,
    ) -> Index {
        let mut modules: HashMap<&'static str, HashMap<&'static str, EventSlot>> = HashMap::new();
        for info in events {
            slot(&mut modules, info);
        }
        let mut all_handlers: Vec<&'static Handler> = Vec::new();
        for handler in handlers {
            slot(&mut modules, handler.event).handlers.push(handler);
            all_handlers.push(handler);
        }

        // Link order is not stable across builds; name order is.
        let by_name = |h: &&Handler| (h.module(), h.event(), h.name, h.location.line);
        all_handlers.sort_by_key(by_name);
        let mut events: Vec<&'static EventInfo> = Vec::new();
        for events_of_module in modules.values_mut() {
            for slot in events_of_module.values_mut() {
                slot.handlers.sort_by_key(by_name);
                events.push(slot.info);
            }
        }
        events.sort_by_key(|info| (info.module(), info.name()));
        let webhook_types = events
            .iter()
            .filter_map(|info| Some((info.webhook_type()?, *info)))
            .collect();
        Index {
            modules,
            handlers: all_handlers,
            events,
            webhook_types,
        }
    }

    /// The slot of a declared event, found by its names (an event may be declared twice, by the
    /// catalog and by a crate of its own: both land in one slot).
    pub(crate) fn slot_of(&self, info: &EventInfo) -> Option<&EventSlot> {
        self.modules.get(info.module())?.get(info.name())
    }

    /// The event a webhook `eventType` delivers, if this binary declares it.
    #[cfg_attr(not(feature = "webhook"), allow(dead_code))]
    pub(crate) fn by_webhook_type(&self, event_type: &str) -> Option<&'static EventInfo> {
        self.webhook_types.get(event_type).copied()
    }
}

/// The slot of `info`, made on first sight. Events are matched by name, so a handler whose
/// crate declares the same event again still lands with the catalog's.
fn slot<'a>(
    modules: &'a mut HashMap<&'static str, HashMap<&'static str, EventSlot>>,
    info: &'static EventInfo,
) -> &'a mut EventSlot {
    modules
        .entry(info.module())
        .or_default()
        .entry(info.name())
        .or_insert_with(|| EventSlot {
            info,
            handlers: Vec::new(),
        })
}
