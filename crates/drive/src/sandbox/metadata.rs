//! Creating files from a File resource: files.create without media and files.copy, plus
//! the pieces updates and uploads share: which fields a request may write, applying
//! them, parent checks, content for new bytes (converted to Google types when asked).

use axum::extract::{Path, State};
use serde_json::{Map, Value};
use wsmcp_sandbox_kit::{GoogleJson, QueryParams, ids};

use super::access::{Role, can_copy, role_of};
use super::content::Content;
use super::convert::{guess_mime, import};
use super::error::DriveError;
use super::fields::{FILE_DEFAULT, project};
use super::files::{new_file_id, visible};
use super::query::parse_time;
use super::render::{file_json, permission_id_for};
use super::store::{DOCUMENT, DriveFile, FOLDER, PRESENTATION, Permission, SPREADSHEET, SharedStore, Store};
use super::{Reply, ok, supports_all_drives};

/// Which request a File body arrives in; decides what it may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Create,
    Copy,
    Update,
}

/// Uploaded bytes and the type they were sent as.
pub(crate) struct Media {
    pub bytes: bytes::Bytes,
    pub content_type: String,
}

fn check_writable(key: &str, mode: Mode) -> Result<(), DriveError> {
    match key {
        "name"
        | "description"
        | "starred"
        | "properties"
        | "appProperties"
        | "writersCanShare"
        | "copyRequiresWriterPermission"
        | "viewersCanCopyContent"
        | "folderColorRgb"
        | "modifiedTime"
        | "viewedByMeTime"
        | "contentHints"
        | "originalFilename"
        | "trashed"
        | "mimeType"
        | "kind"
        | "contentRestrictions"
        | "inheritedPermissionsDisabled"
        | "downloadRestrictions" => Ok(()),
        "parents" | "id" if mode != Mode::Update => Ok(()),
        "createdTime" | "shortcutDetails" if mode == Mode::Create => Ok(()),
        "parents" => Err(DriveError::forbidden(
            "fieldNotWritable",
            "The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.",
        )),
        other => Err(DriveError::not_writable(other)),
    }
}

/// Refuse a body that sets a field the request may not write.
pub(crate) fn check_keys(meta: &Map<String, Value>, mode: Mode) -> Result<(), DriveError> {
    meta.keys().try_for_each(|k| check_writable(k, mode))
}

fn string_map(value: &Value) -> Vec<(String, Option<String>)> {
    value
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().map(str::to_string))).collect())
        .unwrap_or_default()
}

fn time_field(meta: &Map<String, Value>, key: &str) -> Result<Option<i64>, DriveError> {
    match meta.get(key).and_then(Value::as_str) {
        None => Ok(None),
        Some(text) => {
            parse_time(text).map(Some).ok_or_else(|| DriveError::invalid(format!("Invalid value for {key}: {text}")))
        }
    }
}

/// Apply the plain fields of a File body to `file` (not parents, trash or content).
pub(crate) fn apply_fields(file: &mut DriveFile, meta: &Map<String, Value>, mode: Mode) -> Result<(), DriveError> {
    for key in meta.keys() {
        check_writable(key, mode)?;
    }
    if let Some(name) = meta.get("name").and_then(Value::as_str) {
        file.name = name.to_string();
    }
    if let Some(d) = meta.get("description") {
        file.description = d.as_str().map(str::to_string);
    }
    if let Some(b) = meta.get("starred").and_then(Value::as_bool) {
        file.starred = b;
    }
    if let Some(b) = meta.get("writersCanShare").and_then(Value::as_bool) {
        file.writers_can_share = b;
    }
    if let Some(b) = meta.get("copyRequiresWriterPermission").and_then(Value::as_bool) {
        file.copy_requires_writer_permission = b;
    }
    if let Some(b) = meta.get("viewersCanCopyContent").and_then(Value::as_bool) {
        file.copy_requires_writer_permission = !b;
    }
    if let Some(c) = meta.get("folderColorRgb").and_then(Value::as_str) {
        file.folder_color_rgb = Some(c.to_string());
    }
    if let Some(n) = meta.get("originalFilename").and_then(Value::as_str) {
        file.original_filename = Some(n.to_string());
    }
    if let Some(text) = meta.get("contentHints").and_then(|h| h.get("indexableText")).and_then(Value::as_str) {
        file.indexable_text = Some(text.to_string());
    }
    for (key, target) in [("properties", &mut file.properties), ("appProperties", &mut file.app_properties)] {
        for (k, v) in meta.get(key).map(string_map).unwrap_or_default() {
            match v {
                Some(v) => {
                    target.insert(k, v);
                }
                None => {
                    target.remove(&k);
                }
            }
        }
    }
    if let Some(t) = time_field(meta, "modifiedTime")? {
        file.modified = t;
    }
    if let Some(t) = time_field(meta, "viewedByMeTime")? {
        file.viewed_by_me = Some(t);
    }
    if mode == Mode::Create
        && let Some(t) = time_field(meta, "createdTime")?
    {
        file.created = t;
    }
    Ok(())
}

