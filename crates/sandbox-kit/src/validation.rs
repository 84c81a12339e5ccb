//! Discovery validation of each request to a host that has a Discovery document: the
//! method, path, query and JSON body must be what Google would accept, so a request the
//! sandbox takes is one Google would take too.

use serde_json::Value;
use wsmcp_discovery::{Body, RequestShape, Violation, validate_any};

use crate::gateway::{MatchedMethod, ServiceRequest};

pub(crate) fn validate(
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
    let shape = RequestShape {
        http_method: req.method.as_str(),
        path: &req.path,
        query,
        body,
    };
    let matched = validate_any(host, &shape)?;
    Ok(MatchedMethod {
        id: matched.id,
        path_params: matched.path_params,
    })
}
