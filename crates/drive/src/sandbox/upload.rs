//! Media uploads on `/upload/drive/v3/files[/{fileId}]` (and `/resumable/upload/…`):
//! `uploadType=media` (the body is the file), `multipart` (JSON metadata, then the
//! file) and `resumable` (a metadata request opens a session and answers with its URL in
//! `Location`; the bytes follow with `PUT`, whole or in chunks with `Content-Range`, each
//! incomplete chunk answered by `308` and the `Range` received so far).

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde_json::{Map, Value};
use wsmcp_sandbox_kit::{PublicBase, QueryParams, ids, multipart};

use super::error::DriveError;
use super::files::visible;
use super::metadata::{Media, Mode, check_keys, check_parent, create_file, reply_file};
use super::store::{SessionTarget, SharedStore, UploadSession};
use super::update::update_file;
use super::{Reply, supports_all_drives};
use crate::sandbox::access::Role;

/// Google refuses non-final resumable chunks smaller than this.
const MIN_CHUNK: usize = 256 * 1024;
/// The most a session reserves up front from `X-Upload-Content-Length`.
const RESERVE_CAP: usize = 256 * 1024 * 1024;

/// An upload request taken apart.
struct Incoming {
    query: QueryParams,
    headers: HeaderMap,
    body: Bytes,
    resumable_path: bool,
    base: Option<PublicBase>,
}

async fn read(request: Request) -> Result<Incoming, DriveError> {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|e| DriveError::bad_request(format!("Could not read the upload: {e}")))?;
    Ok(Incoming {
        query: QueryParams::parse(parts.uri.query()),
        resumable_path: parts.uri.path().starts_with("/resumable/"),
        base: parts.extensions.get::<PublicBase>().cloned(),
        headers: parts.headers,
        body,
    })
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn content_type(headers: &HeaderMap) -> String {
    header_str(headers, "content-type").unwrap_or("application/octet-stream").to_string()
}

fn json_map(bytes: &[u8]) -> Result<Map<String, Value>, DriveError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(DriveError::bad_request("The metadata must be a JSON object.")),
        Err(e) => Err(DriveError::invalid(format!("Invalid JSON payload received. {e}"))),
    }
}

/// The protocol of a request: `media`, `multipart` or `resumable`.
fn protocol(incoming: &Incoming) -> &str {
    if incoming.resumable_path { "resumable" } else { incoming.query.get("uploadType").unwrap_or("media") }
}

/// Metadata and media of a `media` or `multipart` upload.
fn split(incoming: Incoming) -> Result<(Map<String, Value>, Media), DriveError> {
    let sent_type = content_type(&incoming.headers);
    if protocol(&incoming) == "media" {
        return Ok((Map::new(), Media { bytes: incoming.body, content_type: sent_type }));
    }
    let boundary = multipart::boundary(&sent_type).ok_or_else(|| {
        DriveError::bad_request("Multipart upload needs a multipart/related Content-Type with a boundary.")
    })?;
    let parts = multipart::parse(&incoming.body, &boundary).map_err(DriveError::bad_request)?;
    let (Some(meta), Some(media)) = (parts.first(), parts.get(1)) else {
        return Err(DriveError::bad_request("Multipart upload needs a metadata part and a media part."));
    };
    Ok((
        json_map(&meta.body)?,
        Media {
            bytes: media.body.clone(),
            content_type: media.header("content-type").unwrap_or("application/octet-stream").to_string(),
        },
    ))
}

/// `POST /upload/drive/v3/files` (and `/resumable/upload/drive/v3/files`)
pub async fn create_upload(State(store): State<SharedStore>, request: Request) -> Reply {
    let incoming = read(request).await?;
    let supports = supports_all_drives(&incoming.query)?;
    if protocol(&incoming) == "resumable" {
        let meta = json_map(&incoming.body)?;
        {
            let store = store.lock();
            // Refuse a bad target now rather than after the bytes arrive, as Drive does.
            check_keys(&meta, Mode::Create)?;
            let parent = meta
                .get("parents")
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(Value::as_str)
                .unwrap_or("root");
            check_parent(&store, parent, supports)?;
        }
        return open_session(&store, incoming, meta, SessionTarget::Create, "/upload/drive/v3/files");
    }
    let query = incoming.query.clone();
    let (meta, media) = split(incoming)?;
    let mut store = store.lock();
    let id = create_file(&mut store, &meta, Some(media), supports)?;
    reply_file(&store, &id, &query)
}

