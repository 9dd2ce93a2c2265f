//! `wixMediaSiteMedia`: each documented sample reaches its handler with the fields a user
//! reads, and the platform's two spellings (Velo and REST) both parse.

use backend_events::backend_event;
use backend_events::wix_media_site_media::{
    FileDescriptorFileFailed, FileDescriptorFileReady, FileState, ImageRef, MediaType,
    OperationStatus,
};

const FILE_READY: &str =
    include_str!("../../../runtime/samples/wixMediaSiteMedia.onFileDescriptorFileReady.json");
const FILE_FAILED: &str =
    include_str!("../../../runtime/samples/wixMediaSiteMedia.onFileDescriptorFileFailed.json");

#[backend_event(wixMediaSiteMedia, onFileDescriptorFileReady)]
fn file_ready(event: FileDescriptorFileReady) {
    assert_eq!(event.metadata.id, "6057a4bd-86d1-428e-bfe5-026dcc869ec3");
    assert_eq!(
        event.metadata.entity_id,
        "d4dde1_e26da94b5cb440649ede0c433425449c~mv2.jpg"
    );
    assert_eq!(
        event.metadata.event_time.to_rfc3339(),
        "2023-09-18T10:22:49.159+00:00"
    );
    assert!(event.data.triggered_by_undelete);
    let info = event.data.external_info.as_ref().unwrap();
    assert!(info.origin.is_none() && info.external_ids.is_empty());

    let file = &event.data.file;
    assert_eq!(file.id, "d4dde1_e26da94b5cb440649ede0c433425449c~mv2.jpg");
    assert_eq!(file.display_name.as_deref(), Some("mountains.jpg"));
    assert_eq!(
        file.url.as_deref(),
        Some("https://static.wixstatic.com/media/d4dde1_e26da94b5cb440649ede0c433425449c~mv2.jpg")
    );
    assert_eq!(file.parent_folder_id.as_deref(), Some("media-root"));
    assert_eq!(file.size_in_bytes, Some(3_013_886));
    assert!(!file.private);
    assert_eq!(file.media_type, Some(MediaType::Image));
    assert_eq!(file.operation_status, Some(OperationStatus::Ready));
    assert_eq!(
        file.site_id.as_deref(),
        Some("c96bcd13-173a-4938-88e0-a126391adf49")
    );
    assert_eq!(file.labels.len(), 6);
    assert_eq!(file.labels[0], "mountainous range");
    assert_eq!(
        file.created_date.unwrap().to_rfc3339(),
        "2023-08-09T08:45:49+00:00"
    );
    assert_eq!(
        file.updated_date.unwrap().to_rfc3339(),
        "2023-08-09T08:45:49+00:00"
    );
    assert!(file.state.is_none());

    let image = file.media.as_ref().unwrap().image.as_ref().unwrap();
    assert_eq!(
        image.image,
        Some(ImageRef::WixUrl(
            "wix:image://v1/d4dde1_e26da94b5cb440649ede0c433425449c~mv2.jpg/mountains.jpg#originWidth=5833&originHeight=3894".to_owned()
        ))
    );
    assert!(image.faces.is_empty());
    let colors = image.colors.as_ref().unwrap();
    assert_eq!(colors.palette.len(), 10);
    let prominent = colors.prominent.as_ref().unwrap().rgb.as_ref().unwrap();
    assert_eq!(
        (prominent.r, prominent.g, prominent.b),
        (Some(31), Some(36), Some(47))
    );
    assert!(colors.prominent.as_ref().unwrap().hex.is_none());
}

#[backend_event(wixMediaSiteMedia, onFileDescriptorFileFailed)]
fn file_failed(event: FileDescriptorFileFailed) {
    assert_eq!(event.metadata.id, "8cf0189d-9f49-45c5-9f3c-bc7928a42e34");
    assert_eq!(
        event.metadata.entity_id,
        "d4dde1_f6660fb1274c41bf87514db2f5926ae0"
    );
    assert_eq!(
        event.metadata.event_time.to_rfc3339(),
        "2023-09-18T10:27:33.046+00:00"
    );
    assert!(!event.metadata.triggered_by_anonymize_request);
    // The documented example carries no file: the id is in the metadata.
    assert!(event.data.file.is_none());
    assert!(event.data.external_info.unwrap().external_ids.is_empty());
}

fn dispatch(event: &str, sample: &str) {
    crate::runs_one_handler("wixMediaSiteMedia", event, sample);
}

