//! The request log: what the sandbox was asked, in order, so tests can assert on the
//! exact calls a tool made (github-mcp-server's `expectQueryParams`, over real HTTP).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// JSON bodies are kept up to this size; longer ones have their long strings cut.
pub const BODY_CAP: usize = 64 * 1024;
/// The length long strings are cut to when a body is over [`BODY_CAP`].
const STRING_CAP: usize = 4 * 1024;

/// One request as a service saw it (host prefix stripped).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedRequest {
    pub host: String,
    pub method: String,
    /// The percent-encoded path without the query, e.g. `/gmail/v1/users/me/messages`.
    pub path: String,
    /// The decoded query parameters, in order, repeated ones repeated.
    pub query: Vec<(String, String)>,
    /// The Discovery method id it matched (`gmail.users.messages.list`); `None` for hosts
    /// without a Discovery document (the OAuth token endpoint) and for batch envelopes.
    pub method_id: Option<String>,
    pub status: u16,
    /// The JSON body, if any, capped at [`BODY_CAP`].
    pub body: Option<Value>,
    /// The content type of a non-JSON (media upload) body.
    pub media_type: Option<String>,
    /// Whether it arrived inside a batch request.
    pub in_batch: bool,
}

impl LoggedRequest {
    /// The first value of query parameter `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated query parameter.
    pub fn query_values(&self, name: &str) -> Vec<&str> {
        self.query.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
}

/// The log plus the counters `/_sandbox/stats` reports.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: Mutex<Vec<LoggedRequest>>,
    validation_failures: AtomicUsize,
    faults_served: AtomicUsize,
}

/// Entries kept: enough for any test, bounded so a long-running `--sandbox` server does not
/// grow without end (the oldest entries go first).
const MAX_ENTRIES: usize = 10_000;

impl RequestLog {
    pub fn push(&self, entry: LoggedRequest) {
        let mut entries = crate::lock(&self.entries);
        if entries.len() >= MAX_ENTRIES {
            let excess = entries.len() + 1 - MAX_ENTRIES;
            entries.drain(..excess);
        }
        entries.push(entry);
    }

    pub fn entries(&self) -> Vec<LoggedRequest> {
        crate::lock(&self.entries).clone()
    }

    pub fn len(&self) -> usize {
        crate::lock(&self.entries).len()
    }

    pub fn clear(&self) {
        crate::lock(&self.entries).clear();
    }

    pub fn count_validation_failure(&self) {
        self.validation_failures.fetch_add(1, Ordering::Relaxed);
    }

    pub fn validation_failures(&self) -> usize {
        self.validation_failures.load(Ordering::Relaxed)
    }

    pub fn count_fault(&self) {
        self.faults_served.fetch_add(1, Ordering::Relaxed);
    }

    pub fn faults_served(&self) -> usize {
        self.faults_served.load(Ordering::Relaxed)
    }

    pub fn reset_counters(&self) {
        self.validation_failures.store(0, Ordering::Relaxed);
        self.faults_served.store(0, Ordering::Relaxed);
    }
}

/// Keep a body whole when it fits in [`BODY_CAP`]; otherwise cut its long strings
/// (a `raw` message, a base64 attachment) so the shape stays assertable.
pub(crate) fn cap_body(body: &Value) -> Value {
    if serde_json::to_vec(body).map_or(0, |v| v.len()) <= BODY_CAP {
        return body.clone();
    }
    let cut = cut_strings(body);
    if serde_json::to_vec(&cut).map_or(0, |v| v.len()) <= BODY_CAP {
        cut
    } else {
        Value::String(format!("<JSON body over {BODY_CAP} bytes, not kept>"))
    }
}

fn cut_strings(value: &Value) -> Value {
    match value {
        Value::String(s) if s.len() > STRING_CAP => {
            let mut end = STRING_CAP;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            Value::String(format!("{}…[{} bytes cut]", s.get(..end).unwrap_or(""), s.len() - end))
        }
        Value::Array(items) => Value::Array(items.iter().map(cut_strings).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), cut_strings(v))).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn big_bodies_keep_their_shape() {
        let raw = "A".repeat(100_000);
        let capped = cap_body(&json!({ "raw": raw, "threadId": "abc" }));
        assert_eq!(capped["threadId"], "abc");
        assert!(capped["raw"].as_str().unwrap().len() < 5000);
        let small = json!({ "q": "from:priya" });
        assert_eq!(cap_body(&small), small);
    }
}
