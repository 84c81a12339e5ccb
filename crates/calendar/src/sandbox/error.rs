//! Calendar's error replies. Calendar speaks Google's usual envelope, but some of its own
//! errors carry `domain: "calendar"` and a `location` (the parameter or field at fault),
//! which the kit's [`GoogleError`] cannot express; [`CalError`] can, and converts from it.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::error::canonical_status;
use wsmcp_sandbox_kit::{GoogleError, json_response};

/// An error a Calendar handler returns; renders as Google's JSON envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalError {
    pub status: StatusCode,
    pub reason: &'static str,
    pub message: String,
    pub domain: &'static str,
    /// `(locationType, location)`, e.g. `("parameter", "timeMax")`.
    pub location: Option<(&'static str, String)>,
}

impl CalError {
    pub fn new(status: StatusCode, reason: &'static str, message: impl Into<String>) -> Self {
        Self { status, reason, message: message.into(), domain: "global", location: None }
    }

    /// 400 with `reason`.
    pub fn bad(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, reason, message)
    }

    /// 400 `invalid`: a value Calendar does not take.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::bad("invalid", message)
    }

    /// 400 `required`: a field Calendar needs is missing.
    pub fn required(message: impl Into<String>) -> Self {
        Self::bad("required", message)
    }

    /// 404 `notFound`, worded as Calendar words it.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "notFound", "Not Found")
    }

    /// 403 on a calendar the user may only read.
    pub fn writer_required() -> Self {
        Self::new(StatusCode::FORBIDDEN, "requiredAccessLevel", "You need to have writer access to this calendar.")
    }

    /// 400 `timeRangeEmpty` (domain `calendar`): an end not after its start.
    pub fn time_range_empty() -> Self {
        Self::bad("timeRangeEmpty", "The specified time range is empty.").in_calendar()
    }

    /// 410 on deleting what is already deleted.
    pub fn gone() -> Self {
        Self::new(StatusCode::GONE, "deleted", "Resource has been deleted")
    }

    /// Mark the error as Calendar's own (`domain: "calendar"`).
    pub fn in_calendar(mut self) -> Self {
        self.domain = "calendar";
        self
    }

    /// Name the query parameter at fault.
    pub fn at_parameter(mut self, name: &str) -> Self {
        self.location = Some(("parameter", name.to_string()));
        self
    }

    pub fn body(&self) -> Value {
        let mut item = json!({
            "domain": self.domain,
            "reason": self.reason,
            "message": self.message,
        });
        if let Some((kind, name)) = &self.location {
            item["locationType"] = json!(kind);
            item["location"] = json!(name);
        }
        json!({
            "error": {
                "errors": [item],
                "code": self.status.as_u16(),
                "message": self.message,
                "status": canonical_status(self.status.as_u16()),
            }
        })
    }
}

impl From<GoogleError> for CalError {
    fn from(e: GoogleError) -> Self {
        let reason = match e.reason.as_str() {
            "invalidArgument" => "invalid",
            "notFound" => "notFound",
            "forbidden" => "forbidden",
            "duplicate" => "duplicate",
            "notImplemented" => "notImplemented",
            _ => "badRequest",
        };
        Self::new(e.status, reason, e.message)
    }
}

impl IntoResponse for CalError {
    fn into_response(self) -> Response {
        json_response(self.status, &self.body())
    }
}

impl std::fmt::Display for CalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.reason, self.message)
    }
}

impl std::error::Error for CalError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_errors_name_their_domain_and_location() {
        let body = CalError::time_range_empty().at_parameter("timeMax").body();
        let item = &body["error"]["errors"][0];
        assert_eq!(item["domain"], "calendar");
        assert_eq!(item["reason"], "timeRangeEmpty");
        assert_eq!(item["location"], "timeMax");
        assert_eq!(body["error"]["code"], 400);
        assert_eq!(body["error"]["status"], "INVALID_ARGUMENT");
        assert_eq!(CalError::from(GoogleError::invalid_argument("Invalid pageToken")).reason, "invalid");
    }
}
