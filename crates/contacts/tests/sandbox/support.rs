//! The sandbox served on loopback and a small People REST client over reqwest.

use std::ops::Deref;

use serde_json::Value;
use wsmcp_contacts::sandbox;
use wsmcp_testkit::Rest;

pub use wsmcp_contacts::sandbox::seed::{ATLAS_TEAM, DANA, LENA, MARCO, PRIYA};

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `people.googleapis.com/v1` (see [`Rest`]).
pub struct People(Rest);

impl Deref for People {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> People {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/v1", handle.url_for(sandbox::HOST));
    People(Rest::new(handle, base))
}

impl People {
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
    /// The display names of a searchContacts reply.
    pub async fn search(&self, query: &str) -> Vec<String> {
        let body = self.ok(&format!("/people:searchContacts?query={}&readMask=names", wsmcp_testkit::enc(query))).await;
        body["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| r["person"]["names"][0]["displayName"].as_str().unwrap().to_string())
            .collect()
    }
}
