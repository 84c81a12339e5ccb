//! The consent page. `GET /consent?request=…` shows who asks and where the browser will go,
//! and sets a cookie; the form's CSRF token is an HMAC of the pending request and that cookie,
//! so only the browser that loaded this page can approve this request. `POST /consent` checks
//! it, then sends the browser to Google (approve) or back to the client (deny).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode, header};

use super::{error_to_client, parse_form};
use crate::crypto::{b64, unb64};
use crate::page::{self, Consent};
use crate::records::{PendingConsent, PendingSignIn};
use crate::server::{AuthServer, PENDING_TTL};
use crate::store::{Slots, key};

const COOKIE: &str = "wsmcp_consent";

pub async fn show(State(s): State<Arc<AuthServer>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(request_id) = q.get("request") else {
        return page::error(StatusCode::BAD_REQUEST, "The consent link is incomplete; restart from the application.");
    };
    let pending: PendingConsent = match s.store.get(&key("pending", request_id)).await {
        Ok(Some(p)) => p,
        Ok(None) => return expired(),
        Err(e) => return crate::errors::OAuthError::from(e).into_response(),
    };
    let client = s.client(&pending.request.client_id).await.ok().flatten();
    let name = client.as_ref().and_then(|c| c.client_name.clone()).unwrap_or_else(|| "An unnamed application".into());
    let host = url::Url::parse(&pending.request.redirect_uri)
        .ok()
        .map(|u| match u.host_str() {
            Some(h) => h.to_string(),
            None => format!("{}:", u.scheme()),
        })
        .unwrap_or_default();
    let client_host = crate::client_document::client_host(&pending.request.client_id);
    // Any program on the user's machine can name a published document whose redirect URI is
    // loopback: the URL's host then proves nothing about who is asking.
    let returns_locally = url::Url::parse(&pending.request.redirect_uri)
        .is_ok_and(|u| u.scheme() == "http" && crate::clients::is_loopback(&u));
    let unproven_host = client_host.is_some() && returns_locally;
    let browser = s.store.keys().random_token(24);
    let csrf = s.csrf(request_id, &browser);
    let secure = if s.issuer.starts_with("https://") { "; Secure" } else { "" };
    let cookie = format!("{COOKIE}={browser}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600{secure}");
    page::consent(
        &Consent {
            client_name: &name,
            client_id: &pending.request.client_id,
            client_host: client_host.as_deref(),
            unproven_host,
            redirect_host: &host,
            scopes: &pending.request.scopes,
            request_id,
            csrf: &csrf,
        },
        &cookie,
    )
}

pub async fn decide(State(s): State<Arc<AuthServer>>, headers: HeaderMap, body: Bytes) -> Response {
    if !s.origin_ok(&headers) {
        return page::error(StatusCode::FORBIDDEN, "This approval came from another site and was refused.");
    }
    let (form, _) = parse_form(&body);
    let (Some(request_id), Some(csrf)) = (form.get("request"), form.get("csrf")) else {
        return page::error(StatusCode::BAD_REQUEST, "The consent form is incomplete; restart from the application.");
    };
    let browser = cookie(&headers, COOKIE).unwrap_or_default();
    let expected = s.csrf(request_id, &browser);
    let valid = !browser.is_empty()
        && unb64(csrf)
            .is_some_and(|given| unb64(&expected).is_some_and(|e| crate::crypto::constant_time_eq(&given, &e)));
    if !valid {
        return page::error(
            StatusCode::FORBIDDEN,
            "This approval does not match the consent page this browser was shown; reload it from the application.",
        );
    }
    let pending: PendingConsent = match s.store.take(&key("pending", request_id)).await {
        Ok(Some(p)) => p,
        Ok(None) => return expired(),
        Err(e) => return crate::errors::OAuthError::from(e).into_response(),
    };
    let request = pending.request;
    if form.get("decision").map(String::as_str) != Some("approve") {
        Slots::release(&s.store, &pending.slot).await;
        return error_to_client(
            &s,
            &request.redirect_uri,
            request.state.as_deref(),
            "access_denied",
            "the user denied access",
        );
    }
    let google_state = s.store.keys().random_token(24);
    // 48 random bytes: 64 base64url characters, a valid RFC 7636 verifier.
    let verifier = s.store.keys().random_token(48);
    let url = s.google_sign_in_url(&google_state, &verifier, &request.scopes);
    let signin = PendingSignIn { request, google_verifier: verifier, slot: pending.slot };
    if let Err(e) = s.store.put(&key("signin", &google_state), &signin, Some(PENDING_TTL)).await {
        return crate::errors::OAuthError::from(e).into_response();
    }
    Redirect::to(&url).into_response()
}

fn expired() -> Response {
    page::error(
        StatusCode::BAD_REQUEST,
        "This sign-in expired or was already used (they last 10 minutes); restart it from the application.",
    )
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

impl AuthServer {
    fn csrf(&self, request_id: &str, browser: &str) -> String {
        b64(&self.store.keys().sign(format!("consent\0{request_id}\0{browser}").as_bytes()))
    }

    /// A POST to `/consent` from a page of another origin is refused; `Origin: null` only when
    /// the operator allows it (some privacy settings send it for same-origin forms).
    fn origin_ok(&self, headers: &HeaderMap) -> bool {
        let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
            return true;
        };
        if origin == "null" {
            return self.settings.allow_null_origin_consent;
        }
        let ours = url::Url::parse(&self.issuer).ok().map(|u| u.origin().ascii_serialization());
        ours.as_deref() == Some(origin.trim_end_matches('/'))
    }
}
