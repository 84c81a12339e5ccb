//! Service account mode (domain-wide delegation): tokens come from a Google service account
//! acting as the user each call names, with no sign-in. Which users it may act as is Google's
//! decision (the Admin console's delegation) narrowed by `DWD_ALLOWED_DOMAINS`; the user is
//! the one the call names (or `USER_GOOGLE_EMAIL`), never replaced by another.

use std::sync::Arc;

use futures::future::BoxFuture;
use wsmcp_auth::{AuthError, ServiceAccount, ServiceAccountKey};
use wsmcp_core::ToolError;
use wsmcp_core::google::AccessToken;
use wsmcp_core::tool::CredentialSource;

pub struct DelegatedCredentials {
    account: ServiceAccount,
    http: reqwest::Client,
    /// Lowercase domains a subject may belong to; empty: any.
    allowed_domains: Vec<String>,
}

impl DelegatedCredentials {
    /// `scopes`: the enabled tools' scopes, which every token asks for. `base`: the Google
    /// base-URL override, if any.
    pub fn new(
        key_json: &str,
        scopes: &[&'static str],
        allowed_domains: Vec<String>,
        http: reqwest::Client,
        base: Option<&str>,
    ) -> Result<Arc<Self>, String> {
        let key = ServiceAccountKey::from_json(key_json).map_err(|e| e.to_string())?;
        let account = ServiceAccount::new(key, scopes.iter().map(|s| s.to_string()).collect(), base);
        Ok(Arc::new(Self { account, http, allowed_domains }))
    }

    /// Whether `user` is in an allowed domain; the refusal names the allowed ones.
    fn check_domain(&self, user: &str) -> Result<(), ToolError> {
        if self.allowed_domains.is_empty() {
            return Ok(());
        }
        let domain = user.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()).unwrap_or_default();
        if self.allowed_domains.contains(&domain) {
            return Ok(());
        }
        Err(ToolError::Refused(format!(
            "this server's service account may act only for users of {} (DWD_ALLOWED_DOMAINS), not {user}",
            self.allowed_domains.join(", ")
        )))
    }
}

impl CredentialSource for DelegatedCredentials {
    fn access_token<'a>(
        &'a self,
        user: &'a str,
        _scopes: &'a [&'static str],
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>> {
        Box::pin(async move {
            self.check_domain(user)?;
            match self.account.access_token(&self.http, user).await {
                Ok(token) => Ok(AccessToken::new(token.expose())),
                Err(e @ AuthError::InvalidEmail(_)) => Err(ToolError::invalid(e.to_string())),
                Err(e) => Err(ToolError::AuthRequired(e.to_string())),
            }
        })
    }

    fn authorize<'a>(
        &'a self,
        user: Option<&'a str>,
        _caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<String, ToolError>> {
        Box::pin(async move {
            if let Some(user) = user {
                self.check_domain(user)?;
            }
            let domains = if self.allowed_domains.is_empty() {
                "any user of the Workspace domain that granted it domain-wide delegation".to_string()
            } else {
                format!("users of {}", self.allowed_domains.join(", "))
            };
            Ok(format!(
                "No sign-in is needed: this server acts through the service account {} with domain-wide \
                 delegation, for {domains}. Name the user in user_google_email.",
                self.account.key().client_email()
            ))
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn source(domains: &[&str]) -> Arc<DelegatedCredentials> {
        let key = std::fs::read_to_string(wsmcp_sandbox_kit::oauth::jwt_bearer::TEST_SERVICE_ACCOUNT_KEY_FILE).unwrap();
        let domains = domains.iter().map(|d| d.to_string()).collect();
        // Nothing listens on port 9: a call that passed the domain check would fail to connect.
        let http = wsmcp_core::google::build_http_client(&Default::default()).unwrap();
        DelegatedCredentials::new(&key, &[], domains, http, Some("http://127.0.0.1:9")).unwrap()
    }

    #[tokio::test]
    async fn subjects_outside_the_allowed_domains_are_refused_naming_them() {
        let s = source(&["example.com", "example.org"]);
        let e = s.access_token("eve@evil.example", &[], None).await.unwrap_err().to_string();
        assert!(e.contains("example.com, example.org") && e.contains("eve@evil.example"), "{e}");
        let e = s.access_token("alex@EXAMPLE.com", &[], None).await.unwrap_err().to_string();
        assert!(e.contains("could not reach Google"), "an allowed user goes on to the token endpoint: {e}");
        let text = s.authorize(None, None).await.unwrap();
        assert!(text.contains("No sign-in is needed") && text.contains("example.com, example.org"), "{text}");
    }
}
