//! One tool call from arguments to result: find the tool, normalize and check the
//! arguments, resolve the user, run the handler inside a tracing span, and turn the outcome
//! into an MCP result. Every failure a caller can fix comes back as `isError: true` text.

use std::sync::Arc;
use std::time::Instant;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use rmcp::ErrorData as McpError;
use rmcp::model::{CallToolRequestParams, CallToolResult, ContentBlock, Resource, ResourceContents};
use serde_json::{Map, Value};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;
use wsmcp_core::notify::Notifier;
use wsmcp_core::{ToolCtx, ToolError, ToolOutput};

use crate::app::App;

/// What the bearer check of an OAuth 2.1 request established: the account; in
/// external-provider mode the Google token the tools call Google with; in OAuth 2.1 mode the
/// user's Google grant as the check read it from the store.
pub struct Bearer {
    pub identity: wsmcp_oauth21::Identity,
    pub google_token: Option<wsmcp_core::google::AccessToken>,
    pub google_grant: Option<wsmcp_oauth21::CheckedGrant>,
}

pub async fn call(
    app: &App,
    request: CallToolRequestParams,
    caller: Option<String>,
    bearer: Option<Bearer>,
    verified_user: Option<String>,
    notifier: Arc<dyn Notifier>,
    cancelled: CancellationToken,
) -> Result<CallToolResult, McpError> {
    let name = request.name.as_ref();
    let (Some(tool), Some(listed)) = (app.registry.get(name), app.registry.listed(name)) else {
        return Err(McpError::invalid_params(format!("Unknown tool: '{name}'"), None));
    };
    let mut args = request.arguments.unwrap_or_default();
    if let Err(msg) = crate::arg_limits::check(&args, &app.config.limits) {
        return Ok(error_result(tool.name, &ToolError::invalid(msg)));
    }
    let (identity, credentials) = match bearer {
        Some(Bearer { identity, google_token: Some(token), .. }) => {
            let scopes = identity.scopes.clone();
            let own: Arc<dyn wsmcp_core::tool::CredentialSource> =
                Arc::new(crate::external::TokenCredentials { token, scopes });
            (Some(identity), own)
        }
        Some(Bearer { identity, google_grant: Some(grant), .. }) => {
            let own: Arc<dyn wsmcp_core::tool::CredentialSource> = match app.oauth21.clone() {
                Some(server) => Arc::new(crate::oauth21::OAuth21Credentials { server, checked: Some(grant) }),
                None => app.credentials.clone(),
            };
            (Some(identity), own)
        }
        Some(Bearer { identity, .. }) => (Some(identity), app.credentials.clone()),
        None => (None, app.credentials.clone()),
    };
    let token_user = match token_user(app, identity, &mut args) {
        Ok(user) => user,
        Err(e) => return Ok(error_result(tool.name, &e)),
    };
    if let Err(msg) = normalize_args(&mut args, &listed.input_schema) {
        return Ok(error_result(tool.name, &ToolError::invalid(msg)));
    }
    if let Err(e) = crate::identity::check_named_user(app, verified_user.as_deref(), &args) {
        return Ok(error_result(tool.name, &e));
    }
    // The gateway's verified user is the default; otherwise the configured one.
    let default_user = verified_user.as_deref().or(app.default_user());
    let user = if token_user.is_some() {
        token_user
    } else if tool.acts_for_user {
        match args.remove("user_google_email") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Null) | None => default_user.map(str::to_string),
            Some(Value::String(_)) => default_user.map(str::to_string),
            Some(other) => {
                return Ok(error_result(
                    tool.name,
                    &ToolError::invalid(format!("user_google_email must be a string, got {other}")),
                ));
            }
        }
    } else {
        default_user.map(str::to_string)
    };
    let ctx = ToolCtx {
        user,
        scopes: tool.scopes,
        caller,
        credentials,
        google: app.google.clone(),
        files: app.files.clone(),
        notifier,
    };
    let span = tracing::info_span!(
        "tool_call",
        request_id = %request_id(),
        tool = tool.name,
        service = tool.service.as_str(),
        tier = tool.tier.as_str()
    );
    let started = Instant::now();
    // A cancelled call drops the handler's future, and with it every Google request in flight.
    let run = (tool.handler)(ctx, Value::Object(args)).instrument(span.clone());
    let outcome = tokio::select! {
        outcome = run => outcome,
        () = cancelled.cancelled() => {
            span.in_scope(|| tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, outcome = "cancelled", "tool call cancelled"));
            return Ok(error_result(tool.name, &ToolError::Refused("the client cancelled this call; it was stopped".into())));
        }
    };
    let elapsed_ms = started.elapsed().as_millis() as u64;
    Ok(match outcome {
        Ok(output) => {
            span.in_scope(|| tracing::info!(elapsed_ms, outcome = "ok", "tool call finished"));
            success_result(output)
        }
        Err(err) => {
            // The first line only: a sign-in error goes on with a link whose `state` is a secret.
            let summary = err.to_string().lines().next().unwrap_or_default().to_string();
            span.in_scope(|| tracing::info!(elapsed_ms, outcome = "error", error = %summary, "tool call failed"));
            error_result(tool.name, &err)
        }
    })
}

