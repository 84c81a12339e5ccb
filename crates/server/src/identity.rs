//! Who a call may act for, as the server's identity modes decide it before any credential is
//! looked up: under a trusted gateway, only the user its verified token names. Also the
//! start-up lines an operator should see about service account and gateway modes.

use serde_json::{Map, Value};
use wsmcp_core::ToolError;

use crate::app::App;
use crate::config::Config;

/// Under `TRUST_GATEWAY_IDENTITY`, a call may name no user but the verified one.
pub fn check_named_user(app: &App, verified: Option<&str>, args: &Map<String, Value>) -> Result<(), ToolError> {
    if app.gateway.is_none() {
        return Ok(());
    }
    let Some(verified) = verified else {
        return Err(ToolError::Refused(
            "this server takes the user from its identity gateway, and this request carried no verified identity"
                .into(),
        ));
    };
    if let Some(Value::String(named)) = args.get("user_google_email") {
        let named = named.trim();
        if !named.is_empty() && !named.eq_ignore_ascii_case(verified) {
            return Err(ToolError::Refused(format!(
                "the identity gateway signed this request in as {verified}, so it cannot act as {named}. \
                 Omit user_google_email or pass {verified}"
            )));
        }
    }
    Ok(())
}

/// What an operator should read at start-up about the identity modes in use.
pub fn startup_notices(config: &Config) -> Vec<String> {
    let mut out = Vec::new();
    if config.service_account_key.is_some() && !config.sandbox {
        let domains = if config.dwd_allowed_domains.is_empty() {
            "any user the domain-wide delegation covers (set DWD_ALLOWED_DOMAINS to narrow it)".to_string()
        } else {
            format!("users of {}", config.dwd_allowed_domains.join(", "))
        };
        let who = if config.gateway.is_some() {
            "each request acts for the user its gateway identity names"
        } else if config.is_exposed() {
            "anyone who can reach this server can act for them; put it behind TRUST_GATEWAY_IDENTITY or keep it private"
        } else {
            "every local client may act for them"
        };
        out.push(format!("service account mode (domain-wide delegation) for {domains}: {who}"));
    }
    if let Some(g) = &config.gateway {
        out.push(format!(
            "trusted gateway mode: /mcp requests need a valid {} identity token (keys from {})",
            g.header, g.jwks_url
        ));
    }
    out
}
