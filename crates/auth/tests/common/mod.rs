//! A fake Google (token + userinfo endpoints) on 127.0.0.1, laid out like the
//! sandbox: each Google host is a path prefix.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use serde_json::json;

#[derive(Default)]
pub struct Fake {
    /// The account userinfo reports.
    pub email: String,
    /// Space-separated scopes the code exchange reports as granted.
    pub granted: String,
    /// Answer refreshes with `invalid_grant`.
    pub revoked: bool,
    pub refresh_count: usize,
    /// Every form posted to the token endpoint.
    pub forms: Vec<HashMap<String, String>>,
}

pub type Shared = Arc<Mutex<Fake>>;

/// Starts the fake; returns its base URL (for `Endpoints::with_base`) and state.
pub async fn start(email: &str, granted: &str) -> (String, Shared) {
    let state: Shared = Arc::new(Mutex::new(Fake { email: email.into(), granted: granted.into(), ..Fake::default() }));
    let app = Router::new()
        .route("/oauth2.googleapis.com/token", post(token))
        .route("/www.googleapis.com/oauth2/v2/userinfo", get(userinfo))
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), state)
}

/// reqwest is compiled without a TLS provider; install ring so a client can be built.
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn token(State(state): State<Shared>, body: String) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let grant = form.get("grant_type").cloned().unwrap_or_default();
    let (revoked, granted, n) = {
        let mut s = state.lock().unwrap();
        s.forms.push(form.clone());
        if grant == "refresh_token" {
            s.refresh_count += 1;
        }
        (s.revoked, s.granted.clone(), s.refresh_count)
    };
    match grant.as_str() {
        "authorization_code" if form.get("code").map(String::as_str) == Some("good-code") => Json(json!({
            "access_token": "ya29.from-code", "refresh_token": "1//from-code", "expires_in": 3599,
            "scope": granted, "token_type": "Bearer"
        }))
        .into_response(),
        "refresh_token" if revoked => oauth_error("invalid_grant", "Token has been expired or revoked."),
        "refresh_token" => {
            // Slow enough that concurrent callers pile up behind the refresh lock.
            tokio::time::sleep(Duration::from_millis(200)).await;
            Json(json!({"access_token": format!("ya29.refreshed-{n}"), "expires_in": 3599, "token_type": "Bearer"}))
                .into_response()
        }
        _ => oauth_error("invalid_grant", "Bad Request"),
    }
}

fn oauth_error(error: &str, description: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": error, "error_description": description}))).into_response()
}

async fn userinfo(State(state): State<Shared>, headers: HeaderMap) -> Response {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !auth.starts_with("Bearer ya29.") {
        return (StatusCode::UNAUTHORIZED, "no token").into_response();
    }
    let email = state.lock().unwrap().email.clone();
    Json(json!({"id": "1", "email": email, "verified_email": true})).into_response()
}
