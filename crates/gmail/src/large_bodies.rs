//! Gmail serves a large body part the way it serves a file: `body.attachmentId` and no
//! `body.data`. Before a message is rendered, such text parts are fetched with
//! `users.messages.attachments.get` and put in place, so the body shows instead of the
//! snippet.

use std::collections::HashMap;

use wsmcp_core::google::GoogleCtx;

use crate::api;
use crate::body::is_attachment;
use crate::wire::{Message, MessagePart};

/// Fetches the text/plain and text/html body parts of `msg` that came without data. A part
/// that cannot be fetched stays empty (the body then falls back to the snippet, with a note).
pub async fn fill(g: &GoogleCtx, msg: &mut Message) {
    let mut wanted = Vec::new();
    if let Some(p) = &msg.payload {
        collect(p, &mut wanted);
    }
    if wanted.is_empty() {
        return;
    }
    let mut fetched = HashMap::new();
    for id in wanted {
        match api::users_messages_attachments_get(g, &msg.id, &id).await {
            Ok(body) => {
                if let Some(data) = body.data {
                    fetched.insert(id, data);
                }
            }
            Err(e) => tracing::warn!(message_id = %msg.id, error = %e, "a large body part could not be fetched"),
        }
    }
    if let Some(p) = &mut msg.payload {
        put(p, &mut fetched);
    }
}

/// Fills every message of a list (batch reads, threads).
pub async fn fill_all(g: &GoogleCtx, messages: &mut [Message]) {
    for m in messages {
        fill(g, m).await;
    }
}

fn is_text_body(part: &MessagePart) -> bool {
    let mime = part.mime_type.to_ascii_lowercase();
    (mime == "text/plain" || mime == "text/html") && !is_attachment(part)
}

fn missing_data(part: &MessagePart) -> Option<&str> {
    let body = part.body.as_ref()?;
    if body.data.as_deref().is_some_and(|d| !d.is_empty()) {
        return None;
    }
    body.attachment_id.as_deref()
}

fn collect(part: &MessagePart, out: &mut Vec<String>) {
    if is_text_body(part)
        && let Some(id) = missing_data(part)
    {
        out.push(id.to_string());
    }
    for child in &part.parts {
        collect(child, out);
    }
}

fn put(part: &mut MessagePart, fetched: &mut HashMap<String, String>) {
    if is_text_body(part)
        && let Some(body) = part.body.as_mut()
        && let Some(data) = body.attachment_id.as_ref().and_then(|id| fetched.remove(id))
    {
        body.data = Some(data);
    }
    for child in &mut part.parts {
        put(child, fetched);
    }
}
