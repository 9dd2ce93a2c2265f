//! `wixEventsV3`: each bundled sample reaches a handler that reads what a user would, and the
//! variants the docs disagree on (Velo vs REST spelling, `data.event` vs `data.eventId`, string
//! vs object images and page URLs) all parse.
//!
//! Wix publishes no full example for these events: the samples are built from the type
//! definitions. They tell one story: "Leather Crafting 101" (`EVENT_ID`) is created as a draft,
//! published, updated, reminded of, started and ended; it is then cloned into
//! "Leather Crafting 101 (1)" (`CLONE_ID`), which is canceled and deleted.

use backend_events::wix_events_v3::{
    AllowedGuestTypes, Event, EventCanceled, EventCanceledData, EventCloned, EventCreated,
    EventDeleted, EventEnded, EventImage, EventPageUrl, EventPublished, EventReminder,
    EventStarted, EventStatus, EventUpdated, LocationType, RecurrenceStatus, RegistrationStatus,
    RegistrationType, TaxType,
};
use backend_events::{Dispatcher, EventMetadata, backend_event};

const EVENT_ID: &str = "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19";
const CLONE_ID: &str = "8a6d2f41-9e3b-4c57-a1d0-6b7e3c9f2a54";
const USER_ID: &str = "0c5f7e2a-8b41-4d96-a3e7-5f1b9c2d6e80";
const INSTANCE_ID: &str = "d4e2b7a9-1c38-4f65-8e0d-7a3b5c1f9e26";

const CREATED: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventCreated.json");
const UPDATED: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventUpdated.json");
const DELETED: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventDeleted.json");
const CANCELED: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventCanceled.json");
const CLONED: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventCloned.json");
const STARTED: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventStarted.json");
const ENDED: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventEnded.json");
const PUBLISHED: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventPublished.json");
const REMINDER: &str = include_str!("../../../runtime/samples/wixEventsV3.onEventReminder.json");

#[backend_event(wixEventsV3, onEventCreated)]
fn event_created(event: EventCreated) {
    assert_eq!(event.metadata.id, "b71e4d2c-5a93-4f08-8c6e-2d9a7f3b1e54");
    assert_eq!(event.metadata.entity_id, EVENT_ID);
    let created = event.entity;
    assert_eq!(created.id, EVENT_ID);
    assert_eq!(created.title.as_deref(), Some("Leather Crafting 101"));
    assert_eq!(created.slug.as_deref(), Some("leather-crafting-101"));
    assert_eq!(created.status, Some(EventStatus::Draft));
    assert_eq!(created.published_date, None);
    assert_eq!(
        created.created_date.unwrap().to_rfc3339(),
        "2025-04-02T09:15:27.301+00:00"
    );
    let registration = created.registration.unwrap();
    assert_eq!(registration.kind, Some(RegistrationType::Ticketing));
    assert_eq!(registration.initial_type, Some(RegistrationType::Ticketing));
    assert_eq!(
        registration.status,
        Some(RegistrationStatus::ClosedAutomatically)
    );
    assert_eq!(
        registration.allowed_guest_types,
        Some(AllowedGuestTypes::VisitorOrMember)
    );
    assert_eq!(
        registration.tickets.unwrap().ticket_limit_per_order,
        Some(10)
    );
    assert_eq!(created.instance_id.as_deref(), Some(INSTANCE_ID));
    assert_eq!(created.user_id.as_deref(), Some(USER_ID));
}

