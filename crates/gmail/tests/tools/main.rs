//! Every Gmail tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, at least one error path, and the requests Gmail (the sandbox) saw.
//! Each test gets its own sandbox and checks that no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod filters;
mod labels;
mod read;
mod send;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::{Value, json};
use wsmcp_core::files::{FileStore, SavedFile};
use wsmcp_core::google::{AccessToken, GoogleClient, GoogleCtx, RetryPolicy, build_http_client};
use wsmcp_core::tool::CredentialSource;
use wsmcp_core::{ToolCtx, ToolDef, ToolError, ToolOutput};
use wsmcp_gmail::api::{self, Format};
use wsmcp_gmail::local_files::FilePolicy;
use wsmcp_gmail::mime::{decode_base64url, encode_raw};
use wsmcp_gmail::{GmailOptions, render};
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

/// Saves into a directory, named `<name>_<id>` like the server's store.
struct DirStore {
    dir: PathBuf,
    n: AtomicUsize,
}

impl FileStore for DirStore {
    fn save<'a>(
        &'a self,
        name: &'a str,
        mime_type: &'a str,
        bytes: &'a [u8],
    ) -> BoxFuture<'a, Result<SavedFile, ToolError>> {
        Box::pin(async move {
            let id = format!("f{}", self.n.fetch_add(1, Ordering::SeqCst));
            let safe: String =
                name.chars().map(|c| if c.is_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
            let path = self.dir.join(format!("{id}_{safe}"));
            std::fs::write(&path, bytes).map_err(|e| ToolError::File(e.to_string()))?;
            Ok(SavedFile { id, path, url: None, size: bytes.len() as u64, mime_type: mime_type.into(), name: safe })
        })
    }
}

struct Env {
    handle: SandboxHandle,
    tools: Vec<ToolDef>,
    google: Arc<GoogleClient>,
    files: Arc<DirStore>,
    /// Holds the saved files (`out/`), the allowed attachment directory (`allowed/`) and
    /// the server's own attachment directory (`attachments/`).
    dir: tempfile::TempDir,
}

impl Env {
    async fn new() -> Env {
        let handle = Sandbox::builder()
            .service(wsmcp_gmail::sandbox::emulation(USER))
            .build()
            .serve("127.0.0.1:0")
            .await
            .unwrap();
        let http = build_http_client(&Default::default()).unwrap();
        let retry =
            RetryPolicy { max_retries: 2, base_delay: Duration::from_millis(5), max_delay: Duration::from_millis(20) };
        let google = Arc::new(GoogleClient::new(http, Some(handle.base_url.clone()), retry));
        let dir = tempfile::tempdir().unwrap();
        for sub in ["out", "allowed", "attachments"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let files = Arc::new(DirStore { dir: dir.path().join("out"), n: AtomicUsize::new(0) });
        let options = GmailOptions {
            files: FilePolicy::new(vec![dir.path().join("allowed")], vec![dir.path().join("allowed/secret")]),
            attachment_dir: dir.path().join("attachments"),
        };
        Env { handle, tools: wsmcp_gmail::tools_with(options), google, files, dir }
    }

    async fn call(&self, name: &str, args: Value) -> Result<ToolOutput, ToolError> {
        let tool = self.tools.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no tool {name}"));
        let ctx = ToolCtx {
            user: Some(USER.into()),
            scopes: tool.scopes,
            caller: None,
            credentials: Arc::new(FixedToken),
            google: self.google.clone(),
            files: self.files.clone(),
        };
        (tool.handler)(ctx, args).await
    }

    async fn ok(&self, name: &str, args: Value) -> ToolOutput {
        match self.call(name, args.clone()).await {
            Ok(out) => out,
            Err(e) => panic!("{name}({args}) failed: {e}"),
        }
    }

    async fn err(&self, name: &str, args: Value) -> ToolError {
        match self.call(name, args.clone()).await {
            Ok(out) => panic!("{name}({args}) should fail, got:\n{}", out.text),
            Err(e) => e,
        }
    }

    fn g(&self) -> GoogleCtx {
        GoogleCtx::new(self.google.clone(), AccessToken::new("test-token"), USER.into())
    }

    fn requests(&self, method_id: &str) -> Vec<LoggedRequest> {
        self.handle.requests().into_iter().filter(|r| r.method_id.as_deref() == Some(method_id)).collect()
    }

    /// The ids of messages matching `q`.
    async fn find(&self, q: &str) -> Vec<(String, String)> {
        let list = api::users_messages_list(&self.g(), q, 50, None).await.unwrap();
        list.messages.into_iter().map(|m| (m.id, m.thread_id)).collect()
    }

    /// Puts a raw message into the inbox (users.messages.insert) and returns its id.
    async fn insert(&self, raw: &[u8]) -> String {
        let body = json!({"raw": encode_raw(raw), "labelIds": ["INBOX", "UNREAD"]});
        let v: Value = self
            .g()
            .post(&wsmcp_core::google::ApiInfo::GMAIL, "/gmail/v1/users/me/messages")
            .json(&body)
            .send()
            .await
            .unwrap();
        v["id"].as_str().unwrap().to_string()
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

fn is_invalid(e: &ToolError) -> bool {
    matches!(e, ToolError::InvalidInput(_))
}

/// The raw message of a logged send (`{raw}`) or draft (`{message: {raw}}`) request.
fn raw_of(r: &LoggedRequest) -> Vec<u8> {
    let body = r.body.as_ref().unwrap();
    let raw = body["raw"].as_str().or_else(|| body["message"]["raw"].as_str()).unwrap();
    decode_base64url(raw).unwrap()
}

fn html_mail(subject: &str, html: &str) -> Vec<u8> {
    format!(
        "From: News <news@letters.example>\r\nTo: {USER}\r\nSubject: {subject}\r\nMessage-ID: <{}@letters.example>\r\n\
         Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n",
        subject.replace(' ', "-")
    )
    .into_bytes()
}
