//! Reading files: get_drive_file_content (text for the model: Google files exported,
//! Office and PDF files extracted, text decoded; anything else saved and linked) and
//! get_drive_file_download_url (the file itself, saved, exported first for Google types).

use std::sync::Arc;

use bytes::Bytes;
use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::pdf::{PdfTextOutcome, is_pdf};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{DriveOptions, required, resolve_item};
use crate::api;
use crate::formats::{self, DOC, ExportFormat, FOLDER, PDF, SHEET, SLIDES};
use crate::office::{OfficeKind, extract};
use crate::render;
use crate::wire::File;

/// Most characters of text returned inline; longer text is cut, and the whole text is
/// saved as a file and linked.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Largest file downloaded to read its text (25 MiB); larger ones are only linked to.
pub const MAX_READ_BYTES: u64 = 25 * 1024 * 1024;

const CONTENT_FIELDS: &str = "id, name, mimeType, size, webViewLink, driveId, shortcutDetails, exportLinks";

// Arguments of `get_drive_file_content`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetDriveFileContentParams {
    /// The Drive file id (a shortcut is followed to its target).
    pub file_id: String,
}

pub fn get_drive_file_content(opts: Arc<DriveOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_drive_file_content",
            title: "Get Drive File Content",
            description: "Read a file's text: Google Docs as Markdown (or plain text), Sheets as CSV, Slides as text, \
                .docx/.xlsx/.pptx and PDF text extracted, text and JSON files as they are. Scanned or encrypted \
                PDFs, images and other binaries are saved and linked instead (small images also shown). Long text \
                is cut at 100,000 characters, with a link to all of it.",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        move |ctx, p| content(ctx, opts.clone(), p),
    )
}

async fn content(ctx: ToolCtx, opts: Arc<DriveOptions>, p: GetDriveFileContentParams) -> Result<ToolOutput, ToolError> {
    let id = required(&p.file_id, "file_id")?;
    let g = ctx.google().await?;
    let file = resolve_item(&g, id, CONTENT_FIELDS).await?;
    let mime = file.mime().to_string();
    let header = format!(
        "File: \"{}\" (id: {}, type: {})\nLink: {}\n",
        file.name(),
        file.id(),
        formats::kind_name(&mime),
        file.web_view_link.as_deref().unwrap_or("none")
    );
    if mime == FOLDER {
        return Err(ToolError::invalid(format!("{} is a folder; list its contents with list_drive_items", file.id())));
    }
    if let Some((export, note)) = text_export(&file) {
        let bytes = api::files_export(&g, file.id(), export).await?;
        let text = String::from_utf8_lossy(&bytes);
        return inline_text(&ctx, &file, header, note, &text, export).await;
    }
    if formats::is_google(&mime) {
        return Err(ToolError::invalid(format!(
            "\"{}\" is a {mime} file, which has no text export; open it at {}",
            file.name(),
            file.web_view_link.as_deref().unwrap_or("drive.google.com")
        )));
    }
    if let Some(size) = file.size_bytes().filter(|s| *s > MAX_READ_BYTES) {
        return Ok(ToolOutput::text(format!(
            "{header}\nThis file is {} ({size} bytes), over the {} read here; it was not downloaded. \
             Use get_drive_file_download_url to save the whole file.",
            render::size(size),
            render::size(MAX_READ_BYTES)
        )));
    }
    let bytes = api::files_get_media(&g, file.id()).await?;
    if let Some(kind) = OfficeKind::of(&mime) {
        let max = opts.max_office_xml_bytes;
        let extracted = tokio::task::spawn_blocking(move || extract(&bytes, kind, max))
            .await
            .map_err(|e| ToolError::Internal(format!("office extraction stopped: {e}")))?;
        return match extracted {
            Ok(text) => {
                inline_text(
                    &ctx,
                    &file,
                    header,
                    "Text extracted from the Office file (formatting dropped).",
                    &text,
                    "text/plain",
                )
                .await
            }
            Err(e) => Ok(ToolOutput::text(format!(
                "{header}\nCould not read the text of this {} file: {e}. get_drive_file_download_url saves the file itself.",
                formats::extension(file.name()).unwrap_or_else(|| "Office".into())
            ))),
        };
    }
    if is_pdf(&mime, file.name()) {
        return pdf_content(&ctx, &opts, &file, header, bytes).await;
    }
    if (formats::is_text(&mime) || (mime == "application/octet-stream" && looks_textual(&bytes)))
        && let Ok(text) = std::str::from_utf8(&bytes)
    {
        return inline_text(&ctx, &file, header, "", text, &mime).await;
    }
    // Binary: saved and linked; a small image in a common format is also shown inline.
    let saved = ctx.files.save(file.name(), &mime, &bytes).await?;
    let image = wsmcp_core::tool::InlineImage::within_cap(&mime, &bytes);
    let why = if image.is_some() {
        "The image is shown below and saved."
    } else if mime.starts_with("image/") {
        "This image is too large (or of a type clients do not show) to inline; it is saved for a client that can show it."
    } else {
        "This is a binary file; it is saved rather than shown."
    };
    let text = format!("{header}\n{why}\nSize: {}\nSaved: {}\n", render::size(bytes.len() as u64), saved.location());
    Ok(ToolOutput { images: image.into_iter().collect(), ..ToolOutput::with_files(text, vec![saved]) })
}

