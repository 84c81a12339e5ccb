//! Reading and removing files: files.get (metadata, or the bytes with `alt=media`),
//! files.export, files.delete, files.emptyTrash and files.generateIds.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::response::Response;
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde_json::json;
use wsmcp_sandbox_kit::{QueryParams, ids};

use super::access::{Role, can_copy, can_delete, role_of};
use super::content::Content;
use super::convert::export;
use super::error::DriveError;
use super::fields::{FILE_DEFAULT, project};
use super::render::{drive_role, file_json};
use super::store::{DriveFile, SharedStore, Store};
use super::{Reply, no_content, ok, supports_all_drives};

/// The file `id` with the user's role on it, or Drive's 404 for anything they cannot see
/// (shared drive items included when the client did not declare `supportsAllDrives`).
pub(crate) fn visible<'a>(
    store: &'a Store,
    id: &str,
    supports_all_drives: bool,
) -> Result<(&'a DriveFile, Role), DriveError> {
    let file = store.file(id).ok_or_else(|| DriveError::file_not_found(id))?;
    if file.drive_id.is_some() && !supports_all_drives {
        return Err(DriveError::file_not_found(id));
    }
    let role = role_of(store, file).ok_or_else(|| DriveError::file_not_found(id))?;
    Ok((file, role))
}

/// A new file id, shaped like Drive's (33 characters starting with `1`).
pub(crate) fn new_file_id(store: &Store) -> String {
    loop {
        let id = ids::token("1", 32);
        if store.file(&id).is_none() {
            return id;
        }
    }
}

/// `GET /drive/v3/files/{fileId}`
pub async fn files_get(
    State(store): State<SharedStore>,
    Path(file_id): Path<String>,
    q: QueryParams,
    headers: HeaderMap,
) -> Reply {
    get(&store, &file_id, &q, &headers)
}

/// `GET /drive/v3/files/trash`: a file id that collides with a route.
pub async fn files_get_literal(State(store): State<SharedStore>, q: QueryParams, headers: HeaderMap) -> Reply {
    get(&store, "trash", &q, &headers)
}

fn get(store: &SharedStore, file_id: &str, q: &QueryParams, headers: &HeaderMap) -> Reply {
    let supports = supports_all_drives(q)?;
    let store = store.lock();
    let (file, role) = visible(&store, file_id, supports)?;
    if q.get("alt") == Some("media") {
        return download(file, role, headers);
    }
    ok(project(&file_json(&store, file, role), q.get("fields"), FILE_DEFAULT))
}

fn download(file: &DriveFile, role: Role, headers: &HeaderMap) -> Reply {
    if file.is_native() {
        return Err(DriveError::forbidden(
            "fileNotDownloadable",
            "Only files with binary content can be downloaded. Use Export with Docs Editors files.",
        )
        .at("alt"));
    }
    if !can_copy(file, role) {
        return Err(DriveError::forbidden(
            "cannotDownloadFile",
            "The user does not have sufficient permissions to download this file.",
        ));
    }
    // `Bytes` clones and slices share the stored buffer: a download copies nothing.
    let bytes = match &file.content {
        Content::Bytes(b) => b.clone(),
        _ => Bytes::new(),
    };
    let total = bytes.len();
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok()).map(|r| parse_range(r, total));
    let (status, slice, content_range) = match range {
        None | Some(RangeRequest::Ignored) => (StatusCode::OK, bytes.clone(), None),
        Some(RangeRequest::Unsatisfiable) => {
            return Err(DriveError::new(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "requestedRangeNotSatisfiable",
                "Request range not satisfiable",
            ));
        }
        Some(RangeRequest::Range(start, end)) => (
            StatusCode::PARTIAL_CONTENT,
            if end < total { bytes.slice(start..=end) } else { Bytes::new() },
            Some(format!("bytes {start}-{end}/{total}")),
        ),
    };
    media(status, &file.mime_type, slice, content_range)
}

fn media(status: StatusCode, mime: &str, body: Bytes, content_range: Option<String>) -> Reply {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let content_type =
        HeaderValue::from_str(mime).unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    response.headers_mut().insert(header::CONTENT_TYPE, content_type);
    if let Some(value) = content_range.and_then(|r| HeaderValue::from_str(&r).ok()) {
        response.headers_mut().insert(header::CONTENT_RANGE, value);
    }
    Ok(response)
}

#[derive(Debug, PartialEq, Eq)]
enum RangeRequest {
    Ignored,
    Unsatisfiable,
    Range(usize, usize),
}

