//! The sandbox served on loopback and a small Gmail REST client over reqwest.

use std::ops::Deref;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;
use serde_json::Value;
use wsmcp_gmail::sandbox;
use wsmcp_testkit::Rest;

/// Percent-encode a query value.
pub use wsmcp_testkit::enc as url_encode;

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `users/me` (see [`Rest`]).
pub struct Gmail(Rest);

impl Deref for Gmail {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> Gmail {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/gmail/v1/users/me", handle.url_for("gmail.googleapis.com"));
    Gmail(Rest::new(handle, base))
}

impl Gmail {
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
}

pub fn raw(text: &str) -> String {
    URL_SAFE.encode(text.replace('\n', "\r\n"))
}

pub fn label_ids(m: &Value) -> Vec<String> {
    m["labelIds"].as_array().map(|a| a.iter().map(|l| l.as_str().unwrap().to_string()).collect()).unwrap_or_default()
}
