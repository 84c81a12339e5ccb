//! Typed Docs calls: one function per REST method, named after its Discovery id
//! (`docs.documents.get` -> `documents_get`), plus the Drive calls `create_doc` needs to
//! file a new document into a folder and `insert_doc_image` needs to check a Drive image.

use serde_json::{Value, json};
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::{BatchUpdateResponse, Document, DriveImage};

/// The Docs API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "docs.googleapis.com",
    title: "Google Docs API",
    console_id: "docs.googleapis.com",
    batch_path: "/batch",
};

fn doc_path(id: &str) -> String {
    format!("/v1/documents/{}", segment(id))
}

/// The whole document, every tab's content included (`includeTabsContent=true`), so tabbed
/// documents are never read as their first tab only.
pub async fn documents_get(g: &GoogleCtx, id: &str, suggestions_view_mode: &str) -> Result<Document, GoogleError> {
    g.get(API, doc_path(id))
        .query("includeTabsContent", true)
        .query("suggestionsViewMode", suggestions_view_mode)
        .send()
        .await
}

/// A blank document with `title` (Google ignores any content sent here).
pub async fn documents_create(g: &GoogleCtx, title: &str) -> Result<Document, GoogleError> {
    g.post(API, "/v1/documents").json(&json!({"title": title})).send().await
}

/// `requests` applied all or nothing; with `required_revision`, only if nobody changed the
/// document since that revision was read.
pub async fn documents_batch_update(
    g: &GoogleCtx,
    id: &str,
    requests: Vec<Value>,
    required_revision: Option<&str>,
) -> Result<BatchUpdateResponse, GoogleError> {
    let mut body = json!({"requests": requests});
    if let Some(rev) = required_revision {
        body["writeControl"] = json!({"requiredRevisionId": rev});
    }
    g.post(API, format!("{}:batchUpdate", doc_path(id))).json(&body).send().await
}

/// Drive `files.update` moving a file from `from` to the folder `to`.
pub async fn drive_move(g: &GoogleCtx, file: &str, from: &str, to: &str) -> Result<Value, GoogleError> {
    g.patch(&ApiInfo::DRIVE, format!("/drive/v3/files/{}", segment(file)))
        .query("addParents", to)
        .query("removeParents", from)
        .query("supportsAllDrives", true)
        .query("fields", "id,parents")
        .json(&json!({}))
        .idempotent()
        .send()
        .await
}

/// Drive `files.get` of an image to show in a document: its type, and whether anyone with the
/// link may read it (Docs fetches the image without the user's credentials).
pub async fn drive_image(g: &GoogleCtx, file: &str) -> Result<DriveImage, GoogleError> {
    g.get(&ApiInfo::DRIVE, format!("/drive/v3/files/{}", segment(file)))
        .query("supportsAllDrives", true)
        .query("fields", "id,name,mimeType,permissionIds,webContentLink")
        .send()
        .await
}
