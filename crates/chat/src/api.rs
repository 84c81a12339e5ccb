//! Typed Chat calls: one function per REST method, named after its Discovery id
//! (`chat.spaces.messages.list` -> `messages_list`). Resource names (`spaces/X/messages/Y`)
//! go into the path as Google's `{+name}` templates take them: slashes kept, each segment
//! escaped.

use bytes::Bytes;
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::*;

/// The Chat API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "chat.googleapis.com",
    title: "Google Chat API",
    console_id: "chat.googleapis.com",
    batch_path: "/batch",
};
const BASE: &str = "/v1";

/// `spaces/X/messages/Y` as a path: each segment escaped, the slashes kept.
fn resource(name: &str) -> String {
    name.split('/').map(segment).collect::<Vec<_>>().join("/")
}

pub async fn spaces_list(
    g: &GoogleCtx,
    page_size: u32,
    filter: Option<&str>,
    page_token: Option<&str>,
) -> Result<Spaces, GoogleError> {
    g.get(API, format!("{BASE}/spaces"))
        .query("pageSize", page_size)
        .query_opt("filter", filter)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

/// The query of a messages.list call.
#[derive(Debug, Clone, Default)]
pub struct MessageQuery<'a> {
    pub page_size: u32,
    pub filter: Option<&'a str>,
    pub order_by: Option<&'a str>,
    pub page_token: Option<&'a str>,
}

pub async fn messages_list(g: &GoogleCtx, space: &str, q: &MessageQuery<'_>) -> Result<Messages, GoogleError> {
    g.get(API, format!("{BASE}/{}/messages", resource(space)))
        .query("pageSize", q.page_size)
        .query_opt("filter", q.filter)
        .query_opt("orderBy", q.order_by)
        .query_opt("pageToken", q.page_token)
        .send()
        .await
}

pub async fn messages_get(g: &GoogleCtx, name: &str) -> Result<Message, GoogleError> {
    g.get(API, format!("{BASE}/{}", resource(name))).send().await
}

/// How a new message joins a thread.
#[derive(Debug, Clone, Copy)]
pub enum Threading<'a> {
    /// A new thread.
    New,
    /// The thread with this key, created when there is none yet.
    Key(&'a str),
    /// This existing thread (`spaces/X/threads/Y`); fails when it does not exist.
    Name(&'a str),
}

/// `spaces.messages.create`. `request_id` makes it idempotent: Google answers a repeated
/// request id with the message the first request created, so the call may be retried.
pub async fn messages_create(
    g: &GoogleCtx,
    space: &str,
    text: &str,
    threading: Threading<'_>,
    request_id: &str,
) -> Result<Message, GoogleError> {
    let (thread, option) = match threading {
        Threading::New => (None, None),
        Threading::Key(k) => {
            (Some(Thread { thread_key: Some(k.to_string()), name: None }), Some("REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"))
        }
        Threading::Name(n) => {
            (Some(Thread { name: Some(n.to_string()), thread_key: None }), Some("REPLY_MESSAGE_OR_FAIL"))
        }
    };
    let body = Message { text: Some(text.to_string()), thread, ..Default::default() };
    g.post(API, format!("{BASE}/{}/messages", resource(space)))
        .query("requestId", request_id)
        .query_opt("messageReplyOption", option)
        .json(&body)
        .idempotent()
        .send()
        .await
}

/// `spaces.messages.patch` of the text only (the same text twice gives the same message).
pub async fn messages_patch_text(g: &GoogleCtx, name: &str, text: &str) -> Result<Message, GoogleError> {
    let body = Message { text: Some(text.to_string()), ..Default::default() };
    g.patch(API, format!("{BASE}/{}", resource(name))).query("updateMask", "text").json(&body).idempotent().send().await
}

pub async fn reactions_create(g: &GoogleCtx, message: &str, unicode: &str) -> Result<Reaction, GoogleError> {
    let body = Reaction { emoji: Emoji { unicode: Some(unicode.to_string()) }, ..Default::default() };
    g.post(API, format!("{BASE}/{}/reactions", resource(message))).json(&body).send().await
}

/// `media.download` of an attachment's `attachmentDataRef.resourceName`.
pub async fn media_download(g: &GoogleCtx, resource_name: &str) -> Result<Bytes, GoogleError> {
    g.get(API, format!("{BASE}/media/{}", resource(resource_name))).query("alt", "media").send_bytes().await
}
