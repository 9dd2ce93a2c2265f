//! The attribute's copy of the catalog's names is the runtime's catalog.

#[test]
fn catalog_names_match_the_runtime() {
    // The attribute checks catalog names itself; its table must be the runtime's catalog.
    let macro_names: &[(&str, &str)] = backend_events::__catalog_names!();
    let mut macro_names: Vec<(&str, &str)> = macro_names.to_vec();
    macro_names.sort();
    let runtime_names: Vec<(&str, &str)> = backend_events::events()
        .filter(|e| e.module() != "loyaltyPackage")
        .map(|e| (e.module(), e.name()))
        .collect();
    assert_eq!(macro_names, runtime_names);
}
