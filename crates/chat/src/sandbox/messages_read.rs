//! `spaces.messages.list` and `spaces.messages.get`.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{QueryParams, page_size, paginate};

use super::filter::{MessageFilter, newest_first};
use super::store::{MessageRec, SharedStore};
use super::{Reply, ok};

pub async fn messages_list(State(store): State<SharedStore>, Path(space): Path<String>, q: QueryParams) -> Reply {
    let size = page_size(q.uint("pageSize")?, 25, 1000);
    let filter = MessageFilter::parse(q.get("filter"))?;
    let newest = newest_first(q.get("orderBy"))?;
    let show_deleted = q.flag("showDeleted")?;
    let s = store.lock();
    let space = s.space(&format!("spaces/{space}"))?.name.clone();
    let mut found: Vec<&MessageRec> = s
        .messages
        .iter()
        .filter(|m| m.space == space && (show_deleted || !m.deleted) && filter.matches(m.create_time, &m.thread))
        .collect();
    found.sort_by_key(|m| (m.create_time, m.seq));
    if newest {
        found.reverse();
    }
    let all: Vec<Value> = found.into_iter().map(|m| s.message_json(m)).collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({});
    if !page.items.is_empty() {
        out["messages"] = Value::Array(page.items);
    }
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn messages_get(State(store): State<SharedStore>, Path((space, message)): Path<(String, String)>) -> Reply {
    let s = store.lock();
    let m = s.message(&format!("spaces/{space}/messages/{message}"))?;
    ok(s.message_json(m))
}
