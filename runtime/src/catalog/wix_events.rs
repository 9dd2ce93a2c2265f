//! `wixEvents`: events of the Wix Events app.
//!
//! Two families share the Velo prefix `wixEvents_`:
//! - the policies (terms and conditions guests accept when they register) and the other events
//!   of Wix's current Events APIs: `{metadata, entity}` payloads, delivered by webhooks too, and
//!   generated from Wix's typings like the rest of the catalog;
//! - the older events of the `wix-events-backend` API about the events themselves (created,
//!   updated, canceled, deleted, started, ended, reminder): flat payloads such as
//!   `{timestamp, eventId, title, userId}`, with no webhook type, so they are dispatched locally
//!   only. New code should prefer [`wix_events_v3`](crate::wix_events_v3).
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_events::PolicyUpdated;
//!
//! #[backend_event(wixEvents, onPolicyUpdated)]
//! fn policy_changed(event: PolicyUpdated) {
//!     println!("policy {} is now {:?}", event.entity.id, event.entity.name);
//! }
//! # fn main() {}
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::serde_helpers::string_enum;

/// Where an event of the older `wix-events-backend` API takes place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Location {
    /// The place's name, such as "Wix Playground".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The place on the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    /// The address as one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// A venue, or online.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<LocationType>,
    /// Whether the location is still to be decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tbd: Option<bool>,
}

/// A point on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Coordinates {
    /// Latitude, in degrees.
    pub lat: f64,
    /// Longitude, in degrees.
    pub lng: f64,
}

string_enum! {
    /// Whether an event happens at a place or online.
    pub enum LocationType {
        /// At a physical venue.
        Venue = "VENUE",
        /// Online.
        Online = "ONLINE",
    }
}

/// When an event of the older `wix-events-backend` API takes place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScheduleConfig {
    /// Whether the date is still to be decided; then the dates are absent.
    #[serde(default)]
    pub schedule_tbd: bool,
    /// What to show guests while the date is to be decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_tbd_message: Option<String>,
    /// When the event starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    /// When the event ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
    /// The event's time zone, such as `EST` or `America/New_York`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone_id: Option<String>,
    /// Whether the end date is hidden from guests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_hidden: Option<bool>,
    /// Whether the time zone is shown to guests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_time_zone: Option<bool>,
}

/// How long until an event starts, in an [`EventReminder`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StartsIn {
    /// Whole days.
    #[serde(default)]
    pub days: u32,
    /// Hours beyond the days.
    #[serde(default)]
    pub hours: u32,
    /// Minutes beyond the hours.
    #[serde(default)]
    pub minutes: u32,
}

string_enum! {
    /// The status of an event of the older `wix-events-backend` API.
    pub enum EventStatus {
        /// Published and scheduled.
        Scheduled = "SCHEDULED",
        /// Under way.
        Started = "STARTED",
        /// Over.
        Ended = "ENDED",
        /// Canceled.
        Canceled = "CANCELED",
        /// Not published yet.
        Draft = "DRAFT",
    }
}

/// `wixEvents_onEventCreated`: an event was created or copied (older `wix-events-backend` API;
/// flat payload).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventCreated {
    /// When the event was created.
    pub timestamp: DateTime<Utc>,
    /// The new event's id.
    pub event_id: String,
    /// Where it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// When it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_config: Option<ScheduleConfig>,
    /// The event's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The user who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The event's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EventStatus>,
    /// When the event is a copy: the event it was copied from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from_event_id: Option<String>,
}

/// `wixEvents_onEventUpdated`: an event was updated (older `wix-events-backend` API; flat
/// payload).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventUpdated {
    /// When the event was updated.
    pub timestamp: DateTime<Utc>,
    /// The event's id.
    pub event_id: String,
    /// Where it takes place now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// When it takes place now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_config: Option<ScheduleConfig>,
    /// The event's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether this update changed the schedule: the cue to tell guests. `false` when absent.
    #[serde(default)]
    pub schedule_config_updated: bool,
}

/// `wixEvents_onEventCanceled`: an event was canceled (older `wix-events-backend` API; flat
/// payload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventCanceled {
    /// When the event was canceled.
    pub timestamp: DateTime<Utc>,
    /// The event's id.
    pub event_id: String,
    /// The event's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The user who canceled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

/// `wixEvents_onEventDeleted`: an event was deleted (older `wix-events-backend` API; flat
/// payload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventDeleted {
    /// When the event was deleted.
    pub timestamp: DateTime<Utc>,
    /// The deleted event's id.
    pub event_id: String,
    /// The event's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The user who deleted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

/// `wixEvents_onEventStarted`: an event's start time came (older `wix-events-backend` API; flat
/// payload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventStarted {
    /// When the event started.
    pub timestamp: DateTime<Utc>,
    /// The event's id.
    pub event_id: String,
}

/// `wixEvents_onEventEnded`: an event's end time came (older `wix-events-backend` API; flat
/// payload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventEnded {
    /// When the event ended.
    pub timestamp: DateTime<Utc>,
    /// The event's id.
    pub event_id: String,
}

/// `wixEvents_onEventReminder`: an event starts soon (older `wix-events-backend` API; flat
/// payload). `starts_in` says how soon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventReminder {
    /// When the reminder fired.
    pub timestamp: DateTime<Utc>,
    /// The event's id.
    pub event_id: String,
    /// Where it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// When it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_config: Option<ScheduleConfig>,
    /// The event's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The user who created the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// How long until the event starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_in: Option<StartsIn>,
}

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_events.rs");
