//! Conversions between Google-native types and files: export (files.export) and import
//! (an upload whose metadata asks for a Google type), with Drive's format tables and its
//! errors for formats it does not convert.

use http::StatusCode;

use super::assets;
use super::content::{
    Block, BlockKind, Content, Sheet, doc_html, doc_markdown, doc_plain, pdf_lines, plain, sheet_delimited,
    slides_plain,
};
use super::error::DriveError;
use super::office::{self, DOCX, PPTX, XLSX};
use super::store::{DOCUMENT, DriveFile, PRESENTATION, SPREADSHEET};
use super::xml::{Token, tokens};

const ODT: &str = "application/vnd.oasis.opendocument.text";
const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";
const ODP: &str = "application/vnd.oasis.opendocument.presentation";

/// What each Google type exports to (About.exportFormats).
pub fn export_formats(native: &str) -> &'static [&'static str] {
    match native {
        DOCUMENT => &[
            "text/plain",
            "text/markdown",
            "text/x-markdown",
            "text/html",
            "application/pdf",
            DOCX,
            "application/rtf",
            ODT,
            "application/zip",
            "application/epub+zip",
        ],
        SPREADSHEET => &[
            "text/csv",
            "text/tab-separated-values",
            "application/pdf",
            XLSX,
            ODS,
            "application/x-vnd.oasis.opendocument.spreadsheet",
            "application/zip",
        ],
        PRESENTATION => &["text/plain", "application/pdf", PPTX, ODP, "image/png", "image/jpeg", "image/svg+xml"],
        "application/vnd.google-apps.drawing" => &["image/svg+xml", "image/png", "application/pdf", "image/jpeg"],
        _ => &[],
    }
}

/// What each file type converts to on upload (About.importFormats).
pub fn import_formats() -> Vec<(&'static str, &'static str)> {
    vec![
        ("text/plain", DOCUMENT),
        ("text/markdown", DOCUMENT),
        ("text/x-markdown", DOCUMENT),
        ("text/html", DOCUMENT),
        ("application/rtf", DOCUMENT),
        (DOCX, DOCUMENT),
        ("application/msword", DOCUMENT),
        (ODT, DOCUMENT),
        ("application/pdf", DOCUMENT),
        ("text/csv", SPREADSHEET),
        ("text/tab-separated-values", SPREADSHEET),
        (XLSX, SPREADSHEET),
        ("application/vnd.ms-excel", SPREADSHEET),
        (ODS, SPREADSHEET),
        (PPTX, PRESENTATION),
        ("application/vnd.ms-powerpoint", PRESENTATION),
        (ODP, PRESENTATION),
    ]
}

