//! The import_to_google_* tools: an upload whose metadata names the Google type, so Drive
//! converts the source (Markdown, DOCX, CSV, PPTX, ...) on the way in.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::create::{CREATED_FIELDS, root};
use super::{DriveOptions, opt, required};
use crate::formats::{self, DOC, SHEET, SLIDES, SourceFormat};
use crate::render;
use crate::sources::{self, Given};
use crate::upload::{self, Target};
use crate::wire::FileMetadata;

/// One import target: the Google type and the formats it converts from.
struct Import {
    target: &'static str,
    label: &'static str,
    id_label: &'static str,
    sources: &'static [SourceFormat],
    /// The format of `content` when nothing says otherwise.
    content_default: Option<&'static str>,
}

const DOCS: Import = Import {
    target: DOC,
    label: "Google Doc",
    id_label: "Document ID",
    sources: formats::DOC_SOURCES,
    content_default: Some("txt"),
};
const SHEETS: Import = Import {
    target: SHEET,
    label: "Google Sheet",
    id_label: "Spreadsheet ID",
    sources: formats::SHEET_SOURCES,
    content_default: Some("csv"),
};
const DECKS: Import = Import {
    target: SLIDES,
    label: "Google Slides presentation",
    id_label: "Presentation ID",
    sources: formats::SLIDES_SOURCES,
    content_default: None,
};

/// The arguments every import shares.
struct ImportArgs<'a> {
    file_name: &'a str,
    folder_id: &'a str,
    source_format: Option<&'static str>,
    given: Given<'a>,
}

/// The source format: named, else from the file name's extension, else (after reading)
/// from the source's own name or type, else the default for text content.
fn pick_format(spec: &Import, named: Option<&str>, file_name: &str) -> Result<Option<SourceFormat>, ToolError> {
    if let Some(n) = named {
        return Ok(formats::find_source(spec.sources, n));
    }
    let Some(ext) = formats::extension(file_name) else { return Ok(None) };
    if let Some(f) = formats::find_source(spec.sources, &ext) {
        return Ok(Some(f));
    }
    let elsewhere = [formats::DOC_SOURCES, formats::SHEET_SOURCES, formats::SLIDES_SOURCES]
        .iter()
        .any(|l| formats::find_source(l, &ext).is_some());
    if elsewhere {
        return Err(ToolError::invalid(format!(
            "a {} cannot be made from .{ext}; it imports {}. Pass source_format if the name misleads",
            spec.label,
            formats::source_names(spec.sources)
        )));
    }
    Ok(None)
}

async fn import(ctx: ToolCtx, opts: &DriveOptions, spec: &Import, a: ImportArgs<'_>) -> Result<ToolOutput, ToolError> {
    let name = required(a.file_name, "file_name")?;
    let folder = required(a.folder_id, "folder_id")?;
    a.given.check(opts)?;
    if a.given.count() == 0 {
        let text = if spec.content_default.is_some() { "content (text), " } else { "" };
        return Err(ToolError::invalid(format!("give the source: {text}base64_content, file_path or file_url")));
    }
    let mut format = pick_format(spec, a.source_format, name)?;
    if a.given.content.is_some() {
        let f = format.or_else(|| spec.content_default.and_then(|d| formats::find_source(spec.sources, d)));
        match f {
            Some(f) if !f.text => {
                return Err(ToolError::invalid(format!(
                    "content is text, but {} is a binary format; pass base64_content or file_path for it",
                    f.name
                )));
            }
            _ => format = f,
        }
    }
    let source = sources::resolve(&ctx, opts, &a.given).await?.ok_or_else(|| ToolError::invalid("no source given"))?;
    let format = format
        .or_else(|| {
            source
                .name_hint
                .as_deref()
                .and_then(formats::extension)
                .and_then(|e| formats::find_source(spec.sources, &e))
        })
        .or_else(|| source.served_mime.as_deref().and_then(|m| spec.sources.iter().copied().find(|s| s.mime == m)))
        .ok_or_else(|| {
            ToolError::invalid(format!(
                "cannot tell the source format from \"{name}\"; pass source_format ({})",
                formats::source_names(spec.sources)
            ))
        })?;
    let title = formats::strip_known_extension(name).trim();
    let meta = FileMetadata {
        name: Some(title.to_string()),
        mime_type: Some(spec.target.to_string()),
        parents: Some(vec![folder.to_string()]),
        ..Default::default()
    };
    let g = ctx.google().await?;
    let created =
        upload::upload(&g, Target::Create, &meta, &source.media, format.mime, CREATED_FIELDS, opts.upload).await?;
    let mut out = format!(
        "Imported \"{}\" as a {}.\n{}: {}\nSource: {} ({}, {})\nFolder: {folder}\nLink: {}\n",
        created.name(),
        spec.label,
        spec.id_label,
        created.id(),
        source.label,
        format.mime,
        render::size(source.media.len()),
        created.web_view_link.as_deref().unwrap_or("none")
    );
    if created.mime_type.as_deref().is_some_and(|m| m != spec.target) {
        out.push_str(&format!(
            "Warning: Drive stored it as {} instead of converting it; check the source format.\n",
            created.mime()
        ));
    }
    Ok(ToolOutput::text(out))
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DocSource {
    Md,
    Markdown,
    Docx,
    Txt,
    Html,
    Rtf,
    Odt,
}

impl DocSource {
    fn name(self) -> &'static str {
        match self {
            DocSource::Md => "md",
            DocSource::Markdown => "markdown",
            DocSource::Docx => "docx",
            DocSource::Txt => "txt",
            DocSource::Html => "html",
            DocSource::Rtf => "rtf",
            DocSource::Odt => "odt",
        }
    }
}

