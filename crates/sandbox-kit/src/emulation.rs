//! One emulated Google host: an axum router on the real paths plus what the gateway
//! must do before it (require a bearer token, validate against Discovery), how to
//! reseed it, and what it shares with the other emulations of the same sandbox.

use std::any::{Any, TypeId};
use std::sync::Arc;

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::MethodRouter;
use wsmcp_discovery::Document;

use crate::Shared;

/// Reseeds an emulation's state (called by `POST /_sandbox/reset`).
pub type ResetHook = Arc<dyn Fn() + Send + Sync>;

/// A value one emulation offers the others of its sandbox (see [`ServiceEmulation::provide`]).
pub(crate) type Provided = Arc<dyn Any + Send + Sync>;

/// A peer's use of a provided value, given as `dyn Any` and downcast to the type it wants.
type UseProvided = Box<dyn FnOnce(&(dyn Any + Send + Sync)) + Send>;

/// What an emulation does with a value another one provided, keyed by the value's type.
pub(crate) struct PeerHook {
    pub wants: TypeId,
    pub hook: UseProvided,
}

/// An emulation of one Google host, e.g. `gmail.googleapis.com`, whose router serves the
/// real paths (`/gmail/v1/users/{userId}/messages`, `/upload/gmail/v1/…`).
///
/// The router must not set a fallback: the sandbox merges routers of the same host and
/// adds its own "not emulated" fallback.
pub struct ServiceEmulation {
    pub host: &'static str,
    pub router: Router,
    pub(crate) require_auth: bool,
    pub(crate) validate: bool,
    pub(crate) reset: Option<ResetHook>,
    /// The Discovery documents requests to this host are validated against.
    pub(crate) documents: Vec<&'static Document>,
    /// Emulations of other hosts that belong with this one (a content host serving files
    /// the API hands out links to), registered together.
    pub(crate) companions: Vec<ServiceEmulation>,
    /// Values offered to the other emulations of the sandbox, by type.
    pub(crate) provided: Vec<Provided>,
    /// Hooks run at build time with a value of the type they want, if another emulation provided one.
    pub(crate) peer_hooks: Vec<PeerHook>,
}

impl ServiceEmulation {
    /// An emulation that requires `Authorization: Bearer …` and Discovery-valid requests.
    pub fn new(host: &'static str, router: Router) -> Self {
        Self {
            host,
            router,
            require_auth: true,
            validate: true,
            reset: None,
            documents: Vec::new(),
            companions: Vec::new(),
            provided: Vec::new(),
            peer_hooks: Vec::new(),
        }
    }

    /// Serve `other` (another host, sharing this emulation's state) along with this one: for
    /// links an API hands out to a content host, such as Slides' thumbnail `contentUrl`.
    pub fn with_companion(mut self, other: ServiceEmulation) -> Self {
        self.companions.push(other);
        self
    }

    /// Offer `value` to the other emulations of the same sandbox: each that asked for a `T`
    /// with [`ServiceEmulation::on_peer`] gets it when the sandbox is built. This is how
    /// emulations of one Google account share state (the Docs, Sheets and Slides emulations
    /// keep their files in Drive's) while each still runs alone in its own crate's tests.
    pub fn provide<T: Any + Send + Sync>(mut self, value: T) -> Self {
        self.provided.push(Arc::new(value));
        self
    }

    /// Run `hook` once, when the sandbox is built, with the `T` another emulation of the
    /// sandbox [provides](ServiceEmulation::provide) (the first one, if several do); never
    /// when none does, so an emulation built alone keeps to itself.
    pub fn on_peer<T: Any + Send + Sync>(mut self, hook: impl FnOnce(&T) + Send + 'static) -> Self {
        self.peer_hooks.push(PeerHook {
            wants: TypeId::of::<T>(),
            hook: Box::new(move |value| {
                if let Some(value) = value.downcast_ref::<T>() {
                    hook(value);
                }
            }),
        });
        self
    }

    /// Validate requests against `document` (vendored with [`wsmcp_discovery::vendored!`]). A
    /// validating emulation without one refuses every request as an unknown URL.
    pub fn discovery(mut self, document: &'static Document) -> Self {
        self.documents.push(document);
        self
    }

    /// For endpoints Google serves without a bearer token (the OAuth token endpoint).
    pub fn without_auth(mut self) -> Self {
        self.require_auth = false;
        self
    }

    /// For endpoints no Discovery document describes (the OAuth token endpoint).
    pub fn without_validation(mut self) -> Self {
        self.validate = false;
        self
    }

    /// Run `hook` on `POST /_sandbox/reset` (typically: reseed the store).
    pub fn on_reset(mut self, hook: impl Fn() + Send + Sync + 'static) -> Self {
        self.reset = Some(Arc::new(hook));
        self
    }

    /// The usual emulation: `router` over `store`, validated against `document`, and reseeded on
    /// `POST /_sandbox/reset` by `reseed` (which builds a fresh store from the current one, e.g.
    /// the same user's sample data).
    pub fn seeded<T: Send + 'static>(
        host: &'static str,
        document: &'static Document,
        store: Shared<T>,
        router: Router,
        reseed: impl Fn(&T) -> T + Send + Sync + 'static,
    ) -> Self {
        Self::new(host, router).discovery(document).on_reset(move || {
            let fresh = reseed(&store.lock());
            store.replace(fresh);
        })
    }
}

/// `m` answering the methods it lacks (on a path the Discovery document has) with the sandbox's
/// "not emulated" error rather than axum's bare 405, so a missing emulation says what is missing.
pub fn or_not_emulated<S: Clone + Send + Sync + 'static>(m: MethodRouter<S>) -> MethodRouter<S> {
    m.fallback(|req: axum::extract::Request| async move {
        crate::GoogleError::not_emulated(req.method().as_str(), req.uri().path()).into_response()
    })
}

impl std::fmt::Debug for ServiceEmulation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceEmulation")
            .field("host", &self.host)
            .field("require_auth", &self.require_auth)
            .field("validate", &self.validate)
            .finish_non_exhaustive()
    }
}
