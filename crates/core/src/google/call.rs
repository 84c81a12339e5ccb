//! One Google request: built fluently, sent with retries when it is safe to repeat.
//! Media uploads may stream their body from a source (a file) instead of holding it in
//! memory; such a request can be sent only once and is never retried.

use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ApiInfo, GoogleCtx, GoogleError, RetryPolicy};

enum Payload {
    None,
    Json(Vec<u8>),
    Raw {
        bytes: Bytes,
        content_type: String,
    },
    /// Read once from its source; `None` after it was sent.
    Stream {
        body: Option<reqwest::Body>,
        content_type: String,
        len: u64,
    },
}

/// A reply whose status and headers matter to the caller: a resumable upload reads the
/// session URL from `Location`, and a `308 Resume Incomplete` with the `Range` received.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Bytes,
}

impl Reply {
    /// A header's value, when present and readable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A request under construction. `GET` requests are retried on 429/5xx and network errors;
/// anything else only when marked [`Call::idempotent`], so a send is never repeated blindly.
pub struct Call {
    ctx: GoogleCtx,
    api: &'static ApiInfo,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    /// An absolute URL Google handed out (a resumable session), used instead of `path`.
    url: Option<String>,
    payload: Payload,
    idempotent: bool,
}

impl Call {
    pub(super) fn new(ctx: GoogleCtx, api: &'static ApiInfo, method: Method, path: String) -> Self {
        let idempotent = method == Method::GET;
        Call {
            ctx,
            api,
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            url: None,
            payload: Payload::None,
            idempotent,
        }
    }

    /// A request to an absolute URL that Google returned (e.g. a resumable upload session).
    pub(super) fn at_url(ctx: GoogleCtx, api: &'static ApiInfo, method: Method, url: String) -> Self {
        let path = url::Url::parse(&url).map(|u| u.path().to_string()).unwrap_or_default();
        let mut call = Call::new(ctx, api, method, path);
        call.url = Some(url);
        call
    }

    /// An extra request header (upload protocol headers such as `X-Upload-Content-Type`).
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn query(mut self, name: &str, value: impl ToString) -> Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    pub fn query_opt(self, name: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(name, v),
            None => self,
        }
    }

    pub fn query_all<I: IntoIterator<Item = S>, S: ToString>(mut self, name: &str, values: I) -> Self {
        for v in values {
            self.query.push((name.to_string(), v.to_string()));
        }
        self
    }

    pub fn json(mut self, body: &impl Serialize) -> Self {
        // Serializing our own wire types cannot fail; an empty body would be rejected loudly by Google.
        self.payload = Payload::Json(serde_json::to_vec(body).unwrap_or_default());
        self
    }

    pub fn raw(mut self, bytes: impl Into<Bytes>, content_type: impl Into<String>) -> Self {
        self.payload = Payload::Raw { bytes: bytes.into(), content_type: content_type.into() };
        self
    }

