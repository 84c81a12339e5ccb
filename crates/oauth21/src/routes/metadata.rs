//! The discovery documents (RFC 9728, RFC 8414) and dynamic registration (RFC 7591).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde_json::json;

use crate::errors::{OAuthError, no_store};
use crate::server::AuthServer;

fn discovery(body: serde_json::Value) -> Response {
    let mut r = Json(body).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store, must-revalidate"));
    super::allow_any_origin(r)
}

/// `GET /.well-known/oauth-protected-resource/mcp`.
pub async fn protected_resource(State(s): State<Arc<AuthServer>>) -> Response {
    discovery(json!({
        "resource": s.resource,
        "authorization_servers": [s.issuer],
        "scopes_supported": s.scopes,
        "bearer_methods_supported": ["header"],
        "resource_name": "Google Workspace MCP",
    }))
}

/// `GET /.well-known/oauth-authorization-server`.
pub async fn authorization_server(State(s): State<Arc<AuthServer>>) -> Response {
    let at = |path: &str| format!("{}{path}", s.issuer);
    let auth_methods = ["client_secret_post", "client_secret_basic", "none"];
    discovery(json!({
        "issuer": s.issuer,
        "authorization_endpoint": at("/authorize"),
        "token_endpoint": at("/token"),
        "registration_endpoint": at("/register"),
        "revocation_endpoint": at("/revoke"),
        "scopes_supported": s.scopes,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "code_challenge_methods_supported": ["S256"],
        "client_id_metadata_document_supported": true,
        "authorization_response_iss_parameter_supported": true,
    }))
}

/// `POST /register` with a JSON client metadata document.
pub async fn register(State(s): State<Arc<AuthServer>>, body: Bytes) -> Response {
    let reply = match serde_json::from_slice(&body) {
        Ok(req) => s.register(req).await,
        Err(e) => Err(OAuthError::new("invalid_client_metadata", format!("the body is not client metadata JSON: {e}"))),
    };
    let mut r = match reply {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => e.into_response(),
    };
    no_store(&mut r);
    super::allow_any_origin(r)
}
