//! The sandbox served on loopback and a small Gmail REST client over reqwest.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;
use serde_json::Value;
use wsmcp_gmail::sandbox;
use wsmcp_sandbox_kit::{Sandbox, SandboxHandle};

pub const USER: &str = "alex.rivera@example.com";

pub struct Gmail {
    pub handle: SandboxHandle,
    pub client: reqwest::Client,
    pub base: String,
}

pub async fn start() -> Gmail {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let handle = Sandbox::builder().service(sandbox::emulation(USER)).build().serve("127.0.0.1:0").await.unwrap();
    let base = format!("{}/gmail/v1/users/me", handle.url_for("gmail.googleapis.com"));
    Gmail { handle, client: reqwest::Client::new(), base }
}

impl Gmail {
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
    /// Ids matching `q` (URL-encoded here), newest first.
    pub async fn search(&self, q: &str) -> Vec<String> {
        let q: String = url_encode(q);
        let (status, body) = self.get(&format!("/messages?maxResults=500&q={q}")).await;
        assert_eq!(status, 200, "{body}");
        body["messages"]
            .as_array()
            .map(|a| a.iter().map(|m| m["id"].as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    }
    pub async fn message(&self, id: &str, query: &str) -> Value {
        let (status, body) = self.get(&format!("/messages/{id}?{query}")).await;
        assert_eq!(status, 200, "{body}");
        body
    }
    pub async fn header(&self, id: &str, name: &str) -> String {
        let m = self.message(id, &format!("format=metadata&metadataHeaders={name}")).await;
        m["payload"]["headers"][0]["value"].as_str().unwrap_or_default().to_string()
    }
    pub fn assert_valid(&self) {
        assert_eq!(
            self.handle.validation_failures(),
            0,
            "a request failed Discovery validation: {:?}",
            self.handle.requests()
        );
    }
}

pub fn url_encode(s: &str) -> String {
    url_form(&[("q", s)]).trim_start_matches("q=").to_string()
}

pub fn url_form(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        for b in v.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

pub fn raw(text: &str) -> String {
    URL_SAFE.encode(text.replace('\n', "\r\n"))
}

pub fn label_ids(m: &Value) -> Vec<String> {
    m["labelIds"].as_array().map(|a| a.iter().map(|l| l.as_str().unwrap().to_string()).collect()).unwrap_or_default()
}
