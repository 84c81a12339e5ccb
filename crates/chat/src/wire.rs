//! The Chat API's JSON shapes, only the fields the tools use (the sandbox keeps its own).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Space {
    #[serde(default)]
    pub name: String,
    pub display_name: Option<String>,
    /// SPACE, GROUP_CHAT or DIRECT_MESSAGE.
    pub space_type: Option<String>,
    pub space_uri: Option<String>,
    pub create_time: Option<String>,
    pub last_active_time: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Spaces {
    #[serde(default)]
    pub spaces: Vec<Space>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default)]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// A thread: by resource name, or (on the way out) by the key the caller chose.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Thread {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_key: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentDataRef {
    pub resource_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    #[serde(default)]
    pub name: String,
    pub content_name: Option<String>,
    pub content_type: Option<String>,
    pub attachment_data_ref: Option<AttachmentDataRef>,
    /// Files shared from Drive carry a Drive file id instead of data.
    pub drive_data_ref: Option<serde_json::Value>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Emoji {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unicode: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmojiReactionSummary {
    pub emoji: Option<Emoji>,
    pub reaction_count: Option<i64>,
}

/// A message. Only `text` and `thread` are ever sent; the rest is output.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    #[serde(skip_serializing)]
    pub name: String,
    #[serde(skip_serializing)]
    pub sender: Option<User>,
    #[serde(skip_serializing)]
    pub create_time: Option<String>,
    #[serde(skip_serializing)]
    pub last_update_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread: Option<Thread>,
    #[serde(skip_serializing, default)]
    pub thread_reply: bool,
    #[serde(skip_serializing, default)]
    pub attachment: Vec<Attachment>,
    #[serde(skip_serializing, default)]
    pub emoji_reaction_summaries: Vec<EmojiReactionSummary>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Messages {
    #[serde(default)]
    pub messages: Vec<Message>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reaction {
    #[serde(skip_serializing)]
    pub name: String,
    #[serde(skip_serializing)]
    pub user: Option<User>,
    pub emoji: Emoji,
}