    /// A body of exactly `len` bytes streamed from `body` as it is sent, so a large upload
    /// never sits in memory whole. The stream cannot be replayed, so the call is never
    /// retried (even if marked idempotent); callers resume through the upload protocol.
    pub fn stream<S>(mut self, body: S, content_type: impl Into<String>, len: u64) -> Self
    where
        S: futures::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        let body = Some(reqwest::Body::wrap_stream(body));
        self.payload = Payload::Stream { body, content_type: content_type.into(), len };
        self
    }

    /// Declares the request safe to repeat (e.g. a PUT of a full resource or a delete).
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// Sends and parses the JSON reply.
    pub async fn send<T: DeserializeOwned>(self) -> Result<T, GoogleError> {
        let api = self.api;
        let label = self.label();
        let bytes = self.send_bytes().await?;
        let bytes = if bytes.is_empty() { Bytes::from_static(b"{}") } else { bytes };
        serde_json::from_slice(&bytes).map_err(|e| GoogleError::malformed(api, label, e.to_string()))
    }

    /// Sends and ignores the body (for methods that answer 204 or an empty object).
    pub async fn send_empty(self) -> Result<(), GoogleError> {
        self.send_bytes().await.map(|_| ())
    }

    /// Sends and returns the raw body (media downloads).
    pub async fn send_bytes(self) -> Result<Bytes, GoogleError> {
        let (api, label) = (self.api, self.label());
        let reply = self.send_reply().await?;
        if reply.status == 308 {
            return Err(GoogleError::malformed(api, label, "unexpected 308 Resume Incomplete".into()));
        }
        Ok(reply.body)
    }

    /// Sends and returns status, headers and body. Success is any 2xx, and also `308`,
    /// which the resumable upload protocol uses for "received part of it, send the rest".
    pub async fn send_reply(self) -> Result<Reply, GoogleError> {
        // A child of the tool call's span: each Google call (with its retries) shows under the
        // tool call and its request id.
        let span = tracing::info_span!(target: "google", "google_call", api = self.api.host, call = %self.label());
        tracing::Instrument::instrument(self.send_with_retries(), span).await
    }

    async fn send_with_retries(mut self) -> Result<Reply, GoogleError> {
        let policy = self.ctx.client.retry;
        let label = self.label();
        let streamed = matches!(self.payload, Payload::Stream { .. });
        let mut attempt = 0u32;
        loop {
            let started = std::time::Instant::now();
            let outcome = self.send_once().await;
            let may_retry = self.idempotent && !streamed && attempt < policy.max_retries;
            match outcome {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let retry_after = retry_after(&resp);
                    tracing::debug!(target: "google", call = %label, status, attempt, elapsed_ms = started.elapsed().as_millis() as u64, "google call");
                    if resp.status().is_success() || status == 308 {
                        let headers = resp.headers().clone();
                        let body = resp.bytes().await.map_err(|e| self.failed(label.clone(), &e))?;
                        return Ok(Reply { status, headers, body });
                    }
                    let body = resp.bytes().await.unwrap_or_default();
                    let transient = RetryPolicy::retryable_status(status)
                        || (status == 403 && super::error::is_rate_limit_403(&body));
                    if may_retry && transient {
                        let message =
                            format!("Google answered {status} to {label}; retrying (attempt {})", attempt + 2);
                        self.ctx.notifier.log(crate::notify::LogLevel::Warning, &message);
                        tokio::time::sleep(policy.delay(attempt, retry_after)).await;
                        attempt += 1;
                        continue;
                    }
                    return Err(GoogleError::from_reply(self.api, label, status, &body, attempt));
                }
                Err(e) => {
                    tracing::debug!(target: "google", call = %label, attempt, error = %e, "google call failed");
                    if may_retry {
                        let message =
                            format!("{label} failed on the network ({e}); retrying (attempt {})", attempt + 2);
                        self.ctx.notifier.log(crate::notify::LogLevel::Warning, &message);
                        tokio::time::sleep(policy.delay(attempt, None)).await;
                        attempt += 1;
                        continue;
                    }
                    return Err(self.failed(label, &e));
                }
            }
        }
    }

    async fn send_once(&mut self) -> Result<reqwest::Response, reqwest::Error> {
        let client = &self.ctx.client;
        let url = self.url.clone().unwrap_or_else(|| client.url(self.api.host, &self.path));
        let mut req = self.ctx.authorize(client.http.request(self.method.clone(), url)).query(&self.query);
        for (name, value) in &self.headers {
            req = req.header(*name, value.as_str());
        }
        req = match &mut self.payload {
            Payload::None => req,
            Payload::Json(body) => req.header("content-type", "application/json").body(body.clone()),
            Payload::Raw { bytes, content_type } => {
                req.header("content-type", content_type.as_str()).body(bytes.clone())
            }
            // Sent at most once: `send_reply` never retries a streamed call.
            Payload::Stream { body, content_type, len } => match body.take() {
                Some(b) => {
                    req.header("content-type", content_type.as_str()).header("content-length", len.to_string()).body(b)
                }
                None => req.header("content-length", "0"),
            },
        };
        req.send().await
    }

    /// The error for a request that got no (complete) answer: one that is safe to repeat
    /// says so; any other may have taken effect (a send that timed out may have gone out).
    fn failed(&self, label: String, err: &reqwest::Error) -> GoogleError {
        if self.idempotent && !matches!(self.payload, Payload::Stream { .. }) {
            GoogleError::network(self.api, label, err)
        } else {
            GoogleError::unanswered(self.api, label, err)
        }
    }

    fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

fn retry_after(resp: &reqwest::Response) -> Option<Duration> {
    let secs = resp.headers().get("retry-after")?.to_str().ok()?.trim().parse::<u64>().ok()?;
    Some(Duration::from_secs(secs))
}
