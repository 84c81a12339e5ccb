//! Trusted gateway mode (`TRUST_GATEWAY_IDENTITY`): every `/mcp` request carries, in a header
//! the identity-aware proxy in front of this server adds, a JWT saying who the user is. It is
//! verified (`wsmcp_auth::gateway`) before rmcp sees the request; the verified email travels
//! in the request's extensions to the dispatcher, which lets the call act for that account
//! only. A request without a valid token gets 401 with the reason, never the token.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use wsmcp_auth::gateway::Rejection;

use crate::app::App;

/// The user the gateway vouched for on this request.
#[derive(Debug, Clone)]
pub struct GatewayUser(pub String);

pub async fn check(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let Some(verifier) = &app.gateway else {
        return next.run(req).await;
    };
    let header = &verifier.settings().header;
    let token = req.headers().get(header.as_str()).and_then(|v| v.to_str().ok()).map(str::trim);
    let outcome = match token.filter(|t| !t.is_empty()) {
        None => Err(Rejection::Missing(header.clone())),
        Some(token) => verifier.verify(token).await,
    };
    match outcome {
        Ok(email) => {
            req.extensions_mut().insert(GatewayUser(email));
            next.run(req).await
        }
        Err(rejection) => {
            tracing::warn!(reason = %rejection, "refused a request without a valid gateway identity");
            let body = json!({"error": "invalid_token", "error_description": rejection.to_string()});
            (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response()
        }
    }
}
