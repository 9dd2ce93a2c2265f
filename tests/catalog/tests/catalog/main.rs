//! The whole built-in catalog, without handlers of its own: every event generically, the two
//! spellings of each area, and the attribute's copy of the names.

mod generic;
mod names;
mod spellings;
