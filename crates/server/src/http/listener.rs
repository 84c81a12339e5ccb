//! The accept loop: HTTP/1.1 and HTTP/2 (h2c, prior knowledge or behind a proxy) on one port,
//! served by hyper directly rather than `axum::serve`, because the limits need hooks it lacks:
//! a deadline for a connection's first bytes and for HTTP/1 headers, an idle timeout, and a
//! cap on connections. At the cap the loop stops accepting, so new connections wait in the
//! kernel's backlog until a slot frees up (idle sockets free theirs after the header timeout)
//! instead of exhausting file descriptors, which would also silence `/health`.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use super::activity::{Activity, TrackedIo};
use crate::limits::Limits;

/// Descriptors kept free for everything that is not a client connection: the sandbox,
/// Google connections, token files, attachments.
const RESERVED_FDS: u64 = 128;

/// How long shutdown waits for open requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `cancel` fires; then lets open requests finish.
pub async fn serve(listener: TcpListener, router: Router, limits: Limits, cancel: CancellationToken) {
    let max_connections = connection_cap(limits.max_connections);
    let slots = Arc::new(Semaphore::new(max_connections));
    loop {
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => match s { Ok(s) => s, Err(_) => break },
            _ = cancel.cancelled() => break,
        };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = cancel.cancelled() => break,
        };
        let tcp = match accepted {
            Ok((tcp, _peer)) => tcp,
            Err(e) => {
                // EMFILE and friends: back off instead of spinning; the slot goes back.
                tracing::warn!(error = %e, "accept failed; retrying shortly");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Without TCP_NODELAY small replies wait for the peer's delayed ACK (~40 ms each).
        let _ = tcp.set_nodelay(true);
        let (router, limits, cancel) = (router.clone(), limits.clone(), cancel.clone());
        tokio::spawn(async move {
            serve_connection(tcp, router, &limits, cancel).await;
            drop(slot);
        });
    }
    // Every connection saw `cancel` and is closing gracefully; wait (bounded) until all
    // slots are back, that is until open requests are answered.
    let all = u32::try_from(max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, slots.acquire_many(all)).await;
}

async fn serve_connection(tcp: TcpStream, router: Router, limits: &Limits, cancel: CancellationToken) {
    // hyper's protocol detection reads the first bytes with no deadline of its own.
    if !first_bytes_within(&tcp, limits.header_read_timeout).await {
        return;
    }
    let activity = Activity::new();
    let io = TrackedIo::new(TokioIo::new(tcp), activity.clone());
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout);
    builder.http2().timer(TokioTimer::new());
    let conn = builder.serve_connection_with_upgrades(io, TowerToHyperService::new(router));
    tokio::pin!(conn);
    let mut check = tokio::time::interval((limits.idle_timeout / 4).max(Duration::from_millis(50)));
    let mut closing = false;
    loop {
        tokio::select! {
            _ = conn.as_mut() => return,
            _ = cancel.cancelled(), if !closing => {
                conn.as_mut().graceful_shutdown();
                closing = true;
            }
            _ = check.tick() => {
                let idle = activity.idle_for();
                if !closing && idle >= limits.idle_timeout {
                    // Graceful: a request still in flight is answered before the close.
                    conn.as_mut().graceful_shutdown();
                    closing = true;
                } else if closing && idle >= limits.idle_timeout + limits.header_read_timeout {
                    // A peer that does not take part in the graceful close (an HTTP/2 client
                    // that never acknowledges GOAWAY's ping) is dropped.
                    return;
                }
            }
        }
    }
}

/// True once the peer has sent at least one byte within `deadline`; false on timeout or EOF.
async fn first_bytes_within(tcp: &TcpStream, deadline: Duration) -> bool {
    let mut byte = [0u8; 1];
    matches!(tokio::time::timeout(deadline, tcp.peek(&mut byte)).await, Ok(Ok(n)) if n > 0)
}

/// The configured cap, lowered to what the process's descriptor limit allows. The soft limit is
/// raised to the hard limit first (often 1,024 soft against 500,000+ hard).
fn connection_cap(configured: usize) -> usize {
    let fds = raise_fd_limit();
    let fit = fds.map(|n| n.saturating_sub(RESERVED_FDS).max(16) as usize).unwrap_or(configured);
    let cap = configured.min(fit);
    if cap < configured {
        tracing::warn!(
            configured,
            cap,
            "WORKSPACE_MCP_MAX_CONNECTIONS lowered to fit the file-descriptor limit (ulimit -n)"
        );
    }
    cap
}

/// Raises RLIMIT_NOFILE's soft limit to its hard limit; returns the soft limit in force.
fn raise_fd_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current < limit.maximum {
        let raised = rustix::process::Rlimit { current: limit.maximum, maximum: limit.maximum };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            limit = getrlimit(Resource::Nofile);
        }
    }
    limit.current
}
