//! The bearer check, Discovery validation, the request log and emulation errors.

use axum::body::Body;
use http::Request;

use crate::support::{TOKEN, get_req, json, sandbox, send};

#[tokio::test]
async fn missing_bearer_is_googles_401() {
    let sb = sandbox();
    let req = Request::get("/gmail.googleapis.com/gmail/v1/users/me/profile").body(Body::empty()).unwrap();
    let (status, body, response) = send(&sb, req).await;
    assert_eq!(status, 401);
    let body = json(&body);
    assert_eq!(body["error"]["code"], 401);
    assert_eq!(body["error"]["status"], "UNAUTHENTICATED");
    assert!(
        body["error"]["message"].as_str().unwrap().starts_with("Request is missing required authentication credential")
    );
    assert!(response.headers().contains_key("www-authenticate"));
    let empty = Request::get("/gmail.googleapis.com/gmail/v1/users/me/profile")
        .header("authorization", "Bearer ")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&sb, empty).await.0, 401);
    assert!(sb.requests().is_empty(), "rejected requests are not logged");
}

#[tokio::test]
async fn validation_failure_is_counted_and_in_google_format() {
    let sb = sandbox();
    let (status, body, _) = send(&sb, get_req("/gmail.googleapis.com/gmail/v1/users/me/profile?bogus=1")).await;
    assert_eq!(status, 400, "{body}");
    let body = json(&body);
    assert_eq!(body["error"]["code"], 400);
    assert!(body["error"]["message"].is_string());
    assert_eq!(sb.validation_failures(), 1);
    assert!(sb.requests().is_empty());
}

#[tokio::test]
async fn invalid_json_body_is_a_counted_400() {
    let sb = sandbox();
    let req = Request::post("/gmail.googleapis.com/gmail/v1/users/me/messages/send")
        .header("authorization", TOKEN)
        .header("content-type", "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    let (status, body, _) = send(&sb, req).await;
    assert_eq!(status, 400);
    assert!(json(&body)["error"]["message"].as_str().unwrap().starts_with("Invalid JSON payload received."));
    assert_eq!(sb.validation_failures(), 1);
}

#[tokio::test]
async fn log_records_method_id_query_and_status() {
    let sb = sandbox();
    let (status, _, _) =
        send(&sb, get_req("/gmail.googleapis.com/gmail/v1/users/me/messages/missing?format=minimal")).await;
    assert_eq!(status, 404);
    let logged = &sb.requests()[0];
    assert_eq!(logged.method, "GET");
    assert_eq!(logged.status, 404);
    assert_eq!(logged.query_param("format"), Some("minimal"));
    assert_eq!(logged.method_id.as_deref(), Some("gmail.users.messages.get"));
    sb.clear_requests();
    assert!(sb.requests().is_empty());
}

#[tokio::test]
async fn unemulated_method_is_a_501() {
    let sb = sandbox();
    let (status, body, _) = send(&sb, get_req("/gmail.googleapis.com/gmail/v1/users/me/labels")).await;
    assert_eq!(status, 501, "{body}");
    assert_eq!(json(&body)["error"]["status"], "UNIMPLEMENTED");
}

#[tokio::test]
async fn an_emulation_validates_only_against_the_documents_it_brings() {
    // The same routes without a Discovery document: nothing is valid, so nothing passes.
    let bare = wsmcp_sandbox_kit::ServiceEmulation::new("gmail.googleapis.com", axum::Router::new());
    let sb = wsmcp_sandbox_kit::Sandbox::builder().service(bare).build();
    let (status, body, _) = send(&sb, get_req("/gmail.googleapis.com/gmail/v1/users/me/profile")).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(sb.validation_failures(), 1);
    // With its document, the same request is valid.
    let sb = sandbox();
    assert_eq!(send(&sb, get_req("/gmail.googleapis.com/gmail/v1/users/me/profile")).await.0, 200);
    assert_eq!(sb.validation_failures(), 0);
}
