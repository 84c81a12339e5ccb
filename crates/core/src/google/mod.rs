//! The one Google REST client: bearer auth, timeouts, retries with backoff for safe requests,
//! Google error JSON mapped to advice, multipart batch with a per-request fallback, media
//! upload and download, proxies and extra CA certificates.
//!
//! A tool never knows whether it talks to Google or to the sandbox: the sandbox is just
//! another base URL (`GoogleClient::with_base`).

mod apis;
mod batch;
mod call;
mod client;
mod error;
mod http;
mod retry;

pub use apis::ApiInfo;
pub use batch::BatchItem;
pub use call::{Call, Reply};
pub use client::{AccessToken, ApiKey, GoogleClient, GoogleCtx, segment};
pub use error::GoogleError;
pub use http::{HttpSettings, build_http_client, trusted_roots};
pub use retry::RetryPolicy;
