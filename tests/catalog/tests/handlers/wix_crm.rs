//! `wixCrm.onFormSubmit`: the older event of a module that is otherwise generated reaches its
//! handler with the fields a user reads, beside the module's webhook events. (It lives with the
//! whole catalog: the other test crate leaves `wix-crm` out on purpose.)

use backend_events::backend_event;
use backend_events::wix_crm::FormSubmit;

const SUBMIT: &str = include_str!("../../../../runtime/samples/wixCrm.onFormSubmit.json");

#[backend_event]
fn wixCrm_onFormSubmit(event: FormSubmit) {
    assert_eq!(
        event.contact_id.as_deref(),
        Some("f20a2d87-4a0f-4ad6-a5ab-f9fb2d3bc1e6")
    );
    assert_eq!(event.form_name.as_deref(), Some("Contact Us"));
    assert_eq!(
        event.submission_time.unwrap().to_rfc3339(),
        "2019-09-05T07:30:58.385+00:00"
    );
    let email = event
        .submission_data
        .iter()
        .find(|f| f.field_name.as_deref() == Some("Email"));
    assert_eq!(
        email.and_then(|f| f.field_value.as_deref()),
        Some("john.doe@somedomain.com")
    );
    assert_eq!(event.submission_data.len(), 4);
    let attachment = &event.attachments[0];
    assert_eq!(attachment.name.as_deref(), Some("floor-plan.pdf"));
    assert_eq!(attachment.kind.as_deref(), Some("DOCUMENT"));
}

#[test]
fn form_submit_sample_reaches_its_handler() {
    use backend_events::BackendEvent;
    use backend_events::wix_crm::wixCrm::onFormSubmit;
    assert_eq!(onFormSubmit::WEBHOOK_TYPE, None);
    assert_eq!(onFormSubmit::SAMPLE, Some(SUBMIT));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let report = runtime
        .block_on(backend_events::Dispatcher::new().dispatch(
            "wixCrm",
            "onFormSubmit",
            SUBMIT.as_bytes(),
        ))
        .unwrap();
    assert!(report.is_success(), "{report}");
    assert_eq!(report.handlers_run(), 1);
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
