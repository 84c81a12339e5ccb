//! `users.settings.filters.*` (list, get, create, delete) and `users.settings.sendAs.*`
//! (list, get, update, patch) of the sandbox user.

use axum::extract::{Path, State};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, ids};

use super::store::{Filter, SharedStore};
use super::{Reply, check_user, no_content, ok};

pub async fn users_settings_filters_list(State(store): State<SharedStore>, Path(user): Path<String>) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    // Gmail answers `{}` rather than an empty list when there are no filters.
    if s.filters.is_empty() {
        return ok(json!({}));
    }
    ok(json!({ "filter": s.filters }))
}

pub async fn users_settings_filters_get(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let filter = s.filters.iter().find(|f| f.id.as_deref() == Some(id.as_str())).ok_or_else(GoogleError::not_found)?;
    ok(json!(filter))
}

/// A filter needs some criteria and some action; its labels must exist; Gmail refuses
/// an exact duplicate.
pub async fn users_settings_filters_create(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    GoogleJson(body): GoogleJson<Filter>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    let c = &body.criteria;
    let has_criteria = [&c.from, &c.to, &c.subject, &c.query, &c.negated_query]
        .iter()
        .any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()))
        || c.has_attachment == Some(true)
        || c.size.is_some();
    if !has_criteria {
        return Err(GoogleError::invalid_argument("Filter doesn't have any criteria"));
    }
    if c.size.is_some() != c.size_comparison.is_some() {
        return Err(GoogleError::invalid_argument("Filter size criteria needs both size and sizeComparison"));
    }
    let a = &body.action;
    if a.add_label_ids.is_empty() && a.remove_label_ids.is_empty() && a.forward.is_none() {
        return Err(GoogleError::invalid_argument("Filter doesn't have any actions"));
    }
    s.check_labels(a.add_label_ids.iter().chain(&a.remove_label_ids))?;
    if s.filters.iter().any(|f| f.criteria == body.criteria && f.action == body.action) {
        return Err(GoogleError::invalid_argument("Filter already exists"));
    }
    let filter = Filter { id: Some(ids::token("ANe1Bm", 30)), ..body };
    s.filters.push(filter.clone());
    ok(json!(filter))
}

pub async fn users_settings_filters_delete(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    let before = s.filters.len();
    s.filters.retain(|f| f.id.as_deref() != Some(id.as_str()));
    if s.filters.len() == before {
        return Err(GoogleError::not_found());
    }
    no_content()
}

pub async fn users_settings_send_as_list(State(store): State<SharedStore>, Path(user): Path<String>) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    ok(json!({ "sendAs": s.send_as }))
}

pub async fn users_settings_send_as_get(
    State(store): State<SharedStore>,
    Path((user, email)): Path<(String, String)>,
) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let send_as =
        s.send_as.iter().find(|a| a.send_as_email.eq_ignore_ascii_case(&email)).ok_or_else(GoogleError::not_found)?;
    ok(json!(send_as))
}

pub async fn users_settings_send_as_update(
    state: State<SharedStore>,
    path: Path<(String, String)>,
    body: GoogleJson<Value>,
) -> Reply {
    users_settings_send_as_patch(state, path, body).await
}

/// Display name, signature and reply-to can change; the address itself cannot.
pub async fn users_settings_send_as_patch(
    State(store): State<SharedStore>,
    Path((user, email)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    let send_as = s
        .send_as
        .iter_mut()
        .find(|a| a.send_as_email.eq_ignore_ascii_case(&email))
        .ok_or_else(GoogleError::not_found)?;
    if let Some(v) = body.get("displayName").and_then(Value::as_str) {
        send_as.display_name = v.to_string();
    }
    if let Some(v) = body.get("signature").and_then(Value::as_str) {
        send_as.signature = v.to_string();
    }
    if let Some(v) = body.get("replyToAddress").and_then(Value::as_str) {
        send_as.reply_to_address = v.to_string();
    }
    let updated = send_as.clone();
    ok(json!(updated))
}
