//! Building the HTTP client: rustls with compiled-in web PKI roots (a `FROM scratch` image
//! has no CA store) plus any corporate CA from `SSL_CERT_FILE`; proxies from
//! `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` as reqwest reads them from the environment.

use std::time::Duration;

/// Settings that shape every outgoing connection.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Whole-request timeout (`WORKSPACE_MCP_GOOGLE_API_TIMEOUT_SECONDS`).
    pub timeout: Duration,
    /// Extra trusted CA bundle in PEM (`SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE`).
    pub extra_ca_file: Option<std::path::PathBuf>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings { timeout: Duration::from_secs(60), extra_ca_file: None }
    }
}

/// A reqwest client shared by the Google client and the OAuth flows.
pub fn build_http_client(settings: &HttpSettings) -> Result<reqwest::Client, String> {
    // reqwest is built without a default crypto provider; ring is ours. Installing twice
    // (tests build several clients) is harmless, so the result is ignored.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut roots: Vec<reqwest::Certificate> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .filter_map(|der| reqwest::Certificate::from_der(der).ok())
        .collect();
    if let Some(path) = &settings.extra_ca_file {
        let pem = std::fs::read(path)
            .map_err(|e| format!("cannot read the CA bundle {} (SSL_CERT_FILE): {e}", path.display()))?;
        let extra = reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| format!("cannot parse the CA bundle {} (SSL_CERT_FILE): {e}", path.display()))?;
        if extra.is_empty() {
            return Err(format!("the CA bundle {} (SSL_CERT_FILE) holds no certificate", path.display()));
        }
        roots.extend(extra);
    }
    reqwest::Client::builder()
        .tls_certs_only(roots)
        .timeout(settings.timeout)
        .connect_timeout(Duration::from_secs(10).min(settings.timeout))
        .pool_idle_timeout(Duration::from_secs(90))
        .user_agent(concat!("workspace-mcp/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))
}
