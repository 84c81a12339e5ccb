//! What a tool may tell its MCP client while it works: progress of long work (when the client
//! asked for it with a progress token) and log messages (at or above the level the client set).
//! The server implements [`Notifier`] over the MCP connection; tools and the Google client only
//! call it, and a call without a client listening costs nothing.

use std::sync::Arc;

/// Log levels of MCP's `notifications/message`, in increasing severity (RFC 5424 names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    Debug,
    Info,
    Notice,
    Warning,
    Error,
}

/// The channel back to the client of one tool call.
pub trait Notifier: Send + Sync {
    /// `done` out of `total` (when known), with a short message. Ignored unless the client sent a
    /// progress token with the call. `done` must grow from one call to the next.
    fn progress(&self, done: f64, total: Option<f64>, message: &str);
    /// A message for the client's log, dropped below the level the client set.
    fn log(&self, level: LogLevel, message: &str);
}

/// No client listening (tests, embedding).
pub struct Silent;

impl Notifier for Silent {
    fn progress(&self, _: f64, _: Option<f64>, _: &str) {}
    fn log(&self, _: LogLevel, _: &str) {}
}

/// A shared [`Silent`] notifier.
pub fn silent() -> Arc<dyn Notifier> {
    Arc::new(Silent)
}
