//! What the style and bullet requests share: the range a request names, checked with Google's
//! rules (not empty, inside the segment, not between the halves of a surrogate pair), and the
//! paragraphs of a segment (table cells included) with their start indices. Errors are
//! Google's messages without the `Invalid requests[i].<kind>: ` prefix the caller adds.

use serde_json::Value;

use super::edit::EditResult;
use super::model::{Block, Para, content_len};
use crate::utf16;

/// Every paragraph of a segment starting at `base`, in document order, with its start index;
/// paragraphs inside table cells come where their table is.
pub fn paragraphs(blocks: &mut [Block], base: usize) -> Vec<(usize, &mut Para)> {
    let mut out = Vec::new();
    collect(blocks, base, &mut out);
    out
}

fn collect<'a>(blocks: &'a mut [Block], mut at: usize, out: &mut Vec<(usize, &'a mut Para)>) {
    for block in blocks.iter_mut() {
        let len = block.len();
        match block {
            Block::Para(p) => out.push((at, p)),
            Block::Table(t) => {
                // One unit opens the table, one each row, one each cell before its content.
                let mut pos = at + 1;
                for row in t.rows.iter_mut() {
                    pos += 1;
                    for cell in row.iter_mut() {
                        let cell_len = content_len(cell);
                        collect(cell, pos + 1, out);
                        pos += 1 + cell_len;
                    }
                }
            }
        }
        at += len;
    }
}

/// The `[start, end)` of a request's `range` in a segment starting at `base`: both ends given,
/// not empty, inside the segment (a style may cover the final newline), and neither end
/// between the two halves of a surrogate pair.
pub fn checked_range(blocks: &mut [Block], base: usize, range: Option<&Value>) -> EditResult<(usize, usize)> {
    let index = |name: &str| {
        range
            .and_then(|r| r.get(name))
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("The range must have both a startIndex and an endIndex; {name} is missing."))
    };
    let (from, to) = (index("startIndex")?, index("endIndex")?);
    if from >= to {
        return Err("The range should not be empty.".into());
    }
    if from < base {
        return Err(format!("The start index {from} must be at least {base}, the start of the referenced segment."));
    }
    let end = base + content_len(blocks);
    if to > end {
        return Err(format!("The end index {to} must not be past the end index of the referenced segment, {end}."));
    }
    for (start, p) in paragraphs(blocks, base) {
        let p_end = start + p.len();
        for at in [from, to] {
            if at > start && at < p_end && utf16::byte_offset(&p.text(), at - start).is_none() {
                return Err(format!("The index {at} splits a surrogate pair (a character such as an emoji)."));
            }
        }
    }
    Ok((from, to))
}

/// The names a `fields` mask lists, each one of `known` (or every known field for `*`).
pub fn field_mask<'a>(fields: Option<&'a Value>, known: &[&'a str]) -> EditResult<Vec<&'a str>> {
    let text = fields.and_then(Value::as_str).unwrap_or_default().trim();
    if text.is_empty() {
        return Err("At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)".into());
    }
    if text == "*" {
        return Ok(known.to_vec());
    }
    let mut out = Vec::new();
    for name in text.split(',').map(str::trim) {
        match known.iter().find(|k| **k == name) {
            Some(k) => out.push(*k),
            None => return Err(format!("Invalid field mask: '{name}' is not a field that can be updated here.")),
        }
    }
    Ok(out)
}

/// Google writes JSON from protos, which leave zero numbers out: black is `"rgbColor": {}`.
pub fn drop_zero_color_parts(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(rgb)) = map.get_mut("rgbColor") {
                rgb.retain(|_, n| n.as_f64() != Some(0.0));
            }
            map.values_mut().for_each(drop_zero_color_parts);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_zero_color_parts),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::model::Table;
    use super::*;

    #[test]
    fn ranges_follow_googles_rules() {
        let mut body = vec![Block::Para(Para::new("NORMAL_TEXT", "a🚀b")), Block::Table(Table::from_text(&[&["c"]]))];
        // "a🚀b\n" is 1..6 (rocket 2..4); the table 6..11 with "c\n" at 9..11.
        let r = |s: usize, e: usize| json!({"startIndex": s, "endIndex": e});
        assert_eq!(checked_range(&mut body, 1, Some(&r(2, 4))), Ok((2, 4)));
        assert!(checked_range(&mut body, 1, Some(&r(3, 5))).unwrap_err().contains("splits a surrogate pair"));
        assert!(checked_range(&mut body, 1, Some(&r(1, 3))).unwrap_err().contains("index 3 splits"));
        assert_eq!(checked_range(&mut body, 1, Some(&r(1, 11))), Ok((1, 11)));
        assert!(checked_range(&mut body, 1, Some(&r(1, 12))).unwrap_err().starts_with("The end index 12 must not"));
        assert_eq!(checked_range(&mut body, 1, Some(&r(4, 4))), Err("The range should not be empty.".into()));
        assert!(checked_range(&mut body, 1, Some(&json!({"endIndex": 3}))).unwrap_err().contains("startIndex"));
        let starts: Vec<usize> = paragraphs(&mut body, 1).iter().map(|(s, _)| *s).collect();
        assert_eq!(starts, [1, 9]);
    }

    #[test]
    fn masks_and_colors() {
        let known = ["bold", "italic"];
        assert_eq!(field_mask(Some(&json!("*")), &known), Ok(vec!["bold", "italic"]));
        assert_eq!(field_mask(Some(&json!("italic, bold")), &known), Ok(vec!["italic", "bold"]));
        assert!(field_mask(Some(&json!("")), &known).unwrap_err().starts_with("At least one field"));
        assert!(field_mask(None, &known).is_err());
        assert!(field_mask(Some(&json!("bold,size")), &known).unwrap_err().contains("'size'"));
        let mut c = json!({"color": {"rgbColor": {"red": 1.0, "green": 0, "blue": 0.0}}});
        drop_zero_color_parts(&mut c);
        assert_eq!(c, json!({"color": {"rgbColor": {"red": 1.0}}}));
    }
}
