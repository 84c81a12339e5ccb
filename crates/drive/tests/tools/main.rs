//! Every Drive tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, error paths, and the requests Drive (the sandbox) saw. Each test gets
//! its own sandbox and checks that no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod content;
mod create;
mod search;
mod sharing;
mod update;
mod uploads;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::{Value, json};
use wsmcp_core::files::{FileStore, SavedFile};
use wsmcp_core::google::{AccessToken, GoogleClient, GoogleCtx, RetryPolicy, build_http_client};
use wsmcp_core::local_files::FilePolicy;
use wsmcp_core::tool::CredentialSource;
use wsmcp_core::{ToolCtx, ToolDef, ToolError, ToolOutput};
use wsmcp_drive::DriveOptions;
use wsmcp_drive::sandbox::seed::ids;
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

/// Saves into a directory, named `<id>_<name>`, and remembers what it saved.
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
    /// Holds saved files (`out/`), the allowed upload directory (`allowed/`, with a
    /// refused `allowed/secret/`), the server's attachment directory (`attachments/`) and a
    /// fake home with `.ssh` (`home/`).
    dir: tempfile::TempDir,
}

impl Env {
    async fn new() -> Env {
        Env::with(|o| o).await
    }

    /// An environment whose tool options are adjusted by `tune`.
    async fn with(tune: impl FnOnce(DriveOptions) -> DriveOptions) -> Env {
        let handle = Sandbox::builder()
            .service(wsmcp_drive::sandbox::emulation(USER))
            .build()
            .serve("127.0.0.1:0")
            .await
            .unwrap();
        let http = build_http_client(&Default::default()).unwrap();
        let retry =
            RetryPolicy { max_retries: 2, base_delay: Duration::from_millis(5), max_delay: Duration::from_millis(20) };
        let google = Arc::new(GoogleClient::new(http, Some(handle.base_url.clone()), retry));
        let dir = tempfile::tempdir().unwrap();
        for sub in ["out", "allowed/secret", "attachments", "home/.ssh"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let files = Arc::new(DirStore { dir: dir.path().join("out"), n: AtomicUsize::new(0) });
        let policy = FilePolicy::new(
            vec![dir.path().join("allowed")],
            vec![dir.path().join("allowed/secret"), dir.path().join("home/.ssh")],
        );
        let options = tune(DriveOptions::new(policy, dir.path().join("attachments")));
        Env { handle, tools: wsmcp_drive::tools_with(options), google, files, dir }
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

    fn inject(&self, fault: Fault) {
        self.handle.inject(fault);
    }

    /// A path inside the allowed upload directory, with `bytes` written to it.
    fn allowed_file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join("allowed").join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Every Drive call that may take supportsAllDrives took it.
    fn all_drives_everywhere(&self) {
        for r in self.handle.requests() {
            let takes = r
                .method_id
                .as_deref()
                .is_some_and(|m| m.starts_with("drive.files.") || m.starts_with("drive.permissions."))
                && r.method_id.as_deref() != Some("drive.files.export");
            if takes {
                assert_eq!(r.query_param("supportsAllDrives"), Some("true"), "{} {} {:?}", r.method, r.path, r.query);
            }
        }
    }

    fn done(&self) {
        assert_eq!(
            self.handle.validation_failures(),
            0,
            "requests broke the Discovery contract: {:#?}",
            self.handle.requests()
        );
        self.all_drives_everywhere();
    }
}

fn is_invalid(e: &ToolError) -> bool {
    matches!(e, ToolError::InvalidInput(_))
}

fn is_refused(e: &ToolError) -> bool {
    matches!(e, ToolError::Refused(_))
}

fn google_status(e: &ToolError) -> Option<u16> {
    match e {
        ToolError::Google(g) => g.status,
        _ => None,
    }
}

/// The `id: X` after `label` in a tool's text.
fn id_after(text: &str, label: &str) -> String {
    let rest = text.split(label).nth(1).unwrap_or_else(|| panic!("no {label} in:\n{text}"));
    rest.trim_start().split(|c: char| c == ')' || c == ',' || c.is_whitespace()).next().unwrap().to_string()
}

/// Drive file metadata straight from the API.
async fn file_json(env: &Env, id: &str, fields: &str) -> Value {
    env.g()
        .get(&wsmcp_core::google::ApiInfo::DRIVE, format!("/drive/v3/files/{id}"))
        .query("supportsAllDrives", "true")
        .query("fields", fields)
        .send()
        .await
        .unwrap()
}
