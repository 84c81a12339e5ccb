use http::StatusCode;
use serde_json::json;

use super::harness::*;
use crate::Settings;
use crate::jwt::{self, Claims};

#[tokio::test]
async fn a_refresh_token_or_a_foreign_token_is_no_access_token() {
    let h = harness(Settings::default()).await;
    let (_, tokens) = h.tokens().await;
    assert!(h.bearer_ok(&tokens["access_token"]).await);
    assert!(!h.bearer_ok(&tokens["refresh_token"]).await, "a refresh token is not a bearer token");
    assert_eq!(h.server.verify_bearer(None).await, Err(crate::BearerError::Missing));

    // Claims of a live family, but for another audience, or expired, or signed by someone else.
    let payload = tokens["access_token"].as_str().unwrap().split('.').nth(1).unwrap();
    let good: Claims = serde_json::from_slice(&crate::crypto::unb64(payload).unwrap()).unwrap();
    let keys = h.server.store.keys();
    let check = |claims: Claims, keys: &crate::crypto::Keys| {
        let token = jwt::sign(keys, &claims);
        let server = h.server.clone();
        async move { server.verify_bearer(Some(&format!("Bearer {token}"))).await }
    };
    assert!(check(good.clone(), keys).await.is_ok(), "the re-signed original passes: the others fail for their change");
    let wrong_aud = Claims { aud: "https://other.example/mcp".into(), ..good.clone() };
    assert!(check(wrong_aud, keys).await.is_err());
    let expired = Claims { exp: good.iat.saturating_sub(1), ..good.clone() };
    assert!(check(expired, keys).await.is_err());
    assert!(check(good, &crate::crypto::Keys::derive(b"another server")).await.is_err());
}

#[tokio::test]
async fn unregistered_redirect_uris_get_an_error_page_never_a_redirect() {
    let h = harness(Settings::default()).await;
    let client = h.public_client().await;
    let path = h.authorize_path(&client, &[]).replace("client.example", "evil.example");
    let r = h.get(&path).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.location.is_none() && r.body.contains("redirect URI"), "{}", r.body);
    assert_eq!(r.headers["x-frame-options"], "DENY");
    let unknown = Client { id: "nobody".into(), ..client };
    let r = h.get(&h.authorize_path(&unknown, &[])).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.location.is_none());
}

