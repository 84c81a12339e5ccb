//! download_keep_attachment: an attachment's bytes, saved by the server and linked (images
//! small enough are also shown inline).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::{InlineImage, ToolMeta};
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{given, nonblank, note_arg};
use crate::api;

// Arguments of `download_keep_attachment`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct DownloadKeepAttachmentParams {
    /// The note holding the attachment (notes/...).
    pub note_id: String,
    /// The attachment, as get_keep_note lists it (notes/.../attachments/...) or its last part.
    pub attachment_id: String,
    /// One of the types get_keep_note lists for the attachment; default its first.
    pub mime_type: Option<String>,
}

pub fn download_keep_attachment() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "download_keep_attachment",
            title: "Download Keep Attachment",
            description: "Download an attachment of a Keep note (an image or recording) and save it: returns a \
                download URL (HTTP) or file path (stdio); small images are also shown inline.",
            service: Service::Keep,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::KEEP_READONLY],
        },
        download,
    )
}

async fn download(ctx: ToolCtx, p: DownloadKeepAttachmentParams) -> Result<ToolOutput, ToolError> {
    let note = note_arg(&p.note_id)?;
    let wanted = nonblank(&p.attachment_id, "attachment_id")?;
    let g = ctx.google().await?;
    // The note says which attachments exist and in which types Keep serves them.
    let n = api::notes_get(&g, &note).await?;
    let found = n.attachments.iter().find(|a| a.name == wanted || a.name.rsplit('/').next() == Some(wanted));
    let Some(att) = found else {
        let names: Vec<&str> = n.attachments.iter().map(|a| a.name.as_str()).collect();
        return Err(ToolError::invalid(format!(
            "note {note} has no attachment '{wanted}'; its attachments: {}",
            if names.is_empty() { "none".to_string() } else { names.join(", ") }
        )));
    };
    let mime = match given(p.mime_type.as_deref()) {
        Some(m) if att.mime_type.iter().any(|t| t == m) => m.to_string(),
        Some(m) => {
            return Err(ToolError::invalid(format!(
                "Keep serves {} as {}, not '{m}'",
                att.name,
                att.mime_type.join(" or ")
            )));
        }
        None => att.mime_type.first().cloned().unwrap_or_else(|| "application/octet-stream".into()),
    };
    let bytes = api::media_download(&g, &att.name, &mime).await?;
    let file_name = format!("{}{}", att.name.rsplit('/').next().unwrap_or("attachment"), extension(&mime));
    let saved = ctx.files.save(&file_name, &mime, &bytes).await?;
    let text = format!(
        "Saved attachment {} of note {note}.\nType: {mime}\nSize: {} bytes\nLocation: {}\n",
        att.name,
        bytes.len(),
        saved.location()
    );
    let mut out = ToolOutput::with_files(text, vec![saved]);
    out.images.extend(InlineImage::within_cap(&mime, &bytes));
    Ok(out)
}

/// A file extension for the types Keep attachments come in.
fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "audio/3gpp" => ".3gp",
        "audio/amr-wb" => ".amr",
        "audio/mpeg" => ".mp3",
        _ => "",
    }
}
