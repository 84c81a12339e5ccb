//! An axum router served over TLS on a free loopback port, for tests of HTTPS clients (sites a
//! fetcher reaches, Google behind a corporate proxy). Handshakes run in their own tasks, so a
//! stalled client cannot hold up the others; finished ones go to `axum::serve`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// Serves `router` with `config`; `on_handshake` runs after each successful TLS handshake.
pub async fn serve_tls(
    router: Router,
    config: rustls::ServerConfig,
    on_handshake: impl Fn() + Clone + Send + 'static,
) -> SocketAddr {
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = tcp.local_addr().unwrap();
    let (tx, rx) = mpsc::channel(64);
    tokio::spawn(async move {
        while let Ok((stream, peer)) = tcp.accept().await {
            let (acceptor, tx, on_handshake) = (acceptor.clone(), tx.clone(), on_handshake.clone());
            tokio::spawn(async move {
                if let Ok(tls) = acceptor.accept(stream).await {
                    on_handshake();
                    let _ = tx.send((tls, peer)).await;
                }
            });
        }
    });
    tokio::spawn(async move {
        let _ = axum::serve(TlsListener { rx, addr }, router).await;
    });
    addr
}

/// Hands finished handshakes to `axum::serve`.
struct TlsListener {
    rx: mpsc::Receiver<(tokio_rustls::server::TlsStream<TcpStream>, SocketAddr)>,
    addr: SocketAddr,
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.rx.recv().await {
            Some(conn) => conn,
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.addr)
    }
}
