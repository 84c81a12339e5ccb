//! The running server's shared state, built once from the configuration: the registry, the
//! Google client, the credential source, attachment storage and, in sandbox mode, the
//! in-process Google emulation.

use std::sync::Arc;

use wsmcp_core::files::FileStore;
use wsmcp_core::google::{GoogleClient, HttpSettings, RetryPolicy, build_http_client};
use wsmcp_core::remote::UrlFetcher;
use wsmcp_core::tool::CredentialSource;

use crate::auth::SandboxCredentials;
use crate::config::{Config, SANDBOX_USER, Transport};
use crate::files::AttachmentStore;
use crate::inline_files::InlineFiles;
use crate::registry::{Registry, UserParam, all_tools};

/// Said at start-up and in `initialize` when no OAuth client is configured, so that sample data
/// is never taken for the user's mail (a mistyped variable name leads here too).
pub const SANDBOX_FALLBACK_NOTICE: &str = "No Google OAuth client is configured (GOOGLE_OAUTH_CLIENT_ID and \
     GOOGLE_OAUTH_CLIENT_SECRET), so this server runs on its built-in sandbox: every result is sample data, \
     not the user's Google account, and nothing reaches Google.";

pub struct App {
    pub config: Config,
    pub registry: Registry,
    pub google: Arc<GoogleClient>,
    pub credentials: Arc<dyn CredentialSource>,
    /// Where tools save files: the attachment directory, or the result itself when stateless.
    pub files: Arc<dyn FileStore>,
    /// The files `/attachments/{id}` serves; `None` in stateless mode, which saves none.
    pub attachments: Option<Arc<AttachmentStore>>,
    pub oauth: Option<Arc<crate::oauth::OAuth>>,
    /// OAuth 2.1 mode's authorization server (`MCP_ENABLE_OAUTH21`); `/mcp` then needs its tokens.
    pub oauth21: Option<Arc<wsmcp_oauth21::AuthServer>>,
    /// `EXTERNAL_OAUTH21_PROVIDER`: `/mcp` takes Google's own access tokens instead.
    pub external: Option<Arc<crate::external::ExternalProvider>>,
    /// Verifies the identity header of `/mcp` requests (`TRUST_GATEWAY_IDENTITY`).
    pub gateway: Option<Arc<wsmcp_auth::gateway::Verifier>>,
    default_user: Option<String>,
    /// Keeps the in-process sandbox serving for as long as the app lives.
    _sandbox: Option<wsmcp_sandbox_kit::SandboxHandle>,
}

