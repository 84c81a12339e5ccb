//! Clients named by the URL of their metadata document, fetched from a real TLS site: the whole
//! sign-in, the cache, and every way a document can fail at `/authorize` (an error page, never a
//! redirect) and at `/token`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures::future::BoxFuture;
use http::{StatusCode, header};
use serde_json::{Value, json};
use wsmcp_kv::{Kv, KvResult, MemoryKv};

use super::document_site::Site;
use super::harness::*;
use crate::Settings;
use crate::client_document::MAX_CACHED_DOCUMENTS;
use crate::store::key;

/// The client's site: its document (changeable), the `Cache-Control` it is served with, and a
/// count of fetches.
#[derive(Default)]
struct Doc {
    body: Mutex<Value>,
    cache_control: Mutex<String>,
    fetches: AtomicUsize,
}

async fn serve_doc(State(doc): State<Arc<Doc>>) -> Response {
    doc.fetches.fetch_add(1, Ordering::SeqCst);
    let body = doc.body.lock().unwrap().to_string();
    let cache = doc.cache_control.lock().unwrap().clone();
    ([(header::CONTENT_TYPE, "application/json".to_string()), (header::CACHE_CONTROL, cache)], body).into_response()
}

fn json_reply(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn site(doc: Arc<Doc>) -> Site {
    let router = Router::new()
        .route("/client.json", get(serve_doc))
        .route("/other.json", get(serve_doc))
        .route("/moved", get(|| async { (StatusCode::FOUND, [(header::LOCATION, "/client.json")]) }))
        .route("/huge", get(|| async { json_reply(format!("{{\"client_name\": \"{}\"}}", "x".repeat(6000))) }))
        .route("/html", get(|| async { ([(header::CONTENT_TYPE, "text/html")], "<html></html>") }))
        .route("/broken", get(|| async { StatusCode::INTERNAL_SERVER_ERROR }))
        .route("/wrong-id", get(serve_doc))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(8)).await;
                "late"
            }),
        )
        .with_state(doc);
    Site::serve(router).await
}

fn document(id: &str, name: &str) -> Value {
    json!({"client_id": id, "client_name": name, "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none"})
}

/// A memory store that notes the lifetime of every entry written.
#[derive(Default)]
struct NotingKv {
    inner: MemoryKv,
    ttls: Mutex<Vec<(String, Option<Duration>)>>,
}

impl NotingKv {
    fn ttl_of(&self, key: &str) -> Option<Duration> {
        self.ttls.lock().unwrap().iter().rev().find(|(k, _)| k == key).and_then(|(_, t)| *t)
    }
}

impl Kv for NotingKv {
    fn name(&self) -> &'static str {
        "noting"
    }
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        self.inner.get(key)
    }
    fn put<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Option<Duration>) -> BoxFuture<'a, KvResult<()>> {
        self.ttls.lock().unwrap().push((key.to_string(), ttl));
        self.inner.put(key, value, ttl)
    }
    fn put_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Option<Duration>,
    ) -> BoxFuture<'a, KvResult<bool>> {
        self.inner.put_if_absent(key, value, ttl)
    }
    fn take<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<Option<Vec<u8>>>> {
        self.inner.take(key)
    }
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, KvResult<bool>> {
        self.inner.delete(key)
    }
    fn probe(&self) -> BoxFuture<'_, KvResult<()>> {
        self.inner.probe()
    }
}

struct Setup {
    h: Harness,
    site: Site,
    doc: Arc<Doc>,
    kv: Arc<NotingKv>,
}

async fn setup(settings: Settings) -> Setup {
    let doc = Arc::new(Doc::default());
    let site = site(doc.clone()).await;
    *doc.body.lock().unwrap() = document(&site.url("/client.json"), "Example <App>");
    *doc.cache_control.lock().unwrap() = "public, max-age=300".into();
    let kv = Arc::new(NotingKv::default());
    let h = harness_with(settings, kv.clone(), site.fetcher()).await;
    Setup { h, site, doc, kv }
}

fn client(id: String) -> Client {
    Client { id, secret: None, verifier: "w".repeat(50) }
}

