//! Creating: create_drive_file (bytes stored as they are) and create_drive_folder. The
//! converting imports live in `import`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{DriveOptions, opt, required};
use crate::api;
use crate::formats::{self, FOLDER};
use crate::render;
use crate::sources::{self, Given, Origin, Source};
use crate::upload::{self, Target};
use crate::wire::{File, FileMetadata};

pub(crate) const CREATED_FIELDS: &str = "id, name, mimeType, size, parents, webViewLink, driveId";

pub(crate) fn root() -> String {
    "root".into()
}

// Arguments of `create_drive_file`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateDriveFileParams {
    /// Name of the new file, e.g. "notes.txt".
    pub file_name: String,
    /// Text to store in the file (UTF-8).
    pub content: Option<String>,
    /// Parent folder id; "root" is My Drive. In a shared drive, a folder id of that drive.
    #[serde(default = "root")]
    pub folder_id: String,
    /// The file's MIME type. Default: from content_mime_type, the URL's Content-Type or the
    /// file name's extension, else text/plain for content. Google types are refused here:
    /// use the import_to_google_* tools to convert.
    pub mime_type: Option<String>,
    /// Fetch the content from this http(s) URL (public hosts only, or this server's own
    /// download links). file:// URLs read a local file where local file access is enabled.
    #[serde(rename = "fileUrl")]
    pub file_url: Option<String>,
    /// The file's bytes as standard base64.
    pub base64_content: Option<String>,
    /// MIME type of base64_content (e.g. "image/png").
    pub content_mime_type: Option<String>,
    /// SHA-256 (hex) of the decoded base64_content; checked before uploading.
    pub base64_sha256: Option<String>,
}

pub fn create_drive_file(opts: Arc<DriveOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_drive_file",
            title: "Create Drive File",
            description: "Create a file in Drive (shared drives too) from text (content), base64 bytes \
                (base64_content) or a URL (fileUrl). The bytes are stored as they are; to convert into Google \
                Docs, Sheets or Slides use the import_to_google_* tools. Large content is uploaded in resumable chunks.",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::DRIVE_FILE],
        },
        move |ctx, p| create_file(ctx, opts.clone(), p),
    )
}

async fn create_file(ctx: ToolCtx, opts: Arc<DriveOptions>, p: CreateDriveFileParams) -> Result<ToolOutput, ToolError> {
    let name = required(&p.file_name, "file_name")?;
    let folder = required(&p.folder_id, "folder_id")?;
    let mime = opt(&p.mime_type).map(str::to_ascii_lowercase);
    let content_mime = opt(&p.content_mime_type).map(str::to_ascii_lowercase);
    let given = Given {
        content: p.content.as_deref(),
        base64: p.base64_content.as_deref(),
        base64_sha256: opt(&p.base64_sha256),
        file_path: None,
        url: opt(&p.file_url),
        url_param: "fileUrl",
    };
    given.check(&opts)?;
    if content_mime.is_some() && given.base64.is_none() {
        return Err(ToolError::invalid(
            "content_mime_type describes base64_content; pass base64_content with it, or use mime_type",
        ));
    }
    if mime.as_deref() == Some(FOLDER) {
        if given.count() > 0 {
            return Err(ToolError::invalid(
                "a folder has no content; drop content/base64_content/fileUrl, or use create_drive_folder",
            ));
        }
        let g = ctx.google().await?;
        let created = folder_create(&g, name, folder).await?;
        return Ok(ToolOutput::text(created_text("folder", &created, folder)));
    }
    if let Some(m) = mime.iter().chain(content_mime.iter()).find(|m| formats::is_google(m)) {
        return Err(ToolError::invalid(format!(
            "create_drive_file stores bytes as they are and cannot make a {m} file; use import_to_google_doc, \
             import_to_google_sheets or import_to_google_slides to convert"
        )));
    }
    if given.count() == 0 {
        return Err(ToolError::invalid("give the file's content: content (text), base64_content (bytes) or fileUrl"));
    }
    let source = sources::resolve(&ctx, &opts, &given).await?.ok_or_else(|| ToolError::invalid("no content given"))?;
    let mime = mime.or(content_mime).unwrap_or_else(|| default_mime(name, &source));
    let meta = FileMetadata {
        name: Some(name.to_string()),
        mime_type: Some(mime.clone()),
        parents: Some(vec![folder.to_string()]),
        ..Default::default()
    };
    let g = ctx.google().await?;
    let created = upload::upload(&g, Target::Create, &meta, &source.media, &mime, CREATED_FIELDS, opts.upload).await?;
    let mut out = created_text("file", &created, folder);
    out.push_str(&format!(
        "Uploaded {} from {}{}.\n",
        render::size(source.media.len()),
        source.label,
        how(&opts, &source)
    ));
    Ok(ToolOutput::text(out))
}

/// The MIME type of new content nobody named: the URL's, the name's, or plain text.
fn default_mime(name: &str, source: &Source) -> String {
    let by_name =
        |n: &str| Some(formats::guess_mime(n)).filter(|m| *m != "application/octet-stream").map(str::to_string);
    match source.origin {
        Origin::Content => by_name(name).filter(|m| formats::is_text(m)).unwrap_or_else(|| "text/plain".into()),
        _ => source
            .served_mime
            .clone()
            .or_else(|| by_name(name))
            .or_else(|| source.name_hint.as_deref().and_then(by_name))
            .unwrap_or_else(|| "application/octet-stream".into()),
    }
}

fn how(opts: &DriveOptions, source: &Source) -> &'static str {
    if source.media.len() > opts.upload.resumable_above { " (resumable upload)" } else { "" }
}

fn created_text(what: &str, f: &File, folder: &str) -> String {
    format!(
        "Created {what} \"{}\" (id: {}) in folder {folder}.\nType: {}\nLink: {}\n",
        f.name(),
        f.id(),
        formats::kind_name(f.mime()),
        f.web_view_link.as_deref().unwrap_or("none")
    )
}

async fn folder_create(g: &wsmcp_core::google::GoogleCtx, name: &str, parent: &str) -> Result<File, ToolError> {
    let meta = FileMetadata {
        name: Some(name.to_string()),
        mime_type: Some(FOLDER.to_string()),
        parents: Some(vec![parent.to_string()]),
        ..Default::default()
    };
    Ok(api::files_create(g, &meta, CREATED_FIELDS).await?)
}

// Arguments of `create_drive_folder`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateDriveFolderParams {
    /// Name of the new folder.
    pub folder_name: String,
    /// Parent folder id; "root" is My Drive. In a shared drive, a folder id of that drive
    /// (or the drive's id for its top level).
    #[serde(default = "root")]
    pub parent_folder_id: String,
}

pub fn create_drive_folder() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_drive_folder",
            title: "Create Drive Folder",
            description: "Create a folder in My Drive or in a shared drive, inside parent_folder_id.",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::DRIVE_FILE],
        },
        create_folder,
    )
}

async fn create_folder(ctx: ToolCtx, p: CreateDriveFolderParams) -> Result<ToolOutput, ToolError> {
    let name = required(&p.folder_name, "folder_name")?;
    let parent = required(&p.parent_folder_id, "parent_folder_id")?;
    let g = ctx.google().await?;
    let created = folder_create(&g, name, parent).await?;
    Ok(ToolOutput::text(created_text("folder", &created, parent)))
}