// Arguments of `import_to_google_doc`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ImportToGoogleDocParams {
    /// Title of the new Doc; a format extension is dropped ("Notes.md" becomes "Notes") and,
    /// without source_format, tells the format of the source.
    pub file_name: String,
    /// The source as text (Markdown, plain text, HTML, RTF); for short content.
    pub content: Option<String>,
    /// A local file (path or file:// URL) to import: md, txt, html, rtf, docx, odt. Read in
    /// chunks as it is uploaded, so large files are fine. Only inside the allowed directories.
    pub file_path: Option<String>,
    /// An http(s) URL to fetch the source from.
    pub file_url: Option<String>,
    /// The source format; detected from the file name when omitted.
    pub source_format: Option<DocSource>,
    /// Parent folder id; "root" is My Drive.
    #[serde(default = "root")]
    pub folder_id: String,
    /// The source's bytes as standard base64 (for docx, odt).
    pub base64_content: Option<String>,
    /// SHA-256 (hex) of the decoded base64_content; checked before uploading.
    pub base64_sha256: Option<String>,
}

pub fn import_to_google_doc(opts: Arc<DriveOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "import_to_google_doc",
            title: "Import to Google Doc",
            description: "Create a Google Doc from Markdown, text, HTML, RTF, DOCX or ODT: Drive converts it on \
                upload, keeping headings, lists, tables and emphasis. Source from content, base64_content, a file \
                path or a URL.",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::DRIVE_FILE],
        },
        move |ctx, p: ImportToGoogleDocParams| {
            let opts = opts.clone();
            async move {
                let given = Given {
                    content: p.content.as_deref(),
                    base64: p.base64_content.as_deref(),
                    base64_sha256: opt(&p.base64_sha256),
                    file_path: opt(&p.file_path),
                    url: opt(&p.file_url),
                    url_param: "file_url",
                };
                let args = ImportArgs {
                    file_name: &p.file_name,
                    folder_id: &p.folder_id,
                    source_format: p.source_format.map(DocSource::name),
                    given,
                };
                import(ctx, &opts, &DOCS, args).await
            }
        },
    )
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SheetSource {
    Xlsx,
    Xls,
    Ods,
    Csv,
    Tsv,
}

impl SheetSource {
    fn name(self) -> &'static str {
        match self {
            SheetSource::Xlsx => "xlsx",
            SheetSource::Xls => "xls",
            SheetSource::Ods => "ods",
            SheetSource::Csv => "csv",
            SheetSource::Tsv => "tsv",
        }
    }
}

