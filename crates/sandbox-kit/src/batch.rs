//! Google batch requests: `POST /batch/<api>/<version>` with a `multipart/mixed` body of
//! `application/http` parts. Each inner request runs the full pipeline (faults, auth,
//! validation, log) against the same host's router, in process; the replies come back
//! as one `multipart/mixed` response with Google's `batch_…` boundary and
//! `Content-ID: <response-…>` parts.

use axum::body::{Body, Bytes};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderName, HeaderValue, Method, header};

use crate::error::{GoogleError, unauthenticated};
use crate::gateway::{ServiceRequest, has_bearer, pipeline};
use crate::log::LoggedRequest;
use crate::multipart::{self, Part};
use crate::sandbox::{HostEntry, Shared};

/// Google refuses batches of more than 100 calls.
pub const MAX_BATCH: usize = 100;
/// Inner response bodies larger than this are replaced by an error part.
const MAX_PART_BODY: usize = 50 * 1024 * 1024;

pub(crate) fn is_batch(req: &ServiceRequest) -> bool {
    req.method == Method::POST && (req.path == "/batch" || req.path.starts_with("/batch/"))
}

pub(crate) async fn handle(shared: &Shared, host: &'static str, entry: &HostEntry, req: ServiceRequest) -> Response {
    // The envelope itself can be faulted and needs a token, like any call.
    let target = format!("{host}{}", req.path);
    if let Some(action) = shared.faults.take(req.method.as_str(), &target) {
        if let Some(delay) = action.delay {
            tokio::time::sleep(delay).await;
        }
        if let Some(response) = action.response {
            shared.log.count_fault();
            return response;
        }
    }
    if entry.require_auth && !has_bearer(&req.headers) {
        return unauthenticated();
    }
    let content_type = req.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let parts = match read_parts(content_type, &req.body) {
        Ok(parts) => parts,
        Err(e) => return e.into_response(),
    };
    let boundary = format!("batch_{}", crate::ids::alphanumeric(24));
    let mut out = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        let content_id = response_content_id(part.header("Content-ID"), index);
        let response = match parse_inner(part, &req.headers, &req.public_base) {
            Ok(inner) => pipeline(shared, host, entry, inner, true).await,
            Err(e) => e.into_response(),
        };
        write_part(&mut out, &boundary, &content_id, response).await;
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    shared.log.push(LoggedRequest {
        host: host.to_string(),
        method: req.method.to_string(),
        path: req.path.clone(),
        query: Vec::new(),
        method_id: None,
        status: 200,
        body: None,
        media_type: Some(content_type.to_string()),
        in_batch: false,
    });
    let mut response = Response::new(Body::from(out));
    if let Ok(value) = HeaderValue::from_str(&format!("multipart/mixed; boundary={boundary}")) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

fn read_parts(content_type: &str, body: &[u8]) -> Result<Vec<Part>, GoogleError> {
    let boundary = multipart::boundary(content_type)
        .ok_or_else(|| GoogleError::bad_request("Invalid multipart request with 0 mime parts."))?;
    let parts = multipart::parse(body, &boundary).map_err(GoogleError::bad_request)?;
    if parts.is_empty() {
        return Err(GoogleError::bad_request("Invalid multipart request with 0 mime parts."));
    }
    if parts.len() > MAX_BATCH {
        return Err(GoogleError::bad_request(format!(
            "A batch request cannot contain more than {MAX_BATCH} requests; this one has {}.",
            parts.len()
        )));
    }
    Ok(parts)
}

/// `<item1>` becomes `<response-item1>`; a part without an id gets its position.
fn response_content_id(request_id: Option<&str>, index: usize) -> String {
    let id = request_id
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>').to_string())
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| (index + 1).to_string());
    format!("<response-{id}>")
}

/// An `application/http` part: request line, headers, blank line, body. The envelope's
/// `Authorization` applies when the part has none, as in Google's batch protocol.
fn parse_inner(part: &Part, outer: &HeaderMap, public_base: &str) -> Result<ServiceRequest, GoogleError> {
    let text = part.body.as_ref();
    let start = text.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(text.len());
    let text = text.get(start..).unwrap_or(&[]);
    let line_end = text.iter().position(|&c| c == b'\n').unwrap_or(text.len());
    let request_line = String::from_utf8_lossy(text.get(..line_end).unwrap_or(&[])).trim().to_string();
    let (headers, body) = multipart::split_headers(text.get(line_end + 1..).unwrap_or(&[]));
    let mut words = request_line.split_whitespace();
    let (Some(method), Some(target)) = (words.next(), words.next()) else {
        return Err(GoogleError::bad_request(format!("Invalid batch part request line: \"{request_line}\"")));
    };
    let method = Method::from_bytes(method.as_bytes())
        .map_err(|_| GoogleError::bad_request(format!("Invalid HTTP method in batch part: {method}")))?;
    let (path, query) = split_target(target);
    let mut map = HeaderMap::new();
    for (name, value) in &headers {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            map.append(name, value);
        }
    }
    if !map.contains_key(header::AUTHORIZATION)
        && let Some(auth) = outer.get(header::AUTHORIZATION)
    {
        map.insert(header::AUTHORIZATION, auth.clone());
    }
    let body = body.strip_suffix(b"\r\n").or_else(|| body.strip_suffix(b"\n")).unwrap_or(body);
    Ok(ServiceRequest {
        method,
        path,
        query,
        headers: map,
        body: Bytes::copy_from_slice(body),
        public_base: public_base.to_string(),
    })
}

/// Accept `/gmail/v1/…`, `https://gmail.googleapis.com/gmail/v1/…` and the sandbox's
/// own `/gmail.googleapis.com/gmail/v1/…` spelling.
fn split_target(target: &str) -> (String, Option<String>) {
    let without_scheme = target.strip_prefix("https://").or_else(|| target.strip_prefix("http://"));
    let path_and_query = match without_scheme {
        Some(rest) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/"),
        None => target,
    };
    let (path, query) = match path_and_query.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (path_and_query, None),
    };
    let path = strip_host_segment(path);
    (path, query)
}

fn strip_host_segment(path: &str) -> String {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    match trimmed.split_once('/') {
        Some((first, rest)) if first.contains('.') && first.ends_with(".com") => format!("/{rest}"),
        _ => format!("/{trimmed}"),
    }
}

async fn write_part(out: &mut Vec<u8>, boundary: &str, content_id: &str, response: Response) {
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, MAX_PART_BODY).await.unwrap_or_default();
    let status = parts.status;
    let reason = status.canonical_reason().unwrap_or("");
    out.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Type: application/http\r\nContent-ID: {content_id}\r\n\r\nHTTP/1.1 {} {reason}\r\n",
            status.as_u16()
        )
        .as_bytes(),
    );
    for (name, value) in &parts.headers {
        if name == header::CONTENT_LENGTH {
            continue;
        }
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_content_ids() {
        assert_eq!(
            split_target("/gmail/v1/users/me/messages/1?format=raw"),
            ("/gmail/v1/users/me/messages/1".into(), Some("format=raw".into()))
        );
        assert_eq!(split_target("https://gmail.googleapis.com/gmail/v1/x").0, "/gmail/v1/x");
        assert_eq!(split_target("/gmail.googleapis.com/gmail/v1/x").0, "/gmail/v1/x");
        assert_eq!(response_content_id(Some("<item1>"), 0), "<response-item1>");
        assert_eq!(response_content_id(None, 2), "<response-3>");
    }
}
