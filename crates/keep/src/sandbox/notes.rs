//! `notes.list`/`get`/`create`/`delete`, with Keep's rules on what a note may hold.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, paginate};

use super::filter::Filter;
use super::store::{NoteRec, PermissionRec, SharedStore, denied, new_id};
use super::{Reply, ok};

/// Keep's limits on one note.
const MAX_TITLE: usize = 1000;
const MAX_TEXT: usize = 20_000;
const MAX_ITEMS: usize = 1000;
const DEFAULT_PAGE: usize = 100;
const MAX_PAGE: usize = 1000;

pub async fn notes_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let filter = Filter::parse(q.get("filter"))?;
    let size = match q.get("pageSize").map(str::parse::<i64>) {
        None => DEFAULT_PAGE,
        Some(Ok(n)) if n < 0 => return Err(GoogleError::invalid_argument("page_size must not be negative")),
        Some(Ok(0)) => DEFAULT_PAGE,
        Some(Ok(n)) => usize::try_from(n).unwrap_or(MAX_PAGE).min(MAX_PAGE),
        Some(Err(_)) => return Err(GoogleError::invalid_argument("Invalid value for pageSize")),
    };
    let s = store.lock();
    let user = s.user.clone();
    let all: Vec<Value> = s
        .notes
        .iter()
        .filter(|n| n.permissions.iter().any(|p| p.email.eq_ignore_ascii_case(&user)) && filter.matches(n))
        .map(NoteRec::json)
        .collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({ "notes": page.items });
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn notes_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    ok(store.lock().note(&id)?.json())
}

fn text_len(v: &Value) -> usize {
    v.get("text").and_then(Value::as_str).map_or(0, |t| t.chars().count())
}

/// A checklist item and its children, checked as Keep checks them (one level of nesting).
fn check_item(item: &Value, depth: usize, count: &mut usize) -> Result<(), GoogleError> {
    *count += 1;
    if text_len(item.get("text").unwrap_or(&Value::Null)) > MAX_TEXT {
        return Err(GoogleError::invalid_argument("List item text is too long."));
    }
    let children = item.get("childListItems").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if depth > 0 && !children.is_empty() {
        return Err(GoogleError::invalid_argument("List items can only be nested one level deep."));
    }
    children.iter().try_for_each(|c| check_item(c, depth + 1, count))
}

/// The body of a new note: text or a list, never both, within Keep's limits.
fn check_body(body: Option<&Value>) -> Result<Option<Value>, GoogleError> {
    let Some(body) = body.filter(|b| !b.is_null()) else { return Ok(None) };
    match (body.get("text"), body.get("list")) {
        (Some(_), Some(_)) => Err(GoogleError::invalid_argument("A note body can contain text or a list, not both.")),
        (Some(t), None) if text_len(t) > MAX_TEXT => {
            Err(GoogleError::invalid_argument(format!("Note text must be at most {MAX_TEXT} characters.")))
        }
        (None, Some(l)) => {
            let items = l.get("listItems").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            let mut count = 0;
            items.iter().try_for_each(|i| check_item(i, 0, &mut count))?;
            if count > MAX_ITEMS {
                return Err(GoogleError::invalid_argument(format!("A list may have at most {MAX_ITEMS} items.")));
            }
            Ok(Some(json!({ "list": { "listItems": items } })))
        }
        _ => Ok(Some(body.clone())),
    }
}

pub async fn notes_create(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let title = body.get("title").and_then(Value::as_str).map(String::from);
    if title.as_deref().is_some_and(|t| t.chars().count() > MAX_TITLE) {
        return Err(GoogleError::invalid_argument(format!("Title must be at most {MAX_TITLE} characters.")));
    }
    let note_body = check_body(body.get("body"))?;
    let now = wsmcp_core::clock::now();
    let mut s = store.lock();
    let owner = PermissionRec { id: new_id(), role: "OWNER", email: s.user.clone(), group: false };
    let note = NoteRec {
        id: new_id(),
        title,
        body: note_body,
        created: now,
        updated: now,
        trashed: None,
        attachments: Vec::new(),
        permissions: vec![owner],
    };
    let out = note.json();
    s.notes.insert(0, note);
    ok(out)
}

pub async fn notes_delete(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let mut s = store.lock();
    let note = s.note(&id)?;
    if !note.owner().is_some_and(|o| o.eq_ignore_ascii_case(&s.user)) {
        return Err(denied());
    }
    s.notes.retain(|n| n.id != id);
    Ok(empty())
}

/// Keep's `Empty` reply.
pub fn empty() -> Response {
    (StatusCode::OK, axum::Json(json!({}))).into_response()
}
