//! Plumbing shared by the sandbox's in-process emulations of Google APIs.
//!
//! The sandbox serves every emulated host (`gmail.googleapis.com`, `oauth2.googleapis.com`,
//! …) from one loopback HTTP server. A client reaches a host by path prefix
//! (`{base}/gmail.googleapis.com/gmail/v1/…`: the server's Google client swaps
//! `https://{host}` for `{base}/{host}`) or by the `Host` header. Every request to a host
//! runs, in order: fault injection, the bearer check, Discovery validation, the host's
//! router, and the request log. Batch requests are split and each part runs the same way.
//!
//! Code map: [`emulation`] (one host), [`sandbox`] (builder, serving, handle),
//! `gateway` (routing and the pipeline), `batch`, [`multipart`], `validation`,
//! [`faults`], [`log`], `control` (`/_sandbox/*` routes), [`error`] (Google's error
//! envelope), [`extract`], [`ids`], [`paging`], [`oauth`], [`shared`], [`assets`] and [`pdf`]
//! (tiny real PNGs and PDFs for seeds).
//!
//! Architecture invariant: a request the sandbox accepts is one Google's Discovery
//! document accepts; a request it refuses gets Google's error format, never a panic.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod assets;
pub mod emulation;
pub mod error;
pub mod extract;
pub mod faults;
pub mod ids;
pub mod log;
pub mod multipart;
pub mod oauth;
pub mod paging;
pub mod pdf;
pub mod sandbox;
pub mod shared;

mod batch;
mod control;
mod gateway;
mod validation;

pub use emulation::{ResetHook, ServiceEmulation, or_not_emulated};
pub use error::{GoogleError, google_error, google_error_body, json_response};
pub use extract::{GoogleJson, QueryParams};
pub use faults::Fault;
pub use gateway::{MatchedMethod, PublicBase};
pub use log::LoggedRequest;
pub use oauth::{oauth_emulation, oauth_emulation_delegating};
pub use paging::{Page, decode_page_token, encode_page_token, page_size, paginate};
pub use sandbox::{Sandbox, SandboxBuilder, SandboxHandle};
pub use shared::Shared;
/// Emulations declare their Discovery documents with these (see [`ServiceEmulation::discovery`]).
pub use wsmcp_discovery::{Document, vendored};

/// Lock a mutex, recovering the data if a previous holder panicked: one failed request
/// must not take the whole sandbox down.
pub fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
