//! download_chat_attachment: one attachment of a message, saved and linked.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::child_name;
use crate::advice::chat_error;
use crate::api;

// Arguments of `download_chat_attachment`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct DownloadChatAttachmentParams {
    /// The message resource name (e.g. spaces/X/messages/Y).
    pub message_id: String,
    /// Zero-based index of the attachment to download (default 0), as get_messages lists them.
    #[serde(default)]
    pub attachment_index: i64,
}

pub fn download_chat_attachment() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "download_chat_attachment",
            title: "Download Chat Attachment",
            description: "Save a file attached to a Google Chat message and return where to get it: a local path \
                (stdio) or a download link valid for one hour (HTTP).",
            service: Service::Chat,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            scopes: &[scope::CHAT_MESSAGES_READONLY],
        },
        download,
    )
}

async fn download(ctx: ToolCtx, p: DownloadChatAttachmentParams) -> Result<ToolOutput, ToolError> {
    let (_, message) = child_name(&p.message_id, "messages", "message_id")?;
    let index = usize::try_from(p.attachment_index)
        .map_err(|_| ToolError::invalid(format!("attachment_index must be 0 or more, got {}", p.attachment_index)))?;
    let g = ctx.google().await?;
    let m = api::messages_get(&g, &message).await.map_err(chat_error)?;
    let Some(a) = m.attachment.get(index) else {
        let have = match m.attachment.len() {
            0 => "has no attachments".to_string(),
            n => format!("has {n} attachment(s) (indexes 0-{})", n - 1),
        };
        return Err(ToolError::invalid(format!("attachment_index {index} is out of range: {message} {have}")));
    };
    let name = a.content_name.clone().unwrap_or_else(|| "attachment".into());
    let Some(resource) = a.attachment_data_ref.as_ref().and_then(|r| r.resource_name.as_deref()) else {
        let drive = a.drive_data_ref.as_ref().and_then(|d| d.get("driveFileId")).and_then(|v| v.as_str());
        let hint = match drive {
            Some(id) => format!("it is a Google Drive file (id {id}); fetch it with the Drive tools"),
            None => "Chat offers no data for it".to_string(),
        };
        return Err(ToolError::invalid(format!(
            "attachment {index} of {message} ({name}) cannot be downloaded here: {hint}"
        )));
    };
    let mime = a.content_type.clone().unwrap_or_else(|| "application/octet-stream".into());
    let bytes = api::media_download(&g, resource).await.map_err(chat_error)?;
    let saved = ctx.files.save(&name, &mime, &bytes).await?;
    let out = format!(
        "Saved attachment {index} of {message}.\nFile name: {name}\nType: {mime}\nSize: {} bytes\nLocation: {}\n",
        bytes.len(),
        saved.location()
    );
    Ok(ToolOutput::with_files(out, vec![saved]))
}
