//! The dispatch rules of DESIGN §4, over the handlers of this crate (`src/lib.rs`) and of a
//! second crate (`package/`), each delivery with its own `metadata.id`.

use backend_events::{DispatchError, Dispatcher, FailureKind};
use backend_events_tests::seen;
// A library of handlers that nothing else references must be linked explicitly.
use backend_events_test_package as _;

const POLICY_CREATED: &str = include_str!("../../runtime/samples/wixEvents.onPolicyCreated.json");
const POLICY_UPDATED: &str = include_str!("../../runtime/samples/wixEvents.onPolicyUpdated.json");
const POLICY_DELETED: &str = include_str!("../../runtime/samples/wixEvents.onPolicyDeleted.json");
const GUEST_CREATED: &str =
    include_str!("../../runtime/samples/wixEventsGuests.onGuestCreated.json");
const GUEST_UPDATED: &str =
    include_str!("../../runtime/samples/wixEventsGuests.onGuestUpdated.json");
const GUEST_DELETED: &str =
    include_str!("../../runtime/samples/wixEventsGuests.onGuestDeleted.json");

/// A fixture with its `metadata.id` replaced, and optionally its entity's name.
fn delivery(fixture: &str, id: &str, entity_name: Option<&str>) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_str(fixture).unwrap();
    value["metadata"]["id"] = id.into();
    if let Some(name) = entity_name {
        value["entity"]["name"] = name.into();
    }
    serde_json::to_vec(&value).unwrap()
}

fn dispatch(
    module: &str,
    event: &str,
    payload: &[u8],
) -> Result<backend_events::Report, DispatchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(Dispatcher::new().dispatch(module, event, payload))
}

#[test]
fn a_seed_sample_reaches_its_handler_with_the_fields_a_user_reads() {
    let report = dispatch("wixEvents", "onPolicyCreated", POLICY_CREATED.as_bytes()).unwrap();
    assert!(report.is_success(), "{report}");
    assert_eq!(report.handlers_run(), 1);
    assert_eq!(report.event().to_string(), "wixEvents.onPolicyCreated");
    assert_eq!(
        seen("f3d62dd6-db0c-445a-9bd5-aa0e0e06cd44"),
        [(
            "wixEvents_onPolicyCreated",
            "Terms and Conditions Event 1".to_owned()
        )]
    );
}

#[test]
fn every_handler_of_the_event_runs_including_async_ones() {
    let id = "every-handler";
    let report = dispatch(
        "wixEvents",
        "onPolicyUpdated",
        &delivery(POLICY_UPDATED, id, None),
    )
    .unwrap();
    assert!(report.is_success(), "{report}");
    assert_eq!(report.handlers_run(), 3);
    let mut saw = seen(id);
    saw.sort();
    assert_eq!(
        saw,
        [
            ("policy_audit", "4".to_owned()),
            (
                "policy_log",
                "52f15c5c-ea06-44f4-866a-b1cfa6f4f790".to_owned()
            ),
            (
                "policy_mirror",
                "52f15c5c-ea06-44f4-866a-b1cfa6f4f790".to_owned()
            ),
        ]
    );
}

#[test]
fn async_handlers_of_one_delivery_run_concurrently() {
    let id = "concurrently";
    let report = dispatch(
        "wixEventsGuests",
        "onGuestCreated",
        &delivery(GUEST_CREATED, id, None),
    )
    .unwrap();
    // The package's welcome_guest runs too: three handlers.
    assert_eq!(report.handlers_run(), 3);
    assert!(report.is_success(), "{report}");
    let saw = seen(id);
    assert!(
        saw.contains(&("b_partner", "ATTENDING".to_owned())),
        "{saw:?}"
    );
    assert!(
        saw.contains(&("a_waits_for_partner", "partner seen".to_owned())),
        "{saw:?}"
    );
}

#[test]
fn handlers_in_another_crate_run_when_it_is_linked() {
    let id = "linked-package";
    let guest = delivery(GUEST_CREATED, id, None);
    let report = dispatch("wixEventsGuests", "onGuestCreated", &guest).unwrap();
    assert!(report.is_success(), "{report}");
    let guests = backend_events_test_package::GUESTS_SEEN
        .lock()
        .unwrap()
        .clone();
    assert!(guests.contains(&"afda7995-72d0-4d58-9ba4-3f6c5213c35c".to_owned()));
}

