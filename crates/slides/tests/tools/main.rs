//! Every Slides tool driven through its handler against the Slides and Drive emulations over
//! real HTTP: success paths, refusals before any request, Google's errors, and the requests
//! the sandbox saw. Each test gets its own sandbox and ends with zero Discovery violations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod comments;
mod presentations;
mod round_trip;

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_slides::sandbox::seed::ids;
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
        let sandbox = wsmcp_testkit::sandbox()
            .service(wsmcp_slides::sandbox::emulation(USER))
            .service(wsmcp_drive::sandbox::emulation(USER));
        let handle = wsmcp_testkit::serve_loopback(sandbox).await;
        Env { h: Harness::new(handle, USER, wsmcp_slides::tools(), Arc::new(NoFiles)) }
    }

    async fn ok(&self, name: &str, args: Value) -> String {
        self.h.ok(name, args).await.text
    }
}

/// The token after `key` up to the next space, comma, `)` or end of line.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', ',']).next().unwrap().to_string()
}

fn google_status(e: &ToolError) -> Option<u16> {
    match e {
        ToolError::Google(g) => g.status,
        _ => None,
    }
}
