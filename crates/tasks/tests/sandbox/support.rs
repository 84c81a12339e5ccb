//! The sandbox served on loopback and a small Tasks REST client over reqwest.

use std::ops::Deref;

use serde_json::Value;
use wsmcp_tasks::sandbox;
use wsmcp_testkit::Rest;

pub use wsmcp_tasks::sandbox::seed::{LAUNCH_TASK, MY_TASKS, PERSONAL};

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `tasks/v1` (see [`Rest`]).
pub struct Tasks(Rest);

impl Deref for Tasks {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> Tasks {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/tasks/v1", handle.url_for(sandbox::HOST));
    Tasks(Rest::new(handle, base))
}

impl Tasks {
    /// A successful GET.
    pub async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }
    /// Creates a task in `list` (query holds parent/previous) and returns it.
    pub async fn insert(&self, list: &str, query: &str, body: Value) -> Value {
        let (status, task) = self.post(&format!("/lists/{list}/tasks{query}"), body).await;
        assert_eq!(status, 200, "{task}");
        task
    }
    /// A POST without a body (`move` and `clear` take none).
    pub async fn post_empty(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, None).await
    }
    /// The titles of `list`'s tasks, in the order Google returns them, with `query`.
    pub async fn titles(&self, list: &str, query: &str) -> Vec<String> {
        let body = self.ok(&format!("/lists/{list}/tasks{query}")).await;
        items(&body).iter().map(|t| t["title"].as_str().unwrap().to_string()).collect()
    }
}

/// The `items` of a list reply.
pub fn items(body: &Value) -> Vec<Value> {
    body["items"].as_array().cloned().unwrap_or_default()
}