fn essence(mime: &str) -> String {
    mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn unsupported() -> DriveError {
    DriveError::bad_request("The requested conversion is not supported.").at("convertTo")
}

/// files.export: the bytes of `file` in `target`, or Drive's refusal.
pub fn export(file: &DriveFile, target: &str) -> Result<Vec<u8>, DriveError> {
    if !file.is_native() || file.is_folder() {
        return Err(DriveError::forbidden("fileNotExportable", "Export only supports Docs Editors files."));
    }
    let target = essence(target);
    if !export_formats(&file.mime_type).contains(&target.as_str()) {
        return Err(unsupported());
    }
    let bytes = match (&file.content, target.as_str()) {
        (Content::Document(b), "text/plain") => doc_plain(b).into_bytes(),
        (Content::Document(b), "text/markdown" | "text/x-markdown") => doc_markdown(b).into_bytes(),
        (Content::Document(b), "text/html") => doc_html(&file.name, b).into_bytes(),
        (Content::Document(b), DOCX) => office::docx(b),
        (Content::Document(b), "application/rtf") => rtf(b).into_bytes(),
        (Content::Spreadsheet(s), "text/csv") => first_sheet(s, ',').into_bytes(),
        (Content::Spreadsheet(s), "text/tab-separated-values") => first_sheet(s, '\t').into_bytes(),
        (Content::Spreadsheet(s), XLSX) => office::xlsx(s),
        (Content::Presentation(s), "text/plain") => slides_plain(s).into_bytes(),
        (Content::Presentation(s), PPTX) => office::pptx(s),
        (content, "application/pdf") => assets::pdf(&pdf_lines(content)),
        // An empty native file (created from metadata only) exports as empty text.
        (Content::None, t) if t.starts_with("text/") => Vec::new(),
        (_, other) => return Err(DriveError::not_emulated(&format!("export to {other}"))),
    };
    Ok(bytes)
}

fn first_sheet(sheets: &[Sheet], sep: char) -> String {
    sheets.first().map(|s| sheet_delimited(s, sep)).unwrap_or_default()
}

fn rtf(blocks: &[Block]) -> String {
    let mut out = String::from("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\n");
    for block in blocks {
        let mut text = String::new();
        for c in plain(&block.text).chars() {
            match c {
                '\\' | '{' | '}' => {
                    text.push('\\');
                    text.push(c);
                }
                c if c.is_ascii() => text.push(c),
                c => text.push_str(&format!("\\u{}?", i32::from(c as u16 as i16))),
            }
        }
        match block.kind {
            BlockKind::Title | BlockKind::Heading(_) => {
                out.push_str(&format!("{{\\b {text}}}\\par\n"));
            }
            BlockKind::Bullet => out.push_str(&format!("\\bullet  {text}\\par\n")),
            BlockKind::Paragraph => out.push_str(&format!("{text}\\par\n")),
        }
    }
    out.push('}');
    out
}

/// The Google type an upload of `source` converts to when the metadata asks for `target`;
/// Drive refuses pairs it has no converter for.
pub fn import(target: &str, source: &str, bytes: &[u8]) -> Result<Content, DriveError> {
    let source = essence(source);
    if !import_formats().iter().any(|(s, t)| *s == source && *t == target) {
        return Err(unsupported());
    }
    let text = || {
        let text = String::from_utf8_lossy(bytes);
        text.trim_start_matches('\u{feff}').to_string()
    };
    let malformed = || {
        DriveError::new(
            StatusCode::BAD_REQUEST,
            "badContent",
            format!("The uploaded {source} file could not be read for conversion."),
        )
    };
    Ok(match source.as_str() {
        "text/plain" => Content::Document(text().lines().map(|l| Block::new(BlockKind::Paragraph, l)).collect()),
        "text/markdown" | "text/x-markdown" => Content::Document(markdown_blocks(&text())),
        "text/html" => Content::Document(html_blocks(&text())),
        "application/pdf" => {
            Content::Document(assets::pdf_text(bytes).lines().map(|l| Block::new(BlockKind::Paragraph, l)).collect())
        }
        DOCX => Content::Document(office::read_docx(bytes).ok_or_else(malformed)?),
        "text/csv" => Content::Spreadsheet(vec![Sheet { title: "Sheet1".into(), rows: parse_delimited(&text(), ',') }]),
        "text/tab-separated-values" => {
            Content::Spreadsheet(vec![Sheet { title: "Sheet1".into(), rows: parse_delimited(&text(), '\t') }])
        }
        XLSX => Content::Spreadsheet(office::read_xlsx(bytes).ok_or_else(malformed)?),
        PPTX => Content::Presentation(office::read_pptx(bytes).ok_or_else(malformed)?),
        other => {
            return Err(DriveError::not_emulated(&format!("conversion from {other}")));
        }
    })
}

/// Headings (`#`), bullets (`-`, `*`, `+`) and paragraphs (consecutive lines joined).
pub fn markdown_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::new(BlockKind::Paragraph, &paragraph.join(" ")));
            paragraph.clear();
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && trimmed.chars().nth(hashes) == Some(' ') {
            flush(&mut paragraph, &mut blocks);
            let level = u8::try_from(hashes).unwrap_or(1);
            blocks.push(Block::new(BlockKind::Heading(level), trimmed.get(hashes + 1..).unwrap_or("").trim()));
        } else if let Some(item) = ["- ", "* ", "+ "].iter().find_map(|m| trimmed.strip_prefix(m)) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::new(BlockKind::Bullet, item.trim()));
        } else if trimmed.is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else {
            paragraph.push(trimmed);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

/// Blocks from HTML: headings, paragraphs, list items and links; scripts and styles dropped.
pub fn html_blocks(html: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut kind = BlockKind::Paragraph;
    let mut text = String::new();
    let mut link: Option<(String, usize)> = None;
    let mut skip = 0usize;
    let flush = |kind: BlockKind, text: &mut String, blocks: &mut Vec<Block>| {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            blocks.push(Block::new(kind, &collapsed));
        }
        text.clear();
    };
    for token in tokens(html) {
        match &token {
            Token::Open { name, self_closing, .. } => {
                let name = name.to_ascii_lowercase();
                match name.as_str() {
                    "script" | "style" | "head" if !self_closing => skip += 1,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        flush(kind, &mut text, &mut blocks);
                        let level = name.get(1..).and_then(|n| n.parse().ok()).unwrap_or(1);
                        kind = BlockKind::Heading(level);
                    }
                    "li" => {
                        flush(kind, &mut text, &mut blocks);
                        kind = BlockKind::Bullet;
                    }
                    "p" | "div" | "tr" | "br" | "ul" | "ol" | "table" => {
                        flush(kind, &mut text, &mut blocks);
                        kind = BlockKind::Paragraph;
                    }
                    "a" => link = token.attr("href").map(|h| (h.to_string(), text.len())),
                    "td" | "th" => text.push(' '),
                    _ => {}
                }
            }
            Token::Close { name } => {
                let name = name.to_ascii_lowercase();
                match name.as_str() {
                    "script" | "style" | "head" => skip = skip.saturating_sub(1),
                    "a" => {
                        if let Some((href, start)) = link.take() {
                            let label = text.split_off(start.min(text.len()));
                            let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
                            text.push_str(&format!(" [{label}]({href}) "));
                        }
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "p" | "div" => {
                        flush(kind, &mut text, &mut blocks);
                        kind = BlockKind::Paragraph;
                    }
                    _ => {}
                }
            }
            Token::Text(t) if skip == 0 => text.push_str(t),
            Token::Text(_) => {}
        }
    }
    flush(kind, &mut text, &mut blocks);
    for block in &mut blocks {
        // Spaces added around links are not part of the text.
        block.text = block.text.replace(" ]", "]").replace("[ ", "[");
    }
    blocks
}

