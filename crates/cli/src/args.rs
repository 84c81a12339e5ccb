//! Command line and environment, turned into a validated [`Config`]. Every flag has the
//! reference server's name and every environment variable it read is honoured, so existing
//! client configurations and container environments keep working.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};
use wsmcp_core::local_files::expand_home;
use wsmcp_core::pdf::{PdfLimits, PdfReader};
use wsmcp_core::{Service, Tier};
use wsmcp_server::registry::{parse_permission, service_names};
use wsmcp_server::{Config, Limits, ToolSelection, Transport};

#[derive(Debug, Parser)]
#[command(name = "workspace-mcp", version, about = "MCP server for Google Workspace, with an offline sandbox")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Transport: stdio (default) or streamable-http. Env: WORKSPACE_MCP_TRANSPORT.
    #[arg(long)]
    transport: Option<String>,
    /// Services to enable (space or comma separated); default all. Env: WORKSPACE_MCP_TOOLS.
    #[arg(long, num_args = 1..)]
    tools: Vec<String>,
    /// Keep only tools of this tier and below: core, extended, complete. Env: WORKSPACE_MCP_TOOL_TIER.
    #[arg(long)]
    tool_tier: Option<String>,
    /// Tool names to leave out. Env: WORKSPACE_MCP_DISABLED_TOOLS (comma separated).
    #[arg(long, num_args = 1..)]
    disabled_tools: Vec<String>,
    /// Offer only tools that read; ask Google only for read-only scopes. Env: WORKSPACE_MCP_READ_ONLY.
    #[arg(long)]
    read_only: bool,
    /// Per-service permission levels, e.g. gmail:send drive:readonly. Env: WORKSPACE_MCP_PERMISSIONS.
    #[arg(long, num_args = 1..)]
    permissions: Vec<String>,
    /// Use any stored account without per-session binding. Env: MCP_SINGLE_USER_MODE=1.
    #[arg(long)]
    single_user: bool,
    /// Run on the built-in sandbox (sample data, no Google account). Env: WORKSPACE_MCP_SANDBOX.
    /// Without an OAuth client configured, the server uses the sandbox on its own.
    #[arg(long)]
    sandbox: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Exit 0 when the local HTTP server answers /health (for container health checks).
    Healthcheck,
}

/// PDF text comes from this very binary, run as `extract-pdf-text` in a child process
/// (`main.rs` answers that subcommand before anything else).
fn pdf_reader() -> PdfReader {
    match std::env::current_exe() {
        Ok(program) => PdfReader::child_process(program, PdfLimits::default()),
        Err(_) => PdfReader::unavailable("the server could not find its own binary to run the PDF reader"),
    }
}

/// A configuration error, printed as one line.
pub type Fail = String;

pub(crate) type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

pub(crate) fn first(env: Env, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| env(n).map(|v| v.trim().to_string()).filter(|v| !v.is_empty()))
}

/// A listed directory with `~` expanded.
fn expand_path(path: &std::path::Path, home: &Option<PathBuf>) -> PathBuf {
    expand_home(&path.to_string_lossy(), home.as_deref())
}

pub(crate) fn parse_bool(name: &str, value: &str) -> Result<bool, Fail> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!("invalid {name} '{value}'; accepted: true, false, 1, 0, yes, no")),
    }
}

pub(crate) fn split_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .flat_map(|s| s.split([',', ' ']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The `WORKSPACE_MCP_*` resource limits; each unset variable keeps its default.
fn limits(env: Env) -> Result<Limits, Fail> {
    let d = Limits::default();
    let count = |name: &str, default: usize| -> Result<usize, Fail> {
        match first(env, &[name]) {
            None => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("invalid {name} '{v}'; accepted: a whole number above 0")),
        }
    };
    let secs = |name: &str, default: Duration| -> Result<Duration, Fail> {
        match first(env, &[name]) {
            None => Ok(default),
            Some(v) => v
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && *s > 0.0)
                .map(Duration::from_secs_f64)
                .ok_or_else(|| format!("invalid {name} '{v}'; accepted: a number of seconds above 0")),
        }
    };
    Ok(Limits {
        header_read_timeout: secs("WORKSPACE_MCP_HEADER_READ_TIMEOUT_SECONDS", d.header_read_timeout)?,
        idle_timeout: secs("WORKSPACE_MCP_IDLE_TIMEOUT_SECONDS", d.idle_timeout)?,
        max_connections: count("WORKSPACE_MCP_MAX_CONNECTIONS", d.max_connections)?,
        max_sessions: count("WORKSPACE_MCP_MAX_SESSIONS", d.max_sessions)?,
        max_request_bytes: count("WORKSPACE_MCP_MAX_REQUEST_BYTES", d.max_request_bytes)?,
        max_argument_bytes: count("WORKSPACE_MCP_MAX_ARGUMENT_BYTES", d.max_argument_bytes)?,
        max_arguments_bytes: count("WORKSPACE_MCP_MAX_ARGUMENTS_BYTES", d.max_arguments_bytes)?,
    })
}

