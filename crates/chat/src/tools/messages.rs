//! get_messages: a space's messages, newest first by default, filtered by time or thread.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, space_name};
use crate::advice::chat_error;
use crate::api::{self, MessageQuery};
use crate::render;

fn fifty() -> i64 {
    50
}

fn newest_first() -> String {
    "createTime desc".into()
}

// Arguments of `get_messages`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetMessagesParams {
    /// The space, e.g. spaces/AAAAxyz (from list_spaces).
    pub space_id: String,
    /// Most messages to return (1-1000).
    #[serde(default = "fifty")]
    pub page_size: i64,
    /// "createTime desc" (newest first) or "createTime asc" (oldest first).
    #[serde(default = "newest_first")]
    pub order_by: String,
    /// Optional filter string using the Chat API filter syntax.
    /// Supports createTime and thread.name, joined with AND.
    /// Examples:
    ///   'createTime > "2026-03-18T00:00:00-03:00"'
    ///   'createTime > "2026-03-18T00:00:00-03:00" AND createTime < "2026-03-19T00:00:00-03:00"'
    ///   'thread.name = spaces/X/threads/Y'
    pub message_filter: Option<String>,
}

pub fn get_messages() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_messages",
            title: "Get Chat Messages",
            description: "Read the messages of a Google Chat space (newest first by default): sender, time, text, \
                thread, reactions and attachments, with the message names that send_message, create_reaction and \
                download_chat_attachment take. Filter by createTime or thread.name.",
            service: Service::Chat,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::CHAT_MESSAGES_READONLY],
        },
        get,
    )
}

/// The orderings Google accepts for messages.
pub(crate) fn order(value: &str) -> Result<&'static str, ToolError> {
    let words: Vec<String> = value.split_whitespace().map(str::to_ascii_lowercase).collect();
    match words.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["createtime", "desc"] => Ok("createTime desc"),
        ["createtime", "asc"] | ["createtime"] => Ok("createTime asc"),
        _ => Err(ToolError::invalid(format!(
            "order_by must be \"createTime desc\" (newest first) or \"createTime asc\" (oldest first), got '{value}'"
        ))),
    }
}

async fn get(ctx: ToolCtx, p: GetMessagesParams) -> Result<ToolOutput, ToolError> {
    let space = space_name(&p.space_id)?;
    let size = bounded(p.page_size, 1000, "page_size")?;
    let order_by = order(&p.order_by)?;
    let filter = given(p.message_filter.as_deref());
    let g = ctx.google().await?;
    let q = MessageQuery { page_size: size, filter, order_by: Some(order_by), page_token: None };
    let page = api::messages_list(&g, &space, &q).await.map_err(chat_error)?;
    if page.messages.is_empty() {
        let why = filter.map(|f| format!(" matching {f}")).unwrap_or_default();
        return Ok(ToolOutput::text(format!("No messages in {space}{why}.")));
    }
    let first = if order_by.ends_with("desc") { "newest first" } else { "oldest first" };
    let mut out = format!("{} message(s) in {space} ({first}):\n", page.messages.len());
    for m in &page.messages {
        out.push_str(&render::message_block(m));
    }
    if page.next_page_token.is_some() {
        out.push_str(&format!(
            "\nMore messages exist beyond these {size}; raise page_size or narrow message_filter by createTime.\n"
        ));
    }
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orderings() {
        assert_eq!(order("createTime desc").unwrap(), "createTime desc");
        assert_eq!(order(" CREATETIME  ASC ").unwrap(), "createTime asc");
        assert!(order("updateTime desc").is_err());
    }
}
