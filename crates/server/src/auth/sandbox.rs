//! Credentials in sandbox mode: one built-in account, no sign-in.

use futures::future::BoxFuture;
use wsmcp_core::ToolError;
use wsmcp_core::google::AccessToken;
use wsmcp_core::tool::CredentialSource;

pub struct SandboxCredentials {
    pub user: String,
}

impl CredentialSource for SandboxCredentials {
    fn access_token<'a>(
        &'a self,
        user: &'a str,
        _scopes: &'a [&'static str],
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>> {
        Box::pin(async move {
            if user.eq_ignore_ascii_case(&self.user) {
                Ok(AccessToken::new(format!("sandbox-token-{}", self.user)))
            } else {
                Err(ToolError::invalid(format!(
                    "the sandbox has a single account, {}; omit user_google_email or pass that address",
                    self.user
                )))
            }
        })
    }

    fn authorize<'a>(
        &'a self,
        _user: Option<&'a str>,
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<String, ToolError>> {
        Box::pin(async move {
            Ok(format!(
                "Sandbox mode: no sign-in is needed. Every tool acts for the sample account {} against \
                 built-in sample data; nothing reaches Google.",
                self.user
            ))
        })
    }
}
