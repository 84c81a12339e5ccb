//! Typed Slides calls: one function per REST method, named after its Discovery id
//! (`slides.presentations.pages.getThumbnail` -> `pages_get_thumbnail`). Presentations and
//! pages are kept as JSON: the tools read a handful of their many fields, and `raw` output
//! returns them whole.

use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

/// The Slides API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "slides.googleapis.com",
    title: "Google Slides API",
    console_id: "slides.googleapis.com",
    batch_path: "/batch",
};
const BASE: &str = "/v1/presentations";

pub async fn presentations_create(g: &GoogleCtx, title: &str) -> Result<Value, GoogleError> {
    g.post(API, BASE).json(&json!({ "title": title })).send().await
}

pub async fn presentations_get(g: &GoogleCtx, id: &str) -> Result<Value, GoogleError> {
    g.get(API, format!("{BASE}/{}", segment(id))).send().await
}

/// `presentations.batchUpdate`; not idempotent (requests such as insertText add each time).
pub async fn presentations_batch_update(g: &GoogleCtx, id: &str, requests: &[Value]) -> Result<Value, GoogleError> {
    g.post(API, format!("{BASE}/{}:batchUpdate", segment(id))).json(&json!({ "requests": requests })).send().await
}

pub async fn pages_get(g: &GoogleCtx, id: &str, page: &str) -> Result<Value, GoogleError> {
    g.get(API, format!("{BASE}/{}/pages/{}", segment(id), segment(page))).send().await
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Thumbnail {
    pub content_url: String,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
}

pub async fn pages_get_thumbnail(g: &GoogleCtx, id: &str, page: &str, size: &str) -> Result<Thumbnail, GoogleError> {
    g.get(API, format!("{BASE}/{}/pages/{}/thumbnail", segment(id), segment(page)))
        .query("thumbnailProperties.thumbnailSize", size)
        .query("thumbnailProperties.mimeType", "PNG")
        .send()
        .await
}

/// Largest thumbnail accepted (a 2000 px slide is well under this).
const MAX_THUMBNAIL_BYTES: usize = 16 * 1024 * 1024;

/// The PNG behind a thumbnail's `contentUrl`. Google serves it from its image host without a
/// token, so none is sent; only that host (or the configured base standing in for Google,
/// the sandbox) is fetched, so a reply cannot point the server elsewhere.
pub async fn fetch_thumbnail(client: &wsmcp_core::google::GoogleClient, url: &str) -> Result<Bytes, ToolError> {
    let allowed = match client.base() {
        Some(base) if url.starts_with(&format!("{base}/")) => true,
        _ => url::Url::parse(url).is_ok_and(|u| {
            u.scheme() == "https" && u.host_str().is_some_and(|h| h.ends_with(".googleusercontent.com"))
        }),
    };
    let failed = |e: String| {
        ToolError::Google(GoogleError::malformed(API, "GET thumbnail contentUrl".to_string(), format!("{url}: {e}")))
    };
    if !allowed {
        return Err(failed("the link is not on Google's image host".to_string()));
    }
    let response = client.http().get(url).send().await.map_err(|e| failed(e.to_string()))?;
    if !response.status().is_success() {
        return Err(failed(format!("HTTP {}", response.status())));
    }
    let bytes = response.bytes().await.map_err(|e| failed(e.to_string()))?;
    if bytes.len() > MAX_THUMBNAIL_BYTES {
        return Err(failed(format!("{} bytes is more than expected", bytes.len())));
    }
    Ok(bytes)
}
