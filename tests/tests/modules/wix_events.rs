//! `wixEvents`: each bundled sample reaches a handler that reads what a user would. The policy
//! events are covered in `dispatch.rs` and `payloads.rs`; these are the older flat events.

use backend_events::backend_event;
use backend_events::wix_events::{
    EventCanceled, EventCreated, EventDeleted, EventEnded, EventReminder, EventStarted,
    EventUpdated, LocationType,
};

const EVENT_ID: &str = "46dc2337-d725-4f7e-a0ae-a94a9a1f0c0b";
const USER_ID: &str = "01cb99e2-e969-421a-b65f-43bea2a66fa1";
const TIMESTAMP: &str = "2020-04-26T13:57:50.699+00:00";

#[backend_event(wixEvents, onEventCreated)]
fn event_created(event: EventCreated) {
    assert_eq!(event.event_id, EVENT_ID);
    assert_eq!(event.timestamp.to_rfc3339(), TIMESTAMP);
    assert_eq!(event.title.as_deref(), Some("My event"));
    assert_eq!(event.user_id.as_deref(), Some(USER_ID));
    let location = event.location.unwrap();
    assert_eq!(location.name.as_deref(), Some("Wix Playground"));
    assert_eq!(location.kind, Some(LocationType::Venue));
    let coordinates = location.coordinates.unwrap();
    assert_eq!((coordinates.lat, coordinates.lng), (40.739254, -74.008925));
    let schedule = event.schedule_config.unwrap();
    assert!(!schedule.schedule_tbd);
    assert_eq!(
        schedule.start_date.unwrap().to_rfc3339(),
        "2020-05-10T16:00:00+00:00"
    );
    assert_eq!(schedule.time_zone_id.as_deref(), Some("EST"));
}

#[backend_event]
fn wixEvents_onEventUpdated(event: EventUpdated) {
    assert_eq!(event.event_id, EVENT_ID);
    assert!(event.schedule_config_updated);
    assert_eq!(
        event.location.unwrap().address.as_deref(),
        Some("100 Gansevoort St, New York, NY 10014, USA")
    );
    assert_eq!(
        event
            .schedule_config
            .unwrap()
            .end_date
            .unwrap()
            .to_rfc3339(),
        "2020-05-10T20:00:00+00:00"
    );
}

#[backend_event(wixEvents, onEventCanceled)]
fn event_canceled(event: EventCanceled) {
    assert_eq!(event.event_id, EVENT_ID);
    assert_eq!(event.title.as_deref(), Some("My event"));
    assert_eq!(event.user_id.as_deref(), Some(USER_ID));
}

#[backend_event(wixEvents, onEventDeleted)]
fn event_deleted(event: EventDeleted) {
    assert_eq!(event.event_id, EVENT_ID);
    assert_eq!(event.timestamp.to_rfc3339(), TIMESTAMP);
}

#[backend_event(wixEvents, onEventStarted)]
fn event_started(event: EventStarted) {
    assert_eq!(event.event_id, EVENT_ID);
    assert_eq!(event.timestamp.to_rfc3339(), TIMESTAMP);
}

#[backend_event(wixEvents, onEventEnded)]
async fn event_ended(event: EventEnded) {
    assert_eq!(event.event_id, EVENT_ID);
}

#[backend_event(wixEvents, onEventReminder)]
fn event_reminder(event: EventReminder) -> Result<(), String> {
    let starts_in = event.starts_in.ok_or("no startsIn")?;
    assert_eq!(
        (starts_in.days, starts_in.hours, starts_in.minutes),
        (3, 0, 0)
    );
    assert_eq!(event.title.as_deref(), Some("My event"));
    Ok(())
}

fn dispatch_sample(event: &str) {
    crate::sample_runs_one_handler("wixEvents", event);
}

#[test]
fn event_created_sample() {
    dispatch_sample("onEventCreated");
}

#[test]
fn event_updated_sample() {
    dispatch_sample("onEventUpdated");
}

#[test]
fn event_canceled_sample() {
    dispatch_sample("onEventCanceled");
}

#[test]
fn event_deleted_sample() {
    dispatch_sample("onEventDeleted");
}

#[test]
fn event_started_sample() {
    dispatch_sample("onEventStarted");
}

#[test]
fn event_ended_sample() {
    dispatch_sample("onEventEnded");
}

#[test]
fn event_reminder_sample() {
    dispatch_sample("onEventReminder");
}

#[test]
fn a_date_to_be_decided_comes_without_dates() {
    let json = r#"{"timestamp": "2020-04-26T13:57:50.699Z", "eventId": "e",
        "scheduleConfig": {"scheduleTbd": true, "scheduleTbdMessage": "Soon"}}"#;
    let event: EventCreated = serde_json::from_str(json).unwrap();
    let schedule = event.schedule_config.unwrap();
    assert!(schedule.schedule_tbd);
    assert_eq!(schedule.start_date, None);
    assert_eq!(schedule.schedule_tbd_message.as_deref(), Some("Soon"));
}