/// `PATCH /upload/drive/v3/files/{fileId}` (and the resumable path)
pub async fn update_upload(State(store): State<SharedStore>, Path(file_id): Path<String>, request: Request) -> Reply {
    let incoming = read(request).await?;
    let supports = supports_all_drives(&incoming.query)?;
    if protocol(&incoming) == "resumable" {
        let meta = json_map(&incoming.body)?;
        let file_id = {
            let store = store.lock();
            let (file, role) = visible(&store, &file_id, supports)?;
            check_keys(&meta, Mode::Update)?;
            if role < Role::Writer {
                return Err(DriveError::insufficient());
            }
            file.id.clone()
        };
        let path = format!("/upload/drive/v3/files/{}", wsmcp_core::google::segment(&file_id));
        return open_session(&store, incoming, meta, SessionTarget::Update(file_id), &path);
    }
    let query = incoming.query.clone();
    let (meta, media) = split(incoming)?;
    let mut store = store.lock();
    let id = update_file(&mut store, &file_id, &query, &meta, Some(media))?;
    reply_file(&store, &id, &query)
}

/// Open a resumable session and answer with its URL.
fn open_session(
    store: &SharedStore,
    incoming: Incoming,
    metadata: Map<String, Value>,
    target: SessionTarget,
    path: &str,
) -> Reply {
    let total = header_str(&incoming.headers, "x-upload-content-length")
        .map(|v| {
            v.trim()
                .parse::<u64>()
                .map_err(|_| DriveError::bad_request(format!("Invalid X-Upload-Content-Length: {v}")))
        })
        .transpose()?;
    let upload_id = ids::token("AHVrRz", 58);
    let mut query: Vec<(String, String)> =
        incoming.query.0.iter().filter(|(k, _)| k != "uploadType" && k != "upload_id").cloned().collect();
    query.push(("uploadType".into(), "resumable".into()));
    let session = UploadSession {
        target,
        metadata: Value::Object(metadata),
        query: query.clone(),
        content_type: header_str(&incoming.headers, "x-upload-content-type").map(str::to_string),
        total,
        // Reserve what the client announced (bounded) so a large upload is not regrown.
        received: Vec::with_capacity(total.map_or(0, |t| usize::try_from(t).unwrap_or(0).min(RESERVE_CAP))),
    };
    store.lock().sessions.insert(upload_id.clone(), session);
    query.push(("upload_id".into(), upload_id.clone()));
    let encoded: String = url_encode(&query);
    let base = incoming.base.unwrap_or_else(|| PublicBase(format!("https://{}", super::HOST)));
    let location = base.url(&format!("{path}?{encoded}"));
    let mut response = StatusCode::OK.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    if let Ok(value) = HeaderValue::from_str(&upload_id) {
        response.headers_mut().insert("x-guploader-uploadid", value);
    }
    Ok(response)
}

fn url_encode(pairs: &[(String, String)]) -> String {
    const SET: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                percent_encoding::utf8_percent_encode(k, SET),
                percent_encoding::utf8_percent_encode(v, SET)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `PUT /upload/drive/v3/files?upload_id=…`
pub async fn session_put(State(store): State<SharedStore>, request: Request) -> Reply {
    let incoming = read(request).await?;
    put(&store, incoming, None)
}

/// `PUT /upload/drive/v3/files/{fileId}?upload_id=…`
pub async fn session_put_for(State(store): State<SharedStore>, Path(file_id): Path<String>, request: Request) -> Reply {
    let incoming = read(request).await?;
    put(&store, incoming, Some(file_id))
}

/// A parsed `Content-Range`: `bytes a-b/total`, `bytes a-b/*`, `bytes */total`, `bytes */*`.
#[derive(Debug, PartialEq, Eq)]
struct ContentRange {
    range: Option<(u64, u64)>,
    total: Option<u64>,
}

fn parse_content_range(text: &str) -> Option<ContentRange> {
    let spec = text.trim().strip_prefix("bytes")?.trim();
    let (range, total) = spec.split_once('/')?;
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse().ok()?),
    };
    let range = match range.trim() {
        "*" => None,
        r => {
            let (a, b) = r.split_once('-')?;
            let (a, b): (u64, u64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            if a > b {
                return None;
            }
            Some((a, b))
        }
    };
    Some(ContentRange { range, total })
}

fn not_found_session() -> DriveError {
    DriveError::new(StatusCode::NOT_FOUND, "notFound", "The upload session was not found or has expired.")
        .at("upload_id")
}

