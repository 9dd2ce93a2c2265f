//! `wixForum`: the events of Wix Forum through the older `wix-forum-backend` API. Each is an
//! older Velo event without a webhook: the handler receives a flat object, the id of what
//! changed and, for a creation or an update, the post, comment or category itself. (Wix's
//! newer forum events, `wixForumV1_*`, hand over `{metadata, entity}` envelopes instead.)
//!
//! Posts: `onPostCreated`, `onPostUpdated`, `onPostDeleted`, `onPostOpened`, `onPostClosed`,
//! `onPostPinned`, `onPostUnpinned`, `onPostLiked`, `onPostUnliked`, `onPostMoved`,
//! `onPostReported`. Comments: `onCommentCreated`, `onCommentUpdated`, `onCommentDeleted`,
//! `onCommentLiked`, `onCommentUnliked`, `onCommentUpvoted`, `onCommentDownvoted`,
//! `onCommentUnvoted`, `onCommentMarkedAsBest`, `onCommentUnmarkedAsBest`, `onCommentReported`.
//! Categories: `onCategoryCreated`, `onCategoryUpdated`, `onCategoryDeleted`.
//!
//! The bundled samples are built from the objects' fields as Velo's reference describes them,
//! not copied from its examples.
//!
//! ```
//! use backend_events::backend_event;
//! use backend_events::wix_forum::{PostCreated, PostType};
//!
//! #[backend_event]
//! fn wixForum_onPostCreated(event: PostCreated) {
//!     if event.post.post_type == Some(PostType::Question) {
//!         println!("question {} at {:?}", event.post_id, event.post.page_url);
//!     }
//! }
//! # fn main() {}
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Number;
use crate::serde_helpers::string_enum;

// ---- Posts ----

/// A forum post, as `onPostCreated` and `onPostUpdated` hand it over.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Post {
    /// The post's id (`_id`, or `id`).
    #[serde(
        rename = "_id",
        alias = "id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The member who wrote the post (`_ownerId`, or `ownerId`).
    #[serde(
        rename = "_ownerId",
        alias = "ownerId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_id: Option<String>,
    /// The category the post belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<String>,
    /// The post's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The post's text, without formatting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plain_content: Option<String>,
    /// Whether the post is pinned (only forum admins pin and unpin posts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<bool>,
    /// Whether commenting is turned off (the post is closed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commenting_disabled: Option<bool>,
    /// How many comments the post has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_count: Option<u64>,
    /// How many likes the post has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub like_count: Option<u64>,
    /// How many times the post was viewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view_count: Option<u64>,
    /// When the post was created (`_createdDate`, or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// When the post was last edited (`_editedDate`, or `editedDate`).
    #[serde(
        rename = "_editedDate",
        alias = "editedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub edited_date: Option<DateTime<Utc>>,
    /// When anything last happened on the post (`_lastActivityDate`, or `lastActivityDate`).
    #[serde(
        rename = "_lastActivityDate",
        alias = "lastActivityDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_activity_date: Option<DateTime<Utc>>,
    /// The path of the post's page, relative to the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// The post's name in URLs, unique in the forum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Whether the post is a discussion or a question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_type: Option<PostType>,
    /// The comment marked as the best answer (questions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_answer_comment_id: Option<String>,
}

string_enum! {
    /// What a [`Post`] is, or what a [`Category`] holds.
    pub enum PostType {
        /// A conversation with other members.
        Discussion = "DISCUSSION",
        /// A question, answered by the community.
        Question = "QUESTION",
    }
}

/// `wixForum_onPostCreated`: a post was created (older event, flat payload, no webhook).
/// Handlers read `post_id` and `post`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostCreated {
    /// The post's id.
    pub post_id: String,
    /// The new post.
    #[serde(default)]
    pub post: Post,
}

/// `wixForum_onPostUpdated`: a post was edited (older event, flat payload, no webhook).
/// Handlers read `post_id` and `post`, as it is now.
pub type PostUpdated = PostCreated;

/// The object of a post event that names only its post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostAction {
    /// The post's id.
    pub post_id: String,
}

/// `wixForum_onPostDeleted`: a post was deleted (older event, flat payload, no webhook).
/// Handlers read `post_id`.
pub type PostDeleted = PostAction;

/// `wixForum_onPostOpened`: a closed post was opened to comments again (older event, flat
/// payload, no webhook). Handlers read `post_id`.
pub type PostOpened = PostAction;

