//! Drive's errors: Google's envelope plus the `location`/`locationType` Drive puts on
//! parameter errors (`"location": "fileId", "locationType": "parameter"`), with the
//! reasons and wording Drive uses.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::{GoogleError, google_error_body, json_response};

/// An error a Drive handler returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriveError {
    pub status: StatusCode,
    pub reason: String,
    pub message: String,
    /// The parameter the error is about, if any.
    pub location: Option<String>,
}

impl DriveError {
    pub fn new(status: StatusCode, reason: &str, message: impl Into<String>) -> Self {
        Self { status, reason: reason.to_string(), message: message.into(), location: None }
    }

    /// Use another `reason` than the constructor's.
    pub fn with_reason(mut self, reason: &str) -> Self {
        self.reason = reason.to_string();
        self
    }

    /// Name the parameter this error is about.
    pub fn at(mut self, parameter: &str) -> Self {
        self.location = Some(parameter.to_string());
        self
    }

    /// 404 `notFound`, "File not found: <id>.", as Drive answers for files the user cannot
    /// see (also those in a shared drive when `supportsAllDrives` is not set).
    pub fn file_not_found(id: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "notFound", format!("File not found: {id}.")).at("fileId")
    }

    /// 403 `insufficientFilePermissions`.
    pub fn insufficient() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "insufficientFilePermissions",
            "The user does not have sufficient permissions for this file.",
        )
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "badRequest", message)
    }

    /// 400 `invalid`; Drive's answer to a bad `q`, `orderBy` or `corpora` is
    /// "Invalid Value" at that parameter.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid", message)
    }

    pub fn required(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "required", message)
    }

    pub fn forbidden(reason: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, reason, message)
    }

    /// 403 `fieldNotWritable` for a field the request body may not set.
    pub fn not_writable(field: &str) -> Self {
        Self::forbidden(
            "fieldNotWritable",
            format!("The resource body includes fields which are not directly writable: {field}."),
        )
    }

    /// 501 for an export format Drive has but the sandbox does not produce.
    pub fn not_emulated(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_IMPLEMENTED,
            "notImplemented",
            format!("The workspace-mcp sandbox does not emulate {what}."),
        )
    }

    pub fn body(&self) -> Value {
        let mut body = google_error_body(self.status.as_u16(), &self.reason, &self.message);
        if let (Some(location), Some(first)) =
            (&self.location, body.pointer_mut("/error/errors/0").and_then(Value::as_object_mut))
        {
            first.insert("locationType".into(), Value::from("parameter"));
            first.insert("location".into(), Value::from(location.as_str()));
        }
        body
    }
}

impl From<GoogleError> for DriveError {
    fn from(e: GoogleError) -> Self {
        Self { status: e.status, reason: e.reason, message: e.message, location: None }
    }
}

impl IntoResponse for DriveError {
    fn into_response(self) -> Response {
        json_response(self.status, &self.body())
    }
}

impl std::fmt::Display for DriveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.reason, self.message)
    }
}

impl std::error::Error for DriveError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_names_the_parameter() {
        let body = DriveError::file_not_found("abc").body();
        assert_eq!(body["error"]["code"], 404);
        assert_eq!(body["error"]["message"], "File not found: abc.");
        assert_eq!(body["error"]["errors"][0]["location"], "fileId");
        assert_eq!(body["error"]["errors"][0]["locationType"], "parameter");
    }
}
