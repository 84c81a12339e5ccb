//! `start_google_auth`: begin (or redo) the Google sign-in for an account.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolDef, ToolOutput};

pub const START_GOOGLE_AUTH: &str = "start_google_auth";

#[derive(Deserialize, JsonSchema)]
struct StartGoogleAuthParams {
    /// The Google service you are about to use (e.g. "Gmail", "Google Drive"); shown in the
    /// sign-in message only, since one sign-in covers every enabled service.
    service_name: String,
    /// The Google account to sign in as; optional when the server has a default account.
    user_google_email: Option<String>,
}

pub fn start_google_auth_tool() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: START_GOOGLE_AUTH,
            title: "Start Google Sign-in",
            description: "Starts the Google sign-in for an account and returns the URL to open. \
                Tools ask for sign-in on their own when they need it, so call this only to sign in \
                ahead of time, to switch or re-authorize an account, or when an earlier sign-in failed.",
            service: Service::Gmail,
            tier: Tier::Complete,
            hints: Hints { read_only: false, destructive: false, idempotent: false, open_world: true },
            scopes: &[],
        },
        |ctx, p: StartGoogleAuthParams| async move {
            let user = p.user_google_email.as_deref().or(ctx.user.as_deref());
            let text = ctx.credentials.authorize(user, ctx.caller.as_deref()).await?;
            Ok(ToolOutput::text(format!("{} ({})\n\n{text}", "Google sign-in", p.service_name)))
        },
    )
    .without_user_param()
}
