//! The shared client and its per-call, per-user view.

use std::sync::Arc;

use reqwest::Method;

use super::{ApiInfo, Call, RetryPolicy};

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

/// One per process: connection pool, base URL and retry policy.
#[derive(Debug)]
pub struct GoogleClient {
    pub(super) http: reqwest::Client,
    /// When set (sandbox, tests), `https://{host}` becomes `{base}/{host}`.
    base: Option<String>,
    pub(super) retry: RetryPolicy,
}

impl GoogleClient {
    pub fn new(http: reqwest::Client, base: Option<String>, retry: RetryPolicy) -> Self {
        let base = base.map(|b| b.trim_end_matches('/').to_string());
        GoogleClient { http, base, retry }
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
#[derive(Debug, Clone)]
pub struct GoogleCtx {
    pub(super) client: Arc<GoogleClient>,
    pub(super) token: AccessToken,
    user: String,
}

impl GoogleCtx {
    pub fn new(client: Arc<GoogleClient>, token: AccessToken, user: String) -> Self {
        GoogleCtx { client, token, user }
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
}

/// Characters escaped in a path segment: everything but RFC 3986's unreserved set.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes one path segment (ids may contain characters that are special in URLs).
pub fn segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}
