//! Google tokens for tool calls in external-provider mode: the request's own bearer token,
//! used as is (the client owns it: no refresh, nothing stored).

use futures::future::BoxFuture;
use wsmcp_core::ToolError;
use wsmcp_core::google::AccessToken;
use wsmcp_core::tool::CredentialSource;

const HOW_TO_SIGN_IN: &str = "This server takes Google access tokens from the MCP client (EXTERNAL_OAUTH21_PROVIDER): \
     to use another account or more permissions, get a new token from Google with them and send it as the bearer \
     token.";

/// One call's credentials: the verified token and the scopes Google said it carries.
pub struct TokenCredentials {
    pub token: AccessToken,
    pub scopes: Vec<String>,
}

impl CredentialSource for TokenCredentials {
    fn access_token<'a>(
        &'a self,
        _user: &'a str,
        scopes: &'a [&'static str],
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>> {
        Box::pin(async move {
            // The step-up check refused a single tools/call already; this covers anything else.
            let missing = wsmcp_auth::scopes::missing_scopes(&self.scopes, scopes);
            if !missing.is_empty() {
                return Err(ToolError::AuthRequired(format!(
                    "The Google token lacks permissions this tool needs: {}. {HOW_TO_SIGN_IN}",
                    missing.join(", ")
                )));
            }
            Ok(self.token.clone())
        })
    }

    fn authorize<'a>(
        &'a self,
        _user: Option<&'a str>,
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<String, ToolError>> {
        Box::pin(async move { Ok(HOW_TO_SIGN_IN.to_string()) })
    }
}

/// The app-wide source in this mode: every `/mcp` request brings its own token
/// ([`TokenCredentials`]), so a call without one can only be told to send it.
pub struct NoToken;

impl CredentialSource for NoToken {
    fn access_token<'a>(
        &'a self,
        _user: &'a str,
        _scopes: &'a [&'static str],
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>> {
        Box::pin(async move {
            Err(ToolError::AuthRequired(format!("No Google token came with this request. {HOW_TO_SIGN_IN}")))
        })
    }

    fn authorize<'a>(
        &'a self,
        _user: Option<&'a str>,
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<String, ToolError>> {
        Box::pin(async move { Ok(HOW_TO_SIGN_IN.to_string()) })
    }
}
