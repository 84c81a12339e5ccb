//! `projects.versions.create`/`get`/`list`: numbered, immutable snapshots of the saved files.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams, page_size, paginate};

use super::store::{SharedStore, VersionRec, version_json};
use super::{Reply, ok};

pub async fn versions_create(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let description = body["description"].as_str().map(str::to_string);
    let mut s = store.lock();
    let p = s.project_mut(&id)?;
    let number = p.versions.iter().map(|v| v.number).max().unwrap_or(0) + 1;
    let v = VersionRec { number, description, created: wsmcp_core::clock::now(), files: p.files.clone() };
    let out = version_json(&id, &v);
    p.versions.push(v);
    ok(out)
}

pub async fn versions_get(State(store): State<SharedStore>, Path((id, number)): Path<(String, String)>) -> Reply {
    let n: i64 =
        number.parse().map_err(|_| GoogleError::invalid_argument(format!("Invalid version number: {number}")))?;
    let s = store.lock();
    let v = s.project(&id)?.versions.iter().find(|v| v.number == n).ok_or_else(GoogleError::not_found)?;
    ok(version_json(&id, v))
}

pub async fn versions_list(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let size = page_size(q.uint("pageSize")?, 50, 50);
    let s = store.lock();
    let all: Vec<Value> = s.project(&id)?.versions.iter().map(|v| version_json(&id, v)).collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({});
    if !page.items.is_empty() {
        out["versions"] = json!(page.items);
    }
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}