/// `wixForum_onPostClosed`: a post was closed, so that members can no longer comment on it
/// (older event, flat payload, no webhook). Handlers read `post_id`.
pub type PostClosed = PostAction;

/// `wixForum_onPostPinned`: a post was pinned (older event, flat payload, no webhook).
/// Handlers read `post_id`.
pub type PostPinned = PostAction;

/// `wixForum_onPostUnpinned`: a post was unpinned (older event, flat payload, no webhook).
/// Handlers read `post_id`.
pub type PostUnpinned = PostAction;

/// `wixForum_onPostLiked`: a post was liked (older event, flat payload, no webhook). Handlers
/// read `post_id`.
pub type PostLiked = PostAction;

/// `wixForum_onPostUnliked`: a like was taken back from a post (older event, flat payload, no
/// webhook). Handlers read `post_id`.
pub type PostUnliked = PostAction;

/// `wixForum_onPostMoved`: a post was moved to another category (older event, flat payload,
/// no webhook). Handlers read `post_id`, `previous_category_id` and `current_category_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostMoved {
    /// The post's id.
    pub post_id: String,
    /// The category the post left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_category_id: Option<String>,
    /// The category the post is in now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_category_id: Option<String>,
}

/// `wixForum_onPostReported`: a member reported a post (older event, flat payload, no
/// webhook). Handlers read `post_id` and `report_type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostReported {
    /// The post's id.
    pub post_id: String,
    /// What the post was reported for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_type: Option<ReportType>,
}

string_enum! {
    /// What a post or a comment was reported for.
    pub enum ReportType {
        /// Offensive text.
        OffensiveContent = "OFFENSIVE_CONTENT",
        /// Offensive pictures or videos.
        OffensiveMedia = "OFFENSIVE_MEDIA",
        /// Unrelated or unwanted content.
        Spam = "SPAM",
    }
}

// ---- Comments ----

/// A comment on a forum post, as `onCommentCreated` and `onCommentUpdated` hand it over.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Comment {
    /// The comment's id (`_id`, or `id`).
    #[serde(
        rename = "_id",
        alias = "id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The post the comment is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_id: Option<String>,
    /// The member who wrote the comment (`_ownerId`, or `ownerId`).
    #[serde(
        rename = "_ownerId",
        alias = "ownerId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_id: Option<String>,
    /// The comment's text, without formatting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plain_content: Option<String>,
    /// How many replies the comment has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count: Option<u64>,
    /// How many likes the comment has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub like_count: Option<u64>,
    /// How many upvotes the comment has (comments on questions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upvote_count: Option<u64>,
    /// How many downvotes the comment has (comments on questions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downvote_count: Option<u64>,
    /// Upvotes less downvotes, below zero where downvotes win (comments on questions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    /// When the comment was created (`_createdDate`, or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// When the comment was last edited (`_editedDate`, or `editedDate`).
    #[serde(
        rename = "_editedDate",
        alias = "editedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub edited_date: Option<DateTime<Utc>>,
    /// When anything last happened on the comment (`_lastActivityDate`, or
    /// `lastActivityDate`).
    #[serde(
        rename = "_lastActivityDate",
        alias = "lastActivityDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_activity_date: Option<DateTime<Utc>>,
    /// The path of the page of the post the comment is on, relative to the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
}

/// `wixForum_onCommentCreated`: a comment was added to a post (older event, flat payload, no
/// webhook). Handlers read `comment_id` and `comment`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CommentCreated {
    /// The comment's id.
    pub comment_id: String,
    /// The new comment.
    #[serde(default)]
    pub comment: Comment,
}

/// `wixForum_onCommentUpdated`: a comment was edited (older event, flat payload, no webhook).
/// Handlers read `comment_id` and `comment`, as it is now.
pub type CommentUpdated = CommentCreated;

/// The object of a comment event that names only its comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CommentAction {
    /// The comment's id.
    pub comment_id: String,
}

/// `wixForum_onCommentDeleted`: a comment was deleted (older event, flat payload, no
/// webhook). Handlers read `comment_id`.
pub type CommentDeleted = CommentAction;

/// `wixForum_onCommentLiked`: a comment was liked (older event, flat payload, no webhook).
/// Handlers read `comment_id`.
pub type CommentLiked = CommentAction;

