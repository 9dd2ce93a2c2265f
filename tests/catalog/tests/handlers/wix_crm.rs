//! `wixCrm.onFormSubmit`: the older event of a module that is otherwise generated reaches its
//! handler (in older_events_js.rs, which reads its fields) beside the module's webhook events.
//! (It lives with the whole catalog: the other test crate leaves `wix-crm` out on purpose.)

const SUBMIT: &str = include_str!("../../../../runtime/samples/wixCrm.onFormSubmit.json");

#[test]
fn form_submit_has_its_sample_and_no_webhook() {
    use backend_events::BackendEvent;
    use backend_events::wix_crm::wixCrm::onFormSubmit;
    // older_events_js.rs dispatches the sample to its handler.
    assert_eq!(onFormSubmit::WEBHOOK_TYPE, None);
    assert_eq!(onFormSubmit::SAMPLE, Some(SUBMIT));
}

/// The hand-typed event and the generated ones share the module's table.
#[test]
fn the_module_holds_both_families() {
    let crm: Vec<_> = backend_events::events()
        .filter(|e| e.module() == "wixCrm")
        .collect();
    assert_eq!(crm.len(), 30);
    let older: Vec<_> = crm.iter().filter(|e| e.webhook_type().is_none()).collect();
    assert_eq!(older.len(), 1);
    assert_eq!(older[0].name(), "onFormSubmit");
    assert!(crm.iter().any(|e| e.name() == "onContactCreated"
        && e.webhook_type() == Some("wix.contacts.v4.contact_created")));
}
