//! Google's JSON error envelope, as every googleapis.com host returns it:
//! `{"error":{"code":404,"message":"…","errors":[{"message":"…","domain":"global","reason":"notFound"}],"status":"NOT_FOUND"}}`.
//! Emulations return [`GoogleError`] from handlers so a client sees exactly what Google would send.

use axum::Json;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde_json::{Value, json};

/// The canonical gRPC status name Google puts in `error.status` for an HTTP code.
pub fn canonical_status(code: u16) -> &'static str {
    match code {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        // Gmail answers duplicate names (labels, filters) with 409 ALREADY_EXISTS.
        409 => "ALREADY_EXISTS",
        412 => "FAILED_PRECONDITION",
        413 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        500..=599 => "INTERNAL",
        _ => "UNKNOWN",
    }
}

/// The error body Google sends, without the HTTP status line.
pub fn google_error_body(code: u16, reason: &str, message: &str) -> Value {
    json!({
        "error": {
            "code": code,
            "message": message,
            "errors": [{ "message": message, "domain": "global", "reason": reason }],
            "status": canonical_status(code),
        }
    })
}

/// A complete Google error response: status, `application/json; charset=UTF-8`, envelope.
pub fn google_error(status: StatusCode, reason: &str, message: &str) -> Response {
    json_response(status, &google_error_body(status.as_u16(), reason, message))
}

/// A JSON response with Google's content type (`application/json; charset=UTF-8`).
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=UTF-8"));
    response
}

/// The 401 Google sends when no usable credential came with the request.
pub fn unauthenticated() -> Response {
    let message = "Request is missing required authentication credential. Expected OAuth 2 access token, \
                   login cookie or other valid authentication credential. \
                   See https://developers.google.com/identity/sign-in/web/devconsole-project.";
    let body = json!({
        "error": {
            "code": 401,
            "message": message,
            "errors": [{
                "message": "Login Required.",
                "domain": "global",
                "reason": "required",
                "location": "Authorization",
                "locationType": "header"
            }],
            "status": "UNAUTHENTICATED"
        }
    });
    let mut response = json_response(StatusCode::UNAUTHORIZED, &body);
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"https://accounts.google.com/\""));
    response
}

/// An error an emulation handler returns; it renders as Google's envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleError {
    pub status: StatusCode,
    pub reason: String,
    pub message: String,
}

impl GoogleError {
    pub fn new(status: StatusCode, reason: impl Into<String>, message: impl Into<String>) -> Self {
        Self { status, reason: reason.into(), message: message.into() }
    }

    /// 400 `badRequest` / INVALID_ARGUMENT, Google's answer to most bad input.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "badRequest", message)
    }

    /// 400 `invalidArgument`, used by Google for a malformed field value.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalidArgument", message)
    }

    /// 403 `forbidden`.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404 with Google's usual wording, "Requested entity was not found."
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "notFound", "Requested entity was not found.")
    }

    /// 409 `duplicate` / ALREADY_EXISTS.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "duplicate", message)
    }

    /// 501: a method the Discovery document has but this emulation does not implement.
    pub fn not_emulated(method: &str, path: &str) -> Self {
        Self::new(
            StatusCode::NOT_IMPLEMENTED,
            "notImplemented",
            format!("The workspace-mcp sandbox does not emulate {method} {path}."),
        )
    }

    pub fn body(&self) -> Value {
        google_error_body(self.status.as_u16(), &self.reason, &self.message)
    }
}

impl IntoResponse for GoogleError {
    fn into_response(self) -> Response {
        google_error(self.status, &self.reason, &self.message)
    }
}

impl std::fmt::Display for GoogleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.reason, self.message)
    }
}

impl std::error::Error for GoogleError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_has_google_shape() {
        let body = google_error_body(404, "notFound", "Requested entity was not found.");
        assert_eq!(body["error"]["code"], 404);
        assert_eq!(body["error"]["status"], "NOT_FOUND");
        assert_eq!(body["error"]["errors"][0]["domain"], "global");
        assert_eq!(body["error"]["errors"][0]["reason"], "notFound");
    }
}
