//! The sandbox served on loopback with the Drive emulation, and a small Drive client.

use reqwest::Method;
use serde_json::Value;
use wsmcp_drive::sandbox;
use wsmcp_sandbox_kit::SandboxHandle;

pub use wsmcp_testkit::{enc, form};

pub use wsmcp_drive::sandbox::seed::ids;

pub const USER: &str = "alex.rivera@example.com";

pub struct Drive {
    pub handle: SandboxHandle,
    pub client: reqwest::Client,
    /// `{sandbox}/www.googleapis.com`
    pub host: String,
}

pub async fn start() -> Drive {
    // The OAuth emulations share www.googleapis.com with Drive, as in `--sandbox`.
    let handle = wsmcp_testkit::serve_loopback(
        wsmcp_testkit::sandbox().service(sandbox::emulation(USER)).services(wsmcp_sandbox_kit::oauth_emulation(USER)),
    )
    .await;
    let host = handle.url_for("www.googleapis.com");
    Drive { handle, client: reqwest::Client::new(), host }
}

/// A reply: status, headers and body (JSON when it parses, else a string).
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&self.bytes).into_owned()))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
    }
    /// `error.errors[0].reason` of an error reply.
    pub fn reason(&self) -> String {
        self.json()["error"]["errors"][0]["reason"].as_str().unwrap_or("").to_string()
    }
}

impl Drive {
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.host)
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Reply {
        let response = req.bearer_auth("sbx-test").send().await.unwrap();
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            bytes: response.bytes().await.unwrap().to_vec(),
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = self.client.request(method, self.url(path));
        if let Some(body) = body {
            req = req.json(&body);
        }
        self.send(req).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    /// GET that must succeed; returns the JSON.
    pub async fn ok(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(r.status, 200, "GET {path}: {}", r.text());
        r.json()
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }

    /// Names of the files `files.list` returns for a query string (URL-encoded here).
    pub async fn names(&self, params: &[(&str, &str)]) -> Vec<String> {
        let mut all: Vec<(&str, &str)> = vec![("fields", "nextPageToken,files(id,name)"), ("pageSize", "1000")];
        all.extend_from_slice(params);
        let body = self.ok(&format!("/drive/v3/files?{}", form(&all))).await;
        body["files"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap().to_string()).collect()
    }

    pub async fn file(&self, id: &str, fields: &str) -> Value {
        self.ok(&format!("/drive/v3/files/{id}?supportsAllDrives=true&fields={}", enc(fields))).await
    }

    pub fn assert_valid(&self) {
        assert_eq!(
            self.handle.validation_failures(),
            0,
            "a request failed Discovery validation: {:#?}",
            self.handle.requests()
        );
    }
}

/// A `multipart/related` upload of `meta` and `media` typed `media_type`.
pub async fn multipart(
    d: &Drive,
    method: reqwest::Method,
    path: &str,
    meta: Value,
    media_type: &str,
    media: &[u8],
) -> Reply {
    let mut body = format!(
        "--sbx_boundary\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{meta}\r\n--sbx_boundary\r\nContent-Type: {media_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(media);
    body.extend_from_slice(b"\r\n--sbx_boundary--\r\n");
    d.send(
        d.client
            .request(method, d.url(path))
            .header("content-type", "multipart/related; boundary=sbx_boundary")
            .body(body),
    )
    .await
}
