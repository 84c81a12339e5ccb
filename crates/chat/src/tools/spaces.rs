//! list_spaces: the spaces, group chats and direct messages the user is in.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::bounded;
use crate::advice::chat_error;
use crate::{api, render};

fn hundred() -> i64 {
    100
}

fn all_types() -> String {
    "all".into()
}

// Arguments of `list_spaces`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListSpacesParams {
    /// Most spaces to return (1-1000).
    #[serde(default = "hundred")]
    pub page_size: i64,
    /// Which spaces: "all", "room" (named spaces), "group_chat" (unnamed group
    /// conversations) or "dm" (direct messages).
    #[serde(default = "all_types")]
    pub space_type: String,
}

pub fn list_spaces() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_spaces",
            title: "List Chat Spaces",
            description: "List the Google Chat spaces, group chats and direct messages the user is a member of, \
                with the space ids the other Chat tools take.",
            service: Service::Chat,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::CHAT_SPACES_READONLY],
        },
        list,
    )
}

/// The `spaces.list` filter for a space_type argument (Google filters on `spaceType` only).
fn filter(space_type: &str) -> Result<Option<&'static str>, ToolError> {
    match space_type.trim().to_ascii_lowercase().as_str() {
        "" | "all" => Ok(None),
        "room" | "space" => Ok(Some("spaceType = \"SPACE\"")),
        "group_chat" | "group" => Ok(Some("spaceType = \"GROUP_CHAT\"")),
        "dm" | "direct_message" => Ok(Some("spaceType = \"DIRECT_MESSAGE\"")),
        other => Err(ToolError::invalid(format!("space_type must be one of all, room, group_chat, dm; got '{other}'"))),
    }
}

async fn list(ctx: ToolCtx, p: ListSpacesParams) -> Result<ToolOutput, ToolError> {
    let size = bounded(p.page_size, 1000, "page_size")?;
    let filter = filter(&p.space_type)?;
    let g = ctx.google().await?;
    let page = api::spaces_list(&g, size, filter, None).await.map_err(chat_error)?;
    if page.spaces.is_empty() {
        return Ok(ToolOutput::text(format!("No Chat spaces of type '{}' found for {}.", p.space_type, g.user())));
    }
    let mut out = format!("{} Chat space(s) for {}:\n", page.spaces.len(), g.user());
    for s in &page.spaces {
        out.push_str(&render::space_line(s));
        out.push('\n');
    }
    if page.next_page_token.is_some() {
        out.push_str(&format!("\nMore spaces exist beyond these {size}; raise page_size to see them.\n"));
    }
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_types_map_to_filters() {
        assert_eq!(filter("all").unwrap(), None);
        assert_eq!(filter("ROOM").unwrap(), Some("spaceType = \"SPACE\""));
        assert_eq!(filter("dm").unwrap(), Some("spaceType = \"DIRECT_MESSAGE\""));
        assert!(filter("channels").is_err());
    }
}
