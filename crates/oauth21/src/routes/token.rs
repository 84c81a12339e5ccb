//! `POST /token`: the authorization-code grant (PKCE verified, a code works once; a replayed
//! code revokes what its first exchange issued) and the refresh-token grant (rotation; a reused
//! refresh token revokes its family; the user's Google grant is re-checked).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::HeaderMap;

use super::parse_form;
use crate::crypto::pkce_matches;
use crate::errors::{GoogleTokenError, OAuthError, no_store};
use crate::records::{CodeGrant, Family, RefreshGrant};
use crate::server::{AuthServer, CODE_TTL};
use crate::store::{Slots, key};
use crate::tokens::family_key;

type Form = std::collections::HashMap<String, String>;

pub async fn token(State(s): State<Arc<AuthServer>>, headers: HeaderMap, body: Bytes) -> Response {
    let mut r = match s.token(&headers, &body).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    };
    no_store(&mut r);
    super::allow_any_origin(r)
}

impl AuthServer {
    async fn token(&self, headers: &HeaderMap, body: &[u8]) -> Result<serde_json::Value, OAuthError> {
        let (form, repeated) = parse_form(body);
        if repeated {
            return Err(OAuthError::invalid_request("a parameter was sent more than once"));
        }
        let client = self.authenticate_client(headers, &form).await?;
        let grant_type = form.get("grant_type").ok_or_else(|| OAuthError::invalid_request("grant_type is missing"))?;
        if let Some(resource) = form.get("resource")
            && resource.trim_end_matches('/') != self.resource
        {
            return Err(OAuthError::new("invalid_target", "resource must be this server's MCP endpoint"));
        }
        match grant_type.as_str() {
            "authorization_code" => self.exchange_code(&client.client_id, &form).await,
            "refresh_token" => self.refresh(&client.client_id, &form).await,
            other => Err(OAuthError::new("unsupported_grant_type", format!("grant_type {other} is not supported"))),
        }
    }

    async fn exchange_code(&self, client_id: &str, form: &Form) -> Result<serde_json::Value, OAuthError> {
        let code = form.get("code").ok_or_else(|| OAuthError::invalid_request("code is missing"))?;
        let verifier =
            form.get("code_verifier").ok_or_else(|| OAuthError::invalid_request("code_verifier is missing (PKCE)"))?;
        let grant: Option<CodeGrant> = self.store.take(&key("code", code)).await?;
        let Some(grant) = grant else {
            // Used before: whoever holds the first exchange's tokens may be a thief (RFC 6749 §4.1.2).
            if let Some(family) = self.store.get::<String>(&key("code-used", code)).await? {
                tracing::warn!("OAuth 2.1: an authorization code was replayed; revoking what it issued");
                self.revoke_family(&family).await;
            }
            return Err(OAuthError::invalid_grant("the code is invalid, expired or already used"));
        };
        self.store.put(&key("code-used", code), &grant.family, Some(CODE_TTL * 2)).await?;
        Slots::release(&self.store, &grant.slot).await;
        if grant.request.client_id != client_id {
            return Err(OAuthError::invalid_grant("the code was issued to another client"));
        }
        if form.get("redirect_uri").is_some_and(|r| *r != grant.request.redirect_uri) {
            return Err(OAuthError::invalid_grant("redirect_uri differs from the authorization request's"));
        }
        if !pkce_matches(verifier, &grant.request.code_challenge) {
            return Err(OAuthError::invalid_grant("code_verifier does not match the code_challenge"));
        }
        self.open_family(&grant.family, &grant.email, client_id).await?;
        tracing::info!(user = %grant.email, client = %client_id, "OAuth 2.1: tokens issued");
        self.issue(&grant.family, &grant.email, client_id, &grant.scopes).await
    }

    async fn refresh(&self, client_id: &str, form: &Form) -> Result<serde_json::Value, OAuthError> {
        let token = form.get("refresh_token").ok_or_else(|| OAuthError::invalid_request("refresh_token is missing"))?;
        let rkey = key("refresh", token);
        // Read first, check, and only then consume: a passing Google outage must not cost the
        // client its refresh token.
        let Some(grant) = self.store.get::<RefreshGrant>(&rkey).await? else {
            return Err(self.refresh_replayed(token).await);
        };
        if grant.client_id != client_id {
            return Err(OAuthError::invalid_grant("the refresh token was issued to another client"));
        }
        if self.live_grant(&grant.family, &grant.email).await?.is_none() {
            return Err(OAuthError::invalid_grant("the authorization was revoked; sign in again"));
        }
        match self.check_google_grant(&grant.email).await {
            Ok(()) => {}
            Err(GoogleTokenError::Unavailable(why)) => {
                tracing::warn!(error = %why, "OAuth 2.1: Google could not be asked during a refresh");
                return Err(OAuthError::server_error("Google could not be reached; retry shortly"));
            }
            Err(e) => return Err(OAuthError::invalid_grant(e.to_string())),
        }
        let scopes = match form.get("scope") {
            None => grant.scopes.clone(),
            Some(asked) => {
                let asked: Vec<String> = asked.split_whitespace().map(str::to_string).collect();
                if asked.iter().any(|s| !grant.scopes.contains(s)) {
                    return Err(OAuthError::new("invalid_scope", "a refresh may only narrow the granted scopes"));
                }
                asked
            }
        };
        if self.store.take::<RefreshGrant>(&rkey).await?.is_none() {
            // Another request consumed it between our read and take: a reuse.
            return Err(self.refresh_replayed(token).await);
        }
        self.store.put(&key("refresh-used", token), &grant.family, Some(self.settings.refresh_ttl)).await?;
        let family: Option<Family> = self.store.get(&family_key(&grant.family)).await?;
        if let Some(family) = family {
            // A rotation keeps the family alive as long as its newest refresh token.
            self.store.put(&family_key(&grant.family), &family, Some(self.settings.refresh_ttl)).await?;
        }
        self.issue(&grant.family, &grant.email, client_id, &scopes).await
    }

    async fn refresh_replayed(&self, token: &str) -> OAuthError {
        match self.store.get::<String>(&key("refresh-used", token)).await {
            Ok(Some(family)) => {
                tracing::warn!("OAuth 2.1: a rotated refresh token was reused; revoking its family");
                self.revoke_family(&family).await;
            }
            Ok(None) => {}
            Err(e) => return e.into(),
        }
        OAuthError::invalid_grant("the refresh token is invalid, expired or already used")
    }
}