#[backend_event]
fn wixEventsV3_onEventUpdated(event: EventUpdated) {
    let updated = event.entity;
    assert_eq!(updated.id, EVENT_ID);
    assert_eq!(updated.status, Some(EventStatus::Upcoming));
    assert_eq!(
        updated.updated_date.unwrap().to_rfc3339(),
        "2025-04-10T16:45:03.811+00:00"
    );
    assert_eq!(
        updated.published_date.unwrap().to_rfc3339(),
        "2025-04-03T14:02:11.395+00:00"
    );

    let location = updated.location.unwrap();
    assert_eq!(location.kind, Some(LocationType::Venue));
    assert_eq!(location.name.as_deref(), Some("The Workshop Loft"));
    let address = location.address.unwrap();
    assert_eq!(
        address.formatted(),
        Some("148 Lafayette St, New York, NY 10013, USA")
    );
    assert_eq!(address.city.as_deref(), Some("New York"));
    assert_eq!(address.country.as_deref(), Some("US"));
    assert_eq!(
        address.street_address.unwrap().number.as_deref(),
        Some("148")
    );
    let point = address.location.unwrap();
    assert_eq!(
        (point.latitude, point.longitude),
        (Some(40.7198), Some(-73.9997))
    );

    let when = updated.date_and_time_settings.unwrap();
    assert_eq!(when.date_and_time_tbd, Some(false));
    assert_eq!(
        when.start_date.unwrap().to_rfc3339(),
        "2025-06-14T22:00:00+00:00"
    );
    assert_eq!(
        when.end_date.unwrap().to_rfc3339(),
        "2025-06-15T01:00:00+00:00"
    );
    assert_eq!(when.time_zone_id.as_deref(), Some("America/New_York"));
    assert_eq!(when.recurrence_status, Some(RecurrenceStatus::OneTime));
    assert_eq!(
        when.formatted.unwrap().start_time.as_deref(),
        Some("6:00 PM")
    );

    let registration = updated.registration.unwrap();
    assert_eq!(registration.status, Some(RegistrationStatus::OpenTickets));
    let tickets = registration.tickets.unwrap();
    let lowest = tickets.lowest_price.unwrap();
    assert_eq!(lowest.value.as_deref(), Some("45.00"));
    assert_eq!(lowest.currency.as_deref(), Some("USD"));
    assert_eq!(
        tickets.highest_price.unwrap().formatted_value.as_deref(),
        Some("$85.00")
    );
    assert_eq!(tickets.sold_out, Some(false));
    let tax = tickets.tax_settings.unwrap();
    assert_eq!(tax.kind, Some(TaxType::AddedAtCheckout));
    assert_eq!(tax.rate.as_deref(), Some("8.875"));

    assert!(matches!(
        updated.main_image,
        Some(EventImage::Url(ref url)) if url.starts_with("wix:image://v1/")
    ));
    assert_eq!(
        updated.event_page_url.unwrap().url(),
        "https://www.hideandstitch.com/event-details/leather-crafting-101"
    );
    assert!(updated.calendar_urls.unwrap().ics.is_some());
    let categories = updated.categories.unwrap().categories;
    assert_eq!(categories[0].name.as_deref(), Some("Workshops"));
    assert_eq!(categories[0].states, ["MANUAL"]);
    let sales = updated.summaries.unwrap().tickets.unwrap();
    assert_eq!(sales.tickets_sold, Some(18));
    assert_eq!(sales.revenue.unwrap().value.as_deref(), Some("1190.00"));
    assert_eq!(
        updated.guest_list_settings.unwrap().displayed_publicly,
        Some(true)
    );
}

#[backend_event(wixEventsV3, onEventDeleted)]
fn event_deleted(event: EventDeleted) {
    assert_eq!(event.metadata.entity_id, CLONE_ID);
    assert_eq!(
        event.metadata.event_time.to_rfc3339(),
        "2025-06-21T12:05:19.730+00:00"
    );
    assert!(event.entity.is_none());
}

#[backend_event(wixEventsV3, onEventCanceled)]
fn event_canceled(event: EventCanceled) {
    assert_eq!(event.metadata.entity_id, CLONE_ID);
    let data = event.data;
    assert_eq!(data.id(), Some(CLONE_ID));
    assert_eq!(data.event_id.as_deref(), Some(CLONE_ID));
    assert_eq!(data.title.as_deref(), Some("Leather Crafting 101 (1)"));
    assert_eq!(data.user_id.as_deref(), Some(USER_ID));
    assert_eq!(data.has_guests, Some(false));
    assert_eq!(
        data.timestamp.unwrap().to_rfc3339(),
        "2025-06-20T08:31:56.948+00:00"
    );
    assert!(data.event.is_none());
}

#[backend_event(wixEventsV3, onEventCloned)]
async fn event_cloned(event: EventCloned) {
    assert_eq!(event.metadata.entity_id, CLONE_ID);
    let data = event.data;
    assert_eq!(data.id(), Some(CLONE_ID));
    assert_eq!(data.derived_from_event_id.as_deref(), Some(EVENT_ID));
    assert_eq!(data.derived_from_instance_id.as_deref(), Some(INSTANCE_ID));
    assert_eq!(data.title.as_deref(), Some("Leather Crafting 101 (1)"));
    assert_eq!(data.status, Some(EventStatus::Upcoming));
    assert_eq!(
        data.date_and_time_settings
            .unwrap()
            .start_date
            .unwrap()
            .to_rfc3339(),
        "2025-06-28T22:00:00+00:00"
    );
    assert_eq!(data.ticket_definitions.len(), 2);
    assert_eq!(
        data.ticket_definitions["5e9a1c7d-3b8f-4e26-a4d0-9c2b6f8e1a35"],
        "b2d8f4a6-7e1c-4395-8a0b-3f6d9e2c5b47"
    );
    assert_eq!(
        data.location.unwrap().name.as_deref(),
        Some("The Workshop Loft")
    );
}

