//! Fault injection, in process and through the `/_sandbox/` control routes.

use axum::body::Body;
use http::Request;
use wsmcp_sandbox_kit::Fault;

use crate::support::{get_req, json, sandbox, send};

const PROFILE: &str = "/gmail.googleapis.com/gmail/v1/users/me/profile";

#[tokio::test]
async fn a_429_then_success() {
    let sb = sandbox();
    sb.inject(Fault::status("/users/me/profile", 429));
    let (status, body, _) = send(&sb, get_req(PROFILE)).await;
    assert_eq!(status, 429);
    let body = json(&body);
    assert_eq!(body["error"]["status"], "RESOURCE_EXHAUSTED");
    assert_eq!(body["error"]["errors"][0]["reason"], "rateLimitExceeded");
    let (status, _, _) = send(&sb, get_req(PROFILE)).await;
    assert_eq!(status, 200);
    assert_eq!(sb.faults_served(), 1);
    assert!(sb.faults().is_empty());
}

#[tokio::test]
async fn malformed_and_delayed_and_method_scoped() {
    let sb = sandbox();
    sb.inject(Fault::malformed("gmail.googleapis.com/gmail/v1"));
    let (status, body, _) = send(&sb, get_req(PROFILE)).await;
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());

    sb.inject(Fault::status("/profile", 503).method("POST"));
    assert_eq!(send(&sb, get_req(PROFILE)).await.0, 200, "GET is not faulted by a POST fault");
    sb.clear_faults();

    sb.inject(Fault::delay("/profile", 50));
    let started = std::time::Instant::now();
    assert_eq!(send(&sb, get_req(PROFILE)).await.0, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(50));
}

#[tokio::test]
async fn control_routes_inject_list_and_reset() {
    let sb = sandbox();
    let inject = Request::post("/_sandbox/faults")
        .header("content-type", "application/json")
        .body(Body::from(r#"{"path_contains":"/profile","status":500,"times":2}"#))
        .unwrap();
    assert_eq!(send(&sb, inject).await.0, 201);
    assert_eq!(send(&sb, get_req(PROFILE)).await.0, 500);
    assert_eq!(send(&sb, get_req(PROFILE)).await.0, 500);
    assert_eq!(send(&sb, get_req(PROFILE)).await.0, 200);

    let (_, logged, _) = send(&sb, Request::get("/_sandbox/requests").body(Body::empty()).unwrap()).await;
    assert_eq!(json(&logged).as_array().unwrap().len(), 1);
    let (_, stats, _) = send(&sb, Request::get("/_sandbox/stats").body(Body::empty()).unwrap()).await;
    assert_eq!(json(&stats)["requests"], 1);
    assert_eq!(json(&stats)["faults_served"], 2);

    let clear = Request::delete("/_sandbox/requests").body(Body::empty()).unwrap();
    assert_eq!(send(&sb, clear).await.0, 204);
    assert!(sb.requests().is_empty());

    sb.inject(Fault::status("/profile", 500));
    let clear = Request::delete("/_sandbox/faults").body(Body::empty()).unwrap();
    assert_eq!(send(&sb, clear).await.0, 204);
    assert_eq!(send(&sb, get_req(PROFILE)).await.0, 200);

    let reset = Request::post("/_sandbox/reset").body(Body::empty()).unwrap();
    assert_eq!(send(&sb, reset).await.0, 204);
    assert!(sb.requests().is_empty());
}
