//! `wixForum`: each older Velo event's bundled sample reaches its handler with the fields a user
//! reads.

use backend_events::backend_event;
use backend_events::wix_forum::{
    CategoryCreated, CategoryDeleted, CategoryUpdated, CommentCreated, CommentDeleted,
    CommentDownvoted, CommentLiked, CommentMarkedAsBest, CommentReported, CommentUnliked,
    CommentUnmarkedAsBest, CommentUnvoted, CommentUpdated, CommentUpvoted, HeaderType, PostClosed,
    PostCreated, PostDeleted, PostLiked, PostMoved, PostOpened, PostPinned, PostReported, PostType,
    PostUnliked, PostUnpinned, PostUpdated, ReportType,
};

const POST: &str = "5cacd5fe04976c0015f35363";
const COMMENT: &str = "5ce7bb354f055300a4b7f945";
const CATEGORY: &str = "5cacd5fe04976c0015f35362";

/// Every event of the module, in the reference's order.
const EVENTS: &[&str] = &[
    "onPostCreated",
    "onPostUpdated",
    "onPostDeleted",
    "onPostOpened",
    "onPostClosed",
    "onPostPinned",
    "onPostUnpinned",
    "onPostLiked",
    "onPostUnliked",
    "onPostMoved",
    "onPostReported",
    "onCommentCreated",
    "onCommentUpdated",
    "onCommentDeleted",
    "onCommentLiked",
    "onCommentUnliked",
    "onCommentUpvoted",
    "onCommentDownvoted",
    "onCommentUnvoted",
    "onCommentMarkedAsBest",
    "onCommentUnmarkedAsBest",
    "onCommentReported",
    "onCategoryCreated",
    "onCategoryUpdated",
    "onCategoryDeleted",
];

fn fire(event: &str) {
    crate::sample_runs_one_handler("wixForum", event);
}

#[backend_event]
fn wixForum_onPostCreated(event: PostCreated) {
    assert_eq!(event.post_id, POST);
    let post = &event.post;
    assert_eq!(post.id.as_deref(), Some(POST));
    assert_eq!(
        post.owner_id.as_deref(),
        Some("a27d2491-90b0-4a3a-87d9-7a9de00bf17a")
    );
    assert_eq!(post.category_id.as_deref(), Some(CATEGORY));
    assert_eq!(post.title.as_deref(), Some("Welcome to the Forum!"));
    assert_eq!(
        post.page_url.as_deref(),
        Some("/forum/discussion-corner/welcome-to-the-forum")
    );
    assert_eq!(post.post_type, Some(PostType::Question));
    assert_eq!(post.best_answer_comment_id.as_deref(), Some(COMMENT));
    assert_eq!(post.comment_count, Some(3));
    assert_eq!(post.view_count, Some(11));
    assert_eq!(post.commenting_disabled, Some(false));
    assert_eq!(
        post.created_date.unwrap().to_rfc3339(),
        "2019-04-09T17:27:26.171+00:00"
    );
}

#[backend_event]
fn wixForum_onPostUpdated(event: PostUpdated) {
    assert_eq!(event.post_id, POST);
    assert_eq!(event.post.title.as_deref(), Some("Welcome to our Forum!"));
    assert_eq!(
        event.post.edited_date.unwrap().to_rfc3339(),
        "2019-05-24T12:03:10.512+00:00"
    );
}

#[backend_event]
fn wixForum_onPostDeleted(event: PostDeleted) {
    assert_eq!(event.post_id, POST);
}

#[backend_event]
fn wixForum_onPostOpened(event: PostOpened) {
    assert_eq!(event.post_id, POST);
}

#[backend_event]
fn wixForum_onPostClosed(event: PostClosed) {
    assert_eq!(event.post_id, POST);
}

#[backend_event]
fn wixForum_onPostPinned(event: PostPinned) {
    assert_eq!(event.post_id, POST);
}

#[backend_event]
fn wixForum_onPostUnpinned(event: PostUnpinned) {
    assert_eq!(event.post_id, POST);
}

#[backend_event]
fn wixForum_onPostLiked(event: PostLiked) {
    assert_eq!(event.post_id, POST);
}

#[backend_event]
fn wixForum_onPostUnliked(event: PostUnliked) {
    assert_eq!(event.post_id, POST);
}

#[backend_event]
fn wixForum_onPostMoved(event: PostMoved) {
    assert_eq!(event.post_id, POST);
    assert_eq!(event.previous_category_id.as_deref(), Some(CATEGORY));
    assert_eq!(
        event.current_category_id.as_deref(),
        Some("5f88058be9b6b100175b154d")
    );
}

#[backend_event]
fn wixForum_onPostReported(event: PostReported) {
    assert_eq!(event.post_id, POST);
    assert_eq!(event.report_type, Some(ReportType::Spam));
}

