//! The sandbox served on loopback and a small Calendar REST client over reqwest.

use std::ops::Deref;

use chrono::{DateTime, Utc};
use serde_json::Value;
use wsmcp_calendar::sandbox;
use wsmcp_testkit::Rest;

/// Percent-encode a path segment or query value (calendar ids hold `@` and `#`).
pub use wsmcp_testkit::enc;

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `calendar/v3` (see [`Rest`]).
pub struct Cal(Rest);

impl Deref for Cal {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> Cal {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/calendar/v3", handle.url_for("www.googleapis.com"));
    Cal(Rest::new(handle, base))
}

/// An RFC 3339 query value.
pub fn ts(at: DateTime<Utc>) -> String {
    enc(&at.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

impl Cal {
    /// A successful GET.
    pub async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }
    /// Insert into `calendar` and expect success.
    pub async fn insert(&self, calendar: &str, query: &str, body: Value) -> Value {
        let (status, event) = self.post(&format!("/calendars/{}/events{query}", enc(calendar)), body).await;
        assert_eq!(status, 200, "{event}");
        event
    }
    /// The Discovery method ids of the requests so far.
    pub fn method_ids(&self) -> Vec<String> {
        self.handle.requests().iter().filter_map(|r| r.method_id.clone()).collect()
    }
}

/// The `items` of a list reply.
pub fn items(body: &Value) -> Vec<Value> {
    body["items"].as_array().cloned().unwrap_or_default()
}

/// The ids of a list reply's items.
pub fn ids(body: &Value) -> Vec<String> {
    items(body).iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
}

/// The error reason and message of an error reply.
pub fn reason(body: &Value) -> (String, String) {
    let e = &body["error"]["errors"][0];
    (
        e["reason"].as_str().unwrap_or_default().to_string(),
        body["error"]["message"].as_str().unwrap_or_default().to_string(),
    )
}
