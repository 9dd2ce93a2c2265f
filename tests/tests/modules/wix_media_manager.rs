//! `wixMediaManager`: the documented upload reaches its handler with the fields a user reads,
//! and both the example's and the type definitions' spellings parse.

use backend_events::backend_event;
use backend_events::wix_media_manager::{
    AudioTranscoded, FileUploaded, MediaType, OpStatus, VideoTranscoded,
};

const FILE_UPLOADED: &str =
    include_str!("../../../runtime/samples/wixMediaManager.onFileUploaded.json");

#[backend_event(wixMediaManager, onFileUploaded)]
fn file_uploaded(event: FileUploaded) {
    let file = &event.file_info;
    assert_eq!(
        file.file_url.as_deref(),
        Some(
            "wix:image://v1/f6c0f9_tg439f4475a749e181dd14407fdbd37e~mv2.jpg/original-name.jpg#originWidth=300&originHeight=300"
        )
    );
    assert_eq!(
        file.original_file_name.as_deref(),
        Some("original-name.jpg")
    );
    assert!(file.file_name.is_none());
    assert_eq!(file.hash.as_deref(), Some("Ew00kXbu4Zt33rzjcWa6Ng=="));
    assert_eq!(file.size_in_bytes, Some(51_085));
    assert_eq!(file.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(file.media_type, Some(MediaType::Image));
    assert!(!file.is_private);
    assert_eq!(
        file.parent_folder_id.as_deref(),
        Some("2bf470f5be194b319cdb2fvbu3278ff9")
    );
    assert_eq!(file.op_status, Some(OpStatus::Ready));
    assert_eq!(
        file.source_url.as_deref(),
        Some("https://somedomain.com/img/original-name.jpg")
    );
    assert_eq!(file.labels, ["Blue", "Butterfly", "Turquoise"]);
    assert_eq!(file.height.as_ref().unwrap().pixels(), Some(300));
    assert_eq!(file.width.as_ref().unwrap().pixels(), Some(300));
    assert!(file.created_date.is_none());

    let context = event.context.as_ref().unwrap();
    assert_eq!(context["someKey1"], "someValue1");
    assert_eq!(context["someKey2"], "someValue2");
}

#[test]
fn file_uploaded_sample_reaches_its_handler() {
    crate::runs_one_handler("wixMediaManager", "onFileUploaded", FILE_UPLOADED);
}

#[test]
fn file_uploaded_has_no_webhook() {
    use backend_events::BackendEvent;
    use backend_events::wix_media_manager::wixMediaManager::onFileUploaded;
    assert_eq!(onFileUploaded::WEBHOOK_TYPE, None);
}

/// Quirk: the example spells `sourceUrl` where the type definitions spell `sourceURL`.
#[test]
fn source_url_is_read_in_both_spellings() {
    for key in ["sourceUrl", "sourceURL"] {
        let json = format!(
            r#"{{"fileInfo": {{"fileUrl": "wix:image://v1/a.jpg/a.jpg#", "{key}": "https://example.com/a.jpg"}}}}"#
        );
        let event: FileUploaded = serde_json::from_str(&json).unwrap();
        assert_eq!(
            event.file_info.source_url.as_deref(),
            Some("https://example.com/a.jpg"),
            "{key}"
        );
        assert!(event.context.is_none());
    }
}

/// Quirk: the example sends `height` / `width` as numbers where the type definitions say
/// strings. Both parse, and each keeps its form when serialized again; `fileName`, which the
/// type definitions list and the example lacks, is read when present.
#[test]
fn height_and_width_are_read_as_numbers_or_strings() {
    let from_example: FileUploaded = serde_json::from_str(FILE_UPLOADED).unwrap();
    let height = from_example.file_info.height.as_ref().unwrap();
    assert!(!height.sent_as_string());
    assert_eq!(height.as_str(), "300");

    let typed = r#"{"fileInfo": {
        "fileName": "f6c0f9_tg439f4475a749e181dd14407fdbd37e~mv2.jpg",
        "height": "1080", "width": "1920", "sizeInBytes": "51085",
        "opStatus": "IN-QUEUE", "mediaType": "video",
        "_createdDate": "2020-04-02T10:11:12.000Z"
    }}"#;
    let event: FileUploaded = serde_json::from_str(typed).unwrap();
    let file = &event.file_info;
    assert_eq!(
        file.file_name.as_deref(),
        Some("f6c0f9_tg439f4475a749e181dd14407fdbd37e~mv2.jpg")
    );
    assert_eq!(file.height.as_ref().unwrap().pixels(), Some(1080));
    assert!(file.width.as_ref().unwrap().sent_as_string());
    assert_eq!(file.width.as_ref().unwrap().pixels(), Some(1920));
    assert_eq!(file.size_in_bytes, Some(51_085));
    assert_eq!(file.op_status, Some(OpStatus::InQueue));
    assert_eq!(file.media_type, Some(MediaType::Video));
    assert_eq!(
        file.created_date.unwrap().to_rfc3339(),
        "2020-04-02T10:11:12+00:00"
    );

    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(json["fileInfo"]["height"], serde_json::json!("1080"));
    let json = serde_json::to_value(&from_example).unwrap();
    assert_eq!(json["fileInfo"]["height"], serde_json::json!(300));
    assert_eq!(
        json["fileInfo"]["sourceUrl"],
        "https://somedomain.com/img/original-name.jpg"
    );
    let again: FileUploaded = serde_json::from_value(json).unwrap();
    assert_eq!(again, from_example);
}

#[backend_event(wixMediaManager, onAudioTranscoded)]
fn audio_transcoded(event: AudioTranscoded) {
    let file = &event.file_info;
    assert_eq!(file.media_type, Some(MediaType::Audio));
    assert_eq!(file.mime_type.as_deref(), Some("audio/mpeg"));
    assert!(
        file.file_url
            .as_deref()
            .unwrap()
            .starts_with("wix:audio://v1/")
    );
    assert_eq!(file.size_in_bytes, Some(8_414_449));
    assert_eq!(file.op_status, Some(OpStatus::Ready));
    assert_eq!(event.context.as_ref().unwrap()["someKey1"], "someValue1");
}

#[backend_event(wixMediaManager, onVideoTranscoded)]
fn video_transcoded(event: VideoTranscoded) {
    let file = &event.file_info;
    assert_eq!(file.media_type, Some(MediaType::Video));
    assert!(
        file.file_url
            .as_deref()
            .unwrap()
            .starts_with("wix:video://v1/")
    );
    assert_eq!(file.width.as_ref().unwrap().pixels(), Some(1920));
    assert_eq!(file.height.as_ref().unwrap().pixels(), Some(1080));
}

#[test]
fn transcoded_samples_reach_their_handlers() {
    for event in ["onAudioTranscoded", "onVideoTranscoded"] {
        let info = backend_events::events()
            .find(|e| e.module() == "wixMediaManager" && e.name() == event)
            .unwrap();
        assert_eq!(info.webhook_type(), None);
        crate::sample_runs_one_handler("wixMediaManager", event);
    }
}
