//! `spaces.messages.create` (threads by name or key, `messageReplyOption`, `requestId`
//! idempotency) and `spaces.messages.patch` (the author edits the text).

use axum::extract::{Path, State};
use serde_json::Value;
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::store::{MessageRec, SharedStore, new_id};
use super::{Reply, ok};

const MAX_TEXT: usize = 4096;

fn text_of(body: &Value) -> Result<String, GoogleError> {
    let text = body.get("text").and_then(Value::as_str).unwrap_or("");
    if text.trim().is_empty() {
        return Err(GoogleError::invalid_argument("Message cannot be empty. Discarding empty message."));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(GoogleError::invalid_argument(format!("Message text exceeds the {MAX_TEXT} character limit.")));
    }
    Ok(text.to_string())
}

pub async fn messages_create(
    State(store): State<SharedStore>,
    Path(space): Path<String>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let mut s = store.lock();
    let space = s.space(&format!("spaces/{space}"))?.name.clone();
    let request_id = q.get("requestId").filter(|r| !r.is_empty()).map(str::to_string);
    // The same request again: the message it created, not a second one.
    if let Some(rid) = &request_id
        && let Some(m) = s.messages.iter().find(|m| m.space == space && m.request_id.as_ref() == Some(rid))
    {
        return ok(s.message_json(m));
    }
    if let Some(id) = q.get("messageId")
        && !id.starts_with("client-")
    {
        return Err(GoogleError::invalid_argument("messageId must start with client-"));
    }
    let text = text_of(&body)?;
    let thread = body.get("thread");
    let thread_name = thread.and_then(|t| t.get("name")).and_then(Value::as_str).filter(|n| !n.is_empty());
    let thread_key = thread
        .and_then(|t| t.get("threadKey"))
        .and_then(Value::as_str)
        .or_else(|| q.get("threadKey"))
        .filter(|k| !k.is_empty());
    let option = q.get("messageReplyOption").unwrap_or("MESSAGE_REPLY_OPTION_UNSPECIFIED");
    // Unspecified starts a new thread and ignores any thread given.
    let wants_reply = option != "MESSAGE_REPLY_OPTION_UNSPECIFIED";
    let existing = if !wants_reply {
        None
    } else if let Some(name) = thread_name {
        s.messages.iter().find(|m| m.space == space && m.thread == name).map(|m| m.thread.clone())
    } else if let Some(key) = thread_key {
        s.messages.iter().find(|m| m.space == space && m.thread_key.as_deref() == Some(key)).map(|m| m.thread.clone())
    } else {
        None
    };
    if existing.is_none() && option == "REPLY_MESSAGE_OR_FAIL" {
        return Err(GoogleError::new(http::StatusCode::NOT_FOUND, "notFound", "Thread not found."));
    }
    let id = new_id();
    let (thread, reply, key) = match existing {
        Some(t) => {
            let key = s.messages.iter().find(|m| m.thread == t).and_then(|m| m.thread_key.clone());
            (t, true, key)
        }
        None => {
            (format!("{space}/threads/{id}"), false, if wants_reply { thread_key.map(str::to_string) } else { None })
        }
    };
    let thread_id = thread.rsplit('/').next().unwrap_or(&id).to_string();
    let seq = s.next_seq();
    let m = MessageRec {
        name: format!("{space}/messages/{thread_id}.{id}"),
        space,
        thread,
        thread_key: key,
        thread_reply: reply,
        sender: s.user_name.clone(),
        text,
        create_time: wsmcp_core::clock::now(),
        update_time: None,
        attachments: Vec::new(),
        request_id,
        deleted: false,
        seq,
    };
    let out = s.message_json(&m);
    s.messages.push(m);
    ok(out)
}

pub async fn messages_patch(
    State(store): State<SharedStore>,
    Path((space, message)): Path<(String, String)>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let mask = q.get("updateMask").unwrap_or("");
    let fields: Vec<&str> = mask.split(',').map(str::trim).filter(|f| !f.is_empty()).collect();
    if fields.is_empty() {
        return Err(GoogleError::invalid_argument("updateMask is required."));
    }
    const EDITABLE: [&str; 6] =
        ["text", "attachment", "cards", "cards_v2", "accessory_widgets", "quoted_message_metadata"];
    if let Some(bad) = fields.iter().find(|f| !EDITABLE.contains(f) && **f != "*" && **f != "cardsV2") {
        return Err(GoogleError::invalid_argument(format!("Invalid update mask path: {bad}")));
    }
    let name = format!("spaces/{space}/messages/{message}");
    let mut s = store.lock();
    let m = s.message(&name)?;
    if m.sender != s.user_name {
        return Err(GoogleError::forbidden("Only the author of a message can update it."));
    }
    let text = if fields.contains(&"text") || fields.contains(&"*") { Some(text_of(&body)?) } else { None };
    let now = wsmcp_core::clock::now();
    let Some(m) = s.messages.iter_mut().find(|m| m.name == name) else { return Err(GoogleError::not_found()) };
    if let Some(t) = text {
        m.text = t;
    }
    m.update_time = Some(now);
    let m = m.clone();
    ok(s.message_json(&m))
}
