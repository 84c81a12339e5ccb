//! Every Chat tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, error paths, and the requests Chat (the sandbox) saw. Each test gets
//! its own sandbox and ends by checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod messages;
mod round_trip;
mod spaces;

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_chat::sandbox::seed::ids::*;
use wsmcp_core::ToolError;
use wsmcp_testkit::{DirStore, Harness};

const USER: &str = "alex.rivera@example.com";

struct Env {
    h: Harness,
    _dir: tempfile::TempDir,
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
            wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(wsmcp_chat::sandbox::emulation(USER))).await;
        let dir = tempfile::tempdir().unwrap();
        let files = Arc::new(DirStore::new(dir.path().to_path_buf()));
        Env { h: Harness::new(handle, USER, wsmcp_chat::tools(), files), _dir: dir }
    }

    /// A successful call's text.
    async fn ok(&self, name: &str, args: Value) -> String {
        self.h.ok(name, args).await.text
    }
}

/// The value after `key` up to the next space/`|`/end of line.
fn after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([' ', '\n', '|']).next().unwrap().to_string()
}

fn is_google(e: &ToolError, status: u16) -> bool {
    matches!(e, ToolError::Google(g) if g.status == Some(status))
}
