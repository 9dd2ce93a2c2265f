//! `wixEventsV3`: events of the Wix Events app about the events themselves, as the Events V3 API
//! describes them (Velo's `wix-events.v2` module): an event was created, updated, published,
//! cloned, canceled or deleted; it is about to start, it started, it ended.
//!
//! Created and updated events carry the whole [`Event`] in `entity`; the others carry a small
//! `data` object (an event id, a timestamp, sometimes a title, location or schedule). Wix
//! publishes no full example payload for this module: the types follow the type definitions of
//! Wix's reference pages, and every field the platform may leave out is optional.
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_events_v3::{EventStatus, EventUpdated};
//!
//! #[backend_event(wixEventsV3, onEventUpdated)]
//! fn event_changed(event: EventUpdated) {
//!     let wix_event = &event.entity;
//!     if wix_event.status == Some(EventStatus::Upcoming) {
//!         println!("{} ({:?}) is coming up", wix_event.id, wix_event.title);
//!     }
//! }
//! # fn main() {}
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::EventMetadata;
use crate::serde_helpers::string_enum;

/// An event of Wix Events: a gathering the site owner holds for guests, who register by RSVP,
/// by buying tickets, or elsewhere.
///
/// Several parts are returned only when the call that produced the event asked for them (the
/// API's "fieldsets"): registration, page URL, summaries, form, SEO and agenda may be absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Event {
    /// The event's id (`_id`, or `id` in REST deliveries).
    #[serde(rename = "_id", alias = "id")]
    pub id: String,
    /// The event's title, such as "Leather Crafting 101".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The event page's slug: the title in kebab case, such as `leather-crafting-101`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// The short description shown under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_description: Option<String>,
    /// The detailed description, as HTML. Deprecated by Wix in favor of `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detailed_description: Option<String>,
    /// The description as Wix rich content (a document of nodes), kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<serde_json::Value>,
    /// The event's main image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_image: Option<EventImage>,
    /// Whether the event is a draft, upcoming, under way, over or canceled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EventStatus>,
    /// Where the event takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// When the event takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_and_time_settings: Option<DateAndTimeSettings>,
    /// How guests register: RSVP, tickets, elsewhere or not at all, and whether it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
    /// Where the event's page is on the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_page_url: Option<EventPageUrl>,
    /// Links that add the event to a guest's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_urls: Option<CalendarUrls>,
    /// The categories the event is assigned to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// Who can see the guest list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guest_list_settings: Option<GuestListSettings>,
    /// Counts of RSVPs, or of tickets sold and the revenue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summaries: Option<Summaries>,
    /// Online conferencing (video meeting or webinar) settings and session links, kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_conferencing: Option<serde_json::Value>,
    /// SEO settings of the event page (slug, tags, keywords), kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seo_settings: Option<serde_json::Value>,
    /// Whether the event has a schedule (agenda) page, and where; kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_settings: Option<serde_json::Value>,
    /// Display options of the event, kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_display_settings: Option<serde_json::Value>,
    /// The registration form (its fields and messages), kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<serde_json::Value>,
    /// The label the event's guests get in the site's contact list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_label: Option<String>,
    /// The Wix Events app instance of the site that hosts the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// The user who created the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// When the event was created (`_createdDate` or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// When the event was last updated (`_updatedDate` or `updatedDate`).
    #[serde(
        rename = "_updatedDate",
        alias = "updatedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
    /// When the event was published; absent for drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_date: Option<DateTime<Utc>>,
}

string_enum! {
    /// Where an event is in its life.
    pub enum EventStatus {
        /// Published and scheduled to start.
        Upcoming = "UPCOMING",
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

/// An event's image: a Wix media URL (`wix:image://v1/...`) in Velo, or an object with the
/// image's URL and size in REST deliveries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum EventImage {
    /// The image's Wix media URL, as Velo sends it.
    Url(String),
    /// The image's details, as REST deliveries send them.
    Details(Image),
}

/// An image of the site's media, as REST deliveries describe it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Image {
    /// The image's id in the site's media.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where the image can be downloaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Height, in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Width, in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// The text read to visitors who cannot see the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
}

/// Where an event takes place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Location {
    /// At a venue, or online.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<LocationType>,
    /// The place's name; shown instead of the address while the location is to be decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The venue's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Whether the location is still to be decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_tbd: Option<bool>,
}

string_enum! {
    /// Whether an event happens at a place or online.
    pub enum LocationType {
        /// On site, at a physical venue.
        Venue = "VENUE",
        /// Online, such as a video conference.
        Online = "ONLINE",
    }
}

