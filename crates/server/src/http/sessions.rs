//! A cap on live MCP sessions around rmcp's session manager. Each `initialize` without a
//! session id creates a session (about 50 KiB), and nothing stops a client from sending
//! thousands and never coming back. At the cap a new session evicts another: first the
//! oldest one that never sent `notifications/initialized` (abandoned handshakes), otherwise
//! the least recently used one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use futures::Stream;
use rmcp::model::{ClientJsonRpcMessage, ClientNotification, JsonRpcMessage, ServerJsonRpcMessage};
use rmcp::transport::streamable_http_server::session::{EventStore, ServerSseMessage, SessionId, SessionManager};

pub struct BoundedSessions<M> {
    inner: M,
    cap: usize,
    book: Mutex<Book>,
}

#[derive(Default)]
struct Book {
    sessions: HashMap<SessionId, Entry>,
    /// A logical clock: each use of a session stamps it with the next tick.
    tick: u64,
}

struct Entry {
    initialized: bool,
    last_used: u64,
}

impl Book {
    fn touch(&mut self, id: &SessionId, initialized: bool) {
        self.tick += 1;
        let tick = self.tick;
        if let Some(e) = self.sessions.get_mut(id) {
            e.last_used = tick;
            e.initialized |= initialized;
        }
    }

    /// Removes and returns the sessions that must go so that one more fits under `cap`.
    fn make_room(&mut self, cap: usize) -> Vec<SessionId> {
        let mut evicted = Vec::new();
        while self.sessions.len() >= cap.max(1) {
            let victim =
                self.sessions.iter().min_by_key(|(_, e)| (e.initialized, e.last_used)).map(|(id, _)| id.clone());
            let Some(id) = victim else { break };
            self.sessions.remove(&id);
            evicted.push(id);
        }
        evicted
    }
}

impl<M: SessionManager> BoundedSessions<M> {
    pub fn new(inner: M, cap: usize) -> Self {
        BoundedSessions { inner, cap, book: Mutex::new(Book::default()) }
    }

    fn book(&self) -> std::sync::MutexGuard<'_, Book> {
        // A poisoned book is still a valid book: every update is a single map operation.
        self.book.lock().unwrap_or_else(|p| p.into_inner())
    }

    #[cfg(test)]
    fn live(&self) -> usize {
        self.book().sessions.len()
    }
}

/// A session manager error without the session id: rmcp logs these errors (at ERROR, e.g.
/// "Session not found: <id>"), and over HTTP a session id is a bearer credential.
#[derive(Debug)]
pub struct Redacted(String);

impl Redacted {
    fn new(error: impl std::fmt::Display, id: Option<&SessionId>) -> Self {
        let text = error.to_string();
        Redacted(match id {
            Some(id) if !id.is_empty() => text.replace(id.as_ref(), "<session id>"),
            _ => text,
        })
    }
}

impl std::fmt::Display for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Redacted {}

fn is_initialized_notification(message: &ClientJsonRpcMessage) -> bool {
    matches!(message, JsonRpcMessage::Notification(n) if matches!(n.notification, ClientNotification::InitializedNotification(_)))
}

impl<M: SessionManager> SessionManager for BoundedSessions<M> {
    type Error = Redacted;
    type Transport = M::Transport;

    async fn create_session(&self) -> Result<(SessionId, Self::Transport), Self::Error> {
        let evicted = self.book().make_room(self.cap);
        if !evicted.is_empty() {
            tracing::debug!(count = evicted.len(), "session cap reached; evicting sessions");
        }
        for id in evicted {
            let _ = self.inner.close_session(&id).await;
        }
        let (id, transport) = self.inner.create_session().await.map_err(|e| Redacted::new(e, None))?;
        let mut book = self.book();
        book.tick += 1;
        let last_used = book.tick;
        book.sessions.insert(id.clone(), Entry { initialized: false, last_used });
        Ok((id, transport))
    }

    async fn initialize_session(
        &self,
        id: &SessionId,
        message: ClientJsonRpcMessage,
    ) -> Result<ServerJsonRpcMessage, Self::Error> {
        self.book().touch(id, false);
        self.inner.initialize_session(id, message).await.map_err(|e| Redacted::new(e, Some(id)))
    }

    async fn has_session(&self, id: &SessionId) -> Result<bool, Self::Error> {
        // A session evicted here may linger inside `inner` until closed; it is gone for clients.
        if !self.book().sessions.contains_key(id) {
            return Ok(false);
        }
        self.inner.has_session(id).await.map_err(|e| Redacted::new(e, Some(id)))
    }

    async fn close_session(&self, id: &SessionId) -> Result<(), Self::Error> {
        self.book().sessions.remove(id);
        self.inner.close_session(id).await.map_err(|e| Redacted::new(e, Some(id)))
    }

    async fn create_stream(
        &self,
        id: &SessionId,
        message: ClientJsonRpcMessage,
    ) -> Result<impl Stream<Item = ServerSseMessage> + Send + Sync + 'static, Self::Error> {
        self.book().touch(id, false);
        self.inner.create_stream(id, message).await.map_err(|e| Redacted::new(e, Some(id)))
    }

    async fn accept_message(&self, id: &SessionId, message: ClientJsonRpcMessage) -> Result<(), Self::Error> {
        self.book().touch(id, is_initialized_notification(&message));
        self.inner.accept_message(id, message).await.map_err(|e| Redacted::new(e, Some(id)))
    }

    async fn create_standalone_stream(
        &self,
        id: &SessionId,
    ) -> Result<impl Stream<Item = ServerSseMessage> + Send + Sync + 'static, Self::Error> {
        self.book().touch(id, false);
        self.inner.create_standalone_stream(id).await.map_err(|e| Redacted::new(e, Some(id)))
    }

    async fn resume(
        &self,
        id: &SessionId,
        last_event_id: String,
    ) -> Result<impl Stream<Item = ServerSseMessage> + Send + Sync + 'static, Self::Error> {
        self.book().touch(id, false);
        self.inner.resume(id, last_event_id).await.map_err(|e| Redacted::new(e, Some(id)))
    }

    fn event_store(&self) -> Option<Arc<dyn EventStore>> {
        self.inner.event_store()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;

    fn initialized() -> ClientJsonRpcMessage {
        serde_json::from_value(serde_json::json!({"jsonrpc": "2.0", "method": "notifications/initialized"})).unwrap()
    }

    #[tokio::test]
    async fn abandoned_handshakes_are_evicted_before_live_sessions() {
        let sessions = BoundedSessions::new(LocalSessionManager::default(), 3);
        let (live, _t1) = sessions.create_session().await.unwrap();
        sessions.accept_message(&live, initialized()).await.unwrap_or(());
        let mut abandoned = Vec::new();
        for _ in 0..10 {
            let (id, t) = sessions.create_session().await.unwrap();
            abandoned.push((id, t));
        }
        assert_eq!(sessions.live(), 3);
        assert!(sessions.has_session(&live).await.unwrap(), "the initialized session survives the flood");
        assert!(!sessions.has_session(&abandoned[0].0).await.unwrap());
        assert!(sessions.has_session(&abandoned[9].0).await.unwrap());
    }
}
