//! Errors as the protocols spell them: RFC 6749 JSON for the token, registration and revocation
//! endpoints, an HTML page where a redirect would be unsafe, and the bearer challenges of
//! `/mcp` (RFC 6750).

use axum::Json;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde_json::json;
use wsmcp_kv::KvError;

/// An RFC 6749 §5.2 error reply.
#[derive(Debug)]
pub struct OAuthError {
    pub status: StatusCode,
    pub error: &'static str,
    pub description: String,
}

impl OAuthError {
    pub fn new(error: &'static str, description: impl Into<String>) -> Self {
        let status = if error == "invalid_client" { StatusCode::UNAUTHORIZED } else { StatusCode::BAD_REQUEST };
        OAuthError { status, error, description: description.into() }
    }

    pub fn invalid_request(description: impl Into<String>) -> Self {
        Self::new("invalid_request", description)
    }

    pub fn invalid_grant(description: impl Into<String>) -> Self {
        Self::new("invalid_grant", description)
    }

    pub fn invalid_client(description: impl Into<String>) -> Self {
        Self::new("invalid_client", description)
    }

    pub fn server_error(description: impl Into<String>) -> Self {
        OAuthError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: "temporarily_unavailable",
            description: description.into(),
        }
    }
}

impl From<KvError> for OAuthError {
    fn from(e: KvError) -> Self {
        tracing::warn!(error = %e, "OAuth 2.1 store error");
        OAuthError::server_error("the server's token store is unavailable; retry shortly")
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = Json(json!({ "error": self.error, "error_description": self.description }));
        let mut r = (self.status, body).into_response();
        no_store(&mut r);
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"token\""));
        }
        r
    }
}

/// Token endpoint replies and errors must not be cached (RFC 6749 §5.1).
pub fn no_store(r: &mut Response) {
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r.headers_mut().insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

/// Why `/mcp` refused a request; the server turns it into 401 or 403 with a challenge.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum BearerError {
    #[error("no bearer token")]
    Missing,
    #[error("invalid token: {0}")]
    Invalid(String),
    #[error("the token store is unavailable")]
    Unavailable,
}

impl BearerError {
    /// The `WWW-Authenticate` value of a 401 from `/mcp` (RFC 9728 §5.1), for either
    /// authorization server (ours, or Google's in `EXTERNAL_OAUTH21_PROVIDER` mode).
    pub fn challenge(&self, metadata_url: &str, scopes: &[String]) -> String {
        let mut v = format!("Bearer resource_metadata=\"{metadata_url}\"");
        if let BearerError::Invalid(why) = self {
            v.push_str(&format!(", error=\"invalid_token\", error_description=\"{}\"", why.replace('"', "'")));
        }
        v.push_str(&format!(", scope=\"{}\"", scopes.join(" ")));
        v
    }
}

/// The `WWW-Authenticate` value of a 403 when a tool needs scopes the token lacks.
pub fn insufficient_scope_challenge(metadata_url: &str, needed: &[String]) -> String {
    format!("Bearer error=\"insufficient_scope\", scope=\"{}\", resource_metadata=\"{metadata_url}\"", needed.join(" "))
}

/// Why no Google token could be had for a tool call.
#[derive(Debug, thiserror::Error)]
pub enum GoogleTokenError {
    /// No grant stored, or Google revoked it: the client must run the authorization again.
    #[error("{0}")]
    SignInAgain(String),
    /// The grant lacks scopes the tool needs (step-up).
    #[error("the Google grant lacks {}", .0.join(", "))]
    MissingScopes(Vec<String>),
    #[error("{0}")]
    Unavailable(String),
}
