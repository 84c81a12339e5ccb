//! The HTTP face: one axum router with the discovery documents and the protocol endpoints,
//! mounted by the server when OAuth 2.1 is on.

mod authorize;
mod callback;
mod consent;
mod metadata;
mod revoke;
mod token;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use http::{HeaderValue, StatusCode, header};

use crate::server::AuthServer;

/// OAuth requests are small forms; anything larger is not one.
const MAX_BODY: usize = 64 * 1024;

impl AuthServer {
    pub fn router(self: &Arc<Self>) -> Router {
        Router::new()
            .route("/.well-known/oauth-protected-resource/mcp", get(metadata::protected_resource).options(preflight))
            .route("/.well-known/oauth-authorization-server", get(metadata::authorization_server).options(preflight))
            .route("/register", post(metadata::register).options(preflight))
            .route("/authorize", get(authorize::get).post(authorize::post))
            .route("/consent", get(consent::show).post(consent::decide))
            .route(&self.callback_path(), get(callback::google_returned))
            .route("/token", post(token::token).options(preflight))
            .route("/revoke", post(revoke::revoke).options(preflight))
            .layer(DefaultBodyLimit::max(MAX_BODY))
            .with_state(self.clone())
    }
}

/// Browser-based clients (an MCP inspector page) call the discovery, registration and token
/// endpoints cross-origin. None of them reads cookies, so any origin may.
async fn preflight() -> Response {
    let mut r = StatusCode::NO_CONTENT.into_response();
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, OPTIONS"));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization, content-type, mcp-protocol-version"),
    );
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    r
}

pub(crate) fn allow_any_origin(mut r: Response) -> Response {
    r.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    r
}

/// A form body as a map (first value of each name wins; repeated OAuth parameters are an
/// error per RFC 6749 §3.1, checked where it matters).
pub(crate) fn parse_form(body: &[u8]) -> (HashMap<String, String>, bool) {
    let mut map = HashMap::new();
    let mut repeated = false;
    for (k, v) in url::form_urlencoded::parse(body) {
        if map.contains_key(k.as_ref()) {
            repeated = true;
        } else {
            map.insert(k.into_owned(), v.into_owned());
        }
    }
    (map, repeated)
}

/// Sends the browser back to the client's (already verified) redirect URI with `params`, and
/// `iss` (RFC 9207) so the client can tell which server answered.
pub(crate) fn back_to_client(server: &AuthServer, redirect_uri: &str, params: &[(&str, &str)]) -> Response {
    let mut url = match url::Url::parse(redirect_uri) {
        Ok(u) => u,
        Err(_) => return crate::page::error(StatusCode::BAD_REQUEST, "the redirect URI is not valid"),
    };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in params {
            q.append_pair(k, v);
        }
        q.append_pair("iss", &server.issuer);
    }
    Redirect::to(url.as_str()).into_response()
}

/// An authorization error sent to the client (RFC 6749 §4.1.2.1).
pub(crate) fn error_to_client(
    server: &AuthServer,
    redirect_uri: &str,
    state: Option<&str>,
    error: &str,
    description: &str,
) -> Response {
    let mut params = vec![("error", error), ("error_description", description)];
    if let Some(s) = state {
        params.push(("state", s));
    }
    back_to_client(server, redirect_uri, &params)
}
