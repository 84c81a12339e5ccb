//! Changing files: files.update (PATCH) with or without media, `addParents` and
//! `removeParents` moves (also into and out of shared drives), and trashing with a
//! folder's contents.

use axum::extract::{Path, State};
use http::Uri;
use serde_json::{Map, Value};
use wsmcp_sandbox_kit::{GoogleJson, QueryParams, ids};

use super::access::{Role, can_trash};
use super::error::DriveError;
use super::files::visible;
use super::metadata::{
    Media, Mode, apply_fields, body_map, check_keys, check_parent, content_for, owner_permission, reply_file,
};
use super::store::{SharedStore, Store};
use super::{Reply, supports_all_drives};

/// Trash or restore `id`; a folder's contents follow unless trashed on their own.
pub(crate) fn set_trashed(store: &mut Store, id: &str, trashed: bool) {
    let now = ids::now_millis();
    let me = store.me().clone();
    let children = store.descendants(id);
    if let Some(f) = store.file_mut(id) {
        f.trashed = trashed;
        f.explicitly_trashed = trashed;
        f.trashed_time = trashed.then_some(now);
        f.trashing_user = trashed.then(|| me.clone());
    }
    for child in children {
        if let Some(f) = store.file_mut(&child) {
            if trashed && !f.trashed {
                f.trashed = true;
                f.trashed_time = Some(now);
            } else if !trashed && !f.explicitly_trashed {
                f.trashed = false;
                f.trashed_time = None;
            }
        }
    }
}

fn id_list(text: Option<&str>) -> Vec<String> {
    text.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// `addParents`/`removeParents`: one parent at most, no cycles; crossing into or out of
/// a shared drive moves ownership to the drive or to the user.
fn move_parents(store: &mut Store, id: &str, q: &QueryParams, supports: bool) -> Result<bool, DriveError> {
    let add = id_list(q.get("addParents"));
    let remove: Vec<String> = id_list(q.get("removeParents")).iter().map(|p| store.resolve_id(p).to_string()).collect();
    if add.is_empty() && remove.is_empty() {
        return Ok(false);
    }
    let mut targets = Vec::new();
    for p in &add {
        let (parent, drive) = check_parent(store, p, supports)?;
        if store.is_within(&parent, id) {
            return Err(DriveError::bad_request("A folder cannot be moved into itself or one of its subfolders.")
                .with_reason("invalidParent"));
        }
        targets.push((parent, drive));
    }
    let Some(file) = store.file(id) else {
        return Err(DriveError::file_not_found(id));
    };
    let mut parents: Vec<String> = file.parents.iter().filter(|p| !remove.contains(p)).cloned().collect();
    for (parent, _) in &targets {
        if !parents.contains(parent) {
            parents.push(parent.clone());
        }
    }
    if parents.len() > 1 {
        return Err(DriveError::forbidden("cannotAddParent", "Increasing the number of parents is not allowed."));
    }
    let new_drive = match targets.first() {
        Some((_, drive)) => drive.clone(),
        None => file.drive_id.clone(),
    };
    let moved: Vec<String> = std::iter::once(id.to_string()).chain(store.descendants(id)).collect();
    let owner_perm = owner_permission(store);
    let me = store.me().clone();
    for m in moved {
        if let Some(f) = store.file_mut(&m).filter(|f| f.drive_id != new_drive) {
            if new_drive.is_some() {
                f.owner = None;
                f.permissions.retain(|p| p.role != Role::Owner);
            } else {
                f.owner = Some(me.clone());
                f.permissions.insert(0, owner_perm.clone());
            }
            f.drive_id = new_drive.clone();
        }
    }
    if let Some(f) = store.file_mut(id) {
        f.parents = parents;
    }
    Ok(true)
}

/// files.update with or without media: returns the file id.
pub(crate) fn update_file(
    store: &mut Store,
    file_id: &str,
    q: &QueryParams,
    meta: &Map<String, Value>,
    media: Option<Media>,
) -> Result<String, DriveError> {
    let supports = supports_all_drives(q)?;
    let (file, role) = visible(store, file_id, supports)?;
    check_keys(meta, Mode::Update)?;
    // Starring and "viewed" are the user's own marks, open to every reader.
    let personal_only = meta.keys().all(|k| matches!(k.as_str(), "starred" | "viewedByMeTime" | "kind"))
        && media.is_none()
        && q.get("addParents").is_none()
        && q.get("removeParents").is_none();
    if !personal_only && role < Role::Writer {
        return Err(DriveError::insufficient());
    }
    let trash = meta.get("trashed").and_then(Value::as_bool);
    if trash.is_some_and(|t| t != file.trashed) && !can_trash(file, role) {
        return Err(DriveError::insufficient());
    }
    if let Some(mime) = meta.get("mimeType").and_then(Value::as_str)
        && mime != file.mime_type
        && (file.is_native() || mime.starts_with("application/vnd.google-apps."))
        && media.is_none()
    {
        return Err(DriveError::forbidden(
            "fieldNotWritable",
            "The mimeType of a folder or Google Docs Editors file cannot be changed.",
        ));
    }
    let id = file.id.clone();
    let mut updated = file.clone();
    apply_fields(&mut updated, meta, Mode::Update)?;
    let content_changed = media.is_some();
    if let Some(media) = media {
        let target = meta
            .get("mimeType")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| updated.is_native().then(|| updated.mime_type.clone()));
        let (mime, content) = content_for(target.as_deref(), &updated.name, media)?;
        updated.mime_type = mime;
        updated.set_content(content);
    } else if let Some(mime) = meta.get("mimeType").and_then(Value::as_str) {
        updated.mime_type = mime.to_string();
    }
    let renamed = updated.name != file.name || updated.description != file.description;
    if (content_changed || renamed) && meta.get("modifiedTime").is_none() {
        updated.modified = ids::now_millis();
    }
    if content_changed || renamed {
        updated.last_modifying = store.me().clone();
    }
    updated.version += 1;
    move_parents(store, &id, q, supports)?;
    // The move may have changed placement and ownership; everything else is `updated`.
    if let Some(current) = store.file(&id) {
        updated.parents = current.parents.clone();
        updated.drive_id = current.drive_id.clone();
        updated.owner = current.owner.clone();
        updated.permissions = current.permissions.clone();
    }
    store.insert(updated);
    if let Some(t) = trash {
        set_trashed(store, &id, t);
    }
    Ok(id)
}

/// `PATCH /drive/v3/files/{fileId}`
pub async fn files_update(
    State(store): State<SharedStore>,
    Path(file_id): Path<String>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let mut store = store.lock();
    let id = update_file(&mut store, &file_id, &q, &body_map(body), None)?;
    reply_file(&store, &id, &q)
}

/// `PATCH /drive/v3/files/trash` or `/generateIds`: file ids that collide with routes.
pub async fn files_update_literal(
    State(store): State<SharedStore>,
    uri: Uri,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let file_id = uri.path().rsplit('/').next().unwrap_or("").to_string();
    let mut store = store.lock();
    let id = update_file(&mut store, &file_id, &q, &body_map(body), None)?;
    reply_file(&store, &id, &q)
}
