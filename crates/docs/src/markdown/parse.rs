//! Markdown read into Docs blocks: headings, paragraphs, list items with their depth, code
//! lines, pipe tables and page breaks (`---`), with bold, italic, strikethrough, inline code
//! and links as marks. What Docs cannot hold (block quotes, HTML) keeps its text.
//!
//! Characters `insertText` would silently strip (C0 controls other than tab, newline and
//! vertical tab; the Private Use Area) are dropped here, so the index arithmetic that follows
//! counts exactly what Google keeps.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Block, Inline, Mark, MarkStyle, Para, ParaKind};
use crate::utf16;

/// Docs' line break inside a paragraph (Shift+Enter), Markdown's hard break.
pub const LINE_BREAK: char = '\u{b}';

/// Whether Google keeps `c` in inserted text.
fn kept(c: char) -> bool {
    !(matches!(c, '\u{0}'..='\u{8}' | '\u{c}'..='\u{1f}' | '\u{e000}'..='\u{f8ff}'))
}

/// `<br>`, `<br/>`, `<br />` in any case.
fn is_br(html: &str) -> bool {
    let t: String = html.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    t == "<br>" || t == "<br/>"
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// The paragraph being read, if any.
    para: Option<Para>,
    /// Open inline styles and where (in units) each began.
    open: Vec<(MarkStyle, usize)>,
    /// Whether each open list is ordered.
    lists: Vec<bool>,
    /// The current top-level list's number.
    group: u32,
    code: Option<String>,
    /// The lines of an HTML block, kept until it ends.
    html: Option<String>,
    table: Option<Vec<Vec<Inline>>>,
    cell: Option<Inline>,
}

impl Reader {
    /// The inline text being written: the table cell or the paragraph (started if needed).
    fn target(&mut self) -> &mut Inline {
        let kind = self.item_kind().unwrap_or(ParaKind::Normal);
        match self.cell.as_mut() {
            Some(cell) => cell,
            None => &mut self.para.get_or_insert(Para { kind, inline: Inline::default() }).inline,
        }
    }

    fn item_kind(&self) -> Option<ParaKind> {
        let ordered = *self.lists.last()?;
        let level = u32::try_from(self.lists.len().saturating_sub(1)).unwrap_or(0);
        Some(ParaKind::Item { ordered, level, group: self.group })
    }

    fn push_text(&mut self, text: &str) {
        let in_cell = self.cell.is_some();
        let target = self.target();
        // An item's own text starts without the indentation Markdown allowed before it.
        let text = if target.text.is_empty() { text.trim_start_matches([' ', '\t']) } else { text };
        for c in text.chars().filter(|c| kept(*c)) {
            // A table cell is one line; a newline there is a paragraph break inside the cell.
            target.text.push(if c == '\n' && !in_cell { ' ' } else { c });
        }
    }

    fn units(&mut self) -> usize {
        utf16::len(&self.target().text)
    }

    fn start_mark(&mut self, style: MarkStyle) {
        let at = self.units();
        self.open.push((style, at));
    }

    fn end_mark(&mut self) {
        let Some((style, start)) = self.open.pop() else { return };
        let end = self.units();
        if end > start {
            self.target().marks.push(Mark { start, end, style });
        }
    }

    fn flush(&mut self) {
        if let Some(p) = self.para.take() {
            self.blocks.push(Block::Para(p));
        }
    }

    fn begin(&mut self, kind: ParaKind) {
        self.flush();
        self.para = Some(Para { kind, inline: Inline::default() });
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => match self.code.as_mut() {
                Some(code) => code.push_str(&t),
                None => self.push_text(&t),
            },
            Event::Code(t) => {
                self.start_mark(MarkStyle::Code);
                self.push_text(&t);
                self.end_mark();
            }
            Event::InlineHtml(h) if is_br(&h) => {
                let br = if self.cell.is_some() { '\n' } else { LINE_BREAK };
                self.target().text.push(br);
            }
            Event::InlineHtml(h) => self.push_text(&h),
            Event::Html(h) => self.html.get_or_insert_default().push_str(&h),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.target().text.push(LINE_BREAK),
            Event::Rule => {
                self.flush();
                self.blocks.push(Block::PageBreak);
            }
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                // A second paragraph of one list item stays in the item, on a new line.
                if let Some(p) = self.para.as_mut()
                    && matches!(p.kind, ParaKind::Item { .. })
                    && !p.inline.text.is_empty()
                {
                    p.inline.text.push(LINE_BREAK);
                }
            }
            Tag::Heading { level, .. } => self.begin(ParaKind::Heading(heading_level(level))),
            Tag::List(first) => {
                self.flush();
                if self.lists.is_empty() {
                    self.group += 1;
                }
                self.lists.push(first.is_some());
            }
            Tag::Item => {
                let kind = self.item_kind().unwrap_or(ParaKind::Normal);
                self.begin(kind);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Vec::new());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.push(Vec::new());
                }
            }
            Tag::TableCell => self.cell = Some(Inline::default()),
            Tag::Emphasis => self.start_mark(MarkStyle::Italic),
            Tag::Strong => self.start_mark(MarkStyle::Bold),
            Tag::Strikethrough => self.start_mark(MarkStyle::Strike),
            Tag::Link { dest_url, .. } => self.start_mark(MarkStyle::Link(dest_url.to_string())),
            // Docs needs a fetchable image for insertInlineImage; an image becomes a link to it.
            Tag::Image { dest_url, .. } => self.start_mark(MarkStyle::Link(dest_url.to_string())),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            // An item's paragraphs end with the item.
            TagEnd::Paragraph if !matches!(self.para.as_ref().map(|p| p.kind), Some(ParaKind::Item { .. })) => {
                self.flush()
            }
            TagEnd::Heading(_) | TagEnd::Item => self.flush(),
            // An HTML comment is a note to a reader, not content; other HTML keeps its text.
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                if !html.trim_start().starts_with("<!--") && !html.trim().is_empty() {
                    self.begin(ParaKind::Normal);
                    self.push_text(html.trim_end());
                    self.flush();
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                for line in code.strip_suffix('\n').unwrap_or(&code).split('\n') {
                    self.begin(ParaKind::Code);
                    let text: String = line.chars().filter(|c| kept(*c)).collect();
                    self.target().text = text;
                    self.flush();
                }
            }
            TagEnd::TableCell => {
                let cell = self.cell.take().unwrap_or_default();
                if let Some(row) = self.table.as_mut().and_then(|t| t.last_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table(t));
                }
            }
            TagEnd::Image => {
                // An image without alt text shows its address.
                if let Some((MarkStyle::Link(url), start)) = self.open.last().cloned()
                    && self.units() == start
                {
                    self.push_text(&url);
                }
                self.end_mark();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => self.end_mark(),
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `markdown` as Docs blocks (GitHub tables and strikethrough included).
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        reader.event(event);
    }
    reader.flush();
    // Equal ranges in one style request each, in document order.
    for b in &mut reader.blocks {
        match b {
            Block::Para(p) => p.inline.marks.sort_by_key(|m| (m.start, m.end)),
            Block::Table(rows) => {
                for c in rows.iter_mut().flatten() {
                    c.marks.sort_by_key(|m| (m.start, m.end));
                }
            }
            Block::PageBreak => {}
        }
    }
    reader.blocks
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
