//! `/authorize` (GET, or POST with a form): checks the client and its redirect URI first (an
//! unknown client or unregistered URI gets an error page, never a redirect: that would make
//! this server an open redirector), then everything else (errors go back to the client), and
//! sends the browser to the consent page.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;

use super::{error_to_client, parse_form};
use crate::clients::redirect_registered;
use crate::page;
use crate::records::{AuthRequest, PendingConsent};
use crate::server::{AuthServer, PENDING_TTL};
use crate::store::key;

pub async fn get(State(s): State<Arc<AuthServer>>, Query(q): Query<HashMap<String, String>>) -> Response {
    s.authorize(q).await
}

pub async fn post(State(s): State<Arc<AuthServer>>, body: Bytes) -> Response {
    s.authorize(parse_form(&body).0).await
}

impl AuthServer {
    async fn authorize(&self, q: HashMap<String, String>) -> Response {
        let param = |name: &str| q.get(name).map(String::as_str).filter(|v| !v.is_empty());
        let Some(client_id) = param("client_id") else {
            return page::error(StatusCode::BAD_REQUEST, "The request names no client (client_id is missing).");
        };
        let client = match self.client(client_id).await {
            Ok(Some(c)) => c,
            Ok(None) => {
                return page::error(
                    StatusCode::BAD_REQUEST,
                    "This application is not registered with this server (unknown client_id). Restart the sign-in \
                     from the application; it registers again.",
                );
            }
            // An unusable client ID URL: its redirect URIs are unknown, so the browser stops here.
            Err(e) => {
                let status = if e.status == StatusCode::UNAUTHORIZED { StatusCode::BAD_REQUEST } else { e.status };
                return page::error(status, &e.description);
            }
        };
        let redirect_uri = match param("redirect_uri") {
            Some(uri) if redirect_registered(&client, uri) => uri.to_string(),
            Some(_) => {
                return page::error(
                    StatusCode::BAD_REQUEST,
                    "The redirect URI is not one this application registered, so this server will not send you there.",
                );
            }
            None => match client.redirect_uris.as_slice() {
                [only] => only.clone(),
                _ => return page::error(StatusCode::BAD_REQUEST, "redirect_uri is missing."),
            },
        };
        let state = param("state");
        let refuse = |error: &str, why: &str| error_to_client(self, &redirect_uri, state, error, why);
        if param("response_type") != Some("code") {
            return refuse("unsupported_response_type", "response_type must be code");
        }
        let Some(challenge) = param("code_challenge") else {
            return refuse("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256");
        };
        if param("code_challenge_method") != Some("S256") {
            return refuse("invalid_request", "only the S256 PKCE method is accepted (plain is not)");
        }
        if challenge.len() != 43 || !challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return refuse("invalid_request", "code_challenge must be the base64url SHA-256 of the verifier");
        }
        if let Some(resource) = param("resource")
            && resource.trim_end_matches('/') != self.resource
        {
            return refuse("invalid_target", "resource must be this server's MCP endpoint");
        }
        let scopes: Vec<String> = match param("scope") {
            None => self.scopes.clone(),
            Some(asked) => {
                let asked: Vec<String> = asked.split_whitespace().map(str::to_string).collect();
                if let Some(unknown) = asked.iter().find(|s| !self.scopes.contains(s)) {
                    return refuse("invalid_scope", &format!("this server does not offer the scope {unknown}"));
                }
                asked
            }
        };
        let slot = match self.consents.claim(&self.store).await {
            Ok(Some(slot)) => slot,
            Ok(None) => return refuse("temporarily_unavailable", "too many sign-ins in progress; retry shortly"),
            Err(e) => return crate::errors::OAuthError::from(e).into_response(),
        };
        let request = AuthRequest {
            client_id: client.client_id.clone(),
            redirect_uri: redirect_uri.clone(),
            code_challenge: challenge.to_string(),
            state: state.map(str::to_string),
            scopes,
        };
        let request_id = self.store.keys().random_token(24);
        let pending = PendingConsent { request, slot };
        if let Err(e) = self.store.put(&key("pending", &request_id), &pending, Some(PENDING_TTL)).await {
            return crate::errors::OAuthError::from(e).into_response();
        }
        Redirect::to(&format!("{}/consent?request={request_id}", self.issuer)).into_response()
    }
}