/// OAuth 2.1: the account the bearer token names (`None` in the other modes). A client may
/// still send `user_google_email` (the schema no longer lists it); it must name that account.
fn token_user(
    app: &App,
    identity: Option<wsmcp_oauth21::Identity>,
    args: &mut Map<String, Value>,
) -> Result<Option<String>, ToolError> {
    if app.config.oauth21.is_none() {
        return Ok(None);
    }
    let Some(identity) = identity else {
        return Err(ToolError::AuthRequired("this server needs an OAuth 2.1 bearer token on every request".into()));
    };
    match args.remove("user_google_email") {
        Some(Value::String(s)) if !s.trim().is_empty() && !s.trim().eq_ignore_ascii_case(&identity.email) => {
            Err(ToolError::Refused(format!(
                "this connection is signed in as {} and cannot act as {}; sign in from the MCP client with that \
                 account instead",
                identity.email,
                s.trim()
            )))
        }
        _ => Ok(Some(identity.email)),
    }
}

/// A short random id for one tool call, so its log lines and its Google calls' lines can be
/// found together (not the session id, which is a credential on HTTP).
fn request_id() -> String {
    let mut id = uuid::Uuid::new_v4().simple().to_string();
    id.truncate(12);
    id
}

/// Accepts camelCase spellings of parameters (clients and models use both), and rejects
/// names the tool does not have, listing the ones it does, instead of silently ignoring them.
fn normalize_args(args: &mut Map<String, Value>, schema: &Map<String, Value>) -> Result<(), String> {
    let Some(Value::Object(props)) = schema.get("properties") else {
        return Ok(());
    };
    let keys: Vec<String> = args.keys().cloned().collect();
    let mut unknown = Vec::new();
    for key in keys {
        if props.contains_key(&key) {
            continue;
        }
        let snake = to_snake(&key);
        if props.contains_key(&snake) && !args.contains_key(&snake) {
            if let Some(v) = args.remove(&key) {
                args.insert(snake, v);
            }
        } else {
            unknown.push(key);
        }
    }
    // A null for an optional parameter means "not given".
    args.retain(|_, v| !v.is_null());
    if unknown.is_empty() {
        Ok(())
    } else {
        let accepted: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut msg =
            format!("unknown parameter(s) {}; this tool accepts: {}", unknown.join(", "), accepted.join(", "));
        if unknown.iter().any(|u| u == "file_path") {
            // The only way a known parameter disappears: the operator turned local files off.
            msg.push_str(". Local file paths are turned off on this server (WORKSPACE_MCP_DISABLE_LOCAL_FILES); pass the content inline or a URL instead");
        }
        Err(msg)
    }
}

fn to_snake(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn success_result(output: ToolOutput) -> CallToolResult {
    let mut content = vec![ContentBlock::text(output.text)];
    for image in &output.images {
        content.push(ContentBlock::image(BASE64.encode(&image.data), image.mime_type.clone()));
    }
    for f in &output.files {
        if let Some(bytes) = &f.inline {
            content.push(embedded(f, &bytes.0));
            continue;
        }
        let uri = match &f.url {
            Some(u) => u.clone(),
            None => format!("file://{}", f.path.display()),
        };
        let mut link = Resource::new(uri, f.name.clone());
        link.mime_type = Some(f.mime_type.clone());
        link.size = Some(f.size);
        content.push(ContentBlock::resource_link(link));
    }
    let mut result = CallToolResult::success(content);
    result.structured_content = output.structured;
    result
}

/// A file carried in the result (stateless mode): text as text when it is text, else base64.
fn embedded(f: &wsmcp_core::files::SavedFile, bytes: &[u8]) -> ContentBlock {
    let uri = f.inline_uri();
    let mime_type = Some(f.mime_type.clone());
    let textual = f.mime_type.starts_with("text/") || f.mime_type == "application/json";
    let contents = match std::str::from_utf8(bytes).ok().filter(|_| textual) {
        Some(text) => ResourceContents::TextResourceContents { uri, mime_type, text: text.to_string(), meta: None },
        None => ResourceContents::BlobResourceContents { uri, mime_type, blob: BASE64.encode(bytes), meta: None },
    };
    ContentBlock::resource(contents)
}

fn error_result(tool: &str, err: &ToolError) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(format!("{tool} failed. {err}"))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn camel_case_is_accepted_and_unknown_names_listed() {
        let schema = json!({"properties": {"page_size": {}, "query": {}}});
        let schema = schema.as_object().unwrap();
        let mut args = json!({"pageSize": 5, "query": "x"}).as_object().unwrap().clone();
        normalize_args(&mut args, schema).unwrap();
        assert_eq!(args["page_size"], 5);
        let mut args = json!({"qeury": "x"}).as_object().unwrap().clone();
        let err = normalize_args(&mut args, schema).unwrap_err();
        assert!(err.contains("qeury") && err.contains("page_size, query"), "{err}");
    }
}
