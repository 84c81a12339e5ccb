//! The Google side: the sign-in link (PKCE, only the asked-for scopes), the code exchange at
//! the callback, and the user's Google tokens, refreshed by one replica at a time.
//!
//! Google refusing a refresh (the user revoked access, or the grant expired) deletes the
//! stored grant, which kills every token family issued under it (see `tokens.rs`). Our refresh
//! grant always re-checks with Google, so a revocation at Google is noticed at the latest when
//! the client next refreshes, a delay bounded by the access-token lifetime; `/mcp` requests
//! themselves never wait on Google.

use std::time::Duration;

use wsmcp_auth::{AuthError, Secret, google as google_api};

use crate::crypto::sha256_b64;
use crate::errors::GoogleTokenError;
use crate::records::GoogleGrant;
use crate::server::{AuthServer, now};
use crate::store::key;
use crate::tokens::{CheckedGrant, google_key};

/// Refresh this long before Google's stated expiry.
const REFRESH_MARGIN: u64 = 60;
/// A refresh within this window counts as a fresh check of the grant.
const RECENTLY_CHECKED: u64 = 60;
/// How long one replica may hold a user's refresh lock (a stuck Google call times out sooner).
const LOCK_TTL: Duration = Duration::from_secs(30);
const LOCK_POLL: Duration = Duration::from_millis(100);
const LOCK_WAIT: Duration = Duration::from_secs(15);

/// What to do with the stored grant before handing a token out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Freshness {
    /// Refresh only when the access token is about to expire (tool calls).
    WhenDue,
    /// Ask Google unless another replica did so moments ago (our refresh grant).
    CheckWithGoogle,
}

impl AuthServer {
    /// Google's authorization URL for an approved request.
    pub(crate) fn google_sign_in_url(&self, state: &str, verifier: &str, scopes: &[String]) -> String {
        let mut all: Vec<&str> = scopes.iter().map(String::as_str).collect();
        for s in wsmcp_auth::scopes::IDENTITY_SCOPES {
            if !all.contains(&s) {
                all.push(s);
            }
        }
        let client = &self.upstream.client;
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", &client.client_id)
            .append_pair("redirect_uri", &client.redirect_uri)
            .append_pair("scope", &all.join(" "))
            .append_pair("state", state)
            .append_pair("code_challenge", &sha256_b64(verifier.as_bytes()))
            .append_pair("code_challenge_method", "S256")
            .append_pair("access_type", "offline")
            .append_pair("prompt", "consent")
            .append_pair("include_granted_scopes", "true");
        let auth = &self.upstream.endpoints.auth_url;
        let sep = if auth.contains('?') { '&' } else { '?' };
        format!("{auth}{sep}{}", query.finish())
    }

