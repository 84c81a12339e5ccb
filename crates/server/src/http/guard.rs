//! DNS-rebinding guard for `/mcp` and attachments: a browser page on a foreign origin, or a
//! request addressed to a host name this server was not told about, gets 403.
//! Allowed hosts: loopback names, the host of `WORKSPACE_EXTERNAL_URL`, and
//! `WORKSPACE_MCP_ALLOWED_HOSTS`. Allowed origins: loopback (any port), VS Code's web
//! origins, this server's own public base, the external URL, and `OAUTH_ALLOWED_ORIGINS`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::App;
use crate::net::{is_loopback_host as is_loopback, strip_port};

pub async fn check(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    // HTTP/1.1 names the host in `Host`; HTTP/2 in the `:authority` pseudo-header, which
    // hyper puts in the request URI (a proxy speaking HTTP/2 may send either).
    let header = req.headers().get("host").and_then(|v| v.to_str().ok());
    let authority = req.uri().authority().map(|a| a.as_str());
    let host = header.or(authority).unwrap_or_default();
    if !host_allowed(&app, host) {
        tracing::warn!(host, "refused a request for a host that is not allowed");
        return (StatusCode::FORBIDDEN, axum::Json(json!({"error": "Host not allowed"}))).into_response();
    }
    if let Some(origin) = req.headers().get("origin") {
        let origin = origin.to_str().unwrap_or("invalid");
        if !origin_allowed(&app, origin) {
            tracing::warn!(origin, "refused a request from a foreign origin");
            return (StatusCode::FORBIDDEN, axum::Json(json!({"error": "Origin not allowed"}))).into_response();
        }
    }
    next.run(req).await
}

fn host_allowed(app: &App, host_header: &str) -> bool {
    let host = strip_port(host_header).to_ascii_lowercase();
    if is_loopback(&host) {
        return true;
    }
    let cfg = &app.config;
    let external = cfg.external_url.as_deref().and_then(host_of);
    external.is_some_and(|h| h.eq_ignore_ascii_case(&host))
        || cfg.allowed_hosts.iter().any(|a| a.eq_ignore_ascii_case(&host) || a.eq_ignore_ascii_case(host_header))
}

fn origin_allowed(app: &App, origin: &str) -> bool {
    if origin.starts_with("vscode-webview:") || origin == "https://vscode.dev" || origin == "https://github.dev" {
        return true;
    }
    if let Some(host) = host_of(origin)
        && is_loopback(&host)
    {
        return true;
    }
    let cfg = &app.config;
    let same = |candidate: &str| candidate.trim_end_matches('/').eq_ignore_ascii_case(origin.trim_end_matches('/'));
    same(&cfg.public_base())
        || cfg
            .external_url
            .as_deref()
            .is_some_and(|u| host_of(u) == host_of(origin) && scheme_of(u) == scheme_of(origin))
        || cfg.allowed_origins.iter().any(|o| same(o))
}

fn host_of(url: &str) -> Option<String> {
    url::Url::parse(url).ok()?.host_str().map(|h| h.trim_matches(['[', ']']).to_ascii_lowercase())
}

fn scheme_of(url: &str) -> Option<String> {
    url::Url::parse(url).ok().map(|u| u.scheme().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_and_brackets_are_stripped() {
        assert_eq!(strip_port("localhost:8000"), "localhost");
        assert_eq!(strip_port("[::1]:8000"), "::1");
        assert_eq!(strip_port("example.com"), "example.com");
        assert!(is_loopback("127.0.0.1"));
        assert!(!is_loopback("evil.example"));
        assert!(is_loopback("127.1.2.3") && is_loopback("::1") && is_loopback("localhost"));
        assert!(!is_loopback("127.evil.example"));
        assert!(!is_loopback("127.0.0.1.nip.io"));
        assert!(!is_loopback("localhost.evil.example"));
        assert_eq!(strip_port("[::1]"), "::1");
        assert_eq!(strip_port("127.0.0.1.nip.io:8000"), "127.0.0.1.nip.io");
        assert_eq!(host_of("http://[::1]:3000").as_deref(), Some("::1"));
    }
}
