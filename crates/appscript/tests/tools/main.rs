//! Every Apps Script tool driven through its `ToolDef.handler` against the sandbox over real
//! HTTP (Apps Script and, for listing and deleting projects, Drive): success paths, error
//! paths, and the requests Google (the sandbox) saw. Each test gets its own sandbox and ends by
//! checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod content;
mod deployments;
mod projects;
mod run;
mod triggers;

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_appscript::sandbox::seed::{API_DEPLOYMENT, ATLAS_REPORT_SCRIPT, HEAD_DEPLOYMENT, WEEKLY_TRIGGER};
use wsmcp_core::ToolError;
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
            .service(wsmcp_appscript::sandbox::emulation(USER))
            .service(wsmcp_drive::sandbox::emulation(USER));
        let handle = wsmcp_testkit::serve_loopback(sandbox).await;
        Env { h: Harness::new(handle, USER, wsmcp_appscript::tools(), Arc::new(NoFiles)) }
    }

    /// A successful call's text.
    async fn ok(&self, name: &str, args: Value) -> String {
        self.h.ok(name, args).await.text
    }

    /// A new project with `code` as Code.gs and a manifest that makes it an API executable;
    /// returns its id.
    async fn project_with(&self, title: &str, code: &str) -> String {
        let out = self.ok("manage_script_project", json!({"action": "create", "title": title})).await;
        let id = id_after(&out, "(Script ID: ");
        let manifest = r#"{"timeZone": "Europe/Berlin", "runtimeVersion": "V8", "executionApi": {"access": "MYSELF"}}"#;
        let files = json!([
            {"name": "Code.gs", "source": code},
            {"name": "appsscript", "type": "JSON", "source": manifest},
        ]);
        self.ok("manage_script_content", json!({"action": "update", "script_id": id, "files": files})).await;
        id
    }
}

/// The value after `key` up to the next `)`/space/end of line.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', '|', ',']).next().unwrap().to_string()
}

fn is_google(e: &ToolError, status: u16) -> bool {
    matches!(e, ToolError::Google(g) if g.status == Some(status))
}
