//! Driving tools through their `ToolDef.handler` against a sandbox over real HTTP.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::Value;
use wsmcp_core::files::{FileStore, SavedFile};
use wsmcp_core::google::{AccessToken, GoogleClient, GoogleCtx, RetryPolicy, build_http_client};
use wsmcp_core::notify::{LogLevel, Notifier};
use wsmcp_core::remote::UrlFetcher;
use wsmcp_core::tool::CredentialSource;
use wsmcp_core::{ToolCtx, ToolDef, ToolError, ToolOutput};
use wsmcp_sandbox_kit::{Fault, LoggedRequest, SandboxHandle};

/// The token every test call carries.
pub const TOKEN: &str = "test-token";

/// Credentials that always hand out [`TOKEN`] and never sign in.
pub struct FixedToken;

impl CredentialSource for FixedToken {
    fn access_token<'a>(
        &'a self,
        _: &'a str,
        _: &'a [&'static str],
        _: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>> {
        Box::pin(async { Ok(AccessToken::new(TOKEN)) })
    }
    fn authorize<'a>(&'a self, _: Option<&'a str>, _: Option<&'a str>) -> BoxFuture<'a, Result<String, ToolError>> {
        Box::pin(async { Ok("no sign-in in tests".to_string()) })
    }
}

/// Saves into a directory, named `<id>_<name>` like the server's store.
pub struct DirStore {
    dir: PathBuf,
    n: AtomicUsize,
}

impl DirStore {
    pub fn new(dir: PathBuf) -> Self {
        DirStore { dir, n: AtomicUsize::new(0) }
    }
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
            Ok(SavedFile {
                id,
                path,
                url: None,
                size: bytes.len() as u64,
                mime_type: mime_type.into(),
                name: safe,
                inline: None,
            })
        })
    }
}

/// For services whose tools save no files: any save is a test failure's tool error.
pub struct NoFiles;

impl FileStore for NoFiles {
    fn save<'a>(&'a self, _: &'a str, _: &'a str, _: &'a [u8]) -> BoxFuture<'a, Result<SavedFile, ToolError>> {
        Box::pin(async { Err(ToolError::File("this service's tools save no files".into())) })
    }
}

/// A retry policy fast enough for tests (2 retries, 5–20 ms apart).
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy { max_retries: 2, base_delay: Duration::from_millis(5), max_delay: Duration::from_millis(20) }
}

/// A served sandbox, the tools under test, and a Google client pointed at the sandbox.
pub struct Harness {
    pub handle: SandboxHandle,
    pub tools: Vec<ToolDef>,
    pub google: Arc<GoogleClient>,
    pub files: Arc<dyn FileStore>,
    pub user: &'static str,
    /// What the tools told their client (progress, log messages), in order.
    pub notes: Arc<Recorder>,
}

/// A [`Notifier`] that keeps everything it is told.
#[derive(Default)]
pub struct Recorder {
    pub progress: std::sync::Mutex<Vec<(f64, Option<f64>, String)>>,
    pub logs: std::sync::Mutex<Vec<(LogLevel, String)>>,
}

impl Notifier for Recorder {
    fn progress(&self, done: f64, total: Option<f64>, message: &str) {
        self.progress.lock().unwrap().push((done, total, message.to_string()));
    }
    fn log(&self, level: LogLevel, message: &str) {
        self.logs.lock().unwrap().push((level, message.to_string()));
    }
}

impl Harness {
    /// A harness over `handle` (see [`crate::serve_loopback`]) calling `tools` as `user`.
    pub fn new(handle: SandboxHandle, user: &'static str, tools: Vec<ToolDef>, files: Arc<dyn FileStore>) -> Self {
        let http = build_http_client(&Default::default()).unwrap();
        Self::with_http(handle, user, tools, files, http)
    }

    /// The same over a given HTTP client (e.g. one with a short timeout).
    pub fn with_http(
        handle: SandboxHandle,
        user: &'static str,
        tools: Vec<ToolDef>,
        files: Arc<dyn FileStore>,
        http: reqwest::Client,
    ) -> Self {
        let google = Arc::new(GoogleClient::new(http, Some(handle.base_url.clone()), fast_retry()));
        Harness { handle, tools, google, files, user, notes: Arc::new(Recorder::default()) }
    }

    /// The same harness fetching user-given URLs with `fetcher` (e.g. one that lets a
    /// loopback [`crate::Site`] stand in for a public one).
    pub fn with_fetcher(mut self, fetcher: UrlFetcher) -> Self {
        let base = self.google.base().map(str::to_string);
        let google = GoogleClient::new(self.google.http().clone(), base, fast_retry()).with_fetcher(fetcher);
        self.google = Arc::new(google);
        self
    }

    /// Calls tool `name` through its handler.
    pub async fn call(&self, name: &str, args: Value) -> Result<ToolOutput, ToolError> {
        let tool = self.tools.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no tool {name}"));
        let ctx = ToolCtx {
            user: Some(self.user.into()),
            scopes: tool.scopes,
            caller: None,
            credentials: Arc::new(FixedToken),
            google: self.google.clone(),
            files: self.files.clone(),
            notifier: self.notes.clone(),
        };
        (tool.handler)(ctx, args).await
    }

    /// Calls that must be refused as invalid input before any request is made.
    pub async fn refused(&self, name: &str, cases: &[Value]) {
        let before = self.handle.requests().len();
        for args in cases {
            let e = self.err(name, args.clone()).await;
            assert!(matches!(e, ToolError::InvalidInput(_)), "{name}({args}): {e}");
        }
        assert_eq!(self.handle.requests().len(), before, "{name}: invalid input reached the API");
    }

    /// A call that must succeed.
    pub async fn ok(&self, name: &str, args: Value) -> ToolOutput {
        match self.call(name, args.clone()).await {
            Ok(out) => out,
            Err(e) => panic!("{name}({args}) failed: {e}"),
        }
    }

    /// A call that must fail.
    pub async fn err(&self, name: &str, args: Value) -> ToolError {
        match self.call(name, args.clone()).await {
            Ok(out) => panic!("{name}({args}) should fail, got:\n{}", out.text),
            Err(e) => e,
        }
    }

    /// A context for calling the API directly, as the user.
    pub fn g(&self) -> GoogleCtx {
        GoogleCtx::new(self.google.clone(), AccessToken::new(TOKEN), self.user.into())
    }

    /// The logged requests with Discovery method id `method_id`, oldest first.
    pub fn requests(&self, method_id: &str) -> Vec<LoggedRequest> {
        self.handle.requests().into_iter().filter(|r| r.method_id.as_deref() == Some(method_id)).collect()
    }

    /// The last logged request with Discovery method id `method_id`.
    pub fn last(&self, method_id: &str) -> LoggedRequest {
        self.requests(method_id).pop().unwrap_or_else(|| panic!("no {method_id} request"))
    }

    pub fn inject(&self, fault: Fault) {
        self.handle.inject(fault);
    }

    /// Asserts no request broke the Discovery contract.
    pub fn done(&self) {
        assert_eq!(
            self.handle.validation_failures(),
            0,
            "requests broke the Discovery contract: {:#?}",
            self.handle.requests()
        );
    }
}
