//! The sandbox served on loopback and a small Chat REST client over reqwest.

use std::ops::Deref;

use serde_json::Value;
use wsmcp_chat::sandbox;
use wsmcp_testkit::Rest;

pub use wsmcp_chat::sandbox::seed::ids::*;

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `chat.googleapis.com/v1` (see [`Rest`]).
pub struct Chat(Rest);

impl Deref for Chat {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> Chat {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/v1", handle.url_for(sandbox::HOST));
    Chat(Rest::new(handle, base))
}

impl Chat {
    /// A successful GET.
    pub async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }
    /// The texts of a messages.list reply.
    pub async fn texts(&self, path: &str) -> Vec<String> {
        let body = self.ok(path).await;
        body["messages"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_string())
            .collect()
    }
}
