//! Typed Drive calls: one function per REST method, named after its Discovery id
//! (`drive.files.list` -> `files_list`). Every call that Drive lets take
//! `supportsAllDrives` sends it, so shared-drive items behave like any other.
//! Media uploads live in [`crate::upload`].

use bytes::Bytes;
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::query::Scope;
use crate::wire::*;

pub(crate) const API: &ApiInfo = &ApiInfo::DRIVE;
pub(crate) const BASE: &str = "/drive/v3";

/// Fields of a file that listings show.
pub const LIST_FIELDS: &str = "nextPageToken, incompleteSearch, files(id, name, mimeType, size, createdTime, modifiedTime, \
    webViewLink, driveId, shortcutDetails, lastModifyingUser(displayName, emailAddress), permissions(type, role))";
/// Fields of a file in a short listing.
pub const LIST_FIELDS_SHORT: &str = "nextPageToken, incompleteSearch, files(id, name, mimeType)";
/// Fields every lookup of a single file asks for.
pub const ITEM_FIELDS: &str = "id, name, mimeType, size, webViewLink, driveId, parents, shortcutDetails";

/// One `files.list` call.
#[derive(Debug, Clone, Default)]
pub struct ListRequest<'a> {
    pub q: &'a str,
    pub page_size: u32,
    pub page_token: Option<&'a str>,
    pub order_by: Option<&'a str>,
    pub scope: Scope,
    pub fields: &'a str,
}

pub async fn files_list(g: &GoogleCtx, r: &ListRequest<'_>) -> Result<FileList, GoogleError> {
    g.get(API, format!("{BASE}/files"))
        .query("q", r.q)
        .query("pageSize", r.page_size)
        .query_opt("pageToken", r.page_token)
        .query_opt("orderBy", r.order_by)
        .query_opt("corpora", r.scope.corpora.map(|c| c.as_str()))
        .query_opt("driveId", r.scope.drive_id.as_deref())
        .query_opt("includeItemsFromAllDrives", r.scope.include_all_drives.then_some("true"))
        .query("supportsAllDrives", "true")
        .query("fields", r.fields)
        .send()
        .await
}

pub async fn files_get(g: &GoogleCtx, id: &str, fields: &str) -> Result<File, GoogleError> {
    g.get(API, format!("{BASE}/files/{}", segment(id)))
        .query("supportsAllDrives", "true")
        .query("fields", fields)
        .send()
        .await
}

/// The file's bytes (`alt=media`).
pub async fn files_get_media(g: &GoogleCtx, id: &str) -> Result<Bytes, GoogleError> {
    g.get(API, format!("{BASE}/files/{}", segment(id)))
        .query("alt", "media")
        .query("supportsAllDrives", "true")
        .send_bytes()
        .await
}

/// A Google Docs/Sheets/Slides file converted to `mime` (Drive caps exports at 10 MB).
pub async fn files_export(g: &GoogleCtx, id: &str, mime: &str) -> Result<Bytes, GoogleError> {
    g.get(API, format!("{BASE}/files/{}/export", segment(id))).query("mimeType", mime).send_bytes().await
}

/// Creates a file without content (folders, shortcuts).
pub async fn files_create(g: &GoogleCtx, meta: &FileMetadata, fields: &str) -> Result<File, GoogleError> {
    g.post(API, format!("{BASE}/files"))
        .query("supportsAllDrives", "true")
        .query("fields", fields)
        .json(meta)
        .send()
        .await
}

/// Changes metadata only; `add_parents`/`remove_parents` move the file.
pub async fn files_update(
    g: &GoogleCtx,
    id: &str,
    meta: &FileMetadata,
    add_parents: Option<&str>,
    remove_parents: Option<&str>,
    fields: &str,
) -> Result<File, GoogleError> {
    g.patch(API, format!("{BASE}/files/{}", segment(id)))
        .query_opt("addParents", add_parents)
        .query_opt("removeParents", remove_parents)
        .query("supportsAllDrives", "true")
        .query("fields", fields)
        .json(meta)
        .idempotent()
        .send()
        .await
}

