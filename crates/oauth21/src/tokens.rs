//! Our tokens: issuing an access token (JWT) and a refresh token into a family, rotating,
//! revoking, and checking a bearer token on `/mcp`.
//!
//! A family is the chain of tokens born from one authorization code. Refresh tokens rotate on
//! every use; a used one presented again (a stolen copy, or the thief's copy after the owner
//! rotated) revokes the family. Every access token names its family, and `/mcp` accepts it only
//! while the family lives and the user's Google grant is the one it was issued under, so a
//! revocation takes effect on the next request, not at the token's expiry.

use serde_json::{Value, json};

use crate::errors::{BearerError, OAuthError};
use crate::jwt::{self, Claims};
use crate::records::{Family, GoogleGrant, RefreshGrant};
use crate::server::{AuthServer, now};
use crate::store::key;

/// Who a valid bearer token acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The Google account (the token's `sub`).
    pub email: String,
    pub client_id: String,
    /// Google scope URLs the token may use.
    pub scopes: Vec<String>,
}

/// The user's Google grant as checking a bearer token read it from the store. A tool call of
/// the same request hands it to [`AuthServer::google_access_token`], which then need not read
/// the store again (one round trip to Valkey fewer per call) unless the token is due for refresh.
#[derive(Clone)]
pub struct CheckedGrant {
    email: String,
    grant: GoogleGrant,
}

impl CheckedGrant {
    /// The grant, when it belongs to `email` (the account the call acts for).
    pub(crate) fn for_user(&self, email: &str) -> Option<&GoogleGrant> {
        self.email.eq_ignore_ascii_case(email).then_some(&self.grant)
    }
}

/// Names the account only: the grant holds Google's tokens.
impl std::fmt::Debug for CheckedGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedGrant").field("email", &self.email).finish_non_exhaustive()
    }
}

pub(crate) fn family_key(id: &str) -> String {
    format!("oauth21:family:{id}")
}

pub(crate) fn google_key(email: &str) -> String {
    key("google", &email.to_ascii_lowercase())
}

impl AuthServer {
    /// Starts a family for a code being exchanged (its id was fixed when the code was made).
    pub(crate) async fn open_family(&self, id: &str, email: &str, client_id: &str) -> Result<(), OAuthError> {
        let grant: Option<GoogleGrant> = self.store.get(&google_key(email)).await?;
        let Some(grant) = grant else {
            return Err(OAuthError::invalid_grant("the Google sign-in behind this code is gone; authorize again"));
        };
        let family = Family { email: email.to_string(), client_id: client_id.to_string(), epoch: grant.epoch };
        self.store.put(&family_key(id), &family, Some(self.settings.refresh_ttl)).await?;
        Ok(())
    }

    /// A fresh access token and refresh token in `family`: the token endpoint's JSON reply.
    pub(crate) async fn issue(
        &self,
        family: &str,
        email: &str,
        client_id: &str,
        scopes: &[String],
    ) -> Result<Value, OAuthError> {
        let keys = self.store.keys();
        let iat = now();
        let access_ttl = self.settings.access_ttl.as_secs();
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.resource.clone(),
            sub: email.to_string(),
            iat,
            exp: iat + access_ttl,
            jti: keys.random_token(16),
            client_id: client_id.to_string(),
            scope: scopes.join(" "),
            fam: family.to_string(),
        };
        let access_token = jwt::sign(keys, &claims);
        let refresh_token = keys.random_token(32);
        let grant = RefreshGrant {
            family: family.to_string(),
            client_id: client_id.to_string(),
            email: email.to_string(),
            scopes: scopes.to_vec(),
        };
        self.store.put(&key("refresh", &refresh_token), &grant, Some(self.settings.refresh_ttl)).await?;
        Ok(json!({
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": access_ttl,
            "refresh_token": refresh_token,
            "scope": claims.scope,
        }))
    }

    /// Revokes every token of a family.
    pub(crate) async fn revoke_family(&self, id: &str) {
        if let Err(e) = self.store.delete(&family_key(id)).await {
            tracing::warn!(error = %e, "could not revoke a token family");
        }
    }

    /// The user's current Google grant, when the family lives and was issued under it.
    pub(crate) async fn live_grant(&self, id: &str, email: &str) -> Result<Option<GoogleGrant>, OAuthError> {
        let family: Option<Family> = self.store.get(&family_key(id)).await?;
        let Some(family) = family.filter(|f| f.email.eq_ignore_ascii_case(email)) else {
            return Ok(None);
        };
        let grant: Option<GoogleGrant> = self.store.get(&google_key(email)).await?;
        Ok(grant.filter(|g| g.epoch == family.epoch))
    }

    /// Checks `Authorization: Bearer …` for `/mcp`: our signature, issuer, audience (this MCP
    /// URL), expiry, and a live family. No call to Google.
    pub async fn verify_bearer(&self, authorization: Option<&str>) -> Result<Identity, BearerError> {
        self.verify_bearer_with_grant(authorization).await.map(|(identity, _)| identity)
    }

    /// [`Self::verify_bearer`], with the user's Google grant it read on the way, for the request's
    /// tool call to use.
    pub async fn verify_bearer_with_grant(
        &self,
        authorization: Option<&str>,
    ) -> Result<(Identity, CheckedGrant), BearerError> {
        let token = authorization
            .and_then(|h| h.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim())
            .filter(|t| !t.is_empty())
            .ok_or(BearerError::Missing)?;
        let claims = jwt::verify(self.store.keys(), token, &self.issuer, &self.resource, now())
            .map_err(|e| BearerError::Invalid(e.to_string()))?;
        let grant = match self.live_grant(&claims.fam, &claims.sub).await {
            Ok(Some(grant)) => grant,
            Ok(None) => return Err(BearerError::Invalid("revoked".into())),
            Err(_) => return Err(BearerError::Unavailable),
        };
        let identity = Identity {
            email: claims.sub,
            client_id: claims.client_id,
            scopes: claims.scope.split_whitespace().map(str::to_string).collect(),
        };
        let checked = CheckedGrant { email: identity.email.clone(), grant };
        Ok((identity, checked))
    }

    /// The `WWW-Authenticate` value of a 401 from `/mcp` (RFC 9728 §5.1).
    pub fn challenge(&self, error: &BearerError) -> String {
        error.challenge(&self.resource_metadata_url(), &self.scopes)
    }

    /// The `WWW-Authenticate` value of a 403 when a tool needs scopes the token lacks.
    pub fn insufficient_scope(&self, needed: &[String]) -> String {
        crate::errors::insufficient_scope_challenge(&self.resource_metadata_url(), needed)
    }
}
