//! The rejection type and its rendering as Google's JSON error envelope.
//!
//! The sandbox answers a rejected request with exactly what a client would get from Google, so the
//! client's error handling is exercised against the same shape it meets in production.

use serde_json::{Value, json};
use std::fmt;

/// Why a request shape was refused, already phrased the way Google phrases it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// HTTP status: 404 for an unknown URL or verb, 400 for everything else.
    pub status: u16,
    /// Human-readable message, modelled on Google's wording.
    pub message: String,
    /// The `reason` Google puts into `errors[0]`: "badRequest", "invalid", "notFound", "required".
    pub reason: String,
}

impl Violation {
    /// A 400 with an explicit reason.
    pub fn bad(reason: &str, message: impl Into<String>) -> Violation {
        Violation { status: 400, message: message.into(), reason: reason.to_owned() }
    }

    /// A 400 about a value or name Google would not accept.
    pub fn invalid(message: impl Into<String>) -> Violation {
        Violation::bad("invalid", message)
    }

    /// A 400 about something missing.
    pub fn required(message: impl Into<String>) -> Violation {
        Violation::bad("required", message)
    }

    /// A 400 about the overall request being malformed (wrong kind of body and the like).
    pub fn bad_request(message: impl Into<String>) -> Violation {
        Violation::bad("badRequest", message)
    }

    /// A 404: the URL does not exist on the service.
    pub fn url_not_found(path: &str) -> Violation {
        Violation {
            status: 404,
            message: format!("The requested URL {path} was not found on this server."),
            reason: "notFound".to_owned(),
        }
    }

    /// A 404: the URL exists but not for this HTTP verb (Google answers 404 here, not 405).
    pub fn method_not_found() -> Violation {
        Violation { status: 404, message: "Method not found.".to_owned(), reason: "notFound".to_owned() }
    }

    /// The gRPC-style status name Google puts next to the numeric code.
    pub fn status_name(&self) -> &'static str {
        match self.status {
            404 => "NOT_FOUND",
            400 => "INVALID_ARGUMENT",
            401 => "UNAUTHENTICATED",
            403 => "PERMISSION_DENIED",
            409 => "ALREADY_EXISTS",
            429 => "RESOURCE_EXHAUSTED",
            500 => "INTERNAL",
            503 => "UNAVAILABLE",
            _ => "UNKNOWN",
        }
    }

    /// Google's standard error envelope for this violation.
    pub fn to_google_error(&self) -> Value {
        json!({
            "error": {
                "code": self.status,
                "message": self.message,
                "errors": [{
                    "message": self.message,
                    "domain": "global",
                    "reason": self.reason,
                }],
                "status": self.status_name(),
            }
        })
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.reason, self.message)
    }
}

impl std::error::Error for Violation {}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn envelope_for_400() {
        let v = Violation::invalid("bad thing");
        assert_eq!(
            v.to_google_error(),
            json!({"error":{"code":400,"message":"bad thing","errors":[{"message":"bad thing","domain":"global","reason":"invalid"}],"status":"INVALID_ARGUMENT"}})
        );
    }

    #[test]
    fn envelope_for_404() {
        let v = Violation::method_not_found();
        let e = v.to_google_error();
        assert_eq!(e["error"]["code"], 404);
        assert_eq!(e["error"]["status"], "NOT_FOUND");
        assert_eq!(e["error"]["errors"][0]["reason"], "notFound");
    }

    #[test]
    fn url_not_found_names_the_path() {
        let v = Violation::url_not_found("/gmail/v1/nope");
        assert_eq!(v.status, 404);
        assert!(v.message.contains("/gmail/v1/nope"));
        assert_eq!(v.to_string(), format!("404 notFound: {}", v.message));
    }
}