/// A postal address.
///
/// The one-line form comes as `formattedAddress` in the current type definitions and as
/// `formatted` in older ones: both are kept; [`Address::formatted`] reads whichever is set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Address {
    /// The whole address on one line, such as "148 Lafayette St, New York, NY 10013, USA".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_address: Option<String>,
    /// The whole address on one line, as older type definitions name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    /// Street and building number, as free text (when `street_address` is not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line: Option<String>,
    /// Street and building number, as free text (another spelling of `address_line`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    /// Suite, apartment, floor or room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// Street name and number, as separate parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<StreetAddress>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State, province or region: its ISO 3166-2 code, such as `US-NY`, or `NY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
    /// The subdivisions from the largest to the smallest, with their names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subdivisions: Vec<Subdivision>,
    /// Country, as a 2-letter ISO 3166-1 code, such as `US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The country's full name, such as "United States".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_fullname: Option<String>,
    /// Zip or postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// The address's place on the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<AddressLocation>,
}

impl Address {
    /// The whole address on one line, from `formattedAddress` or, failing that, `formatted`.
    pub fn formatted(&self) -> Option<&str> {
        self.formatted_address
            .as_deref()
            .or(self.formatted.as_deref())
    }
}

/// A street name and building number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StreetAddress {
    /// The building number, such as "148".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The street name, such as "Lafayette St".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The apartment or suite number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apt: Option<String>,
}

/// A state, province or region of an address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Subdivision {
    /// Its short code, such as `NY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its full name, such as "New York".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A point on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AddressLocation {
    /// Latitude, in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude, in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

/// When an event takes place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DateAndTimeSettings {
    /// Whether the date and time are still to be decided; then the dates are absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_and_time_tbd: Option<bool>,
    /// What guests see while the date and time are to be decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_and_time_tbd_message: Option<String>,
    /// When the event starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    /// When the event ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
    /// The event's time zone, in the TZ database format, such as `America/New_York`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone_id: Option<String>,
    /// Whether the end date is hidden from guests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide_end_date: Option<bool>,
    /// Whether the time zone is shown to guests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_time_zone: Option<bool>,
    /// Whether the event happens once or is one of a series of repeating events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence_status: Option<RecurrenceStatus>,
    /// The dates of a repeating event's occurrences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurring_events: Option<Recurrences>,
    /// The dates and times as guests see them, in the event's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted: Option<FormattedDateAndTime>,
}

string_enum! {
    /// Whether an event happens once or repeats.
    pub enum RecurrenceStatus {
        /// Happens once (and may last several days).
        OneTime = "ONE_TIME",
        /// A series of events that repeat.
        Recurring = "RECURRING",
        /// The next event of a series.
        RecurringUpcoming = "RECURRING_UPCOMING",
        /// The latest event of a series that ended.
        RecurringRecentlyEnded = "RECURRING_RECENTLY_ENDED",
        /// The latest canceled event of a series.
        RecurringRecentlyCanceled = "RECURRING_RECENTLY_CANCELED",
    }
}

/// The occurrences of a repeating event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Recurrences {
    /// Each occurrence's dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub individual_event_dates: Vec<Occurrence>,
    /// The category that groups the series' events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<String>,
}

/// One occurrence of a repeating event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Occurrence {
    /// When it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    /// When it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
    /// Its time zone, such as `America/New_York`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone_id: Option<String>,
    /// Whether the time zone is shown to guests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_time_zone: Option<bool>,
}

/// An event's dates and times as guests see them. Empty while they are to be decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FormattedDateAndTime {
    /// Start and end together, such as "June 14, 2025, 6:00 – 9:00 PM EDT".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_and_time: Option<String>,
    /// The start date, such as "June 14, 2025".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// The start time, such as "6:00 PM".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// The end date; empty when the end date is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// The end time; empty when the end date is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
}

/// How guests register for an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Registration {
    /// The current way to register; may become `External` or no registration after creation.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<RegistrationType>,
    /// Whether registration is open, scheduled, or closed and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RegistrationStatus>,
    /// The way to register chosen when the event was created (`Rsvp` or `Ticketing`); it never
    /// changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_type: Option<RegistrationType>,
    /// Who may register: any visitor, or site members only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_guest_types: Option<AllowedGuestTypes>,
    /// Whether registration is paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_paused: Option<bool>,
    /// Whether registration was closed by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_disabled: Option<bool>,
    /// RSVP settings (RSVP events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rsvp: Option<RsvpRegistration>,
    /// Ticket settings and prices (ticketed events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickets: Option<TicketsRegistration>,
    /// Where guests register instead (external registration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<ExternalRegistration>,
}

