//! Talking to an emulation over loopback HTTP with reqwest.

use serde_json::Value;
use wsmcp_sandbox_kit::{SandboxBuilder, SandboxHandle};

/// Serves `sandbox` on an ephemeral loopback port (installing rustls' ring provider first).
pub async fn serve_loopback(sandbox: SandboxBuilder) -> SandboxHandle {
    let _ = rustls::crypto::ring::default_provider().install_default();
    sandbox.build().serve("127.0.0.1:0").await.unwrap()
}

/// A JSON REST client for one emulated API, rooted at `base`.
pub struct Rest {
    pub handle: SandboxHandle,
    pub client: reqwest::Client,
    pub base: String,
}

impl Rest {
    pub fn new(handle: SandboxHandle, base: String) -> Self {
        Rest { handle, client: reqwest::Client::new(), base }
    }

    /// Status and body (JSON when it parses, `Null` when empty, else a string).
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
    /// Asserts every request so far passed Discovery validation.
    pub fn assert_valid(&self) {
        assert_eq!(
            self.handle.validation_failures(),
            0,
            "a request failed Discovery validation: {:?}",
            self.handle.requests()
        );
    }
}

/// Percent-encodes a path segment or query value (everything but RFC 3986 unreserved).
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

/// `k=v&…` with each value percent-encoded by [`enc`].
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect::<Vec<_>>().join("&")
}
