//! Downloading attachments: get_gmail_attachment_content. The bytes go to the server's file
//! store and the caller gets a link; base64 only on request, since megabytes of it in the
//! model's context help nobody. A PDF's text comes inline as well (read in a child process,
//! see `wsmcp_core::pdf`), since "summarise the attached PDF" is why most PDFs are fetched.

use std::sync::Arc;

use bytes::Bytes;
use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::files::SavedFile;
use wsmcp_core::pdf::{PdfTextOutcome, is_pdf};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use crate::api::{self, Format};
use crate::mime::{decode_base64url, encode_standard};
use crate::render::{self, AttachmentInfo};

use super::GmailOptions;

/// Most characters of a PDF's text shown in the reply; the whole text is saved when longer.
pub const MAX_TEXT_CHARS: usize = 100_000;

// Arguments of `get_gmail_attachment_content`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetGmailAttachmentContentParams {
    /// The id of the message holding the attachment.
    pub message_id: String,
    /// The attachment id from the message content listing.
    pub attachment_id: String,
    /// Also return the bytes as standard base64 in the reply (for clients that can reach
    /// neither the download URL nor the file path). That base64 can be passed as
    /// `content` to send_gmail_message / draft_gmail_message.
    #[serde(default)]
    pub return_base64: bool,
    /// The attachment's 0-based position in the message content listing. Gmail's
    /// attachment ids change between fetches; with the index the current id, file name and
    /// type are looked up first.
    pub attachment_index: Option<u32>,
}

pub fn get_gmail_attachment_content(options: Arc<GmailOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_gmail_attachment_content",
            title: "Get Gmail Attachment Content",
            description: "Download an attachment of a message and save it: returns a download URL (HTTP) or a \
                file path (stdio), with the file name, type and size, and for a PDF its text (up to 100,000 \
                characters). Pass attachment_index to survive Gmail's changing attachment ids.",
            service: Service::Gmail,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            scopes: &[scope::GMAIL_READONLY],
        },
        move |ctx, p| get_attachment(ctx, options.clone(), p),
    )
}

async fn get_attachment(
    ctx: ToolCtx,
    options: Arc<GmailOptions>,
    p: GetGmailAttachmentContentParams,
) -> Result<ToolOutput, ToolError> {
    let message_id = super::required(Some(&p.message_id), "message_id is required")?;
    let given_id = p.attachment_id.trim();
    if given_id.is_empty() && p.attachment_index.is_none() {
        return Err(ToolError::invalid("attachment_id is required (or pass attachment_index)"));
    }
    let g = ctx.google().await?;
    let msg = api::users_messages_get(&g, message_id, Format::Full).await?;
    let list = render::attachments(msg.payload.as_ref());
    let chosen: Option<&AttachmentInfo> = match p.attachment_index {
        Some(i) => Some(list.get(i as usize).ok_or_else(|| {
            ToolError::invalid(format!(
                "attachment_index {i} is out of range: message {message_id} has {} attachment(s){}",
                list.len(),
                if list.is_empty() { String::new() } else { format!(" (indexes 0-{})", list.len() - 1) }
            ))
        })?),
        None => list.iter().find(|a| a.attachment_id.as_deref() == Some(given_id)),
    };
    let (bytes, filename, mime_type) = match chosen {
        Some(a) => (
            download(&g, message_id, a.attachment_id.as_deref(), a.inline_data.as_deref()).await?,
            a.filename.clone(),
            a.mime_type.clone(),
        ),
        // The id may be stale or from another listing; Gmail still serves it when valid.
        None => {
            let bytes = download(&g, message_id, Some(given_id), None).await?;
            (bytes, "attachment.bin".to_string(), "application/octet-stream".to_string())
        }
    };
    let saved = ctx.files.save(&filename, &mime_type, &bytes).await?;
    let mut out = format!(
        "Saved attachment from message {message_id}.\nFile name: {filename}\nType: {mime_type}\nSize: {}\nLocation: {}\n",
        render::size(bytes.len() as u64),
        saved.location()
    );
    if chosen.is_none() {
        out.push_str(
            "Note: this attachment id is not in the message's current listing, so the file name and type are unknown; \
             pass attachment_index to get them.\n",
        );
    }
    let mut files = vec![saved];
    if is_pdf(&mime_type, &filename) || bytes.starts_with(b"%PDF-") {
        pdf_text(&ctx, &options, &filename, bytes.clone(), &mut out, &mut files).await?;
    }
    if p.return_base64 {
        out.push_str(&format!("\nBase64 (standard alphabet):\n{}\n", encode_standard(&bytes)));
    }
    Ok(ToolOutput::with_files(out, files))
}

/// Appends a PDF's text (cut at [`MAX_TEXT_CHARS`], the whole text saved as well) or why it
/// has none.
async fn pdf_text(
    ctx: &ToolCtx,
    options: &GmailOptions,
    filename: &str,
    bytes: Vec<u8>,
    out: &mut String,
    files: &mut Vec<SavedFile>,
) -> Result<(), ToolError> {
    let report = match options.pdf.read(Bytes::from(bytes)).await {
        PdfTextOutcome::Text(report) => report,
        other => {
            out.push_str(&format!("\n{}\n", other.reason().unwrap_or_default()));
            return Ok(());
        }
    };
    out.push_str(&format!("\n{}\n--- PDF TEXT ---\n", report.note()));
    let (shown, cut) = cap_chars(&report.text, MAX_TEXT_CHARS);
    out.push_str(shown);
    out.push('\n');
    if let Some(cut) = cut {
        let stem = filename.strip_suffix(".pdf").or_else(|| filename.strip_suffix(".PDF")).unwrap_or(filename);
        let saved = ctx.files.save(&format!("{stem}.txt"), "text/plain", report.text.as_bytes()).await?;
        out.push_str(&format!(
            "--- CUT: {cut} more characters not shown (limit {MAX_TEXT_CHARS}); the whole text is saved at {} ---\n",
            saved.location()
        ));
        files.push(saved);
    }
    Ok(())
}

/// The first `max` characters of `text` and how many were left out.
fn cap_chars(text: &str, max: usize) -> (&str, Option<usize>) {
    match text.char_indices().nth(max) {
        None => (text, None),
        Some((end, _)) => (text.get(..end).unwrap_or(text), Some(text[end..].chars().count())),
    }
}

/// The bytes of one attachment: inline data when Gmail sent it with the message, else
/// `attachments.get`.
pub(crate) async fn download(
    g: &wsmcp_core::google::GoogleCtx,
    message_id: &str,
    attachment_id: Option<&str>,
    inline_data: Option<&str>,
) -> Result<Vec<u8>, ToolError> {
    if let Some(bytes) = inline_data.and_then(decode_base64url) {
        return Ok(bytes);
    }
    let id = attachment_id.ok_or_else(|| ToolError::Internal("the attachment has neither data nor an id".into()))?;
    let body = api::users_messages_attachments_get(g, message_id, id).await?;
    body.data.as_deref().and_then(decode_base64url).ok_or_else(|| {
        ToolError::Internal(format!("Gmail returned no readable data for attachment {id} of message {message_id}"))
    })
}
