//! The server's resolved configuration: what the CLI flags and environment variables said,
//! already validated. Built by the `workspace-mcp` binary; tests build it directly.

use std::path::PathBuf;
use std::time::Duration;

use wsmcp_core::local_files::FilePolicy;
use wsmcp_core::{Service, ServiceOptions, Tier};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Stdio,
    StreamableHttp,
}

impl Transport {
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Stdio => "stdio",
            Transport::StreamableHttp => "streamable-http",
        }
    }
}

/// Which tools to offer: the `--tools`, `--tool-tier`, `--read-only`, `--permissions`
/// and `--disabled-tools` selection.
#[derive(Debug, Clone, Default)]
pub struct ToolSelection {
    /// Services to enable; `None` means all.
    pub services: Option<Vec<Service>>,
    pub tier: Option<Tier>,
    pub read_only: bool,
    /// Per-service granted scopes from `--permissions`; `None` when the flag is absent.
    pub permissions: Option<Vec<(Service, crate::registry::Grant)>>,
    pub disabled: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub transport: Transport,
    pub tools: ToolSelection,
    /// Bind address for streamable HTTP.
    pub host: String,
    pub port: u16,
    /// `WORKSPACE_MCP_BASE_URI` (scheme + host, no port), e.g. `http://localhost`.
    pub base_uri: String,
    /// Public URL behind a reverse proxy (`WORKSPACE_EXTERNAL_URL`).
    pub external_url: Option<String>,
    /// Extra `Host` values accepted on `/mcp` (`WORKSPACE_MCP_ALLOWED_HOSTS`).
    pub allowed_hosts: Vec<String>,
    /// Extra `Origin` values accepted (`OAUTH_ALLOWED_ORIGINS`).
    pub allowed_origins: Vec<String>,
    /// `USER_GOOGLE_EMAIL`: the account used when a call names none.
    pub default_user: Option<String>,
    pub single_user: bool,
    pub sandbox: bool,
    /// `WORKSPACE_MCP_SANDBOX_NOW`: the instant the sandbox's clock starts at (seeds, "now"
    /// defaults), so a demo or a test sees the same dates on any day. Ignored outside the sandbox.
    pub sandbox_now: Option<chrono::DateTime<chrono::Utc>>,
    /// Use an already running sandbox at this URL instead of starting one (tests).
    pub sandbox_url: Option<String>,
    /// Override of every Google host (`https://{host}` -> `{base}/{host}`).
    pub google_base_url: Option<String>,
    pub credentials_dir: PathBuf,
    /// Where saved files go (`WORKSPACE_ATTACHMENT_DIR`, `~` expanded), computed once.
    pub attachment_dir: PathBuf,
    /// The user's home directory, for `~` in paths and the secret directories refused.
    pub home: Option<PathBuf>,
    /// `ALLOWED_FILE_DIRS`; `None` means the attachment directory only.
    pub allowed_file_dirs: Option<Vec<PathBuf>>,
    /// False under `WORKSPACE_MCP_DISABLE_LOCAL_FILES`.
    pub local_files: bool,
    /// `WORKSPACE_MCP_MAX_OFFICE_XML_BYTES`.
    pub max_office_xml_bytes: u64,
    pub google_timeout: Duration,
    pub extra_ca_file: Option<PathBuf>,
    /// `GOOGLE_OAUTH_REDIRECT_URI`, if set.
    pub redirect_uri: Option<String>,
    /// `WORKSPACE_MCP_TOKEN_KEY`: base64 key for the token store.
    pub token_key: Option<String>,
    /// `WORKSPACE_MCP_SESSION_IDLE_TIMEOUT`.
    pub session_idle_timeout: Duration,
    /// `WORKSPACE_MCP_READINESS_TIMEOUT_SECONDS`.
    pub readiness_timeout: Duration,
    /// `WORKSPACE_MCP_PORT_FALLBACK_COUNT`: stdio's callback listener tries port..port+N.
    pub port_fallback_count: u16,
    /// Timeouts and size caps (`WORKSPACE_MCP_MAX_*`, `*_TIMEOUT_SECONDS`).
    pub limits: crate::limits::Limits,
    /// The sandbox was chosen only because no OAuth client is configured (not `--sandbox`).
    pub sandbox_fallback: bool,
    /// Custom Search: `GOOGLE_PSE_API_KEY` (a secret; its `Debug` prints `***`) and
    /// `GOOGLE_PSE_ENGINE_ID`.
    pub pse_api_key: Option<wsmcp_core::google::ApiKey>,
    pub pse_engine_id: Option<String>,
    /// Reads PDF text for the tools: the binary's own `extract-pdf-text` in a child process
    /// (set by `crates/cli`, which registers that subcommand); unavailable elsewhere.
    pub pdf: wsmcp_core::pdf::PdfReader,
    /// `MCP_ENABLE_OAUTH21=true`: `/mcp` needs this server's bearer tokens, issued by its own
    /// authorization server (see `wsmcp-oauth21`); `None` is the legacy OAuth 2.0 mode.
    pub oauth21: Option<wsmcp_oauth21::Settings>,
    /// `EXTERNAL_OAUTH21_PROVIDER=true` (with `oauth21` set): no authorization server here;
    /// `/mcp` takes Google access tokens the client got itself (see `crate::external`).
    pub external_provider: Option<crate::external::ExternalSettings>,
    /// `WORKSPACE_MCP_STATELESS_MODE` (with OAuth 2.1 only): `/mcp` keeps no sessions, so any
    /// replica serves any request, and nothing goes to local disk: local-file parameters are
    /// off, files come back inline in the result, the OAuth 2.1 store is not the disk.
    pub stateless: bool,
    /// `WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES`: the largest file returned inline.
    pub stateless_inline_max_bytes: u64,
    /// Settings that were ignored while reading the configuration, logged at start-up.
    pub warnings: Vec<String>,
    /// `GOOGLE_SERVICE_ACCOUNT_KEY_FILE` / `_JSON`: the key JSON (already checked to parse), for
    /// domain-wide delegation; a secret, so its `Debug` prints `***`.
    pub service_account_key: Option<wsmcp_auth::Secret>,
    /// `DWD_ALLOWED_DOMAINS`, lowercase; empty means any domain Google lets the account act in.
    pub dwd_allowed_domains: Vec<String>,
    /// `TRUST_GATEWAY_IDENTITY` with its `GATEWAY_IDENTITY_*` settings.
    pub gateway: Option<wsmcp_auth::gateway::GatewaySettings>,
}

