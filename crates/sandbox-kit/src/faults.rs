//! Fault injection: make the next N matching requests fail (429, 5xx…), arrive late, or
//! come back as a truncated body, so the client's retry, backoff and parse-error paths
//! can be tested against the real HTTP stack.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use serde::{Deserialize, Serialize};

use crate::error::google_error;

/// One injected fault. Matches requests whose `host + path` contains `path_contains`
/// (and whose HTTP method is `method`, when given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    pub path_contains: String,
    #[serde(default)]
    pub method: Option<String>,
    /// Answer with this status and a Google error body.
    #[serde(default)]
    pub status: Option<u16>,
    /// Wait this long before answering (or before passing the request on).
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Answer 200 with a truncated, non-JSON body.
    #[serde(default)]
    pub malformed: bool,
    /// With `delay_ms`: carry the request out first and only hold back the answer, as when
    /// Google did the work but the reply never arrived in time (a send that went out).
    #[serde(default)]
    pub late: bool,
    /// How many matching requests this fault applies to; 0 means until cleared.
    #[serde(default = "one")]
    pub times: u32,
    /// Google's error reason for a status fault (e.g. `SERVICE_DISABLED`,
    /// `rateLimitExceeded`); defaults to the usual reason for the status.
    #[serde(default)]
    pub reason: Option<String>,
    /// The error message for a status fault, when a test needs Google's exact wording (e.g.
    /// Chat's "Google Chat app not found"); defaults to the usual message for the status.
    #[serde(default)]
    pub message: Option<String>,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// A fault answering the next matching request with `status`.
    pub fn status(path_contains: impl Into<String>, status: u16) -> Self {
        Self {
            path_contains: path_contains.into(),
            method: None,
            status: Some(status),
            delay_ms: None,
            malformed: false,
            late: false,
            times: 1,
            reason: None,
            message: None,
        }
    }

    /// A fault delaying the next matching request by `delay_ms`.
    pub fn delay(path_contains: impl Into<String>, delay_ms: u64) -> Self {
        Self { status: None, delay_ms: Some(delay_ms), ..Self::status(path_contains, 0) }
    }

    /// A fault that lets the next matching request take effect, then holds its answer back
    /// for `delay_ms` (a client with a shorter timeout never learns that it worked).
    pub fn late_answer(path_contains: impl Into<String>, delay_ms: u64) -> Self {
        Self { late: true, ..Self::delay(path_contains, delay_ms) }
    }

    /// A fault answering the next matching request with a truncated 200 body.
    pub fn malformed(path_contains: impl Into<String>) -> Self {
        Self { status: None, malformed: true, ..Self::status(path_contains, 0) }
    }

    /// Apply to the next `times` matching requests (0: until cleared).
    pub fn times(mut self, times: u32) -> Self {
        self.times = times;
        self
    }

    /// Answer with this Google error reason instead of the status's usual one.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// Answer with this error message instead of the status's usual one.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Only match requests with this HTTP method.
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into());
        self
    }

    fn matches(&self, method: &str, target: &str) -> bool {
        target.contains(&self.path_contains) && self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
    }
}

/// What a matching fault asks the gateway to do.
#[derive(Debug)]
pub(crate) struct FaultAction {
    pub delay: Option<Duration>,
    /// Apply `delay` after the request was carried out, not before.
    pub late: bool,
    /// `Some` ends the request with this response; `None` lets it through after the delay.
    pub response: Option<Response>,
}

/// The active faults, consumed in order of injection.
#[derive(Debug, Default)]
pub(crate) struct FaultSet {
    faults: Mutex<Vec<Fault>>,
}

impl FaultSet {
    pub fn inject(&self, fault: Fault) {
        crate::lock(&self.faults).push(fault);
    }

    pub fn clear(&self) {
        crate::lock(&self.faults).clear();
    }

    pub fn list(&self) -> Vec<Fault> {
        crate::lock(&self.faults).clone()
    }

    /// Take one use of the first fault matching this request, if any.
    pub fn take(&self, method: &str, target: &str) -> Option<FaultAction> {
        let mut faults = crate::lock(&self.faults);
        let index = faults.iter().position(|f| f.matches(method, target))?;
        let fault = faults.get_mut(index)?;
        let action = FaultAction {
            delay: fault.delay_ms.map(Duration::from_millis),
            late: fault.late,
            response: fault_response(fault),
        };
        match fault.times {
            0 => {}
            1 => {
                faults.remove(index);
            }
            n => fault.times = n - 1,
        }
        Some(action)
    }
}

/// The response a fault stands for: Google's error for its status, or a truncated body.
fn fault_response(fault: &Fault) -> Option<Response> {
    if let Some(code) = fault.status.filter(|c| *c >= 100) {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let (reason, message) = fault_wording(code);
        let reason = fault.reason.as_deref().unwrap_or(reason);
        let message = fault.message.as_deref().unwrap_or(message);
        return Some(google_error(status, reason, message));
    }
    if fault.malformed {
        // Cut mid-string, as a dropped connection through a proxy would leave it.
        let mut response = Response::new(Body::from("{\n  \"id\": \"18c2a5b9f0e1"));
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=UTF-8"));
        return Some(response);
    }
    None
}

/// The reason and message Google uses for an injected status.
fn fault_wording(code: u16) -> (&'static str, &'static str) {
    match code {
        400 => ("badRequest", "Bad Request"),
        401 => ("authError", "Invalid Credentials"),
        403 => ("forbidden", "The caller does not have permission"),
        404 => ("notFound", "Requested entity was not found."),
        409 => ("conflict", "Conflict"),
        429 => ("rateLimitExceeded", "Too many concurrent requests for user"),
        500 => ("backendError", "Backend Error"),
        502 => ("backendError", "Bad Gateway"),
        503 => ("backendError", "The service is currently unavailable."),
        504 => ("backendError", "Deadline exceeded."),
        _ => ("error", "Injected fault"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_is_used_up_after_times_matches() {
        let set = FaultSet::default();
        set.inject(Fault::status("/messages", 429).times(2).method("GET"));
        assert!(set.take("POST", "gmail.googleapis.com/gmail/v1/users/me/messages").is_none());
        assert!(set.take("GET", "gmail.googleapis.com/gmail/v1/users/me/messages").is_some());
        assert!(set.take("get", "gmail.googleapis.com/gmail/v1/users/me/messages").is_some());
        assert!(set.take("GET", "gmail.googleapis.com/gmail/v1/users/me/messages").is_none());
    }

    #[test]
    fn json_fault_defaults_to_one_use() {
        let fault: Fault = serde_json::from_str(r#"{"path_contains":"/labels","status":503}"#).unwrap();
        assert_eq!(fault.times, 1);
        assert!(!fault.malformed);
    }
}
