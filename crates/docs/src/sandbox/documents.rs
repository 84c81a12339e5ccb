//! `documents.get`, `documents.create` and `documents.batchUpdate`. A batch applies to a copy
//! and replaces the document only when every request succeeded, as Google's are atomic.

use axum::extract::{Path, State};
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::model::{Block, Doc, Para, Tab, render};
use super::requests::apply;
use super::store::{Entry, SharedStore, new_id};
use super::{Reply, ok};

pub(crate) async fn documents_get(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let tabs = q.flag("includeTabsContent")?;
    let store = store.lock();
    ok(render(&store.get(&id)?.doc, tabs))
}

pub(crate) async fn documents_create(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    // Google uses only the title and ignores any content in the request.
    let title = body.get("title").and_then(Value::as_str).filter(|t| !t.is_empty()).unwrap_or("Untitled document");
    let id = new_id();
    let tab = Tab::new("t.0", "Tab 1", vec![Block::Para(Para::new("NORMAL_TEXT", ""))]);
    let doc = Doc { id: id.clone(), title: title.to_string(), tabs: vec![tab], revision: 1 };
    let out = render(&doc, false);
    store.lock().docs.insert(id, Entry { doc, writable: true });
    ok(out)
}

pub(crate) async fn documents_batch_update(
    State(store): State<SharedStore>,
    Path(segment): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let Some(id) = segment.strip_suffix(":batchUpdate") else {
        return Err(GoogleError::not_emulated("POST", &format!("/v1/documents/{segment}")));
    };
    let mut store = store.lock();
    let entry = store.get_mut(id)?;
    if !entry.writable {
        return Err(GoogleError::forbidden("The caller does not have permission"));
    }
    let control = body.get("writeControl");
    if let Some(required) = control.and_then(|w| w.get("requiredRevisionId")).and_then(Value::as_str)
        && required != entry.doc.revision_id()
    {
        return Err(GoogleError::new(
            StatusCode::BAD_REQUEST,
            "failedPrecondition",
            format!("The required revision ID '{required}' does not match the latest revision."),
        ));
    }
    let requests = body.get("requests").and_then(Value::as_array).cloned().unwrap_or_default();
    if requests.is_empty() {
        return Err(GoogleError::bad_request("Must specify at least one request."));
    }
    let mut doc = entry.doc.clone();
    let mut replies = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        replies.push(apply(&mut doc, i, request)?);
    }
    if doc != entry.doc {
        doc.revision += 1;
    }
    entry.doc = doc;
    ok(json!({
        "documentId": id,
        "replies": replies,
        "writeControl": {"requiredRevisionId": entry.doc.revision_id()},
    }))
}
