//! Gmail REST shapes (gmail/v1), only the fields the tools read or write. Field names follow
//! the Discovery document (camelCase); every field is optional on the way in because Google
//! omits empty ones, so a missing field never fails a whole reply.

use serde::{Deserialize, Serialize};

/// `Message` (users.messages.get / send / list items).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Message {
    pub id: String,
    pub thread_id: String,
    pub label_ids: Vec<String>,
    pub snippet: String,
    /// Epoch milliseconds, as a string (int64 in Discovery).
    pub internal_date: Option<String>,
    pub payload: Option<MessagePart>,
    /// base64url of the whole RFC 822 message (`format=raw` only).
    pub raw: Option<String>,
    pub size_estimate: Option<u64>,
}

/// `MessagePart`: one node of the MIME tree.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MessagePart {
    pub part_id: String,
    pub mime_type: String,
    pub filename: String,
    pub headers: Vec<Header>,
    pub body: Option<PartBody>,
    pub parts: Vec<MessagePart>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// `MessagePartBody`: inline `data` (base64url) or an `attachmentId` to fetch separately.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PartBody {
    pub attachment_id: Option<String>,
    pub size: u64,
    pub data: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Thread {
    pub id: String,
    pub snippet: String,
    pub messages: Vec<Message>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MessageRef {
    pub id: String,
    pub thread_id: String,
}

/// `ListMessagesResponse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MessageList {
    pub messages: Vec<MessageRef>,
    pub next_page_token: Option<String>,
    pub result_size_estimate: Option<u64>,
}

/// The body of `users.messages.send` and the `message` of a draft.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutgoingMessage {
    pub raw: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DraftCreate {
    pub message: OutgoingMessage,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub id: String,
    pub message: Option<Message>,
}

/// `MessagePartBody` as `users.messages.attachments.get` returns it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AttachmentBody {
    pub data: Option<String>,
    pub size: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LabelColor {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
}

/// `Label`. Serialized for create/update/patch with absent fields left out, so a PATCH
/// touches only what it names.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Label {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// "system" or "user".
    #[serde(skip_serializing)]
    pub r#type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_list_visibility: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_list_visibility: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<LabelColor>,
    #[serde(skip_serializing)]
    pub messages_total: Option<u64>,
    #[serde(skip_serializing)]
    pub messages_unread: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LabelList {
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModifyRequest<'a> {
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub add_label_ids: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub remove_label_ids: &'a [String],
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchModifyRequest<'a> {
    pub ids: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub add_label_ids: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub remove_label_ids: &'a [String],
}

/// `FilterCriteria`. snake_case aliases accept what models often write; unknown keys in
/// tool input are refused by `tools::filters` before parsing, while Google's replies stay
/// lenient here.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FilterCriteria {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", alias = "negated_query")]
    pub negated_query: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", alias = "has_attachment")]
    pub has_attachment: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none", alias = "exclude_chats")]
    pub exclude_chats: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// "smaller" or "larger".
    #[serde(skip_serializing_if = "Option::is_none", alias = "size_comparison")]
    pub size_comparison: Option<String>,
}

/// `FilterAction`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FilterAction {
    #[serde(skip_serializing_if = "Vec::is_empty", alias = "add_label_ids")]
    pub add_label_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", alias = "remove_label_ids")]
    pub remove_label_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forward: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Filter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub criteria: FilterCriteria,
    pub action: FilterAction,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FilterList {
    pub filter: Vec<Filter>,
}

/// `SendAs`: an address the account may send from, with its signature (HTML).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SendAs {
    pub send_as_email: String,
    pub display_name: Option<String>,
    pub signature: Option<String>,
    pub is_default: bool,
    pub is_primary: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SendAsList {
    pub send_as: Vec<SendAs>,
}
