//! Which OAuth client to use and where Google's OAuth endpoints live.

use std::path::PathBuf;

use crate::{AuthError, Secret};

/// The Google OAuth client this server signs users in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthClientConfig {
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub redirect_uri: String,
}

/// The env names the reference reads, in priority order.
const CLIENT_ID_VARS: [&str; 2] = ["GOOGLE_OAUTH_CLIENT_ID", "MCP_GOOGLE_OAUTH_CLIENT_ID"];
const CLIENT_SECRET_VARS: [&str; 2] = ["GOOGLE_OAUTH_CLIENT_SECRET", "MCP_GOOGLE_OAUTH_CLIENT_SECRET"];
const SECRETS_PATH_VARS: [&str; 2] = ["GOOGLE_CLIENT_SECRET_PATH", "GOOGLE_CLIENT_SECRETS"];

impl OAuthClientConfig {
    /// Reads the client from the environment (`env` looks a variable up; empty
    /// values count as unset). Values missing from the env come from the
    /// client-secrets JSON named by `GOOGLE_CLIENT_SECRET_PATH` /
    /// `GOOGLE_CLIENT_SECRETS`, which is read only when needed.
    ///
    /// `Ok(None)`: no client id anywhere (the server runs, but cannot sign anyone in).
    /// `Err`: a secrets file was named and needed but is unreadable or malformed —
    /// failing loudly beats silently running without a client.
    pub fn from_env(env: &dyn Fn(&str) -> Option<String>, default_redirect: String) -> Result<Option<Self>, AuthError> {
        let var = |names: &[&str]| names.iter().find_map(|n| env(n).filter(|v| !v.trim().is_empty()));
        let mut client_id = var(&CLIENT_ID_VARS);
        let mut client_secret = var(&CLIENT_SECRET_VARS);
        if (client_id.is_none() || client_secret.is_none())
            && let Some(path) = var(&SECRETS_PATH_VARS)
        {
            let (file_id, file_secret) = read_client_secrets(&PathBuf::from(path))?;
            client_id = client_id.or(file_id);
            client_secret = client_secret.or(file_secret);
        }
        let Some(client_id) = client_id else {
            return Ok(None);
        };
        Ok(Some(Self {
            client_id: client_id.trim().to_owned(),
            client_secret: client_secret.map(|s| Secret::new(s.trim())),
            redirect_uri: var(&["GOOGLE_OAUTH_REDIRECT_URI"]).unwrap_or(default_redirect),
        }))
    }
}

/// Parses Google's downloadable client JSON: `{"web": {...}}` or `{"installed": {...}}`.
fn read_client_secrets(path: &PathBuf) -> Result<(Option<String>, Option<String>), AuthError> {
    let bad = |detail: String| AuthError::ClientSecrets { path: path.clone(), detail };
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(format!("not JSON: {e}")))?;
    let section = json
        .get("web")
        .or_else(|| json.get("installed"))
        .ok_or_else(|| bad("expected a \"web\" or \"installed\" object".into()))?;
    let field = |name: &str| section.get(name).and_then(|v| v.as_str()).filter(|s| !s.is_empty()).map(str::to_owned);
    Ok((field("client_id"), field("client_secret")))
}

/// Google's OAuth endpoints. Overridable so the sandbox (and tests) can stand in for Google.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub auth_url: String,
    pub token_url: String,
    pub userinfo_url: String,
    pub revoke_url: String,
}

impl Endpoints {
    pub fn google() -> Self {
        Self {
            auth_url: "https://accounts.google.com/o/oauth2/auth".into(),
            token_url: "https://oauth2.googleapis.com/token".into(),
            userinfo_url: "https://www.googleapis.com/oauth2/v2/userinfo".into(),
            revoke_url: "https://oauth2.googleapis.com/revoke".into(),
        }
    }

    /// Endpoints under an override base that serves each Google host under a path
    /// prefix named after the host (`{base}/oauth2.googleapis.com/token`, ...).
    pub fn with_base(base: &str) -> Self {
        let base = base.trim_end_matches('/');
        Self {
            auth_url: format!("{base}/accounts.google.com/o/oauth2/auth"),
            token_url: format!("{base}/oauth2.googleapis.com/token"),
            userinfo_url: format!("{base}/www.googleapis.com/oauth2/v2/userinfo"),
            revoke_url: format!("{base}/oauth2.googleapis.com/revoke"),
        }
    }
}

impl Default for Endpoints {
    fn default() -> Self {
        Self::google()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn env_values_win_and_file_fills_gaps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("client_secret.json");
        std::fs::write(&path, r#"{"installed":{"client_id":"file-id","client_secret":"file-secret"}}"#).unwrap();
        let p = path.to_str().unwrap();

        let env = env_of(&[("MCP_GOOGLE_OAUTH_CLIENT_ID", "env-id"), ("GOOGLE_CLIENT_SECRETS", p)]);
        let cfg = OAuthClientConfig::from_env(&env, "http://localhost:8000/oauth2callback".into()).unwrap().unwrap();
        assert_eq!(cfg.client_id, "env-id");
        assert_eq!(cfg.client_secret.unwrap().expose(), "file-secret");
        assert_eq!(cfg.redirect_uri, "http://localhost:8000/oauth2callback");

        let env = env_of(&[("GOOGLE_CLIENT_SECRET_PATH", p), ("GOOGLE_OAUTH_REDIRECT_URI", "http://x/cb")]);
        let cfg = OAuthClientConfig::from_env(&env, "unused".into()).unwrap().unwrap();
        assert_eq!(cfg.client_id, "file-id");
        assert_eq!(cfg.redirect_uri, "http://x/cb");
    }

    #[test]
    fn no_client_id_is_none_and_bad_file_is_an_error() {
        assert!(OAuthClientConfig::from_env(&env_of(&[]), String::new()).unwrap().is_none());
        let env = env_of(&[("GOOGLE_CLIENT_SECRET_PATH", "/nonexistent/cs.json")]);
        let err = OAuthClientConfig::from_env(&env, String::new()).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/cs.json"), "{err}");
    }

    #[test]
    fn base_override_prefixes_each_host() {
        let e = Endpoints::with_base("http://127.0.0.1:9/");
        assert_eq!(e.auth_url, "http://127.0.0.1:9/accounts.google.com/o/oauth2/auth");
        assert_eq!(e.token_url, "http://127.0.0.1:9/oauth2.googleapis.com/token");
        assert_eq!(e.userinfo_url, "http://127.0.0.1:9/www.googleapis.com/oauth2/v2/userinfo");
    }
}