/// CSV/TSV with RFC 4180 quoting.
pub fn parse_delimited(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                other => cell.push(other),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            c if c == sep => row.push(std::mem::take(&mut cell)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            other => cell.push(other),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A type for a name when the client sent `application/octet-stream` or nothing.
pub fn guess_mime(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "txt" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "zip" => "application/zip",
        "docx" => DOCX,
        "xlsx" => XLSX,
        "pptx" => PPTX,
        _ => return None,
    })
}

/// Lower-cased searchable text of a file: name, description, hints and content.
pub fn index_text(file: &DriveFile) -> String {
    let mut text = format!(
        "{}\n{}\n{}\n",
        file.name,
        file.description.as_deref().unwrap_or(""),
        file.indexable_text.as_deref().unwrap_or("")
    );
    match &file.content {
        Content::Document(blocks) => {
            for b in blocks {
                text.push_str(&plain(&b.text));
                text.push('\n');
            }
        }
        Content::Spreadsheet(sheets) => {
            for s in sheets {
                text.push_str(&sheet_delimited(s, ' '));
                text.push('\n');
            }
        }
        Content::Presentation(slides) => text.push_str(&slides_plain(slides)),
        Content::Bytes(bytes) => {
            let mime = essence(&file.mime_type);
            if mime.starts_with("text/") || mime == "application/json" {
                let cap = bytes.len().min(1024 * 1024);
                text.push_str(&String::from_utf8_lossy(bytes.get(..cap).unwrap_or(&[])));
            } else if mime == "application/pdf" {
                text.push_str(&assets::pdf_text(bytes));
            } else if let Some(office_text) = office::text_of(&mime, bytes) {
                text.push_str(&office_text);
            }
        }
        Content::None => {}
    }
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_text_formats() {
        let md = markdown_blocks("# Plan\nline one\nline two\n\n- a\n* b\n");
        assert_eq!(md.len(), 4);
        assert_eq!(md[0], Block::new(BlockKind::Heading(1), "Plan"));
        assert_eq!(md[1].text, "line one line two");
        assert_eq!(md[3].kind, BlockKind::Bullet);
        let html = html_blocks(
            "<html><head><title>x</title></head><body><h2>Goals</h2><p>See <a href=\"https://e.example\">the doc</a> now</p><ul><li>one</li></ul><script>bad()</script></body></html>",
        );
        assert_eq!(html[0], Block::new(BlockKind::Heading(2), "Goals"));
        assert_eq!(html[1].text, "See [the doc](https://e.example) now");
        assert_eq!(html[2], Block::new(BlockKind::Bullet, "one"));
        assert_eq!(html.len(), 3);
        assert_eq!(
            parse_delimited("a,\"b,c\",\"d\"\"e\"\r\n1,2,3\n", ','),
            vec![vec!["a", "b,c", "d\"e"], vec!["1", "2", "3"]]
        );
        assert!(import(DOCUMENT, "text/csv", b"a,b").is_err());
        assert!(matches!(import(SPREADSHEET, "text/csv; charset=utf-8", b"a,b"), Ok(Content::Spreadsheet(_))));
        assert_eq!(guess_mime("Report.PDF"), Some("application/pdf"));
    }
}
