//! `GET /oauth2callback`: Google sends the browser here after consent.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Html;

use crate::app::App;
use crate::sign_in::CallbackQuery;

/// The route's path, taken from the redirect URI.
pub fn path(redirect_uri: &str) -> String {
    url::Url::parse(redirect_uri)
        .ok()
        .map(|u| u.path().to_string())
        .filter(|p| p.len() > 1)
        .unwrap_or_else(|| "/oauth2callback".to_string())
}

pub async fn oauth2callback(State(app): State<Arc<App>>, Query(q): Query<CallbackQuery>) -> Html<String> {
    crate::sign_in::finish(app.oauth.as_deref(), q).await
}
