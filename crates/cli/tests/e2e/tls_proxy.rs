//! Google as a corporate network shows it to the binary, without leaving 127.0.0.1: the
//! sandbox served over TLS with a certificate for the real Google host names, signed by a
//! test CA (handed to the binary in `SSL_CERT_FILE`), and reachable only through an HTTP
//! CONNECT proxy (handed over in `HTTPS_PROXY`).
//!
//! The TLS server listens on a random loopback port that only the proxy knows: the proxy
//! tunnels every `CONNECT <google host>:443` there, so a client that ignored the proxy could
//! not reach it (and a client that talked plain HTTP to the proxy gets a 403). The
//! TLS server counts handshakes and records the SNI names, the proxy records every CONNECT,
//! and a layer in front of the sandbox records each request's host, bearer token and form
//! body, so tests can prove which calls went where, with which token.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wsmcp_sandbox_kit::Sandbox;

use crate::harness::USER;

/// The hosts the certificate names and the proxy lets through.
pub const GOOGLE_HOSTS: [&str; 4] =
    ["gmail.googleapis.com", "oauth2.googleapis.com", "www.googleapis.com", "accounts.google.com"];

/// One request as it arrived at the TLS server, before the sandbox saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub host: String,
    pub method: String,
    pub path: String,
    pub bearer: Option<String>,
    /// The decoded `application/x-www-form-urlencoded` body, if it had one.
    pub form: Vec<(String, String)>,
}

impl Seen {
    pub fn form_value(&self, name: &str) -> Option<&str> {
        self.form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// What the network saw.
#[derive(Debug, Default, Clone)]
pub struct NetLog {
    /// The host of every tunnel the proxy opened, in order.
    pub connects: Vec<String>,
    /// Request lines the proxy refused (plain HTTP, other hosts or ports).
    pub refused: Vec<String>,
    /// TLS handshakes the server accepted.
    pub tls_accepted: usize,
    /// The SNI name of every handshake.
    pub sni: Vec<String>,
    /// Every request that reached the sandbox over TLS.
    pub requests: Vec<Seen>,
}

type Log = Arc<Mutex<NetLog>>;

fn lock(log: &Log) -> std::sync::MutexGuard<'_, NetLog> {
    log.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The sandbox behind TLS and a CONNECT proxy; everything stops with the test's runtime.
pub struct GoogleOverTls {
    pub sandbox: Sandbox,
    pub proxy_addr: SocketAddr,
    /// The test CA in PEM, for `SSL_CERT_FILE`.
    pub ca_file: PathBuf,
    ca_pem: String,
    log: Log,
    _dir: tempfile::TempDir,
}

impl GoogleOverTls {
    pub async fn start() -> GoogleOverTls {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let sandbox = wsmcp_testkit::sandbox()
            .service(wsmcp_gmail::sandbox::emulation(USER))
            .services(wsmcp_sandbox_kit::oauth_emulation(USER))
            .build();
        let site = SiteOverTls::start(sandbox.router(), &GOOGLE_HOSTS).await;
        GoogleOverTls {
            sandbox,
            proxy_addr: site.proxy_addr,
            ca_file: site.ca_file,
            ca_pem: site.ca_pem,
            log: site.log,
            _dir: site._dir,
        }
    }

    /// `http://127.0.0.1:PORT`, for `HTTPS_PROXY`.
    pub fn proxy_url(&self) -> String {
        format!("http://{}", self.proxy_addr)
    }

    pub fn net(&self) -> NetLog {
        lock(&self.log).clone()
    }

    /// The requests that reached `host` with `path`.
    pub fn seen(&self, host: &str, path: &str) -> Vec<Seen> {
        lock(&self.log).requests.iter().filter(|r| r.host == host && r.path == path).cloned().collect()
    }

    /// Every request that reached the Gmail host.
    pub fn gmail_requests(&self) -> Vec<Seen> {
        lock(&self.log).requests.iter().filter(|r| r.host == "gmail.googleapis.com").cloned().collect()
    }

    /// A browser on the same network: HTTPS through the proxy, trusting the test CA, plain
    /// HTTP (the loopback OAuth callback) direct; redirects are not followed.
    pub fn browser(&self) -> reqwest::Client {
        let ca = reqwest::Certificate::from_pem(self.ca_pem.as_bytes()).expect("CA cert");
        reqwest::Client::builder()
            .proxy(reqwest::Proxy::https(self.proxy_url()).expect("proxy url"))
            .tls_certs_only([ca])
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("browser client")
    }
}

/// Any site (`router`) as the binary sees Google in [`GoogleOverTls`]: over TLS with a
/// certificate for `hosts` (names or IP addresses) signed by a test CA, reachable only through
/// the CONNECT proxy, which tunnels those hosts on port 443 and refuses everything else.
pub struct SiteOverTls {
    pub proxy_addr: SocketAddr,
    /// The test CA in PEM, for `SSL_CERT_FILE`.
    pub ca_file: PathBuf,
    ca_pem: String,
    log: Log,
    _dir: tempfile::TempDir,
}

impl SiteOverTls {
    pub async fn start(router: axum::Router, hosts: &[&str]) -> SiteOverTls {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let (ca_pem, leaf_der, leaf_key) = certificates(hosts);
        let dir = tempfile::tempdir().expect("tempdir");
        let ca_file = dir.path().join("test-ca.pem");
        std::fs::write(&ca_file, &ca_pem).expect("write CA");
        let log: Log = Arc::default();
        let tls_addr = serve_tls(router, leaf_der, leaf_key, log.clone()).await;
        let allowed = hosts.iter().map(|h| h.to_string()).collect();
        let proxy_addr = serve_proxy(tls_addr, allowed, log.clone()).await;
        SiteOverTls { proxy_addr, ca_file, ca_pem, log, _dir: dir }
    }

    /// `http://127.0.0.1:PORT`, for `HTTPS_PROXY`.
    pub fn proxy_url(&self) -> String {
        format!("http://{}", self.proxy_addr)
    }

    pub fn net(&self) -> NetLog {
        lock(&self.log).clone()
    }
}

/// A CA, and a server certificate for `hosts` it signed: (CA PEM, leaf DER, leaf key).
fn certificates(hosts: &[&str]) -> (String, CertificateDer<'static>, PrivateKeyDer<'static>) {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "workspace-mcp e2e test CA");
    ca_params.key_usages =
        vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("CA key")).expect("CA cert");

