#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
use serde_json::Value;

use super::*;
use crate::jwt::split;

const KEY_JSON: &str = include_str!("../../sandbox-kit/fixtures/test-only-service-account-key.json");
const PUBLIC_PEM: &str = include_str!("../../sandbox-kit/fixtures/test-only-service-account.pub.pem");
const CLIENT_EMAIL: &str = "workspace-mcp-test@workspace-mcp-sandbox.iam.gserviceaccount.com";

fn key() -> ServiceAccountKey {
    ServiceAccountKey::from_json(KEY_JSON).unwrap()
}

fn scopes() -> Vec<String> {
    vec!["https://www.googleapis.com/auth/gmail.readonly".into(), "openid".into()]
}

#[test]
fn the_assertion_is_rs256_signed_with_the_claims_google_wants() {
    let k = key();
    assert_eq!(k.client_email(), CLIENT_EMAIL);
    assert!(!format!("{k:?}").contains("PRIVATE"), "Debug shows no key material");
    let token = k.assertion("alex.rivera@example.com", &scopes(), 1_700_000_000).unwrap();
    let parts = split(&token).unwrap();
    assert_eq!(parts.header["alg"], "RS256");
    assert_eq!(parts.header["kid"], "0123456789abcdef0123456789abcdef01234567");
    let c = &parts.claims;
    assert_eq!(c["iss"], CLIENT_EMAIL);
    assert_eq!(c["sub"], "alex.rivera@example.com");
    assert_eq!(c["scope"], "https://www.googleapis.com/auth/gmail.readonly openid");
    assert_eq!(c["aud"], "https://oauth2.googleapis.com/token");
    assert_eq!((c["iat"].as_i64(), c["exp"].as_i64()), (Some(1_700_000_000), Some(1_700_003_600)));
    let public = pem_der(PUBLIC_PEM, "RSA PUBLIC KEY").unwrap();
    let verify = |input: &str| {
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &public).verify(input.as_bytes(), &parts.signature)
    };
    assert!(verify(parts.signing_input).is_ok(), "the committed public key verifies it");
    assert!(verify(&parts.signing_input.replace('e', "f")).is_err(), "and nothing else");
}

#[test]
fn bad_key_files_say_what_is_wrong_without_the_key() {
    let cases = [
        ("not json", "not a key JSON file"),
        (r#"{"type": "authorized_user", "client_email": "a@b"}"#, "\"authorized_user\", not \"service_account\""),
        (r#"{"type": "service_account", "private_key": "x"}"#, "no \"client_email\""),
        (r#"{"type": "service_account", "client_email": "a@b"}"#, "no \"private_key\""),
        (r#"{"client_email": "a@b", "private_key": "MIIB"}"#, "not a PEM \"PRIVATE KEY\""),
        (
            r#"{"client_email": "a@b", "private_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"}"#,
            "not a usable RSA key",
        ),
    ];
    for (json, expected) in cases {
        let e = ServiceAccountKey::from_json(json).unwrap_err().to_string();
        assert!(e.contains(expected) && e.starts_with("cannot use the service account key"), "{json}: {e}");
    }
}

#[test]
fn a_base_override_serves_the_token_uri_under_its_host() {
    let sa = ServiceAccount::new(key(), scopes(), Some("http://127.0.0.1:9/"));
    assert_eq!(sa.token_url, "http://127.0.0.1:9/oauth2.googleapis.com/token");
    assert_eq!(ServiceAccount::new(key(), scopes(), None).token_url, "https://oauth2.googleapis.com/token");
}

/// A token endpoint answering `reply` (status, JSON) and counting the assertions it got.
async fn endpoint(status: u16, reply: Value) -> (String, Arc<AtomicUsize>, Arc<Mutex<Vec<String>>>) {
    let count = Arc::new(AtomicUsize::new(0));
    let subjects = Arc::new(Mutex::new(Vec::new()));
    let state = (count.clone(), subjects.clone(), status, reply);
    type St = (Arc<AtomicUsize>, Arc<Mutex<Vec<String>>>, u16, Value);
    let app = Router::new()
        .route(
            "/oauth2.googleapis.com/token",
            post(|State((n, subjects, status, reply)): State<St>, body: String| async move {
                n.fetch_add(1, Ordering::SeqCst);
                let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
                assert_eq!(form["grant_type"], JWT_BEARER_GRANT);
                let claims = split(&form["assertion"]).unwrap().claims;
                subjects.lock().unwrap().push(claims["sub"].as_str().unwrap().to_string());
                // Slow enough that concurrent callers overlap.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                (http::StatusCode::from_u16(status).unwrap(), axum::Json(reply))
            }),
        )
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, count, subjects)
}

fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

#[tokio::test]
async fn tokens_are_fetched_once_per_subject_and_cached() {
    let reply = serde_json::json!({"access_token": "ya29.test", "expires_in": 3599, "token_type": "Bearer"});
    let (base, count, subjects) = endpoint(200, reply).await;
    let sa = Arc::new(ServiceAccount::new(key(), scopes(), Some(&base)));
    let http = http();
    let calls = (0..5).map(|_| {
        let (sa, http) = (sa.clone(), http.clone());
        tokio::spawn(async move { sa.access_token(&http, "Alex.Rivera@example.com").await })
    });
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().expose(), "ya29.test");
    }
    assert_eq!(count.load(Ordering::SeqCst), 1, "concurrent callers share one fetch");
    sa.access_token(&http, "alex.rivera@example.com").await.unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 1, "served from the cache");
    sa.access_token(&http, "jordan.lee@example.com").await.unwrap();
    assert_eq!(*subjects.lock().unwrap(), ["alex.rivera@example.com", "jordan.lee@example.com"]);
}

