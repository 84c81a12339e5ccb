//! `GET /oauth2callback`: Google sends the browser here after consent.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;

use crate::app::App;

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The route's path, taken from the redirect URI.
pub fn path(redirect_uri: &str) -> String {
    url::Url::parse(redirect_uri)
        .ok()
        .map(|u| u.path().to_string())
        .filter(|p| p.len() > 1)
        .unwrap_or_else(|| "/oauth2callback".to_string())
}

pub async fn oauth2callback(State(app): State<Arc<App>>, Query(q): Query<CallbackQuery>) -> Html<String> {
    finish_sign_in(&app, q).await
}

/// Completes a flow and renders a small page for the browser. Never echoes tokens.
pub async fn finish_sign_in(app: &App, q: CallbackQuery) -> Html<String> {
    let page = |title: &str, body: &str| {
        Html(format!(
            "<!doctype html><meta charset=utf-8><title>{title}</title><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>{title}</h1><p>{body}</p></body>"
        ))
    };
    if let Some(err) = q.error {
        return page("Sign-in cancelled", &format!("Google reported: {}. You can close this tab.", html_escape(&err)));
    }
    let (Some(code), Some(state)) = (q.code, q.state) else {
        return page("Sign-in failed", "The callback is missing its code or state. Start the sign-in again.");
    };
    let Some(oauth) = &app.oauth else {
        return page("No sign-in needed", "This server runs on its sandbox.");
    };
    match oauth.complete(&state, &code).await {
        Ok(done) => page(
            "Signed in",
            &format!(
                "workspace-mcp can now act for {}. You can close this tab and retry your request.",
                html_escape(&done.email)
            ),
        ),
        Err(e) => page("Sign-in failed", &html_escape(&e)),
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
