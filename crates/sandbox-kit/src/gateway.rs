//! The gateway in front of every emulated host. It picks the host (path prefix
//! `/{host}/…` or the `Host` header), then runs, in order: fault injection, the bearer
//! check, Discovery validation, the service router, and the request log.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt as _;

use crate::batch;
use crate::error::{GoogleError, google_error, json_response, unauthenticated};
use crate::extract::QueryParams;
use crate::log::{LoggedRequest, cap_body};
use crate::sandbox::{HostEntry, MAX_BODY, Shared};

/// A request addressed to one emulated host, body already read.
#[derive(Debug, Clone)]
pub(crate) struct ServiceRequest {
    pub method: Method,
    /// Percent-encoded path with the host prefix stripped.
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// What stands in for `https://{host}` for this client; see [`PublicBase`].
    pub public_base: String,
}

/// The absolute URL standing in for `https://{host}` as the client addresses the sandbox:
/// `http://127.0.0.1:PORT/{host}` when it used the path prefix, `https://{host}` when it
/// named the host (through a proxy or a TLS front). Put in the request extensions so an
/// emulation can hand out URLs the client can follow, such as a resumable upload's
/// `Location`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicBase(pub String);

impl PublicBase {
    /// The absolute URL of `path_and_query` (starting with `/`) on this host.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.0)
    }
}

/// The Discovery method a request matched, put in the request extensions for handlers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedMethod {
    pub id: &'static str,
    pub path_params: Vec<(String, String)>,
}

/// Fallback of the whole app: route by host, then run the pipeline (or the batch).
pub(crate) async fn gateway(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Some((host, path, prefixed)) = resolve_host(&shared, &parts.uri, &parts.headers) else {
        let message = format!(
            "The workspace-mcp sandbox has no emulated Google host for {}. Address a host as \
             /{{host}}/… (for example /gmail.googleapis.com/gmail/v1/users/me/profile) or by the Host header.",
            parts.uri.path()
        );
        return google_error(StatusCode::NOT_FOUND, "notFound", &message);
    };
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return google_error(StatusCode::PAYLOAD_TOO_LARGE, "uploadTooLarge", "Request body too large.");
    };
    let public_base = public_base(host, prefixed, &parts.uri, &parts.headers);
    let request = ServiceRequest {
        method: parts.method,
        path,
        query: parts.uri.query().map(str::to_string),
        headers: parts.headers,
        body,
        public_base,
    };
    let Some((_, entry)) = shared.host(host) else {
        return GoogleError::not_found().into_response();
    };
    if batch::is_batch(&request) {
        return batch::handle(&shared, host, entry, request).await;
    }
    pipeline(&shared, host, entry, request, false).await
}

/// Find the host: a first path segment naming a registered host wins (and is stripped),
/// else the URI authority or `Host` header, as when a client talks to the real hostnames.
/// The flag says whether the path prefix was used.
fn resolve_host(shared: &Shared, uri: &http::Uri, headers: &HeaderMap) -> Option<(&'static str, String, bool)> {
    let path = uri.path();
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    let (first, rest) = trimmed.split_once('/').unwrap_or((trimmed, ""));
    if let Some((host, _)) = shared.host(first) {
        return Some((host, format!("/{rest}"), true));
    }
    let named = uri
        .host()
        .map(str::to_string)
        .or_else(|| headers.get(header::HOST).and_then(|v| v.to_str().ok()).map(str::to_string))?;
    let (host, _) = shared.host(&named)?;
    Some((host, path.to_string(), false))
}

/// See [`PublicBase`]: a prefixed request came straight to the sandbox's own address.
fn public_base(host: &str, prefixed: bool, uri: &http::Uri, headers: &HeaderMap) -> String {
    if !prefixed {
        return format!("https://{host}");
    }
    let authority = uri
        .authority()
        .map(|a| a.as_str().to_string())
        .or_else(|| headers.get(header::HOST).and_then(|v| v.to_str().ok()).map(str::to_string));
    match authority {
        Some(authority) => format!("http://{authority}/{host}"),
        None => format!("https://{host}"),
    }
}

