//! `POST /revoke` (RFC 7009): a client revokes one of its tokens; the whole family goes with
//! it. The reply is 200 whether or not the token was known, so it reveals nothing.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};

use super::parse_form;
use crate::errors::{OAuthError, no_store};
use crate::jwt;
use crate::records::RefreshGrant;
use crate::server::AuthServer;
use crate::store::key;

pub async fn revoke(State(s): State<Arc<AuthServer>>, headers: HeaderMap, body: Bytes) -> Response {
    let mut r = match s.revoke(&headers, &body).await {
        Ok(()) => StatusCode::OK.into_response(),
        Err(e) => e.into_response(),
    };
    no_store(&mut r);
    super::allow_any_origin(r)
}

impl AuthServer {
    async fn revoke(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), OAuthError> {
        let (form, _) = parse_form(body);
        let client = self.authenticate_client(headers, &form).await?;
        let token = form.get("token").ok_or_else(|| OAuthError::invalid_request("token is missing"))?;
        // An access token, expired or not (now = 0 skips the expiry check).
        if let Ok(claims) = jwt::verify(self.store.keys(), token, &self.issuer, &self.resource, 0) {
            if claims.client_id == client.client_id {
                self.revoke_family(&claims.fam).await;
            }
            return Ok(());
        }
        let rkey = key("refresh", token);
        if let Some(grant) = self.store.get::<RefreshGrant>(&rkey).await?
            && grant.client_id == client.client_id
        {
            self.store.delete(&rkey).await?;
            self.revoke_family(&grant.family).await;
        }
        Ok(())
    }
}