string_enum! {
    /// How guests register for an event.
    pub enum RegistrationType {
        /// By answering an RSVP, for free.
        Rsvp = "RSVP",
        /// By buying tickets.
        Ticketing = "TICKETING",
        /// On another site or platform.
        External = "EXTERNAL",
        /// No registration: the event is only displayed (as the type definitions spell it).
        NotRequired = "NONE",
        /// No registration: the event is only displayed (as REST responses spell it).
        NoRegistration = "NO_REGISTRATION",
    }
}

string_enum! {
    /// Whether guests can register for an event now.
    pub enum RegistrationStatus {
        /// Closed automatically, such as when tickets sold out.
        ClosedAutomatically = "CLOSED_AUTOMATICALLY",
        /// Closed by hand (`registration_disabled`).
        ClosedManually = "CLOSED_MANUALLY",
        /// Guests can RSVP.
        OpenRsvp = "OPEN_RSVP",
        /// The guest limit is reached: new guests join the waitlist.
        OpenRsvpWaitlistOnly = "OPEN_RSVP_WAITLIST_ONLY",
        /// Guests can buy tickets.
        OpenTickets = "OPEN_TICKETS",
        /// Guests register on another site.
        OpenExternal = "OPEN_EXTERNAL",
        /// RSVP registration opens later.
        ScheduledRsvp = "SCHEDULED_RSVP",
    }
}

string_enum! {
    /// Who may register for an event.
    pub enum AllowedGuestTypes {
        /// Any site visitor.
        VisitorOrMember = "VISITOR_OR_MEMBER",
        /// Site members only.
        Member = "MEMBER",
    }
}

/// The RSVP settings of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RsvpRegistration {
    /// Whether guests can answer only "Yes", or "Yes" and "No".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type: Option<RsvpResponseType>,
    /// How many guests can RSVP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Whether guests join a waitlist once the limit is reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waitlist_enabled: Option<bool>,
    /// When registration opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    /// When registration closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
}

string_enum! {
    /// The answers a guest can give to an RSVP.
    pub enum RsvpResponseType {
        /// "Yes" only.
        YesOnly = "YES_ONLY",
        /// "Yes" or "No".
        YesAndNo = "YES_AND_NO",
    }
}

/// The ticket settings of a ticketed event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TicketsRegistration {
    /// The currency of the ticket prices, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The price of the cheapest ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lowest_price: Option<Money>,
    /// The price of the dearest ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highest_price: Option<Money>,
    /// Whether every ticket is sold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sold_out: Option<bool>,
    /// Whether each ticket holder fills in the registration form (rather than once per order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guests_assigned_separately: Option<bool>,
    /// How many tickets one order may hold (20 unless set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_limit_per_order: Option<u32>,
    /// How tax applies to the tickets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_settings: Option<TaxSettings>,
}

/// An amount of money.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Money {
    /// The amount as a decimal string with a period, such as "45.00".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The currency, as a 3-letter ISO 4217 code, such as `USD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The amount as guests see it, such as "$45.00".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_value: Option<String>,
}

/// How tax applies to an event's tickets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TaxSettings {
    /// Whether the tax is included in the price or added at checkout.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TaxType>,
    /// The tax's name, such as "Sales tax".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The rate in percent, as a decimal string, such as "8.875".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
    /// Whether the tax applies to donations too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_to_donations: Option<bool>,
}

string_enum! {
    /// How a tax applies to ticket prices.
    pub enum TaxType {
        /// The tax is part of the ticket price.
        IncludedInPrice = "INCLUDED_IN_PRICE",
        /// The tax is added to the price at checkout.
        AddedAtCheckout = "ADDED_AT_CHECKOUT",
    }
}

/// Where guests of an event with external registration register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExternalRegistration {
    /// The registration page's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where an event's page is: the parts of its address in REST deliveries, or the whole
/// address as one string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum EventPageUrl {
    /// The page's whole address.
    Url(String),
    /// The page's address as a base and a path.
    Parts(PageUrl),
}

impl EventPageUrl {
    /// The page's whole address: the string as sent, or the base followed by the path.
    pub fn url(&self) -> String {
        match self {
            EventPageUrl::Url(url) => url.clone(),
            EventPageUrl::Parts(parts) => format!(
                "{}{}",
                parts.base.as_deref().unwrap_or_default(),
                parts.path.as_deref().unwrap_or_default()
            ),
        }
    }
}