#[backend_event(wixEventsV3, onEventStarted)]
fn event_started(event: EventStarted) {
    assert_eq!(event.data.id(), Some(EVENT_ID));
    assert_eq!(
        event.data.timestamp.unwrap().to_rfc3339(),
        "2025-06-14T22:00:00+00:00"
    );
}

#[backend_event(wixEventsV3, onEventEnded)]
fn event_ended(event: EventEnded) -> Result<(), String> {
    assert_eq!(event.data.id(), Some(EVENT_ID));
    let ended = event.data.timestamp.ok_or("no timestamp")?;
    assert_eq!(ended.to_rfc3339(), "2025-06-15T01:00:00+00:00");
    Ok(())
}

#[backend_event(wixEventsV3, onEventPublished)]
fn event_published(event: EventPublished) {
    assert_eq!(event.metadata.entity_id, EVENT_ID);
    assert_eq!(event.data.id(), Some(EVENT_ID));
    assert_eq!(event.data.status, Some(EventStatus::Upcoming));
    assert_eq!(event.data.derived_from_event_id, None);
    assert_eq!(
        event.data.timestamp.unwrap().to_rfc3339(),
        "2025-04-03T14:02:11.395+00:00"
    );
}

#[backend_event(wixEventsV3, onEventReminder)]
fn event_reminder(event: EventReminder) {
    let data = event.data;
    assert_eq!(data.id(), Some(EVENT_ID));
    assert_eq!(data.title.as_deref(), Some("Leather Crafting 101"));
    let starts_in = data.starts_in.unwrap();
    assert_eq!(
        (starts_in.days, starts_in.hours, starts_in.minutes),
        (1, 0, 0)
    );
    assert_eq!(
        data.date_and_time_settings
            .unwrap()
            .start_date
            .unwrap()
            .to_rfc3339(),
        "2025-06-14T22:00:00+00:00"
    );
    assert_eq!(
        data.location
            .unwrap()
            .address
            .unwrap()
            .postal_code
            .as_deref(),
        Some("10013")
    );
}

fn dispatch(event: &str, sample: &str) {
    crate::runs_one_handler("wixEventsV3", event, sample);
}

#[test]
fn event_created_sample() {
    dispatch("onEventCreated", CREATED);
}

#[test]
fn event_updated_sample() {
    dispatch("onEventUpdated", UPDATED);
}

#[test]
fn event_deleted_sample() {
    dispatch("onEventDeleted", DELETED);
}

#[test]
fn event_canceled_sample() {
    dispatch("onEventCanceled", CANCELED);
}

#[test]
fn event_cloned_sample() {
    dispatch("onEventCloned", CLONED);
}

#[test]
fn event_started_sample() {
    dispatch("onEventStarted", STARTED);
}

#[test]
fn event_ended_sample() {
    dispatch("onEventEnded", ENDED);
}

#[test]
fn event_published_sample() {
    dispatch("onEventPublished", PUBLISHED);
}

#[test]
fn event_reminder_sample() {
    dispatch("onEventReminder", REMINDER);
}

#[test]
fn the_bundled_samples_are_these_files() {
    for (event, sample) in [
        ("onEventCreated", CREATED),
        ("onEventUpdated", UPDATED),
        ("onEventDeleted", DELETED),
        ("onEventCanceled", CANCELED),
        ("onEventCloned", CLONED),
        ("onEventStarted", STARTED),
        ("onEventEnded", ENDED),
        ("onEventPublished", PUBLISHED),
        ("onEventReminder", REMINDER),
    ] {
        let info = Dispatcher::new().event("wixEventsV3", event).unwrap();
        assert_eq!(info.sample(), Some(sample), "{event}");
        assert_eq!(
            info.webhook_type().unwrap(),
            format!(
                "wix.events.v3.event_{}",
                event.trim_start_matches("onEvent").to_lowercase()
            ),
            "{event}"
        );
    }
}

