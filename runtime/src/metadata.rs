//! [`EventMetadata`]: what every domain event carries beside its entity or data;
//! [`BaseEventMetadata`]: what a non-domain event's delivery carries.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::serde_helpers::{string_enum, u64_from_string_or_number};

/// The `metadata` of a backend event: which event this is, about which entity, and when.
///
/// Velo's handlers receive the first four fields; webhook deliveries add the optional ones
/// (the instance, the identity that caused the event, ordering information...).
///
/// JSON names are the platform's camelCase; `id` is also accepted as `_id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventMetadata {
    /// The event's unique id: the same on every redelivery, so it is the key to deduplicate on.
    #[serde(alias = "_id")]
    pub id: String,
    /// The id of the entity the event is about (the guest, the policy...).
    pub entity_id: String,
    /// When the event happened.
    pub event_time: DateTime<Utc>,
    /// Whether a GDPR anonymize request caused the event. `false` when absent.
    #[serde(default)]
    pub triggered_by_anonymize_request: bool,

    /// The app instance the event belongs to (webhook deliveries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// The webhook event type, such as `wix.events.v2.policy_updated` (webhook deliveries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// Who caused the event (webhook deliveries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// The account and site the event belongs to (webhook deliveries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_info: Option<AccountInfo>,
    /// The fully qualified name of the entity type, such as `wix.events.v2.policy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_fqdn: Option<String>,
    /// The event's slug within the entity type, such as `updated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Where the change originated, when the platform says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originated_from: Option<String>,
    /// A number that grows with each event of the same entity: compare it with the last one
    /// handled to drop stale, out-of-order updates.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "u64_from_string_or_number"
    )]
    pub entity_event_sequence: Option<u64>,
}

/// The `metadata` of a non-domain event (an app's lifecycle events, the older Stores and
/// ticketing events): what the webhook delivery itself says, every field optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BaseEventMetadata {
    /// The app instance the event belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// The webhook event type, such as `AppInstalled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// Who caused the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// The account and site the event belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_info: Option<AccountInfo>,
}

/// Who caused an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Identity {
    /// What kind of identity this is; it says which of the ids below is set.
    pub identity_type: IdentityType,
    /// Set for an anonymous site visitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_visitor_id: Option<String>,
    /// Set for a site member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// Set for a Wix user (a site owner or collaborator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wix_user_id: Option<String>,
    /// Set for an app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
}

string_enum! {
    /// The kind of an [`Identity`].
    pub enum IdentityType {
        /// A visitor who is not logged in.
        AnonymousVisitor = "ANONYMOUS_VISITOR",
        /// A site member.
        Member = "MEMBER",
        /// A Wix user: the site owner or a collaborator.
        WixUser = "WIX_USER",
        /// An app.
        App = "APP",
    }
}

/// The account and site an event belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountInfo {
    /// The account that owns the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// The parent account, for sites under a reseller or agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_account_id: Option<String>,
    /// The site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_id: Option<String>,
}
