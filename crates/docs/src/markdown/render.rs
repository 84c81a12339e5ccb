//! A document tab (read with `includeTabsContent`) written as Markdown: TITLE and HEADING_n as
//! `#` headings, runs as emphasis, strikethrough, code (a monospace font) and links, list items
//! indented four spaces per level and numbered or bulleted by the glyphs of their list, tables
//! as pipe tables (first row as header), images as `![alt](contentUri)`, page breaks and
//! horizontal rules as `---`, paragraphs set wholly in a monospace font as fenced code.
//! Empty paragraphs are spacing in Docs and are left out.

use std::collections::BTreeMap;

use serde_json::Value;

use super::comments::Placer;
use super::inline::{Marks, Piece, escape, escape_line_start, markdown};
use super::is_code_font;
use crate::read::para_text;
use crate::wire::{DocumentTab, Paragraph, StructuralElement, Table};

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Follow text in an explicit RGB colour with `[color: #rrggbb]`.
    pub include_colors: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Item,
    Code,
}

/// A rendered block and the comment notes that go after it (after its list or code block).
struct Out {
    kind: Kind,
    /// A list item's Docs list: items of different lists are kept apart by a blank line.
    list: Option<String>,
    text: String,
    notes: Vec<String>,
}

struct Renderer<'a> {
    tab: &'a DocumentTab,
    opts: Options,
    comments: &'a mut Placer,
    out: Vec<Out>,
    /// Per list id, the item count at each nesting level so far.
    counters: BTreeMap<String, Vec<u64>>,
    /// The level of the list item just written, to keep nesting one step at a time.
    last_level: Option<u32>,
}

/// The colour Docs gives a link when the link is set.
const LINK_COLOR: &str = "#1155cc";

/// `#rrggbb` of a Docs `OptionalColor`, when it holds an RGB colour.
fn rgb(optional: &Value) -> Option<String> {
    let c = optional.pointer("/color/rgbColor")?.as_object()?;
    let part = |k: &str| {
        let v = c.get(k).and_then(Value::as_f64).unwrap_or(0.0).clamp(0.0, 1.0);
        (v * 255.0).round() as u8
    };
    Some(format!("#{:02x}{:02x}{:02x}", part("red"), part("green"), part("blue")))
}

/// Where a Docs link points: a URL, or a heading or bookmark of the document.
fn link_target(style: &Value) -> Option<String> {
    let link = style.get("link")?;
    if let Some(url) = link.get("url").and_then(Value::as_str) {
        return Some(url.to_string());
    }
    let id = |k: &str| link.get(format!("{k}Id")).or_else(|| link.pointer(&format!("/{k}/id"))).and_then(Value::as_str);
    id("heading").map(|h| format!("#heading={h}")).or_else(|| id("bookmark").map(|b| format!("#bookmark={b}")))
}

