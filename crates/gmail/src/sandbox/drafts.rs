//! `users.drafts.*` (list, get, create, update, delete, send, and the `/upload/`
//! variants). A draft is a message labelled DRAFT plus a draft id; updating replaces
//! the message (new message id, as Gmail does); sending removes the draft and files a
//! SENT message.

use axum::body::Bytes;
use axum::extract::{Path, State};
use http::HeaderMap;
use rand::RngExt as _;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, ids, page_size, paginate};

use super::compose::{self, Incoming};
use super::format::{Format, message_json, message_labels, message_ref};
use super::messages::select;
use super::store::{NewMessage, SharedStore, Store};
use super::{Reply, check_user, no_content, ok};

const DEFAULT_PAGE: usize = 100;
const MAX_PAGE: usize = 500;

/// Gmail's draft ids look like `r-5938273645102938475`.
fn draft_id() -> String {
    format!("r{}", rand::rng().random::<i64>())
}

fn draft_json(s: &Store, draft_id: &str, message_id: &str) -> Result<Value, GoogleError> {
    let message = s.message(message_id).ok_or_else(GoogleError::not_found)?;
    Ok(json!({ "id": draft_id, "message": message_labels(message) }))
}

fn message_of(s: &Store, draft_id: &str) -> Result<String, GoogleError> {
    s.drafts.iter().find(|(d, _)| d == draft_id).map(|(_, m)| m.clone()).ok_or_else(GoogleError::not_found)
}

/// File `incoming` as the message of a (new or existing) draft.
fn store_draft(s: &mut Store, draft_id: &str, incoming: Incoming) -> String {
    let raw = compose::complete_headers(incoming.raw, s);
    let message_id = s.insert(NewMessage {
        raw,
        label_ids: vec!["DRAFT".into()],
        thread_id: incoming.thread_id,
        internal_date: Some(ids::now_millis()),
    });
    match s.drafts.iter_mut().find(|(d, _)| d == draft_id) {
        Some(slot) => {
            let old = std::mem::replace(&mut slot.1, message_id.clone());
            s.messages.remove(&old);
        }
        None => s.drafts.push((draft_id.to_string(), message_id.clone())),
    }
    message_id
}

pub async fn users_drafts_list(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    query: QueryParams,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let hits = select(&s, &query)?;
    let drafts: Vec<Value> = hits
        .iter()
        .filter_map(|m| {
            let (draft, _) = s.drafts.iter().find(|(_, mid)| *mid == m.id)?;
            Some(json!({ "id": draft, "message": message_ref(m) }))
        })
        .collect();
    let size = page_size(query.uint("maxResults")?, DEFAULT_PAGE, MAX_PAGE);
    let page = paginate(drafts, query.get("pageToken"), size)?;
    let mut body = json!({ "resultSizeEstimate": page.total });
    if !page.items.is_empty() {
        body["drafts"] = json!(page.items);
    }
    if let Some(token) = page.next_page_token {
        body["nextPageToken"] = json!(token);
    }
    ok(body)
}

pub async fn users_drafts_get(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    query: QueryParams,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let format = Format::from_query(&query)?;
    let message_id = message_of(&s, &id)?;
    let message = s.message(&message_id).ok_or_else(GoogleError::not_found)?;
    ok(json!({ "id": id, "message": message_json(message, format, &[]) }))
}

pub async fn users_drafts_create(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    create(&store, &user, draft_message(&body)?)
}

pub async fn users_drafts_create_upload(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    query: QueryParams,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let (incoming, _) = compose::from_upload(&query, &headers, &body, true)?;
    create(&store, &user, incoming)
}

fn create(store: &SharedStore, user: &str, incoming: Incoming) -> Reply {
    let mut s = store.lock();
    check_user(&s, user)?;
    let id = draft_id();
    let message_id = store_draft(&mut s, &id, incoming);
    ok(draft_json(&s, &id, &message_id)?)
}

/// The `message` of a `Draft` body, which must carry `raw`.
fn draft_message(body: &Value) -> Result<Incoming, GoogleError> {
    let message = body.get("message").ok_or_else(|| GoogleError::invalid_argument("Missing draft message"))?;
    compose::from_message_json(message)
}

pub async fn users_drafts_update(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    update(&store, &user, &id, draft_message(&body)?)
}

pub async fn users_drafts_update_upload(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    query: QueryParams,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let (incoming, _) = compose::from_upload(&query, &headers, &body, true)?;
    update(&store, &user, &id, incoming)
}

fn update(store: &SharedStore, user: &str, id: &str, incoming: Incoming) -> Reply {
    let mut s = store.lock();
    check_user(&s, user)?;
    message_of(&s, id)?;
    let message_id = store_draft(&mut s, id, incoming);
    ok(draft_json(&s, id, &message_id)?)
}

pub async fn users_drafts_delete(State(store): State<SharedStore>, Path((user, id)): Path<(String, String)>) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    let message_id = message_of(&s, &id)?;
    s.delete(&message_id);
    no_content()
}

/// `drafts.send` with `{id}` (and optionally a new `message` to send instead).
pub async fn users_drafts_send(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let replacement = match body.get("message").filter(|m| m.get("raw").is_some()) {
        Some(message) => Some(compose::from_message_json(message)?),
        None => None,
    };
    send(&store, &user, &body, replacement)
}

pub async fn users_drafts_send_upload(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    query: QueryParams,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let (incoming, metadata) = compose::from_upload(&query, &headers, &body, true)?;
    send(&store, &user, &metadata, Some(incoming))
}

fn send(store: &SharedStore, user: &str, draft: &Value, replacement: Option<Incoming>) -> Reply {
    let mut s = store.lock();
    check_user(&s, user)?;
    let draft_id = draft.get("id").and_then(Value::as_str).filter(|id| !id.is_empty());
    let draft_id = draft_id.ok_or_else(|| GoogleError::invalid_argument("Invalid draft: id is required"))?.to_string();
    let message_id = message_of(&s, &draft_id)?;
    let stored = s.message(&message_id).ok_or_else(GoogleError::not_found)?;
    let incoming = replacement.unwrap_or_else(|| Incoming {
        raw: stored.raw.to_vec(),
        thread_id: Some(stored.thread_id.clone()),
        label_ids: Vec::new(),
    });
    let sent_id = compose::send(&mut s, incoming)?;
    s.delete(&message_id);
    let sent = s.message(&sent_id).ok_or_else(GoogleError::not_found)?;
    ok(message_labels(sent))
}
