//! Access tokens for API calls: load, check scopes, refresh when due.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{TimeDelta, Utc};

use crate::google;
use crate::scopes::missing_scopes;
use crate::store::normalize_email;
use crate::{AuthError, Endpoints, OAuthClientConfig, Secret, StoredToken, TokenStore};

/// Refresh this long before the stated expiry, so a token does not lapse
/// between being handed out and being used.
const REFRESH_MARGIN: TimeDelta = TimeDelta::seconds(60);

/// Hands out valid access tokens for stored accounts.
pub struct Credentials {
    client: OAuthClientConfig,
    endpoints: Endpoints,
    store: TokenStore,
    /// One lock per account so concurrent callers share a single refresh.
    refresh_locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl Credentials {
    pub fn new(client: OAuthClientConfig, endpoints: Endpoints, store: TokenStore) -> Self {
        Self { client, endpoints, store, refresh_locks: Mutex::new(HashMap::new()) }
    }

    pub fn store(&self) -> &TokenStore {
        &self.store
    }

    /// A valid access token for `email` that covers `required_scopes`, refreshing
    /// it first if it expires within a minute. Loads are served from the store's
    /// in-memory cache (one `stat` per call), so this is cheap on the hot path.
    pub async fn access_token(
        &self,
        http: &reqwest::Client,
        email: &str,
        required_scopes: &[&str],
    ) -> Result<Secret, AuthError> {
        let email = normalize_email(email)?;
        let token = self.load_checked(&email, required_scopes)?;
        if !needs_refresh(&token) {
            return Ok(token.access_token);
        }
        let lock = self.refresh_lock(&email);
        let _guard = lock.lock().await;
        // Whoever held the lock before us may have refreshed already.
        let token = self.load_checked(&email, required_scopes)?;
        if !needs_refresh(&token) {
            return Ok(token.access_token);
        }
        match self.refresh(http, token.clone()).await {
            Ok(fresh) => {
                let missing = missing_scopes(&fresh.scopes, required_scopes);
                if !missing.is_empty() {
                    return Err(AuthError::MissingScopes(missing));
                }
                Ok(fresh.access_token)
            }
            // Google is unreachable but the token has not actually lapsed yet
            // (we refresh a minute early): use it rather than fail the call.
            Err(e @ AuthError::Network { .. }) => match token.expiry {
                Some(exp) if exp > Utc::now() => {
                    tracing::warn!(user = %email, error = %e, "token refresh failed; using the unexpired token");
                    Ok(token.access_token)
                }
                _ => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// Revokes the account's grant at Google and forgets it locally. The local
    /// copy is deleted even when Google cannot be reached; that error is returned.
    pub async fn revoke(&self, http: &reqwest::Client, email: &str) -> Result<(), AuthError> {
        let email = normalize_email(email)?;
        let remote = match self.store.load(&email)? {
            Some(t) => {
                let token = t.refresh_token.unwrap_or(t.access_token);
                google::revoke(http, &self.endpoints.revoke_url, &token).await
            }
            None => Ok(()),
        };
        let store = self.store.clone();
        blocking(&self.store, move || store.delete(&email)).await?;
        remote
    }

    fn load_checked(&self, email: &str, required: &[&str]) -> Result<StoredToken, AuthError> {
        let token = self.store.load(email)?.ok_or_else(|| AuthError::NotAuthorized {
            email: email.to_owned(),
            reason: "no stored Google credentials".into(),
        })?;
        let missing = missing_scopes(&token.scopes, required);
        if missing.is_empty() { Ok(token) } else { Err(AuthError::MissingScopes(missing)) }
    }

    fn refresh_lock(&self, email: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.refresh_locks.lock().unwrap_or_else(PoisonError::into_inner);
        locks.entry(email.to_owned()).or_default().clone()
    }

    async fn refresh(&self, http: &reqwest::Client, old: StoredToken) -> Result<StoredToken, AuthError> {
        let not_authorized = |reason: String| AuthError::NotAuthorized { email: old.email.clone(), reason };
        if !old.client_id.is_empty() && old.client_id != self.client.client_id {
            return Err(not_authorized(format!(
                "the stored token was issued to OAuth client {}, but this server uses {}",
                old.client_id, self.client.client_id
            )));
        }
        let Some(refresh_token) = &old.refresh_token else {
            return Err(not_authorized("the access token expired and no refresh token is stored".into()));
        };
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
            ("client_id", self.client.client_id.as_str()),
        ];
        if let Some(secret) = &self.client.client_secret {
            form.push(("client_secret", secret.expose()));
        }
        let reply = match google::token_request(http, &self.endpoints.token_url, &form, "token refresh").await {
            Err(AuthError::OAuth { error, description, .. }) if error == "invalid_grant" => {
                let detail = description.map(|d| format!(" ({d})")).unwrap_or_default();
                return Err(not_authorized(format!("Google says the grant was revoked or has expired{detail}")));
            }
            other => other?,
        };
        let fresh = StoredToken {
            access_token: reply.access_token,
            // Google usually omits the refresh token on refresh: the old one stays valid.
            refresh_token: reply.refresh_token.or_else(|| old.refresh_token.clone()),
            expiry: reply.expiry,
            scopes: reply.scopes.unwrap_or_else(|| old.scopes.clone()),
            email: old.email.clone(),
            client_id: self.client.client_id.clone(),
        };
        let store = self.store.clone();
        let to_save = fresh.clone();
        blocking(&self.store, move || store.save(&to_save)).await?;
        tracing::debug!(user = %fresh.email, "refreshed access token");
        Ok(fresh)
    }
}

fn needs_refresh(token: &StoredToken) -> bool {
    token.access_token.expose().is_empty() || token.expiry.is_some_and(|exp| exp - REFRESH_MARGIN <= Utc::now())
}

/// Runs file I/O (a save fsyncs) off the async worker threads.
pub(crate) async fn blocking<T: Send + 'static>(
    store: &TokenStore,
    f: impl FnOnce() -> Result<T, AuthError> + Send + 'static,
) -> Result<T, AuthError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AuthError::io("access", store.dir(), std::io::Error::other(e.to_string())))?
}