/// A PDF's text inline; when it has none (a scan, a password, a damaged file), the PDF is
/// saved and linked with the reason.
async fn pdf_content(
    ctx: &ToolCtx,
    opts: &DriveOptions,
    file: &File,
    header: String,
    bytes: Bytes,
) -> Result<ToolOutput, ToolError> {
    let outcome = opts.pdf.read(bytes.clone()).await;
    let why = match outcome {
        PdfTextOutcome::Text(report) => {
            return inline_text(ctx, file, header, &report.note(), &report.text, "text/plain").await;
        }
        other => other.reason().unwrap_or_default(),
    };
    let saved = ctx.files.save(file.name(), PDF, &bytes).await?;
    let text = format!(
        "{header}\n{why} The PDF is saved for a client or tool that can read it.\nSize: {}\nSaved: {}\n",
        render::size(bytes.len() as u64),
        saved.location()
    );
    Ok(ToolOutput::with_files(text, vec![saved]))
}

/// The text export of a Google file and a note about it: Docs as Markdown when Drive
/// offers it (else plain text), Sheets as CSV, Slides as plain text.
fn text_export(file: &File) -> Option<(&'static str, &'static str)> {
    match file.mime() {
        DOC if file.export_links.contains_key("text/markdown") => Some(("text/markdown", "Exported as Markdown.")),
        DOC => Some(("text/plain", "Exported as plain text.")),
        SHEET => Some(("text/csv", "Exported as CSV; Drive's CSV export holds the first sheet only.")),
        SLIDES => Some(("text/plain", "Exported as plain text.")),
        _ => None,
    }
}

/// Bytes with no NULs in their first kilobytes, as text files have.
fn looks_textual(bytes: &[u8]) -> bool {
    !bytes.iter().take(8192).any(|b| *b == 0)
}

/// Text inline, cut at [`MAX_TEXT_CHARS`]; when cut, the whole text is saved and linked.
async fn inline_text(
    ctx: &ToolCtx,
    file: &File,
    header: String,
    note: &str,
    text: &str,
    mime: &str,
) -> Result<ToolOutput, ToolError> {
    let (shown, cut) = render::cap(text, MAX_TEXT_CHARS);
    let mut out = header;
    if !note.is_empty() {
        out.push_str(note);
        out.push('\n');
    }
    out.push_str("\n--- CONTENT ---\n");
    out.push_str(shown);
    let mut files = Vec::new();
    if let Some(cut) = cut {
        let ext = match mime {
            "text/markdown" => "md",
            "text/csv" => "csv",
            _ => "txt",
        };
        let name = format!("{}.{ext}", formats::strip_known_extension(file.name()));
        let saved = ctx.files.save(&name, mime, text.as_bytes()).await?;
        out.push_str(&format!(
            "\n--- CUT: {cut} more characters not shown (limit {MAX_TEXT_CHARS}). The whole text is saved at {} ; \
             get_drive_file_download_url gives the original file. ---\n",
            saved.location()
        ));
        files.push(saved);
    }
    Ok(ToolOutput::with_files(out, files))
}