#[backend_event]
fn wixForum_onCommentCreated(event: CommentCreated) {
    assert_eq!(event.comment_id, COMMENT);
    let comment = &event.comment;
    assert_eq!(comment.id.as_deref(), Some(COMMENT));
    assert_eq!(comment.post_id.as_deref(), Some(POST));
    assert_eq!(
        comment.plain_content.as_deref(),
        Some("Thanks, glad to be here!")
    );
    assert_eq!(comment.upvote_count, Some(3));
    assert_eq!(comment.downvote_count, Some(1));
    assert_eq!(comment.score, Some(2));
    assert_eq!(
        comment.page_url.as_deref(),
        Some("/forum/discussion-corner/welcome-to-the-forum")
    );
}

#[backend_event]
fn wixForum_onCommentUpdated(event: CommentUpdated) {
    assert_eq!(event.comment_id, COMMENT);
    assert_eq!(
        event.comment.plain_content.as_deref(),
        Some("Thanks, very glad to be here!")
    );
}

#[backend_event]
fn wixForum_onCommentDeleted(event: CommentDeleted) {
    assert_eq!(event.comment_id, COMMENT);
}

#[backend_event]
fn wixForum_onCommentLiked(event: CommentLiked) {
    assert_eq!(event.comment_id, COMMENT);
}

#[backend_event]
fn wixForum_onCommentUnliked(event: CommentUnliked) {
    assert_eq!(event.comment_id, COMMENT);
}

#[backend_event]
fn wixForum_onCommentUpvoted(event: CommentUpvoted) {
    assert_eq!(event.comment_id, COMMENT);
}

#[backend_event]
fn wixForum_onCommentDownvoted(event: CommentDownvoted) {
    assert_eq!(event.comment_id, COMMENT);
}

#[backend_event]
fn wixForum_onCommentUnvoted(event: CommentUnvoted) {
    assert_eq!(event.comment_id, COMMENT);
}

#[backend_event]
fn wixForum_onCommentMarkedAsBest(event: CommentMarkedAsBest) {
    assert_eq!(event.comment_id, COMMENT);
}

#[backend_event]
fn wixForum_onCommentUnmarkedAsBest(event: CommentUnmarkedAsBest) {
    assert_eq!(event.comment_id, COMMENT);
}

#[backend_event]
fn wixForum_onCommentReported(event: CommentReported) {
    assert_eq!(event.comment_id, COMMENT);
    assert_eq!(event.report_type, Some(ReportType::OffensiveContent));
}

#[backend_event]
fn wixForum_onCategoryCreated(event: CategoryCreated) {
    assert_eq!(event.category_id, CATEGORY);
    let category = &event.category;
    assert_eq!(category.name.as_deref(), Some("Discussion corner"));
    assert_eq!(category.header_type, Some(HeaderType::Color));
    let background = category.header_background_color.as_ref().unwrap();
    assert_eq!(background.color.as_deref(), Some("#2F5DFF"));
    assert_eq!(background.opacity.as_ref().unwrap().as_u64(), Some(1));
    assert_eq!(category.post_count, Some(2));
    assert_eq!(category.category_type, Some(PostType::Discussion));
    assert_eq!(category.write_protected, Some(false));
}

#[backend_event]
fn wixForum_onCategoryUpdated(event: CategoryUpdated) {
    assert_eq!(event.category_id, CATEGORY);
    assert_eq!(
        event.category.description.as_deref(),
        Some("Share stories, ideas and pictures!")
    );
}

#[backend_event]
fn wixForum_onCategoryDeleted(event: CategoryDeleted) {
    assert_eq!(event.category_id, CATEGORY);
}

#[test]
fn every_forum_sample_reaches_its_handler() {
    for event in EVENTS {
        fire(event);
    }
}

#[test]
fn the_module_has_every_event_of_the_reference_and_no_webhook() {
    let declared: Vec<_> = backend_events::events()
        .filter(|e| e.module() == "wixForum")
        .collect();
    assert_eq!(declared.len(), EVENTS.len());
    for info in declared {
        assert!(EVENTS.contains(&info.name()), "{info}");
        assert_eq!(info.webhook_type(), None, "{info}");
    }
}

/// The platform's spelling of the ids and dates reads as Velo's.
#[test]
fn a_post_in_the_wire_spelling_reads_alike() {
    let velo: PostCreated = serde_json::from_str(
        r#"{"postId": "p1", "post": {"_id": "p1", "_ownerId": "m1", "_createdDate": "2019-04-09T17:27:26.171Z"}}"#,
    )
    .unwrap();
    let wire: PostCreated = serde_json::from_str(
        r#"{"postId": "p1", "post": {"id": "p1", "ownerId": "m1", "createdDate": "2019-04-09T17:27:26.171Z"}}"#,
    )
    .unwrap();
    assert_eq!(velo, wire);
}