#[test]
fn file_ready_sample_reaches_its_handler() {
    dispatch("onFileDescriptorFileReady", FILE_READY);
}

#[test]
fn file_failed_sample_reaches_its_handler() {
    dispatch("onFileDescriptorFileFailed", FILE_FAILED);
}

#[test]
fn webhook_types_are_declared() {
    use backend_events::BackendEvent;
    use backend_events::wix_media_site_media::wixMediaSiteMedia::{
        onFileDescriptorFileFailed, onFileDescriptorFileReady,
    };
    assert_eq!(
        onFileDescriptorFileReady::WEBHOOK_TYPE,
        Some("wix.media.site_media.v1.file_descriptor_file_ready")
    );
    assert_eq!(
        onFileDescriptorFileFailed::WEBHOOK_TYPE,
        Some("wix.media.site_media.v1.file_descriptor_file_failed")
    );
}

/// Quirk: Velo spells `_id` / `_createdDate` where REST deliveries spell `id` / `createdDate`,
/// `metadata.id` may come as `_id`, REST sends the image as an object rather than a Wix media
/// URL, and 64-bit sizes may come as strings or numbers.
#[test]
fn rest_spelling_of_a_file_ready_parses_too() {
    let rest = r#"{
      "metadata": {"_id": "686563e5-74ed-489a-88ee-b07d1657c18e",
                   "entityId": "002b27_c847a92bbf7e44c9916176478ef95c3d~mv2.jpg",
                   "eventTime": "2023-09-18T10:22:49.159Z",
                   "eventType": "wix.media.site_media.v1.file_descriptor_file_ready"},
      "data": {
        "file": {
          "id": "002b27_c847a92bbf7e44c9916176478ef95c3d~mv2.jpg",
          "displayName": "the great unknown",
          "sizeInBytes": 46489,
          "private": false,
          "mediaType": "IMAGE",
          "media": {"image": {
            "image": {"id": "002b27_c847a92bbf7e44c9916176478ef95c3d~mv2.jpg",
                      "url": "https://static.wixstatic.com/media/002b27_c847a92bbf7e44c9916176478ef95c3d~mv2.jpg",
                      "height": 300, "width": 960, "filename": "the great unknown",
                      "sizeInBytes": "46489"},
            "colors": {}, "faces": []}},
          "operationStatus": "READY",
          "createdDate": "2023-08-09T08:45:49Z",
          "updatedDate": "2023-08-09T08:45:50Z",
          "state": "OK",
          "internalTags": ["imported"],
          "addedBy": {"identityType": "UNKNOWN"}
        },
        "externalInfo": {"origin": "contact-form", "externalIds": ["submission-17"]}
      }
    }"#;
    let event: FileDescriptorFileReady = serde_json::from_str(rest).unwrap();
    assert_eq!(event.metadata.id, "686563e5-74ed-489a-88ee-b07d1657c18e");
    let file = &event.data.file;
    assert_eq!(file.id, "002b27_c847a92bbf7e44c9916176478ef95c3d~mv2.jpg");
    assert_eq!(file.size_in_bytes, Some(46_489));
    assert_eq!(file.state, Some(FileState::Ok));
    assert_eq!(file.internal_tags, ["imported"]);
    assert_eq!(
        file.updated_date.unwrap().to_rfc3339(),
        "2023-08-09T08:45:50+00:00"
    );
    let Some(ImageRef::Details(details)) =
        &file.media.as_ref().unwrap().image.as_ref().unwrap().image
    else {
        panic!("expected the REST image object");
    };
    assert_eq!((details.width, details.height), (Some(960), Some(300)));
    assert_eq!(details.size_in_bytes, Some(46_489));
    assert!(!event.data.triggered_by_undelete);
    let info = event.data.external_info.as_ref().unwrap();
    assert_eq!(info.origin.as_deref(), Some("contact-form"));
    assert_eq!(info.external_ids, ["submission-17"]);

    // Serialized in the Velo spelling, and the same value when read back.
    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(
        json["data"]["file"]["_id"],
        "002b27_c847a92bbf7e44c9916176478ef95c3d~mv2.jpg"
    );
    assert_eq!(json["data"]["file"]["_createdDate"], "2023-08-09T08:45:49Z");
    let again: FileDescriptorFileReady = serde_json::from_value(json).unwrap();
    assert_eq!(again, event);
}
