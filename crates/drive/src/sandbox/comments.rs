//! comments.list/get/create/update/delete and replies.list/create, with Drive's rules:
//! `fields` is required on every one of them; the user sees the comments of files they can
//! see (others are 404) and needs the commenter role or above to write; only a comment's
//! author may edit or delete it; deletes leave tombstones that `includeDeleted` shows; a
//! reply with `action: resolve` (or `reopen`) changes the comment's state.

use axum::extract::{Path, State};
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleJson, QueryParams, ids, page_size, paginate};

use super::access::Role;
use super::comment_store::{Comment, Reply as CommentReply, comment_json, reply_json};
use super::error::DriveError;
use super::fields::project;
use super::files::visible;
use super::store::{SharedStore, Store};
use super::{Reply, no_content, ok};

/// Drive answers any comments or replies call without `fields` with this 400.
fn fields_required(q: &QueryParams) -> Result<&str, DriveError> {
    q.get("fields")
        .filter(|f| !f.trim().is_empty())
        .ok_or_else(|| DriveError::required("The 'fields' parameter is required for this operation.").at("fields"))
}

fn comment_not_found(id: &str) -> DriveError {
    DriveError::new(StatusCode::NOT_FOUND, "notFound", format!("Comment not found: {id}.")).at("commentId")
}

/// The file, checked visible; with `write`, also that the user may comment on it.
fn file_for(store: &Store, file_id: &str, write: bool) -> Result<String, DriveError> {
    let (file, role) = visible(store, file_id, true)?;
    if write && role < Role::Commenter {
        return Err(DriveError::insufficient());
    }
    Ok(file.id.clone())
}

/// A live comment (or a deleted one when `include_deleted`).
fn find<'a>(store: &'a Store, file: &str, id: &str, include_deleted: bool) -> Result<&'a Comment, DriveError> {
    store.comment(file, id).filter(|c| include_deleted || !c.deleted).ok_or_else(|| comment_not_found(id))
}

fn text_field<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body.get(name).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

fn page<T>(items: Vec<T>, q: &QueryParams) -> Result<(Vec<T>, Option<String>), DriveError> {
    let size = page_size(q.uint("pageSize")?, 20, 100);
    let page = paginate(items, q.get("pageToken"), size)?;
    Ok((page.items, page.next_page_token))
}

/// `GET /drive/v3/files/{fileId}/comments`
pub async fn comments_list(State(store): State<SharedStore>, Path(file_id): Path<String>, q: QueryParams) -> Reply {
    let fields = fields_required(&q)?;
    let include_deleted = q.flag("includeDeleted")?;
    let since = match q.get("startModifiedTime") {
        Some(t) => Some(super::query::parse_time(t).ok_or_else(|| {
            DriveError::invalid(format!("Invalid value for startModifiedTime: {t}")).at("startModifiedTime")
        })?),
        None => None,
    };
    let store = store.lock();
    let file = file_for(&store, &file_id, false)?;
    let all: Vec<Value> = store
        .comments_of(&file)
        .filter(|c| include_deleted || !c.deleted)
        .filter(|c| since.is_none_or(|s| c.modified >= s))
        .map(|c| comment_json(&store, c, include_deleted))
        .collect();
    let (items, next) = page(all, &q)?;
    let mut body = json!({ "kind": "drive#commentList", "comments": items });
    if let Some(token) = next {
        body["nextPageToken"] = token.into();
    }
    ok(project(&body, Some(fields), "*"))
}

/// `GET /drive/v3/files/{fileId}/comments/{commentId}`
pub async fn comments_get(
    State(store): State<SharedStore>,
    Path((file_id, comment_id)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let fields = fields_required(&q)?;
    let include_deleted = q.flag("includeDeleted")?;
    let store = store.lock();
    let file = file_for(&store, &file_id, false)?;
    let c = find(&store, &file, &comment_id, include_deleted)?;
    ok(project(&comment_json(&store, c, include_deleted), Some(fields), "*"))
}

/// `POST /drive/v3/files/{fileId}/comments`
pub async fn comments_create(
    State(store): State<SharedStore>,
    Path(file_id): Path<String>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let fields = fields_required(&q)?.to_string();
    let content = text_field(&body, "content")
        .ok_or_else(|| DriveError::required("Required: content").at("content"))?
        .to_string();
    let mut store = store.lock();
    let file = file_for(&store, &file_id, true)?;
    let now = ids::now_millis();
    let mut comment = Comment::new(&ids::token("AAAB", 12), &file, store.me().clone(), &content, now);
    comment.anchor = body.get("anchor").and_then(Value::as_str).map(str::to_string);
    comment.quoted = body.get("quotedFileContent").filter(|v| v.is_object()).cloned();
    let reply = comment_json(&store, &comment, false);
    store.add_comment(comment);
    ok(project(&reply, Some(&fields), "*"))
}

/// The user's own live comment, for edits and deletes.
fn own_comment<'a>(store: &'a mut Store, file: &str, id: &str) -> Result<&'a mut Comment, DriveError> {
    let me = store.me().email.clone();
    let c = store.comment_mut(file, id).filter(|c| !c.deleted).ok_or_else(|| comment_not_found(id))?;
    if !c.author.email.eq_ignore_ascii_case(&me) {
        return Err(DriveError::forbidden(
            "insufficientFilePermissions",
            "The user does not have sufficient permissions for this comment.",
        ));
    }
    Ok(c)
}