/// A page's address on the site, in two parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PageUrl {
    /// The site's address: its domain, or `https://user.wixsite.com/site` for free sites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The page's path, such as `/event-details/leather-crafting-101`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// Links that add an event to a calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CalendarUrls {
    /// "Add to Google Calendar" link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google: Option<String>,
    /// Link to download an ICS calendar file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ics: Option<String>,
}

/// A category events are grouped in, such as "Workshops".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Category {
    /// The category's id (`_id`, or `id` in REST deliveries).
    #[serde(
        rename = "_id",
        alias = "id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The category's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When the category was created (`_createdDate` or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// How many events, and draft events, are in the category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<CategoryCounts>,
    /// How the category came to be and is shown, such as `MANUAL` (the default).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub states: Vec<String>,
}

/// How many events a category holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CategoryCounts {
    /// Events in the category, deleted events excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_events_count: Option<u32>,
    /// Draft events in the category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_draft_events_count: Option<u32>,
}

/// Who can see an event's guest list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GuestListSettings {
    /// Whether every guest can see the guest list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub displayed_publicly: Option<bool>,
}

/// The dashboard counts of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Summaries {
    /// RSVP counts (RSVP events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rsvps: Option<RsvpSummary>,
    /// Tickets sold and revenue (ticketed events); archived orders are not counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickets: Option<TicketSummary>,
}

/// The RSVP counts of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RsvpSummary {
    /// All RSVPs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u32>,
    /// RSVPs that said "Yes".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes_count: Option<u32>,
    /// RSVPs that said "No".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_count: Option<u32>,
    /// RSVPs on the waitlist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waitlist_count: Option<u32>,
}

/// The ticket sales of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TicketSummary {
    /// Tickets sold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickets_sold: Option<u32>,
    /// Orders placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_orders: Option<u32>,
    /// Total revenue; taxes and payment provider fees are not deducted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Money>,
    /// Total of the confirmed transactions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_sales: Option<Money>,
    /// Whether the currency can no longer change (after the first order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_locked: Option<bool>,
}

/// How long until an event starts, in whole days, hours and minutes: 25.5 hours is
/// `{days: 1, hours: 1, minutes: 30}`. A part the platform leaves out is 0.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TimeDuration {
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

/// The `data` of [`EventCanceled`].
///
/// The type definitions list `timestamp`, `eventId`, `title`, `userId` (and `hasGuests`), while
/// Velo's example reads `data.event._id`: both forms are accepted, and [`Self::id`] reads either.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventCanceledData {
    /// When the event was canceled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<DateTime<Utc>>,
    /// The canceled event's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The event's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The user who created the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Whether anyone had registered: the cue to tell guests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_guests: Option<bool>,
    /// The canceled event, when the platform sends it (as Velo's example reads it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

/// The `data` of [`EventCloned`]: the new event made by copying another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventClonedData {
    /// When the new event was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<DateTime<Utc>>,
    /// The new event's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The event it was copied from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from_event_id: Option<String>,
    /// The app instance (site) of the event it was copied from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from_instance_id: Option<String>,
    /// The new event's title, such as "Leather Crafting 101 (1)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The user who created the new event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The new event's status, such as `Draft`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EventStatus>,
    /// Where the new event takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// When the new event takes place (by default 14 days after the original).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_and_time_settings: Option<DateAndTimeSettings>,
    /// The copied ticket definitions: original ticket definition id to new one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ticket_definitions: BTreeMap<String, String>,
    /// The new event, when the platform sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

/// The `data` of [`EventStarted`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventStartedData {
    /// When the event started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<DateTime<Utc>>,
    /// The event's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The event, when the platform sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

/// The `data` of [`EventEnded`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventEndedData {
    /// When the event ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<DateTime<Utc>>,
    /// The event's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The event, when the platform sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

/// The `data` of [`EventPublished`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventPublishedData {
    /// When the event was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<DateTime<Utc>>,
    /// The event's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The event's status now, such as `Upcoming`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EventStatus>,
    /// When the event is a copy: the event it was copied from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from_event_id: Option<String>,
    /// The event, when the platform sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

