//! Fetching a user-given URL without reaching what the server can see internally.
//!
//! Every hop of a redirect chain is checked: redirects are followed here (at most
//! [`MAX_REDIRECTS`]), never by reqwest. For each hop the host is resolved once, every
//! address must be public ([`is_public`]), and the connection is pinned to exactly the
//! addresses that were checked (`resolve_to_addrs` on a client built for that hop), so a DNS
//! answer that changes between the check and the connect (DNS rebinding) is never used.
//!
//! Behind `HTTPS_PROXY`/`HTTP_PROXY` the proxy opens the connection and resolves the name
//! itself; what is checked then is the literal address or this machine's own resolution of
//! the name, before the request is handed to the proxy. A name this machine cannot resolve is
//! refused, so the check fails closed rather than trusting the proxy's view.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use reqwest::header::LOCATION;

use super::public::is_public;
use crate::ToolError;
use crate::google::{HttpSettings, trusted_roots};

/// Redirects followed before giving up (browsers allow about 20; one or two is normal).
pub const MAX_REDIRECTS: usize = 10;

/// Resolves host names for the check. Tests substitute their own answers.
pub trait HostResolver: Send + Sync {
    fn lookup<'a>(&'a self, host: &'a str) -> BoxFuture<'a, Result<Vec<IpAddr>, String>>;
}

/// The resolver of the running server: the C library's `getaddrinfo` (on a blocking thread),
/// as for every other connection; it reads `/etc/hosts` and `/etc/resolv.conf`. The static
/// glibc of the image carries its `files` and `dns` lookups built in (glibc 2.34 and later),
/// so nothing is loaded at run time (see `scripts/build-static.sh`).
#[derive(Default)]
pub struct SystemResolver;

impl HostResolver for SystemResolver {
    fn lookup<'a>(&'a self, host: &'a str) -> BoxFuture<'a, Result<Vec<IpAddr>, String>> {
        Box::pin(async move {
            // Port 0 only completes the socket address getaddrinfo wants; the port is not used.
            let answer = tokio::net::lookup_host((host, 0)).await.map_err(|e| e.to_string())?;
            let mut ips: Vec<IpAddr> = Vec::new();
            for addr in answer {
                if !ips.contains(&addr.ip()) {
                    ips.push(addr.ip());
                }
            }
            Ok(ips)
        })
    }
}

/// Fetches http(s) URLs from public addresses only; see the module documentation.
pub struct UrlFetcher {
    roots: Vec<reqwest::Certificate>,
    timeout: Duration,
    resolver: Arc<dyn HostResolver>,
    /// Non-public addresses declared reachable anyway, each with its port. Only tests set
    /// this (to stand a loopback server in for a public one); the server never does.
    allowed: Vec<SocketAddr>,
}

impl std::fmt::Debug for UrlFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UrlFetcher").field("timeout", &self.timeout).field("allowed", &self.allowed).finish()
    }
}

impl UrlFetcher {
    /// A fetcher trusting the same CAs, and with the same timeout, as the Google client.
    pub fn new(settings: &HttpSettings) -> Result<Self, String> {
        Ok(Self::with_roots(trusted_roots(settings)?, settings.timeout))
    }

    /// A fetcher trusting exactly `roots`.
    pub fn with_roots(roots: Vec<reqwest::Certificate>, timeout: Duration) -> Self {
        UrlFetcher { roots, timeout, resolver: Arc::new(SystemResolver), allowed: Vec::new() }
    }

    /// The same fetcher resolving names through `resolver`.
    pub fn with_resolver(mut self, resolver: Arc<dyn HostResolver>) -> Self {
        self.resolver = resolver;
        self
    }

    /// The same fetcher treating `addr` (address and port) as public. For tests only.
    pub fn allowing(mut self, addr: SocketAddr) -> Self {
        self.allowed.push(addr);
        self
    }

    /// GETs `url`, following redirects itself and checking every hop. Returns the final
    /// response (any status but a redirect) and the URL it came from. A refused hop is a
    /// [`ToolError::Refused`] that ends with `instead`.
    pub async fn get(&self, url: url::Url, instead: &str) -> Result<(reqwest::Response, url::Url), ToolError> {
        let mut url = url;
        for _ in 0..=MAX_REDIRECTS {
            let response = self.get_once(&url, instead).await?;
            let location = response.headers().get(LOCATION).and_then(|l| l.to_str().ok());
            match location.filter(|_| response.status().is_redirection()) {
                Some(next) => {
                    url = url
                        .join(next)
                        .map_err(|e| ToolError::File(format!("{url} redirects to an invalid URL \"{next}\": {e}")))?;
                }
                None => return Ok((response, url)),
            }
        }
        Err(ToolError::File(format!("{url}: more than {MAX_REDIRECTS} redirects")))
    }