fn put(store: &SharedStore, incoming: Incoming, file_id: Option<String>) -> Reply {
    let upload_id = incoming.query.get("upload_id").ok_or_else(not_found_session)?.to_string();
    let mut guard = store.lock();
    let session = guard.sessions.get_mut(&upload_id).ok_or_else(not_found_session)?;
    let path_matches = match (&session.target, &file_id) {
        (SessionTarget::Create, None) => true,
        (SessionTarget::Update(id), Some(path_id)) => id == path_id,
        _ => false,
    };
    if !path_matches {
        return Err(not_found_session());
    }
    let range = match header_str(&incoming.headers, "content-range") {
        Some(text) => Some(
            parse_content_range(text)
                .ok_or_else(|| DriveError::bad_request("Failed to parse Content-Range header."))?,
        ),
        None => None,
    };
    let received = session.received.len() as u64;
    match &range {
        // No Content-Range: the body is all that is left.
        None => {
            session.received.extend_from_slice(&incoming.body);
            session.total = Some(session.received.len() as u64);
        }
        Some(ContentRange { range: None, total }) => {
            if !incoming.body.is_empty() {
                return Err(DriveError::bad_request(
                    "A Content-Range of bytes */… is a status query and takes no body.",
                ));
            }
            if let Some(t) = total {
                session.total = Some(*t);
            }
        }
        Some(ContentRange { range: Some((start, end)), total }) => {
            let length = end - start + 1;
            if length != incoming.body.len() as u64 {
                return Err(DriveError::bad_request(format!(
                    "The Content-Range says {length} bytes but the request carries {}.",
                    incoming.body.len()
                )));
            }
            if *start > received {
                return Err(DriveError::bad_request(format!(
                    "Invalid Content-Range: the session has {received} bytes; the next chunk must start at byte {received}."
                )));
            }
            let final_chunk = total.is_some_and(|t| end + 1 >= t);
            if !final_chunk && incoming.body.len() < MIN_CHUNK {
                return Err(DriveError::bad_request(format!(
                    "Invalid request. The number of bytes uploaded is required to be equal or greater than {MIN_CHUNK}, \
                     except for the final request (it's recommended to be the exact multiple of {MIN_CHUNK}). \
                     The received request contained {} bytes, which does not meet this requirement.",
                    incoming.body.len()
                )));
            }
            // A chunk may repeat bytes already received (a retry): keep the new copy.
            session.received.truncate(usize::try_from(*start).unwrap_or(usize::MAX));
            session.received.extend_from_slice(&incoming.body);
            if let Some(t) = total {
                if session.total.is_some_and(|known| known != *t) {
                    return Err(DriveError::bad_request(
                        "The Content-Range total does not match X-Upload-Content-Length.",
                    ));
                }
                session.total = Some(*t);
            }
        }
    }
    let have = session.received.len() as u64;
    match session.total {
        Some(total) if have > total => {
            Err(DriveError::bad_request(format!("The upload has {have} bytes, more than the declared {total}.")))
        }
        Some(total) if have == total => {
            let Some(session) = guard.sessions.remove(&upload_id) else {
                return Err(not_found_session());
            };
            finish(&mut guard, session, &incoming.headers)
        }
        _ => Ok(incomplete(have)),
    }
}

/// `308 Resume Incomplete` with the bytes received so far.
fn incomplete(have: u64) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::PERMANENT_REDIRECT;
    if have > 0
        && let Ok(value) = HeaderValue::from_str(&format!("bytes=0-{}", have - 1))
    {
        response.headers_mut().insert(header::RANGE, value);
    }
    response
}

fn finish(store: &mut super::store::Store, session: UploadSession, headers: &HeaderMap) -> Reply {
    let query = QueryParams(session.query);
    let meta = match session.metadata {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let media = Media {
        bytes: Bytes::from(session.received),
        content_type: session
            .content_type
            .or_else(|| header_str(headers, "content-type").map(str::to_string))
            .unwrap_or_else(|| "application/octet-stream".into()),
    };
    let id = match session.target {
        SessionTarget::Create => create_file(store, &meta, Some(media), supports_all_drives(&query)?)?,
        SessionTarget::Update(id) => update_file(store, &id, &query, &meta, Some(media))?,
    };
    reply_file(store, &id, &query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges() {
        assert_eq!(
            parse_content_range("bytes 0-262143/1000000"),
            Some(ContentRange { range: Some((0, 262_143)), total: Some(1_000_000) })
        );
        assert_eq!(parse_content_range("bytes */*"), Some(ContentRange { range: None, total: None }));
        assert_eq!(parse_content_range("bytes 5-1/10"), None);
        assert_eq!(parse_content_range("items 0-1/2"), None);
    }
}
