//! The MCP side of [`wsmcp_core::notify::Notifier`]: progress and log notifications for the
//! client of one tool call. Messages go through a small queue to one forwarding task, so they
//! reach the client in the order the tool made them and a slow client never blocks the tool.
//!
//! MCP logging is deprecated by SEP-2577 but part of both revisions this server speaks, and the
//! capability is declared, so it is served.
#![allow(deprecated)]

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};

use rmcp::model::{LoggingLevel, LoggingMessageNotificationParam, ProgressNotificationParam, ProgressToken};
use rmcp::{Peer, RoleServer};
use serde_json::json;
use tokio::sync::mpsc;
use wsmcp_core::notify::{LogLevel, Notifier};

/// Messages queued for one call beyond this are dropped: progress and logs are advisory.
const QUEUE: usize = 64;

/// The log level a client set with `logging/setLevel`, shared by the calls of its session.
#[derive(Clone)]
pub struct ClientLogLevel(Arc<AtomicU8>);

impl Default for ClientLogLevel {
    /// Until the client says otherwise: warnings and errors (retries, partial failures).
    fn default() -> Self {
        ClientLogLevel(Arc::new(AtomicU8::new(LogLevel::Warning as u8)))
    }
}

impl ClientLogLevel {
    pub fn set(&self, level: LoggingLevel) {
        self.0.store(threshold(level), Ordering::Relaxed);
    }

    fn allows(&self, level: LogLevel) -> bool {
        level as u8 >= self.0.load(Ordering::Relaxed)
    }
}

enum Note {
    Progress(ProgressNotificationParam),
    Log(LoggingMessageNotificationParam),
}

/// The notifier of one tool call. Most calls send nothing, so the queue and its forwarding task
/// are made on the first message, not for every call.
pub struct McpNotifier {
    peer: Peer<RoleServer>,
    queue: OnceLock<mpsc::Sender<Note>>,
    progress_token: Option<ProgressToken>,
    level: ClientLogLevel,
    logger: &'static str,
}

impl McpNotifier {
    pub fn new(
        peer: Peer<RoleServer>,
        progress_token: Option<ProgressToken>,
        level: ClientLogLevel,
        logger: &'static str,
    ) -> Arc<Self> {
        Arc::new(McpNotifier { peer, queue: OnceLock::new(), progress_token, level, logger })
    }

    /// Queues `note`, starting the forwarding task on first use; it ends when the notifier is
    /// dropped and the queue drained.
    fn send(&self, note: Note) {
        let queue = self.queue.get_or_init(|| {
            let (queue, mut rx) = mpsc::channel::<Note>(QUEUE);
            let peer = self.peer.clone();
            tokio::spawn(async move {
                while let Some(note) = rx.recv().await {
                    let sent = match note {
                        Note::Progress(p) => peer.notify_progress(p).await,
                        Note::Log(l) => peer.notify_logging_message(l).await,
                    };
                    if sent.is_err() {
                        break;
                    }
                }
            });
            queue
        });
        let _ = queue.try_send(note);
    }
}

impl Notifier for McpNotifier {
    fn progress(&self, done: f64, total: Option<f64>, message: &str) {
        let Some(token) = self.progress_token.clone() else { return };
        let mut p = ProgressNotificationParam::new(token, done).with_message(message);
        p.total = total;
        self.send(Note::Progress(p));
    }

    fn log(&self, level: LogLevel, message: &str) {
        if self.level.allows(level) {
            let data = json!({ "message": message });
            let note = LoggingMessageNotificationParam::new(to_mcp(level), data).with_logger(self.logger);
            self.send(Note::Log(note));
        }
    }
}

fn to_mcp(level: LogLevel) -> LoggingLevel {
    match level {
        LogLevel::Debug => LoggingLevel::Debug,
        LogLevel::Info => LoggingLevel::Info,
        LogLevel::Notice => LoggingLevel::Notice,
        LogLevel::Warning => LoggingLevel::Warning,
        LogLevel::Error => LoggingLevel::Error,
    }
}

/// The lowest level a client at `level` wants. This server sends nothing above `error`, so a
/// client asking for `critical` or higher hears nothing from it.
fn threshold(level: LoggingLevel) -> u8 {
    match level {
        LoggingLevel::Debug => LogLevel::Debug as u8,
        LoggingLevel::Info => LogLevel::Info as u8,
        LoggingLevel::Notice => LogLevel::Notice as u8,
        LoggingLevel::Warning => LogLevel::Warning as u8,
        LoggingLevel::Error => LogLevel::Error as u8,
        _ => LogLevel::Error as u8 + 1,
    }
}
