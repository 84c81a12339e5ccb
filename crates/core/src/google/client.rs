//! The shared client and its per-call, per-user view.

use std::sync::Arc;

use reqwest::Method;

use super::{ApiInfo, Call, GoogleError, HttpSettings, RetryPolicy, trusted_roots};
use crate::remote::UrlFetcher;

/// An OAuth access token. Its `Debug` never shows the value, so it cannot leak into logs.
#[derive(Clone)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(value: impl Into<String>) -> Self {
        AccessToken(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

/// A Google API key (Custom Search authenticates with one instead of OAuth). A secret: its
/// `Debug` never shows the value, and it travels in the `X-Goog-Api-Key` header, never in a
/// URL that an error message or a log line could repeat.
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(value: impl Into<String>) -> Self {
        ApiKey(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

/// How a call proves who it is: a user's OAuth token, or a project's API key.
#[derive(Clone, Debug)]
pub(super) enum Credential {
    Token(AccessToken),
    Key(ApiKey),
}

/// One per process: connection pool, base URL and retry policy.
#[derive(Debug)]
pub struct GoogleClient {
    pub(super) http: reqwest::Client,
    /// When set (sandbox, tests), `https://{host}` becomes `{base}/{host}`.
    base: Option<String>,
    pub(super) retry: RetryPolicy,
    /// Fetches user-given URLs (attachments and uploads by URL), public addresses only.
    fetcher: Arc<UrlFetcher>,
}

impl GoogleClient {
    /// A client whose URL fetcher trusts the web PKI roots with the default timeout; see
    /// [`GoogleClient::with_fetcher`] to match the configured CA bundle and timeout.
    pub fn new(http: reqwest::Client, base: Option<String>, retry: RetryPolicy) -> Self {
        let base = base.map(|b| b.trim_end_matches('/').to_string());
        let defaults = HttpSettings::default();
        let roots = trusted_roots(&defaults).unwrap_or_default();
        let fetcher = Arc::new(UrlFetcher::with_roots(roots, defaults.timeout));
        GoogleClient { http, base, retry, fetcher }
    }

    /// The same client fetching user-given URLs with `fetcher`.
    pub fn with_fetcher(mut self, fetcher: impl Into<Arc<UrlFetcher>>) -> Self {
        self.fetcher = fetcher.into();
        self
    }

    /// Fetches user-given URLs; see [`crate::remote`].
    pub fn fetcher(&self) -> &UrlFetcher {
        &self.fetcher
    }

    /// The absolute URL of `path` (starting with `/`) on a Google host.
    pub fn url(&self, host: &str, path: &str) -> String {
        match &self.base {
            Some(base) => format!("{base}/{host}{path}"),
            None => format!("https://{host}{path}"),
        }
    }

    /// The base URL override, if any (`None` means the real Google hosts).
    pub fn base(&self) -> Option<&str> {
        self.base.as_deref()
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }
}

/// The client bound to one user's token for one tool call.
#[derive(Clone)]
pub struct GoogleCtx {
    pub(super) client: Arc<GoogleClient>,
    pub(super) credential: Credential,
    user: String,
    /// Where retries and Google's warnings are reported to the MCP client.
    pub(super) notifier: Arc<dyn crate::notify::Notifier>,
}

impl GoogleCtx {
    pub fn new(client: Arc<GoogleClient>, token: AccessToken, user: String) -> Self {
        GoogleCtx { client, credential: Credential::Token(token), user, notifier: crate::notify::silent() }
    }

    /// A context for APIs that take an API key instead of a user's token (Custom Search);
    /// `user` only labels the calls.
    pub fn with_api_key(client: Arc<GoogleClient>, key: ApiKey, user: String) -> Self {
        GoogleCtx { client, credential: Credential::Key(key), user, notifier: crate::notify::silent() }
    }

    /// `req` with this context's credential attached.
    pub(super) fn authorize(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.credential {
            Credential::Token(t) => req.bearer_auth(t.expose()),
            Credential::Key(k) => req.header("x-goog-api-key", k.expose()),
        }
    }

    /// The same context, reporting to `notifier`.
    pub fn with_notifier(mut self, notifier: Arc<dyn crate::notify::Notifier>) -> Self {
        self.notifier = notifier;
        self
    }

    /// The client of the current tool call (progress and log messages).
    pub fn notifier(&self) -> &dyn crate::notify::Notifier {
        self.notifier.as_ref()
    }

    /// The Google account this context acts for.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// A request to `path` (absolute, e.g. `/gmail/v1/users/me/messages`) of `api`.
    pub fn call(&self, api: &'static ApiInfo, method: Method, path: impl Into<String>) -> Call {
        Call::new(self.clone(), api, method, path.into())
    }

    pub fn get(&self, api: &'static ApiInfo, path: impl Into<String>) -> Call {
        self.call(api, Method::GET, path)
    }

    pub fn post(&self, api: &'static ApiInfo, path: impl Into<String>) -> Call {
        self.call(api, Method::POST, path)
    }

    pub fn put(&self, api: &'static ApiInfo, path: impl Into<String>) -> Call {
        self.call(api, Method::PUT, path)
    }

    pub fn patch(&self, api: &'static ApiInfo, path: impl Into<String>) -> Call {
        self.call(api, Method::PATCH, path)
    }

    pub fn delete(&self, api: &'static ApiInfo, path: impl Into<String>) -> Call {
        self.call(api, Method::DELETE, path)
    }

    /// A request to a URL Google handed out for `api` (a resumable upload session): a
    /// path, or an absolute URL on the API's own host (or the base override standing in
    /// for it). Any other host is refused, so a reply cannot send the token elsewhere.
    pub fn call_url(&self, api: &'static ApiInfo, method: Method, url: &str) -> Result<Call, GoogleError> {
        let own = self.client.url(api.host, "/");
        let resolved = if url.starts_with('/') {
            Some(self.client.url(api.host, url))
        } else if url.starts_with(&own) {
            Some(url.to_string())
        } else {
            url::Url::parse(url).ok().filter(|u| u.scheme() == "https" && u.host_str() == Some(api.host)).map(|u| {
                let query = u.query().map(|q| format!("?{q}")).unwrap_or_default();
                self.client.url(api.host, &format!("{}{query}", u.path()))
            })
        };
        match resolved {
            Some(url) => Ok(Call::at_url(self.clone(), api, method, url)),
            None => Err(GoogleError::malformed(
                api,
                format!("{method} session"),
                format!("the session URL is not on {}", api.host),
            )),
        }
    }
}

/// Characters escaped in a path segment: everything but RFC 3986's unreserved set.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes one path segment (ids may contain characters that are special in URLs).
pub fn segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}

impl std::fmt::Debug for GoogleCtx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GoogleCtx")
            .field("user", &self.user)
            .field("credential", &self.credential)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_urls_stay_on_the_api_host() {
        let ctx = |base: Option<&str>| {
            let http = super::super::build_http_client(&Default::default()).unwrap();
            let client = GoogleClient::new(http, base.map(str::to_string), RetryPolicy::default());
            GoogleCtx::new(Arc::new(client), AccessToken::new("t"), "u@example.com".into())
        };
        let api = &ApiInfo::DRIVE;
        let real = ctx(None);
        assert!(
            real.call_url(api, Method::PUT, "https://www.googleapis.com/upload/drive/v3/files?upload_id=x").is_ok()
        );
        assert!(real.call_url(api, Method::PUT, "/upload/drive/v3/files?upload_id=x").is_ok());
        assert!(real.call_url(api, Method::PUT, "https://evil.example/upload?upload_id=x").is_err());
        assert!(
            real.call_url(api, Method::PUT, "http://www.googleapis.com/upload").is_err(),
            "never downgraded to http"
        );
        let sandbox = ctx(Some("http://127.0.0.1:9"));
        assert!(
            sandbox
                .call_url(api, Method::PUT, "http://127.0.0.1:9/www.googleapis.com/upload/drive/v3/files?upload_id=x")
                .is_ok()
        );
        assert!(
            sandbox.call_url(api, Method::PUT, "https://www.googleapis.com/upload/drive/v3/files?upload_id=x").is_ok()
        );
        assert!(sandbox.call_url(api, Method::PUT, "http://127.0.0.1:9/gmail.googleapis.com/x").is_err());
    }
}
