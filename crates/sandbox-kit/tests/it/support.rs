//! A tiny fake Gmail host and request helpers shared by the tests.

use axum::Router;
use axum::body::Body;
use axum::extract::Path;
use axum::routing::get;
use http::{Request, Response};
use serde_json::{Value, json};
use tower::ServiceExt as _;
use wsmcp_sandbox_kit::{GoogleError, Sandbox, ServiceEmulation};

pub const TOKEN: &str = "Bearer test-token";

/// `gmail.googleapis.com` answering getProfile and messages.get.
pub fn fake_gmail() -> ServiceEmulation {
    let router = Router::new()
        .route(
            "/gmail/v1/users/{userId}/profile",
            get(|Path(user): Path<String>| async move {
                axum::Json(json!({ "emailAddress": format!("{user}@example.com"), "messagesTotal": 3 }))
            }),
        )
        .route(
            "/gmail/v1/users/{userId}/messages/{id}",
            get(|Path((_, id)): Path<(String, String)>| async move {
                if id == "missing" {
                    return Err(GoogleError::not_found());
                }
                Ok(axum::Json(json!({ "id": id, "threadId": id })))
            }),
        );
    ServiceEmulation::new("gmail.googleapis.com", router).discovery(&GMAIL_V1)
}

static GMAIL_V1: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("gmail.v1");

pub fn sandbox() -> Sandbox {
    Sandbox::builder().service(fake_gmail()).build()
}

/// Send one request to the app in process; returns status and body text.
pub async fn send(sandbox: &Sandbox, req: Request<Body>) -> (u16, String, Response<Body>) {
    let response = sandbox.router().oneshot(req).await.unwrap();
    let status = response.status().as_u16();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let text = String::from_utf8_lossy(&bytes).to_string();
    (status, text, Response::from_parts(parts, Body::empty()))
}

pub fn get_req(uri: &str) -> Request<Body> {
    Request::get(uri).header("authorization", TOKEN).body(Body::empty()).unwrap()
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A reqwest client; reqwest needs a rustls provider even for plain HTTP.
pub fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}