/// One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else is ignored, as servers do.
fn parse_range(header: &str, total: usize) -> RangeRequest {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return RangeRequest::Ignored;
    };
    if spec.contains(',') {
        return RangeRequest::Ignored;
    }
    let Some((a, b)) = spec.split_once('-') else {
        return RangeRequest::Ignored;
    };
    let (a, b) = (a.trim(), b.trim());
    let parsed = match (a.parse::<usize>().ok(), b.parse::<usize>().ok()) {
        (Some(start), Some(end)) if start <= end => Some((start, end.min(total.saturating_sub(1)))),
        (Some(start), None) if b.is_empty() => Some((start, total.saturating_sub(1))),
        (None, Some(suffix)) if a.is_empty() && suffix > 0 => {
            Some((total.saturating_sub(suffix), total.saturating_sub(1)))
        }
        _ => return RangeRequest::Ignored,
    };
    match parsed {
        Some((start, end)) if start < total && start <= end => RangeRequest::Range(start, end),
        _ => RangeRequest::Unsatisfiable,
    }
}

/// `GET /drive/v3/files/{fileId}/export?mimeType=…`
pub async fn files_export(State(store): State<SharedStore>, Path(file_id): Path<String>, q: QueryParams) -> Reply {
    let target =
        q.get("mimeType").ok_or_else(|| DriveError::required("Required parameter: mimeType").at("mimeType"))?;
    let store = store.lock();
    // Export works on shared drive files without supportsAllDrives (it has no such flag).
    let (file, role) = visible(&store, &file_id, true)?;
    let bytes = export(file, target)?;
    if !can_copy(file, role) {
        return Err(DriveError::forbidden("cannotExportFile", "This file cannot be exported by the user."));
    }
    media(StatusCode::OK, target, Bytes::from(bytes), None)
}

/// `DELETE /drive/v3/files/{fileId}`: for good, folders with everything inside.
pub async fn files_delete(State(store): State<SharedStore>, Path(file_id): Path<String>, q: QueryParams) -> Reply {
    delete(&store, &file_id, &q)
}

/// `DELETE /drive/v3/files/generateIds`: a file id that collides with a route.
pub async fn files_delete_literal(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    delete(&store, "generateIds", &q)
}

fn delete(store: &SharedStore, file_id: &str, q: &QueryParams) -> Reply {
    let supports = supports_all_drives(q)?;
    let mut store = store.lock();
    let (file, role) = visible(&store, file_id, supports)?;
    if file.id == store.root_id() || file.drive_id.as_deref() == Some(file.id.as_str()) {
        return Err(DriveError::forbidden("cannotDeleteRoot", "The root folder of a drive cannot be deleted."));
    }
    if !can_delete(file, role) {
        return Err(DriveError::insufficient());
    }
    let id = file.id.clone();
    for child in store.descendants(&id) {
        store.remove(&child);
    }
    store.remove(&id);
    no_content()
}

/// `DELETE /drive/v3/files/trash`: delete the user's trashed files (or a shared drive's).
pub async fn files_empty_trash(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let mut store = store.lock();
    let drive_id = q.get("driveId").filter(|d| !d.is_empty());
    if let Some(id) = drive_id {
        let role = store.drive(id).and_then(|d| drive_role(&store, d));
        match role {
            None => {
                return Err(DriveError::new(
                    StatusCode::NOT_FOUND,
                    "notFound",
                    format!("Shared drive not found: {id}"),
                )
                .at("driveId"));
            }
            Some(r) if r < Role::Organizer => return Err(DriveError::insufficient()),
            Some(_) => {}
        }
    }
    let me = store.me().email.clone();
    let doomed: Vec<String> = store
        .files()
        .filter(|f| f.explicitly_trashed)
        .filter(|f| match drive_id {
            Some(id) => f.drive_id.as_deref() == Some(id),
            None => f.owner.as_ref().is_some_and(|o| o.email.eq_ignore_ascii_case(&me)),
        })
        .map(|f| f.id.clone())
        .collect();
    for id in doomed {
        for child in store.descendants(&id) {
            store.remove(&child);
        }
        store.remove(&id);
    }
    no_content()
}

/// `GET /drive/v3/files/generateIds`: ids a later create may use.
pub async fn files_generate_ids(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let count = q.uint("count")?.unwrap_or(10).clamp(1, 1000);
    let space = q.get("space").unwrap_or("drive").to_string();
    if !matches!(space.as_str(), "drive" | "appDataFolder") {
        return Err(DriveError::invalid("Invalid Value").at("space"));
    }
    let kind = q.get("type").unwrap_or("files");
    if !matches!(kind, "files" | "shortcuts") {
        return Err(DriveError::invalid("Invalid Value").at("type"));
    }
    let mut store = store.lock();
    let mut out = Vec::new();
    for _ in 0..count {
        let id = new_file_id(&store);
        store.generated_ids.insert(id.clone());
        out.push(id);
    }
    ok(json!({ "kind": "drive#generatedIds", "space": space, "ids": out }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), RangeRequest::Range(0, 9));
        assert_eq!(parse_range("bytes=90-", 100), RangeRequest::Range(90, 99));
        assert_eq!(parse_range("bytes=-5", 100), RangeRequest::Range(95, 99));
        assert_eq!(parse_range("bytes=0-999", 100), RangeRequest::Range(0, 99));
        assert_eq!(parse_range("bytes=100-", 100), RangeRequest::Unsatisfiable);
        assert_eq!(parse_range("items=1-2", 100), RangeRequest::Ignored);
    }
}
