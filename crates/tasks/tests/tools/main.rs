//! Every Tasks tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, error paths, and the requests Tasks (the sandbox) saw. Each test gets
//! its own sandbox and ends by checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod lists;
mod round_trip;
mod tasks;

use std::ops::Deref;
use std::sync::Arc;

use futures::future::BoxFuture;
use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_core::files::{FileStore, SavedFile};
use wsmcp_sandbox_kit::Fault;
use wsmcp_tasks::sandbox::seed::{LAUNCH_TASK, MY_TASKS, PERSONAL};
use wsmcp_testkit::Harness;

const USER: &str = "alex.rivera@example.com";

/// Tasks tools save no files.
struct NoFiles;

impl FileStore for NoFiles {
    fn save<'a>(&'a self, _: &'a str, _: &'a str, _: &'a [u8]) -> BoxFuture<'a, Result<SavedFile, ToolError>> {
        Box::pin(async { Err(ToolError::File("tasks tools save no files".into())) })
    }
}

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

    /// Calls that must be refused before any request is made.
    async fn refused(&self, name: &str, cases: &[Value]) {
        let before = self.handle.requests().len();
        for args in cases {
            let e = self.err(name, args.clone()).await;
            assert!(matches!(e, ToolError::InvalidInput(_)), "{name}({args}): {e}");
        }
        assert_eq!(self.handle.requests().len(), before, "{name}: invalid input reached the API");
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
