//! Every Tasks tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, error paths, and the requests Tasks (the sandbox) saw. Each test gets
//! its own sandbox and ends by checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod lists;
mod round_trip;
mod tasks;

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_sandbox_kit::Fault;
use wsmcp_tasks::sandbox::seed::{LAUNCH_TASK, MY_TASKS, PERSONAL};
use wsmcp_testkit::{Harness, NoFiles};

const USER: &str = "alex.rivera@example.com";

struct Env {
    h: Harness,
}

impl Deref for Env {
    type Target = Harness;
    fn deref(&self) -> &Harness {
        &self.h
    }
}

impl Env {
    async fn new() -> Env {
        let handle =
            wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(wsmcp_tasks::sandbox::emulation(USER)))
                .await;
        Env { h: Harness::new(handle, USER, wsmcp_tasks::tools(), Arc::new(NoFiles)) }
    }

    /// A successful call's text.
    async fn ok(&self, name: &str, args: Value) -> String {
        self.h.ok(name, args).await.text
    }
}

/// The value after `key` up to the next `)`/space/end of line, e.g. `id_after(out, "(ID: ")`.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', '|']).next().unwrap().to_string()
}

fn is_google(e: &ToolError, status: u16) -> bool {
    matches!(e, ToolError::Google(g) if g.status == Some(status))
}

/// A fault for one Tasks path.
fn fail(path: &str, status: u16) -> Fault {
    Fault::status(path, status)
}
