//! Methods written by hand on generated payload types, where a delivery may say one thing in
//! two ways (two spellings, two shapes) and a handler wants one answer. The types themselves
//! are generated (`catalog/generated/`); inherent methods may live in any module of the crate.

#[cfg(feature = "wix-events-v3")]
mod wix_events_v3;