#[tokio::test]
async fn a_client_named_by_its_document_url_signs_in_and_refreshes_on_one_fetch() {
    let Setup { h, site, doc, kv } = setup(Settings::default()).await;
    let meta = h.get("/.well-known/oauth-authorization-server").await.json();
    assert_eq!(meta["client_id_metadata_document_supported"], true);

    let c = client(site.url("/client.json"));
    let (_, _, _, page) = h.consent_page(&c).await;
    // The host is what was verified, shown first and large; the name is marked as the client's own.
    assert!(page.body.contains("<p class=client>An application from <b>127.0.0.1</b></p>"), "{}", page.body);
    assert!(page.body.contains("calling itself <b>Example &lt;App&gt;</b>, a name it chose itself"), "{}", page.body);
    assert!(page.body.contains(&format!("<code>{}</code>", c.id)), "{}", page.body);
    assert!(!page.body.contains("Caution"), "the browser returns to the client's https site: {}", page.body);

    let code = h.code_for(&c).await;
    let r = h.exchange(&c, &code).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let tokens = r.json();
    assert!(h.bearer_ok(&tokens["access_token"]).await);
    let r = h.refresh(&c, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let refresh = r.json()["refresh_token"].as_str().unwrap().to_string();

    // Two authorizations, two consent pages, an exchange and a refresh: one fetch, cached for
    // the document's max-age.
    assert_eq!(doc.fetches.load(Ordering::SeqCst), 1);
    assert_eq!(kv.ttl_of(&key("client-doc", &c.id)), Some(Duration::from_secs(300)));

    // Revocation authenticates the same client the same way.
    let r = h.post_form("/revoke", &[("token", &refresh), ("client_id", &c.id)], &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(h.refresh(&c, &refresh).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_unusable_client_id_url_gets_an_error_page_never_a_redirect() {
    let Setup { h, site, doc, .. } = setup(Settings::default()).await;
    *doc.body.lock().unwrap() = document(&site.url("/client.json"), "Example");
    // A loopback port other than the site's is internal, as is the name localhost.
    let other = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap();
    let port = site.addr.port();
    let cases = [
        (format!("http://127.0.0.1:{port}/client.json"), StatusCode::BAD_REQUEST, "must be served over https"),
        (site.url("/"), StatusCode::BAD_REQUEST, "must have a path"),
        (format!("https://{other}/client.json"), StatusCode::BAD_REQUEST, "non-public address 127.0.0.1"),
        (format!("https://localhost:{port}/client.json"), StatusCode::BAD_REQUEST, "it is this machine"),
        (site.url("/missing"), StatusCode::BAD_REQUEST, "answered HTTP 404"),
        (site.url("/moved"), StatusCode::BAD_REQUEST, "must be served at the URL itself"),
        (site.url("/huge"), StatusCode::BAD_REQUEST, "larger than 5120 bytes"),
        (site.url("/html"), StatusCode::BAD_REQUEST, "must be served as application/json"),
        (site.url("/wrong-id"), StatusCode::BAD_REQUEST, "not exactly the URL it was fetched from"),
        (site.url("/broken"), StatusCode::SERVICE_UNAVAILABLE, "answered HTTP 500"),
        (site.url("/slow"), StatusCode::SERVICE_UNAVAILABLE, "did not arrive within 5 s"),
    ];
    for (id, status, why) in cases {
        let r = h.get(&h.authorize_path(&client(id.clone()), &[])).await;
        assert_eq!(r.status, status, "{id}: {}", r.body);
        assert!(r.location.is_none(), "{id} must not redirect");
        assert!(r.body.contains("Authorization failed") && r.body.contains(why), "{id}: {}", r.body);
    }
    // At the token endpoint the same client is an RFC 6749 invalid_client.
    let form = [("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_id", "http://127.0.0.1/c")];
    let r = h.post_form("/token", &form, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(r.json()["error"], "invalid_client");
    assert!(r.json()["error_description"].as_str().unwrap().contains("https"), "{}", r.body);
}

/// A document whose redirect URI is loopback can be used by any program on the user's machine,
/// so the host proves nothing: the consent page says so.
#[tokio::test]
async fn a_loopback_redirect_gets_a_caution_on_the_consent_page() {
    let Setup { h, site, doc, .. } = setup(Settings::default()).await;
    let c = client(site.url("/client.json"));
    let local = "http://127.0.0.1:7777/callback";
    let mut d = document(&c.id, "Local App");
    d["redirect_uris"] = json!([local]);
    *doc.body.lock().unwrap() = d;
    let path = h.authorize_path(&c, &[]).replace(
        &url::form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect::<String>(),
        &url::form_urlencoded::byte_serialize(local.as_bytes()).collect::<String>(),
    );
    let r = h.get(&path).await;
    let consent = r.location.unwrap_or_else(|| panic!("{}", r.body));
    let page = h.get(consent.strip_prefix(BASE).unwrap()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("<b>Caution:</b> this sign-in returns to a program on your own computer"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_operators_redirect_list_applies_to_documents() {
    let settings = Settings { allowed_redirect_uris: vec!["https://claude.ai/*".into()], ..Settings::default() };
    let Setup { h, site, .. } = setup(settings).await;
    let r = h.get(&h.authorize_path(&client(site.url("/client.json")), &[])).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.location.is_none());
    assert!(r.body.contains(&format!("{REDIRECT} is not among the redirect URIs this server allows")), "{}", r.body);
}

#[tokio::test]
async fn a_document_is_cached_for_its_lifetime_and_the_cache_is_capped() {
    let Setup { h, site, doc, kv } = setup(Settings::default()).await;
    let c = client(site.url("/client.json"));
    let first = h.consent_page(&c).await.3;
    assert!(first.body.contains("Example &lt;App&gt;"));
    // A changed document is not seen while the cached copy lives; once it is gone (expired:
    // here removed), the next sign-in fetches the new one.
    *doc.body.lock().unwrap() = document(&c.id, "Renamed App");
    assert!(h.consent_page(&c).await.3.body.contains("Example &lt;App&gt;"));
    assert_eq!(doc.fetches.load(Ordering::SeqCst), 1);
    kv.delete(&key("client-doc", &c.id)).await.unwrap();
    assert!(h.consent_page(&c).await.3.body.contains("Renamed App"));
    assert_eq!(doc.fetches.load(Ordering::SeqCst), 2);

    // Every cache slot held (by other documents): another client's document still serves its
    // sign-in, but is fetched each time rather than stored.
    for i in 0..MAX_CACHED_DOCUMENTS {
        kv.put_if_absent(&format!("oauth21:client-doc-slot:{i}"), b"1", None).await.unwrap();
    }
    let other = client(site.url("/other.json"));
    *doc.body.lock().unwrap() = document(&other.id, "Other App");
    for _ in 0..2 {
        assert!(h.consent_page(&other).await.3.body.contains("Other App"));
    }
    assert_eq!(doc.fetches.load(Ordering::SeqCst), 2 + 4, "two authorizations and two consent pages, uncached");
    assert!(kv.get(&key("client-doc", &other.id)).await.unwrap().is_none());
}
