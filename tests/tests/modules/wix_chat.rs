//! `wixChat`: the documented message reaches its handler with the fields a user reads.

use backend_events::backend_event;
use backend_events::wix_chat::{Direction, Message};

const MESSAGE: &str = include_str!("../../../runtime/samples/wixChat.onMessage.json");

#[backend_event]
fn wixChat_onMessage(event: Message) {
    assert_eq!(
        event.payload.text.as_deref(),
        Some("Hey, I've got a question about your products")
    );
    assert_eq!(
        event.participant_id.as_deref(),
        Some("12a345b6-e78f-8011-f3f5-567g89h0i12j")
    );
    assert_eq!(
        event.channel_id.as_deref(),
        Some("23b345b6-c78d-9012-e3f4-567g89h0i01k")
    );
    assert_eq!(event.kind.as_deref(), Some("TEXT"));
    assert_eq!(event.direction, Some(Direction::VisitorToBusiness));
    assert_eq!(
        event.created_at.unwrap().to_rfc3339(),
        "2019-10-27T06:02:12.008+00:00"
    );
    assert!(event.metadata.as_ref().unwrap().is_empty());
}

#[test]
fn message_sample_reaches_its_handler() {
    use backend_events::BackendEvent;
    use backend_events::wix_chat::wixChat::onMessage;
    assert_eq!(onMessage::WEBHOOK_TYPE, None);
    assert_eq!(onMessage::SAMPLE, Some(MESSAGE));

    crate::runs_one_handler("wixChat", "onMessage", MESSAGE);
}
