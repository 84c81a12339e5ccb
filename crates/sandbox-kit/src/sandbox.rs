//! The sandbox: several [`ServiceEmulation`]s behind one axum app, served on loopback.
//! `Sandbox::builder().service(…).build()` gives the app; `serve` binds it and returns a
//! [`SandboxHandle`] with the base URL and in-process access to faults and the log.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::emulation::{PeerHook, ResetHook, ServiceEmulation};
use crate::faults::{Fault, FaultSet};
use crate::log::{LoggedRequest, RequestLog};
use crate::{control, gateway};

/// The largest request body accepted in one request. Gmail's 35 MB message limit,
/// base64-inflated, needs about 47 MB; Drive takes files of any size, so the bound is set
/// by what a test may reasonably hold in memory (a 100 MB single-request upload fits).
pub const MAX_BODY: usize = 160 * 1024 * 1024;

/// Everything emulating one host, after merging the emulations registered for it.
pub(crate) struct HostEntry {
    pub router: Router,
    pub require_auth: bool,
    pub validate: bool,
    pub resets: Vec<ResetHook>,
    /// The Discovery documents the host's emulations brought. Each is parsed on the host's first
    /// request, so a sandbox that never hears from an API never holds its parsed document.
    pub apis: Vec<&'static wsmcp_discovery::Document>,
}

/// State shared by the gateway, the control routes and the handles.
pub(crate) struct Shared {
    pub hosts: BTreeMap<&'static str, HostEntry>,
    pub faults: FaultSet,
    pub log: RequestLog,
}

impl Shared {
    /// The registered host spelled `name` (case-insensitive, port ignored).
    pub fn host(&self, name: &str) -> Option<(&'static str, &HostEntry)> {
        let name = name.split(':').next().unwrap_or(name);
        self.hosts.iter().find(|(host, _)| host.eq_ignore_ascii_case(name)).map(|(host, entry)| (*host, entry))
    }

    pub fn reset(&self) {
        for entry in self.hosts.values() {
            for hook in &entry.resets {
                hook();
            }
        }
        self.faults.clear();
        self.log.clear();
        self.log.reset_counters();
    }
}

/// Collects emulations; two emulations of one host are merged into one router.
#[derive(Default)]
pub struct SandboxBuilder {
    emulations: Vec<ServiceEmulation>,
}

impl SandboxBuilder {
    pub fn service(mut self, emulation: ServiceEmulation) -> Self {
        self.emulations.push(emulation);
        self
    }

    pub fn services(mut self, emulations: impl IntoIterator<Item = ServiceEmulation>) -> Self {
        self.emulations.extend(emulations);
        self
    }

    /// Merge routers per host. Two emulations may not serve the same route (axum panics
    /// on overlapping routes at build time, a programming error caught by any test).
    pub fn build(self) -> Sandbox {
        let mut hosts: BTreeMap<&'static str, HostEntry> = BTreeMap::new();
        let mut all = Vec::new();
        for mut e in self.emulations {
            all.append(&mut std::mem::take(&mut e.companions));
            all.push(e);
        }
        introduce_peers(&mut all);
        for e in all {
            let host = e.host;
            let entry = hosts.remove(host);
            let merged = match entry {
                None => HostEntry {
                    router: e.router,
                    require_auth: e.require_auth,
                    validate: e.validate,
                    resets: e.reset.into_iter().collect(),
                    apis: e.documents.clone(),
                },
                // Strictest wins: once a host has a Discovery document, validate it all.
                Some(mut prev) => {
                    prev.router = prev.router.merge(e.router);
                    prev.require_auth |= e.require_auth;
                    prev.validate |= e.validate;
                    prev.resets.extend(e.reset);
                    prev.apis.extend(e.documents.iter().copied());
                    prev
                }
            };
            hosts.insert(host, merged);
        }
        for entry in hosts.values_mut() {
            let router = std::mem::take(&mut entry.router);
            entry.router = router.layer(DefaultBodyLimit::max(MAX_BODY)).fallback(gateway::not_emulated);
        }
        Sandbox { shared: Arc::new(Shared { hosts, faults: FaultSet::default(), log: RequestLog::default() }) }
    }
}

