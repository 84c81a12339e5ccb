//! A client's website for the metadata-document tests: an axum router served over TLS on a
//! loopback port, its certificate (for the address 127.0.0.1) signed by a CA made for the
//! test, and a fetcher that trusts only that CA and lets exactly this port stand in for a
//! public site (`UrlFetcher::allowing`; every other loopback port stays refused).

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use wsmcp_core::remote::UrlFetcher;

pub struct Site {
    pub addr: SocketAddr,
    ca_pem: String,
}

impl Site {
    pub async fn serve(router: Router) -> Site {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap().signed_by(&leaf_key, &ca).unwrap();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
        let config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![leaf.der().clone()], key)
            .unwrap();
        let addr = wsmcp_testkit::tls::serve_tls(router, config, || {}).await;
        Site { addr, ca_pem: ca.pem() }
    }

    /// `https://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("https://{}{path}", self.addr)
    }

    pub fn fetcher(&self) -> UrlFetcher {
        let ca = reqwest::Certificate::from_pem(self.ca_pem.as_bytes()).unwrap();
        UrlFetcher::with_roots(vec![ca], Duration::from_secs(30)).allowing(self.addr)
    }
}