/// The folder `parent` may receive a new child from the user: returns its id and drive.
pub(crate) fn check_parent(
    store: &Store,
    parent: &str,
    supports_all_drives: bool,
) -> Result<(String, Option<String>), DriveError> {
    let not_found = || DriveError::file_not_found(parent);
    let folder = store.file(parent).ok_or_else(not_found)?;
    if folder.drive_id.is_some() && !supports_all_drives {
        return Err(not_found());
    }
    let role = role_of(store, folder).ok_or_else(not_found)?;
    if !folder.is_folder() {
        return Err(DriveError::bad_request(format!("The specified parent is not a folder: {parent}."))
            .with_reason("invalidParent"));
    }
    if role < Role::Writer {
        return Err(DriveError::forbidden(
            "insufficientParentPermissions",
            "Insufficient permissions for the specified parent.",
        ));
    }
    Ok((folder.id.clone(), folder.drive_id.clone()))
}

pub(crate) fn owner_permission(store: &Store) -> Permission {
    let me = store.me();
    Permission {
        id: permission_id_for(&me.email),
        kind: "user".into(),
        role: Role::Owner,
        email: Some(me.email.clone()),
        domain: None,
        display_name: Some(me.name.clone()),
        allow_file_discovery: None,
        expiration_time: None,
        pending_owner: false,
    }
}

/// A fresh file owned by the user (or by the shared drive) in `parent`.
pub(crate) fn blank(store: &Store, id: String, parent: (String, Option<String>)) -> DriveFile {
    let now = ids::now_millis();
    let me = store.me().clone();
    let (parent_id, drive_id) = parent;
    DriveFile {
        id,
        name: "Untitled".into(),
        mime_type: "application/octet-stream".into(),
        description: None,
        parents: vec![parent_id],
        owner: drive_id.is_none().then(|| me.clone()),
        permissions: if drive_id.is_none() { vec![owner_permission(store)] } else { Vec::new() },
        drive_id,
        created: now,
        modified: now,
        viewed_by_me: Some(now),
        shared_with_me: None,
        sharing_user: None,
        last_modifying: me,
        starred: false,
        trashed: false,
        explicitly_trashed: false,
        trashed_time: None,
        trashing_user: None,
        properties: Default::default(),
        app_properties: Default::default(),
        content: Content::None,
        writers_can_share: true,
        copy_requires_writer_permission: false,
        version: 1,
        original_filename: None,
        folder_color_rgb: None,
        indexable_text: None,
        sha256: None,
    }
}

fn single_parent(meta: &Map<String, Value>) -> Result<Option<String>, DriveError> {
    let parents: Vec<&str> = meta
        .get("parents")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    match parents.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some((*one).to_string())),
        _ => Err(DriveError::forbidden("cannotAddParent", "Increasing the number of parents is not allowed.")),
    }
}

fn is_convertible_native(mime: &str) -> bool {
    matches!(mime, DOCUMENT | SPREADSHEET | PRESENTATION)
}

/// Content and type for new bytes: converted when the file is (or is asked to become) a
/// Google type, else kept as sent, typed by the request or guessed from the name.
pub(crate) fn content_for(
    target_mime: Option<&str>,
    name: &str,
    media: Media,
) -> Result<(String, Content), DriveError> {
    match target_mime {
        Some(FOLDER) => Err(DriveError::bad_request("A folder cannot have content.")),
        Some(native) if is_convertible_native(native) => {
            let content = import(native, &media.content_type, &media.bytes)?;
            Ok((native.to_string(), content))
        }
        Some(native) if native.starts_with("application/vnd.google-apps.") => {
            Err(DriveError::bad_request("The requested conversion is not supported.").at("convertTo"))
        }
        _ => {
            let sent = media.content_type.split(';').next().unwrap_or("").trim().to_string();
            let mime = match target_mime {
                Some(m) => m.to_string(),
                None if !sent.is_empty() && sent != "application/octet-stream" => sent,
                None => guess_mime(name).unwrap_or("application/octet-stream").to_string(),
            };
            Ok((mime, Content::Bytes(media.bytes)))
        }
    }
}

