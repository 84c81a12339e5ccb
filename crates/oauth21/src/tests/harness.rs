//! A complete authorization server over a memory store, with the sandbox's Google OAuth
//! emulation behind it on a real port, driven through its router as a browser and a client
//! would.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt as _;
use wsmcp_auth::{Endpoints, OAuthClientConfig, Secret};
use wsmcp_sandbox_kit::{Sandbox, SandboxHandle, oauth_emulation};

use crate::crypto::sha256_b64;
use crate::{AuthServer, Options, Settings, Upstream};

pub const USER: &str = "alex.rivera@example.com";
pub const BASE: &str = "https://mcp.example.com";
pub const REDIRECT: &str = "https://client.example/callback";
pub const GMAIL_READONLY: &str = "https://www.googleapis.com/auth/gmail.readonly";
pub const DRIVE: &str = "https://www.googleapis.com/auth/drive";

pub struct Harness {
    pub server: Arc<AuthServer>,
    router: Router,
    pub google: SandboxHandle,
    browser: reqwest::Client,
}

pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The query parameters of the redirect.
    pub fn redirect_param(&self, name: &str) -> Option<String> {
        let location = self.location.as_deref()?;
        let url = url::Url::parse(location).ok()?;
        url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
    }
}

/// A client's view of one authorization: its registration and PKCE verifier.
#[derive(Clone)]
pub struct Client {
    pub id: String,
    pub secret: Option<String>,
    pub verifier: String,
}

impl Client {
    pub fn challenge(&self) -> String {
        sha256_b64(self.verifier.as_bytes())
    }
}

pub async fn harness(settings: Settings) -> Harness {
    let fetcher = wsmcp_core::remote::UrlFetcher::new(&Default::default()).unwrap();
    harness_with(settings, Arc::new(wsmcp_kv::MemoryKv::new()), fetcher).await
}

/// A harness over `kv`, fetching client ID metadata documents with `fetcher`.
pub async fn harness_with(
    settings: Settings,
    kv: Arc<dyn wsmcp_kv::Kv>,
    fetcher: wsmcp_core::remote::UrlFetcher,
) -> Harness {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let google = Sandbox::builder().services(oauth_emulation(USER)).build().serve("127.0.0.1:0").await.unwrap();
    let upstream = Upstream {
        client: OAuthClientConfig {
            client_id: "server.apps.googleusercontent.com".into(),
            client_secret: Some(Secret::new("server-secret")),
            redirect_uri: format!("{BASE}/oauth2callback"),
        },
        endpoints: Endpoints::with_base(&google.base_url),
        http: reqwest::Client::new(),
    };
    let server = AuthServer::new(Options {
        public_base: BASE.into(),
        tool_scopes: vec![GMAIL_READONLY.into(), DRIVE.into()],
        settings,
        kv,
        upstream,
        ephemeral_keys: false,
        fetcher: Arc::new(fetcher),
    })
    .unwrap();
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    Harness { router: server.router(), server, google, browser }
}

impl Harness {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let r = self.router.clone().oneshot(req).await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let location = headers.get(header::LOCATION).map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
        Reply { status, location, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path_and_query: &str) -> Reply {
        self.send(Request::get(path_and_query).body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)], extra: &[(&str, &str)]) -> Reply {
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let mut req = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    pub async fn register(&self, body: Value) -> Reply {
        let req = Request::post("/register").header(header::CONTENT_TYPE, "application/json");
        self.send(req.body(Body::from(body.to_string())).unwrap()).await
    }

    /// A public client (PKCE only) registered with [`REDIRECT`].
    pub async fn public_client(&self) -> Client {
        let r = self
            .register(json!({"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none",
            "client_name": "Test <Client>"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        Client { id: r.json()["client_id"].as_str().unwrap().to_string(), secret: None, verifier: "v".repeat(50) }
    }

    pub fn authorize_path(&self, client: &Client, extra: &[(&str, &str)]) -> String {
        let challenge = client.challenge();
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        q.extend_pairs([
            ("response_type", "code"),
            ("client_id", client.id.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
            ("state", "client-state"),
            ("resource", &format!("{BASE}/mcp")),
        ]);
        q.extend_pairs(extra);
        format!("/authorize?{}", q.finish())
    }

    /// The consent page of an authorization: (request id, csrf token, cookie header).
    pub async fn consent_page(&self, client: &Client) -> (String, String, String, Reply) {
        let r = self.get(&self.authorize_path(client, &[])).await;
        let location = r.location.expect("authorize redirects to the consent page");
        let path = location.strip_prefix(BASE).expect("consent on this server").to_string();
        let page = self.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let field = |name: &str| {
            let marker = format!("name={name} value=\"");
            let start = page.body.find(&marker).unwrap() + marker.len();
            page.body[start..].split('"').next().unwrap().to_string()
        };
        let cookie = page.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        (field("request"), field("csrf"), cookie, page)
    }

    /// Browser and client through consent, Google and the callback: our code.
    pub async fn code_for(&self, client: &Client) -> String {
        let (request, csrf, cookie, _) = self.consent_page(client).await;
        let approved = self
            .post_form(
                "/consent",
                &[("request", &request), ("csrf", &csrf), ("decision", "approve")],
                &[("cookie", &cookie)],
            )
            .await;
        let google_url = approved.location.expect("approval goes to Google");
        let back = self.browser.get(&google_url).send().await.unwrap();
        assert!(back.status().is_redirection(), "{}", back.status());
        let callback = back.headers()["location"].to_str().unwrap().to_string();
        let done = self.get(callback.strip_prefix(BASE).unwrap()).await;
        assert_eq!(done.redirect_param("state").as_deref(), Some("client-state"));
        assert_eq!(done.redirect_param("iss").as_deref(), Some(BASE));
        done.redirect_param("code").unwrap_or_else(|| panic!("no code: {:?}", done.location))
    }

    pub async fn exchange(&self, client: &Client, code: &str) -> Reply {
        self.post_form(
            "/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("code_verifier", &client.verifier),
                ("client_id", &client.id),
                ("redirect_uri", REDIRECT),
            ],
            &[],
        )
        .await
    }

    pub async fn refresh(&self, client: &Client, refresh_token: &str) -> Reply {
        self.post_form(
            "/token",
            &[("grant_type", "refresh_token"), ("refresh_token", refresh_token), ("client_id", &client.id)],
            &[],
        )
        .await
    }

    /// A signed-in client and its first token reply.
    pub async fn tokens(&self) -> (Client, Value) {
        let client = self.public_client().await;
        let code = self.code_for(&client).await;
        let r = self.exchange(&client, &code).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        (client, r.json())
    }

    pub async fn bearer_ok(&self, access_token: &Value) -> bool {
        self.server.verify_bearer(Some(&format!("Bearer {}", access_token.as_str().unwrap()))).await.is_ok()
    }
}
