//! Markdown and Google Docs, both ways. Pure: no I/O here.
//!
//! - Out: `render` turns a document read with `includeTabsContent` into Markdown (headings,
//!   emphasis, code, links, nested lists, pipe tables, images, page breaks), `inline` writes
//!   one paragraph's styled runs with the escapes Markdown needs, and `comments` places Drive
//!   comments next to the text they quote or in a section at the end.
//! - In: `parse` reads Markdown (pulldown-cmark) into the blocks below, and `requests` lays them
//!   out as the requests of ONE `documents.batchUpdate` that inserts them at an index of a tab,
//!   with Google's index arithmetic in UTF-16 units.
//!
//! The two directions agree: Markdown written by `render` and read back by `parse` gives the
//! same document, so a tab can be read, edited as Markdown and written back.

pub mod comments;
pub mod inline;
pub mod parse;
pub mod render;
pub mod requests;

/// One paragraph's text with its inline styles; offsets are UTF-16 units into `text`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline {
    pub text: String,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub style: MarkStyle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkStyle {
    Bold,
    Italic,
    Strike,
    /// Inline code, shown in a monospace font.
    Code,
    Link(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    Normal,
    /// `#` is 1 ... `######` is 6.
    Heading(u8),
    /// A list item: its own list's kind, how deep it sits, and which top-level list it belongs
    /// to (items of one group become one Docs list).
    Item {
        ordered: bool,
        level: u32,
        group: u32,
    },
    /// One line of a fenced or indented code block.
    Code,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub kind: ParaKind,
    pub inline: Inline,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    /// Rows of cells; a cell's "\n" separates paragraphs inside it.
    Table(Vec<Vec<Inline>>),
    PageBreak,
}

/// Font families the renderer reads as code, and the one the converter writes.
pub const CODE_FONT: &str = "Courier New";

/// Whether a font family is monospace (how Docs marks code).
pub fn is_code_font(family: &str) -> bool {
    let f = family.to_ascii_lowercase();
    ["mono", "courier", "consolas", "code", "menlo", "monaco", "inconsolata", "cousine", "vt323"]
        .iter()
        .any(|k| f.contains(k))
}
