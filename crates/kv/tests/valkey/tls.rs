//! TLS to the server: a test CA (trusted through `extra_ca_file`, i.e. `SSL_CERT_FILE`) signs
//! a certificate for 127.0.0.1 and localhost; redis-server serves only its TLS port.

use std::net::TcpListener;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose};
use wsmcp_kv::{Kv, KvError, ValkeyConfig, ValkeyKv};

use crate::server::RedisServer;

/// The CA's PEM, and the server's certificate and key PEMs.
fn certificates() -> (String, String, String) {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "wsmcp-kv test CA");
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let params = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
    let cert = params.signed_by(&key, &ca).unwrap();
    (ca.pem(), cert.pem(), key.serialize_pem())
}

#[tokio::test]
async fn tls_with_a_trusted_ca_works_and_an_unknown_ca_is_refused() {
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates();
    let path = |name: &str| certs.path().join(name);
    std::fs::write(path("ca.pem"), ca).unwrap();
    std::fs::write(path("server.pem"), cert).unwrap();
    std::fs::write(path("server.key"), key).unwrap();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let arg = |p: std::path::PathBuf| p.to_string_lossy().into_owned();
    let args = vec![
        "--port".into(),
        "0".into(),
        "--tls-port".into(),
        port.to_string(),
        "--tls-cert-file".into(),
        arg(path("server.pem")),
        "--tls-key-file".into(),
        arg(path("server.key")),
        "--tls-ca-cert-file".into(),
        arg(path("ca.pem")),
        "--tls-auth-clients".into(),
        "no".into(),
    ];
    let Some(server) = RedisServer::start_with(port, args) else { return };

    let trusted = ValkeyConfig { tls: true, extra_ca_file: Some(path("ca.pem")), ..server.config() };
    let kv = ValkeyKv::connect(&trusted).unwrap();
    kv.probe().await.unwrap();
    kv.put("over-tls", b"yes", None).await.unwrap();
    assert_eq!(kv.take("over-tls").await.unwrap().as_deref(), Some(&b"yes"[..]));

    let untrusted = ValkeyKv::connect(&ValkeyConfig { extra_ca_file: None, ..trusted.clone() }).unwrap();
    assert!(matches!(untrusted.probe().await, Err(KvError::Unavailable(_))), "only the web roots: refused");

    let plain = ValkeyKv::connect(&ValkeyConfig { tls: false, ..trusted.clone() }).unwrap();
    assert!(plain.probe().await.is_err(), "plain text to a TLS port fails");

    let missing = ValkeyConfig { extra_ca_file: Some(path("nope.pem")), ..trusted };
    let e = ValkeyKv::connect(&missing).err().unwrap();
    assert!(e.to_string().contains("nope.pem"), "{e}");
    assert!(server.dir().exists());
}
