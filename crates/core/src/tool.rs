//! A tool declared in one place: name, title, description, input schema, the four MCP
//! annotation hints, the Google scopes it needs, its service and its tier. The registry in
//! `wsmcp-server` filters these declarations; nothing registers itself.

use std::future::Future;
use std::sync::Arc;

use futures::future::BoxFuture;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::ToolError;
use crate::files::FileStore;
use crate::google::{AccessToken, GoogleClient, GoogleCtx};

/// Tool tiers are cumulative: `extended` includes `core`, `complete` includes both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Core,
    Extended,
    Complete,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Core, Tier::Extended, Tier::Complete];
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Core => "core",
            Tier::Extended => "extended",
            Tier::Complete => "complete",
        }
    }
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The twelve services, named as `--tools` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    Gmail,
    Drive,
    Calendar,
    Docs,
    Sheets,
    Chat,
    Forms,
    Slides,
    Tasks,
    Contacts,
    Search,
    Appscript,
    // Beyond the reference server's twelve.
    Keep,
    Meet,
}

impl Service {
    pub const ALL: [Service; 14] = [
        Service::Gmail,
        Service::Drive,
        Service::Calendar,
        Service::Docs,
        Service::Sheets,
        Service::Chat,
        Service::Forms,
        Service::Slides,
        Service::Tasks,
        Service::Contacts,
        Service::Search,
        Service::Appscript,
        Service::Keep,
        Service::Meet,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Gmail => "gmail",
            Service::Drive => "drive",
            Service::Calendar => "calendar",
            Service::Docs => "docs",
            Service::Sheets => "sheets",
            Service::Chat => "chat",
            Service::Forms => "forms",
            Service::Slides => "slides",
            Service::Tasks => "tasks",
            Service::Contacts => "contacts",
            Service::Search => "search",
            Service::Appscript => "appscript",
            Service::Keep => "keep",
            Service::Meet => "meet",
        }
    }
    pub fn parse(s: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The four MCP annotation hints, always all set: clients treat a missing hint as the
/// most dangerous value, so an omission would make a read look destructive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hints {
    pub read_only: bool,
    pub destructive: bool,
    pub idempotent: bool,
    pub open_world: bool,
}

impl Hints {
    /// Reads Google data and changes nothing.
    pub const READ: Hints = Hints { read_only: true, destructive: false, idempotent: true, open_world: true };
    /// Creates something new; calling twice creates two.
    pub const CREATE: Hints = Hints { read_only: false, destructive: false, idempotent: false, open_world: true };
    /// May overwrite, remove or send.
    pub const DESTRUCTIVE: Hints = Hints { read_only: false, destructive: true, idempotent: false, open_world: true };
}

/// What a successful tool call returns: text for the model, optional structured data,
/// files it saved (offered as resource links rather than inline bytes) and images to show
/// inline (each also saved and linked, for clients that do not display images).
#[derive(Debug, Clone, Default)]
pub struct ToolOutput {
    pub text: String,
    pub structured: Option<Value>,
    pub files: Vec<crate::files::SavedFile>,
    pub images: Vec<InlineImage>,
}

/// An image returned as MCP image content.
#[derive(Clone)]
pub struct InlineImage {
    pub mime_type: String,
    pub data: bytes::Bytes,
}

impl std::fmt::Debug for InlineImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InlineImage({}, {} bytes)", self.mime_type, self.data.len())
    }
}

/// Images larger than this stay a saved file and a link: a model's context is no place for them.
pub const MAX_INLINE_IMAGE_BYTES: usize = 1024 * 1024;

/// Image types every MCP client that shows images can decode.
const INLINE_IMAGE_TYPES: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

impl InlineImage {
    /// The image, if it is of a type clients show and within [`MAX_INLINE_IMAGE_BYTES`].
    pub fn within_cap(mime_type: &str, data: &bytes::Bytes) -> Option<InlineImage> {
        let mime = mime_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        (INLINE_IMAGE_TYPES.contains(&mime.as_str()) && data.len() <= MAX_INLINE_IMAGE_BYTES)
            .then(|| InlineImage { mime_type: mime, data: data.clone() })
    }
}

impl ToolOutput {
    pub fn text(text: impl Into<String>) -> Self {
        ToolOutput { text: text.into(), ..Default::default() }
    }

    /// Text with the files it saved.
    pub fn with_files(text: impl Into<String>, files: Vec<crate::files::SavedFile>) -> Self {
        ToolOutput { text: text.into(), files, ..Default::default() }
    }
}

impl From<String> for ToolOutput {
    fn from(text: String) -> Self {
        ToolOutput::text(text)
    }
}

