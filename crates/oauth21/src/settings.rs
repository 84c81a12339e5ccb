//! The operator's OAuth 2.1 settings, read from the environment once by the binary.

use std::time::Duration;

const DAY: u64 = 86_400;

#[derive(Clone)]
pub struct Settings {
    /// `WORKSPACE_MCP_OAUTH_PROXY_ACCESS_TOKEN_EXPIRY_SECONDS` (1 s-30 d; default 1 h).
    pub access_ttl: Duration,
    /// `WORKSPACE_MCP_OAUTH_PROXY_REFRESH_TOKEN_EXPIRY_SECONDS` (1 s-365 d; default 30 d).
    pub refresh_ttl: Duration,
    /// `WORKSPACE_MCP_ALLOWED_CLIENT_REDIRECT_URIS`: globs (`*` = any run of characters) a
    /// registered redirect URI must match; empty allows any URI that is otherwise acceptable.
    pub allowed_redirect_uris: Vec<String>,
    /// `FASTMCP_SERVER_AUTH_GOOGLE_JWT_SIGNING_KEY`; when unset the key derives from the Google
    /// client secret, so replicas sharing the client share the key.
    pub signing_key: Option<String>,
    /// `WORKSPACE_MCP_ALLOW_NULL_ORIGIN_CONSENT`: accept `Origin: null` on `POST /consent`.
    pub allow_null_origin_consent: bool,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .field("allowed_redirect_uris", &self.allowed_redirect_uris)
            .field("signing_key", &self.signing_key.as_ref().map(|_| "***"))
            .finish()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            access_ttl: Duration::from_secs(3600),
            refresh_ttl: Duration::from_secs(30 * DAY),
            allowed_redirect_uris: Vec::new(),
            signing_key: None,
            allow_null_origin_consent: false,
        }
    }
}

impl Settings {
    /// Reads the settings; values out of range are ignored with a warning (returned, for the
    /// caller to log), as the reference does.
    pub fn from_env(env: &dyn Fn(&str) -> Option<String>) -> (Settings, Vec<String>) {
        let mut warnings = Vec::new();
        let d = Settings::default();
        let mut seconds = |name: &str, max: u64, default: Duration| match env(name).filter(|v| !v.trim().is_empty()) {
            None => default,
            Some(v) => match v.trim().parse::<u64>() {
                Ok(s) if (1..=max).contains(&s) => Duration::from_secs(s),
                _ => {
                    warnings.push(format!(
                        "{name}='{v}' ignored: accepted 1 to {max} seconds; using {}",
                        default.as_secs()
                    ));
                    default
                }
            },
        };
        let access_ttl = seconds("WORKSPACE_MCP_OAUTH_PROXY_ACCESS_TOKEN_EXPIRY_SECONDS", 30 * DAY, d.access_ttl);
        let refresh_ttl = seconds("WORKSPACE_MCP_OAUTH_PROXY_REFRESH_TOKEN_EXPIRY_SECONDS", 365 * DAY, d.refresh_ttl);
        let allowed_redirect_uris = env("WORKSPACE_MCP_ALLOWED_CLIENT_REDIRECT_URIS")
            .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default();
        let signing_key = env("FASTMCP_SERVER_AUTH_GOOGLE_JWT_SIGNING_KEY").filter(|v| !v.trim().is_empty());
        let allow_null_origin_consent = env("WORKSPACE_MCP_ALLOW_NULL_ORIGIN_CONSENT")
            .is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"));
        (Settings { access_ttl, refresh_ttl, allowed_redirect_uris, signing_key, allow_null_origin_consent }, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_out_of_range_are_ignored_with_a_warning() {
        let env = |name: &str| match name {
            "WORKSPACE_MCP_OAUTH_PROXY_ACCESS_TOKEN_EXPIRY_SECONDS" => Some("0".to_string()),
            "WORKSPACE_MCP_OAUTH_PROXY_REFRESH_TOKEN_EXPIRY_SECONDS" => Some("600".to_string()),
            "WORKSPACE_MCP_ALLOWED_CLIENT_REDIRECT_URIS" => Some("https://claude.ai/*, http://127.0.0.1:*".to_string()),
            _ => None,
        };
        let (s, warnings) = Settings::from_env(&env);
        assert_eq!(s.access_ttl, Duration::from_secs(3600));
        assert_eq!(s.refresh_ttl, Duration::from_secs(600));
        assert_eq!(s.allowed_redirect_uris, ["https://claude.ai/*", "http://127.0.0.1:*"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("ACCESS_TOKEN_EXPIRY_SECONDS='0'"), "{warnings:?}");
        let (_, warnings) = Settings::from_env(&|n: &str| {
            (n == "WORKSPACE_MCP_OAUTH_PROXY_ACCESS_TOKEN_EXPIRY_SECONDS").then(|| (31 * DAY).to_string())
        });
        assert_eq!(warnings.len(), 1);
    }
}
