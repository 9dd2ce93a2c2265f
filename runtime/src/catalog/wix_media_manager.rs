//! `wixMediaManager`: files uploaded to the site's Media Manager through the older
//! `wix-media-backend` API (`mediaManager.upload()`, `importFile()`, `getUploadUrl()`). Older
//! Velo events without a webhook: each handler receives the same flat [`FileEvent`], the
//! file's information and the upload's context.
//!
//! | event | payload | when |
//! |---|---|---|
//! | `onFileUploaded` | [`FileUploaded`] ([`FileEvent`]) | a file finished uploading |
//! | `onAudioTranscoded` | [`AudioTranscoded`] ([`FileEvent`]) | an uploaded audio file is transcoded, after `onFileUploaded` |
//! | `onVideoTranscoded` | [`VideoTranscoded`] ([`FileEvent`]) | an uploaded video file is transcoded, after `onFileUploaded` |
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_media_manager::{FileUploaded, MediaType};
//!
//! #[backend_event(wixMediaManager, onFileUploaded)]
//! fn file_uploaded(event: FileUploaded) {
//!     let file = &event.file_info;
//!     if file.media_type == Some(MediaType::Image) {
//!         let size = file.width.as_ref().zip(file.height.as_ref());
//!         println!("new image {:?} ({size:?})", file.file_url);
//!     }
//! }
//! # fn main() {}
//! ```

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::serde_helpers::{string_enum, u64_from_string_or_number};

/// A media height or width in pixels, as the platform sent it.
///
/// The type definitions make it a string (`"300"`); the documented example sends a number
/// (`300`). Both are accepted, [`pixels`](Self::pixels) reads either, and serializing writes
/// it back in the form it came in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Dimension {
    text: String,
    sent_as_string: bool,
}

impl Dimension {
    /// The dimension as sent, as text: `"300"`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The dimension in whole pixels, when the text is one.
    pub fn pixels(&self) -> Option<u32> {
        self.text.trim().parse().ok()
    }

    /// Whether the platform sent it as a JSON string rather than a number.
    pub fn sent_as_string(&self) -> bool {
        self.sent_as_string
    }
}

impl From<u32> for Dimension {
    fn from(pixels: u32) -> Self {
        Dimension {
            text: pixels.to_string(),
            sent_as_string: false,
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Dimension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.sent_as_string {
            if let Ok(number) = self.text.parse::<serde_json::Number>() {
                return number.serialize(serializer);
            }
        }
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Dimension {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DimensionVisitor;

        impl DimensionVisitor {
            fn number(text: String) -> Dimension {
                Dimension {
                    text,
                    sent_as_string: false,
                }
            }
        }

        impl<'de> Visitor<'de> for DimensionVisitor {
            type Value = Dimension;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a size in pixels, as a number or a string")
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Dimension, E> {
                Ok(Self::number(value.to_string()))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Dimension, E> {
                Ok(Self::number(value.to_string()))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Dimension, E> {
                Ok(Self::number(value.to_string()))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Dimension, E> {
                Ok(Dimension {
                    text: value.to_owned(),
                    sent_as_string: true,
                })
            }

            // serde_json with its `arbitrary_precision` feature hands numbers over as a map.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Dimension, A::Error> {
                let number =
                    serde_json::Number::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Self::number(number.to_string()))
            }
        }

        deserializer.deserialize_any(DimensionVisitor)
    }
}

/// A file uploaded to the Media Manager.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FileInfo {
    /// The file's Wix media URL, such as
    /// `wix:image://v1/f6c0f9_...~mv2.jpg/original-name.jpg#originWidth=300&originHeight=300`:
    /// the way to refer to the file in other `wix-media-backend` calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_url: Option<String>,
    /// Deprecated: the file's internal name, which `file_url` contains. The type definitions
    /// list it; the documented example leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// The file's name when it was uploaded: the name the Media Manager shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_file_name: Option<String>,
    /// The file's hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// The file's size in bytes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        // Sent as a number by this older API: read either form, write a number back.
        deserialize_with = "u64_from_string_or_number::deserialize"
    )]
    pub size_in_bytes: Option<u64>,
    /// The file's MIME type, such as `image/jpeg`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// What kind of file this is: image, video, audio, document or shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<MediaType>,
    /// Whether the file is private: its URL then needs a token. `false` when absent.
    #[serde(default)]
    pub is_private: bool,
    /// The folder the file was uploaded to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_folder_id: Option<String>,
    /// Whether the file is ready, or still queued for processing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op_status: Option<OpStatus>,
    /// The URL the file was uploaded from. The documented example spells it `sourceUrl`, the
    /// type definitions `sourceURL`: both are accepted.
    #[serde(
        rename = "sourceUrl",
        alias = "sourceURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_url: Option<String>,
    /// The URL of the file's icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
    /// Labels the Media Manager gave the file, such as `Butterfly`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// The media's height in pixels, for images and videos (a string in the type definitions, a
    /// number in the documented example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Dimension>,
    /// The media's width in pixels, for images and videos (a string in the type definitions, a
    /// number in the documented example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Dimension>,
    /// When the file was created (`_createdDate` or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// When the file was last updated (`_updatedDate` or `updatedDate`).
    #[serde(
        rename = "_updatedDate",
        alias = "updatedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
}

string_enum! {
    /// What kind of file a [`FileInfo`] is.
    pub enum MediaType {
        /// A sound file.
        Audio = "audio",
        /// A document, such as a PDF.
        Document = "document",
        /// A picture.
        Image = "image",
        /// A vector shape.
        Shape = "shape",
        /// A video.
        Video = "video",
    }
}

string_enum! {
    /// Where an uploaded file is in its processing.
    pub enum OpStatus {
        /// Waiting to be downloaded from its source URL.
        InDownloadQueue = "IN-DOWNLOAD-QUEUE",
        /// Waiting to be processed.
        InQueue = "IN-QUEUE",
        /// Ready to use.
        Ready = "READY",
    }
}

/// A file of the Media Manager and the context of its upload, as the media events hand it over
/// (flat). Handlers read `file_info` (its Wix media URL, name, type, size) and `context` (the
/// key-value pairs the uploading code passed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FileEvent {
    /// The uploaded file.
    pub file_info: FileInfo,
    /// The key-value pairs the code that uploaded the file passed with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Map<String, serde_json::Value>>,
}

/// `wixMediaManager_onFileUploaded`: a file finished uploading to the Media Manager (older
/// event, flat payload, no webhook).
pub type FileUploaded = FileEvent;

/// `wixMediaManager_onAudioTranscoded`: an uploaded audio file finished transcoding and can be
/// used (older event, flat payload, no webhook). It comes after `onFileUploaded`.
///
/// The bundled sample is built from the fields of the documented example, not copied whole.
pub type AudioTranscoded = FileEvent;

/// `wixMediaManager_onVideoTranscoded`: an uploaded video file finished transcoding and can be
/// played (older event, flat payload, no webhook). It comes after `onFileUploaded`.
///
/// The bundled sample is built from the [`FileEvent`] fields, not copied from Wix's example.
pub type VideoTranscoded = FileEvent;

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_media_manager.rs");