impl Renderer<'_> {
    fn marks(&self, style: &Value) -> Marks {
        let on = |k: &str| style.get(k).and_then(Value::as_bool).unwrap_or(false);
        let family = style.pointer("/weightedFontFamily/fontFamily").and_then(Value::as_str).unwrap_or("");
        Marks {
            // A link's own colour (Docs sets it with the link) says nothing.
            color: if self.opts.include_colors {
                style.get("foregroundColor").and_then(rgb).filter(|c| !(c == LINK_COLOR && style.get("link").is_some()))
            } else {
                None
            },
            link: link_target(style),
            bold: on("bold"),
            italic: on("italic"),
            strike: on("strikethrough"),
            code: is_code_font(family),
        }
    }

    fn image(&self, element: &Value) -> String {
        let id = element.get("inlineObjectId").and_then(Value::as_str).unwrap_or("");
        let object = self.tab.inline_objects.get(id);
        let embedded = object.and_then(|o| o.pointer("/inlineObjectProperties/embeddedObject"));
        let field = |k: &str| embedded.and_then(|e| e.get(k)).and_then(Value::as_str).unwrap_or("");
        let uri = embedded.and_then(|e| e.pointer("/imageProperties/contentUri")).and_then(Value::as_str).unwrap_or("");
        let alt = if field("description").is_empty() { field("title") } else { field("description") };
        format!("![{}]({uri})", escape(alt, false))
    }

    /// A paragraph's pieces, split where a page break or horizontal rule stands (`None`).
    fn pieces(&self, p: &Paragraph) -> Vec<Option<Vec<Piece>>> {
        let mut chunks = vec![Some(Vec::new())];
        let push = |piece: Piece, chunks: &mut Vec<Option<Vec<Piece>>>| {
            if let Some(Some(last)) = chunks.last_mut() {
                last.push(piece);
            } else {
                chunks.push(Some(vec![piece]));
            }
        };
        for e in &p.elements {
            if let Some(run) = &e.text_run {
                let text = run.content.strip_suffix('\n').unwrap_or(&run.content);
                if !text.is_empty() {
                    push(Piece::text(text, self.marks(&run.text_style)), &mut chunks);
                }
            } else if let Some(o) = &e.inline_object_element {
                push(Piece { text: self.image(o), marks: Marks::default(), literal: true }, &mut chunks);
            } else if e.page_break.is_some() || e.horizontal_rule.is_some() {
                chunks.push(None);
            } else if let Some(person) = e.person.as_ref().and_then(|p| p.get("personProperties")) {
                let email = person.get("email").and_then(Value::as_str).unwrap_or("");
                let name = person.get("name").and_then(Value::as_str).filter(|n| !n.is_empty()).unwrap_or(email);
                let marks = Marks { link: Some(format!("mailto:{email}")), ..Marks::default() };
                push(Piece::text(name, marks), &mut chunks);
            } else if let Some(link) = e.rich_link.as_ref().and_then(|l| l.get("richLinkProperties")) {
                let uri = link.get("uri").and_then(Value::as_str).unwrap_or("");
                let title = link.get("title").and_then(Value::as_str).filter(|t| !t.is_empty()).unwrap_or(uri);
                push(Piece::text(title, Marks { link: Some(uri.to_string()), ..Marks::default() }), &mut chunks);
            }
        }
        chunks
    }

    /// Whether every visible character of the paragraph is in a monospace font.
    fn is_code(&self, p: &Paragraph) -> bool {
        let runs: Vec<_> = p.elements.iter().filter_map(|e| e.text_run.as_ref()).collect();
        p.bullet.is_none()
            && runs.len() == p.elements.len()
            && runs.iter().any(|r| !r.content.trim().is_empty())
            && runs.iter().all(|r| r.content.trim().is_empty() || self.marks(&r.text_style).code)
    }

    fn heading(p: &Paragraph) -> Option<usize> {
        match p.paragraph_style.named_style_type.as_deref()? {
            "TITLE" => Some(1),
            "SUBTITLE" => Some(2),
            s => s.strip_prefix("HEADING_")?.parse().ok().filter(|n| (1..=6).contains(n)),
        }
    }

    /// `1.`, `2.` ... for a numbered level of its list, `-` for a bulleted one.
    fn marker(&mut self, list_id: &str, level: u32) -> String {
        let props =
            self.tab.lists.get(list_id).and_then(|l| l.pointer(&format!("/listProperties/nestingLevels/{level}")));
        let glyph = props.and_then(|p| p.get("glyphType")).and_then(Value::as_str).unwrap_or("");
        let numbered = !matches!(glyph, "" | "NONE" | "GLYPH_TYPE_UNSPECIFIED");
        let start = props.and_then(|p| p.get("startNumber")).and_then(Value::as_u64).unwrap_or(1);
        let counts = self.counters.entry(list_id.to_string()).or_default();
        let depth = level as usize;
        counts.truncate(depth + 1);
        counts.resize(depth + 1, 0);
        let n = counts.get_mut(depth).map(|c| {
            *c += 1;
            *c
        });
        if numbered { format!("{}.", start + n.unwrap_or(1) - 1) } else { "-".to_string() }
    }

    fn push(&mut self, kind: Kind, text: String, notes: Vec<String>) {
        if kind != Kind::Item {
            self.last_level = None;
        }
        self.out.push(Out { kind, list: None, text, notes });
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let plain = para_text(p);
        if plain.trim().is_empty() && p.elements.iter().all(|e| e.text_run.is_some()) {
            return;
        }
        let (refs, notes) = self.comments.place(&plain);
        if self.is_code(p) {
            let line = plain.strip_suffix('\n').unwrap_or(&plain).replace('\u{b}', "\n");
            self.push(Kind::Code, line, notes);
            return;
        }
        let chunks = self.pieces(p);
        let last = chunks.len().saturating_sub(1);
        let mut notes = Some(notes);
        for (i, chunk) in chunks.into_iter().enumerate() {
            let Some(pieces) = chunk else {
                self.push(Kind::Para, "---".into(), Vec::new());
                continue;
            };
            let mut line = escape_line_start(&markdown(&pieces, false));
            if i == last {
                line.push_str(&refs);
            }
            let notes = if i == last { notes.take().unwrap_or_default() } else { Vec::new() };
            if line.is_empty() {
                continue;
            }
            match (&p.bullet, Self::heading(p)) {
                (Some(b), _) => {
                    // A level deeper than one past the previous item would read as code.
                    let level = b.nesting_level.min(self.last_level.map_or(0, |l| l + 1));
                    let marker = self.marker(&b.list_id, level);
                    self.last_level = Some(level);
                    self.push(Kind::Item, format!("{}{marker} {line}", "    ".repeat(level as usize)), notes);
                    if let Some(last) = self.out.last_mut() {
                        last.list = Some(b.list_id.clone());
                    }
                }
                (None, Some(n)) => self.push(Kind::Para, format!("{} {line}", "#".repeat(n)), notes),
                (None, None) => self.push(Kind::Para, line, notes),
            }
        }
    }

    fn cell_text(&mut self, content: &[StructuralElement], notes: &mut Vec<String>) -> String {
        let mut parts = Vec::new();
        for e in content {
            if let Some(p) = &e.paragraph {
                let (refs, mut placed) = self.comments.place(&para_text(p));
                notes.append(&mut placed);
                let pieces: Vec<Piece> = self.pieces(p).into_iter().flatten().flatten().collect();
                parts.push(format!("{}{refs}", markdown(&pieces, true)));
            } else if e.table.is_some() {
                // A table inside a cell cannot be a pipe table: its text, on one line.
                let inner = crate::render::plain(std::slice::from_ref(e)).replace('\n', " ");
                parts.push(escape(inner.trim(), true));
            }
        }
        while parts.last().is_some_and(String::is_empty) && parts.len() > 1 {
            parts.pop();
        }
        parts.join("<br>")
    }

    fn table(&mut self, t: &Table) {
        let mut notes = Vec::new();
        let rows: Vec<Vec<String>> = t
            .table_rows
            .iter()
            .map(|r| r.table_cells.iter().map(|c| self.cell_text(&c.content, &mut notes)).collect())
            .collect();
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let line = |cells: &[String]| {
            let padded: Vec<&str> = (0..cols).map(|i| cells.get(i).map_or("", String::as_str)).collect();
            format!("| {} |", padded.join(" | "))
        };
        let mut lines = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            lines.push(line(r));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(cols)));
            }
        }
        self.push(Kind::Para, lines.join("\n"), notes);
    }

    fn elements(&mut self, content: &[StructuralElement]) {
        for e in content {
            if let Some(p) = &e.paragraph {
                self.paragraph(p);
            } else if let Some(t) = &e.table {
                self.table(t);
            } else if let Some(toc) = &e.table_of_contents {
                self.elements(&toc.content);
            }
        }
    }
}

