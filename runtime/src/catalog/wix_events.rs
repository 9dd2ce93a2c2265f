//! `wixEvents`: events of the Wix Events app. So far, its policies: the terms and conditions
//! guests accept when they register for an event.
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

use crate::EventMetadata;
use crate::serde_helpers::u64_from_string_or_number;

/// A policy of an event: terms and conditions a guest accepts when registering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Policy {
    /// The policy's id (`_id`, or `id` in REST deliveries).
    #[serde(rename = "_id", alias = "id")]
    pub id: String,
    /// Grows by one with every update of the policy.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "u64_from_string_or_number"
    )]
    pub revision: Option<u64>,
    /// When the policy was created (`_createdDate` or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// When the policy was last updated (`_updatedDate` or `updatedDate`).
    #[serde(
        rename = "_updatedDate",
        alias = "updatedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
    /// The policy's name, shown to guests, such as "Terms and Conditions".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The policy's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The event the policy belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
}

/// `wixEvents_onPolicyCreated`: a policy was created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyCreated {
    /// Which event this is, about which policy, and when.
    pub metadata: EventMetadata,
    /// The new policy.
    pub entity: Policy,
}

/// `wixEvents_onPolicyUpdated`: a policy was updated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyUpdated {
    /// Which event this is, about which policy, and when.
    pub metadata: EventMetadata,
    /// The policy as it is now.
    pub entity: Policy,
}

/// `wixEvents_onPolicyDeleted`: a policy was deleted. The platform sends only the metadata;
/// `metadata.entity_id` is the deleted policy's id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyDeleted {
    /// Which event this is, about which policy, and when.
    pub metadata: EventMetadata,
    /// The deleted policy, when the platform includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<Policy>,
}

crate::declare_module! {
    /// Event markers of `wixEvents`.
    pub mod wixEvents {
        /// A policy was created.
        onPolicyCreated => PolicyCreated, webhook = "wix.events.v2.policy_created";
        /// A policy was updated.
        onPolicyUpdated => PolicyUpdated, webhook = "wix.events.v2.policy_updated";
        /// A policy was deleted.
        onPolicyDeleted => PolicyDeleted, webhook = "wix.events.v2.policy_deleted";
    }
}
