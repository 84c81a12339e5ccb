//! A request reaches its host by path prefix or by `Host` header, in process and over TCP.

use axum::body::Body;
use http::Request;

use crate::support::{TOKEN, get_req, json, sandbox, send};

#[tokio::test]
async fn path_prefix_names_the_host_and_is_stripped() {
    let sb = sandbox();
    let (status, body, _) = send(&sb, get_req("/gmail.googleapis.com/gmail/v1/users/me/profile")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["emailAddress"], "me@example.com");
    let logged = sb.requests();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].path, "/gmail/v1/users/me/profile");
    assert_eq!(logged[0].host, "gmail.googleapis.com");
    assert_eq!(logged[0].status, 200);
}

#[tokio::test]
async fn host_header_routes_without_prefix() {
    let sb = sandbox();
    let req = Request::get("/gmail/v1/users/me/profile")
        .header("host", "gmail.googleapis.com:443")
        .header("authorization", TOKEN)
        .body(Body::empty())
        .unwrap();
    let (status, body, _) = send(&sb, req).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn unknown_host_is_a_google_404() {
    let sb = sandbox();
    let (status, body, _) = send(&sb, get_req("/drive.googleapis.com/drive/v3/files")).await;
    assert_eq!(status, 404);
    assert_eq!(json(&body)["error"]["status"], "NOT_FOUND");
}

#[tokio::test]
async fn serves_over_loopback_tcp() {
    let sb = sandbox();
    let handle = sb.serve("127.0.0.1:0").await.unwrap();
    assert!(handle.base_url.starts_with("http://127.0.0.1:"));
    let client = crate::support::client();
    let url = format!("{}/gmail/v1/users/me/profile", handle.url_for("gmail.googleapis.com"));
    let response = client.get(&url).bearer_auth("t").send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let stats: serde_json::Value =
        client.get(format!("{}/_sandbox/stats", handle.base_url)).send().await.unwrap().json().await.unwrap();
    assert_eq!(stats["requests"], 1);
    assert_eq!(stats["validation_failures"], 0);
    handle.shutdown().await;
}

#[tokio::test]
async fn serves_on_a_bound_listener() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = sandbox().serve_on(listener).unwrap();
    assert_eq!(handle.addr, addr);
    let response = crate::support::client()
        .get(format!("http://{addr}/gmail.googleapis.com/gmail/v1/users/me/messages/abc"))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(handle.requests().len(), 1);
}