// Arguments of `get_drive_file_download_url`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetDriveFileDownloadUrlParams {
    /// The Drive file id (a shortcut is followed to its target).
    pub file_id: String,
    /// For Google files only: Docs "pdf" (default) or "docx"; Sheets "xlsx" (default),
    /// "pdf" or "csv"; Slides "pdf" (default) or "pptx". Other files download as they are.
    pub export_format: Option<ExportFormat>,
}

pub fn get_drive_file_download_url() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_drive_file_download_url",
            title: "Get Drive File Download URL",
            description: "Download a file and save it on this server: returns a download URL (HTTP, valid for an \
                hour) or a local path (stdio); a stateless server (WORKSPACE_MCP_STATELESS_MODE) returns the file \
                itself as an embedded resource, up to WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES (10 MiB by \
                default). Google Docs/Sheets/Slides are exported first (PDF, DOCX, XLSX, CSV or PPTX).",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        download_url,
    )
}

async fn download_url(ctx: ToolCtx, p: GetDriveFileDownloadUrlParams) -> Result<ToolOutput, ToolError> {
    let id = required(&p.file_id, "file_id")?;
    let g = ctx.google().await?;
    let file = resolve_item(&g, id, CONTENT_FIELDS).await?;
    let (bytes, name, mime, note) = download(&g, &file, p.export_format).await?;
    let saved = ctx.files.save(&name, &mime, &bytes).await?;
    let mut out = format!(
        "Saved \"{}\" (id: {}).\nFile name: {name}\nType: {mime}\nSize: {} ({} bytes)\nLocation: {}\n",
        file.name(),
        file.id(),
        render::size(bytes.len() as u64),
        bytes.len(),
        saved.location()
    );
    if saved.url.is_some() {
        out.push_str("The download URL expires after an hour.\n");
    }
    if let Some(n) = note {
        out.push_str(&n);
        out.push('\n');
    }
    Ok(ToolOutput::with_files(out, vec![saved]))
}

/// The bytes to save, their file name and type, and a note for the caller.
async fn download(
    g: &GoogleCtx,
    file: &File,
    wanted: Option<ExportFormat>,
) -> Result<(Bytes, String, String, Option<String>), ToolError> {
    let mime = file.mime();
    if mime == FOLDER {
        return Err(ToolError::invalid(format!(
            "{} is a folder; folders cannot be downloaded (list_drive_items lists them)",
            file.id()
        )));
    }
    let Some(choices) = formats::exports_for(mime) else {
        if formats::is_google(mime) {
            return Err(ToolError::invalid(format!("\"{}\" ({mime}) cannot be downloaded or exported", file.name())));
        }
        let note = wanted.map(|_| {
            "export_format only applies to Google Docs, Sheets and Slides; the file is saved as it is.".to_string()
        });
        let bytes = api::files_get_media(g, file.id()).await?;
        return Ok((bytes, file.name().to_string(), mime.to_string(), note));
    };
    let format = match wanted {
        None => choices.first().copied().unwrap_or(ExportFormat::Pdf),
        Some(f) if choices.contains(&f) => f,
        Some(f) => {
            let names: Vec<&str> = choices.iter().map(|c| c.ext()).collect();
            return Err(ToolError::invalid(format!(
                "a {} cannot be exported as {}; choose {}",
                formats::kind_name(mime),
                f.ext(),
                names.join(", ")
            )));
        }
    };
    let bytes = api::files_export(g, file.id(), format.mime()).await?;
    let name = format!("{}.{}", file.name(), format.ext());
    let note = format!("Exported from {} to {}.", formats::kind_name(mime), format.ext().to_uppercase());
    Ok((bytes, name, format.mime().to_string(), Some(note)))
}
