//! The Google grant the bearer check read, handed on to the same request's tool call: used as
//! is while its token is good, never for another account, and not once the token is due.

use super::harness::*;
use crate::Settings;
use crate::records::GoogleGrant;
use crate::tokens::google_key;

/// Checks the bearer token the way `/mcp` does; the grant it read on the way.
async fn check(h: &Harness, tokens: &serde_json::Value) -> crate::CheckedGrant {
    let header = format!("Bearer {}", tokens["access_token"].as_str().unwrap());
    let (identity, grant) = h.server.verify_bearer_with_grant(Some(&header)).await.unwrap();
    assert_eq!(identity.email, USER);
    grant
}

#[tokio::test]
async fn the_checked_grant_spares_a_read_of_the_store() {
    let h = harness(Settings::default()).await;
    let (_, tokens) = h.tokens().await;
    let checked = check(&h, &tokens).await;
    let stored = h.server.google_access_token(USER, &[GMAIL_READONLY], None).await.unwrap();
    // With the stored grant gone, only the checked one can answer: proof the store was not read.
    h.server.store.delete(&google_key(USER)).await.unwrap();
    let handed = h.server.google_access_token(USER, &[GMAIL_READONLY], Some(&checked)).await.unwrap();
    assert_eq!(handed.expose(), stored.expose());
    assert!(matches!(
        h.server.google_access_token(USER, &[GMAIL_READONLY], None).await,
        Err(crate::GoogleTokenError::SignInAgain(_))
    ));
    // Its scopes are still checked.
    let calendar = ["https://www.googleapis.com/auth/calendar"];
    assert!(matches!(
        h.server.google_access_token(USER, &calendar, Some(&checked)).await,
        Err(crate::GoogleTokenError::MissingScopes(_))
    ));
}

#[tokio::test]
async fn the_checked_grant_is_not_used_for_another_account() {
    let h = harness(Settings::default()).await;
    let (_, tokens) = h.tokens().await;
    let checked = check(&h, &tokens).await;
    let other = "someone.else@example.com";
    assert!(matches!(
        h.server.google_access_token(other, &[], Some(&checked)).await,
        Err(crate::GoogleTokenError::SignInAgain(_))
    ));
}

#[tokio::test]
async fn a_checked_grant_due_for_refresh_goes_to_the_store_and_google() {
    let h = harness(Settings::default()).await;
    let (_, tokens) = h.tokens().await;
    // The grant as the check reads it carries an expired Google token.
    let key = google_key(USER);
    let mut grant: GoogleGrant = h.server.store.get(&key).await.unwrap().unwrap();
    let expired = grant.access_token.clone();
    grant.expires_at = 1;
    h.server.store.put(&key, &grant, None).await.unwrap();
    let checked = check(&h, &tokens).await;
    let fresh = h.server.google_access_token(USER, &[GMAIL_READONLY], Some(&checked)).await.unwrap();
    assert_ne!(fresh.expose(), expired, "refreshed at Google rather than handed the expired token");
}
