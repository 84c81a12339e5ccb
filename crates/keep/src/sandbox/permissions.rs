//! `notes.permissions.batchCreate`/`batchDelete`: sharing a note as writer, and unsharing.
//! The owner's permission is not touched by either.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson};

use super::notes::empty;
use super::store::{PermissionRec, SharedStore, new_id};
use super::{Reply, ok};

/// Addresses the seed knows as Google groups; everyone else is a person.
const GROUPS: [&str; 1] = ["atlas-team@example.com"];

pub async fn permissions_batch_create(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let requests = body.get("requests").and_then(Value::as_array).cloned().unwrap_or_default();
    if requests.is_empty() {
        return Err(GoogleError::invalid_argument("requests must not be empty"));
    }
    let parent = format!("notes/{id}");
    let mut s = store.lock();
    let note = s.note_mut(&id)?;
    let mut made = Vec::new();
    for r in &requests {
        if r.get("parent").and_then(Value::as_str).is_some_and(|p| p != parent) {
            return Err(GoogleError::invalid_argument("The parent of each request must match the note in the URL."));
        }
        let p = r.get("permission").cloned().unwrap_or(Value::Null);
        if p.get("role").and_then(Value::as_str) != Some("WRITER") {
            return Err(GoogleError::invalid_argument("Only the WRITER role can be granted."));
        }
        let email = p.get("email").and_then(Value::as_str).unwrap_or("").trim().to_ascii_lowercase();
        if !email.contains('@') {
            return Err(GoogleError::invalid_argument("permission.email must be an email address."));
        }
        match note.permissions.iter().find(|x| x.email.eq_ignore_ascii_case(&email)) {
            Some(x) if x.role == "OWNER" => {
                return Err(GoogleError::invalid_argument(format!("{email} already owns this note.")));
            }
            Some(x) => made.push(x.id.clone()),
            None => {
                let rec =
                    PermissionRec { id: new_id(), role: "WRITER", group: GROUPS.contains(&email.as_str()), email };
                made.push(rec.id.clone());
                note.permissions.push(rec);
            }
        }
    }
    note.updated = wsmcp_core::clock::now();
    let all = note.json()["permissions"].as_array().cloned().unwrap_or_default();
    let out: Vec<Value> = all
        .into_iter()
        .filter(|p| made.iter().any(|m| p["name"].as_str().is_some_and(|n| n.ends_with(&format!("/{m}")))))
        .collect();
    ok(json!({ "permissions": out }))
}

pub async fn permissions_batch_delete(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let names: Vec<String> = body
        .get("names")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
        .unwrap_or_default();
    if names.is_empty() {
        return Err(GoogleError::invalid_argument("names must not be empty"));
    }
    let prefix = format!("notes/{id}/permissions/");
    let mut s = store.lock();
    let note = s.note_mut(&id)?;
    let mut ids = Vec::new();
    for n in &names {
        let pid = n
            .strip_prefix(&prefix)
            .ok_or_else(|| GoogleError::invalid_argument(format!("{n} is not a permission of notes/{id}.")))?;
        match note.permissions.iter().find(|p| p.id == pid) {
            Some(p) if p.role == "OWNER" => {
                return Err(GoogleError::invalid_argument("The owner's permission cannot be deleted."));
            }
            Some(_) => ids.push(pid.to_string()),
            None => return Err(GoogleError::not_found()),
        }
    }
    note.permissions.retain(|p| !ids.contains(&p.id));
    note.updated = wsmcp_core::clock::now();
    Ok(empty())
}
