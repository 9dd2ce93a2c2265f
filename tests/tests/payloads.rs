//! The seed slice of the catalog: the seed samples parse, keep what a handler reads through a
//! round trip, and tolerate what the platform may add or leave out.

use backend_events::wix_events::{PolicyCreated, PolicyDeleted, PolicyUpdated};
use backend_events::wix_events_guests::{
    AttendanceStatus, GuestCreated, GuestDeleted, GuestType, GuestUpdated,
};
use backend_events::{EventMetadata, IdentityType};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../runtime/samples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Deserialize, serialize, deserialize again: the two values are equal.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(name: &str) -> T {
    let first: T = serde_json::from_str(&fixture(name)).unwrap();
    let again: T = serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
    assert_eq!(first, again, "{name}");
    first
}

#[test]
fn policy_samples_round_trip_with_the_fields_users_read() {
    let created: PolicyCreated = round_trip("wixEvents.onPolicyCreated");
    assert_eq!(created.metadata.id, "f3d62dd6-db0c-445a-9bd5-aa0e0e06cd44");
    assert_eq!(created.entity.id, "370ee789-5a2d-4e48-b2cf-adaf8a54c52e");
    assert_eq!(created.entity.revision, Some(1));
    assert_eq!(
        created.entity.created_date.unwrap().to_rfc3339(),
        "2023-03-08T11:04:53.166+00:00"
    );
    let updated: PolicyUpdated = round_trip("wixEvents.onPolicyUpdated");
    assert_eq!(
        updated.entity.event_id.as_deref(),
        Some("3d3d5c04-ece0-45a8-85f0-11a58edaa192")
    );
    let deleted: PolicyDeleted = round_trip("wixEvents.onPolicyDeleted");
    assert_eq!(
        deleted.metadata.entity_id,
        "c416e5a2-4518-4765-9cf0-b0d980f45a16"
    );
    assert!(deleted.entity.is_none());
}

#[test]
fn guest_samples_round_trip_with_the_fields_users_read() {
    let created: GuestCreated = round_trip("wixEventsGuests.onGuestCreated");
    let guest = &created.entity;
    assert_eq!(guest.attendance_status, Some(AttendanceStatus::Attending));
    assert_eq!(guest.guest_type, Some(GuestType::Buyer));
    assert_eq!(guest.tickets[0].number, "2TFG-RXPW-00Z1P");
    let details = guest.guest_details.as_ref().unwrap();
    assert_eq!(details.email.as_deref(), Some("john.doe@mail.com"));
    assert!(!details.checked_in);
    assert_eq!(
        details.form_response.as_ref().unwrap().input_values.len(),
        3
    );
    let _: GuestUpdated = round_trip("wixEventsGuests.onGuestUpdated");
    let deleted: GuestDeleted = round_trip("wixEventsGuests.onGuestDeleted");
    assert!(deleted.entity.is_none());
}

#[test]
fn serialized_payloads_use_the_velo_spelling() {
    let created: GuestCreated =
        serde_json::from_str(&fixture("wixEventsGuests.onGuestCreated")).unwrap();
    let json = serde_json::to_value(&created).unwrap();
    assert!(json["entity"]["_id"].is_string());
    assert!(json["entity"]["_createdDate"].is_string());
    assert!(json["metadata"]["id"].is_string());
}

#[test]
fn new_enum_values_from_the_platform_are_kept_not_refused() {
    let mut value: serde_json::Value =
        serde_json::from_str(&fixture("wixEventsGuests.onGuestCreated")).unwrap();
    value["entity"]["attendanceStatus"] = "MAYBE_LATER".into();
    let created: GuestCreated = serde_json::from_value(value).unwrap();
    let status = created.entity.attendance_status.unwrap();
    assert_eq!(status, AttendanceStatus::Unknown("MAYBE_LATER".to_owned()));
    assert_eq!(status.to_string(), "MAYBE_LATER");
    assert_eq!(serde_json::to_value(&status).unwrap(), "MAYBE_LATER");
}

#[test]
fn optional_fields_may_be_left_out() {
    let minimal = r#"{
        "metadata": {"id": "m", "entityId": "e", "eventTime": "2024-05-01T10:00:00Z"},
        "entity": {"_id": "e", "eventId": "ev"}
    }"#;
    let created: GuestCreated = serde_json::from_str(minimal).unwrap();
    assert!(created.entity.tickets.is_empty());
    assert!(created.entity.guest_details.is_none());
    assert!(!created.metadata.triggered_by_anonymize_request);
}

#[test]
fn webhook_metadata_fields_parse() {
    let metadata: EventMetadata = serde_json::from_str(
        r#"{
            "id": "m", "entityId": "e", "eventTime": "2024-05-01T10:00:00.123456Z",
            "instanceId": "inst", "eventType": "wix.events.v2.policy_updated",
            "identity": {"identityType": "MEMBER", "memberId": "mem"},
            "accountInfo": {"accountId": "acc", "siteId": "site"},
            "entityFqdn": "wix.events.v2.policy", "slug": "updated",
            "originatedFrom": "dashboard", "entityEventSequence": "12"
        }"#,
    )
    .unwrap();
    assert_eq!(metadata.entity_event_sequence, Some(12));
    let identity = metadata.identity.as_ref().unwrap();
    assert_eq!(identity.identity_type, IdentityType::Member);
    assert_eq!(identity.member_id.as_deref(), Some("mem"));
    assert_eq!(
        metadata.account_info.as_ref().unwrap().site_id.as_deref(),
        Some("site")
    );
    let again: EventMetadata =
        serde_json::from_value(serde_json::to_value(&metadata).unwrap()).unwrap();
    assert_eq!(again, metadata);

    let numeric: EventMetadata = serde_json::from_str(
        r#"{"id": "m", "entityId": "e", "eventTime": "2024-05-01T10:00:00Z", "entityEventSequence": 3}"#,
    )
    .unwrap();
    assert_eq!(numeric.entity_event_sequence, Some(3));
    let bad = serde_json::from_str::<EventMetadata>(
        r#"{"id": "m", "entityId": "e", "eventTime": "2024-05-01T10:00:00Z", "entityEventSequence": "x"}"#,
    );
    assert!(bad.unwrap_err().to_string().contains("string of digits"));
}

#[test]
fn a_non_domain_event_reads_its_data_alone_as_velo_hands_it() {
    use backend_events::wix_events::ReservationCreated;

    // Velo's `wixEvents_onReservationCreated(event)` gets the reservation's flat object; the
    // webhook's handler object is `{metadata, data}`. Both read to the same data.
    let data = r#"{"eventId": "ev-1", "reservationId": "res-1",
                   "expires": "2026-04-26T13:20:00.000Z", "status": "RESERVATION_PENDING"}"#;
    let flat: ReservationCreated = serde_json::from_str(data).unwrap();
    let wrapped: ReservationCreated =
        serde_json::from_str(&format!(r#"{{"metadata": {{}}, "data": {data}}}"#)).unwrap();
    assert_eq!(flat, wrapped);
    assert_eq!(flat.data.reservation_id.as_deref(), Some("res-1"));
    assert!(flat.data.expires.is_some());
    // Written back, it is the handler object of the webhook.
    let written = serde_json::to_value(&flat).unwrap();
    assert_eq!(written["data"]["eventId"], "ev-1");

    // Metadata alone has no data to read.
    let error = serde_json::from_str::<ReservationCreated>(r#"{"metadata": {}}"#).unwrap_err();
    assert!(
        error.to_string().contains("missing field `data`"),
        "{error}"
    );
}
