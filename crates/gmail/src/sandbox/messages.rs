//! `users.messages.*` (list, get, send, insert, modify, batchModify, batchDelete, trash,
//! untrash, delete, attachments.get) and `users.getProfile`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use http::HeaderMap;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, ids, page_size, paginate};

use super::compose::{self, Incoming};
use super::format::{Format, message_json, message_labels, message_ref};
use super::search::{self, Context};
use super::store::{NewMessage, SharedStore, Store, StoredMessage};
use super::{Reply, check_user, no_content, ok, payload};

/// Gmail's list defaults: 100 per page, at most 500.
const DEFAULT_PAGE: usize = 100;
const MAX_PAGE: usize = 500;
/// `batchModify` and `batchDelete` take at most 1000 ids.
const MAX_BATCH_IDS: usize = 1000;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModifyRequest {
    #[serde(default)]
    pub add_label_ids: Vec<String>,
    #[serde(default)]
    pub remove_label_ids: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchModifyRequest {
    #[serde(default)]
    pub ids: Vec<String>,
    #[serde(default)]
    pub add_label_ids: Vec<String>,
    #[serde(default)]
    pub remove_label_ids: Vec<String>,
}

/// The messages a list call selects, newest first: `q`, every `labelIds` (AND), and
/// trash/spam left out unless `includeSpamTrash` or the query names them.
pub fn select<'a>(store: &'a Store, query: &QueryParams) -> Result<Vec<&'a StoredMessage>, GoogleError> {
    let q = search::parse(query.get("q").unwrap_or(""));
    let label_ids = query.all("labelIds");
    let include_spam_trash = query.flag("includeSpamTrash")? || q.mentions_spam_or_trash();
    let cx = Context { now_ms: ids::now_millis(), user_email: store.user_email(), labels: store.labels() };
    let mut hits: Vec<&StoredMessage> = store
        .messages()
        .filter(|m| include_spam_trash || !(m.has_label("TRASH") || m.has_label("SPAM")))
        .filter(|m| label_ids.iter().all(|l| m.has_label(l)))
        .filter(|m| q.matches(m, &cx))
        .collect();
    hits.sort_by(|a, b| (b.internal_date, &b.id).cmp(&(a.internal_date, &a.id)));
    Ok(hits)
}

pub async fn users_messages_list(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    query: QueryParams,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let hits = select(&s, &query)?;
    let size = page_size(query.uint("maxResults")?, DEFAULT_PAGE, MAX_PAGE);
    let page = paginate(hits, query.get("pageToken"), size)?;
    let mut body = json!({ "resultSizeEstimate": page.total });
    if !page.items.is_empty() {
        body["messages"] = page.items.iter().map(|m| message_ref(m)).collect();
    }
    if let Some(token) = page.next_page_token {
        body["nextPageToken"] = json!(token);
    }
    ok(body)
}

pub async fn users_messages_get(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    query: QueryParams,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let format = Format::from_query(&query)?;
    let message = s.message(&id).ok_or_else(GoogleError::not_found)?;
    ok(message_json(message, format, &query.all("metadataHeaders")))
}

pub async fn users_messages_send(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    send_incoming(&store, &user, compose::from_message_json(&body)?)
}

pub async fn users_messages_send_upload(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    query: QueryParams,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let (incoming, _) = compose::from_upload(&query, &headers, &body, false)?;
    send_incoming(&store, &user, incoming)
}

fn send_incoming(store: &SharedStore, user: &str, incoming: Incoming) -> Reply {
    let mut s = store.lock();
    check_user(&s, user)?;
    let id = compose::send(&mut s, incoming)?;
    let message = s.message(&id).ok_or_else(GoogleError::not_found)?;
    ok(message_labels(message))
}

/// `messages.insert`: file a message without sending it (labels as given).
pub async fn users_messages_insert(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    insert_incoming(&store, &user, compose::from_message_json(&body)?)
}

pub async fn users_messages_insert_upload(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    query: QueryParams,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let (incoming, _) = compose::from_upload(&query, &headers, &body, false)?;
    insert_incoming(&store, &user, incoming)
}

