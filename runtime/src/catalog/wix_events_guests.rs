//! `wixEventsGuests`: the guests of Wix Events: people registered for an event, by RSVP or by
//! buying tickets.
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_events_guests::{AttendanceStatus, GuestCreated};
//!
//! #[backend_event]
//! async fn wixEventsGuests_onGuestCreated(event: GuestCreated) -> Result<(), String> {
//!     if event.entity.attendance_status == Some(AttendanceStatus::Attending) {
//!         println!("{} is coming", event.entity.id);
//!     }
//!     Ok(())
//! }
//! # fn main() {}
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::EventMetadata;
use crate::serde_helpers::{string_enum, u64_from_string_or_number};

/// A guest of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Guest {
    /// The guest's id (`_id`, or `id` in REST deliveries).
    #[serde(rename = "_id", alias = "id")]
    pub id: String,
    /// The event the guest is registered for.
    pub event_id: String,
    /// The ticket order the guest belongs to (ticketed events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_number: Option<String>,
    /// The guest's tickets (ticketed events).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tickets: Vec<GuestTicket>,
    /// The guest's contact in the site's contact list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// The guest's site member id, when the guest is a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// What the guest told the form: name, email, answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guest_details: Option<GuestDetails>,
    /// Whether the guest is coming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance_status: Option<AttendanceStatus>,
    /// When the attendance status last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance_status_updated_date: Option<DateTime<Utc>>,
    /// How the guest came to be one: buyer, ticket holder or RSVP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guest_type: Option<GuestType>,
    /// How many people the guest's registration counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_guests: Option<u32>,
    /// Grows by one with every update of the guest.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "u64_from_string_or_number"
    )]
    pub revision: Option<u64>,
    /// When the guest was created (`_createdDate` or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// When the guest was last updated (`_updatedDate` or `updatedDate`).
    #[serde(
        rename = "_updatedDate",
        alias = "updatedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
}

/// One ticket of a guest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GuestTicket {
    /// The ticket's number, printed on it.
    pub number: String,
    /// The ticket definition (the kind of ticket) it was sold as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition_id: Option<String>,
    /// The ticket definition's name, such as "Participant Ticket".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// What a guest entered when registering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GuestDetails {
    /// The guest's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The guest's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The guest's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Every answer of the registration form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_response: Option<FormResponse>,
    /// Whether the guest has checked in at the event. `false` when absent.
    #[serde(default)]
    pub checked_in: bool,
}

/// The answers of a registration form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FormResponse {
    /// One entry per form field.
    #[serde(default)]
    pub input_values: Vec<InputValue>,
}

/// The answer to one form field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InputValue {
    /// The field's name, such as `email`.
    pub input_name: String,
    /// The answer, for single-value fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The answers, for multi-value fields (checkboxes).
    #[serde(default)]
    pub values: Vec<String>,
}

string_enum! {
    /// Whether a guest is coming.
    pub enum AttendanceStatus {
        /// The guest is coming.
        Attending = "ATTENDING",
        /// The guest said no.
        NotAttending = "NOT_ATTENDING",
        /// The guest is on the waitlist.
        InWaitlist = "IN_WAITLIST",
    }
}

string_enum! {
    /// How a guest came to be one.
    pub enum GuestType {
        /// Registered by RSVP.
        Rsvp = "RSVP",
        /// Bought the tickets of an order.
        Buyer = "BUYER",
        /// Holds a ticket someone bought.
        TicketHolder = "TICKET_HOLDER",
    }
}

/// `wixEventsGuests_onGuestCreated`: a guest was created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GuestCreated {
    /// Which event this is, about which guest, and when.
    pub metadata: EventMetadata,
    /// The new guest.
    pub entity: Guest,
}

/// `wixEventsGuests_onGuestUpdated`: a guest was updated. The platform may send the same
/// update twice: compare `metadata.id` to drop repeats.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GuestUpdated {
    /// Which event this is, about which guest, and when.
    pub metadata: EventMetadata,
    /// The guest as it is now.
    pub entity: Guest,
}

/// `wixEventsGuests_onGuestDeleted`: a guest was deleted. The platform sends only the
/// metadata; `metadata.entity_id` is the deleted guest's id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GuestDeleted {
    /// Which event this is, about which guest, and when.
    pub metadata: EventMetadata,
    /// The deleted guest, when the platform includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<Guest>,
}

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_events_guests.rs");