#[test]
fn a_module_declared_outside_the_runtime_dispatches_like_the_catalog() {
    let report = dispatch(
        "loyaltyPackage",
        "onLoyaltyPointsEarned",
        br#"{"memberId": "m-7", "points": 40, "unknownField": true}"#,
    )
    .unwrap();
    assert!(report.is_success(), "{report}");
    assert_eq!(report.handlers_run(), 1);
    let points = backend_events_test_package::POINTS_SEEN
        .lock()
        .unwrap()
        .clone();
    assert!(points.contains(&("m-7".to_owned(), 40)));

    let report = dispatch(
        "loyaltyPackage",
        "onLoyaltyPointsEarned",
        br#"{"memberId": "m-8", "points": 0}"#,
    )
    .unwrap();
    assert_eq!(report.failures()[0].message(), "m-8 earned no points");
}

#[test]
fn an_event_with_no_handler_is_a_success_with_none_run() {
    let report = dispatch("wixEvents", "onPolicyDeleted", POLICY_DELETED.as_bytes()).unwrap();
    assert!(report.is_success());
    assert_eq!(report.handlers_run(), 0);
    let report = dispatch(
        "wixEventsGuests",
        "onGuestDeleted",
        GUEST_DELETED.as_bytes(),
    )
    .unwrap();
    assert_eq!(report.handlers_run(), 0);
    let report = dispatch(
        "loyaltyPackage",
        "onTierReached",
        br#"{"memberId": "m", "points": 1}"#,
    )
    .unwrap();
    assert_eq!(report.handlers_run(), 0);
}

#[test]
fn an_error_in_one_handler_does_not_stop_the_others() {
    let id = "one-fails";
    let report = dispatch(
        "wixEvents",
        "onPolicyUpdated",
        &delivery(POLICY_UPDATED, id, Some("fail")),
    )
    .unwrap();
    assert!(!report.is_success());
    assert_eq!(report.handlers_run(), 3);
    let failures: Vec<_> = report
        .failures()
        .iter()
        .map(|f| (f.name(), f.kind(), f.message()))
        .collect();
    assert_eq!(
        failures,
        [
            (
                "backend_events_tests::policy_audit",
                FailureKind::Error,
                "the policy is named \"fail\""
            ),
            (
                "backend_events_tests::policy_mirror",
                FailureKind::Error,
                "the policy is named \"fail\""
            ),
        ]
    );
    assert!(
        seen(id).iter().any(|(h, _)| *h == "policy_log"),
        "the third handler ran"
    );
    assert!(report.to_string().contains("2 failed"), "{report}");
}

#[test]
fn a_panic_in_one_handler_becomes_a_failure_and_the_others_run() {
    let id = "one-panics";
    let report = dispatch(
        "wixEvents",
        "onPolicyUpdated",
        &delivery(POLICY_UPDATED, id, Some("panic")),
    )
    .unwrap();
    assert_eq!(report.handlers_run(), 3);
    assert_eq!(report.failures().len(), 2);
    for failure in report.failures() {
        assert_eq!(failure.kind(), FailureKind::Panic);
        assert_eq!(failure.message(), "the policy is named \"panic\"");
        assert!(failure.to_string().contains("panicked"), "{failure}");
    }
    assert!(seen(id).iter().any(|(h, _)| *h == "policy_log"));
    // The dispatcher is still usable after a panic.
    let report = dispatch(
        "wixEvents",
        "onPolicyUpdated",
        &delivery(POLICY_UPDATED, "after-panic", None),
    )
    .unwrap();
    assert!(report.is_success());
}

#[test]
fn dispatch_to_runs_only_the_chosen_handlers() {
    let id = "subset";
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let report = runtime
        .block_on(Dispatcher::new().dispatch_to(
            "wixEvents",
            "onPolicyUpdated",
            &delivery(POLICY_UPDATED, id, Some("fail")),
            |h| h.name().ends_with("policy_log"),
        ))
        .unwrap();
    assert!(report.is_success());
    assert_eq!(report.handlers_run(), 1);
    assert_eq!(seen(id).len(), 1);
}

