//! The sandbox served on loopback and a small Docs REST client.

use std::ops::Deref;

use serde_json::{Value, json};
use wsmcp_docs::sandbox;
use wsmcp_testkit::Rest;

pub use wsmcp_docs::sandbox::seed::{PLAN_TAB, RISKS_TAB};

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `v1/documents`.
pub struct Docs(Rest);

impl Deref for Docs {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> Docs {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/v1/documents", handle.url_for(sandbox::HOST));
    Docs(Rest::new(handle, base))
}

impl Docs {
    /// The document with every tab's content.
    pub async fn doc(&self, id: &str) -> Value {
        let (status, body) = self.get(&format!("/{id}?includeTabsContent=true")).await;
        assert_eq!(status, 200, "{body}");
        body
    }
    /// A batchUpdate of `requests`: status and body.
    pub async fn update(&self, id: &str, requests: Value) -> (u16, Value) {
        self.post(&format!("/{id}:batchUpdate"), json!({"requests": requests})).await
    }
}

/// The body content of the tab `tab` of a document read with tabs.
pub fn tab_content(doc: &Value, tab: &str) -> Vec<Value> {
    let tabs = doc["tabs"].as_array().unwrap();
    let t = tabs.iter().find(|t| t["tabProperties"]["tabId"] == tab).unwrap();
    t["documentTab"]["body"]["content"].as_array().unwrap().clone()
}

/// A paragraph element's text.
pub fn text(el: &Value) -> String {
    el["paragraph"]["elements"]
        .as_array()
        .map_or(String::new(), |els| els.iter().filter_map(|e| e["textRun"]["content"].as_str()).collect())
}