/// Hand every value an emulation provides to the hooks of the others that want its type.
fn introduce_peers(all: &mut [ServiceEmulation]) {
    let provided: Vec<_> = all.iter().flat_map(|e| e.provided.iter().cloned()).collect();
    for e in all.iter_mut() {
        for PeerHook { wants, hook } in std::mem::take(&mut e.peer_hooks) {
            if let Some(value) = provided.iter().find(|v| (***v).type_id() == wants) {
                hook(value.as_ref());
            }
        }
    }
}

/// A built sandbox. Cheap to clone; clones share state, faults and the log.
#[derive(Clone)]
pub struct Sandbox {
    pub(crate) shared: Arc<Shared>,
}

impl Sandbox {
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// The whole app: control routes under `/_sandbox/`, every host by prefix or `Host`.
    /// Serve it yourself (over TLS, say) when `serve` does not fit.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/_sandbox/faults", post(control::inject).delete(control::clear_faults).get(control::faults))
            .route("/_sandbox/requests", get(control::requests).delete(control::clear_requests))
            .route("/_sandbox/stats", get(control::stats))
            .route("/_sandbox/reset", post(control::reset))
            .fallback(gateway::gateway)
            .layer(DefaultBodyLimit::max(MAX_BODY))
            .with_state(self.shared.clone())
    }

    /// Bind `addr` (use `127.0.0.1:0` in tests) and serve in a spawned task.
    pub async fn serve(&self, addr: impl ToSocketAddrs) -> std::io::Result<SandboxHandle> {
        let listener = TcpListener::bind(addr).await?;
        self.serve_on(listener)
    }

    /// Serve on a listener the caller already bound. Must run inside a tokio runtime.
    pub fn serve_on(&self, listener: TcpListener) -> std::io::Result<SandboxHandle> {
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let app = self.router();
        let task = tokio::spawn(async move {
            let signal = async move {
                // A dropped handle leaves the server running; only `shutdown` stops it.
                if stopped.await.is_err() {
                    std::future::pending::<()>().await;
                }
            };
            if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(signal).await {
                tracing::error!(error = %e, "sandbox server stopped");
            }
        });
        Ok(SandboxHandle { base_url: format!("http://{addr}"), addr, sandbox: self.clone(), stop: Some(stop), task })
    }

    /// The hosts this sandbox emulates.
    pub fn hosts(&self) -> Vec<&'static str> {
        self.shared.hosts.keys().copied().collect()
    }

    /// Make the next matching request(s) fail, lag or come back malformed.
    pub fn inject(&self, fault: Fault) {
        self.shared.faults.inject(fault);
    }

    pub fn faults(&self) -> Vec<Fault> {
        self.shared.faults.list()
    }

    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Every request that reached a service, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.log.entries()
    }

    pub fn clear_requests(&self) {
        self.shared.log.clear();
    }

    /// How many requests failed Discovery validation since start (or reset).
    pub fn validation_failures(&self) -> usize {
        self.shared.log.validation_failures()
    }

    /// How many responses came from injected faults since start (or reset).
    pub fn faults_served(&self) -> usize {
        self.shared.log.faults_served()
    }

    /// Reseed every emulation and clear faults, the log and the counters.
    pub fn reset(&self) {
        self.shared.reset();
    }
}

/// A running sandbox. Dropping it leaves the server running until the runtime ends.
pub struct SandboxHandle {
    /// `http://127.0.0.1:PORT`; a host is reached at `{base_url}/{host}`.
    pub base_url: String,
    pub addr: SocketAddr,
    sandbox: Sandbox,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl SandboxHandle {
    /// The base URL standing in for `https://{host}`.
    pub fn url_for(&self, host: &str) -> String {
        format!("{}/{host}", self.base_url)
    }

    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    pub fn inject(&self, fault: Fault) {
        self.sandbox.inject(fault);
    }

    pub fn clear_faults(&self) {
        self.sandbox.clear_faults();
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.sandbox.requests()
    }

    pub fn clear_requests(&self) {
        self.sandbox.clear_requests();
    }

    pub fn validation_failures(&self) -> usize {
        self.sandbox.validation_failures()
    }

    pub fn reset(&self) {
        self.sandbox.reset();
    }

    /// Stop accepting connections and wait for in-flight requests to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}
