//! Attachments a caller hands to send/draft, turned into bytes. Each entry gives exactly
//! one source:
//! - `content`: standard base64 (with `filename`);
//! - `path`: a local file, read only as the [`FilePolicy`](crate::local_files::FilePolicy)
//!   allows, and never under `WORKSPACE_MCP_DISABLE_LOCAL_FILES`;
//! - `url`: an http(s) URL. This server's own download links (`.../attachments/<id>`) are
//!   read from the attachment directory; other URLs are fetched, but only from public
//!   addresses (no loopback, private, link-local ranges), so a prompt cannot make the
//!   server mail out what it can reach internally.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};
use wsmcp_core::remote::{BodyError, Opened, open_url, read_capped};
use wsmcp_core::{ToolCtx, ToolError};

/// What to pass instead of a URL this server refuses to fetch.
const INSTEAD: &str = "Attach it by path (inside the allowed directories) or as base64 content instead";

use crate::local_files::MAX_FILE_BYTES;
use crate::mime::{OutAttachment, decode_standard, guess_mime};
use crate::tools::GmailOptions;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    url: Option<String>,
    path: Option<String>,
    content: Option<String>,
    filename: Option<String>,
    mime_type: Option<String>,
    content_id: Option<String>,
}

/// Resolves every attachment entry, naming the entry in any error.
pub async fn resolve_all(
    ctx: &ToolCtx,
    opts: &GmailOptions,
    entries: &[Map<String, Value>],
) -> Result<Vec<OutAttachment>, ToolError> {
    let mut out = Vec::with_capacity(entries.len());
    let mut total = 0u64;
    for (i, entry) in entries.iter().enumerate() {
        let a = resolve(ctx, opts, entry).await.map_err(|e| prefix(e, &format!("attachments[{i}]")))?;
        total += a.bytes.len() as u64;
        if total > MAX_FILE_BYTES {
            return Err(ToolError::invalid(format!(
                "attachments add up to more than {MAX_FILE_BYTES} bytes; Gmail refuses messages that large"
            )));
        }
        out.push(a);
    }
    Ok(out)
}

fn prefix(e: ToolError, at: &str) -> ToolError {
    match e {
        ToolError::InvalidInput(m) => ToolError::InvalidInput(format!("{at}: {m}")),
        ToolError::File(m) => ToolError::File(format!("{at}: {m}")),
        ToolError::Refused(m) => ToolError::Refused(format!("{at}: {m}")),
        other => other,
    }
}

async fn resolve(ctx: &ToolCtx, opts: &GmailOptions, entry: &Map<String, Value>) -> Result<OutAttachment, ToolError> {
    let spec: Spec = serde_json::from_value(Value::Object(entry.clone())).map_err(|e| {
        ToolError::invalid(format!(
            "{e}; each attachment takes url, path or content (+ filename), and optionally mime_type, content_id"
        ))
    })?;
    let content_id = spec.content_id.as_deref().map(crate::mime::bare_id).filter(|c| !c.is_empty()).map(str::to_string);
    if let Some(cid) = &content_id {
        let safe = cid.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && cid.chars().all(|c| c.is_ascii_alphanumeric() || "._+-@".contains(c));
        if !safe {
            return Err(ToolError::invalid(format!("content_id \"{cid}\" may only use letters, digits and . _ + - @")));
        }
    }
    if spec.path.is_some() && !opts.local_files {
        return Err(ToolError::Refused(
            "path reads a file on the server, and local file access is disabled here \
             (WORKSPACE_MCP_DISABLE_LOCAL_FILES). Attach it by url or as base64 content (with filename) instead"
                .into(),
        ));
    }
    let sources = [spec.url.is_some(), spec.path.is_some(), spec.content.is_some()].iter().filter(|s| **s).count();
    if sources != 1 {
        return Err(ToolError::invalid("give exactly one of url, path or content"));
    }
    let (bytes, default_name, detected_mime) = if let Some(content) = &spec.content {
        let bytes = decode_standard(content).ok_or_else(|| ToolError::invalid("content is not valid base64"))?;
        if spec.filename.as_deref().is_none_or(|f| f.trim().is_empty()) {
            return Err(ToolError::invalid("content needs a filename"));
        }
        (bytes, String::new(), None)
    } else if let Some(path) = &spec.path {
        let (canonical, bytes) = opts.files.read(path)?;
        (bytes, file_name(&canonical), None)
    } else {
        let url = spec.url.as_deref().unwrap_or_default();
        fetch_url(ctx, opts, url).await?
    };
    let filename = spec.filename.map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).unwrap_or(default_name);
    let filename = if filename.is_empty() { "attachment".to_string() } else { filename };
    let mime_type = spec
        .mime_type
        .filter(|m| m.contains('/'))
        .or(detected_mime)
        .unwrap_or_else(|| guess_mime(&filename).to_string());
    Ok(OutAttachment { filename, mime_type, bytes, content_id })
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Bytes, a default file name and the served MIME type of an http(s) URL.
async fn fetch_url(
    ctx: &ToolCtx,
    opts: &GmailOptions,
    raw: &str,
) -> Result<(Vec<u8>, String, Option<String>), ToolError> {
    match open_url(ctx.google.fetcher(), &opts.attachment_dir, raw, "url", MAX_FILE_BYTES, INSTEAD).await? {
        Opened::Saved { path, name } => {
            let bytes = tokio::fs::read(&path)
                .await
                .map_err(|e| ToolError::File(format!("cannot read saved attachment {}: {e}", path.display())))?;
            Ok((bytes, name, None))
        }
        Opened::Remote { mut response, url, name, mime } => {
            let bytes = read_capped(&mut response, MAX_FILE_BYTES).await.map_err(|e| match e {
                BodyError::TooLarge => ToolError::File(format!("{url} is larger than {MAX_FILE_BYTES} bytes")),
                BodyError::Read(e) => ToolError::File(format!("reading {url}: {e}")),
            })?;
            Ok((bytes, name, mime))
        }
    }
}
