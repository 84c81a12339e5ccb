//! Building the HTTP client: rustls with compiled-in web PKI roots (a `FROM scratch` image
//! has no CA store) plus any corporate CA from `SSL_CERT_FILE`; proxies from
//! `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` as reqwest reads them from the environment; host
//! names resolved by the C library's `getaddrinfo`, whose `files` and `dns` lookups a static
//! glibc (2.34 and later) carries built in, so the `FROM scratch` image needs only the
//! `/etc/hosts` and `/etc/resolv.conf` the container runtime provides.

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
    let roots = trusted_roots(settings)?;
    reqwest::Client::builder()
        .tls_certs_only(roots)
        .timeout(settings.timeout)
        .connect_timeout(Duration::from_secs(10).min(settings.timeout))
        .pool_idle_timeout(Duration::from_secs(90))
        .user_agent(concat!("workspace-mcp/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))
}

/// The CAs every client trusts: the compiled-in web PKI roots plus `SSL_CERT_FILE`.
pub fn trusted_roots(settings: &HttpSettings) -> Result<Vec<reqwest::Certificate>, String> {
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
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// `localhost` (which the attachment links use) reaches a loopback listener.
    #[tokio::test]
    async fn localhost_resolves_to_a_loopback_listener() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 2048];
            let _ = socket.read(&mut request).await;
            socket.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok").await.unwrap();
        });
        let client = build_http_client(&HttpSettings::default()).unwrap();
        let reply = client.get(format!("http://localhost:{port}/")).send().await.unwrap();
        assert_eq!(reply.status(), 200);
        assert_eq!(reply.text().await.unwrap(), "ok");
    }
}
