//! `wixCrm`: the events of Wix's contacts, labels, notes, tasks, attachments, extended fields
//! and pipelines under the Velo prefix `wixCrm_`. Cargo feature `wix-crm` (or `full`).
//!
//! Two families share it:
//! - 29 webhook events typed from Wix's published typings (`onContactCreated`,
//!   `onContactUpdated`, `onTaskCreated`...), each a `{metadata, entity}` or `{metadata, data}`
//!   envelope; CATALOG.md lists them with their `eventType`s;
//! - the older `onFormSubmit` of the `wix-crm-backend` API, typed here: a flat payload, no
//!   webhook, dispatched locally only. It reports a submission of the older Wix Forms app; the
//!   newer app's submissions are `wixForms.onSubmissionCreated`.
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_crm::FormSubmit;
//!
//! #[backend_event]
//! fn wixCrm_onFormSubmit(event: FormSubmit) {
//!     for field in &event.submission_data {
//!         println!("{:?}: {:?}", field.field_name, field.field_value);
//!     }
//! }
//! # fn main() {}
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `wixCrm_onFormSubmit`: a visitor submitted a form of the older Wix Forms app (older event,
/// flat payload, no webhook). Handlers read `form_name`, `contact_id` and each
/// `submission_data` field's `field_name` and `field_value`.
///
/// The bundled sample is built from the object's fields as Velo's reference describes them, not
/// copied from its example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FormSubmit {
    /// The contact the submission was saved to (created for it where the visitor was unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// The form's name, such as `Contact Us`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_name: Option<String>,
    /// When the form was submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_time: Option<DateTime<Utc>>,
    /// The values entered, field by field, in the form's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub submission_data: Vec<FormFieldValue>,
    /// The files uploaded with the form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<FormAttachment>,
}

/// One field of a [`FormSubmit`] and what the visitor entered in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FormFieldValue {
    /// The field's name, as the form shows it, such as `Email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_name: Option<String>,
    /// What the visitor entered, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_value: Option<String>,
}

/// A file uploaded with a [`FormSubmit`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FormAttachment {
    /// The file's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the file is, such as `IMAGE` or `DOCUMENT`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Where the file can be fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

// The generated part of this module (the webhook events, their types, and the
// `declare_module!` table), from codegen/ir and codegen/curated/handwritten.tsv.
include!("generated/wix_crm.rs");
