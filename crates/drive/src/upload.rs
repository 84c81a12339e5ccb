//! Media uploads to Drive (`files.create` / `files.update` on the `/upload/` URLs).
//!
//! Small content goes in one `multipart/related` request (metadata, then the bytes).
//! Larger content uses a resumable session: a metadata request opens it, then the bytes
//! follow in chunks (multiples of 256 KiB, as Google requires), each chunk streamed from
//! its file so that memory stays at about one read buffer however large the file is.
//! A chunk that fails is not blindly resent: the session is asked what it received
//! (`Content-Range: bytes */total`) and the upload resumes from there.

use std::path::PathBuf;

use bytes::Bytes;
use futures::StreamExt;
use reqwest::Method;
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use wsmcp_core::ToolError;
use wsmcp_core::google::{GoogleCtx, GoogleError, Reply};

use crate::api::API;
use crate::wire::{File, FileMetadata};

/// Bytes to upload: in memory (text, decoded base64) or a file read as it is sent.
#[derive(Debug)]
pub enum Media {
    Memory(Bytes),
    File { path: PathBuf, len: u64, _temp: Option<TempFile> },
}

impl Media {
    pub fn len(&self) -> u64 {
        match self {
            Media::Memory(b) => b.len() as u64,
            Media::File { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A local file, read when uploaded.
    pub fn file(path: PathBuf) -> Result<Media, ToolError> {
        let len = std::fs::metadata(&path)
            .map_err(|e| ToolError::File(format!("cannot read {}: {e}", path.display())))?
            .len();
        Ok(Media::File { path, len, _temp: None })
    }

    /// The whole content in memory (for small files and text splicing).
    pub async fn bytes(&self) -> Result<Bytes, ToolError> {
        match self {
            Media::Memory(b) => Ok(b.clone()),
            Media::File { path, .. } => tokio::fs::read(path)
                .await
                .map(Bytes::from)
                .map_err(|e| ToolError::File(format!("cannot read {}: {e}", path.display()))),
        }
    }
}

/// A file this server wrote for one upload (a URL's content), removed when dropped.
#[derive(Debug)]
pub struct TempFile(pub PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// How uploads are cut up.
#[derive(Debug, Clone, Copy)]
pub struct UploadTuning {
    /// Content above this size goes through a resumable session.
    pub resumable_above: u64,
    /// Bytes per resumable chunk; rounded down to a multiple of 256 KiB.
    pub chunk: u64,
}

impl Default for UploadTuning {
    fn default() -> Self {
        UploadTuning { resumable_above: 5 * 1024 * 1024, chunk: 8 * 1024 * 1024 }
    }
}

const QUANTUM: u64 = 256 * 1024;
/// Bytes read from disk per stream item while a chunk is sent.
const READ_BUFFER: usize = 64 * 1024;
/// Status probes and resumes allowed per chunk before giving up.
const RESUMES_PER_CHUNK: u32 = 3;

/// Where an upload goes: a new file (`files.create`) or new content for `file_id`.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Create,
    Update { file_id: &'a str, add_parents: Option<&'a str>, remove_parents: Option<&'a str> },
}

/// Uploads `media` (of type `content_type`) with `meta`, by multipart or resumable session.
pub async fn upload(
    g: &GoogleCtx,
    target: Target<'_>,
    meta: &FileMetadata,
    media: &Media,
    content_type: &str,
    fields: &str,
    tuning: UploadTuning,
) -> Result<File, ToolError> {
    if media.len() <= tuning.resumable_above {
        let bytes = media.bytes().await?;
        return Ok(multipart(g, target, meta, bytes, content_type, fields).await?);
    }
    resumable(g, target, meta, media, content_type, fields, tuning).await
}

fn start_call(g: &GoogleCtx, target: Target<'_>, upload_type: &str, fields: &str) -> wsmcp_core::google::Call {
    let call = match target {
        Target::Create => g.post(API, "/upload/drive/v3/files"),
        Target::Update { file_id, add_parents, remove_parents } => g
            .patch(API, format!("/upload/drive/v3/files/{}", wsmcp_core::google::segment(file_id)))
            .query_opt("addParents", add_parents)
            .query_opt("removeParents", remove_parents),
    };
    call.query("uploadType", upload_type).query("supportsAllDrives", "true").query("fields", fields)
}

async fn multipart(
    g: &GoogleCtx,
    target: Target<'_>,
    meta: &FileMetadata,
    bytes: Bytes,
    content_type: &str,
    fields: &str,
) -> Result<File, GoogleError> {
    let boundary = format!("wsmcp_{}", uuid::Uuid::new_v4().simple());
    let json = serde_json::to_string(meta).unwrap_or_else(|_| "{}".into());
    let mut body = Vec::with_capacity(bytes.len() + json.len() + 256);
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{json}\r\n--{boundary}\r\nContent-Type: {content_type}\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(&bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let call = start_call(g, target, "multipart", fields).raw(body, format!("multipart/related; boundary={boundary}"));
    // Replacing content with the same bytes leaves the same file; creating twice makes two.
    let call = if matches!(target, Target::Update { .. }) { call.idempotent() } else { call };
    call.send().await
}

async fn resumable(
    g: &GoogleCtx,
    target: Target<'_>,
    meta: &FileMetadata,
    media: &Media,
    content_type: &str,
    fields: &str,
    tuning: UploadTuning,
) -> Result<File, ToolError> {
    let total = media.len();
    // Opening a session creates nothing until bytes arrive, so it may be retried.
    let opened = start_call(g, target, "resumable", fields)
        .header("X-Upload-Content-Type", content_type)
        .header("X-Upload-Content-Length", total.to_string())
        .json(meta)
        .idempotent()
        .send_reply()
        .await?;
    let session = opened
        .header("location")
        .map(str::to_string)
        .ok_or_else(|| ToolError::Internal("Drive opened an upload session without a Location".into()))?;
    let chunk = (tuning.chunk / QUANTUM).max(1) * QUANTUM;
    let mut offset = 0u64;
    // Replies in a row that moved nothing forward (failed chunks, refused chunks).
    let mut stalls = 0u32;
    loop {
        let end = (offset + chunk).min(total);
        let reply = match send_chunk(g, &session, media, offset, end, total, content_type).await {
            Ok(r) => r,
            Err(e) if stalls < RESUMES_PER_CHUNK && is_transient(&e) => {
                tracing::warn!(target: "google", error = %e, offset, "upload chunk failed; asking the session what it received");
                let note = format!("an upload chunk failed at byte {offset} ({e}); resuming");
                g.notifier().log(wsmcp_core::notify::LogLevel::Warning, &note);
                stalls += 1;
                probe(g, &session, total).await?
            }
            Err(e) => return Err(e.into()),
        };
        if reply.status != 308 {
            report(g, total, total);
            return serde_json::from_slice(&reply.body).map_err(|e| {
                ToolError::Google(GoogleError::malformed(API, "PUT upload session".into(), e.to_string()))
            });
        }
        let received = received_up_to(&reply).min(total);
        if received > offset {
            stalls = 0;
            report(g, received, total);
        } else {
            stalls += 1;
            if stalls > RESUMES_PER_CHUNK {
                return Err(ToolError::Internal(format!(
                    "the upload stopped at byte {offset} of {total}: Drive kept answering without taking more bytes"
                )));
            }
        }
        offset = received;
        if offset >= total {
            // Every byte is there but the session has not answered with the file yet.
            let last = probe(g, &session, total).await?;
            if last.status == 308 {
                return Err(ToolError::Internal("Drive received every byte but did not finish the upload".into()));
            }
            return serde_json::from_slice(&last.body).map_err(|e| {
                ToolError::Google(GoogleError::malformed(API, "PUT upload session".into(), e.to_string()))
            });
        }
    }
}

/// Progress for the client: bytes Drive has taken so far.
fn report(g: &GoogleCtx, received: u64, total: u64) {
    let note = format!("uploaded {:.1} of {:.1} MB", received as f64 / 1e6, total as f64 / 1e6);
    g.notifier().progress(received as f64, Some(total as f64), &note);
}

/// The offset after the last byte a `308` says was received (`Range: bytes=0-N`).
fn received_up_to(reply: &Reply) -> u64 {
    reply
        .header("range")
        .and_then(|r| r.trim().strip_prefix("bytes=0-"))
        .and_then(|n| n.trim().parse::<u64>().ok())
        .map_or(0, |last| last + 1)
}

fn is_transient(e: &GoogleError) -> bool {
    match e.status {
        None => e.reason.as_deref() != Some("malformedResponse"),
        Some(s) => matches!(s, 429 | 500 | 502 | 503 | 504),
    }
}

/// Asks the session how much it has (`Content-Range: bytes */total`, empty body).
async fn probe(g: &GoogleCtx, session: &str, total: u64) -> Result<Reply, ToolError> {
    Ok(g.call_url(API, Method::PUT, session)?
        .header("Content-Range", format!("bytes */{total}"))
        .stream(futures::stream::empty::<Result<Bytes, std::io::Error>>(), "application/octet-stream", 0)
        .send_reply()
        .await?)
}

async fn send_chunk(
    g: &GoogleCtx,
    session: &str,
    media: &Media,
    start: u64,
    end: u64,
    total: u64,
    content_type: &str,
) -> Result<Reply, GoogleError> {
    let len = end - start;
    let call = g
        .call_url(API, Method::PUT, session)?
        .header("Content-Range", format!("bytes {start}-{}/{total}", end.saturating_sub(1)));
    let call = match media {
        Media::Memory(bytes) => {
            let part = bytes.slice(usize::try_from(start).unwrap_or(0)..usize::try_from(end).unwrap_or(0));
            call.stream(futures::stream::once(async move { Ok::<_, std::io::Error>(part) }), content_type, len)
        }
        Media::File { path, .. } => call.stream(file_range(path.clone(), start, len), content_type, len),
    };
    call.send_reply().await
}

/// `len` bytes of a file from `start`, read in small buffers as the request body is sent.
fn file_range(
    path: PathBuf,
    start: u64,
    len: u64,
) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    enum State {
        Closed(PathBuf),
        Open(tokio::fs::File),
        Done,
    }
    futures::stream::unfold((State::Closed(path), len), move |(state, left)| async move {
        if left == 0 {
            return None;
        }
        let mut file = match state {
            State::Done => return None,
            State::Open(f) => f,
            State::Closed(p) => {
                let opened = async {
                    let mut f = tokio::fs::File::open(&p).await?;
                    f.seek(std::io::SeekFrom::Start(start)).await?;
                    Ok::<_, std::io::Error>(f)
                };
                match opened.await {
                    Ok(f) => f,
                    Err(e) => return Some((Err(e), (State::Done, 0))),
                }
            }
        };
        let want = usize::try_from(left).unwrap_or(READ_BUFFER).min(READ_BUFFER);
        let mut buf = vec![0u8; want];
        match file.read(&mut buf).await {
            Ok(0) => Some((
                Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the file got shorter while uploading")),
                (State::Done, 0),
            )),
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(Bytes::from(buf)), (State::Open(file), left - n as u64)))
            }
            Err(e) => Some((Err(e), (State::Done, 0))),
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::TryStreamExt;

    #[tokio::test]
    async fn file_ranges_stream_exactly_the_requested_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.bin");
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let parts: Vec<Bytes> = file_range(path.clone(), 1000, 150_000).try_collect().await.unwrap();
        assert!(parts.iter().all(|p| p.len() <= READ_BUFFER), "read in small buffers");
        let joined: Vec<u8> = parts.concat();
        assert_eq!(joined, &data[1000..151_000]);
        let short: Result<Vec<Bytes>, _> = file_range(path, 190_000, 20_000).try_collect().await;
        assert!(short.is_err(), "a file shorter than promised fails the stream");
    }

    #[test]
    fn received_ranges() {
        let reply = |range: Option<&str>| {
            let mut headers = reqwest::header::HeaderMap::new();
            if let Some(r) = range {
                headers.insert("range", r.parse().unwrap());
            }
            Reply { status: 308, headers, body: Bytes::new() }
        };
        assert_eq!(received_up_to(&reply(Some("bytes=0-262143"))), 262_144);
        assert_eq!(received_up_to(&reply(None)), 0);
    }
}
