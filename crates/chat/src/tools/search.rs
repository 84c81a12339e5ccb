//! search_messages: text and time search over one space or the user's spaces. The Chat API
//! filters messages by time and thread only, so the text is matched here, over the newest
//! messages of each space that the time filter lets through.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, space_name};
use crate::advice::chat_error;
use crate::api::{self, MessageQuery};
use crate::render;
use crate::wire::Message;

/// Messages read per space to match the text against (one request per space).
const SCANNED_PER_SPACE: u32 = 200;

fn twenty_five() -> i64 {
    25
}

fn ten() -> i64 {
    10
}

// Arguments of `search_messages`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchMessagesParams {
    /// Optional text to search for (case-insensitive). If omitted, only time_filter is applied.
    pub query: Option<String>,
    /// Optional space to restrict the search to (e.g. spaces/AAAAxyz).
    pub space_id: Option<String>,
    /// Maximum number of messages to return per space (1-1000).
    #[serde(default = "twenty_five")]
    pub page_size: i64,
    /// Optional filter using Chat API createTime syntax.
    /// Examples:
    ///   'createTime > "2026-03-18T00:00:00-03:00"'
    ///   'createTime > "2026-03-18T00:00:00-03:00" AND createTime < "2026-03-19T00:00:00-03:00"'
    pub time_filter: Option<String>,
    /// Maximum number of spaces to search when space_id is not provided (1-100, default 10).
    #[serde(default = "ten")]
    pub max_spaces: i64,
}

pub fn search_messages() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "search_messages",
            title: "Search Chat Messages",
            description: "Find Google Chat messages containing some text and/or within a time range, in one space \
                or across the user's spaces (newest first per space, with the message and thread names the other \
                Chat tools take).",
            service: Service::Chat,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::CHAT_SPACES_READONLY, scope::CHAT_MESSAGES_READONLY],
        },
        search,
    )
}

fn matches(m: &Message, needle: Option<&str>) -> bool {
    needle.is_none_or(|n| m.text.as_deref().is_some_and(|t| t.to_lowercase().contains(n)))
}

async fn search(ctx: ToolCtx, p: SearchMessagesParams) -> Result<ToolOutput, ToolError> {
    let per_space = bounded(p.page_size, 1000, "page_size")?;
    let max_spaces = bounded(p.max_spaces, 100, "max_spaces")?;
    let needle = given(p.query.as_deref()).map(str::to_lowercase);
    let time_filter = given(p.time_filter.as_deref());
    if time_filter.is_some_and(|f| !f.contains("createTime")) {
        return Err(ToolError::invalid(
            "time_filter must compare createTime, e.g. createTime > \"2026-03-18T00:00:00Z\"",
        ));
    }
    let one = given(p.space_id.as_deref()).map(space_name).transpose()?;
    let g = ctx.google().await?;
    let spaces: Vec<(String, String)> = match one {
        Some(s) => vec![(s.clone(), s)],
        None => {
            let page = api::spaces_list(&g, max_spaces, None, None).await.map_err(chat_error)?;
            page.spaces.into_iter().map(|s| (s.display_name.clone().unwrap_or_default(), s.name)).collect()
        }
    };
    let scanned = if needle.is_some() { SCANNED_PER_SPACE.max(per_space) } else { per_space };
    let mut out = String::new();
    let mut total = 0;
    for (title, space) in &spaces {
        let q = MessageQuery {
            page_size: scanned,
            filter: time_filter,
            order_by: Some("createTime desc"),
            page_token: None,
        };
        let page = api::messages_list(&g, space, &q).await.map_err(chat_error)?;
        let found: Vec<&Message> =
            page.messages.iter().filter(|m| matches(m, needle.as_deref())).take(per_space as usize).collect();
        if found.is_empty() {
            continue;
        }
        total += found.len();
        let label = if title.is_empty() || title == space { space.clone() } else { format!("\"{title}\" ({space})") };
        out.push_str(&format!("\n{label}: {} message(s)\n", found.len()));
        for m in found {
            out.push_str(&render::message_block(m));
        }
    }
    let what = match (&needle, time_filter) {
        (Some(n), Some(f)) => format!("containing \"{n}\" with {f}"),
        (Some(n), None) => format!("containing \"{n}\""),
        (None, Some(f)) => format!("with {f}"),
        (None, None) => "(newest)".to_string(),
    };
    let scope = if spaces.len() == 1 { "1 space".to_string() } else { format!("{} spaces", spaces.len()) };
    if total == 0 {
        return Ok(ToolOutput::text(format!("No messages {what} in {scope}.")));
    }
    let note = if needle.is_some() {
        format!("Text is matched over the newest {scanned} messages of each space.\n")
    } else {
        String::new()
    };
    Ok(ToolOutput::text(format!("{total} message(s) {what} in {scope}:\n{note}{out}")))
}