/// Velo's example reads `event.data.event._id` where the type definitions say
/// `data.eventId`: the `{event: {...}}` form parses too, and `id()` finds the id in either.
#[test]
fn canceled_data_in_the_velo_example_form_parses() {
    let json = r#"{
        "metadata": {"id": "m1", "entityId": "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19",
                     "eventTime": "2025-06-20T08:31:57.064Z"},
        "data": {"event": {"_id": "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19",
                           "title": "Leather Crafting 101", "status": "CANCELED"}}
    }"#;
    let canceled: EventCanceled = serde_json::from_str(json).unwrap();
    assert_eq!(canceled.data.event_id, None);
    assert_eq!(canceled.data.id(), Some(EVENT_ID));
    let event = canceled.data.event.as_ref().unwrap();
    assert_eq!(event.status, Some(EventStatus::Canceled));
    let again: EventCanceled =
        serde_json::from_str(&serde_json::to_string(&canceled).unwrap()).unwrap();
    assert_eq!(again, canceled);

    let reminder: EventReminder = serde_json::from_str(
        r#"{"metadata": {"id": "m2", "entityId": "e", "eventTime": "2025-06-13T22:00:04Z"},
            "data": {"event": {"_id": "e"}}}"#,
    )
    .unwrap();
    assert_eq!(reminder.data.id(), Some("e"));
    assert_eq!(reminder.data.starts_in, None);
}

/// An empty `data` (every field left out) still parses.
#[test]
fn action_data_fields_are_all_optional() {
    let data: EventCanceledData = serde_json::from_str("{}").unwrap();
    assert_eq!(data.id(), None);
    assert_eq!(data.has_guests, None);
}

/// `_id`/`_createdDate`/`_updatedDate` in Velo, `id`/`createdDate`/`updatedDate` in REST, and
/// `metadata._id` vs `metadata.id`; serializing gives the Velo spelling.
#[test]
fn rest_spelling_is_accepted_and_velo_spelling_is_written() {
    let json = r#"{
        "metadata": {"_id": "m3", "entityId": "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19",
                     "eventTime": "2025-04-02T09:15:27.418Z"},
        "entity": {"id": "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19",
                   "createdDate": "2025-04-02T09:15:27.301Z",
                   "updatedDate": "2025-04-02T09:15:27.301Z",
                   "categories": {"categories": [{"id": "c1", "name": "Workshops",
                                   "createdDate": "2025-01-15T11:30:08.774Z"}]}}
    }"#;
    let created: EventCreated = serde_json::from_str(json).unwrap();
    assert_eq!(created.metadata.id, "m3");
    assert_eq!(created.entity.id, EVENT_ID);
    assert_eq!(
        created.entity.created_date.unwrap().to_rfc3339(),
        "2025-04-02T09:15:27.301+00:00"
    );
    assert!(created.entity.updated_date.is_some());
    let categories = &created.entity.categories.as_ref().unwrap().categories;
    assert_eq!(categories[0].id.as_deref(), Some("c1"));
    assert!(categories[0].created_date.is_some());

    let written = serde_json::to_value(&created).unwrap();
    assert!(written["entity"]["_id"].is_string());
    assert!(written["entity"]["_createdDate"].is_string());
    assert!(written["entity"]["_updatedDate"].is_string());
    assert!(written["entity"]["categories"]["categories"][0]["_id"].is_string());
    assert!(written["metadata"]["id"].is_string());
}

/// The Velo type definitions give `mainImage` and `eventPageUrl` as strings; REST deliveries
/// send objects. Both parse and survive a round trip.
#[test]
fn images_and_page_urls_come_as_strings_or_objects() {
    let json = r#"{
        "_id": "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19",
        "mainImage": {"id": "11062b_9c2f3e7a1d8b4f5e8a6c0d2b7e9f1a34~mv2.jpg",
                      "url": "https://static.wixstatic.com/media/11062b_9c2f3e7a1d8b4f5e8a6c0d2b7e9f1a34~mv2.jpg",
                      "height": 1080, "width": 1920},
        "eventPageUrl": "https://www.hideandstitch.com/event-details/leather-crafting-101"
    }"#;
    let event: Event = serde_json::from_str(json).unwrap();
    match &event.main_image {
        Some(EventImage::Details(image)) => {
            assert_eq!(image.width, Some(1920));
            assert!(image.url.as_deref().unwrap().starts_with("https://"));
        }
        other => panic!("expected image details, got {other:?}"),
    }
    assert!(matches!(event.event_page_url, Some(EventPageUrl::Url(_))));
    assert_eq!(
        event.event_page_url.as_ref().unwrap().url(),
        "https://www.hideandstitch.com/event-details/leather-crafting-101"
    );
    let again: Event = serde_json::from_str(&serde_json::to_string(&event).unwrap()).unwrap();
    assert_eq!(again, event);
}

