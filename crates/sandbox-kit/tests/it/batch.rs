//! Batch requests: split, each part through the pipeline, replies reassembled.

use axum::body::Body;
use http::Request;
use wsmcp_sandbox_kit::{Fault, multipart};

use crate::support::{TOKEN, json, sandbox, send};

fn batch_body(boundary: &str, targets: &[&str]) -> String {
    let mut body = String::new();
    for (i, target) in targets.iter().enumerate() {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Type: application/http\r\nContent-ID: <item{}>\r\n\r\nGET {target} HTTP/1.1\r\n\r\n",
            i + 1
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    body
}

fn batch_request(body: String, auth: bool) -> Request<Body> {
    let mut req = Request::post("/gmail.googleapis.com/batch/gmail/v1")
        .header("content-type", "multipart/mixed; boundary=\"===sep===\"");
    if auth {
        req = req.header("authorization", TOKEN);
    }
    req.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn three_inner_requests() {
    let sb = sandbox();
    sb.inject(Fault::status("/messages/second", 429));
    let body = batch_body(
        "===sep===",
        &[
            "/gmail/v1/users/me/messages/first?format=minimal",
            "https://gmail.googleapis.com/gmail/v1/users/me/messages/second",
            "/gmail/v1/users/me/messages/missing",
        ],
    );
    let (status, text, response) = send(&sb, batch_request(body, true)).await;
    assert_eq!(status, 200, "{text}");
    let content_type = response.headers()["content-type"].to_str().unwrap().to_string();
    assert!(content_type.starts_with("multipart/mixed; boundary=batch_"), "{content_type}");
    let boundary = multipart::boundary(&content_type).unwrap();
    let parts = multipart::parse(text.as_bytes(), &boundary).unwrap();
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0].header("Content-Type"), Some("application/http"));
    assert_eq!(parts[0].header("Content-ID"), Some("<response-item1>"));
    assert_eq!(parts[2].header("Content-ID"), Some("<response-item3>"));

    let inner: Vec<(String, serde_json::Value)> = parts
        .iter()
        .map(|p| {
            let text = String::from_utf8_lossy(&p.body).to_string();
            let (status_line, rest) = text.split_once("\r\n").unwrap();
            let (_, body) = rest.split_once("\r\n\r\n").unwrap();
            (status_line.to_string(), json(body.trim()))
        })
        .collect();
    assert_eq!(inner[0].0, "HTTP/1.1 200 OK");
    assert_eq!(inner[0].1["id"], "first");
    assert_eq!(inner[1].0, "HTTP/1.1 429 Too Many Requests");
    assert_eq!(inner[2].0, "HTTP/1.1 404 Not Found");
    assert_eq!(inner[2].1["error"]["status"], "NOT_FOUND");

    let logged = sb.requests();
    let inner_logged: Vec<_> = logged.iter().filter(|r| r.in_batch).collect();
    assert_eq!(inner_logged.len(), 2, "the faulted part never reached the service");
    assert_eq!(inner_logged[0].query_param("format"), Some("minimal"));
    assert!(logged.iter().any(|r| !r.in_batch && r.path == "/batch/gmail/v1" && r.method_id.is_none()));
}

#[tokio::test]
async fn more_than_100_parts_is_a_400() {
    let sb = sandbox();
    let targets = vec!["/gmail/v1/users/me/profile"; 101];
    let (status, text, _) = send(&sb, batch_request(batch_body("===sep===", &targets), true)).await;
    assert_eq!(status, 400);
    assert_eq!(json(&text)["error"]["code"], 400);
}

#[tokio::test]
async fn envelope_needs_a_token() {
    let sb = sandbox();
    let body = batch_body("===sep===", &["/gmail/v1/users/me/profile"]);
    assert_eq!(send(&sb, batch_request(body, false)).await.0, 401);
}