/// files.create (with or without media): returns the new file's id.
pub(crate) fn create_file(
    store: &mut Store,
    meta: &Map<String, Value>,
    media: Option<Media>,
    supports_all_drives: bool,
) -> Result<String, DriveError> {
    for key in meta.keys() {
        check_writable(key, Mode::Create)?;
    }
    let parent = single_parent(meta)?.unwrap_or_else(|| store.root_id().to_string());
    let parent = check_parent(store, &parent, supports_all_drives)?;
    let id = match meta.get("id").and_then(Value::as_str) {
        Some(id) if store.generated_ids.contains(id) && store.file(id).is_none() => {
            store.generated_ids.remove(id);
            id.to_string()
        }
        Some(_) => {
            return Err(DriveError::bad_request("The provided file ID is not usable.").with_reason("fileIdNotUsable"));
        }
        None => new_file_id(store),
    };
    let mut file = blank(store, id.clone(), parent);
    apply_fields(&mut file, meta, Mode::Create)?;
    let target = meta.get("mimeType").and_then(Value::as_str);
    match media {
        Some(media) => {
            if meta.get("name").is_none() && meta.get("originalFilename").is_none() {
                file.name = "Untitled".into();
            }
            file.original_filename.get_or_insert_with(|| file.name.clone());
            let (mime, content) = content_for(target, &file.name, media)?;
            file.mime_type = mime;
            file.set_content(content);
        }
        None => {
            file.mime_type = target.unwrap_or("application/octet-stream").to_string();
            file.content = match file.mime_type.as_str() {
                DOCUMENT => Content::Document(Vec::new()),
                SPREADSHEET => Content::Spreadsheet(Vec::new()),
                PRESENTATION => Content::Presentation(Vec::new()),
                _ => Content::None,
            };
        }
    }
    if meta.get("trashed").and_then(Value::as_bool) == Some(true) {
        file.trashed = true;
        file.explicitly_trashed = true;
        file.trashed_time = Some(ids::now_millis());
    }
    store.insert(file);
    Ok(id)
}

pub(crate) fn body_map(body: Value) -> Map<String, Value> {
    match body {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// The created or changed file as the client asked to see it.
pub(crate) fn reply_file(store: &Store, id: &str, q: &QueryParams) -> Reply {
    let file = store.file(id).ok_or_else(|| DriveError::file_not_found(id))?;
    let role = role_of(store, file).unwrap_or(Role::Reader);
    ok(project(&file_json(store, file, role), q.get("fields"), FILE_DEFAULT))
}

/// `POST /drive/v3/files` (metadata only: folders, empty files, empty Google files)
pub async fn files_create(
    State(store): State<SharedStore>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let supports = supports_all_drives(&q)?;
    let mut store = store.lock();
    let id = create_file(&mut store, &body_map(body), None, supports)?;
    reply_file(&store, &id, &q)
}

/// `POST /drive/v3/files/{fileId}/copy`
pub async fn files_copy(
    State(store): State<SharedStore>,
    Path(file_id): Path<String>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let supports = supports_all_drives(&q)?;
    let meta = body_map(body);
    let mut store = store.lock();
    let (source, role) = visible(&store, &file_id, supports)?;
    if source.is_folder() || !can_copy(source, role) {
        return Err(DriveError::forbidden("cannotCopyFile", "This file cannot be copied by the user."));
    }
    let source = source.clone();
    // Without parents the copy joins the original's folder when the user may add there.
    let parent = match single_parent(&meta)? {
        Some(p) => check_parent(&store, &p, supports)?,
        None => source
            .parents
            .first()
            .and_then(|p| check_parent(&store, p, supports).ok())
            .unwrap_or_else(|| (store.root_id().to_string(), None)),
    };
    let id = match meta.get("id").and_then(Value::as_str) {
        Some(id) if store.generated_ids.remove(id) => id.to_string(),
        Some(_) => {
            return Err(DriveError::bad_request("The provided file ID is not usable.").with_reason("fileIdNotUsable"));
        }
        None => new_file_id(&store),
    };
    let mut copy = blank(&store, id.clone(), parent);
    copy.name = format!("Copy of {}", source.name);
    copy.mime_type = source.mime_type.clone();
    copy.description = source.description.clone();
    copy.properties = source.properties.clone();
    copy.app_properties = source.app_properties.clone();
    copy.indexable_text = source.indexable_text.clone();
    copy.set_content(source.content.clone());
    apply_fields(&mut copy, &meta, Mode::Copy)?;
    if let Some(mime) = meta.get("mimeType").and_then(Value::as_str)
        && mime != source.mime_type
    {
        return Err(DriveError::bad_request("The requested conversion is not supported.").at("convertTo"));
    }
    store.insert(copy);
    reply_file(&store, &id, &q)
}