#[test]
fn an_unknown_module_names_the_closest_one() {
    let err = dispatch("wixEvent", "onPolicyUpdated", b"{}").unwrap_err();
    assert!(
        matches!(&err, DispatchError::UnknownModule { module, did_you_mean: Some("wixEvents") } if module == "wixEvent"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "unknown module `wixEvent` (did you mean `wixEvents`?)"
    );

    let err = dispatch("stripe", "onCharge", b"{}").unwrap_err();
    assert_eq!(err.to_string(), "unknown module `stripe`");
}

#[test]
fn an_unknown_event_names_the_closest_one() {
    let err = dispatch("wixEvents", "onPolicyUpdate", b"{}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown event `wixEvents.onPolicyUpdate` (did you mean `wixEvents.onPolicyUpdated`?)"
    );
    // An event asked of the wrong module.
    let err = dispatch("wixEvents", "onGuestCreated", b"{}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown event `wixEvents.onGuestCreated` (did you mean `wixEventsGuests.onGuestCreated`?)"
    );
}

#[test]
fn malformed_json_gives_line_and_column() {
    let err = dispatch("wixEvents", "onPolicyUpdated", b"{\n  \"metadata\": {,\n}").unwrap_err();
    let DispatchError::InvalidPayload(payload) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((payload.line(), payload.column()), (2, 16));
    assert_eq!(payload.path(), "metadata.?");
    assert_eq!(
        err.to_string(),
        "invalid payload for wixEvents.onPolicyUpdated: key must be a string at `metadata.?`, line 2, column 16"
    );
}

#[test]
fn a_wrong_field_type_gives_its_json_path() {
    let mut value: serde_json::Value = serde_json::from_str(GUEST_CREATED).unwrap();
    value["entity"]["tickets"][0]["number"] = 17.into();
    let bytes = serde_json::to_vec_pretty(&value).unwrap();
    let err = dispatch("wixEventsGuests", "onGuestCreated", &bytes).unwrap_err();
    let DispatchError::InvalidPayload(payload) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(payload.path(), "entity.tickets[0].number");
    assert_eq!(
        payload.message(),
        "invalid type: integer `17`, expected a string"
    );
    assert_eq!(payload.event(), "wixEventsGuests.onGuestCreated");
    assert!(payload.line() > 1);
}

#[test]
fn a_missing_field_and_trailing_garbage_and_empty_bodies_are_typed_errors() {
    let err = dispatch(
        "wixEvents",
        "onPolicyUpdated",
        br#"{"entity": {"_id": "x"}}"#,
    )
    .unwrap_err();
    let DispatchError::InvalidPayload(payload) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(payload.message(), "missing field `metadata`");
    assert_eq!(payload.path(), ".");
    assert!(err.to_string().contains("at the top level"), "{err}");

    let mut trailing = POLICY_UPDATED.as_bytes().to_vec();
    trailing.extend_from_slice(b" }");
    let err = dispatch("wixEvents", "onPolicyUpdated", &trailing).unwrap_err();
    assert!(matches!(err, DispatchError::InvalidPayload(_)), "{err:?}");
    assert!(err.to_string().contains("trailing characters"), "{err}");

    for body in [&b""[..], b"null", b"[]", b"\xff\xfe"] {
        let err = dispatch("wixEvents", "onPolicyUpdated", body).unwrap_err();
        assert!(matches!(err, DispatchError::InvalidPayload(_)), "{err:?}");
    }
}

#[test]
fn a_payload_that_does_not_parse_runs_no_handler() {
    let id = "no-run";
    let mut value: serde_json::Value = serde_json::from_str(POLICY_UPDATED).unwrap();
    value["metadata"]["id"] = id.into();
    value["metadata"]["eventTime"] = "yesterday".into();
    let err = dispatch(
        "wixEvents",
        "onPolicyUpdated",
        &serde_json::to_vec(&value).unwrap(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("`metadata.eventTime`"), "{err}");
    assert!(seen(id).is_empty());
}

#[test]
fn the_rest_spelling_and_unknown_fields_are_accepted() {
    let id = "rest-spelling";
    let payload = format!(
        r#"{{
            "metadata": {{"_id": "{id}", "entityId": "e1", "eventTime": "2024-01-01T00:00:00Z",
                          "entityEventSequence": "7", "somethingNew": {{"a": 1}}}},
            "entity": {{"id": "e1", "createdDate": "2024-01-01T00:00:00Z", "revision": 9,
                        "name": "REST", "futureField": [1, 2]}}
        }}"#
    );
    let report = dispatch("wixEvents", "onPolicyCreated", payload.as_bytes()).unwrap();
    assert!(report.is_success());
    assert_eq!(seen(id), [("wixEvents_onPolicyCreated", "REST".to_owned())]);
}