fn insert_incoming(store: &SharedStore, user: &str, incoming: Incoming) -> Reply {
    let mut s = store.lock();
    check_user(&s, user)?;
    s.check_labels(&incoming.label_ids)?;
    let id = s.insert(NewMessage {
        raw: incoming.raw,
        label_ids: incoming.label_ids,
        thread_id: incoming.thread_id,
        internal_date: None,
    });
    let message = s.message(&id).ok_or_else(GoogleError::not_found)?;
    ok(message_labels(message))
}

pub async fn users_messages_modify(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<ModifyRequest>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    s.check_labels(body.add_label_ids.iter().chain(&body.remove_label_ids))?;
    if !s.modify(&id, &body.add_label_ids, &body.remove_label_ids) {
        return Err(GoogleError::not_found());
    }
    let message = s.message(&id).ok_or_else(GoogleError::not_found)?;
    ok(message_labels(message))
}

/// Unknown ids are skipped silently, as Gmail does; the answer is an empty 204.
pub async fn users_messages_batch_modify(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    GoogleJson(body): GoogleJson<BatchModifyRequest>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    check_batch_size(&body.ids)?;
    s.check_labels(body.add_label_ids.iter().chain(&body.remove_label_ids))?;
    for id in &body.ids {
        s.modify(id, &body.add_label_ids, &body.remove_label_ids);
    }
    no_content()
}

pub async fn users_messages_batch_delete(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    GoogleJson(body): GoogleJson<BatchModifyRequest>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    check_batch_size(&body.ids)?;
    for id in &body.ids {
        s.delete(id);
    }
    no_content()
}

fn check_batch_size(ids: &[String]) -> Result<(), GoogleError> {
    if ids.is_empty() {
        return Err(GoogleError::invalid_argument("No message ids specified."));
    }
    if ids.len() > MAX_BATCH_IDS {
        return Err(GoogleError::invalid_argument(format!(
            "Too many ids: {} (at most {MAX_BATCH_IDS} per request).",
            ids.len()
        )));
    }
    Ok(())
}

pub async fn users_messages_trash(State(store): State<SharedStore>, Path((user, id)): Path<(String, String)>) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    trash(&mut s, &id)?;
    ok(message_labels(s.message(&id).ok_or_else(GoogleError::not_found)?))
}

pub async fn users_messages_untrash(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    untrash(&mut s, &id)?;
    ok(message_labels(s.message(&id).ok_or_else(GoogleError::not_found)?))
}

/// Trash: add TRASH, leave the inbox (and spam).
pub fn trash(s: &mut Store, id: &str) -> Result<(), GoogleError> {
    let changed = s.modify(id, &["TRASH".into()], &["INBOX".into(), "SPAM".into()]);
    if changed { Ok(()) } else { Err(GoogleError::not_found()) }
}

/// Untrash: drop TRASH; mail the user received goes back to the inbox.
pub fn untrash(s: &mut Store, id: &str) -> Result<(), GoogleError> {
    let received =
        s.message(id).map(|m| !m.has_label("SENT") && !m.has_label("DRAFT")).ok_or_else(GoogleError::not_found)?;
    let add: Vec<String> = if received { vec!["INBOX".into()] } else { Vec::new() };
    s.modify(id, &add, &["TRASH".into()]);
    Ok(())
}

pub async fn users_messages_delete(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    if !s.delete(&id) {
        return Err(GoogleError::not_found());
    }
    no_content()
}

pub async fn users_messages_attachments_get(
    State(store): State<SharedStore>,
    Path((user, message_id, id)): Path<(String, String, String)>,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let message = s.message(&message_id).ok_or_else(GoogleError::not_found)?;
    let data = payload::attachment(&message.id, &message.raw, &id)
        .ok_or_else(|| GoogleError::invalid_argument("Invalid attachment token"))?;
    ok(json!({ "size": data.len(), "data": payload::encode_data(&data) }))
}

pub async fn users_get_profile(State(store): State<SharedStore>, Path(user): Path<String>) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    ok(json!({
        "emailAddress": s.user_email(),
        "messagesTotal": s.messages().count(),
        "threadsTotal": s.thread_count(),
        "historyId": s.history_id.to_string(),
    }))
}