/// `PATCH /drive/v3/files/{fileId}/comments/{commentId}`: only `content` can change.
pub async fn comments_update(
    State(store): State<SharedStore>,
    Path((file_id, comment_id)): Path<(String, String)>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let fields = fields_required(&q)?.to_string();
    let content = text_field(&body, "content")
        .ok_or_else(|| DriveError::required("Required: content").at("content"))?
        .to_string();
    let mut store = store.lock();
    let file = file_for(&store, &file_id, true)?;
    let c = own_comment(&mut store, &file, &comment_id)?;
    c.content = content;
    c.modified = ids::now_millis();
    let c = c.clone();
    ok(project(&comment_json(&store, &c, false), Some(&fields), "*"))
}

/// `DELETE /drive/v3/files/{fileId}/comments/{commentId}` (no `fields`: nothing comes back).
pub async fn comments_delete(
    State(store): State<SharedStore>,
    Path((file_id, comment_id)): Path<(String, String)>,
) -> Reply {
    let mut store = store.lock();
    let file = file_for(&store, &file_id, true)?;
    let c = own_comment(&mut store, &file, &comment_id)?;
    c.deleted = true;
    c.modified = ids::now_millis();
    no_content()
}

/// `GET /drive/v3/files/{fileId}/comments/{commentId}/replies`
pub async fn replies_list(
    State(store): State<SharedStore>,
    Path((file_id, comment_id)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let fields = fields_required(&q)?;
    let include_deleted = q.flag("includeDeleted")?;
    let store = store.lock();
    let file = file_for(&store, &file_id, false)?;
    let c = find(&store, &file, &comment_id, false)?;
    let all: Vec<Value> =
        c.replies.iter().filter(|r| include_deleted || !r.deleted).map(|r| reply_json(&store, r)).collect();
    let (items, next) = page(all, &q)?;
    let mut body = json!({ "kind": "drive#replyList", "replies": items });
    if let Some(token) = next {
        body["nextPageToken"] = token.into();
    }
    ok(project(&body, Some(fields), "*"))
}

/// `POST /drive/v3/files/{fileId}/comments/{commentId}/replies`: text, an action
/// (`resolve`/`reopen`), or both.
pub async fn replies_create(
    State(store): State<SharedStore>,
    Path((file_id, comment_id)): Path<(String, String)>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let fields = fields_required(&q)?.to_string();
    let action = body.get("action").and_then(Value::as_str).filter(|a| !a.is_empty()).map(str::to_string);
    if let Some(a) = action.as_deref().filter(|a| !matches!(*a, "resolve" | "reopen")) {
        return Err(DriveError::invalid(format!("Invalid value for action: {a}")).at("action"));
    }
    let content = text_field(&body, "content").unwrap_or_default().to_string();
    if content.is_empty() && action.is_none() {
        return Err(DriveError::required("Required: content or action").at("content"));
    }
    let mut store = store.lock();
    let file = file_for(&store, &file_id, true)?;
    let me = store.me().clone();
    find(&store, &file, &comment_id, false)?;
    let now = ids::now_millis();
    let reply = CommentReply {
        id: ids::token("AAAB", 12),
        author: me,
        content,
        action: action.clone(),
        created: now,
        modified: now,
        deleted: false,
    };
    let json = reply_json(&store, &reply);
    if let Some(c) = store.comment_mut(&file, &comment_id) {
        match action.as_deref() {
            Some("resolve") => c.resolved = true,
            Some("reopen") => c.resolved = false,
            _ => {}
        }
        c.modified = now;
        c.replies.push(reply);
    }
    ok(project(&json, Some(&fields), "*"))
}
