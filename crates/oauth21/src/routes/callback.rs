//! `GET /oauth2callback`: Google sends the browser back here. The code is exchanged (with our
//! PKCE verifier), the user's Google tokens are stored sealed, and the browser goes on to the
//! client with our own one-time code.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

use super::{back_to_client, error_to_client};
use crate::page;
use crate::records::{CodeGrant, PendingSignIn};
use crate::server::{AuthServer, CODE_TTL};
use crate::store::{Slots, key};

pub async fn google_returned(State(s): State<Arc<AuthServer>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(state) = q.get("state") else {
        return page::error(StatusCode::BAD_REQUEST, "Google's reply has no state; restart from the application.");
    };
    let signin: PendingSignIn = match s.store.take(&key("signin", state)).await {
        Ok(Some(p)) => p,
        Ok(None) => {
            return page::error(
                StatusCode::BAD_REQUEST,
                "This sign-in expired or was already completed; restart it from the application.",
            );
        }
        Err(e) => return crate::errors::OAuthError::from(e).into_response(),
    };
    Slots::release(&s.store, &signin.slot).await;
    let request = signin.request;
    let to_client =
        |error: &str, why: &str| error_to_client(&s, &request.redirect_uri, request.state.as_deref(), error, why);
    if let Some(error) = q.get("error") {
        tracing::info!(error = %error, "OAuth 2.1: Google sign-in not completed");
        return to_client("access_denied", "the Google sign-in was cancelled or refused");
    }
    let Some(code) = q.get("code") else {
        return to_client("server_error", "Google returned no code");
    };
    let (email, grant) = match s.complete_google(code, &signin.google_verifier).await {
        Ok(done) => done,
        Err(e) => {
            tracing::warn!(error = %e, "OAuth 2.1: Google code exchange failed");
            return to_client("server_error", "the Google sign-in could not be completed; try again");
        }
    };
    // Of what the client asked for, what Google granted (a user may untick permissions).
    let granted: Vec<String> = request
        .scopes
        .iter()
        .filter(|s| wsmcp_auth::scopes::missing_scopes(&grant.scopes, &[s.as_str()]).is_empty())
        .cloned()
        .collect();
    let slot = match s.codes.claim(&s.store).await {
        Ok(Some(slot)) => slot,
        Ok(None) => return to_client("temporarily_unavailable", "too many sign-ins in progress; retry shortly"),
        Err(e) => return crate::errors::OAuthError::from(e).into_response(),
    };
    let keys = s.store.keys();
    let code = keys.random_token(32);
    let record = CodeGrant { request: request.clone(), email, scopes: granted, family: keys.random_token(16), slot };
    if let Err(e) = s.store.put(&key("code", &code), &record, Some(CODE_TTL)).await {
        return crate::errors::OAuthError::from(e).into_response();
    }
    let mut params = vec![("code", code.as_str())];
    if let Some(st) = request.state.as_deref() {
        params.push(("state", st));
    }
    back_to_client(&s, &request.redirect_uri, &params)
}
