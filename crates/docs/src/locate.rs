//! Finding places in a tab read back from Docs: its paragraphs in order (table cells
//! included), the section under a heading, the index next to a heading or a piece of text, and
//! the paragraphs a range touches. Pure; indices are Docs' UTF-16 ones.

use crate::read::{TabView, para_text};
use crate::utf16;
use crate::wire::StructuralElement;

/// One paragraph of a tab.
#[derive(Debug, Clone, PartialEq)]
pub struct ParaAt {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// 1-6 for HEADING_1..6; `None` for any other style.
    pub heading: Option<u32>,
    /// Whether it sits in the body itself (not in a table cell).
    pub top_level: bool,
}

/// Every paragraph of `content`, in order, table cells where their table is.
pub fn paragraphs(content: &[StructuralElement]) -> Vec<ParaAt> {
    fn walk(content: &[StructuralElement], top_level: bool, out: &mut Vec<ParaAt>) {
        for e in content {
            if let Some(p) = &e.paragraph {
                let heading = p
                    .paragraph_style
                    .named_style_type
                    .as_deref()
                    .and_then(|s| s.strip_prefix("HEADING_"))
                    .and_then(|n| n.parse().ok());
                out.push(ParaAt { start: e.start_index, end: e.end_index, text: para_text(p), heading, top_level });
            } else if let Some(t) = &e.table {
                for cell in t.table_rows.iter().flat_map(|r| &r.table_cells) {
                    walk(&cell.content, false, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(content, true, &mut out);
    out
}

/// The part of a tab under a heading: from the end of the heading's paragraph to the next
/// heading of the same or a higher level (or the tab's final newline).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: ParaAt,
    /// Just past the heading; past `body_end` when the heading is the tab's last paragraph.
    pub body_start: usize,
    pub body_end: usize,
    /// True when the section runs to the end of the tab (its end is the final newline).
    pub at_end: bool,
}

/// The one heading whose text is `wanted` (case-insensitive, surrounding spaces ignored),
/// optionally only of `level`.
pub fn heading_section(tab: &TabView<'_>, wanted: &str, level: Option<i64>) -> Result<Section, String> {
    let paras = paragraphs(tab.content);
    let wanted_norm = wanted.trim().to_lowercase();
    let matches: Vec<&ParaAt> = paras
        .iter()
        .filter(|p| p.top_level && p.heading.is_some())
        .filter(|p| level.is_none_or(|l| p.heading.map(i64::from) == Some(l)))
        .filter(|p| p.text.trim().to_lowercase() == wanted_norm)
        .collect();
    let heading = match matches.as_slice() {
        [one] => (*one).clone(),
        [] => {
            let known: Vec<String> =
                paras.iter().filter_map(|p| p.heading.map(|l| format!("\"{}\" (H{l})", p.text.trim()))).collect();
            return Err(format!(
                "No heading \"{wanted}\" in tab {}. Its headings: {}.",
                tab.id,
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            ));
        }
        many => {
            return Err(format!(
                "{} headings read \"{wanted}\" (at indices {}); give heading_level or use start_index.",
                many.len(),
                many.iter().map(|p| p.start.to_string()).collect::<Vec<_>>().join(", ")
            ));
        }
    };
    let level = heading.heading.unwrap_or(1);
    let next = paras.iter().find(|p| p.top_level && p.start >= heading.end && p.heading.is_some_and(|l| l <= level));
    let (body_end, at_end) = match next {
        Some(p) => (p.start, false),
        None => (tab.end_index().saturating_sub(1), true),
    };
    Ok(Section { body_start: heading.end, body_end, heading, at_end })
}

/// The index just before or just after the single occurrence of `text` in one paragraph.
pub fn anchor_index(tab: &TabView<'_>, text: &str, after: bool) -> Result<usize, String> {
    if text.is_empty() || text.contains('\n') {
        return Err("anchor_text must be non-empty text within one paragraph".into());
    }
    let mut hits = Vec::new();
    for p in paragraphs(tab.content) {
        for (from, to) in utf16::find_all(&p.text, text, true) {
            hits.push(p.start + if after { to } else { from });
        }
    }
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("anchor_text \"{text}\" does not occur in tab {}", tab.id)),
        many => Err(format!("anchor_text \"{text}\" occurs {} times in tab {}; make it unique", many.len(), tab.id)),
    }
}

/// The index just before a heading's paragraph, or just after it (the start of what follows).
pub fn heading_index(tab: &TabView<'_>, heading: &str, after: bool) -> Result<usize, String> {
    let paras = paragraphs(tab.content);
    let hits: Vec<&ParaAt> = paras
        .iter()
        .filter(|p| p.top_level && p.heading.is_some() && p.text.trim_end_matches('\n') == heading)
        .collect();
    match hits.as_slice() {
        [one] if after && one.end >= tab.end_index() => Err(format!(
            "heading \"{heading}\" is the last paragraph of tab {}; use end_of_segment to add after it",
            tab.id
        )),
        [one] => Ok(if after { one.end } else { one.start }),
        [] => Err(format!("no heading reads exactly \"{heading}\" in tab {}", tab.id)),
        many => Err(format!("{} headings read \"{heading}\" in tab {}; use index instead", many.len(), tab.id)),
    }
}

/// The start indices of the paragraphs that `[from, to)` touches.
pub fn paragraph_starts(tab: &TabView<'_>, from: usize, to: usize) -> Vec<usize> {
    paragraphs(tab.content).into_iter().filter(|p| p.start < to && p.end > from).map(|p| p.start).collect()
}
