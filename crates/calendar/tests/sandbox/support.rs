//! The sandbox served on loopback and a small Calendar REST client over reqwest.

use chrono::{DateTime, Utc};
use serde_json::Value;
use wsmcp_calendar::sandbox;
use wsmcp_sandbox_kit::{Sandbox, SandboxHandle};

pub const USER: &str = "alex.rivera@example.com";

pub struct Cal {
    pub handle: SandboxHandle,
    pub client: reqwest::Client,
    pub base: String,
}

pub async fn start() -> Cal {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let handle = Sandbox::builder().service(sandbox::emulation(USER)).build().serve("127.0.0.1:0").await.unwrap();
    let base = format!("{}/calendar/v3", handle.url_for("www.googleapis.com"));
    Cal { handle, client: reqwest::Client::new(), base }
}

/// Percent-encode a path segment or query value (calendar ids hold `@` and `#`).
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An RFC 3339 query value.
pub fn ts(at: DateTime<Utc>) -> String {
    enc(&at.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

impl Cal {
    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self.client.request(method, format!("{}{path}", self.base)).bearer_auth("sbx-test");
        if let Some(body) = body {
            req = req.json(&body);
        }
        let response = req.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        let value =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        (status, value)
    }
    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::PATCH, path, Some(body)).await
    }
    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::PUT, path, Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::DELETE, path, None).await
    }
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
    pub fn assert_valid(&self) {
        assert_eq!(
            self.handle.validation_failures(),
            0,
            "a request failed Discovery validation: {:?}",
            self.handle.requests()
        );
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
