//! Discovery validation of each request to a host that has a Discovery document: the
//! method, path, query and JSON body must be what Google would accept, so a request the
//! sandbox takes is one Google would take too. A multipart upload's parts are checked as
//! well: the metadata against the method's request schema, the media type against its
//! `accept` list.

use serde_json::Value;
use wsmcp_discovery::{Api, Body, RequestShape, UploadKind, Violation, validate_any};

use crate::gateway::{MatchedMethod, ServiceRequest};
use crate::multipart;

pub(crate) fn validate(
    apis: &[&'static Api],
    host: &str,
    req: &ServiceRequest,
    query: &[(String, String)],
    json: Option<&Value>,
    media_type: Option<&str>,
) -> Result<MatchedMethod, Violation> {
    let body = match (json, media_type) {
        (Some(json), _) => Body::Json(json),
        (None, Some(content_type)) => Body::Media { content_type },
        (None, None) => Body::None,
    };
    let shape = RequestShape { http_method: req.method.as_str(), path: &req.path, query, body };
    let matched = validate_any(apis, host, &shape)?;
    if matched.upload == Some(UploadKind::Multipart) {
        check_multipart_parts(apis, host, matched.id, media_type.unwrap_or(""), &req.body)?;
    }
    Ok(MatchedMethod { id: matched.id, path_params: matched.path_params })
}

/// `multipart/related`: exactly a JSON metadata part (validated like a JSON body of the
/// method) and a media part whose type the method accepts.
fn check_multipart_parts(
    apis: &[&'static Api],
    host: &str,
    method_id: &str,
    content_type: &str,
    body: &[u8],
) -> Result<(), Violation> {
    let Some(api) = apis.iter().find(|a| a.host() == host && a.method_ids().any(|id| id == method_id)) else {
        return Ok(());
    };
    let boundary = multipart::boundary(content_type).unwrap_or_default();
    let parts = multipart::parse(body, &boundary).map_err(Violation::bad_request)?;
    let [meta, media] = parts.as_slice() else {
        return Err(Violation::bad_request(format!(
            "Invalid multipart upload: expected a metadata part and a media part, got {} part(s).",
            parts.len()
        )));
    };
    let meta_type = meta.header("content-type").unwrap_or("");
    if !meta_type.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/json") {
        return Err(Violation::bad_request(format!(
            "Invalid multipart upload: the metadata part must be application/json, got '{meta_type}'."
        )));
    }
    let metadata: Value = if meta.body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(serde_json::Map::new())
    } else {
        serde_json::from_slice(&meta.body)
            .map_err(|e| Violation::invalid(format!("Invalid JSON payload received. {e}")))?
    };
    api.validate_request_json(method_id, &metadata)?;
    let media_type = media.header("content-type").unwrap_or("application/octet-stream");
    api.check_upload_media_type(method_id, media_type)
}
