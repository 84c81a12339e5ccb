//! Edits of one segment (a tab's body, or a table cell's content) with Google's index rules:
//! text goes inside an existing paragraph, a newline in inserted text splits its paragraph,
//! a deletion across paragraphs merges them, and neither may touch a segment's final newline,
//! a table's structure or half of a surrogate pair. Errors are Google's messages without the
//! `Invalid requests[i].<kind>: ` prefix the caller adds.

use serde_json::{Map, Value};

use super::model::{Block, Para, Run, content_len};
use crate::utf16;

pub type EditResult<T> = Result<T, String>;

/// A paragraph's text as chars with the index of each char's style.
struct Chars {
    chars: Vec<(char, usize)>,
    styles: Vec<Map<String, Value>>,
}

impl Chars {
    fn of(paras: &[&Para]) -> Chars {
        let mut out = Chars { chars: Vec::new(), styles: Vec::new() };
        for p in paras {
            for r in &p.runs {
                let style = out.styles.iter().position(|s| *s == r.style).unwrap_or_else(|| {
                    out.styles.push(r.style.clone());
                    out.styles.len() - 1
                });
                out.chars.extend(r.text.chars().map(|c| (c, style)));
            }
        }
        out
    }

    /// The char position of UTF-16 offset `units`.
    fn at(&self, units: usize) -> EditResult<usize> {
        let mut seen = 0;
        for (i, (c, _)) in self.chars.iter().enumerate() {
            if seen == units {
                return Ok(i);
            }
            seen += c.len_utf16();
            if seen > units {
                return Err(format!("The index {units} splits a surrogate pair (a character such as an emoji)."));
            }
        }
        Ok(self.chars.len())
    }

    /// Paragraphs again, one per newline, each with `template`'s style and bullet.
    fn into_paras(self, template: &Para) -> Vec<Para> {
        let mut paras = Vec::new();
        let mut runs: Vec<Run> = Vec::new();
        for (c, s) in self.chars {
            match runs.last_mut() {
                Some(r) if r.style == self.styles[s] => r.text.push(c),
                _ => runs.push(Run { text: c.to_string(), style: self.styles[s].clone() }),
            }
            if c == '\n' {
                paras.push(Para { runs: std::mem::take(&mut runs), ..template.clone() });
            }
        }
        paras
    }
}

/// Where UTF-16 index `index` falls among `blocks` starting at `base`: the paragraph and its
/// start, or `None` when it is not inside a paragraph (a table's own markers, out of range).
pub fn para_at(blocks: &mut [Block], base: usize, index: usize) -> Option<(&mut Para, usize)> {
    let mut at = base;
    for b in blocks.iter_mut() {
        let len = b.len();
        if index < at + len {
            return match b {
                Block::Para(p) => Some((p, at)),
                Block::Table(t) => {
                    let mut pos = at + 1;
                    for row in t.rows.iter_mut() {
                        pos += 1;
                        for cell in row.iter_mut() {
                            let cl = content_len(cell);
                            if index > pos && index < pos + 1 + cl {
                                return para_at(cell, pos + 1, index);
                            }
                            pos += 1 + cl;
                        }
                    }
                    None
                }
            };
        }
        at += len;
    }
    None
}

/// `insertText` at `index` of a segment starting at `base`.
pub fn insert_text(blocks: &mut Vec<Block>, base: usize, index: usize, text: &str) -> EditResult<()> {
    let end = base + content_len(blocks);
    if index >= end {
        return Err(format!("Index {index} must be less than the end index of the referenced segment, {end}."));
    }
    let outside = "The insertion index must be inside the bounds of an existing paragraph. You can still create new \
                   paragraphs by inserting newlines.";
    if index < base {
        return Err(outside.into());
    }
    let (para, start) = para_at(blocks, base, index).ok_or(outside)?;
    let mut chars = Chars::of(&[para]);
    let at = chars.at(index - start)?;
    // Inserted text takes the style of the character before it (the paragraph's first one at its start).
    let style = chars.chars.get(at.saturating_sub(1)).map_or(0, |(_, s)| *s);
    let new: Vec<(char, usize)> = text.chars().map(|c| (c, style)).collect();
    chars.chars.splice(at..at, new);
    let template = para.clone();
    let split = chars.into_paras(&template);
    replace_para(blocks, base, start, split);
    Ok(())
}

