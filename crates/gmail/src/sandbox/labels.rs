//! `users.labels.*` (list, get, create, update, patch, delete). System labels cannot be
//! renamed or deleted; names are unique (409 otherwise); colors must come from Gmail's
//! palette; `get` computes the message and thread counts.

use axum::extract::{Path, State};
use http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, GoogleJson};

use super::store::{Label, LabelColor, SharedStore, Store};
use super::{Reply, check_user, no_content, ok};

/// The colors Gmail allows for `backgroundColor` and `textColor` (from the Discovery
/// document's `LabelColor` description).
pub const PALETTE: &[&str] = &[
    "#000000", "#434343", "#666666", "#999999", "#cccccc", "#efefef", "#f3f3f3", "#ffffff", "#fb4c2f", "#ffad47",
    "#fad165", "#16a766", "#43d692", "#4a86e8", "#a479e2", "#f691b3", "#f6c5be", "#ffe6c7", "#fef1d1", "#b9e4d0",
    "#c6f3de", "#c9daf8", "#e4d7f5", "#fcdee8", "#efa093", "#ffd6a2", "#fce8b3", "#89d3b2", "#a0eac9", "#a4c2f4",
    "#d0bcf1", "#fbc8d9", "#e66550", "#ffbc6b", "#fcda83", "#44b984", "#68dfa9", "#6d9eeb", "#b694e8", "#f7a7c0",
    "#cc3a21", "#eaa041", "#f2c960", "#149e60", "#3dc789", "#3c78d8", "#8e63ce", "#e07798", "#ac2b16", "#cf8933",
    "#d5ae49", "#0b804b", "#2a9c68", "#285bac", "#653e9b", "#b65775", "#822111", "#a46a21", "#aa8831", "#076239",
    "#1a764d", "#1c4587", "#41236d", "#83334c", "#464646", "#e7e7e7", "#0d3472", "#b6cff5", "#0d3b44", "#98d7e4",
    "#3d188e", "#e3d7ff", "#711a36", "#fbd3e0", "#8a1c0a", "#f2b2a8", "#7a2e0b", "#ffc8af", "#7a4706", "#ffdeb5",
    "#594c05", "#fbe983", "#684e07", "#fdedc1", "#0b4f30", "#b3efd3", "#04502e", "#a2dcc1", "#c2c2c2", "#4986e7",
    "#2da2bb", "#b99aff", "#994a64", "#f691b2", "#ff7537", "#ffad46", "#662e37", "#ebdbde", "#cca6ac", "#094228",
    "#42d692", "#16a765", "#757575", "#1e53b8", "#007286", "#7858c3", "#c2185b", "#d93025", "#54240e", "#633e04",
    "#521d28", "#202124", "#083018",
];

/// Names Gmail keeps for its own folders.
const RESERVED: &[&str] = &[
    "inbox",
    "sent",
    "drafts",
    "draft",
    "trash",
    "spam",
    "starred",
    "important",
    "chats",
    "chat",
    "unread",
    "all mail",
    "snoozed",
    "scheduled",
    "outbox",
];

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelRequest {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub message_list_visibility: Option<String>,
    #[serde(default)]
    pub label_list_visibility: Option<String>,
    #[serde(default)]
    pub color: Option<Value>,
}

/// A label resource; `counts` adds what `labels.get` reports.
pub fn label_json(s: &Store, label: &Label, counts: bool) -> Value {
    let mut out = json!({ "id": label.id, "name": label.name });
    if let Some(v) = &label.message_list_visibility {
        out["messageListVisibility"] = json!(v);
    }
    if let Some(v) = &label.label_list_visibility {
        out["labelListVisibility"] = json!(v);
    }
    out["type"] = json!(if label.system { "system" } else { "user" });
    if let Some(color) = &label.color {
        out["color"] = json!(color);
    }
    if counts {
        let (mt, mu, tt, tu) = s.label_counts(&label.id);
        out["messagesTotal"] = json!(mt);
        out["messagesUnread"] = json!(mu);
        out["threadsTotal"] = json!(tt);
        out["threadsUnread"] = json!(tu);
    }
    out
}

pub async fn users_labels_list(State(store): State<SharedStore>, Path(user): Path<String>) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let labels: Vec<Value> = s.labels().iter().map(|l| label_json(&s, l, false)).collect();
    ok(json!({ "labels": labels }))
}

pub async fn users_labels_get(State(store): State<SharedStore>, Path((user, id)): Path<(String, String)>) -> Reply {
    let s = store.lock();
    check_user(&s, &user)?;
    let label = s.label(&id).ok_or_else(GoogleError::not_found)?;
    ok(label_json(&s, label, true))
}