    /// GETs `url` alone, checked and pinned like every hop of [`Self::get`], following no
    /// redirect: a 3xx comes back as the response, for callers that refuse redirects (a client
    /// ID metadata document must be served at its own URL).
    pub async fn get_once(&self, url: &url::Url, instead: &str) -> Result<reqwest::Response, ToolError> {
        let addrs = self.checked_addrs(url, instead).await?;
        self.client_for(url, &addrs)?
            .get(url.clone())
            .send()
            .await
            .map_err(|e| ToolError::File(format!("cannot fetch {url}: {e}")))
    }

    /// The addresses `url` may be fetched from, each checked; refuses the hop otherwise.
    async fn checked_addrs(&self, url: &url::Url, instead: &str) -> Result<Vec<SocketAddr>, ToolError> {
        let shown = url.host_str().unwrap_or_default();
        let refuse = |why: String| ToolError::Refused(format!("will not fetch from {shown}: {why}. {instead}"));
        if !matches!(url.scheme(), "http" | "https") {
            return Err(refuse(format!("only http and https are fetched, not {}:", url.scheme())));
        }
        let port = url.port_or_known_default().unwrap_or(443);
        let ips = match url.host() {
            Some(url::Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
            Some(url::Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                if name == "localhost" || name.ends_with(".localhost") {
                    return Err(refuse("it is this machine".into()));
                }
                let ips = tokio::time::timeout(self.timeout, self.resolver.lookup(&name))
                    .await
                    .map_err(|_| ToolError::File(format!("cannot resolve {name}: timed out")))?
                    .map_err(|e| ToolError::File(format!("cannot resolve {name}: {e}")))?;
                if ips.is_empty() {
                    return Err(ToolError::File(format!("cannot resolve {name}: no addresses")));
                }
                ips
            }
            None => return Err(refuse("the URL has no host".into())),
        };
        let addrs: Vec<SocketAddr> = ips.into_iter().map(|ip| SocketAddr::new(ip, port)).collect();
        if let Some(bad) = addrs.iter().find(|a| !is_public(a.ip()) && !self.allowed.contains(a)) {
            return Err(refuse(format!("it is or resolves to the non-public address {}", bad.ip())));
        }
        Ok(addrs)
    }

    /// A client for one hop: no redirects of its own, and for a host name, connections only
    /// to the addresses just checked. Proxies come from the environment as everywhere else.
    fn client_for(&self, url: &url::Url, addrs: &[SocketAddr]) -> Result<reqwest::Client, ToolError> {
        let mut builder = reqwest::Client::builder()
            .tls_certs_only(self.roots.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.timeout)
            .connect_timeout(Duration::from_secs(10).min(self.timeout))
            .user_agent(concat!("workspace-mcp/", env!("CARGO_PKG_VERSION")));
        if let Some(url::Host::Domain(name)) = url.host() {
            builder = builder.resolve_to_addrs(name, addrs);
        }
        builder.build().map_err(|e| ToolError::Internal(format!("cannot build an HTTP client: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use axum::Router;
    use axum::http::{StatusCode, header};
    use axum::routing::get;

    use super::*;

    const INSTEAD: &str = "Pass the content instead";

    /// Serves `router` on a loopback port; returns its address.
    async fn serve(router: Router) -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        addr
    }

    fn redirect(to: String) -> (StatusCode, [(header::HeaderName, String); 1]) {
        (StatusCode::FOUND, [(header::LOCATION, to)])
    }

    /// An internal endpoint that counts every request reaching it.
    async fn internal() -> (SocketAddr, Arc<AtomicUsize>) {
        let hits = Arc::new(AtomicUsize::new(0));
        let counter = hits.clone();
        let router = Router::new().fallback(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async { "secret" }
        });
        (serve(router).await, hits)
    }

    /// Answers the n-th lookup with `answers[n]` (the last one from then on), counting them.
    struct Answers {
        answers: Vec<Vec<IpAddr>>,
        calls: AtomicUsize,
    }

    impl HostResolver for Answers {
        fn lookup<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Vec<IpAddr>, String>> {
            let n = self.calls.fetch_add(1, Ordering::SeqCst);
            let answer = self.answers[n.min(self.answers.len() - 1)].clone();
            Box::pin(async move { Ok(answer) })
        }
    }

    fn answers(answers: &[&[&str]]) -> Arc<Answers> {
        let answers = answers.iter().map(|a| a.iter().map(|ip| ip.parse().unwrap()).collect()).collect();
        Arc::new(Answers { answers, calls: AtomicUsize::new(0) })
    }

    fn fetcher(allowed: SocketAddr, resolver: Arc<Answers>) -> UrlFetcher {
        UrlFetcher::new(&HttpSettings { timeout: Duration::from_secs(5), extra_ca_file: None })
            .unwrap()
            .with_resolver(resolver)
            .allowing(allowed)
    }

    async fn fetch(f: &UrlFetcher, url: &str) -> Result<(String, String), ToolError> {
        let (response, url) = f.get(url::Url::parse(url).unwrap(), INSTEAD).await?;
        Ok((url.path().to_string(), response.text().await.unwrap()))
    }

    /// A public site (stood in for by an allowed loopback port) that redirects: a redirect
    /// within the site is followed; one to this machine on another port, to a name that
    /// resolves here, or to an IPv4-mapped/NAT64 spelling of it is refused at that hop, and
    /// the internal endpoint never sees a request. Loops end after MAX_REDIRECTS.
    #[tokio::test]
    async fn every_redirect_hop_is_checked() {
        let (inside, hits) = internal().await;
        let port = inside.port();
        let site = Router::new()
            .route("/file", get(|| async { "hello" }))
            .route("/hop", get(|| async { redirect("/file".into()) }))
            .route("/to-loopback", get(move || async move { redirect(format!("http://127.0.0.1:{port}/x")) }))
            .route("/to-name", get(move || async move { redirect(format!("http://intranet.test:{port}/x")) }))
            .route("/to-mapped", get(move || async move { redirect(format!("http://[::ffff:127.0.0.1]:{port}/x")) }))
            .route("/to-nat64", get(move || async move { redirect(format!("http://[64:ff9b::7f00:1]:{port}/x")) }))
            .route("/to-file", get(|| async { redirect("file:///etc/passwd".into()) }))
            .route("/loop", get(|| async { redirect("/loop".into()) }));
        let site = serve(site).await;
        let f = fetcher(site, answers(&[&["127.0.0.1"]]));
        let base = format!("http://{site}");

        assert_eq!(fetch(&f, &format!("{base}/hop")).await.unwrap(), ("/file".into(), "hello".into()));
        for path in ["/to-loopback", "/to-name", "/to-mapped", "/to-nat64", "/to-file"] {
            let e = fetch(&f, &format!("{base}{path}")).await.unwrap_err();
            assert!(matches!(e, ToolError::Refused(_)) && e.to_string().ends_with(INSTEAD), "{path}: {e}");
        }
        let e = fetch(&f, &format!("{base}/loop")).await.unwrap_err();
        assert!(e.to_string().contains("more than 10 redirects"), "{e}");
        assert_eq!(hits.load(Ordering::SeqCst), 0, "the internal endpoint was never reached");
        let e = fetch(&f, &format!("http://localhost:{}/file", site.port())).await.unwrap_err();
        assert!(matches!(e, ToolError::Refused(_)), "{e}");
    }

    /// `get_once` hands a redirect back unfollowed, and checks its one hop as `get` does.
    #[tokio::test]
    async fn get_once_follows_no_redirect() {
        let (inside, hits) = internal().await;
        let site = Router::new().route("/hop", get(|| async { redirect("/file".into()) }));
        let site = serve(site).await;
        let f = fetcher(site, answers(&[&["127.0.0.1"]]));
        let r = f.get_once(&url::Url::parse(&format!("http://{site}/hop")).unwrap(), INSTEAD).await.unwrap();
        assert_eq!(r.status().as_u16(), 302);
        assert_eq!(r.headers()[LOCATION], "/file");
        let e = f.get_once(&url::Url::parse(&format!("http://{inside}/x")).unwrap(), INSTEAD).await.unwrap_err();
        assert!(matches!(e, ToolError::Refused(_)), "{e}");
        assert_eq!(hits.load(Ordering::SeqCst), 0);
    }

    /// A name is resolved once per fetch and the connection goes to the address that was
    /// checked: the resolver answers the allowed address first and an internal one after
    /// (DNS rebinding); the fetch reaches the allowed server with one lookup, and only the
    /// next fetch, which looks up again, sees (and refuses) the internal answer. The name
    /// exists nowhere else, so any second resolution at connect time would fail the fetch.
    #[tokio::test]
    async fn names_are_resolved_once_and_pinned() {
        let site = serve(Router::new().route("/file", get(|| async { "from the checked address" }))).await;
        let resolver = answers(&[&["127.0.0.1"], &["10.0.0.7"]]);
        let f = fetcher(site, resolver.clone());
        let url = format!("http://files.rebind.test:{}/file", site.port());
        assert_eq!(fetch(&f, &url).await.unwrap().1, "from the checked address");
        assert_eq!(resolver.calls.load(Ordering::SeqCst), 1);
        let e = fetch(&f, &url).await.unwrap_err();
        assert!(e.to_string().contains("non-public address 10.0.0.7"), "{e}");
        // Every address of a name must pass, not just the first.
        let mixed = fetcher(site, answers(&[&["127.0.0.1", "169.254.169.254"]]));
        let e = fetch(&mixed, &url).await.unwrap_err();
        assert!(e.to_string().contains("169.254.169.254"), "{e}");
    }
}