impl App {
    pub async fn start(config: Config) -> Result<Arc<App>, String> {
        let settings = HttpSettings { timeout: config.google_timeout, extra_ca_file: config.extra_ca_file.clone() };
        let http = build_http_client(&settings)?;
        // One fetcher of user-given URLs (its trusted roots parsed once): the tools' and, in
        // OAuth 2.1 mode, the one that fetches client ID metadata documents.
        let fetcher = Arc::new(UrlFetcher::new(&settings)?);
        if config.sandbox
            && let Some(at) = config.sandbox_now
        {
            wsmcp_core::clock::start_at(at)?;
        }
        let (sandbox, base) = if config.sandbox {
            match &config.sandbox_url {
                Some(url) => (None, Some(url.clone())),
                None => {
                    let handle = crate::sandbox::start(SANDBOX_USER).await?;
                    let base = handle.base_url.clone();
                    (Some(handle), Some(base))
                }
            }
        } else {
            (None, config.google_base_url.clone())
        };
        let google = Arc::new(
            GoogleClient::new(http.clone(), base.clone(), RetryPolicy::default()).with_fetcher(fetcher.clone()),
        );
        let oauth21_mode = config.oauth21.is_some();
        // OAuth 2.1: the bearer token names the account, so there is no default account.
        let default_user = if oauth21_mode {
            None
        } else if config.sandbox {
            Some(config.default_user.clone().unwrap_or_else(|| SANDBOX_USER.to_string()))
        } else {
            config.default_user.clone()
        };
        let mut tools = all_tools(&config.service_options());
        let user_param = if oauth21_mode {
            // The MCP client signs in itself; a sign-in tool would have nothing to do.
            tools.retain(|t| t.name != crate::auth::START_GOOGLE_AUTH);
            UserParam::FromToken
        } else if config.gateway.is_some() {
            UserParam::FromGateway
        } else {
            UserParam::Argument { default_user: default_user.as_deref() }
        };
        let registry = Registry::build_with(tools, &config.tools, user_param);
        let (files, attachments): (Arc<dyn FileStore>, _) = if config.stateless {
            (Arc::new(InlineFiles::new(config.stateless_inline_max_bytes)), None)
        } else {
            let url_base = (config.transport == Transport::StreamableHttp).then(|| config.public_base());
            let store = Arc::new(AttachmentStore::new(config.attachment_dir.clone(), url_base));
            // Files saved by an earlier run expire too: sweep now and every few minutes.
            store.start_expiry(crate::files::SWEEP_EVERY);
            (store.clone(), Some(store))
        };
        let gateway =
            config.gateway.clone().map(|settings| Arc::new(wsmcp_auth::gateway::Verifier::new(settings, http.clone())));
        let mut external = None;
        let (credentials, oauth, oauth21): (Arc<dyn CredentialSource>, _, _) = if let Some(settings) =
            &config.external_provider
        {
            // Each request brings its Google token; nothing here signs anyone in or stores a token.
            let scopes = registry.scopes();
            let provider =
                crate::external::ExternalProvider::new(settings.clone(), google.clone(), &config.public_base(), scopes);
            external = Some(Arc::new(provider));
            (Arc::new(crate::external::NoToken), None, None)
        } else if let Some(settings) = &config.oauth21 {
            let server = crate::oauth21::build(&config, settings, http, fetcher, base.as_deref(), registry.scopes())?;
            (Arc::new(crate::oauth21::OAuth21Credentials { server: server.clone(), checked: None }), None, Some(server))
        } else if config.sandbox {
            let user = default_user.clone().unwrap_or_else(|| SANDBOX_USER.to_string());
            (Arc::new(SandboxCredentials { user }), None, None)
        } else if let Some(key) = &config.service_account_key {
            let domains = config.dwd_allowed_domains.clone();
            let scopes = registry.scopes();
            (crate::dwd::DelegatedCredentials::new(key.expose(), scopes, domains, http, base.as_deref())?, None, None)
        } else {
            let oauth = crate::oauth::OAuth::new(&config, http, base.as_deref(), registry.scopes())?;
            (oauth.clone() as Arc<dyn CredentialSource>, Some(oauth), None)
        };
        Ok(Arc::new(App {
            config,
            registry,
            google,
            credentials,
            files,
            attachments,
            oauth,
            oauth21,
            external,
            gateway,
            default_user,
            _sandbox: sandbox,
        }))
    }

    pub fn default_user(&self) -> Option<&str> {
        self.default_user.as_deref()
    }

    /// What `initialize` tells the client about this server.
    pub fn instructions(&self) -> String {
        let mut s = String::from(if self.config.oauth21.is_some() {
            "Tools for the user's Google Workspace (Gmail and more). Each tool acts for the Google account this \
             connection signed in with."
        } else {
            "Tools for the user's Google Workspace (Gmail and more). Each tool acts for one Google account, \
             named by user_google_email."
        });
        if self.config.sandbox_fallback {
            s.push_str(&format!(" {SANDBOX_FALLBACK_NOTICE}"));
        } else if self.config.sandbox {
            s.push_str(" This server runs on its sandbox: sample data, nothing reaches Google.");
        }
        if let Some(u) = &self.default_user {
            s.push_str(&format!(" The default account is {u}; user_google_email may be omitted."));
        }
        s
    }
}