#[tokio::test]
async fn a_token_close_to_expiry_is_replaced() {
    let reply = serde_json::json!({"access_token": "ya29.short", "expires_in": 60});
    let (base, count, _) = endpoint(200, reply).await;
    let sa = ServiceAccount::new(key(), scopes(), Some(&base));
    let http = http();
    sa.access_token(&http, "alex.rivera@example.com").await.unwrap();
    sa.access_token(&http, "alex.rivera@example.com").await.unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 2, "a token within the renewal margin is not reused");
}

#[tokio::test]
async fn googles_refusals_become_advice() {
    let http = http();
    let unauthorized = serde_json::json!({"error": "unauthorized_client",
        "error_description": "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."});
    let (base, _, _) = endpoint(401, unauthorized).await;
    let sa = ServiceAccount::new(key(), scopes(), Some(&base));
    let e = sa.access_token(&http, "alex.rivera@example.com").await.unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, AuthError::Delegation { .. }) && !e.needs_authorization(), "{text}");
    for needle in
        ["Admin console", "Domain Wide Delegation", "100000000000000000001", &scopes().join(","), CLIENT_EMAIL]
    {
        assert!(text.contains(needle), "{needle} missing: {text}");
    }

    let bad_user = serde_json::json!({"error": "invalid_grant", "error_description": "Invalid email or User ID"});
    let (base, _, _) = endpoint(400, bad_user).await;
    let sa = ServiceAccount::new(key(), scopes(), Some(&base));
    let text = sa.access_token(&http, "nobody@example.com").await.unwrap_err().to_string();
    assert!(text.contains("nobody@example.com is not a user") && text.contains("user_google_email"), "{text}");

    let bad_sig = serde_json::json!({"error": "invalid_grant", "error_description": "Invalid JWT Signature."});
    let (base, _, _) = endpoint(400, bad_sig).await;
    let sa = ServiceAccount::new(key(), scopes(), Some(&base));
    let text = sa.access_token(&http, "alex.rivera@example.com").await.unwrap_err().to_string();
    assert!(text.contains("GOOGLE_SERVICE_ACCOUNT_KEY_FILE") && text.contains("clock"), "{text}");
}
