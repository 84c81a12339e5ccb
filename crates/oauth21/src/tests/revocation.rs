use http::StatusCode;

use super::harness::*;
use crate::Settings;
use crate::records::GoogleGrant;
use crate::tokens::google_key;

#[tokio::test]
async fn a_replayed_code_is_refused_and_revokes_what_it_issued() {
    let h = harness(Settings::default()).await;
    let client = h.public_client().await;
    let code = h.code_for(&client).await;
    let first = h.exchange(&client, &code).await.json();
    assert!(h.bearer_ok(&first["access_token"]).await);
    let replay = h.exchange(&client, &code).await;
    assert_eq!((replay.status, replay.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    assert!(!h.bearer_ok(&first["access_token"]).await, "the first exchange's access token is revoked");
    let r = h.refresh(&client, first["refresh_token"].as_str().unwrap()).await;
    assert_eq!(r.json()["error"], "invalid_grant", "and its refresh token");
}

#[tokio::test]
async fn a_reused_refresh_token_revokes_its_whole_family() {
    let h = harness(Settings::default()).await;
    let (client, first) = h.tokens().await;
    let second = h.refresh(&client, first["refresh_token"].as_str().unwrap()).await.json();
    assert!(h.bearer_ok(&second["access_token"]).await);
    let replay = h.refresh(&client, first["refresh_token"].as_str().unwrap()).await;
    assert_eq!((replay.status, replay.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    assert!(!h.bearer_ok(&second["access_token"]).await, "the family's newest access token is revoked");
    let r = h.refresh(&client, second["refresh_token"].as_str().unwrap()).await;
    assert_eq!(r.json()["error"], "invalid_grant", "and its newest refresh token");
    // Another client's family of the same user is untouched.
    let (_, other) = h.tokens().await;
    assert!(h.bearer_ok(&other["access_token"]).await);
}

#[tokio::test]
async fn revoking_a_token_revokes_its_family() {
    let h = harness(Settings::default()).await;
    let (client, tokens) = h.tokens().await;
    let r = h
        .post_form("/revoke", &[("token", tokens["refresh_token"].as_str().unwrap()), ("client_id", &client.id)], &[])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!h.bearer_ok(&tokens["access_token"]).await);
    // Unknown tokens are answered the same way (RFC 7009 §2.2).
    let r = h.post_form("/revoke", &[("token", "never-issued"), ("client_id", &client.id)], &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    let (client, tokens) = h.tokens().await;
    h.post_form("/revoke", &[("token", tokens["access_token"].as_str().unwrap()), ("client_id", &client.id)], &[])
        .await;
    assert!(!h.bearer_ok(&tokens["access_token"]).await);
    assert_eq!(h.refresh(&client, tokens["refresh_token"].as_str().unwrap()).await.json()["error"], "invalid_grant");
}

/// Makes the stored Google grant look old (checked long ago, or expired).
async fn age_grant(h: &Harness, expired: bool) {
    let key = google_key(USER);
    let mut grant: GoogleGrant = h.server.store.get(&key).await.unwrap().unwrap();
    grant.refreshed_at = 0;
    if expired {
        grant.expires_at = 1;
    }
    h.server.store.put(&key, &grant, None).await.unwrap();
}

#[tokio::test]
async fn a_google_revocation_ends_our_tokens_at_the_next_refresh() {
    let h = harness(Settings::default()).await;
    let (client, tokens) = h.tokens().await;
    let google_token = h.server.google_access_token(USER, &[], None).await.unwrap();
    // The user revokes the app at Google: the grant's tokens all die there.
    reqwest::Client::new()
        .post(format!("{}/oauth2.googleapis.com/revoke", h.google.base_url))
        .form(&[("token", google_token.expose())])
        .send()
        .await
        .unwrap();
    // Requests do not ask Google: the access token works until the client refreshes...
    assert!(h.bearer_ok(&tokens["access_token"]).await);
    age_grant(&h, false).await;
    let r = h.refresh(&client, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")), "{}", r.body);
    // ...and then every token of that user is dead.
    assert!(!h.bearer_ok(&tokens["access_token"]).await);
    assert!(matches!(
        h.server.google_access_token(USER, &[], None).await,
        Err(crate::GoogleTokenError::SignInAgain(_))
    ));
}

#[tokio::test]
async fn an_expired_google_token_is_refreshed_once_for_concurrent_callers() {
    let h = harness(Settings::default()).await;
    let _ = h.tokens().await;
    age_grant(&h, true).await;
    let before = token_calls(&h);
    let calls = (0..8).map(|_| h.server.google_access_token(USER, &[GMAIL_READONLY], None));
    let tokens: Vec<_> =
        futures::future::join_all(calls).await.into_iter().map(|t| t.unwrap().expose().to_string()).collect();
    assert_eq!(token_calls(&h) - before, 1, "one refresh at Google for eight callers");
    assert!(tokens.windows(2).all(|w| w[0] == w[1]), "all got the refreshed token");
}

fn token_calls(h: &Harness) -> usize {
    h.google.requests().iter().filter(|r| r.host == "oauth2.googleapis.com" && r.path == "/token").count()
}
