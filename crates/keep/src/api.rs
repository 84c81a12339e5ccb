//! Typed Keep calls: one function per REST method, named after its Discovery id
//! (`keep.notes.list` -> `notes_list`), and the mapping of Google's refusal for consumer
//! accounts into advice.

use bytes::Bytes;
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::*;

/// The Keep API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "keep.googleapis.com",
    title: "Google Keep API",
    console_id: "keep.googleapis.com",
    batch_path: "/batch",
};
const BASE: &str = "/v1";

/// `notes/{id}` from either a bare id or a full resource name.
pub fn note_name(id: &str) -> String {
    let id = id.trim();
    let id = id.strip_prefix("notes/").unwrap_or(id);
    format!("notes/{id}")
}

fn note_path(name: &str) -> String {
    let id = name.strip_prefix("notes/").unwrap_or(name);
    format!("{BASE}/notes/{}", segment(id))
}

pub async fn notes_list(
    g: &GoogleCtx,
    filter: Option<&str>,
    page_size: u32,
    page_token: Option<&str>,
) -> Result<ListNotesResponse, GoogleError> {
    g.get(API, format!("{BASE}/notes"))
        .query_opt("filter", filter)
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .send()
        .await
        .map_err(|e| workspace_only(g, e))
}

pub async fn notes_get(g: &GoogleCtx, name: &str) -> Result<Note, GoogleError> {
    g.get(API, note_path(name)).send().await.map_err(|e| workspace_only(g, e))
}

pub async fn notes_create(g: &GoogleCtx, note: &Note) -> Result<Note, GoogleError> {
    g.post(API, format!("{BASE}/notes")).json(note).send().await.map_err(|e| workspace_only(g, e))
}

pub async fn notes_delete(g: &GoogleCtx, name: &str) -> Result<(), GoogleError> {
    g.delete(API, note_path(name)).idempotent().send_empty().await.map_err(|e| workspace_only(g, e))
}

pub async fn permissions_batch_create(
    g: &GoogleCtx,
    name: &str,
    req: &BatchCreatePermissionsRequest,
) -> Result<BatchCreatePermissionsResponse, GoogleError> {
    g.post(API, format!("{}/permissions:batchCreate", note_path(name)))
        .json(req)
        .send()
        .await
        .map_err(|e| workspace_only(g, e))
}

pub async fn permissions_batch_delete(
    g: &GoogleCtx,
    name: &str,
    req: &BatchDeletePermissionsRequest,
) -> Result<(), GoogleError> {
    g.post(API, format!("{}/permissions:batchDelete", note_path(name)))
        .json(req)
        .idempotent()
        .send_empty()
        .await
        .map_err(|e| workspace_only(g, e))
}

/// `media.download`: an attachment's bytes in one of its `mimeType`s.
pub async fn media_download(g: &GoogleCtx, attachment: &str, mime_type: &str) -> Result<Bytes, GoogleError> {
    let path: Vec<String> = attachment.split('/').map(segment).collect();
    g.get(API, format!("{BASE}/{}", path.join("/")))
        .query("alt", "media")
        .query("mimeType", mime_type)
        .send_bytes()
        .await
        .map_err(|e| workspace_only(g, e))
}

/// Domains of consumer Google accounts, which the Keep API does not serve.
const CONSUMER_DOMAINS: [&str; 2] = ["gmail.com", "googlemail.com"];

/// Google refuses Keep calls for consumer accounts with a bare 403 that names no cause; for
/// those accounts the advice says what is actually wrong.
pub fn workspace_only(g: &GoogleCtx, mut e: GoogleError) -> GoogleError {
    let domain = g.user().rsplit('@').next().unwrap_or("").to_ascii_lowercase();
    if e.status == Some(403) && CONSUMER_DOMAINS.contains(&domain.as_str()) {
        e.advice = format!(
            "The Google Keep API serves Google Workspace accounts only, and {} is a consumer Google account: \
             Keep notes of gmail.com accounts cannot be reached through any API. Use a Workspace account \
             whose administrator has Keep turned on.",
            g.user()
        );
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_names_accept_ids_and_names() {
        assert_eq!(note_name("abc"), "notes/abc");
        assert_eq!(note_name(" notes/abc "), "notes/abc");
        assert_eq!(note_path("notes/a b"), "/v1/notes/a%20b");
    }
}