/// Older type definitions name the one-line address `formatted`, newer ones
/// `formattedAddress`; the registration type "no registration" is `NONE` in the type
/// definitions and `NO_REGISTRATION` in REST responses.
#[test]
fn address_and_registration_spellings_of_both_generations_parse() {
    let json = r#"{
        "_id": "e",
        "location": {"type": "ONLINE", "address": {"formatted": "Online"}},
        "registration": {"type": "NO_REGISTRATION", "status": "SOMETHING_NEW"}
    }"#;
    let event: Event = serde_json::from_str(json).unwrap();
    let location = event.location.unwrap();
    assert_eq!(location.kind, Some(LocationType::Online));
    assert_eq!(location.address.unwrap().formatted(), Some("Online"));
    let registration = event.registration.unwrap();
    assert_eq!(registration.kind, Some(RegistrationType::NoRegistration));
    assert_eq!(
        registration.status,
        Some(RegistrationStatus::Unknown("SOMETHING_NEW".to_owned()))
    );
    let none: RegistrationType = serde_json::from_str(r#""NONE""#).unwrap();
    assert_eq!(none, RegistrationType::NotRequired);
}

/// A date to be decided comes without dates, and the metadata is the shared type.
#[test]
fn a_date_to_be_decided_comes_without_dates() {
    let json = r#"{
        "metadata": {"id": "m4", "entityId": "e", "eventTime": "2025-04-02T09:15:27Z"},
        "entity": {"_id": "e", "dateAndTimeSettings": {"dateAndTimeTbd": true,
                   "dateAndTimeTbdMessage": "Date to be announced"}}
    }"#;
    let created: EventCreated = serde_json::from_str(json).unwrap();
    let metadata: &EventMetadata = &created.metadata;
    assert_eq!(metadata.entity_id, "e");
    let when = created.entity.date_and_time_settings.unwrap();
    assert_eq!(when.date_and_time_tbd, Some(true));
    assert_eq!(when.start_date, None);
    assert_eq!(
        when.date_and_time_tbd_message.as_deref(),
        Some("Date to be announced")
    );
}

#[test]
fn what_deliveries_carry_beyond_the_typings_is_read() {
    // A deleted event with its entity; the address's `geocode`; `NO_REGISTRATION`.
    let json = r#"{
        "metadata": {"id": "m9", "entityId": "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19",
                     "eventTime": "2025-06-14T22:00:01.873Z"},
        "entity": {"id": "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19",
                   "registration": {"type": "NO_REGISTRATION"},
                   "location": {"type": "VENUE", "address": {
                       "formattedAddress": "148 Lafayette St, New York",
                       "geocode": {"latitude": 40.72, "longitude": -74.0},
                       "streetAddress": {"number": "148", "name": "Lafayette St", "apt": "2"}}}}
    }"#;
    let deleted: EventDeleted = serde_json::from_str(json).unwrap();
    let entity = deleted.entity.unwrap();
    assert_eq!(entity.id, EVENT_ID);
    let registration = entity.registration.unwrap();
    assert_eq!(registration.kind, Some(RegistrationType::NoRegistration));
    let address = entity.location.unwrap().address.unwrap();
    assert_eq!(address.formatted(), Some("148 Lafayette St, New York"));
    assert_eq!(address.location.unwrap().latitude, Some(40.72));
    assert_eq!(address.street_address.unwrap().apt.as_deref(), Some("2"));

    // A reminder 2 hours ahead: protobuf's JSON leaves the zero days and minutes out.
    let reminder = r#"{"metadata": {"id": "m10", "entityId": "e", "eventTime": "2025-06-14T20:00:00Z"},
        "data": {"eventId": "3f0b8e5a-6c2d-4a7e-9b1f-2d8c5e4a7b19", "startsIn": {"hours": 2}}}"#;
    let reminder: EventReminder = serde_json::from_str(reminder).unwrap();
    let starts_in = reminder.data.starts_in.unwrap();
    assert_eq!(
        (starts_in.days, starts_in.hours, starts_in.minutes),
        (0, 2, 0)
    );
}
