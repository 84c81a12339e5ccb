//! Comments on Google Docs, Sheets and Slides files, which all live in Drive's comments API:
//! the calls (`comments.*`, `replies.*`), their rendering, and builders for the two comment
//! tools each editor service offers.
//!
//! Use from a service crate (the id parameter is what the reference names it):
//!
//! ```ignore
//! use wsmcp_drive::comments::{CommentTools, list_comments_tool, manage_comments_tool};
//! const COMMENTS: CommentTools = CommentTools {
//!     service: Service::Slides, tier: Tier::Complete, noun: "presentation", id_param: "presentation_id",
//!     list_name: "list_presentation_comments", manage_name: "manage_presentation_comment",
//!     list_title: "List Presentation Comments", manage_title: "Manage Presentation Comment",
//!     list_description: "...", manage_description: "...", cell_anchor: None,
//! };
//! // in the crate's tool list:
//! list_comments_tool(&COMMENTS), manage_comments_tool(&COMMENTS),
//! ```
//!
//! A spreadsheet passes `cell_anchor: Some(f)`: the manage tool then also takes `cell` and
//! sends `f(cell)` as the new comment's `anchor`. The service's permission levels must add
//! `drive.readonly` (listing) and `drive` (managing), the scopes these tools declare.

use serde::{Deserialize, Serialize};
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

mod render;
mod tools;

pub use render::{comment_block, comments_text};
pub use tools::{CellAnchor, CommentTools, list_comments_tool, manage_comments_tool};

const API: &ApiInfo = &ApiInfo::DRIVE;

/// What the tools read of a comment (Drive requires `fields` on every comments call).
pub const COMMENT_FIELDS: &str = "id,content,author(displayName,me),createdTime,modifiedTime,resolved,deleted,\
    anchor,quotedFileContent(value),replies(id,content,author(displayName,me),createdTime,action,deleted)";
pub const REPLY_FIELDS: &str = "id,content,author(displayName,me),createdTime,action,deleted";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Author {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub me: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quoted {
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reply {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing)]
    pub author: Option<Author>,
    #[serde(default, skip_serializing)]
    pub created_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing)]
    pub deleted: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    #[serde(default, skip_serializing)]
    pub author: Option<Author>,
    #[serde(default, skip_serializing)]
    pub created_time: Option<String>,
    #[serde(default, skip_serializing)]
    pub modified_time: Option<String>,
    #[serde(default, skip_serializing)]
    pub resolved: bool,
    #[serde(default, skip_serializing)]
    pub deleted: bool,
    #[serde(default, skip_serializing)]
    pub quoted_file_content: Option<Quoted>,
    #[serde(default, skip_serializing)]
    pub replies: Vec<Reply>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentList {
    #[serde(default)]
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub next_page_token: Option<String>,
}

fn comments_path(file_id: &str) -> String {
    format!("/drive/v3/files/{}/comments", segment(file_id))
}

fn comment_path(file_id: &str, comment_id: &str) -> String {
    format!("{}/{}", comments_path(file_id), segment(comment_id))
}

pub async fn comments_list(
    g: &GoogleCtx,
    file_id: &str,
    page_size: u32,
    page_token: Option<&str>,
) -> Result<CommentList, GoogleError> {
    g.get(API, comments_path(file_id))
        .query("fields", format!("nextPageToken,comments({COMMENT_FIELDS})"))
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

pub async fn comments_create(g: &GoogleCtx, file_id: &str, comment: &Comment) -> Result<Comment, GoogleError> {
    g.post(API, comments_path(file_id)).query("fields", COMMENT_FIELDS).json(comment).send().await
}

pub async fn comments_update(
    g: &GoogleCtx,
    file_id: &str,
    comment_id: &str,
    comment: &Comment,
) -> Result<Comment, GoogleError> {
    g.patch(API, comment_path(file_id, comment_id)).query("fields", COMMENT_FIELDS).json(comment).send().await
}

pub async fn comments_delete(g: &GoogleCtx, file_id: &str, comment_id: &str) -> Result<(), GoogleError> {
    g.delete(API, comment_path(file_id, comment_id)).idempotent().send_empty().await
}

pub async fn replies_create(
    g: &GoogleCtx,
    file_id: &str,
    comment_id: &str,
    reply: &Reply,
) -> Result<Reply, GoogleError> {
    g.post(API, format!("{}/replies", comment_path(file_id, comment_id)))
        .query("fields", REPLY_FIELDS)
        .json(reply)
        .send()
        .await
}
