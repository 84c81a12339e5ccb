//! Every Docs tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, error paths, and the requests Docs (the sandbox) saw. Each test gets its
//! own sandbox (Docs, and Drive for the folder move) and ends with zero Discovery violations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod batch;
mod comments;
mod editing;
mod elements;
mod export;
mod find;
mod headers;
mod image;
mod markdown;
mod one_drive;
mod read;
mod round_trip;
mod tables;
mod tabs;
mod write;

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_testkit::{Harness, NoFiles};

pub use wsmcp_docs::sandbox::seed::{PLAN_TAB, RISKS_TAB};
pub use wsmcp_drive::sandbox::seed::ids;

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
        let sandbox = wsmcp_testkit::sandbox()
            .service(wsmcp_docs::sandbox::emulation(USER))
            .service(wsmcp_drive::sandbox::emulation(USER));
        let handle = wsmcp_testkit::serve_loopback(sandbox).await;
        Env { h: Harness::new(handle, USER, wsmcp_docs::tools(), Arc::new(NoFiles)) }
    }

    /// A successful call's text.
    async fn ok(&self, name: &str, args: Value) -> String {
        self.h.ok(name, args).await.text
    }
}

/// The value after `key` up to the next `)`/space/comma/end of line.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', ',']).next().unwrap().to_string()
}

fn is_google(e: &ToolError, status: u16) -> bool {
    matches!(e, ToolError::Google(g) if g.status == Some(status))
}
