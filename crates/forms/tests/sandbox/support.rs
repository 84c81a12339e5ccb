//! The sandbox served on loopback and a small Forms REST client over reqwest.

use std::ops::Deref;

use serde_json::Value;
use wsmcp_forms::sandbox;
use wsmcp_testkit::Rest;

pub use wsmcp_forms::sandbox::seed::{ATLAS_FEEDBACK_FORM, questions, responses};

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `v1/forms` (see [`Rest`]).
pub struct Forms(Rest);

impl Deref for Forms {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> Forms {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/v1/forms", handle.url_for(sandbox::HOST));
    Forms(Rest::new(handle, base))
}

impl Forms {
    /// A successful GET.
    pub async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }
    /// A batchUpdate of `form`; returns status and reply.
    pub async fn batch(&self, form: &str, body: Value) -> (u16, Value) {
        self.post(&format!("/{form}:batchUpdate"), body).await
    }
    /// The titles of `form`'s items, in order.
    pub async fn titles(&self, form: &str) -> Vec<String> {
        let f = self.ok(&format!("/{form}")).await;
        f["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|i| i["title"].as_str().unwrap_or("").to_string())
            .collect()
    }
    /// A new empty form; returns its id.
    pub async fn create(&self, title: &str) -> String {
        let (status, f) = self.post("", serde_json::json!({"info": {"title": title}})).await;
        assert_eq!(status, 200, "{f}");
        f["formId"].as_str().unwrap().to_string()
    }
}
