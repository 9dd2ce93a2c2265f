//! Compile errors are part of the product: each misuse of `#[backend_event]` has a case here
//! whose expected message is in `ui/<case>.stderr`. Regenerate with `TRYBUILD=overwrite` only
//! after reading the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
