//! End-to-end: sign-in, refresh and error mapping against a fake Google.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use base64::Engine as _;
use chrono::{TimeDelta, Utc};
use sha2::{Digest, Sha256};
use wsmcp_auth::{AuthError, AuthFlows, Credentials, Endpoints, OAuthClientConfig, Secret, StoredToken, TokenStore};

const GMAIL_READ: &str = "https://www.googleapis.com/auth/gmail.readonly";

fn client() -> OAuthClientConfig {
    OAuthClientConfig {
        client_id: "cid.apps.googleusercontent.com".into(),
        client_secret: Some(Secret::new("client-secret")),
        redirect_uri: "http://localhost:8000/oauth2callback".into(),
    }
}

fn expired_token(email: &str) -> StoredToken {
    StoredToken {
        access_token: Secret::new("ya29.stale"),
        refresh_token: Some(Secret::new("1//old-refresh")),
        expiry: Some(Utc::now() - TimeDelta::minutes(5)),
        scopes: vec![GMAIL_READ.into()],
        email: email.into(),
        client_id: client().client_id,
    }
}

#[tokio::test]
async fn sign_in_builds_a_pkce_url_and_stores_the_token() {
    let (base, fake) = common::start("user@example.com", &format!("openid {GMAIL_READ}")).await;
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    let flows = AuthFlows::new(client(), Endpoints::with_base(&base), store.clone());

    let start = flows.start(Some("User@Example.com"), &[GMAIL_READ.to_string()], Some("session-1".into()));
    let url = url::Url::parse(&start.url).unwrap();
    assert_eq!(url.path(), "/accounts.google.com/o/oauth2/auth");
    let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], "cid.apps.googleusercontent.com");
    assert_eq!(q["redirect_uri"], "http://localhost:8000/oauth2callback");
    assert_eq!(q["scope"], format!("{GMAIL_READ} openid https://www.googleapis.com/auth/userinfo.email"));
    assert_eq!(q["state"], start.state);
    assert_eq!(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&start.state).unwrap().len(), 32);
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["access_type"], "offline");
    assert_eq!(q["prompt"], "consent");
    assert_eq!(q["include_granted_scopes"], "true");
    assert_eq!(q["login_hint"], "User@Example.com");
    assert_eq!(flows.pending_count(), 1);

    let http = common::http();
    let done = flows.complete(&http, &start.state, "good-code").await.unwrap();
    assert_eq!(done.email, "user@example.com");
    assert_eq!(done.binding.as_deref(), Some("session-1"));

    // The verifier sent to the token endpoint hashes to the challenge in the URL.
    let form = fake.lock().unwrap().forms[0].clone();
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["client_secret"], "client-secret");
    assert_eq!(form["redirect_uri"], "http://localhost:8000/oauth2callback");
    let verifier = &form["code_verifier"];
    assert_eq!(verifier.len(), 64);
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    assert_eq!(challenge, q["code_challenge"]);

    let stored = TokenStore::open(dir.path(), None).unwrap().load("user@example.com").unwrap().unwrap();
    assert_eq!(stored.access_token.expose(), "ya29.from-code");
    assert_eq!(stored.refresh_token.unwrap().expose(), "1//from-code");
    assert_eq!(stored.scopes, ["openid", GMAIL_READ]);
    assert!(stored.expiry.unwrap() > Utc::now() + TimeDelta::minutes(58));

    // A state works once.
    let again = flows.complete(&http, &start.state, "good-code").await.unwrap_err();
    assert!(matches!(again, AuthError::UnknownState), "{again}");
}

#[tokio::test]
async fn a_different_account_is_refused_and_not_stored() {
    let (base, _fake) = common::start("intruder@example.com", "openid").await;
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    let flows = AuthFlows::new(client(), Endpoints::with_base(&base), store.clone());
    let start = flows.start(Some("user@example.com"), &[], None);
    let err = flows.complete(&common::http(), &start.state, "good-code").await.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, AuthError::EmailMismatch { .. }), "{msg}");
    assert!(msg.contains("user@example.com") && msg.contains("intruder@example.com"), "{msg}");
    assert!(store.list_users().unwrap().is_empty());
}