    /// Exchanges Google's code, learns who signed in (returned with the grant), and stores the grant (keeping the
    /// grant's epoch when the user already had one, so their other clients keep working).
    pub(crate) async fn complete_google(&self, code: &str, verifier: &str) -> Result<(String, GoogleGrant), AuthError> {
        let client = &self.upstream.client;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", client.redirect_uri.as_str()),
            ("client_id", client.client_id.as_str()),
            ("code_verifier", verifier),
        ];
        if let Some(secret) = &client.client_secret {
            form.push(("client_secret", secret.expose()));
        }
        let http = &self.upstream.http;
        let endpoints = &self.upstream.endpoints;
        let reply = google_api::token_request(http, &endpoints.token_url, &form, "authorization code exchange").await?;
        let email = google_api::userinfo_email(http, &endpoints.userinfo_url, &reply.access_token).await?;
        let email = wsmcp_auth::normalize_email(&email)?;
        let previous: Option<GoogleGrant> = self.store.get(&google_key(&email)).await.ok().flatten();
        let grant = GoogleGrant {
            access_token: reply.access_token.expose().to_string(),
            refresh_token: reply
                .refresh_token
                .map(|r| r.expose().to_string())
                .or_else(|| previous.as_ref().and_then(|p| p.refresh_token.clone())),
            expires_at: reply.expiry.map(|e| e.timestamp().max(0) as u64).unwrap_or_default(),
            scopes: reply.scopes.unwrap_or_default(),
            epoch: previous.map(|p| p.epoch).unwrap_or_else(|| self.store.keys().random_token(12)),
            refreshed_at: now(),
        };
        self.save_grant(&email, &grant)
            .await
            .map_err(|e| AuthError::BadResponse { during: "storing the Google grant", detail: e.to_string() })?;
        tracing::info!(user = %email, "OAuth 2.1: Google sign-in completed");
        Ok((email, grant))
    }

    async fn save_grant(&self, email: &str, grant: &GoogleGrant) -> Result<(), wsmcp_kv::KvError> {
        // Kept as long as a refresh token of ours could still use it.
        self.store.put(&google_key(email), grant, Some(self.settings.refresh_ttl)).await
    }

    /// A Google access token for a tool call acting for `email`, covering `scopes`. `checked`, the
    /// grant the request's bearer check read, is used as it is unless it is due for refresh.
    pub async fn google_access_token(
        &self,
        email: &str,
        scopes: &[&str],
        checked: Option<&CheckedGrant>,
    ) -> Result<Secret, GoogleTokenError> {
        let grant = match checked.and_then(|c| c.for_user(email)) {
            Some(grant) if !due(grant, Freshness::WhenDue) => grant.clone(),
            _ => self.fresh_grant(email, Freshness::WhenDue).await?,
        };
        let missing = wsmcp_auth::scopes::missing_scopes(&grant.scopes, scopes);
        if !missing.is_empty() {
            return Err(GoogleTokenError::MissingScopes(missing));
        }
        Ok(Secret::new(grant.access_token))
    }

    /// Our refresh grant's check that Google still honours the user's grant.
    pub(crate) async fn check_google_grant(&self, email: &str) -> Result<(), GoogleTokenError> {
        self.fresh_grant(email, Freshness::CheckWithGoogle).await.map(drop)
    }

    async fn fresh_grant(&self, email: &str, freshness: Freshness) -> Result<GoogleGrant, GoogleTokenError> {
        let unavailable = |e: wsmcp_kv::KvError| GoogleTokenError::Unavailable(e.to_string());
        let gkey = google_key(email);
        let lock = key("google-lock", &email.to_ascii_lowercase());
        let waited_since = tokio::time::Instant::now();
        loop {
            let grant: GoogleGrant = self.store.get(&gkey).await.map_err(unavailable)?.ok_or_else(|| {
                GoogleTokenError::SignInAgain(format!(
                    "no Google authorization is stored for {email}; the MCP client must sign in again"
                ))
            })?;
            if !due(&grant, freshness) {
                return Ok(grant);
            }
            if self.store.put_if_absent(&lock, &1u8, Some(LOCK_TTL)).await.map_err(unavailable)? {
                let result = self.refresh_google(email, grant).await;
                let _ = self.store.delete(&lock).await;
                return result;
            }
            // Another replica is refreshing: wait for its result rather than refresh twice.
            if waited_since.elapsed() > LOCK_WAIT {
                return Err(GoogleTokenError::Unavailable("another refresh of this Google grant is stuck".into()));
            }
            tokio::time::sleep(LOCK_POLL).await;
        }
    }

    async fn refresh_google(&self, email: &str, grant: GoogleGrant) -> Result<GoogleGrant, GoogleTokenError> {
        let Some(refresh) = grant.refresh_token.clone() else {
            self.forget_google_grant(email).await;
            return Err(GoogleTokenError::SignInAgain("Google gave no refresh token; sign in again".into()));
        };
        let client = &self.upstream.client;
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.as_str()),
            ("client_id", client.client_id.as_str()),
        ];
        if let Some(secret) = &client.client_secret {
            form.push(("client_secret", secret.expose()));
        }
        let url = &self.upstream.endpoints.token_url;
        match google_api::token_request(&self.upstream.http, url, &form, "token refresh").await {
            Ok(reply) => {
                let fresh = GoogleGrant {
                    access_token: reply.access_token.expose().to_string(),
                    refresh_token: reply.refresh_token.map(|r| r.expose().to_string()).or(Some(refresh)),
                    expires_at: reply.expiry.map(|e| e.timestamp().max(0) as u64).unwrap_or_default(),
                    scopes: reply.scopes.unwrap_or(grant.scopes),
                    epoch: grant.epoch,
                    refreshed_at: now(),
                };
                self.save_grant(email, &fresh).await.map_err(|e| GoogleTokenError::Unavailable(e.to_string()))?;
                Ok(fresh)
            }
            Err(AuthError::OAuth { error, .. }) if error == "invalid_grant" => {
                tracing::warn!(user = %email, "Google refused the refresh; revoking this user's tokens");
                self.forget_google_grant(email).await;
                Err(GoogleTokenError::SignInAgain(format!(
                    "Google no longer accepts the authorization of {email} (revoked or expired); the MCP client must \
                     sign in again"
                )))
            }
            Err(e) => Err(GoogleTokenError::Unavailable(e.to_string())),
        }
    }

    /// Deletes the user's Google grant, and with it (by its epoch) every token we issued for it.
    pub(crate) async fn forget_google_grant(&self, email: &str) {
        if let Err(e) = self.store.delete(&google_key(email)).await {
            tracing::warn!(error = %e, "could not delete a revoked Google grant");
        }
    }
}

fn due(grant: &GoogleGrant, freshness: Freshness) -> bool {
    let now = now();
    let expiring = grant.expires_at != 0 && grant.expires_at <= now + REFRESH_MARGIN;
    match freshness {
        Freshness::WhenDue => expiring,
        Freshness::CheckWithGoogle => expiring || grant.refreshed_at + RECENTLY_CHECKED <= now,
    }
}
