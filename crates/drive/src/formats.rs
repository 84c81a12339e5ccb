//! MIME types Drive tools reason about: Google's native types, what each can be exported
//! to or imported from, and a file name's likely type. Pure data and lookups.

use schemars::JsonSchema;
use serde::Deserialize;

pub const FOLDER: &str = "application/vnd.google-apps.folder";
pub const SHORTCUT: &str = "application/vnd.google-apps.shortcut";
pub const DOC: &str = "application/vnd.google-apps.document";
pub const SHEET: &str = "application/vnd.google-apps.spreadsheet";
pub const SLIDES: &str = "application/vnd.google-apps.presentation";
pub const GOOGLE_PREFIX: &str = "application/vnd.google-apps.";

pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
pub const PDF: &str = "application/pdf";

/// Whether a MIME type is one of Google's own (Docs, Sheets, folders, shortcuts, ...).
pub fn is_google(mime: &str) -> bool {
    mime.starts_with(GOOGLE_PREFIX)
}

/// `file_type` shortcuts of search_drive_files / list_drive_items.
const FILE_TYPES: &[(&[&str], &str)] = &[
    (&["folder"], FOLDER),
    (&["document", "doc", "docs"], DOC),
    (&["spreadsheet", "sheet", "sheets"], SHEET),
    (&["presentation", "slides", "slide"], SLIDES),
    (&["form", "forms"], "application/vnd.google-apps.form"),
    (&["drawing"], "application/vnd.google-apps.drawing"),
    (&["pdf"], PDF),
    (&["shortcut"], SHORTCUT),
    (&["script"], "application/vnd.google-apps.script"),
    (&["site"], "application/vnd.google-apps.site"),
    (&["jam", "jamboard"], "application/vnd.google-apps.jam"),
];

/// The MIME type a `file_type` argument stands for: a friendly name or a MIME type as is.
pub fn file_type_mime(file_type: &str) -> Result<String, String> {
    let wanted = file_type.trim();
    let lower = wanted.to_ascii_lowercase();
    if let Some((_, mime)) = FILE_TYPES.iter().find(|(names, _)| names.contains(&lower.as_str())) {
        return Ok((*mime).to_string());
    }
    let well_formed = lower.split_once('/').is_some_and(|(t, s)| !t.is_empty() && !s.is_empty())
        && lower.chars().all(|c| c.is_ascii_alphanumeric() || "/.+-_".contains(c));
    if well_formed {
        return Ok(lower);
    }
    let names: Vec<&str> = FILE_TYPES.iter().map(|(n, _)| n[0]).collect();
    Err(format!(
        "file_type \"{wanted}\" is neither a known name ({}) nor a MIME type like \"application/pdf\"",
        names.join(", ")
    ))
}

/// The likely MIME type of a file name, from its extension.
pub fn guess_mime(name: &str) -> &'static str {
    let ext = extension(name).unwrap_or_default();
    match ext.as_str() {
        "txt" | "log" => "text/plain",
        "md" | "markdown" => "text/markdown",
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "yaml" | "yml" => "application/yaml",
        "rtf" => "application/rtf",
        "pdf" => PDF,
        "docx" => DOCX,
        "xlsx" => XLSX,
        "pptx" => PPTX,
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "ppt" => "application/vnd.ms-powerpoint",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "zip" => "application/zip",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// The lower-case extension of a file name, without the dot.
pub fn extension(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = base.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// Whether a MIME type holds text that can be shown as is.
pub fn is_text(mime: &str) -> bool {
    let essence = mime.split(';').next().unwrap_or(mime).trim().to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/json"
                | "application/xml"
                | "application/javascript"
                | "application/x-javascript"
                | "application/yaml"
                | "application/x-yaml"
                | "application/x-sh"
                | "application/sql"
                | "application/x-ndjson"
                | "application/rtf"
                | "application/vnd.google-apps.script+json"
        )
}

/// A source format of an import: the extension (or alias) and the MIME type sent to Drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceFormat {
    pub name: &'static str,
    pub mime: &'static str,
    /// Text formats may come from `content`; binary ones need bytes or a file.
    pub text: bool,
}

const fn f(name: &'static str, mime: &'static str, text: bool) -> SourceFormat {
    SourceFormat { name, mime, text }
}

pub const DOC_SOURCES: &[SourceFormat] = &[
    f("md", "text/markdown", true),
    f("markdown", "text/markdown", true),
    f("txt", "text/plain", true),
    f("html", "text/html", true),
    f("htm", "text/html", true),
    f("rtf", "application/rtf", true),
    f("docx", DOCX, false),
    f("odt", "application/vnd.oasis.opendocument.text", false),
    f("doc", "application/msword", false),
];

