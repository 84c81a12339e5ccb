//! Content from a URL, for uploads. Only http(s) is fetched, and only from public
//! addresses (no loopback, private or link-local ranges), so a prompt cannot make the
//! server upload what it can reach internally. This server's own download links
//! (`.../attachments/<id>`) are read from the attachment directory instead of fetched.
//! A fetched body is spooled to a private temporary file, never held in memory whole.

use std::path::Path;

use tokio::io::AsyncWriteExt;
use wsmcp_core::remote::{ensure_public, find_saved, is_local_host, own_attachment_id, saved_display_name};
use wsmcp_core::{ToolCtx, ToolError};

/// What to pass instead of a URL this server refuses to fetch.
const INSTEAD: &str = "Pass the content inline (content or base64_content) instead";

use crate::upload::{Media, TempFile};

/// Largest body fetched from a URL (512 MiB): enough for documents and decks, and a
/// bound on the disk a single call can fill.
pub const MAX_URL_BYTES: u64 = 512 * 1024 * 1024;

/// What a URL gave: the bytes, a file name from its path, and the served type.
#[derive(Debug)]
pub struct Fetched {
    pub media: Media,
    pub name: String,
    pub mime: Option<String>,
}

/// Fetches an http(s) URL (or maps one of this server's own download links).
pub async fn fetch(ctx: &ToolCtx, attachment_dir: &Path, raw: &str, param: &str) -> Result<Fetched, ToolError> {
    let url = url::Url::parse(raw.trim())
        .map_err(|e| ToolError::invalid(format!("{param} \"{raw}\" is not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ToolError::invalid(format!("{param} must be an http or https URL, got \"{}:\"", url.scheme())));
    }
    let host = url.host_str().unwrap_or_default().to_string();
    if let Some(id) = own_attachment_id(&url) {
        if let Some(found) = find_saved(attachment_dir, id) {
            let name = saved_display_name(&found, id);
            return Ok(Fetched { media: Media::file(found)?, name, mime: None });
        }
        if is_local_host(&host) {
            return Err(ToolError::File(format!(
                "no saved file with id {id} on this server (download links expire after an hour); download it again"
            )));
        }
    }
    ensure_public(&host, url.port_or_known_default().unwrap_or(443), INSTEAD).await?;
    let mut resp = ctx
        .google
        .http()
        .get(url.clone())
        .send()
        .await
        .map_err(|e| ToolError::File(format!("cannot fetch {url}: {e}")))?;
    // The shared client follows redirects; wherever it ended up must be public too.
    if let Some(final_host) = resp.url().host_str().map(str::to_string).filter(|h| *h != host) {
        ensure_public(&final_host, resp.url().port_or_known_default().unwrap_or(443), INSTEAD).await?;
    }
    if !resp.status().is_success() {
        return Err(ToolError::File(format!("fetching {url} answered HTTP {}", resp.status())));
    }
    if resp.content_length().is_some_and(|l| l > MAX_URL_BYTES) {
        return Err(ToolError::File(format!("{url} is larger than {MAX_URL_BYTES} bytes, the limit for URL content")));
    }
    let mime = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase())
        .filter(|m| m.contains('/') && m != "application/octet-stream");
    let name = url.path_segments().and_then(|mut s| s.next_back()).filter(|s| !s.is_empty()).unwrap_or("download");
    let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy().into_owned();
    let temp = temp_file()?;
    let mut out = open_private(&temp.0).await?;
    let mut len = 0u64;
    while let Some(chunk) = resp.chunk().await.map_err(|e| ToolError::File(format!("reading {url}: {e}")))? {
        len += chunk.len() as u64;
        if len > MAX_URL_BYTES {
            return Err(ToolError::File(format!(
                "{url} is larger than {MAX_URL_BYTES} bytes, the limit for URL content"
            )));
        }
        out.write_all(&chunk).await.map_err(|e| ToolError::File(format!("spooling {url}: {e}")))?;
    }
    out.flush().await.map_err(|e| ToolError::File(format!("spooling {url}: {e}")))?;
    let path = temp.0.clone();
    Ok(Fetched { media: Media::File { path, len, _temp: Some(temp) }, name, mime })
}

fn temp_file() -> Result<TempFile, ToolError> {
    Ok(TempFile(std::env::temp_dir().join(format!("wsmcp-drive-{}", uuid::Uuid::new_v4().simple()))))
}

async fn open_private(path: &Path) -> Result<tokio::fs::File, ToolError> {
    let mut opts = tokio::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    opts.mode(0o600);
    opts.open(path)
        .await
        .map_err(|e| ToolError::File(format!("cannot create a temporary file {}: {e}", path.display())))
}
