//! The text and structure inside Office Open XML files (.docx paragraphs with heading
//! and list styles and hyperlinks, .xlsx sheets with shared strings, .pptx slides in
//! order), for fullText search and for converting uploads to Google types.

use std::io::{Cursor, Read};

use super::content::{Block, BlockKind, Sheet, Slide, plain};
use super::office::{DOCX, PPTX, XLSX};
use super::xml::{Token, tokens};

/// No part of an uploaded Office file is read beyond this (a zip bomb stays harmless).
const MAX_PART: u64 = 16 * 1024 * 1024;

/// One part of a zip as text, if present and not absurdly large.
fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let file = archive.by_name(name).ok()?;
    let mut text = String::new();
    file.take(MAX_PART).read_to_string(&mut text).ok()?;
    Some(text)
}

fn open(bytes: &[u8]) -> Option<zip::ZipArchive<Cursor<&[u8]>>> {
    zip::ZipArchive::new(Cursor::new(bytes)).ok()
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// The paragraphs of a .docx (`HeadingN`/`Title`/list styles kept; hyperlinks inline).
pub fn read_docx(bytes: &[u8]) -> Option<Vec<Block>> {
    let mut archive = open(bytes)?;
    let document = read_part(&mut archive, "word/document.xml")?;
    let rels = read_part(&mut archive, "word/_rels/document.xml.rels").unwrap_or_default();
    let targets: Vec<(String, String)> =
        tokens(&rels).iter().filter_map(|t| Some((t.attr("Id")?.to_string(), t.attr("Target")?.to_string()))).collect();
    let mut blocks = Vec::new();
    let mut kind = BlockKind::Paragraph;
    let mut text = String::new();
    let mut link: Option<(String, usize)> = None;
    let mut in_text = false;
    for token in tokens(&document) {
        match &token {
            Token::Open { name, self_closing, .. } => match local(name) {
                "p" if !self_closing => {
                    kind = BlockKind::Paragraph;
                    text.clear();
                }
                "pStyle" => kind = style_kind(token.attr("w:val").unwrap_or("")),
                "numPr" => kind = BlockKind::Bullet,
                "t" if !self_closing => in_text = true,
                "tab" => text.push('\t'),
                "br" => text.push('\n'),
                "hyperlink" if !self_closing => {
                    let url =
                        token.attr("r:id").and_then(|id| targets.iter().find(|(i, _)| i == id).map(|(_, t)| t.clone()));
                    link = url.map(|u| (u, text.len()));
                }
                _ => {}
            },
            Token::Close { name } => match local(name) {
                "t" => in_text = false,
                "hyperlink" => {
                    if let Some((url, start)) = link.take() {
                        let label = text.split_off(start.min(text.len()));
                        text.push_str(&format!("[{label}]({url})"));
                    }
                }
                "p" => blocks.push(Block { kind, text: std::mem::take(&mut text) }),
                _ => {}
            },
            Token::Text(t) if in_text => text.push_str(t),
            Token::Text(_) => {}
        }
    }
    Some(blocks)
}

fn style_kind(style: &str) -> BlockKind {
    let lower = style.to_ascii_lowercase();
    if lower == "title" {
        return BlockKind::Title;
    }
    if let Some(level) = lower.strip_prefix("heading").and_then(|n| n.trim().parse::<u8>().ok()) {
        return BlockKind::Heading(level.clamp(1, 6));
    }
    if lower.contains("list") || lower.contains("bullet") {
        return BlockKind::Bullet;
    }
    BlockKind::Paragraph
}

/// The sheets of a .xlsx with their cell text (shared and inline strings, numbers).
pub fn read_xlsx(bytes: &[u8]) -> Option<Vec<Sheet>> {
    let mut archive = open(bytes)?;
    let workbook = read_part(&mut archive, "xl/workbook.xml")?;
    let rels = read_part(&mut archive, "xl/_rels/workbook.xml.rels").unwrap_or_default();
    let shared = read_part(&mut archive, "xl/sharedStrings.xml").map(|x| shared_strings(&x)).unwrap_or_default();
    let targets: Vec<(String, String)> =
        tokens(&rels).iter().filter_map(|t| Some((t.attr("Id")?.to_string(), t.attr("Target")?.to_string()))).collect();
    let mut sheets = Vec::new();
    for token in tokens(&workbook) {
        let Token::Open { name, .. } = &token else {
            continue;
        };
        if local(name) != "sheet" {
            continue;
        }
        let title = token.attr("name").unwrap_or("Sheet").to_string();
        let target = token
            .attr("r:id")
            .and_then(|id| targets.iter().find(|(i, _)| i == id))
            .map(|(_, t)| t.trim_start_matches('/').trim_start_matches("xl/").to_string());
        let Some(target) = target else { continue };
        let xml = read_part(&mut archive, &format!("xl/{target}")).unwrap_or_default();
        sheets.push(Sheet { title, rows: sheet_rows(&xml, &shared) });
    }
    Some(sheets)
}

fn shared_strings(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    for token in tokens(xml) {
        match &token {
            Token::Open { name, .. } if local(name) == "si" => current = Some(String::new()),
            Token::Open { name, self_closing, .. } if local(name) == "t" && !self_closing => in_text = true,
            Token::Close { name } if local(name) == "t" => in_text = false,
            Token::Close { name } if local(name) == "si" => out.extend(current.take()),
            Token::Text(t) if in_text => {
                if let Some(c) = current.as_mut() {
                    c.push_str(t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Column index of a cell reference like `C7`.
fn column_index(reference: &str) -> usize {
    reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .fold(0usize, |acc, c| acc * 26 + usize::from(c.to_ascii_uppercase() as u8 - b'A') + 1)
        .saturating_sub(1)
}

fn sheet_rows(xml: &str, shared: &[String]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<(usize, String)> = None;
    let mut value = String::new();
    let mut in_value = false;
    for token in tokens(xml) {
        match &token {
            Token::Open { name, self_closing, .. } => match local(name) {
                "row" if !self_closing => rows.push(Vec::new()),
                "c" => {
                    let col = token.attr("r").map_or_else(|| rows.last().map_or(0, Vec::len), column_index);
                    cell = Some((col, token.attr("t").unwrap_or("n").to_string()));
                    value.clear();
                }
                "v" | "t" if !self_closing => in_value = true,
                _ => {}
            },
            Token::Close { name } => match local(name) {
                "v" | "t" => in_value = false,
                "c" => {
                    if let (Some((col, kind)), Some(row)) = (cell.take(), rows.last_mut()) {
                        let text = if kind == "s" {
                            value.trim().parse::<usize>().ok().and_then(|i| shared.get(i).cloned()).unwrap_or_default()
                        } else {
                            value.clone()
                        };
                        if row.len() <= col {
                            row.resize(col + 1, String::new());
                        }
                        if let Some(slot) = row.get_mut(col) {
                            *slot = text;
                        }
                    }
                }
                _ => {}
            },
            Token::Text(t) if in_value => value.push_str(t),
            Token::Text(_) => {}
        }
    }
    rows
}

/// The slides of a .pptx in presentation order, each as its paragraphs' text.
pub fn read_pptx(bytes: &[u8]) -> Option<Vec<Slide>> {
    let mut archive = open(bytes)?;
    let presentation = read_part(&mut archive, "ppt/presentation.xml")?;
    let rels = read_part(&mut archive, "ppt/_rels/presentation.xml.rels").unwrap_or_default();
    let targets: Vec<(String, String)> =
        tokens(&rels).iter().filter_map(|t| Some((t.attr("Id")?.to_string(), t.attr("Target")?.to_string()))).collect();
    let mut slides = Vec::new();
    for token in tokens(&presentation) {
        let Token::Open { name, .. } = &token else {
            continue;
        };
        if local(name) != "sldId" {
            continue;
        }
        let Some(target) = token
            .attr("r:id")
            .and_then(|id| targets.iter().find(|(i, _)| i == id))
            .map(|(_, t)| t.trim_start_matches('/').trim_start_matches("ppt/").to_string())
        else {
            continue;
        };
        let xml = read_part(&mut archive, &format!("ppt/{target}")).unwrap_or_default();
        slides.push(Slide { lines: slide_lines(&xml) });
    }
    Some(slides)
}

fn slide_lines(xml: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line: Option<String> = None;
    let mut in_text = false;
    for token in tokens(xml) {
        match &token {
            Token::Open { name, self_closing, .. } => match local(name) {
                "p" if !self_closing => line = Some(String::new()),
                "t" if !self_closing => in_text = true,
                _ => {}
            },
            Token::Close { name } => match local(name) {
                "t" => in_text = false,
                "p" => {
                    if let Some(l) = line.take().filter(|l| !l.trim().is_empty()) {
                        lines.push(l);
                    }
                }
                _ => {}
            },
            Token::Text(t) if in_text => {
                if let Some(l) = line.as_mut() {
                    l.push_str(t);
                }
            }
            Token::Text(_) => {}
        }
    }
    lines
}

/// All text of an Office file, for `fullText` search.
pub fn text_of(mime: &str, bytes: &[u8]) -> Option<String> {
    match mime {
        DOCX => read_docx(bytes).map(|b| b.iter().map(|b| plain(&b.text)).collect::<Vec<_>>().join("\n")),
        XLSX => read_xlsx(bytes)
            .map(|s| s.iter().flat_map(|s| s.rows.iter().map(|r| r.join(" "))).collect::<Vec<_>>().join("\n")),
        PPTX => read_pptx(bytes).map(|s| s.iter().flat_map(|s| s.lines.clone()).collect::<Vec<_>>().join("\n")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_references() {
        assert_eq!(column_index("AB3"), 27);
        assert_eq!(column_index("A1"), 0);
        assert!(read_docx(b"not a zip").is_none());
        assert!(read_xlsx(&[]).is_none());
    }
}
