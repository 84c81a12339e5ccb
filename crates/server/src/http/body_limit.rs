//! The request-body cap on `/mcp`: rmcp reads the whole body into memory, so without a cap one
//! request could take as much memory as it likes. Over the cap the answer is 413, naming the
//! limit and the variable that changes it.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::App;

pub async fn check(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let cap = app.config.limits.max_request_bytes;
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > cap as u64) {
        return too_large(cap);
    }
    // A chunked body has no declared length: read it here, up to the cap.
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, cap).await {
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(_) => too_large(cap),
    }
}

fn too_large(cap: usize) -> Response {
    let error = format!("Request body larger than {cap} bytes (WORKSPACE_MCP_MAX_REQUEST_BYTES)");
    (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(json!({"error": error}))).into_response()
}