// Arguments of `import_to_google_sheets`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ImportToGoogleSheetsParams {
    /// Title of the new spreadsheet; a format extension is dropped ("Data.csv" becomes
    /// "Data") and, without source_format, tells the format of the source.
    pub file_name: String,
    /// The source as text (CSV or TSV); for short content.
    pub content: Option<String>,
    /// A local file (path or file:// URL) to import: xlsx, xls, ods, csv, tsv. Read in
    /// chunks as it is uploaded. Only inside the allowed directories.
    pub file_path: Option<String>,
    /// An http(s) URL to fetch the source from.
    pub file_url: Option<String>,
    /// The source format; detected from the file name when omitted.
    pub source_format: Option<SheetSource>,
    /// Parent folder id; "root" is My Drive.
    #[serde(default = "root")]
    pub folder_id: String,
    /// The source's bytes as standard base64 (for xlsx, xls, ods).
    pub base64_content: Option<String>,
    /// SHA-256 (hex) of the decoded base64_content; checked before uploading.
    pub base64_sha256: Option<String>,
}

pub fn import_to_google_sheets(opts: Arc<DriveOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "import_to_google_sheets",
            title: "Import to Google Sheets",
            description: "Create a Google Sheet from XLSX, XLS, ODS, CSV or TSV: Drive converts it on upload, \
                keeping sheets, rows and values. Source from content, base64_content, a file path or a URL.",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::DRIVE_FILE],
        },
        move |ctx, p: ImportToGoogleSheetsParams| {
            let opts = opts.clone();
            async move {
                let given = Given {
                    content: p.content.as_deref(),
                    base64: p.base64_content.as_deref(),
                    base64_sha256: opt(&p.base64_sha256),
                    file_path: opt(&p.file_path),
                    url: opt(&p.file_url),
                    url_param: "file_url",
                };
                let args = ImportArgs {
                    file_name: &p.file_name,
                    folder_id: &p.folder_id,
                    source_format: p.source_format.map(SheetSource::name),
                    given,
                };
                import(ctx, &opts, &SHEETS, args).await
            }
        },
    )
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SlidesSource {
    Pptx,
    Ppt,
    Odp,
}

impl SlidesSource {
    fn name(self) -> &'static str {
        match self {
            SlidesSource::Pptx => "pptx",
            SlidesSource::Ppt => "ppt",
            SlidesSource::Odp => "odp",
        }
    }
}

// Arguments of `import_to_google_slides`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ImportToGoogleSlidesParams {
    /// Title of the new presentation; a format extension is dropped ("Deck.pptx" becomes
    /// "Deck") and, without source_format, tells the format of the source.
    pub file_name: String,
    /// A local file (path or file:// URL) to import: pptx, ppt, odp. Read in chunks as it is
    /// uploaded. Only inside the allowed directories.
    pub file_path: Option<String>,
    /// An http(s) URL to fetch the presentation from.
    pub file_url: Option<String>,
    /// The source format; detected from the file name when omitted.
    pub source_format: Option<SlidesSource>,
    /// Parent folder id; "root" is My Drive.
    #[serde(default = "root")]
    pub folder_id: String,
    /// The source's bytes as standard base64.
    pub base64_content: Option<String>,
    /// SHA-256 (hex) of the decoded base64_content; checked before uploading.
    pub base64_sha256: Option<String>,
}

pub fn import_to_google_slides(opts: Arc<DriveOptions>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "import_to_google_slides",
            title: "Import to Google Slides",
            description: "Create a Google Slides presentation from PPTX, PPT or ODP: Drive converts it on upload. \
                Source from base64_content, a file path or a URL.",
            service: Service::Drive,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::DRIVE_FILE],
        },
        move |ctx, p: ImportToGoogleSlidesParams| {
            let opts = opts.clone();
            async move {
                let given = Given {
                    content: None,
                    base64: p.base64_content.as_deref(),
                    base64_sha256: opt(&p.base64_sha256),
                    file_path: opt(&p.file_path),
                    url: opt(&p.file_url),
                    url_param: "file_url",
                };
                let args = ImportArgs {
                    file_name: &p.file_name,
                    folder_id: &p.folder_id,
                    source_format: p.source_format.map(SlidesSource::name),
                    given,
                };
                import(ctx, &opts, &DECKS, args).await
            }
        },
    )
}
