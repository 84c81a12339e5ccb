//! `tasklists.list`/`get`/`insert`/`patch`/`update`/`delete`. `@default` names the user's
//! first list, which cannot be deleted.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, page_size, paginate};

use super::store::{SharedStore, TaskListRec, list_json, new_id};
use super::{Reply, ok};

/// A task list title as Google accepts it: a string of at most 1024 characters.
fn title(body: &Value, required: bool) -> Result<Option<String>, GoogleError> {
    match body.get("title") {
        Some(Value::String(t)) if t.chars().count() > 1024 => {
            Err(GoogleError::bad_request("Invalid value for title: longer than 1024 characters"))
        }
        Some(Value::String(t)) if !t.trim().is_empty() => Ok(Some(t.clone())),
        _ if required => Err(GoogleError::bad_request("Missing title.")),
        _ => Ok(None),
    }
}

pub async fn tasklists_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let size = page_size(q.uint("maxResults")?, 1000, 1000);
    let s = store.lock();
    let all: Vec<Value> = s.lists.iter().map(list_json).collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({ "kind": "tasks#taskLists", "items": page.items });
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn tasklists_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let mut s = store.lock();
    ok(list_json(s.list_mut(&id)?))
}

pub async fn tasklists_insert(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let title = title(&body, true)?.unwrap_or_default();
    let list = TaskListRec { id: new_id(), title, updated: wsmcp_core::clock::now() };
    let out = list_json(&list);
    store.lock().lists.push(list);
    ok(out)
}

/// PATCH and PUT alike: a task list's only writable field is its title.
pub async fn tasklists_patch(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let title = title(&body, false)?;
    let mut s = store.lock();
    let list = s.list_mut(&id)?;
    if let Some(t) = title {
        list.title = t;
    }
    list.updated = wsmcp_core::clock::now();
    ok(list_json(list))
}

pub async fn tasklists_delete(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let mut s = store.lock();
    let id = s.list_id(&id)?;
    if s.lists.first().is_some_and(|l| l.id == id) {
        return Err(GoogleError::bad_request("Invalid Value: the default task list cannot be deleted"));
    }
    s.lists.retain(|l| l.id != id);
    s.tasks.retain(|t| t.list != id);
    Ok(no_content())
}

pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
