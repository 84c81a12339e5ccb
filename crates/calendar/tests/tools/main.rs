//! Every Calendar tool driven through its `ToolDef.handler` against the sandbox over real
//! HTTP: the success path, error paths, and the requests Calendar (the sandbox) saw. Each
//! test gets its own sandbox and ends by checking no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod calendars;
mod events;
mod manage;
mod recurring;
mod special;

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::{Value, json};
use wsmcp_core::files::{FileStore, SavedFile};
use wsmcp_core::google::{AccessToken, ApiInfo, GoogleClient, GoogleCtx, RetryPolicy, build_http_client};
use wsmcp_core::tool::CredentialSource;
use wsmcp_core::{ToolCtx, ToolDef, ToolError, ToolOutput};
use wsmcp_sandbox_kit::{Fault, LoggedRequest, Sandbox, SandboxHandle};

const USER: &str = "alex.rivera@example.com";

struct FixedToken;

impl CredentialSource for FixedToken {
    fn access_token<'a>(
        &'a self,
        _: &'a str,
        _: &'a [&'static str],
        _: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>> {
        Box::pin(async { Ok(AccessToken::new("test-token")) })
    }
    fn authorize<'a>(&'a self, _: Option<&'a str>, _: Option<&'a str>) -> BoxFuture<'a, Result<String, ToolError>> {
        Box::pin(async { Ok("no sign-in in tests".to_string()) })
    }
}

/// Calendar tools save no files.
struct NoFiles;

impl FileStore for NoFiles {
    fn save<'a>(&'a self, _: &'a str, _: &'a str, _: &'a [u8]) -> BoxFuture<'a, Result<SavedFile, ToolError>> {
        Box::pin(async { Err(ToolError::File("calendar tools save no files".into())) })
    }
}

struct Env {
    handle: SandboxHandle,
    tools: Vec<ToolDef>,
    google: Arc<GoogleClient>,
}

impl Env {
    async fn new() -> Env {
        let handle = Sandbox::builder()
            .service(wsmcp_calendar::sandbox::emulation(USER))
            .build()
            .serve("127.0.0.1:0")
            .await
            .unwrap();
        let http = build_http_client(&Default::default()).unwrap();
        let retry =
            RetryPolicy { max_retries: 2, base_delay: Duration::from_millis(5), max_delay: Duration::from_millis(20) };
        let google = Arc::new(GoogleClient::new(http, Some(handle.base_url.clone()), retry));
        Env { handle, tools: wsmcp_calendar::tools(), google }
    }

    async fn call(&self, name: &str, args: Value) -> Result<ToolOutput, ToolError> {
        let tool = self.tools.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no tool {name}"));
        let ctx = ToolCtx {
            user: Some(USER.into()),
            scopes: tool.scopes,
            caller: None,
            credentials: Arc::new(FixedToken),
            google: self.google.clone(),
            files: Arc::new(NoFiles),
        };
        (tool.handler)(ctx, args).await
    }

    async fn ok(&self, name: &str, args: Value) -> String {
        match self.call(name, args.clone()).await {
            Ok(out) => out.text,
            Err(e) => panic!("{name}({args}) failed: {e}"),
        }
    }

    async fn err(&self, name: &str, args: Value) -> ToolError {
        match self.call(name, args.clone()).await {
            Ok(out) => panic!("{name}({args}) should fail, got:\n{}", out.text),
            Err(e) => e,
        }
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

    fn g(&self) -> GoogleCtx {
        GoogleCtx::new(self.google.clone(), AccessToken::new("test-token"), USER.into())
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

    fn requests(&self, method_id: &str) -> Vec<LoggedRequest> {
        self.handle.requests().into_iter().filter(|r| r.method_id.as_deref() == Some(method_id)).collect()
    }

    fn last(&self, method_id: &str) -> LoggedRequest {
        self.requests(method_id).pop().unwrap_or_else(|| panic!("no {method_id} request"))
    }

    fn done(&self) {
        assert_eq!(
            self.handle.validation_failures(),
            0,
            "requests broke the Discovery contract: {:#?}",
            self.handle.requests()
        );
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