pub async fn files_copy(
    g: &GoogleCtx,
    id: &str,
    meta: &FileMetadata,
    copy_comments: bool,
    fields: &str,
) -> Result<File, GoogleError> {
    g.post(API, format!("{BASE}/files/{}/copy", segment(id)))
        .query_opt("copyComments", copy_comments.then_some("true"))
        .query("supportsAllDrives", "true")
        .query("fields", fields)
        .json(meta)
        .send()
        .await
}

/// Every permission of a file, following pages.
pub async fn permissions_list(g: &GoogleCtx, file_id: &str) -> Result<Vec<Permission>, GoogleError> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    // Bounded: a file has at most a few hundred permissions, 100 per page.
    for _ in 0..50 {
        let page: PermissionList = g
            .get(API, format!("{BASE}/files/{}/permissions", segment(file_id)))
            .query("pageSize", 100)
            .query_opt("pageToken", token.as_deref())
            .query("supportsAllDrives", "true")
            .query(
                "fields",
                "nextPageToken, permissions(id, type, role, emailAddress, domain, displayName, expirationTime, allowFileDiscovery)",
            )
            .send()
            .await?;
        out.extend(page.permissions);
        match page.next_page_token {
            Some(t) if !t.is_empty() => token = Some(t),
            _ => break,
        }
    }
    Ok(out)
}

/// Options of `permissions.create`.
#[derive(Debug, Clone, Default)]
pub struct CreatePermission<'a> {
    /// `None` leaves Drive's default (notify users and groups).
    pub send_notification: Option<bool>,
    pub email_message: Option<&'a str>,
    pub transfer_ownership: bool,
    pub move_to_new_owners_root: bool,
}

const PERMISSION_FIELDS: &str = "id, type, role, emailAddress, domain, displayName, expirationTime, allowFileDiscovery";

pub async fn permissions_create(
    g: &GoogleCtx,
    file_id: &str,
    body: &Permission,
    opts: &CreatePermission<'_>,
) -> Result<Permission, GoogleError> {
    g.post(API, format!("{BASE}/files/{}/permissions", segment(file_id)))
        .query_opt("sendNotificationEmail", opts.send_notification)
        .query_opt("emailMessage", opts.email_message)
        .query_opt("transferOwnership", opts.transfer_ownership.then_some("true"))
        .query_opt("moveToNewOwnersRoot", opts.move_to_new_owners_root.then_some("true"))
        .query("supportsAllDrives", "true")
        .query("fields", PERMISSION_FIELDS)
        .json(body)
        .send()
        .await
}

pub async fn permissions_update(
    g: &GoogleCtx,
    file_id: &str,
    permission_id: &str,
    body: &Permission,
) -> Result<Permission, GoogleError> {
    g.patch(API, format!("{BASE}/files/{}/permissions/{}", segment(file_id), segment(permission_id)))
        .query("supportsAllDrives", "true")
        .query("fields", PERMISSION_FIELDS)
        .json(body)
        .idempotent()
        .send()
        .await
}

pub async fn permissions_delete(g: &GoogleCtx, file_id: &str, permission_id: &str) -> Result<(), GoogleError> {
    g.delete(API, format!("{BASE}/files/{}/permissions/{}", segment(file_id), segment(permission_id)))
        .query("supportsAllDrives", "true")
        .idempotent()
        .send_empty()
        .await
}

pub async fn drives_list(
    g: &GoogleCtx,
    page_size: u32,
    page_token: Option<&str>,
    q: Option<&str>,
) -> Result<DriveList, GoogleError> {
    g.get(API, format!("{BASE}/drives"))
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .query_opt("q", q)
        .query("fields", "nextPageToken, drives(id, name, createdTime, hidden, capabilities, restrictions)")
        .send()
        .await
}