/// `MCP_ENABLE_OAUTH21` and its settings; out-of-range lifetimes become warnings.
fn oauth21(
    env: Env,
    transport: Transport,
    single_user: bool,
) -> Result<(Option<wsmcp_oauth21::Settings>, Vec<String>), Fail> {
    let on = first(env, &["MCP_ENABLE_OAUTH21"]).map(|v| parse_bool("MCP_ENABLE_OAUTH21", &v)).transpose()?;
    if on != Some(true) {
        return Ok((None, Vec::new()));
    }
    if transport != Transport::StreamableHttp {
        return Err(
            "MCP_ENABLE_OAUTH21 needs --transport streamable-http (OAuth 2.1 protects the HTTP endpoint)".into()
        );
    }
    if single_user {
        return Err("--single-user cannot be combined with MCP_ENABLE_OAUTH21: each bearer token names its user".into());
    }
    let (settings, warnings) = wsmcp_oauth21::Settings::from_env(env);
    Ok((Some(settings), warnings))
}

impl Cli {
    pub fn into_config(self, env: Env) -> Result<Config, Fail> {
        let transport = match self.transport.clone().or_else(|| first(env, &["WORKSPACE_MCP_TRANSPORT"])).as_deref() {
            None | Some("stdio") => Transport::Stdio,
            Some("streamable-http") | Some("http") => Transport::StreamableHttp,
            Some(other) => return Err(format!("invalid --transport '{other}'; accepted: stdio, streamable-http")),
        };
        let tools = self.selection(env)?;
        let port = match first(env, &["PORT", "WORKSPACE_MCP_PORT"]) {
            Some(p) => p
                .parse::<u16>()
                .map_err(|_| format!("invalid PORT/WORKSPACE_MCP_PORT '{p}'; accepted: a port number 1-65535"))?,
            None => 8000,
        };
        let home = first(env, &["HOME"]).map(PathBuf::from).or_else(std::env::home_dir);
        let credentials_dir = first(env, &["WORKSPACE_MCP_CREDENTIALS_DIR", "GOOGLE_MCP_CREDENTIALS_DIR"])
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".google_workspace_mcp").join("credentials")))
            .unwrap_or_else(|| PathBuf::from(".credentials"));
        let attachment_dir = first(env, &["WORKSPACE_ATTACHMENT_DIR"])
            .map(|d| expand_home(&d, home.as_deref()))
            .or_else(|| home.as_ref().map(|h| h.join(".workspace-mcp").join("attachments")))
            .unwrap_or_else(|| PathBuf::from(".attachments"));
        let seconds = |name: &str, default: f64| -> Result<Duration, Fail> {
            match first(env, &[name]) {
                None => Ok(Duration::from_secs_f64(default)),
                Some(v) => v
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .map(Duration::from_secs_f64)
                    .ok_or_else(|| format!("invalid {name} '{v}'; accepted: a number of seconds")),
            }
        };
        let single_user = self.single_user
            || first(env, &["MCP_SINGLE_USER_MODE"])
                .map(|v| parse_bool("MCP_SINGLE_USER_MODE", &v))
                .transpose()?
                .unwrap_or(false);
        let sandbox_env =
            first(env, &["WORKSPACE_MCP_SANDBOX"]).map(|v| parse_bool("WORKSPACE_MCP_SANDBOX", &v)).transpose()?;
        let has_client =
            wsmcp_auth::OAuthClientConfig::from_env(env, String::new()).map_err(|e| e.to_string())?.is_some();
        let stateless = crate::stateless::read(env, single_user)?;
        let default_user = first(env, &["USER_GOOGLE_EMAIL"]);
        let identity_context =
            crate::identity::Context { default_user: default_user.as_deref(), single_user, transport };
        let identity = crate::identity::read(env, &identity_context)?;
        // Explicit wins; otherwise the sandbox stands in whenever no Google credentials (an OAuth
        // client or a service account) are configured.
        let sandbox = self.sandbox || sandbox_env.unwrap_or(!has_client && identity.service_account_key.is_none());
        let fallback_count = first(env, &["WORKSPACE_MCP_PORT_FALLBACK_COUNT"])
            .map(|v| {
                v.parse::<u16>()
                    .map_err(|_| format!("invalid WORKSPACE_MCP_PORT_FALLBACK_COUNT '{v}'; accepted: a small number"))
            })
            .transpose()?
            .unwrap_or(4);
        let list = |name: &str| first(env, &[name]).map(|v| split_list(&[v])).unwrap_or_default();
        let limits = limits(env)?;
        let (oauth21, mut warnings) = oauth21(env, transport, single_user)?;
        let (external_provider, external_warnings) = crate::external_provider::read(env)?;
        warnings.extend(external_warnings);
        Ok(Config {
            transport,
            tools,
            // OAuth 2.1 authenticates every request, so it listens on every interface by default, as
            // the reference does; the legacy mode cannot tell callers apart and stays on loopback.
            host: first(env, &["WORKSPACE_MCP_HOST"])
                .unwrap_or_else(|| if oauth21.is_some() { "0.0.0.0" } else { "127.0.0.1" }.into()),
            port,
            base_uri: first(env, &["WORKSPACE_MCP_BASE_URI"]).unwrap_or_else(|| "http://localhost".into()),
            external_url: first(env, &["WORKSPACE_EXTERNAL_URL"]),
            allowed_hosts: list("WORKSPACE_MCP_ALLOWED_HOSTS"),
            allowed_origins: list("OAUTH_ALLOWED_ORIGINS"),
            default_user,
            single_user,
            sandbox,
            sandbox_now: first(env, &["WORKSPACE_MCP_SANDBOX_NOW"])
                .map(|v| {
                    wsmcp_core::clock::parse_instant(&v).map_err(|e| format!("invalid WORKSPACE_MCP_SANDBOX_NOW: {e}"))
                })
                .transpose()?,
            sandbox_url: first(env, &["WORKSPACE_MCP_SANDBOX_URL"]),
            google_base_url: first(env, &["WORKSPACE_MCP_GOOGLE_BASE_URL"]),
            credentials_dir,
            attachment_dir,
            allowed_file_dirs: first(env, &["ALLOWED_FILE_DIRS"]).map(|list| {
                std::env::split_paths(&list)
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(|p| expand_path(&p, &home))
                    .collect()
            }),
            home,
            // Stateless mode reads no local files, as WORKSPACE_MCP_DISABLE_LOCAL_FILES.
            local_files: !stateless.on
                && !first(env, &["WORKSPACE_MCP_DISABLE_LOCAL_FILES"])
                    .map(|v| parse_bool("WORKSPACE_MCP_DISABLE_LOCAL_FILES", &v))
                    .transpose()?
                    .unwrap_or(false),
            max_office_xml_bytes: match first(env, &["WORKSPACE_MCP_MAX_OFFICE_XML_BYTES"]) {
                None => wsmcp_core::service::DEFAULT_MAX_OFFICE_XML_BYTES,
                Some(v) => v.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("invalid WORKSPACE_MCP_MAX_OFFICE_XML_BYTES '{v}'; accepted: a positive number of bytes")
                })?,
            },
            google_timeout: seconds("WORKSPACE_MCP_GOOGLE_API_TIMEOUT_SECONDS", 60.0)?,
            extra_ca_file: first(env, &["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"]).map(PathBuf::from),
            redirect_uri: first(env, &["GOOGLE_OAUTH_REDIRECT_URI"]),
            token_key: first(env, &["WORKSPACE_MCP_TOKEN_KEY"]),
            session_idle_timeout: seconds("WORKSPACE_MCP_SESSION_IDLE_TIMEOUT", 3660.0)?,
            readiness_timeout: seconds("WORKSPACE_MCP_READINESS_TIMEOUT_SECONDS", 1.0)?,
            port_fallback_count: fallback_count,
            limits,
            sandbox_fallback: sandbox && !self.sandbox && sandbox_env.is_none(),
            pse_api_key: first(env, &["GOOGLE_PSE_API_KEY"]).map(wsmcp_core::google::ApiKey::new),
            pse_engine_id: first(env, &["GOOGLE_PSE_ENGINE_ID"]),
            pdf: pdf_reader(),
            oauth21,
            external_provider,
            stateless: stateless.on,
            stateless_inline_max_bytes: stateless.inline_max_bytes,
            warnings,
            service_account_key: identity.service_account_key,
            dwd_allowed_domains: identity.dwd_allowed_domains,
            gateway: identity.gateway,
        })
    }

    fn selection(&self, env: Env) -> Result<ToolSelection, Fail> {
        let tool_names = if self.tools.is_empty() {
            first(env, &["WORKSPACE_MCP_TOOLS", "TOOLS"]).map(|v| split_list(&[v])).unwrap_or_default()
        } else {
            split_list(&self.tools)
        };
        let services = if tool_names.is_empty() {
            None
        } else {
            let mut out = Vec::new();
            for name in &tool_names {
                let s = Service::parse(name)
                    .ok_or_else(|| format!("invalid --tools '{name}'; accepted: {}", service_names().join(", ")))?;
                out.push(s);
            }
            Some(out)
        };
        let tier = match self.tool_tier.clone().or_else(|| first(env, &["WORKSPACE_MCP_TOOL_TIER", "TOOL_TIER"])) {
            None => None,
            Some(t) => Some(
                Tier::parse(&t)
                    .ok_or_else(|| format!("invalid --tool-tier '{t}'; accepted: core, extended, complete"))?,
            ),
        };
        let read_only = self.read_only
            || first(env, &["WORKSPACE_MCP_READ_ONLY"])
                .map(|v| parse_bool("WORKSPACE_MCP_READ_ONLY", &v))
                .transpose()?
                .unwrap_or(false);
        let perm_items = if self.permissions.is_empty() {
            first(env, &["WORKSPACE_MCP_PERMISSIONS"]).map(|v| split_list(&[v])).unwrap_or_default()
        } else {
            split_list(&self.permissions)
        };
        let permissions = if perm_items.is_empty() {
            None
        } else {
            if read_only {
                return Err(
                    "--permissions cannot be combined with --read-only; use service:readonly levels instead".into()
                );
            }
            if services.is_some() {
                return Err("--permissions cannot be combined with --tools; the services are the ones it names".into());
            }
            Some(perm_items.iter().map(|p| parse_permission(p)).collect::<Result<Vec<_>, _>>()?)
        };
        let disabled = if self.disabled_tools.is_empty() {
            first(env, &["WORKSPACE_MCP_DISABLED_TOOLS"]).map(|v| split_list(&[v])).unwrap_or_default()
        } else {
            split_list(&self.disabled_tools)
        };
        Ok(ToolSelection { services, tier, read_only, permissions, disabled })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, Fail> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let env = move |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        Cli::parse_from(["workspace-mcp"]).into_config(&env)
    }

    #[test]
    fn files_are_configured_once_with_home_expanded() {
        let c = config(&[
            ("HOME", "/home/u"),
            ("WORKSPACE_ATTACHMENT_DIR", "~/att"),
            ("ALLOWED_FILE_DIRS", "~/docs:/srv/shared"),
            ("WORKSPACE_MCP_DISABLE_LOCAL_FILES", "true"),
            ("WORKSPACE_MCP_MAX_OFFICE_XML_BYTES", "1000"),
        ])
        .unwrap();
        assert_eq!(c.attachment_dir, PathBuf::from("/home/u/att"));
        let options = c.service_options();
        assert_eq!(options.attachment_dir, c.attachment_dir, "the store and the services share one directory");
        assert_eq!(options.files.allowed_dirs(), [PathBuf::from("/home/u/docs"), PathBuf::from("/srv/shared")]);
        assert!(!options.local_files);
        assert_eq!(options.max_office_xml_bytes, 1000);

        // Defaults: files only from the attachment directory, under the home directory.
        let c = config(&[("HOME", "/home/u")]).unwrap();
        let options = c.service_options();
        assert_eq!(options.files.allowed_dirs(), [PathBuf::from("/home/u/.workspace-mcp/attachments")]);
        assert!(options.local_files);
    }

    #[test]
    fn search_settings_reach_the_services_and_the_key_stays_hidden() {
        let vars =
            [("WORKSPACE_MCP_SANDBOX", "false"), ("GOOGLE_PSE_API_KEY", "AIzaSecret"), ("GOOGLE_PSE_ENGINE_ID", "cx1")];
        let c = config(&vars).unwrap();
        assert!(!format!("{c:?}").contains("AIzaSecret"), "the key never shows in Debug");
        let options = c.service_options();
        assert_eq!(options.pse_api_key.unwrap().expose(), "AIzaSecret");
        assert_eq!(options.pse_engine_id.as_deref(), Some("cx1"));
        // The sandbox uses its own key and engine, whatever the environment says.
        let c = config(&[("WORKSPACE_MCP_SANDBOX", "true"), ("GOOGLE_PSE_API_KEY", "AIzaSecret")]).unwrap();
        let options = c.service_options();
        assert_eq!(options.pse_api_key.unwrap().expose(), wsmcp_search::sandbox::API_KEY);
        assert_eq!(options.pse_engine_id.as_deref(), Some(wsmcp_search::sandbox::ENGINE_ID));
    }

    #[test]
    fn oauth21_is_http_only_and_reads_its_lifetimes() {
        let e = config(&[("MCP_ENABLE_OAUTH21", "true")]).unwrap_err();
        assert!(e.contains("streamable-http"), "{e}");
        let c = config(&[
            ("MCP_ENABLE_OAUTH21", "true"),
            ("WORKSPACE_MCP_TRANSPORT", "streamable-http"),
            ("WORKSPACE_MCP_OAUTH_PROXY_ACCESS_TOKEN_EXPIRY_SECONDS", "120"),
            ("WORKSPACE_MCP_OAUTH_PROXY_REFRESH_TOKEN_EXPIRY_SECONDS", "99999999999"),
        ])
        .unwrap();
        let settings = c.oauth21.unwrap();
        assert_eq!(settings.access_ttl, Duration::from_secs(120));
        assert_eq!(settings.refresh_ttl, Duration::from_secs(30 * 86_400), "out of range: the default");
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert_eq!(c.host, "0.0.0.0");
        assert!(config(&[("WORKSPACE_MCP_TRANSPORT", "streamable-http")]).unwrap().oauth21.is_none());
    }

    #[test]
    fn stateless_mode_turns_local_files_off_and_reads_its_cap() {
        let on = [
            ("MCP_ENABLE_OAUTH21", "true"),
            ("WORKSPACE_MCP_TRANSPORT", "streamable-http"),
            ("WORKSPACE_MCP_STATELESS_MODE", "true"),
        ];
        let c = config(&on).unwrap();
        assert!(c.stateless && !c.local_files && !c.service_options().local_files);
        assert_eq!(c.stateless_inline_max_bytes, 10 * 1024 * 1024);
        let mut capped = on.to_vec();
        capped.push(("WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES", "4096"));
        assert_eq!(config(&capped).unwrap().stateless_inline_max_bytes, 4096);
        let mut valkey = on.to_vec();
        valkey.push(("WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND", "valkey"));
        assert!(config(&valkey).is_ok());
        let c = config(&[("MCP_ENABLE_OAUTH21", "true"), ("WORKSPACE_MCP_TRANSPORT", "streamable-http")]).unwrap();
        assert!(!c.stateless && c.local_files);
    }

    #[test]
    fn bad_file_settings_are_one_line_errors() {
        let e = config(&[("WORKSPACE_MCP_DISABLE_LOCAL_FILES", "perhaps")]).unwrap_err();
        assert!(e.contains("WORKSPACE_MCP_DISABLE_LOCAL_FILES 'perhaps'"), "{e}");
        let e = config(&[("WORKSPACE_MCP_MAX_OFFICE_XML_BYTES", "0")]).unwrap_err();
        assert!(e.contains("WORKSPACE_MCP_MAX_OFFICE_XML_BYTES '0'"), "{e}");
    }
}