/// Swap the paragraph starting at `start` (anywhere in the segment) for `with`.
fn replace_para(blocks: &mut Vec<Block>, base: usize, start: usize, with: Vec<Para>) {
    let mut at = base;
    for i in 0..blocks.len() {
        let len = blocks[i].len();
        if at == start && matches!(blocks[i], Block::Para(_)) {
            blocks.splice(i..=i, with.into_iter().map(Block::Para));
            return;
        }
        if start < at + len {
            if let Block::Table(t) = &mut blocks[i] {
                let mut pos = at + 1;
                for row in t.rows.iter_mut() {
                    pos += 1;
                    for cell in row.iter_mut() {
                        let cl = content_len(cell);
                        if start > pos && start < pos + 1 + cl {
                            return replace_para(cell, pos + 1, start, with);
                        }
                        pos += 1 + cl;
                    }
                }
            }
            return;
        }
        at += len;
    }
}

/// `deleteContentRange` of `[from, to)` in a segment starting at `base`.
pub fn delete_range(blocks: &mut Vec<Block>, base: usize, from: usize, to: usize) -> EditResult<()> {
    let end = base + content_len(blocks);
    if from >= to {
        return Err("The range should not be empty.".into());
    }
    if to >= end {
        return Err("The range cannot include the newline character at the end of the segment.".into());
    }
    if from < base {
        return Err("Invalid deletion range: it starts before the segment's first paragraph.".into());
    }
    let starts: Vec<usize> = blocks.iter().scan(base, |at, b| Some(std::mem::replace(at, *at + b.len()))).collect();
    let first = starts.iter().rposition(|s| *s <= from).unwrap_or(0);
    let mut last = starts.iter().rposition(|s| *s < to).unwrap_or(first);
    // Deleting a paragraph's newline merges the next paragraph into it.
    if let Block::Para(p) = &blocks[last]
        && to == starts[last] + p.len()
    {
        last += 1;
    }
    if first == last
        && let Block::Table(t) = &mut blocks[first]
    {
        let mut pos = starts[first] + 1;
        for row in t.rows.iter_mut() {
            pos += 1;
            for cell in row.iter_mut() {
                let cl = content_len(cell);
                if from > pos && to <= pos + 1 + cl {
                    return delete_range(cell, pos + 1, from, to);
                }
                pos += 1 + cl;
            }
        }
        return Err("Invalid deletion range: a range inside a table must stay within one cell.".into());
    }
    let mut paras = Vec::new();
    for i in first..=last {
        match &blocks[i] {
            Block::Para(p) => paras.push((starts[i], p)),
            Block::Table(t) if from <= starts[i] && starts[i] + t.len() <= to => {}
            Block::Table(_) if i == last && i > first => {
                return Err("Invalid deletion range: the newline before a table cannot be deleted.".into());
            }
            Block::Table(_) => return Err("Invalid deletion range: a table can only be deleted whole.".into()),
        }
    }
    let Some(&(group_start, first_para)) = paras.first() else {
        // Whole tables and nothing else.
        blocks.drain(first..=last);
        return Ok(());
    };
    // Whole tables inside the range are dropped; the paragraphs' characters after them sit
    // that many units earlier in the joined text than in the document.
    let dropped: usize = (first..=last)
        .filter(|i| starts[*i] > group_start)
        .filter_map(|i| match &blocks[i] {
            Block::Table(t) => Some(t.len()),
            Block::Para(_) => None,
        })
        .sum();
    // Deleting whole paragraphs up to the start of another leaves that one as it was.
    let template = if from <= group_start { paras[paras.len() - 1].1.clone() } else { first_para.clone() };
    let mut chars = Chars::of(&paras.iter().map(|(_, p)| *p).collect::<Vec<_>>());
    let (a, b) = (chars.at(from.max(group_start) - group_start)?, chars.at(to - group_start - dropped)?);
    chars.chars.drain(a..b);
    let merged = chars.into_paras(&template);
    blocks.splice(first..=last, merged.into_iter().map(Block::Para));
    Ok(())
}