#[tokio::test]
async fn expired_and_unknown_states_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    let flows = AuthFlows::new(client(), Endpoints::with_base("http://127.0.0.1:9"), store).with_ttl(TimeDelta::zero());
    let start = flows.start(None, &[], None);
    assert!(!start.url.contains("login_hint"));
    let http = common::http();
    assert!(matches!(flows.complete(&http, &start.state, "c").await, Err(AuthError::StateExpired)));
    assert!(matches!(flows.complete(&http, "nope", "c").await, Err(AuthError::UnknownState)));
}

#[tokio::test]
async fn refresh_keeps_the_old_refresh_token() {
    let (base, fake) = common::start("user@example.com", "").await;
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    store.save(&expired_token("user@example.com")).unwrap();
    let creds = Credentials::new(client(), Endpoints::with_base(&base), store);

    let token = creds.access_token(&common::http(), "user@example.com", &[GMAIL_READ]).await.unwrap();
    assert_eq!(token.expose(), "ya29.refreshed-1");
    let form = fake.lock().unwrap().forms[0].clone();
    assert_eq!(form["grant_type"], "refresh_token");
    assert_eq!(form["refresh_token"], "1//old-refresh");

    let stored = TokenStore::open(dir.path(), None).unwrap().load("user@example.com").unwrap().unwrap();
    assert_eq!(stored.access_token.expose(), "ya29.refreshed-1");
    assert_eq!(stored.refresh_token.unwrap().expose(), "1//old-refresh");
    assert_eq!(stored.scopes, [GMAIL_READ]);
    assert!(stored.expiry.unwrap() > Utc::now() + TimeDelta::minutes(58));

    // Now fresh: served without another refresh.
    creds.access_token(&common::http(), "user@example.com", &[GMAIL_READ]).await.unwrap();
    assert_eq!(fake.lock().unwrap().refresh_count, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_share_one_refresh() {
    let (base, fake) = common::start("user@example.com", "").await;
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    store.save(&expired_token("user@example.com")).unwrap();
    let creds = Arc::new(Credentials::new(client(), Endpoints::with_base(&base), store));
    let http = common::http();

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (creds, http) = (creds.clone(), http.clone());
        tasks.spawn(async move { creds.access_token(&http, "user@example.com", &[GMAIL_READ]).await });
    }
    while let Some(result) = tasks.join_next().await {
        assert_eq!(result.unwrap().unwrap().expose(), "ya29.refreshed-1");
    }
    assert_eq!(fake.lock().unwrap().refresh_count, 1);
}

#[tokio::test]
async fn revoked_grant_means_not_authorized() {
    let (base, fake) = common::start("user@example.com", "").await;
    fake.lock().unwrap().revoked = true;
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    store.save(&expired_token("user@example.com")).unwrap();
    let creds = Credentials::new(client(), Endpoints::with_base(&base), store);
    let err = creds.access_token(&common::http(), "user@example.com", &[]).await.unwrap_err();
    assert!(matches!(err, AuthError::NotAuthorized { .. }), "{err}");
    assert!(err.to_string().contains("revoked"), "{err}");
    assert!(err.needs_authorization());
}

#[tokio::test]
async fn unknown_users_scopes_and_network_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    store.save(&expired_token("user@example.com")).unwrap();
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let creds = Credentials::new(client(), Endpoints::with_base(&format!("http://{closed}")), store);
    let http = common::http();

    let err = creds.access_token(&http, "nobody@example.com", &[]).await.unwrap_err();
    assert!(matches!(err, AuthError::NotAuthorized { .. }), "{err}");
    let err =
        creds.access_token(&http, "user@example.com", &[GMAIL_READ, "https://www.googleapis.com/auth/drive"]).await;
    match err {
        Err(AuthError::MissingScopes(m)) => {
            assert_eq!(m, ["https://www.googleapis.com/auth/drive"])
        }
        other => panic!("expected MissingScopes, got {other:?}"),
    }
    let err = creds.access_token(&http, "user@example.com", &[GMAIL_READ]).await.unwrap_err();
    assert!(matches!(err, AuthError::Network { .. }), "{err}");
    assert!(!format!("{err:?}").contains("1//old-refresh"), "secrets must not leak into errors");
}