pub async fn users_labels_create(
    State(store): State<SharedStore>,
    Path(user): Path<String>,
    GoogleJson(body): GoogleJson<LabelRequest>,
) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    let name = check_name(&s, body.name.as_deref(), None)?;
    let color = body.color.as_ref().map(check_color).transpose()?;
    let id = format!("Label_{}", s.next_label);
    s.next_label += 1;
    let label = Label {
        id,
        name,
        system: false,
        message_list_visibility: Some(check_visibility(body.message_list_visibility, &["show", "hide"], "show")?),
        label_list_visibility: Some(check_visibility(
            body.label_list_visibility,
            &["labelShow", "labelShowIfUnread", "labelHide"],
            "labelShow",
        )?),
        color,
    };
    s.labels.push(label.clone());
    s.bump_history();
    ok(label_json(&s, &label, false))
}

pub async fn users_labels_update(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<LabelRequest>,
) -> Reply {
    if body.name.is_none() {
        return Err(GoogleError::invalid_argument("Invalid label name"));
    }
    change(&store, &user, &id, body)
}

pub async fn users_labels_patch(
    State(store): State<SharedStore>,
    Path((user, id)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<LabelRequest>,
) -> Reply {
    change(&store, &user, &id, body)
}

fn change(store: &SharedStore, user: &str, id: &str, body: LabelRequest) -> Reply {
    let mut s = store.lock();
    check_user(&s, user)?;
    let current = s.label(id).cloned().ok_or_else(GoogleError::not_found)?;
    if current.system {
        return Err(GoogleError::invalid_argument(format!("Invalid label: system label {id} cannot be changed")));
    }
    let mut label = current.clone();
    if let Some(name) = body.name.as_deref() {
        label.name = check_name(&s, Some(name), Some(id))?;
    }
    if let Some(color) = &body.color {
        label.color = check_color(color)?.into();
    }
    if body.message_list_visibility.is_some() {
        label.message_list_visibility =
            Some(check_visibility(body.message_list_visibility, &["show", "hide"], "show")?);
    }
    if body.label_list_visibility.is_some() {
        let allowed = ["labelShow", "labelShowIfUnread", "labelHide"];
        label.label_list_visibility = Some(check_visibility(body.label_list_visibility, &allowed, "labelShow")?);
    }
    if let Some(slot) = s.labels.iter_mut().find(|l| l.id == id) {
        *slot = label.clone();
    }
    s.bump_history();
    ok(label_json(&s, &label, false))
}

/// Deleting a label removes it from every message, as in Gmail.
pub async fn users_labels_delete(State(store): State<SharedStore>, Path((user, id)): Path<(String, String)>) -> Reply {
    let mut s = store.lock();
    check_user(&s, &user)?;
    let label = s.label(&id).cloned().ok_or_else(GoogleError::not_found)?;
    if label.system {
        return Err(GoogleError::invalid_argument(format!("Invalid delete request: {id} is a system label")));
    }
    s.labels.retain(|l| l.id != id);
    for message in s.messages.values_mut() {
        message.label_ids.retain(|l| *l != id);
    }
    s.bump_history();
    no_content()
}

/// A non-empty name no other label (system ones included) has, case-insensitively.
fn check_name(s: &Store, name: Option<&str>, own_id: Option<&str>) -> Result<String, GoogleError> {
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| GoogleError::invalid_argument("Invalid label name"))?;
    if RESERVED.contains(&name.to_lowercase().as_str()) && s.labels().iter().all(|l| !l.name.eq_ignore_ascii_case(name))
    {
        return Err(GoogleError::invalid_argument("Invalid label name"));
    }
    let taken = s.labels().iter().any(|l| Some(l.id.as_str()) != own_id && l.name.eq_ignore_ascii_case(name));
    if taken {
        return Err(GoogleError::new(StatusCode::CONFLICT, "duplicate", "Label name exists or conflicts"));
    }
    Ok(name.to_string())
}

/// Both colors required, both from the palette.
pub fn check_color(color: &Value) -> Result<LabelColor, GoogleError> {
    let pick = |field: &str| {
        let value = color.get(field).and_then(Value::as_str).map(str::to_lowercase).ok_or_else(|| {
            GoogleError::invalid_argument(format!("Invalid label color: {field} is required when setting a color"))
        })?;
        if PALETTE.contains(&value.as_str()) {
            Ok(value)
        } else {
            Err(GoogleError::invalid_argument(format!("Label color {value} is not on the allowed color palette")))
        }
    };
    Ok(LabelColor { background_color: pick("backgroundColor")?, text_color: pick("textColor")? })
}

fn check_visibility(value: Option<String>, allowed: &[&str], default: &str) -> Result<String, GoogleError> {
    match value {
        None => Ok(default.to_string()),
        Some(v) if allowed.contains(&v.as_str()) => Ok(v),
        Some(v) => Err(GoogleError::invalid_argument(format!("Invalid visibility value: {v}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_is_enforced() {
        assert!(check_color(&json!({ "backgroundColor": "#4A86E8", "textColor": "#ffffff" })).is_ok());
        assert!(check_color(&json!({ "backgroundColor": "#123456", "textColor": "#ffffff" })).is_err());
        assert!(check_color(&json!({ "backgroundColor": "#4a86e8" })).is_err());
        assert_eq!(PALETTE.len(), 113);
    }
}