pub const SHEET_SOURCES: &[SourceFormat] = &[
    f("csv", "text/csv", true),
    f("tsv", "text/tab-separated-values", true),
    f("xlsx", XLSX, false),
    f("xls", "application/vnd.ms-excel", false),
    f("ods", "application/vnd.oasis.opendocument.spreadsheet", false),
];

pub const SLIDES_SOURCES: &[SourceFormat] = &[
    f("pptx", PPTX, false),
    f("ppt", "application/vnd.ms-powerpoint", false),
    f("odp", "application/vnd.oasis.opendocument.presentation", false),
];

/// The formats a Google type converts from, or `None` for types that take no content.
pub fn sources_for(google_mime: &str) -> Option<&'static [SourceFormat]> {
    match google_mime {
        DOC => Some(DOC_SOURCES),
        SHEET => Some(SHEET_SOURCES),
        SLIDES => Some(SLIDES_SOURCES),
        _ => None,
    }
}

/// Looks a format up by name among `sources`.
pub fn find_source(sources: &[SourceFormat], name: &str) -> Option<SourceFormat> {
    let name = name.trim().trim_start_matches('.').to_ascii_lowercase();
    sources.iter().copied().find(|s| s.name == name)
}

/// Names of the accepted formats, for messages.
pub fn source_names(sources: &[SourceFormat]) -> String {
    sources.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}

/// Formats `get_drive_file_download_url` can export Google files to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Pdf,
    Docx,
    Xlsx,
    Csv,
    Pptx,
}

impl ExportFormat {
    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Pdf => PDF,
            ExportFormat::Docx => DOCX,
            ExportFormat::Xlsx => XLSX,
            ExportFormat::Csv => "text/csv",
            ExportFormat::Pptx => PPTX,
        }
    }
    pub fn ext(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Docx => "docx",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Pptx => "pptx",
        }
    }
}

/// The export formats a Google type offers here, default first; `None` when it has none.
pub fn exports_for(google_mime: &str) -> Option<&'static [ExportFormat]> {
    match google_mime {
        DOC => Some(&[ExportFormat::Pdf, ExportFormat::Docx]),
        SHEET => Some(&[ExportFormat::Xlsx, ExportFormat::Pdf, ExportFormat::Csv]),
        SLIDES => Some(&[ExportFormat::Pdf, ExportFormat::Pptx]),
        _ => None,
    }
}

/// A short human name of a MIME type.
pub fn kind_name(mime: &str) -> &str {
    match mime {
        FOLDER => "folder",
        DOC => "Google Doc",
        SHEET => "Google Sheet",
        SLIDES => "Google Slides",
        SHORTCUT => "shortcut",
        other => other,
    }
}

/// `name` with its extension removed when the extension is a known document format
/// (an imported "Notes.md" becomes the Doc "Notes", but "v1.2 plan" stays whole).
pub fn strip_known_extension(name: &str) -> &str {
    let known =
        |ext: &str| [DOC_SOURCES, SHEET_SOURCES, SLIDES_SOURCES].iter().any(|list| list.iter().any(|s| s.name == ext));
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.trim().is_empty() && known(&ext.to_ascii_lowercase()) => stem,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_types() {
        assert_eq!(file_type_mime("Folder").unwrap(), FOLDER);
        assert_eq!(file_type_mime("sheet").unwrap(), SHEET);
        assert_eq!(file_type_mime("jamboard").unwrap(), "application/vnd.google-apps.jam");
        assert_eq!(file_type_mime("application/PDF").unwrap(), "application/pdf");
        let e = file_type_mime("spreadsheets'").unwrap_err();
        assert!(e.contains("folder, document"), "{e}");
        assert!(file_type_mime("a/b' or 1=1").is_err(), "quotes cannot reach the query");
    }

    #[test]
    fn names_and_types() {
        assert_eq!(guess_mime("Report.DOCX"), DOCX);
        assert_eq!(guess_mime("noext"), "application/octet-stream");
        assert_eq!(extension(".env"), None);
        assert_eq!(strip_known_extension("Notes.md"), "Notes");
        assert_eq!(strip_known_extension("v1.2 plan"), "v1.2 plan");
        assert_eq!(strip_known_extension(".md"), ".md");
        assert!(is_text("text/csv; charset=utf-8") && is_text("application/ld+json") && !is_text(PDF));
        assert_eq!(find_source(DOC_SOURCES, ".MD").map(|s| s.mime), Some("text/markdown"));
        assert_eq!(exports_for(SHEET).map(|e| e[0]), Some(ExportFormat::Xlsx));
    }
}
