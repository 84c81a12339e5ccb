//! Emulations of one sandbox meet at build time: a value one provides reaches the hooks of
//! the others that want its type, whatever the order they were added in, and nothing
//! happens to an emulation built alone.

use std::sync::{Arc, Mutex};

use axum::Router;
use wsmcp_sandbox_kit::{Sandbox, ServiceEmulation};

/// What the "files" emulation offers: its registry of who joined.
#[derive(Clone, Default)]
struct Registry(Arc<Mutex<Vec<&'static str>>>);

fn files(registry: &Registry) -> ServiceEmulation {
    ServiceEmulation::new("files.example.com", Router::new()).provide(registry.clone())
}

fn editor(name: &'static str) -> ServiceEmulation {
    ServiceEmulation::new("editor.example.com", Router::new())
        .on_peer(move |registry: &Registry| registry.0.lock().unwrap().push(name))
}

#[test]
fn a_provided_value_reaches_every_peer_in_any_order() {
    let registry = Registry::default();
    let _sandbox =
        Sandbox::builder().service(editor("docs")).service(files(&registry)).service(editor("sheets")).build();
    assert_eq!(*registry.0.lock().unwrap(), ["docs", "sheets"]);
}

#[test]
fn a_hook_without_a_provider_never_runs() {
    let asked = Arc::new(Mutex::new(false));
    let flag = asked.clone();
    let lonely = ServiceEmulation::new("editor.example.com", Router::new())
        .on_peer(move |_: &Registry| *flag.lock().unwrap() = true)
        // A value of another type does not match.
        .provide(String::from("not a registry"));
    let _sandbox = Sandbox::builder().service(lonely).build();
    assert!(!*asked.lock().unwrap());
}
