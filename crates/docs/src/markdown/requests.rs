//! Docs blocks laid out as the requests of ONE `documents.batchUpdate` that inserts them at an
//! index of a tab. Every index is in UTF-16 units. The order is what makes the arithmetic
//! simple:
//!
//! 1. `insertText` of every paragraph's text at once. A list item starts with one tab per
//!    nesting level (createParagraphBullets reads the depth from them). Where a table or a page
//!    break goes, the paragraph before it is left without its newline: Google inserts one in
//!    front of every table and after every page break, and that newline ends the paragraph.
//! 2. Styles the inserted text would inherit from the paragraph it went into are reset (when
//!    that paragraph has any).
//! 3. Tables and page breaks, last first, so each goes in at an index of the text as inserted
//!    (nothing before it has moved yet); each table is filled cell by cell, last cell first,
//!    at indices of the empty table (1 unit for the table, per row 1, per cell 1 plus its "\n").
//! 4. Headings and text styles at the document's final indices.
//! 5. Bullets, last list first: createParagraphBullets removes the leading tabs, which moves
//!    everything after the list, and nothing after it is styled later.
//!
//! One batchUpdate is always enough: Google documents no cap on the requests of a batch, and
//! the cap that does exist (a document holds about 1.02 million characters) is the caller's to
//! check against `Plan::units`.

use serde_json::{Value, json};

use super::{Block, CODE_FONT, Inline, Mark, MarkStyle, Para, ParaKind};
use crate::utf16;

/// Where the Markdown goes.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// None: the document's first tab.
    pub tab_id: Option<&'a str>,
    /// An index inside a paragraph, normally just before its newline.
    pub index: usize,
    /// The paragraph at `index` already has text before it: start on a new paragraph.
    pub after_text: bool,
    /// The paragraph at `index` has a style, bullet or text style the new paragraphs would
    /// inherit: clear them first (three more requests).
    pub reset: bool,
}

/// The requests, and what they add.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub requests: Vec<Value>,
    /// How many units the tab grows by (after createParagraphBullets took the leading tabs out).
    pub units: usize,
    pub paragraphs: usize,
    pub headings: usize,
    pub list_items: usize,
    pub tables: usize,
    pub page_breaks: usize,
}

/// Every text style the inserted text could inherit and Markdown does not set.
const RESET_TEXT_FIELDS: &str = "bold,italic,underline,strikethrough,smallCaps,baselineOffset,link,weightedFontFamily,foregroundColor,backgroundColor";

struct Placed<'a> {
    /// Final index of the paragraph's first unit (its leading tabs included).
    start: usize,
    tabs: usize,
    para: &'a Para,
}

enum Insert<'a> {
    Table { at: usize, rows: &'a [Vec<Inline>], columns: usize },
    PageBreak { at: usize },
}

fn location(index: usize, tab: Option<&str>) -> Value {
    let mut l = json!({"index": index});
    if let Some(t) = tab {
        l["tabId"] = json!(t);
    }
    l
}

fn range(start: usize, end: usize, tab: Option<&str>) -> Value {
    let mut r = json!({"startIndex": start, "endIndex": end});
    if let Some(t) = tab {
        r["tabId"] = json!(t);
    }
    r
}

fn columns(rows: &[Vec<Inline>]) -> usize {
    rows.iter().map(Vec::len).max().unwrap_or(0).max(1)
}

/// The cell at `(r, c)`, empty where a short row has none.
fn cell(rows: &[Vec<Inline>], r: usize, c: usize) -> &Inline {
    static EMPTY: Inline = Inline { text: String::new(), marks: Vec::new() };
    rows.get(r).and_then(|row| row.get(c)).unwrap_or(&EMPTY)
}

/// A filled table starting at `start`: its size and each cell's text start, row by row.
fn table_layout(rows: &[Vec<Inline>], cols: usize, start: usize) -> (usize, Vec<usize>) {
    let mut pos = start + 1;
    let mut cells = Vec::new();
    for r in 0..rows.len() {
        pos += 1;
        for c in 0..cols {
            let text_start = pos + 1;
            cells.push(text_start);
            pos = text_start + utf16::len(&cell(rows, r, c).text) + 1;
        }
    }
    (pos - start, cells)
}