/// A fence for `lines` that none of them can close.
fn fence(lines: &[&str]) -> String {
    let longest = lines.iter().map(|l| l.chars().take_while(|c| *c == '`').count()).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// Blocks joined: list items line by line, code lines in one fence, the rest apart; comment
/// notes after the block (or list, or code block) they belong to.
fn assemble(out: Vec<Out>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(first) = out.get(i) {
        let n = match first.kind {
            Kind::Para => 1,
            kind => out[i..].iter().take_while(|o| o.kind == kind && o.list == first.list).count(),
        };
        let group = &out[i..i + n];
        let lines: Vec<&str> = group.iter().map(|o| o.text.as_str()).collect();
        parts.push(match first.kind {
            Kind::Code => {
                let f = fence(&lines);
                format!("{f}\n{}\n{f}", lines.join("\n"))
            }
            _ => lines.join("\n"),
        });
        let notes: Vec<&str> = group.iter().flat_map(|o| o.notes.iter().map(String::as_str)).collect();
        if !notes.is_empty() {
            parts.push(notes.join("\n"));
        }
        i += n;
    }
    parts.join("\n\n")
}

/// The Markdown of one tab's body, placing in it the comments `comments` can place.
pub fn tab(tab: &DocumentTab, opts: Options, comments: &mut Placer) -> String {
    let mut r = Renderer { tab, opts, comments, out: Vec::new(), counters: BTreeMap::new(), last_level: None };
    r.elements(&tab.body.content);
    assemble(r.out)
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
