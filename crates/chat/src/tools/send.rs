//! send_message: a new message (new thread, a thread by key, or an existing thread), or an
//! edit of a message the user sent. A new message carries a fresh `requestId`, so the
//! client may retry it and Google still creates it once.

use rand::RngExt as _;
use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{child_name, given, space_name};
use crate::advice::chat_error;
use crate::api::{self, Threading};
use crate::render;

/// Google's limit on a message's text.
const MAX_TEXT_CHARS: usize = 4096;
/// Google's limit on a thread key.
const MAX_THREAD_KEY_CHARS: usize = 4000;

// Arguments of `send_message`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SendMessageParams {
    /// The space to post in, e.g. spaces/AAAAxyz (from list_spaces).
    pub space_id: String,
    /// The message text (up to 4096 characters; Chat formatting such as *bold* applies).
    pub message_text: String,
    /// Reply in a thread by app-defined key (creates thread if not found).
    pub thread_key: Option<String>,
    /// Reply in an existing thread by its resource name (e.g. spaces/X/threads/Y).
    pub thread_name: Option<String>,
    /// Edit this message in place instead of sending a new one
    /// (e.g. spaces/X/messages/Y, as returned by send_message or get_messages).
    /// Must be a message of space_id. Only the text is replaced, and only the
    /// author can edit their own message.
    pub message_name: Option<String>,
}

pub fn send_message() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "send_message",
            title: "Send Chat Message",
            description: "Post a message to a Google Chat space as the user: in a new thread, in a thread chosen by \
                a key of your own (created on first use), or as a reply in an existing thread. With message_name it \
                replaces the text of a message the user sent instead.",
            service: Service::Chat,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::CHAT_MESSAGES],
        },
        send,
    )
}

/// A request id unique to this send (Google keys its idempotency on it).
fn request_id() -> String {
    let n: u128 = rand::rng().random();
    format!("wsmcp-{n:032x}")
}

async fn send(ctx: ToolCtx, p: SendMessageParams) -> Result<ToolOutput, ToolError> {
    let space = space_name(&p.space_id)?;
    let text = p.message_text.as_str();
    if text.trim().is_empty() {
        return Err(ToolError::invalid("message_text is empty: give the text to send"));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ToolError::invalid(format!("message_text is longer than Chat's {MAX_TEXT_CHARS} characters")));
    }
    let (key, thread) = (given(p.thread_key.as_deref()), given(p.thread_name.as_deref()));
    if let Some(edit) = given(p.message_name.as_deref()) {
        let (of_space, name) = child_name(edit, "messages", "message_name")?;
        if of_space != space {
            return Err(ToolError::invalid(format!("message_name {name} is not a message of {space}")));
        }
        if key.is_some() || thread.is_some() {
            return Err(ToolError::invalid("an edit keeps the message's thread: drop thread_key and thread_name"));
        }
        let g = ctx.google().await?;
        let m = api::messages_patch_text(&g, &name, text).await.map_err(chat_error)?;
        return Ok(ToolOutput::text(format!("Message edited in {space}.\n{}", render::message_block(&m))));
    }
    let threading = match (key, thread) {
        (Some(_), Some(_)) => {
            return Err(ToolError::invalid("give thread_key or thread_name, not both"));
        }
        (Some(k), None) if k.chars().count() > MAX_THREAD_KEY_CHARS => {
            return Err(ToolError::invalid(format!("thread_key is longer than {MAX_THREAD_KEY_CHARS} characters")));
        }
        (Some(k), None) => Threading::Key(k),
        (None, Some(t)) => {
            let (of_space, _) = child_name(t, "threads", "thread_name")?;
            if of_space != space {
                return Err(ToolError::invalid(format!("thread_name {t} is not a thread of {space}")));
            }
            Threading::Name(t)
        }
        (None, None) => Threading::New,
    };
    let g = ctx.google().await?;
    let m = api::messages_create(&g, &space, text, threading, &request_id()).await.map_err(chat_error)?;
    let how = match threading {
        Threading::New => "in a new thread".to_string(),
        Threading::Key(k) => format!("in the thread with key '{k}'"),
        Threading::Name(_) => "as a reply in the thread".to_string(),
    };
    Ok(ToolOutput::text(format!("Message sent to {space} {how}.\n{}", render::message_block(&m))))
}
