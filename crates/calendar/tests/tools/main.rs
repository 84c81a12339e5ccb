//! Every Calendar tool driven through its `ToolDef.handler` against the sandbox over real
//! HTTP: the success path, error paths, and the requests Calendar (the sandbox) saw. Each
//! test gets its own sandbox and ends by checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod calendars;
mod events;
mod manage;
mod recurring;
mod special;

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_core::google::ApiInfo;
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
        let handle =
            wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(wsmcp_calendar::sandbox::emulation(USER)))
                .await;
        Env { h: Harness::new(handle, USER, wsmcp_calendar::tools(), Arc::new(NoFiles)) }
    }

    /// A successful call's text.
    async fn ok(&self, name: &str, args: Value) -> String {
        self.h.ok(name, args).await.text
    }

    /// An event as Calendar stores it now (direct API read).
    async fn event(&self, calendar: &str, id: &str) -> Value {
        let path = format!(
            "/calendar/v3/calendars/{}/events/{}",
            wsmcp_core::google::segment(calendar),
            wsmcp_core::google::segment(id)
        );
        self.g().get(&ApiInfo::CALENDAR, path).send().await.unwrap()
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

impl Env {
    /// Creates an event through manage_event and returns its id.
    async fn create(&self, mut args: Value) -> String {
        args["action"] = json!("create");
        args["send_updates"] = json!("none");
        let out = self.ok("manage_event", args).await;
        id_after(&out, "(ID: ")
    }

    /// A new, empty calendar's id.
    async fn new_calendar(&self, name: &str) -> String {
        let out = self.ok("create_calendar", json!({"summary": name, "timezone": "UTC"})).await;
        id_after(&out, "(ID: ")
    }

    /// The primary calendar's zone, as the sandbox reports it.
    async fn primary_zone(&self) -> chrono_tz::Tz {
        let list: Value = self
            .g()
            .get(&ApiInfo::CALENDAR, "/calendar/v3/calendars/primary/events")
            .query("maxResults", 1)
            .send()
            .await
            .unwrap();
        list["timeZone"].as_str().unwrap().parse().unwrap()
    }
}

/// A fault for one Calendar path.
fn fail(path: &str, status: u16) -> Fault {
    Fault::status(path, status)
}
