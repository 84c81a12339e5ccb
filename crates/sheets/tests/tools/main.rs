//! Every Sheets tool driven through its `ToolDef.handler` against the Sheets and Drive
//! emulations over real HTTP: the success path, error paths, and the requests Google (the
//! sandbox) saw, counted so each call stays within one write. Each test gets its own
//! sandbox and ends by checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod comments;
mod conditional;
mod named;
mod round_trip;
mod rows;
mod spreadsheets;
mod tables;
mod tabs;
mod values;

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_sheets::sandbox::seed::{ATLAS_BUDGET_SHEET, FINANCE_FORECAST_SHEET, NOTES_SHEET_ID, TEAM_OKRS_SHEET};
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
            .service(wsmcp_sheets::sandbox::emulation(USER))
            .service(wsmcp_drive::sandbox::emulation(USER));
        let handle = wsmcp_testkit::serve_loopback(sandbox).await;
        Env { h: Harness::new(handle, USER, wsmcp_sheets::tools(), Arc::new(NoFiles)) }
    }

    /// A successful call's text.
    async fn ok(&self, name: &str, args: Value) -> String {
        self.h.ok(name, args).await.text
    }

    /// Requests of any Sheets write method (the per-minute write quota counts these).
    fn writes(&self) -> usize {
        let write = ["batchUpdate", "values.update", "values.append", "values.clear", "spreadsheets.create"];
        self.handle
            .requests()
            .iter()
            .filter(|r| {
                r.method_id.as_deref().is_some_and(|m| m.starts_with("sheets.") && write.iter().any(|w| m.ends_with(w)))
            })
            .count()
    }
}

/// The value after `key` up to the next `)`/space/end of line, e.g. `id_after(out, "ID: ")`.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', ',']).next().unwrap().to_string()
}

fn is_google(e: &ToolError, status: u16) -> bool {
    matches!(e, ToolError::Google(g) if g.status == Some(status))
}
