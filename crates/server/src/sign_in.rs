//! Completing a Google sign-in when the browser comes back with `code` and `state`, for both
//! callback listeners (the HTTP server's route and stdio's loopback listener), and the small page
//! the browser shows afterwards. Never echoes tokens.

use axum::response::Html;
use serde::Deserialize;

use crate::oauth::OAuth;

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Completes the flow `q.state` names with `oauth` (`None` on the sandbox) and renders the page.
pub async fn finish(oauth: Option<&OAuth>, q: CallbackQuery) -> Html<String> {
    if let Some(err) = q.error {
        return page("Sign-in cancelled", &format!("Google reported: {}. You can close this tab.", html_escape(&err)));
    }
    let (Some(code), Some(state)) = (q.code, q.state) else {
        return page("Sign-in failed", "The callback is missing its code or state. Start the sign-in again.");
    };
    let Some(oauth) = oauth else {
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

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><meta charset=utf-8><title>{title}</title><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>{title}</h1><p>{body}</p></body>"
    ))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
