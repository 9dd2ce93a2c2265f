//! `wixEventsV3`: one answer from the two spellings of an address line and the two shapes of a
//! page URL, and the event id of every action event.

use crate::catalog::wix_events_v3::{
    Address, EventCanceledData, EventClonedData, EventEndedData, EventPageUrl, EventPublishedData,
    EventReminderData, EventStartedData,
};

impl Address {
    /// The whole address on one line, from `formattedAddress` or, failing that, `formatted`.
    pub fn formatted(&self) -> Option<&str> {
        self.formatted_address
            .as_deref()
            .or(self.formatted.as_deref())
    }
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

/// `id()` for the `data` of the action events, which name their event by `eventId` in the
/// typings and by `event._id` in Velo's examples.
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