/// The `data` of [`EventReminder`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventReminderData {
    /// When the reminder fired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<DateTime<Utc>>,
    /// The event's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The event's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The user who created the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Where the event takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// When the event takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_and_time_settings: Option<DateAndTimeSettings>,
    /// How long until the event starts: 7 days, 3 days, 1 day, 2 hours, 1 hour or 30 minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_in: Option<TimeDuration>,
    /// The event, when the platform sends it (as Velo's example reads it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

/// `id()` for the `data` of the action events, which name their event by `eventId` in the type
/// definitions and by `event._id` in Velo's examples.
macro_rules! id_from_event_id_or_event {
    ($($data:ident: $doc:literal),* $(,)?) => {$(
        impl $data {
            #[doc = $doc]
            pub fn id(&self) -> Option<&str> {
                self.event_id
                    .as_deref()
                    .or(self.event.as_ref().map(|event| event.id.as_str()))
            }
        }
    )*};
}

id_from_event_id_or_event! {
    EventCanceledData: "The canceled event's id: `eventId`, or failing that `event._id`.",
    EventClonedData: "The new event's id: `eventId`, or failing that `event._id`.",
    EventStartedData: "The event's id: `eventId`, or failing that `event._id`.",
    EventEndedData: "The event's id: `eventId`, or failing that `event._id`.",
    EventPublishedData: "The event's id: `eventId`, or failing that `event._id`.",
    EventReminderData: "The event's id: `eventId`, or failing that `event._id`.",
}

/// `wixEventsV3_onEventCreated`: an event was created (as a draft, or published at once).
/// Handlers typically read `entity.id`, `entity.title`, `entity.status` and
/// `entity.date_and_time_settings`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventCreated {
    /// Which event this is, about which Wix event, and when.
    pub metadata: EventMetadata,
    /// The new event.
    pub entity: Event,
}

/// `wixEventsV3_onEventUpdated`: an event was updated. Handlers typically compare
/// `entity.date_and_time_settings` and `entity.location` with what they stored, and read
/// `entity.status` and `entity.registration`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventUpdated {
    /// Which event this is, about which Wix event, and when.
    pub metadata: EventMetadata,
    /// The event as it is now.
    pub entity: Event,
}

/// `wixEventsV3_onEventDeleted`: an event was deleted. The platform usually sends only the
/// metadata; `metadata.entity_id` is the deleted event's id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventDeleted {
    /// Which event this is, about which Wix event, and when.
    pub metadata: EventMetadata,
    /// The deleted event, when the platform includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<Event>,
}

/// `wixEventsV3_onEventCanceled`: an event was canceled; its registration is closed. Handlers
/// typically read `data.id()` (or `metadata.entity_id`), `data.title` and `data.has_guests`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventCanceled {
    /// Which event this is, about which Wix event, and when.
    pub metadata: EventMetadata,
    /// What was canceled.
    pub data: EventCanceledData,
}

/// `wixEventsV3_onEventCloned`: an event was made by copying another, with its form, tickets
/// and settings. Handlers typically read `data.event_id`, `data.derived_from_event_id` and
/// `data.ticket_definitions`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventCloned {
    /// Which event this is, about which Wix event (the new one), and when.
    pub metadata: EventMetadata,
    /// The new event and where it came from.
    pub data: EventClonedData,
}

/// `wixEventsV3_onEventStarted`: an event's start time came. Handlers typically read
/// `data.id()` and `data.timestamp`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventStarted {
    /// Which event this is, about which Wix event, and when.
    pub metadata: EventMetadata,
    /// Which event started, and when.
    pub data: EventStartedData,
}

/// `wixEventsV3_onEventEnded`: an event's end time came. Handlers typically read `data.id()` and
/// `data.timestamp`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventEnded {
    /// Which event this is, about which Wix event, and when.
    pub metadata: EventMetadata,
    /// Which event ended, and when.
    pub data: EventEndedData,
}

/// `wixEventsV3_onEventPublished`: a draft event was published. Handlers typically read
/// `data.id()` and `data.status`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventPublished {
    /// Which event this is, about which Wix event, and when.
    pub metadata: EventMetadata,
    /// Which event was published, and when.
    pub data: EventPublishedData,
}

/// `wixEventsV3_onEventReminder`: an event starts soon. Wix sends six reminders: 7 days, 3 days,
/// 1 day, 2 hours, 1 hour and 30 minutes before the start. Handlers typically read `data.id()`,
/// `data.starts_in` and `data.title`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventReminder {
    /// Which event this is, about which Wix event, and when.
    pub metadata: EventMetadata,
    /// Which event starts soon, where and when.
    pub data: EventReminderData,
}

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_events_v3.rs");
