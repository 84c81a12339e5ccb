//! Content from a URL, for uploads. Only http(s) is fetched, and only from public
//! addresses (no loopback, private or link-local ranges), so a prompt cannot make the
//! server upload what it can reach internally. This server's own download links
//! (`.../attachments/<id>`) are read from the attachment directory instead of fetched.
//! A fetched body is spooled to a private temporary file, never held in memory whole.

use std::path::Path;

use tokio::io::AsyncWriteExt;
use wsmcp_core::remote::{Opened, open_url};
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
    let (mut resp, url, name, mime) =
        match open_url(ctx.google.fetcher(), attachment_dir, raw, param, MAX_URL_BYTES, INSTEAD).await? {
            Opened::Saved { path, name } => return Ok(Fetched { media: Media::file(path)?, name, mime: None }),
            Opened::Remote { response, url, name, mime } => (response, url, name, mime),
        };
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
