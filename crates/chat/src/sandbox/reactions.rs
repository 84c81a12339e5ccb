//! `spaces.messages.reactions.create` (a Unicode emoji, once per user and emoji) and
//! `media.download` of attachment bytes.

use axum::extract::{Path, State};
use axum::response::IntoResponse;
use http::{StatusCode, header};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::store::{ReactionRec, SharedStore, new_id};
use super::{Reply, ok};

pub async fn reactions_create(
    State(store): State<SharedStore>,
    Path((space, message)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let unicode = body.pointer("/emoji/unicode").and_then(Value::as_str).unwrap_or("").trim().to_string();
    if body.pointer("/emoji/customEmoji").is_some() {
        return Err(GoogleError::forbidden("Custom emoji are not enabled for this user."));
    }
    // Google takes Unicode emoji only: letters, digits and shortcodes are refused.
    if unicode.is_empty() || unicode.chars().any(|c| c.is_ascii_alphanumeric() || c == ':') {
        return Err(GoogleError::invalid_argument("Invalid emoji: emoji.unicode must be a Unicode emoji."));
    }
    let name = format!("spaces/{space}/messages/{message}");
    let mut s = store.lock();
    s.message(&name)?;
    let user = s.user_name.clone();
    if s.reactions.iter().any(|r| r.message == name && r.user == user && r.emoji == unicode) {
        return Err(GoogleError::conflict("Reaction already exists."));
    }
    let r = ReactionRec { name: format!("{name}/reactions/{}", new_id()), message: name, user, emoji: unicode };
    let out = json!({ "name": r.name, "user": { "name": r.user, "type": "HUMAN" }, "emoji": { "unicode": r.emoji } });
    s.reactions.push(r);
    ok(out)
}

/// With `alt=media` the bytes; without it, the `Media` resource (its name only).
pub async fn media_download(State(store): State<SharedStore>, Path(resource): Path<String>, q: QueryParams) -> Reply {
    let s = store.lock();
    let found = s
        .messages
        .iter()
        .filter(|m| !m.deleted && s.space(&m.space).is_ok())
        .flat_map(|m| m.attachments.iter())
        .find(|a| a.resource_name == resource)
        .ok_or_else(GoogleError::not_found)?;
    if q.get("alt") != Some("media") {
        return ok(json!({ "resourceName": resource }));
    }
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, found.content_type.clone())], found.bytes.clone()).into_response())
}