/// The requests that insert `blocks` at `at`.
pub fn plan(blocks: &[Block], at: Target<'_>) -> Plan {
    let tab = at.tab_id;
    let mut out = Plan::default();
    let mut text = String::new();
    let mut units = 0;
    // Units tables and page breaks add before the current point once they are in.
    let mut shift = 0;
    if at.after_text {
        text.push('\n');
        units = 1;
    }
    let lead = units;
    let mut open = false;
    let mut placed = Vec::new();
    let mut inserts = Vec::new();
    let mut cells: Vec<(usize, &Inline)> = Vec::new();
    for block in blocks {
        match block {
            Block::Para(p) => {
                if open {
                    text.push('\n');
                    units += 1;
                }
                let tabs = match p.kind {
                    ParaKind::Item { level, .. } => level as usize,
                    _ => 0,
                };
                placed.push(Placed { start: at.index + units + shift, tabs, para: p });
                text.extend(std::iter::repeat_n('\t', tabs));
                text.push_str(&p.inline.text);
                units += tabs + utf16::len(&p.inline.text);
                open = true;
            }
            Block::Table(rows) if !rows.is_empty() => {
                let loc = at.index + units;
                let cols = columns(rows);
                let (size, starts) = table_layout(rows, cols, loc + shift + 1);
                for (i, s) in starts.into_iter().enumerate() {
                    cells.push((s, cell(rows, i / cols, i % cols)));
                }
                inserts.push(Insert::Table { at: loc, rows, columns: cols });
                shift += 1 + size;
                open = false;
                out.tables += 1;
            }
            Block::Table(_) => {}
            Block::PageBreak => {
                inserts.push(Insert::PageBreak { at: at.index + units });
                shift += 2;
                open = false;
                out.page_breaks += 1;
            }
        }
    }
    let reqs = &mut out.requests;
    if !text.is_empty() {
        reqs.push(json!({"insertText": {"location": location(at.index, tab), "text": text}}));
    }
    if at.reset && units > lead {
        let r = range(at.index + lead, at.index + units, tab);
        reqs.push(json!({"updateTextStyle": {"range": r, "textStyle": {}, "fields": RESET_TEXT_FIELDS}}));
        reqs.push(json!({"updateParagraphStyle": {
            "range": r, "paragraphStyle": {"namedStyleType": "NORMAL_TEXT"}, "fields": "namedStyleType"}}));
        reqs.push(json!({"deleteParagraphBullets": {"range": r}}));
    }
    for insert in inserts.iter().rev() {
        match insert {
            Insert::Table { at: loc, rows, columns } => {
                reqs.push(
                    json!({"insertTable": {"rows": rows.len(), "columns": columns, "location": location(*loc, tab)}}),
                );
                // In the empty table: the table at loc + 1, row r at loc + 2 + r * (1 + 2 * columns),
                // and each cell is its own unit and its "\n".
                for r in (0..rows.len()).rev() {
                    for c in (0..*columns).rev() {
                        let t = &cell(rows, r, c).text;
                        if !t.is_empty() {
                            let index = loc + 4 + r * (1 + 2 * columns) + 2 * c;
                            reqs.push(json!({"insertText": {"location": location(index, tab), "text": t}}));
                        }
                    }
                }
            }
            Insert::PageBreak { at: loc } => {
                reqs.push(json!({"insertPageBreak": {"location": location(*loc, tab)}}));
            }
        }
    }
    for p in &placed {
        let len = utf16::len(&p.para.inline.text);
        let text_start = p.start + p.tabs;
        match p.para.kind {
            ParaKind::Heading(n) => {
                out.headings += 1;
                reqs.push(json!({"updateParagraphStyle": {
                    "range": range(p.start, text_start + len.max(1), tab),
                    "paragraphStyle": {"namedStyleType": format!("HEADING_{n}")},
                    "fields": "namedStyleType"}}));
            }
            ParaKind::Code if len > 0 => reqs.push(text_style(text_start, text_start + len, &[MarkStyle::Code], tab)),
            ParaKind::Item { .. } => out.list_items += 1,
            _ => {}
        }
        mark_requests(&p.para.inline.marks, text_start, tab, reqs);
    }
    for (start, inline) in &cells {
        mark_requests(&inline.marks, *start, tab, reqs);
    }
    bullet_requests(&placed, tab, reqs);
    out.paragraphs = placed.len();
    let tabs: usize = placed.iter().map(|p| p.tabs).sum();
    out.units = units + shift - tabs;
    out
}

/// One updateTextStyle per distinct range, its marks' styles together.
fn mark_requests(marks: &[Mark], base: usize, tab: Option<&str>, reqs: &mut Vec<Value>) {
    let mut i = 0;
    while let Some(m) = marks.get(i) {
        let same: Vec<MarkStyle> =
            marks[i..].iter().take_while(|n| (n.start, n.end) == (m.start, m.end)).map(|n| n.style.clone()).collect();
        i += same.len();
        reqs.push(text_style(base + m.start, base + m.end, &same, tab));
    }
}

fn text_style(start: usize, end: usize, styles: &[MarkStyle], tab: Option<&str>) -> Value {
    let mut style = json!({});
    let mut fields = Vec::new();
    for s in styles {
        let (field, value) = match s {
            MarkStyle::Bold => ("bold", json!(true)),
            MarkStyle::Italic => ("italic", json!(true)),
            MarkStyle::Strike => ("strikethrough", json!(true)),
            MarkStyle::Code => ("weightedFontFamily", json!({"fontFamily": CODE_FONT})),
            MarkStyle::Link(url) => ("link", json!({"url": url})),
        };
        style[field] = value;
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    json!({"updateTextStyle": {"range": range(start, end, tab), "textStyle": style, "fields": fields.join(",")}})
}

/// createParagraphBullets per list, last list first. A list's kind is its first item's: Docs'
/// presets set every nesting level's glyphs at once.
fn bullet_requests(placed: &[Placed<'_>], tab: Option<&str>, reqs: &mut Vec<Value>) {
    let mut lists: Vec<&[Placed<'_>]> = Vec::new();
    let mut i = 0;
    while i < placed.len() {
        let ParaKind::Item { group, .. } = placed[i].para.kind else {
            i += 1;
            continue;
        };
        let n = placed[i..]
            .iter()
            .take_while(|p| matches!(p.para.kind, ParaKind::Item { group: g, .. } if g == group))
            .count();
        lists.push(&placed[i..i + n]);
        i += n;
    }
    for list in lists.iter().rev() {
        let (Some(first), Some(last)) = (list.first(), list.last()) else { continue };
        let ordered = matches!(first.para.kind, ParaKind::Item { ordered: true, .. });
        let end = last.start + last.tabs + utf16::len(&last.para.inline.text);
        let preset = if ordered { "NUMBERED_DECIMAL_ALPHA_ROMAN" } else { "BULLET_DISC_CIRCLE_SQUARE" };
        reqs.push(json!({"createParagraphBullets": {
            "range": range(first.start, end.max(first.start + 1), tab), "bulletPreset": preset}}));
    }
}

#[cfg(test)]
#[path = "requests_tests.rs"]
mod tests;