/// `wixForum_onCommentUnliked`: a like was taken back from a comment (older event, flat
/// payload, no webhook). Handlers read `comment_id`.
pub type CommentUnliked = CommentAction;

/// `wixForum_onCommentUpvoted`: a comment on a question was upvoted (older event, flat
/// payload, no webhook). Handlers read `comment_id`.
pub type CommentUpvoted = CommentAction;

/// `wixForum_onCommentDownvoted`: a comment on a question was downvoted (older event, flat
/// payload, no webhook). Handlers read `comment_id`.
pub type CommentDownvoted = CommentAction;

/// `wixForum_onCommentUnvoted`: a vote was taken back from a comment (older event, flat
/// payload, no webhook). Handlers read `comment_id`.
pub type CommentUnvoted = CommentAction;

/// `wixForum_onCommentMarkedAsBest`: a comment was marked as the best answer to its question
/// (older event, flat payload, no webhook). Handlers read `comment_id`.
pub type CommentMarkedAsBest = CommentAction;

/// `wixForum_onCommentUnmarkedAsBest`: a comment is no longer the best answer to its question
/// (older event, flat payload, no webhook). Handlers read `comment_id`.
pub type CommentUnmarkedAsBest = CommentAction;

/// `wixForum_onCommentReported`: a member reported a comment (older event, flat payload, no
/// webhook). Handlers read `comment_id` and `report_type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CommentReported {
    /// The comment's id.
    pub comment_id: String,
    /// What the comment was reported for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_type: Option<ReportType>,
}

// ---- Categories ----

/// A forum category, as `onCategoryCreated` and `onCategoryUpdated` hand it over.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Category {
    /// The category's id (`_id`, or `id`).
    #[serde(
        rename = "_id",
        alias = "id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The category's name, on the forum's home page and in its menu.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The title in the category page's header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_title: Option<String>,
    /// A short description of the category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the header's background is a picture or a color.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_type: Option<HeaderType>,
    /// The header's background picture, as a Wix image source (where `header_type` is
    /// `IMAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_image: Option<String>,
    /// The color laid over the header's picture (where `header_type` is `IMAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_image_overlay_color: Option<Color>,
    /// The header's background color.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_background_color: Option<Color>,
    /// The header's text color.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_text_color: Option<Color>,
    /// The category's place in the list on the forum's home page, `0` first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u64>,
    /// The path of the category's page, relative to the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// The category's name in URLs, unique in the forum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// How many posts the category has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_count: Option<u64>,
    /// How many times the category's posts were viewed, in all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_view_count: Option<u64>,
    /// Whether only admins and moderators can post in the category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_protected: Option<bool>,
    /// When the category was created (`_createdDate`, or `createdDate`).
    #[serde(
        rename = "_createdDate",
        alias = "createdDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// When the category was last updated (`_updatedDate`, or `updatedDate`).
    #[serde(
        rename = "_updatedDate",
        alias = "updatedDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
    /// Whether the category holds discussions or questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_type: Option<PostType>,
}

string_enum! {
    /// The background of a [`Category`]'s header.
    pub enum HeaderType {
        /// A picture.
        Image = "IMAGE",
        /// A color.
        Color = "COLOR",
    }
}

/// A color of a [`Category`]'s header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Color {
    /// The color, as hexadecimal RGB, such as `#FFFFFF`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// The opacity, from `0` (transparent) to `1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opacity: Option<Number>,
}

/// `wixForum_onCategoryCreated`: a category was created (older event, flat payload, no
/// webhook). Handlers read `category_id` and `category`.
///
/// Created from the published site, the event comes once its settings are saved; created in
/// the Editor, it comes at once with the default settings, and `onCategoryUpdated` follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CategoryCreated {
    /// The category's id.
    pub category_id: String,
    /// The new category.
    #[serde(default)]
    pub category: Category,
}

/// `wixForum_onCategoryUpdated`: a category's settings changed (older event, flat payload, no
/// webhook). Handlers read `category_id` and `category`, as it is now.
pub type CategoryUpdated = CategoryCreated;

/// `wixForum_onCategoryDeleted`: a category was deleted (older event, flat payload, no
/// webhook). Handlers read `category_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CategoryDeleted {
    /// The deleted category's id.
    pub category_id: String,
}

// The `declare_module!` table of this module, generated from codegen/curated/handwritten.tsv.
include!("generated/wix_forum.rs");