/// `replaceAllText` in every paragraph of `blocks` (tables included); how many were replaced.
pub fn replace_all(blocks: &mut Vec<Block>, find: &str, replace: &str, match_case: bool) -> usize {
    let mut count = 0;
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks.drain(..) {
        match block {
            Block::Para(p) => {
                let text = p.text();
                let hits = utf16::find_all(&text, find, match_case);
                if hits.is_empty() {
                    out.push(Block::Para(p));
                    continue;
                }
                count += hits.len();
                let mut chars = Chars::of(&[&p]);
                for (from, to) in hits.into_iter().rev() {
                    // Offsets come from whole chars of this text, so they never split one.
                    let (a, b) = (chars.at(from).unwrap_or(0), chars.at(to).unwrap_or(0));
                    let style = chars.chars[a].1;
                    chars.chars.splice(a..b, replace.chars().map(|c| (c, style)));
                }
                out.extend(chars.into_paras(&p).into_iter().map(Block::Para));
            }
            Block::Table(mut t) => {
                for cell in t.rows.iter_mut().flatten() {
                    count += replace_all(cell, find, replace, match_case);
                }
                out.push(Block::Table(t));
            }
        }
    }
    *blocks = out;
    count
}

#[cfg(test)]
mod tests {
    use super::super::model::Table;
    use super::*;

    fn body() -> Vec<Block> {
        vec![
            Block::Para(Para::new("HEADING_1", "Plan 🚀")),
            Block::Table(Table::from_text(&[&["a", "b"]])),
            Block::Para(Para::new("NORMAL_TEXT", "End")),
        ]
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(|b| if let Block::Para(p) = b { p.text() } else { "<table>".into() }).collect()
    }

    #[test]
    fn inserts_after_an_emoji_and_splits_on_newlines() {
        let mut b = body();
        // "Plan 🚀\n" is 1..9; the rocket takes 6..8.
        insert_text(&mut b, 1, 8, "!").unwrap();
        assert_eq!(texts(&b)[0], "Plan 🚀!\n");
        insert_text(&mut b, 1, 6, "A\nB ").unwrap();
        assert_eq!(texts(&b)[..2], ["Plan A\n", "B 🚀!\n"]);
        assert_eq!(b[0].len() + b[1].len(), 8 + 1 + 4);
    }

    #[test]
    fn refuses_table_markers_surrogates_and_the_end() {
        let mut b = body();
        // Table at 9: markers 9 (table), 10 (row), 11 (cell), "a\n" 12..14, 14 (cell), "b\n" 15..17.
        assert!(insert_text(&mut b, 1, 9, "x").unwrap_err().contains("inside the bounds"));
        assert!(insert_text(&mut b, 1, 7, "x").unwrap_err().contains("surrogate"));
        insert_text(&mut b, 1, 12, "x").unwrap();
        assert_eq!(content_len(&b), 8 + 9 + 4);
        let err = insert_text(&mut b, 1, 500, "x").unwrap_err();
        assert_eq!(err, "Index 500 must be less than the end index of the referenced segment, 22.");
        assert!(delete_range(&mut b, 1, 19, 22).unwrap_err().contains("newline character at the end"));
    }

    #[test]
    fn deletes_across_paragraphs_and_within_cells() {
        let mut b = vec![Block::Para(Para::new("HEADING_1", "One")), Block::Para(Para::new("NORMAL_TEXT", "Two"))];
        delete_range(&mut b, 1, 3, 6).unwrap();
        assert_eq!(texts(&b), ["Onwo\n"]);
        let mut b = body();
        delete_range(&mut b, 1, 12, 13).unwrap();
        assert_eq!(b[1].len(), 7);
        assert!(delete_range(&mut b, 1, 5, 12).is_err());
    }

    #[test]
    fn deletes_a_whole_table_with_the_text_around_it() {
        // "Plan 🚀\n" 1..9, the table 9..17, "End\n" 17..21: delete up to the final newline.
        let mut b = body();
        delete_range(&mut b, 1, 1, 20).unwrap();
        assert_eq!(texts(&b), ["\n"]);
        let mut b = body();
        delete_range(&mut b, 1, 3, 19).unwrap();
        assert_eq!(texts(&b), ["Pld\n"]);
    }

    #[test]
    fn replaces_everywhere_and_counts() {
        let mut b = body();
        b.push(Block::Para(Para::new("NORMAL_TEXT", "A and a")));
        assert_eq!(replace_all(&mut b, "a", "xy", false), 5);
        assert_eq!(texts(&b)[0], "Plxyn 🚀\n");
        assert_eq!(texts(&b)[3], "xy xynd xy\n");
    }
}