/// Steps 1 to 5 for one request (a top-level one or one inside a batch).
pub(crate) async fn pipeline(
    shared: &Shared,
    host: &'static str,
    entry: &HostEntry,
    req: ServiceRequest,
    in_batch: bool,
) -> Response {
    let late_by = match apply_fault(shared, host, &req).await {
        Err(response) => return response,
        Ok(late_by) => late_by,
    };
    let query = QueryParams::parse(req.query.as_deref()).0;
    // Google also takes the token as `access_token` in the query (a Discovery global parameter).
    let query_token = query.iter().any(|(k, v)| k == "access_token" && !v.is_empty());
    if entry.require_auth && !has_bearer(&req.headers) && !query_token {
        return unauthenticated();
    }
    let content_type = content_type(&req.headers);
    let json = match parse_json_body(&req.body, &content_type) {
        Ok(json) => json,
        Err(error) => {
            shared.log.count_validation_failure();
            tracing::warn!(host, method = %req.method, path = %req.path, "sandbox: request body is not valid JSON");
            return error.into_response();
        }
    };
    let media_type = (json.is_none() && !req.body.is_empty()).then(|| content_type.clone());
    let matched = if entry.validate {
        let apis: Vec<&'static wsmcp_discovery::Api> = entry.apis.iter().map(|d| d.api()).collect();
        match crate::validation::validate(&apis, host, &req, &query, json.as_ref(), media_type.as_deref()) {
            Ok(matched) => Some(matched),
            Err(violation) => {
                shared.log.count_validation_failure();
                tracing::warn!(
                    host, method = %req.method, path = %req.path, status = violation.status,
                    reason = %violation.reason, message = %violation.message,
                    "sandbox: request does not match the Discovery document"
                );
                let status = StatusCode::from_u16(violation.status).unwrap_or(StatusCode::BAD_REQUEST);
                return json_response(status, &violation.to_google_error());
            }
        }
    } else {
        None
    };
    let method_id = matched.as_ref().map(|m| m.id.to_string());
    let logged = LoggedRequest {
        host: host.to_string(),
        method: req.method.to_string(),
        path: req.path.clone(),
        query,
        method_id,
        status: 0,
        body: json.as_ref().map(cap_body),
        media_type,
        in_batch,
    };
    let response = dispatch(entry, req, matched).await;
    shared.log.push(LoggedRequest { status: response.status().as_u16(), ..logged });
    if let Some(delay) = late_by {
        tokio::time::sleep(delay).await;
    }
    response
}

/// Hand the request to the host's router, in process.
async fn dispatch(entry: &HostEntry, req: ServiceRequest, matched: Option<MatchedMethod>) -> Response {
    let uri = match &req.query {
        Some(q) => format!("{}?{q}", req.path),
        None => req.path.clone(),
    };
    let mut builder = http::Request::builder().method(req.method).uri(uri);
    if let Some(headers) = builder.headers_mut() {
        *headers = req.headers;
    }
    let Ok(mut request) = builder.body(Body::from(req.body)) else {
        return GoogleError::bad_request("Invalid request URI.").into_response();
    };
    if let Some(matched) = matched {
        request.extensions_mut().insert(matched);
    }
    request.extensions_mut().insert(PublicBase(req.public_base));
    match entry.router.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// Applies a matching fault: `Err` ends the request with that response; `Ok(Some(d))` lets
/// it through but holds the answer back by `d` afterwards (a late answer).
async fn apply_fault(shared: &Shared, host: &str, req: &ServiceRequest) -> Result<Option<Duration>, Response> {
    let target = format!("{host}{}", req.path);
    let Some(action) = shared.faults.take(req.method.as_str(), &target) else { return Ok(None) };
    if action.late {
        tracing::info!(host, method = %req.method, path = %req.path, "sandbox: answer held back");
        return Ok(action.delay);
    }
    if let Some(delay) = action.delay {
        tokio::time::sleep(delay).await;
    }
    match action.response {
        Some(response) => {
            shared.log.count_fault();
            tracing::info!(host, method = %req.method, path = %req.path, "sandbox: injected fault");
            Err(response)
        }
        None => Ok(None),
    }
}

/// `Authorization: Bearer <something>`, as every Google API requires.
pub(crate) fn has_bearer(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .is_some_and(|(scheme, token)| scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty())
}

fn content_type(headers: &HeaderMap) -> String {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("application/octet-stream").to_string()
}

/// A JSON body parsed, or `None` for an empty or non-JSON (media) body.
fn parse_json_body(body: &Bytes, content_type: &str) -> Result<Option<Value>, GoogleError> {
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let is_json = media == "application/json" || media.ends_with("+json");
    if !is_json || body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(body)
        .map(Some)
        .map_err(|e| GoogleError::invalid_argument(format!("Invalid JSON payload received. {e}")))
}

/// The fallback of every host's router: a route the emulation does not implement.
pub(crate) async fn not_emulated(req: Request) -> Response {
    GoogleError::not_emulated(req.method().as_str(), req.uri().path()).into_response()
}