#[tokio::test]
async fn the_operator_narrows_which_redirect_uris_may_register() {
    let settings = Settings { allowed_redirect_uris: vec!["https://client.example/*".into()], ..Settings::default() };
    let h = harness(settings).await;
    assert_eq!(h.register(json!({"redirect_uris": [REDIRECT]})).await.status, StatusCode::CREATED);
    let r = h.register(json!({"redirect_uris": [REDIRECT, "https://evil.example/cb"]})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"], "invalid_redirect_uri");
    // Without a glob list, the basic rules still hold.
    let h = harness(Settings::default()).await;
    for bad in ["http://client.example/cb", "javascript:alert(1)", "https://client.example/cb#frag", "relative/cb"] {
        let r = h.register(json!({"redirect_uris": [bad]})).await;
        assert_eq!(r.json()["error"], "invalid_redirect_uri", "{bad}");
    }
    assert_eq!(h.register(json!({"redirect_uris": ["http://127.0.0.1:8123/cb"]})).await.status, StatusCode::CREATED);
    let r = h.register(json!({"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "private_key_jwt"})).await;
    assert_eq!(r.json()["error"], "invalid_client_metadata");
}

#[tokio::test]
async fn pkce_is_required_s256_only_and_verified() {
    let h = harness(Settings::default()).await;
    let client = h.public_client().await;
    let plain = h.authorize_path(&client, &[]).replace("code_challenge_method=S256", "code_challenge_method=plain");
    let r = h.get(&plain).await;
    assert_eq!(r.redirect_param("error").as_deref(), Some("invalid_request"), "{:?}", r.location);
    assert_eq!(r.redirect_param("state").as_deref(), Some("client-state"));
    assert_eq!(r.redirect_param("iss").as_deref(), Some(BASE));
    let without = h.authorize_path(&client, &[]).replace("code_challenge=", "no_challenge=");
    assert_eq!(h.get(&without).await.redirect_param("error").as_deref(), Some("invalid_request"));
    let other_resource = h.authorize_path(&client, &[]).replace("%2Fmcp", "%2Fother");
    assert_eq!(h.get(&other_resource).await.redirect_param("error").as_deref(), Some("invalid_target"));

    let code = h.code_for(&client).await;
    let wrong = Client { verifier: "x".repeat(50), ..client.clone() };
    let r = h.exchange(&wrong, &code).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
}

#[tokio::test]
async fn consent_needs_the_csrf_token_of_this_browser_and_request() {
    let h = harness(Settings::default()).await;
    let client = h.public_client().await;
    let (request, csrf, cookie, _) = h.consent_page(&client).await;
    let (_, other_csrf, other_cookie, _) = h.consent_page(&client).await;
    let post = |csrf: String, cookie: Option<String>| {
        let request = request.clone();
        let h = &h;
        async move {
            let extra: Vec<(&str, &str)> = cookie.as_deref().map(|c| vec![("cookie", c)]).unwrap_or_default();
            h.post_form("/consent", &[("request", &request), ("csrf", &csrf), ("decision", "approve")], &extra).await
        }
    };
    assert_eq!(post(csrf.clone(), None).await.status, StatusCode::FORBIDDEN, "no cookie");
    assert_eq!(
        post(other_csrf.clone(), Some(cookie.clone())).await.status,
        StatusCode::FORBIDDEN,
        "another request's token"
    );
    assert_eq!(post(csrf.clone(), Some(other_cookie)).await.status, StatusCode::FORBIDDEN, "another browser");
    let foreign = h
        .post_form(
            "/consent",
            &[("request", &request), ("csrf", &csrf), ("decision", "approve")],
            &[("cookie", &cookie), ("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN, "another site's form");
    // The genuine approval still works after all of that: refusals did not consume the request.
    let ok = post(csrf, Some(cookie)).await;
    assert!(ok.location.unwrap().contains("accounts.google.com"));
}

#[tokio::test]
async fn denial_goes_back_to_the_client_as_access_denied() {
    let h = harness(Settings::default()).await;
    let client = h.public_client().await;
    let (request, csrf, cookie, _) = h.consent_page(&client).await;
    let r = h
        .post_form("/consent", &[("request", &request), ("csrf", &csrf), ("decision", "deny")], &[("cookie", &cookie)])
        .await;
    assert!(r.location.as_deref().unwrap().starts_with(REDIRECT));
    assert_eq!(r.redirect_param("error").as_deref(), Some("access_denied"));
}

#[tokio::test]
async fn token_endpoint_errors_are_rfc6749_json() {
    let h = harness(Settings::default()).await;
    let client = h.public_client().await;
    let error_of = |r: Reply| (r.status, r.json()["error"].as_str().unwrap().to_string());
    let r = h.post_form("/token", &[("client_id", &client.id)], &[]).await;
    assert_eq!(error_of(r), (StatusCode::BAD_REQUEST, "invalid_request".into()));
    let r = h.post_form("/token", &[("grant_type", "password"), ("client_id", &client.id)], &[]).await;
    assert_eq!(error_of(r), (StatusCode::BAD_REQUEST, "unsupported_grant_type".into()));
    let r = h.post_form("/token", &[("grant_type", "authorization_code"), ("client_id", "unknown")], &[]).await;
    assert_eq!(error_of(r), (StatusCode::UNAUTHORIZED, "invalid_client".into()));
    let r = h
        .post_form(
            "/token",
            &[
                ("grant_type", "authorization_code"),
                ("client_id", &client.id),
                ("code", "made-up"),
                ("code_verifier", &client.verifier),
            ],
            &[],
        )
        .await;
    assert_eq!(error_of(r), (StatusCode::BAD_REQUEST, "invalid_grant".into()));
    let r = h
        .post_form(
            "/token",
            &[("grant_type", "refresh_token"), ("client_id", &client.id), ("refresh_token", "made-up")],
            &[],
        )
        .await;
    assert_eq!(error_of(r), (StatusCode::BAD_REQUEST, "invalid_grant".into()));
}