#[test]
fn handlers_lists_every_linked_handler_with_its_location() {
    let listed: Vec<String> = backend_events::handlers()
        .map(|h| format!("{}.{} -> {}", h.module(), h.event(), h.name()))
        .collect();
    let expected = [
        "loyaltyPackage.onLoyaltyPointsEarned -> backend_events_test_package::count_points",
        "wixEvents.onPolicyCreated -> backend_events_tests::wixEvents_onPolicyCreated",
        "wixEvents.onPolicyUpdated -> backend_events_tests::policy_audit",
        "wixEvents.onPolicyUpdated -> backend_events_tests::policy_log",
        "wixEvents.onPolicyUpdated -> backend_events_tests::policy_mirror",
        "wixEventsGuests.onGuestCreated -> backend_events_test_package::welcome_guest",
        "wixEventsGuests.onGuestCreated -> backend_events_tests::guests::a_waits_for_partner",
        "wixEventsGuests.onGuestCreated -> backend_events_tests::guests::b_partner",
        "wixEventsGuests.onGuestUpdated -> backend_events_tests::guests::wixEventsGuests_onGuestUpdated",
    ];
    assert_eq!(listed, expected);

    let log = backend_events::handlers()
        .find(|h| h.name().ends_with("::policy_log"))
        .unwrap();
    let source = include_str!("../src/lib.rs");
    let line = source
        .lines()
        .position(|l| l.contains("async fn policy_log"))
        .unwrap()
        + 1;
    assert_eq!(
        log.location().to_string(),
        format!("tests/src/lib.rs:{line}")
    );
    assert_eq!(
        log.event_info().webhook_type(),
        Some("wix.events.v2.policy_updated")
    );
}

#[test]
fn handlers_for_and_event_look_up_without_dispatching() {
    let dispatcher = Dispatcher::new();
    assert_eq!(
        dispatcher
            .handlers_for("wixEvents", "onPolicyUpdated")
            .unwrap()
            .len(),
        3
    );
    assert!(
        dispatcher
            .handlers_for("wixEvents", "onPolicyDeleted")
            .unwrap()
            .is_empty()
    );
    assert!(dispatcher.handlers_for("wixEvents", "nope").is_err());
    let info = dispatcher
        .event("wixEventsGuests", "onGuestDeleted")
        .unwrap();
    assert_eq!(
        info.webhook_type(),
        Some("wix.events.guests.v1.guest_deleted")
    );
}

#[test]
fn events_lists_the_catalog_and_declared_modules() {
    let events: Vec<String> = backend_events::events()
        .map(|e| format!("{e} {}", e.webhook_type().unwrap_or("-")))
        .collect();
    // Sorted by module, then name.
    let mut sorted = events.clone();
    sorted.sort();
    assert_eq!(events, sorted);
    // The package's own module first, beside the catalog's events (the whole catalog is
    // tests/catalog's; how many modules this build has depends on the features it unifies).
    assert!(events.len() >= 2 + 39, "{}", events.len());
    assert_eq!(
        events[..2],
        [
            "loyaltyPackage.onLoyaltyPointsEarned -",
            "loyaltyPackage.onTierReached loyalty.package.v1.tier_reached",
        ]
    );
    for older in [
        "wixBilling.onInvoicePaid -",
        "wixEvents.onEventCanceled -",
        "wixEvents.onEventCreated -",
    ] {
        assert!(events.contains(&older.to_owned()), "{older}");
    }
    assert!(
        events.contains(
            &"wixEventsGuests.onGuestDeleted wix.events.guests.v1.guest_deleted".to_owned()
        )
    );
}

#[test]
fn the_other_seed_samples_dispatch() {
    for (event, fixture) in [
        ("onGuestUpdated", GUEST_UPDATED),
        ("onGuestDeleted", GUEST_DELETED),
    ] {
        let report = dispatch("wixEventsGuests", event, fixture.as_bytes()).unwrap();
        assert!(report.is_success(), "{report}");
    }
    assert_eq!(
        seen("2224535e-a4dd-476e-ac0e-4adb11cae9c7"),
        [(
            "wixEventsGuests_onGuestUpdated",
            "john.doe@mail.com".to_owned()
        )]
    );
}

#[test]
fn a_handler_stays_an_ordinary_fn() {
    let event = serde_json::from_str(
        &String::from_utf8(delivery(POLICY_CREATED, "direct-call", None)).unwrap(),
    )
    .unwrap();
    backend_events_tests::wixEvents_onPolicyCreated(event);
    assert_eq!(seen("direct-call").len(), 1);
}
