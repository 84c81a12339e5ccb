//! Typed Sheets calls: one function per REST method, named after its Discovery id
//! (`sheets.spreadsheets.values.get` -> `values_get`), plus the two Drive calls the Sheets
//! tools need (listing spreadsheets, filing a new one into a folder). Replies stay JSON:
//! the tools read a few fields of large, deeply nested resources.

use serde_json::{Value, json};
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

/// The Sheets API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "sheets.googleapis.com",
    title: "Google Sheets API",
    console_id: "sheets.googleapis.com",
    batch_path: "/batch",
};
const BASE: &str = "/v4/spreadsheets";
const DRIVE: &ApiInfo = &ApiInfo::DRIVE;

fn values_path(id: &str, range: &str) -> String {
    format!("{BASE}/{}/values/{}", segment(id), segment(range))
}

pub async fn spreadsheets_create(g: &GoogleCtx, body: &Value) -> Result<Value, GoogleError> {
    g.post(API, BASE).json(body).send().await
}

/// `spreadsheets.get`; `ranges` limits the sheets (and the grid data) returned.
pub async fn spreadsheets_get(
    g: &GoogleCtx,
    id: &str,
    ranges: &[String],
    include_grid_data: bool,
    fields: Option<&str>,
) -> Result<Value, GoogleError> {
    g.get(API, format!("{BASE}/{}", segment(id)))
        .query_all("ranges", ranges)
        .query_opt("includeGridData", include_grid_data.then_some("true"))
        .query_opt("fields", fields)
        .send()
        .await
}

/// `spreadsheets.batchUpdate`: all `requests` in one call, applied atomically.
pub async fn spreadsheets_batch_update(g: &GoogleCtx, id: &str, requests: Vec<Value>) -> Result<Value, GoogleError> {
    g.post(API, format!("{BASE}/{}:batchUpdate", segment(id))).json(&json!({ "requests": requests })).send().await
}

pub async fn values_get(g: &GoogleCtx, id: &str, range: &str, render: &str) -> Result<Value, GoogleError> {
    g.get(API, values_path(id, range)).query("valueRenderOption", render).send().await
}

/// `values.update` (PUT of the same values is safe to repeat).
pub async fn values_update(
    g: &GoogleCtx,
    id: &str,
    range: &str,
    input_option: &str,
    values: &[Vec<Value>],
) -> Result<Value, GoogleError> {
    g.put(API, values_path(id, range))
        .query("valueInputOption", input_option)
        .json(&json!({ "range": range, "majorDimension": "ROWS", "values": values }))
        .idempotent()
        .send()
        .await
}

pub async fn values_clear(g: &GoogleCtx, id: &str, range: &str) -> Result<Value, GoogleError> {
    g.post(API, format!("{}:clear", values_path(id, range))).json(&json!({})).idempotent().send().await
}

/// The Drive listing of spreadsheets (`drive.files.list`).
pub async fn drive_files_list(
    g: &GoogleCtx,
    page_size: u32,
    page_token: Option<&str>,
    corpora: &str,
    drive_id: Option<&str>,
) -> Result<Value, GoogleError> {
    g.get(DRIVE, "/drive/v3/files")
        .query("q", "mimeType='application/vnd.google-apps.spreadsheet' and trashed=false")
        .query("pageSize", page_size)
        .query_opt("pageToken", page_token)
        .query("corpora", corpora)
        .query_opt("driveId", drive_id)
        .query("includeItemsFromAllDrives", "true")
        .query("supportsAllDrives", "true")
        .query("orderBy", "modifiedTime desc")
        .query("fields", "nextPageToken, files(id, name, modifiedTime, webViewLink, owners(displayName))")
        .send()
        .await
}

/// Files a new spreadsheet into `folder` (out of My Drive's root), `drive.files.update`.
pub async fn drive_move_to_folder(g: &GoogleCtx, file: &str, folder: &str) -> Result<Value, GoogleError> {
    g.patch(DRIVE, format!("/drive/v3/files/{}", segment(file)))
        .query("addParents", folder)
        .query("removeParents", "root")
        .query("supportsAllDrives", "true")
        .query("fields", "id, parents")
        .json(&json!({}))
        .send()
        .await
}
