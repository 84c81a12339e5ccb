//! What a file holds: bytes for a binary, or structure for a Google-native type (a
//! document's paragraphs, a spreadsheet's sheets, a presentation's slides), and the text
//! renderings Drive's export produces from that structure.

use bytes::Bytes;

use super::xml::escape;

/// The content of one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Folders and empty (metadata-only) files.
    None,
    /// Cheap to clone: copies of a file share its bytes.
    Bytes(Bytes),
    Document(Vec<Block>),
    Spreadsheet(Vec<Sheet>),
    Presentation(Vec<Slide>),
}

impl Content {
    /// The byte size Drive reports (`size`), for binaries only.
    pub fn byte_len(&self) -> Option<u64> {
        match self {
            Content::Bytes(b) => u64::try_from(b.len()).ok(),
            _ => None,
        }
    }

    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Content::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

/// The paragraph style of a document block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Heading(u8),
    Paragraph,
    Bullet,
}

/// One paragraph of a Google Doc. Links are kept inline as `[label](url)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

impl Block {
    pub fn new(kind: BlockKind, text: &str) -> Self {
        Self { kind, text: text.to_string() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub title: String,
    pub rows: Vec<Vec<String>>,
}

/// One slide: its text boxes' lines, the title first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub lines: Vec<String>,
}

/// Split inline `[label](url)` links out of a paragraph: `(text, Some(url))` for a link.
pub fn spans(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let url_part = &after[close + 2..];
            let end = url_part.find(')')?;
            Some((&after[..close], &url_part[..end], &url_part[end + 1..]))
        });
        match link {
            Some((label, url, tail)) if !label.contains('[') => {
                if open > 0 {
                    out.push((rest[..open].to_string(), None));
                }
                out.push((label.to_string(), Some(url.to_string())));
                rest = tail;
            }
            _ => {
                out.push((rest[..=open].to_string(), None));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push((rest.to_string(), None));
    }
    out
}

/// The paragraph as plain text (links reduced to their labels).
pub fn plain(text: &str) -> String {
    spans(text).into_iter().map(|(t, _)| t).collect()
}

/// Docs' `text/plain` export: a UTF-8 byte order mark, then one line per paragraph with
/// CRLF line ends; bullets start with `* `.
pub fn doc_plain(blocks: &[Block]) -> String {
    let mut out = String::from('\u{feff}');
    let lines: Vec<String> = blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Bullet => format!("* {}", plain(&b.text)),
            _ => plain(&b.text),
        })
        .collect();
    out.push_str(&lines.join("\r\n"));
    out
}

/// Docs' `text/markdown` export: `#` headings, `*` bullets, inline links.
pub fn doc_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<BlockKind> = None;
    for block in blocks {
        if let Some(prev) = previous {
            let both_bullets = prev == BlockKind::Bullet && block.kind == BlockKind::Bullet;
            out.push_str(if both_bullets { "\n" } else { "\n\n" });
        }
        match block.kind {
            BlockKind::Title => out.push_str(&format!("# {}", block.text)),
            BlockKind::Heading(level) => {
                let hashes = "#".repeat(usize::from(level.clamp(1, 6)));
                out.push_str(&format!("{hashes} {}", block.text));
            }
            BlockKind::Paragraph => out.push_str(&block.text),
            BlockKind::Bullet => out.push_str(&format!("* {}", block.text)),
        }
        previous = Some(block.kind);
    }
    out.push('\n');
    out
}

fn inline_html(text: &str) -> String {
    spans(text)
        .into_iter()
        .map(|(t, link)| match link {
            Some(url) => format!("<a href=\"{}\">{}</a>", escape(&url), escape(&t)),
            None => escape(&t),
        })
        .collect()
}

/// Docs' `text/html` export: one self-contained page.
pub fn doc_html(title: &str, blocks: &[Block]) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for block in blocks {
        if block.kind == BlockKind::Bullet && !in_list {
            body.push_str("<ul>");
            in_list = true;
        } else if block.kind != BlockKind::Bullet && in_list {
            body.push_str("</ul>");
            in_list = false;
        }
        let inner = inline_html(&block.text);
        match block.kind {
            BlockKind::Title => body.push_str(&format!("<p class=\"title\">{inner}</p>")),
            BlockKind::Heading(level) => {
                let level = level.clamp(1, 6);
                body.push_str(&format!("<h{level}>{inner}</h{level}>"));
            }
            BlockKind::Paragraph => body.push_str(&format!("<p>{inner}</p>")),
            BlockKind::Bullet => body.push_str(&format!("<li>{inner}</li>")),
        }
    }
    if in_list {
        body.push_str("</ul>");
    }
    format!(
        "<html><head><meta content=\"text/html; charset=UTF-8\" http-equiv=\"content-type\">\
         <title>{}</title></head><body>{body}</body></html>",
        escape(title)
    )
}

/// A sheet as CSV (`sep` = `,`) or TSV (`sep` = `\t`), CRLF-free like Sheets' export.
pub fn sheet_delimited(sheet: &Sheet, sep: char) -> String {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::new();
    for row in &sheet.rows {
        let cells: Vec<String> = (0..width)
            .map(|i| {
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                if sep == ',' && cell.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else if sep == '\t' {
                    cell.replace(['\t', '\n'], " ")
                } else {
                    cell.to_string()
                }
            })
            .collect();
        out.push(cells.join(&sep.to_string()));
    }
    out.join("\n")
}

/// Slides' `text/plain` export: each slide's lines, slides separated by a blank line.
pub fn slides_plain(slides: &[Slide]) -> String {
    slides.iter().map(|s| s.lines.join("\n")).collect::<Vec<_>>().join("\n\n")
}

/// Lines for a PDF rendering of any native type.
pub fn pdf_lines(content: &Content) -> Vec<String> {
    match content {
        Content::Document(blocks) => blocks.iter().map(|b| plain(&b.text)).collect(),
        Content::Spreadsheet(sheets) => {
            sheets.first().map(|s| s.rows.iter().map(|r| r.join(" | ")).collect()).unwrap_or_default()
        }
        Content::Presentation(slides) => slides.iter().flat_map(|s| s.lines.clone()).collect(),
        Content::None | Content::Bytes(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_split_and_render() {
        let s = spans("See [the plan](https://x.example/p) now [not a link");
        assert_eq!(s.len(), 4);
        assert_eq!(s[1], ("the plan".into(), Some("https://x.example/p".into())));
        assert_eq!(plain("a [b](c) d"), "a b d");
        let blocks = vec![
            Block::new(BlockKind::Heading(1), "Plan"),
            Block::new(BlockKind::Bullet, "one"),
            Block::new(BlockKind::Bullet, "[two](https://t.example)"),
            Block::new(BlockKind::Paragraph, "end"),
        ];
        assert_eq!(doc_plain(&blocks), "\u{feff}Plan\r\n* one\r\n* two\r\nend");
        assert_eq!(doc_markdown(&blocks), "# Plan\n\n* one\n* [two](https://t.example)\n\nend\n");
        let html = doc_html("T", &blocks);
        assert!(html.contains("<ul><li>one</li><li><a href=\"https://t.example\">two</a></li></ul><p>end</p>"));
    }

    #[test]
    fn csv_quotes_when_needed() {
        let sheet = Sheet { title: "S".into(), rows: vec![vec!["a,b".into(), "c\"d".into()], vec!["1".into()]] };
        assert_eq!(sheet_delimited(&sheet, ','), "\"a,b\",\"c\"\"d\"\n1,");
    }
}