impl Config {
    /// `{base_uri}:{port}` (or the external URL): where clients reach this server.
    pub fn public_base(&self) -> String {
        match &self.external_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None => format!("{}:{}", self.base_uri.trim_end_matches('/'), self.port),
        }
    }

    /// Whether strangers may reach this server: HTTP bound to anything but loopback, or published
    /// behind `WORKSPACE_EXTERNAL_URL`. A local server (stdio, or HTTP on loopback only) belongs
    /// to the operating-system user who runs it and owns the credentials directory.
    pub fn is_exposed(&self) -> bool {
        self.transport == Transport::StreamableHttp
            && (self.external_url.is_some() || !crate::net::is_loopback_host(&self.host))
    }

    /// The OAuth redirect URI Google sends the browser back to.
    pub fn redirect_uri(&self) -> String {
        self.redirect_uri.clone().unwrap_or_else(|| format!("{}/oauth2callback", self.public_base()))
    }

    /// What every service is configured with: built here, once, from this configuration.
    pub fn service_options(&self) -> ServiceOptions {
        let allowed = self.allowed_file_dirs.clone().unwrap_or_else(|| vec![self.attachment_dir.clone()]);
        ServiceOptions {
            files: FilePolicy::standard(allowed, self.home.as_deref(), &self.credentials_dir),
            attachment_dir: self.attachment_dir.clone(),
            local_files: self.local_files,
            max_office_xml_bytes: self.max_office_xml_bytes,
            // The sandbox accepts only its own key and engine, so under `--sandbox` those are
            // used and the user's real key is never sent anywhere.
            pse_api_key: if self.sandbox {
                Some(wsmcp_core::google::ApiKey::new(wsmcp_search::sandbox::API_KEY))
            } else {
                self.pse_api_key.clone()
            },
            pse_engine_id: if self.sandbox {
                Some(wsmcp_search::sandbox::ENGINE_ID.to_string())
            } else {
                self.pse_engine_id.clone()
            },
            pdf: self.pdf.clone(),
        }
    }

    /// A configuration for tests and embedding: sandbox on, stdio, defaults elsewhere.
    pub fn for_sandbox(dir: &std::path::Path) -> Config {
        Config {
            transport: Transport::Stdio,
            tools: ToolSelection::default(),
            host: "127.0.0.1".into(),
            port: 8000,
            base_uri: "http://localhost".into(),
            external_url: None,
            allowed_hosts: Vec::new(),
            allowed_origins: Vec::new(),
            default_user: None,
            single_user: false,
            sandbox: true,
            sandbox_now: None,
            sandbox_url: None,
            google_base_url: None,
            credentials_dir: dir.join("credentials"),
            attachment_dir: dir.join("attachments"),
            home: None,
            allowed_file_dirs: None,
            local_files: true,
            max_office_xml_bytes: wsmcp_core::service::DEFAULT_MAX_OFFICE_XML_BYTES,
            google_timeout: Duration::from_secs(60),
            extra_ca_file: None,
            redirect_uri: None,
            token_key: None,
            session_idle_timeout: Duration::from_secs(3660),
            readiness_timeout: Duration::from_secs(1),
            port_fallback_count: 4,
            limits: crate::limits::Limits::default(),
            sandbox_fallback: false,
            pse_api_key: None,
            pse_engine_id: None,
            pdf: wsmcp_core::pdf::PdfReader::unavailable("this server was built without its PDF reader"),
            oauth21: None,
            external_provider: None,
            stateless: false,
            stateless_inline_max_bytes: DEFAULT_STATELESS_INLINE_MAX_BYTES,
            warnings: Vec::new(),
            service_account_key: None,
            dwd_allowed_domains: Vec::new(),
            gateway: None,
        }
    }
}

/// `WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES` unset: 10 MiB, as the reference.
pub const DEFAULT_STATELESS_INLINE_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// The user every sandbox mailbox belongs to.
pub const SANDBOX_USER: &str = "alex.rivera@example.com";