/// Where a tool's Google credentials come from: stored OAuth tokens, or the sandbox.
pub trait CredentialSource: Send + Sync {
    /// An access token for `user` covering `scopes`, or `ToolError::AuthRequired` with an
    /// authorization URL the user can open.
    fn access_token<'a>(
        &'a self,
        user: &'a str,
        scopes: &'a [&'static str],
        caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<AccessToken, ToolError>>;

    /// Starts a sign-in for `user` (or whoever signs in) and returns the text to show:
    /// the authorization URL and what to do with it.
    fn authorize<'a>(
        &'a self,
        user: Option<&'a str>,
        caller: Option<&'a str>,
    ) -> BoxFuture<'a, Result<String, ToolError>>;
}

/// Everything a tool handler may use for one call. Built by the server's dispatcher.
#[derive(Clone)]
pub struct ToolCtx {
    /// The Google account this call acts for (argument, or the configured default).
    pub user: Option<String>,
    /// The tool's own declared scopes.
    pub scopes: &'static [&'static str],
    /// An opaque id of the MCP caller (HTTP session), used to keep users apart.
    pub caller: Option<String>,
    pub credentials: Arc<dyn CredentialSource>,
    pub google: Arc<GoogleClient>,
    pub files: Arc<dyn FileStore>,
    /// Progress and log messages for the client of this call.
    pub notifier: Arc<dyn crate::notify::Notifier>,
}

impl ToolCtx {
    /// The user, or an actionable error when none was given and no default is configured.
    pub fn user(&self) -> Result<&str, ToolError> {
        self.user.as_deref().ok_or_else(|| {
            ToolError::invalid(
                "user_google_email is required: pass the Google account to act for, \
                 or start the server with USER_GOOGLE_EMAIL set",
            )
        })
    }

    /// A Google client authenticated by an API key instead of the user's token (Custom
    /// Search); the user, if any, only labels the calls.
    pub fn google_with_key(&self, key: crate::google::ApiKey) -> GoogleCtx {
        let user = self.user.clone().unwrap_or_default();
        GoogleCtx::with_api_key(self.google.clone(), key, user).with_notifier(self.notifier.clone())
    }

    /// An authorized Google client for this call's user and the tool's scopes.
    pub async fn google(&self) -> Result<GoogleCtx, ToolError> {
        let user = self.user()?.to_string();
        let token = self.credentials.access_token(&user, self.scopes, self.caller.as_deref()).await?;
        Ok(GoogleCtx::new(self.google.clone(), token, user).with_notifier(self.notifier.clone()))
    }
}

pub type Handler = Arc<dyn Fn(ToolCtx, Value) -> BoxFuture<'static, Result<ToolOutput, ToolError>> + Send + Sync>;

/// One tool, complete. Build with [`ToolDef::new`].
#[derive(Clone)]
pub struct ToolDef {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub service: Service,
    pub tier: Tier,
    pub hints: Hints,
    pub scopes: &'static [&'static str],
    /// Whether the tool acts for a Google user: the registry then adds `user_google_email`.
    pub acts_for_user: bool,
    pub input_schema: Arc<Map<String, Value>>,
    pub handler: Handler,
}

/// The declaration fields of a tool, without its handler.
pub struct ToolMeta {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub service: Service,
    pub tier: Tier,
    pub hints: Hints,
    pub scopes: &'static [&'static str],
}

impl ToolDef {
    /// Declares a tool whose parameters are `P`: the schema comes from `P`'s `JsonSchema`
    /// (doc comments become descriptions) and arguments are parsed into `P` before `f` runs.
    pub fn new<P, F, Fut>(meta: ToolMeta, f: F) -> ToolDef
    where
        P: DeserializeOwned + JsonSchema + Send + 'static,
        F: Fn(ToolCtx, P) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<ToolOutput, ToolError>> + Send + 'static,
    {
        let f = Arc::new(f);
        let handler: Handler = Arc::new(move |ctx, args| {
            let f = f.clone();
            Box::pin(async move {
                let params: P = serde_json::from_value(args).map_err(|e| ToolError::invalid(e.to_string()))?;
                f(ctx, params).await
            })
        });
        ToolDef {
            name: meta.name,
            title: meta.title,
            description: meta.description,
            service: meta.service,
            tier: meta.tier,
            hints: meta.hints,
            scopes: meta.scopes,
            acts_for_user: true,
            input_schema: Arc::new(crate::schema::input_schema::<P>()),
            handler,
        }
    }

    /// For tools that manage their own user argument (e.g. `start_google_auth`).
    pub fn without_user_param(mut self) -> Self {
        self.acts_for_user = false;
        self
    }
}
