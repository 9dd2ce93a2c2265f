//! `wixChat`: messages of the Wix Chat app through the older `wix-chat-backend` API. Its one
//! event is an older Velo event without a webhook: the handler receives the message, flat.
//! (Wix now points to the Inbox events, `wixInbox`, for new code.)
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_chat::{Direction, Message};
//!
//! #[backend_event]
//! fn wixChat_onMessage(event: Message) {
//!     if event.direction == Some(Direction::VisitorToBusiness) {
//!         println!("{:?} wrote {:?}", event.participant_id, event.payload.text);
//!     }
//! }
//! # fn main() {}
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::serde_helpers::string_enum;

/// `wixChat_onMessage`: a chat message was sent to or from the business (older event, flat
/// payload, no webhook). Handlers read `payload.text`, `participant_id`, `channel_id` and
/// `direction`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Message {
    /// The channel (the conversation) the message belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The message's kind, such as `TEXT`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// A short summary of the message, shown in lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The visitor, member or contact on the other side of the business.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_id: Option<String>,
    /// Who sent the message to whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// When the message was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// The message's content.
    #[serde(default)]
    pub payload: MessagePayload,
    /// Key-value pairs the sending code attached to the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The content of a chat [`Message`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessagePayload {
    /// The message's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

string_enum! {
    /// The direction of a chat [`Message`].
    pub enum Direction {
        /// From a visitor, member or contact to the business.
        VisitorToBusiness = "VisitorToBusiness",
        /// From the business to a visitor, member or contact.
        BusinessToVisitor = "BusinessToVisitor",
    }
}

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_chat.rs");
