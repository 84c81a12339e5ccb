//! OAuth 2.1 clients named by the URL of their client ID metadata document, through the binary.
//!
//! The document's site is a TLS server on loopback standing in for a public host: the client
//! id names a literal public address, the binary gets a CONNECT proxy in `HTTPS_PROXY` and the
//! test CA in `SSL_CERT_FILE` (as a corporate network hands them over), and the proxy tunnels
//! that address to the test's server. So the server's fetcher runs with its production checks
//! unchanged (the address it checks is public; a loopback one is refused) and no test-only
//! switch exists in the binary; nothing leaves the machine.

use axum::Router;
use axum::routing::get;
use serde_json::json;

use crate::harness::{HttpServer, assert_valid, command, sandbox};
use crate::oauth_client::{REDIRECT, refresh, search_succeeds, sign_in_with_metadata_document};
use crate::tls_proxy::SiteOverTls;

/// A public address for the client's site; the proxy sends it to the test's TLS server.
const SITE: &str = "1.2.3.4";
const PATH: &str = "/oauth/client.json";

#[tokio::test]
async fn oauth21_a_client_id_metadata_document_signs_a_client_in_without_registering() {
    let client_id = format!("https://{SITE}{PATH}");
    let document = json!({
        "client_id": client_id,
        "client_name": "e2e",
        "redirect_uris": [REDIRECT],
        "token_endpoint_auth_method": "none",
        "grant_types": ["authorization_code", "refresh_token"],
    });
    let router = Router::new().route(
        PATH,
        get(move || {
            let body = document.to_string();
            async move { ([("content-type", "application/json"), ("cache-control", "max-age=600")], body) }
        }),
    );
    let site = SiteOverTls::start(router, &[SITE]).await;
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    cmd.env("MCP_ENABLE_OAUTH21", "true")
        .env("WORKSPACE_MCP_HOST", "127.0.0.1")
        .env("WORKSPACE_MCP_TOOLS", "gmail")
        .env("HTTPS_PROXY", site.proxy_url())
        .env("SSL_CERT_FILE", &site.ca_file);
    let server = HttpServer::start(cmd).await;

    let done = sign_in_with_metadata_document(&server, &client_id).await;
    search_succeeds(&server, done.tokens["access_token"].as_str().unwrap()).await;
    let r = refresh(&server, done.tokens["refresh_token"].as_str().unwrap(), &client_id).await;
    assert_eq!(r.status(), 200, "the refresh grant knows the client by its URL too");

    // Fetched once, through the proxy; the authorization, consent, exchange and refresh that
    // followed used the cached copy.
    let net = site.net();
    assert_eq!(net.connects, [SITE]);
    assert_eq!(net.requests.iter().filter(|r| r.path == PATH).count(), 1, "{:?}", net.requests);

    // Unusable client ids: an error page, never a redirect, and nothing fetched.
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let port = server.port;
    let cases = [
        (format!("http://{SITE}{PATH}"), "must be served over https"),
        (format!("https://127.0.0.1:{port}{PATH}"), "non-public address 127.0.0.1"),
        (format!("https://{SITE}/"), "must have a path"),
    ];
    for (id, why) in cases {
        let mut url = reqwest::Url::parse(&server.url("/authorize")).unwrap();
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &id)
            .append_pair("redirect_uri", REDIRECT);
        let r = http.get(url).send().await.unwrap();
        assert_eq!(r.status(), 400, "{id}");
        assert!(r.headers().get("location").is_none(), "{id} must not redirect");
        let page = r.text().await.unwrap();
        assert!(page.contains(why), "{id}: {page}");
    }
    assert_eq!(site.net().connects.len(), 1, "refused ids were never fetched");
    assert_valid(&sb);
}
