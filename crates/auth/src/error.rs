//! The one error type of this crate. Messages are written for the person running
//! the server: each says what went wrong and what to do about it.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No usable grant for this account: never signed in, refresh token revoked or
    /// expired, or the token belongs to another OAuth client.
    #[error("{email} is not authorized: {reason}. Sign in with this Google account to grant access")]
    NotAuthorized { email: String, reason: String },

    /// The grant exists but does not cover what the tool needs.
    #[error(
        "the stored Google authorization lacks the required scopes ({}); sign in again to grant them",
        .0.join(", ")
    )]
    MissingScopes(Vec<String>),

    /// Google could not be reached at all (DNS, connect, TLS, timeout, broken body).
    #[error(
        "could not reach Google during {during}: {}. Check the network connection and proxy settings, then retry",
        error_chain(.source)
    )]
    Network {
        during: &'static str,
        #[source]
        source: reqwest::Error,
    },

    /// Google answered with an OAuth error other than a revoked grant.
    #[error("Google rejected the {during} request (HTTP {status}): {error}{}{}",
        .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default(),
        hint_for(.error))]
    OAuth { during: &'static str, status: u16, error: String, description: Option<String> },

    /// Google answered 2xx but not with what the protocol promises.
    #[error("unexpected reply from Google during {during}: {detail}")]
    BadResponse { during: &'static str, detail: String },

    #[error("unknown or already used authorization state; start the sign-in again")]
    UnknownState,

    #[error("the sign-in link expired (links are valid for 10 minutes); start the sign-in again")]
    StateExpired,

    /// The user signed in with another account than the one the flow was started for.
    #[error(
        "signed in as {actual}, but the sign-in was started for {expected}; nothing was stored. Sign in again and choose {expected}"
    )]
    EmailMismatch { expected: String, actual: String },

    #[error("token store: cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The file's key id does not match the key in use.
    #[error("cannot decrypt {}: it was written with a different key than {key_source}. Set WORKSPACE_MCP_TOKEN_KEY to (or restore the .token-key file with) the key that wrote it, or delete the file and sign in again", .path.display())]
    WrongKey { path: PathBuf, key_source: String },

    /// Right key, but the authentication tag does not verify.
    #[error("{} is corrupted or was tampered with (authentication failed); delete it and sign in again", .path.display())]
    Tampered { path: PathBuf },

    #[error("{} is not a valid token file ({detail}); delete it and sign in again", .path.display())]
    Corrupt { path: PathBuf, detail: String },

    #[error(
        "invalid token key: {0}. WORKSPACE_MCP_TOKEN_KEY must be the base64 encoding of 32 random bytes, e.g. the output of `openssl rand -base64 32`"
    )]
    BadKey(String),

    #[error("cannot use the client secrets file {} (GOOGLE_CLIENT_SECRET_PATH): {detail}", .path.display())]
    ClientSecrets { path: PathBuf, detail: String },

    #[error("invalid Google account email {0:?}")]
    InvalidEmail(String),

    /// The service account key (GOOGLE_SERVICE_ACCOUNT_KEY_FILE / _JSON) cannot be used.
    #[error("cannot use the service account key: {0}")]
    ServiceAccountKey(String),

    /// Google's token endpoint refused a domain-wide delegation assertion.
    #[error("Google refused to let service account {client_email} act as {subject} ({error}{}). {advice}",
        .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Delegation { client_email: String, subject: String, error: String, description: Option<String>, advice: String },
}

impl AuthError {
    /// True when the fix is for the user to (re-)authorize, so the caller should
    /// answer with a sign-in link rather than a plain failure.
    pub fn needs_authorization(&self) -> bool {
        matches!(
            self,
            Self::NotAuthorized { .. }
                | Self::MissingScopes(_)
                | Self::WrongKey { .. }
                | Self::Tampered { .. }
                | Self::Corrupt { .. }
        )
    }

    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self::Io { action, path: path.into(), source }
    }
}

/// reqwest's own message ("error sending request for url ...") hides the cause (a proxy
/// refusal, an unknown certificate authority); name every cause in the chain.
fn error_chain(err: &reqwest::Error) -> String {
    let mut out = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// A next step for the OAuth errors an operator can fix.
fn hint_for(error: &str) -> &'static str {
    match error {
        "invalid_client" | "unauthorized_client" => ". Check GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET",
        "redirect_uri_mismatch" => {
            ". Add the redirect URI (GOOGLE_OAUTH_REDIRECT_URI) to the OAuth client in the Google Cloud console"
        }
        _ => "",
    }
}
