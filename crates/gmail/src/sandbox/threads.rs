//! `users.threads.*` (list, get, modify, trash, untrash, delete). A thread is the set of
//! messages sharing a `threadId`; its `historyId` is the newest of theirs.

use std::collections::HashSet;

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, page_size, paginate};

use super::format::{Format, message_json, message_labels};
use super::messages::{ModifyRequest, select, trash, untrash};
use super::store::{SharedStore, Store};
use super::{Reply, check_user, no_content, ok};

const DEFAULT_PAGE: usize = 100;
const MAX_PAGE: usize = 500;

/// Threads with at least one selected message, ordered by their newest such message.
pub async fn users_threads_list(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    query: QueryParams,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let hits = select(&s, &query)?;
    let mut seen = HashSet::new();
    let thread_ids: Vec<String> =
        hits.iter().filter(|m| seen.insert(m.thread_id.clone())).map(|m| m.thread_id.clone()).collect();
    let size = page_size(query.uint("maxResults")?, DEFAULT_PAGE, MAX_PAGE);
    let page = paginate(thread_ids, query.get("pageToken"), size)?;
    let mut body = json!({ "resultSizeEstimate": page.total });
    if !page.items.is_empty() {
        body["threads"] = page.items.iter().map(|t| thread_summary(&s, t)).collect();
    }
    if let Some(token) = page.next_page_token {
        body["nextPageToken"] = json!(token);
    }
    ok(body)
}

/// `{id, snippet, historyId}`: the list form, the snippet of the newest message.
fn thread_summary(s: &Store, thread_id: &str) -> Value {
    let messages = s.thread(thread_id);
    let snippet = messages.last().map(|m| m.index.snippet.clone()).unwrap_or_default();
    let history = messages.iter().map(|m| m.history_id).max().unwrap_or(0);
    json!({ "id": thread_id, "snippet": snippet, "historyId": history.to_string() })
}

pub async fn users_threads_get(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    query: QueryParams,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let format = Format::from_query(&query)?;
    let headers = query.all("metadataHeaders");
    let messages = s.thread(&id);
    if messages.is_empty() {
        return Err(GoogleError::not_found());
    }
    let history = messages.iter().map(|m| m.history_id).max().unwrap_or(0);
    let messages: Vec<Value> = messages.iter().map(|m| message_json(m, format, &headers)).collect();
    ok(json!({ "id": id, "historyId": history.to_string(), "messages": messages }))
}

pub async fn users_threads_modify(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<ModifyRequest>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    s.check_labels(body.add_label_ids.iter().chain(&body.remove_label_ids))?;
    for message_id in message_ids(&s, &id)? {
        s.modify(&message_id, &body.add_label_ids, &body.remove_label_ids);
    }
    ok(thread_labels(&s, &id))
}

pub async fn users_threads_trash(State(store): State<SharedStore>, Path((user, id)): Path<(String, String)>) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    for message_id in message_ids(&s, &id)? {
        trash(&mut s, &message_id)?;
    }
    ok(thread_labels(&s, &id))
}

pub async fn users_threads_untrash(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    for message_id in message_ids(&s, &id)? {
        untrash(&mut s, &message_id)?;
    }
    ok(thread_labels(&s, &id))
}

pub async fn users_threads_delete(State(store): State<SharedStore>, Path((user, id)): Path<(String, String)>) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    for message_id in message_ids(&s, &id)? {
        s.delete(&message_id);
    }
    no_content()
}

fn message_ids(s: &Store, thread_id: &str) -> Result<Vec<String>, GoogleError> {
    let ids: Vec<String> = s.thread(thread_id).iter().map(|m| m.id.clone()).collect();
    if ids.is_empty() { Err(GoogleError::not_found()) } else { Ok(ids) }
}

/// What modify/trash/untrash return: the thread with each message's labels.
fn thread_labels(s: &Store, thread_id: &str) -> Value {
    let messages: Vec<Value> = s.thread(thread_id).iter().map(|m| message_labels(m)).collect();
    let history = s.thread(thread_id).iter().map(|m| m.history_id).max().unwrap_or(0);
    json!({ "id": thread_id, "historyId": history.to_string(), "messages": messages })
}
