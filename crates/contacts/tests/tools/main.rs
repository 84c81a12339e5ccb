//! Every Contacts tool driven through its `ToolDef.handler` against the sandbox over real
//! HTTP: the success path, error paths, and the requests the People API (the sandbox) saw.
//! Each test gets its own sandbox and ends by checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod batch;
mod groups;
mod manage;
mod read;
mod round_trip;

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_contacts::sandbox::seed::{ATLAS_TEAM, DANA, LENA, MARCO, NORTHWIND, PRIYA};
use wsmcp_core::ToolError;
use wsmcp_sandbox_kit::Fault;
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
        let emulation = wsmcp_contacts::sandbox::emulation(USER);
        let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(emulation)).await;
        Env { h: Harness::new(handle, USER, wsmcp_contacts::tools(), Arc::new(NoFiles)) }
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
