//! The sandbox served on loopback and a small script/v1 REST client over reqwest.

use std::ops::Deref;

use serde_json::Value;
use wsmcp_appscript::sandbox;
use wsmcp_testkit::Rest;

pub use wsmcp_appscript::sandbox::seed::{API_DEPLOYMENT, ATLAS_REPORT_SCRIPT, HEAD_DEPLOYMENT};

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `v1` (see [`Rest`]).
pub struct Script(Rest);

impl Deref for Script {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> Script {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/v1", handle.url_for(sandbox::HOST));
    Script(Rest::new(handle, base))
}

impl Script {
    /// A successful GET.
    pub async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }
    /// A successful POST.
    pub async fn created(&self, path: &str, body: Value) -> Value {
        let (status, out) = self.post(path, body).await;
        assert_eq!(status, 200, "POST {path}: {out}");
        out
    }
}

/// Google's error message of a reply.
pub fn message(body: &Value) -> &str {
    body["error"]["message"].as_str().unwrap_or_default()
}
