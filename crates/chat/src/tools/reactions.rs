//! create_reaction: an emoji reaction on a message.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{child_name, nonblank};
use crate::advice::chat_error;
use crate::api;

// Arguments of `create_reaction`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateReactionParams {
    /// The message resource name (e.g. spaces/X/messages/Y).
    pub message_id: String,
    /// The emoji character to react with (e.g. 👍).
    pub emoji_unicode: String,
}

pub fn create_reaction() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_reaction",
            title: "React to Chat Message",
            description: "Add an emoji reaction (a Unicode emoji such as 👍 or 🎉) from the user to a Google Chat \
                message.",
            service: Service::Chat,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::CHAT_MESSAGES_REACTIONS_CREATE],
        },
        react,
    )
}

/// An emoji as Chat takes it: a short Unicode sequence, not a `:shortcode:` or a word.
fn emoji(value: &str) -> Result<&str, ToolError> {
    let e = nonblank(value, "emoji_unicode")?;
    if e.chars().any(|c| c.is_ascii_alphanumeric() || c == ':') || e.chars().count() > 16 {
        return Err(ToolError::invalid(format!(
            "emoji_unicode must be an emoji character such as 👍, not a name or shortcode; got '{e}'"
        )));
    }
    Ok(e)
}

async fn react(ctx: ToolCtx, p: CreateReactionParams) -> Result<ToolOutput, ToolError> {
    let (_, message) = child_name(&p.message_id, "messages", "message_id")?;
    let e = emoji(&p.emoji_unicode)?;
    let g = ctx.google().await?;
    let r = api::reactions_create(&g, &message, e).await.map_err(chat_error)?;
    Ok(ToolOutput::text(format!("Reacted {e} to {message}.\nReaction: {}\n", r.name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_are_characters() {
        assert_eq!(emoji(" 👍 ").unwrap(), "👍");
        assert!(emoji("👍🏽").is_ok());
        assert!(emoji(":thumbsup:").is_err());
        assert!(emoji("ok").is_err());
    }
}