    let leaf_key = KeyPair::generate().expect("leaf key");
    let mut leaf_params =
        CertificateParams::new(hosts.iter().map(|h| h.to_string()).collect::<Vec<_>>()).expect("leaf params");
    leaf_params.distinguished_name.push(DnType::CommonName, "workspace-mcp e2e test site");
    leaf_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    leaf_params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
    leaf_params.use_authority_key_identifier_extension = true;
    let leaf = leaf_params.signed_by(&leaf_key, &ca).expect("leaf cert");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    (ca.pem(), leaf.der().clone(), key)
}

/// Hands out the one certificate and records which name the client asked for.
#[derive(Debug)]
struct RecordSni {
    key: Arc<CertifiedKey>,
    log: Log,
}

impl ResolvesServerCert for RecordSni {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        lock(&self.log).sni.push(hello.server_name().unwrap_or("<none>").to_string());
        Some(self.key.clone())
    }
}

async fn serve_tls(
    router: axum::Router,
    leaf: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
    log: Log,
) -> SocketAddr {
    let provider = rustls::crypto::ring::default_provider();
    let certified = CertifiedKey::from_der(vec![leaf], key, &provider).expect("certified key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_cert_resolver(Arc::new(RecordSni { key: Arc::new(certified), log: log.clone() }));
    let accept_log = log.clone();
    let app = router.layer(axum::middleware::from_fn(move |req: Request, next: Next| {
        let log = log.clone();
        async move { record(log, req, next).await }
    }));
    wsmcp_testkit::tls::serve_tls(app, config, move || lock(&accept_log).tls_accepted += 1).await
}

/// Notes the request (reading a form body and putting it back) and passes it on.
async fn record(log: Log, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let is_form = parts
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    let form = if is_form { parse_form(&String::from_utf8_lossy(&bytes)) } else { Vec::new() };
    let bearer = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let host = parts.headers.get("host").and_then(|v| v.to_str().ok()).unwrap_or_default();
    lock(&log).requests.push(Seen {
        host: host.split(':').next().unwrap_or(host).to_string(),
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        bearer,
        form,
    });
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await
}

pub fn parse_form(text: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://form.invalid/?{text}"))
        .map(|u| u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
        .unwrap_or_default()
}

async fn serve_proxy(upstream: SocketAddr, hosts: Vec<String>, log: Log) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
    let addr = listener.local_addr().expect("proxy addr");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(proxy_connection(stream, upstream, hosts.clone(), log.clone()));
        }
    });
    addr
}

/// One client connection: `CONNECT <one of hosts>:443` is tunnelled to the TLS server;
/// anything else gets 403.
async fn proxy_connection(mut client: TcpStream, upstream: SocketAddr, hosts: Vec<String>, log: Log) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        match client.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        if buf.len() > 16 * 1024 {
            return;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let line = head.lines().next().unwrap_or_default().to_string();
    let mut words = line.split_whitespace();
    let tunnel_to = match (words.next(), words.next()) {
        (Some("CONNECT"), Some(target)) => target
            .rsplit_once(':')
            .filter(|(host, port)| *port == "443" && hosts.iter().any(|h| h == host))
            .map(|(host, _)| host.to_string()),
        _ => None,
    };
    let Some(host) = tunnel_to else {
        lock(&log).refused.push(line);
        let body = "this proxy only tunnels CONNECT to its site's hosts on 443";
        let reply =
            format!("HTTP/1.1 403 Forbidden\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        let _ = client.write_all(reply.as_bytes()).await;
        return;
    };
    let Ok(mut server) = TcpStream::connect(upstream).await else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n").await;
        return;
    };
    lock(&log).connects.push(host);
    if client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").await.is_err() {
        return;
    }
    if head_end < buf.len() && server.write_all(&buf[head_end..]).await.is_err() {
        return;
    }
    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
}
