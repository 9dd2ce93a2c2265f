//! The modules typed by hand, or generated with a documented example: for each, its samples
//! reach handlers that read the fields a user would. One test binary for all of them, since
//! every module's handlers answer only that module's events.

mod wix_billing;
mod wix_chat;
mod wix_events;
mod wix_events_v3;
mod wix_forum;
mod wix_media_manager;
mod wix_media_site_media;
mod wix_paid_plans;
mod wix_pay;
mod wix_pricing_plans;
mod wix_stores;

/// Dispatches `payload` to `module.event`: exactly one handler runs, and it passes.
fn runs_one_handler(module: &str, event: &str, payload: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let report = runtime
        .block_on(backend_events::Dispatcher::new().dispatch(module, event, payload.as_bytes()))
        .unwrap_or_else(|e| panic!("{module}.{event}: {e}"));
    assert!(report.is_success(), "{module}.{event}: {report}");
    assert_eq!(report.handlers_run(), 1, "{module}.{event}");
}

/// The same with the event's bundled sample.
fn sample_runs_one_handler(module: &str, event: &str) {
    let info = backend_events::events()
        .find(|e| e.module() == module && e.name() == event)
        .unwrap_or_else(|| panic!("{module}.{event} is declared"));
    let sample = info
        .sample()
        .unwrap_or_else(|| panic!("{module}.{event} bundles a sample"));
    runs_one_handler(module, event, sample);
}
