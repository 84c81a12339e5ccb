//! Cell references inside formula text, rewritten the way Sheets rewrites them when rows or
//! columns move: after an insert or delete every reference to the changed sheet follows its
//! cells (a reference to a deleted cell becomes `#REF!`, a range loses its deleted rows and
//! grows by rows inserted strictly inside it), and a pasted formula's relative references
//! shift by the paste offset. String literals and function names (`LOG10(`) are left alone.

/// One end of a reference: column and row, each with its `$` (absolute) mark.
#[derive(Debug, Clone, Copy, PartialEq)]
struct End {
    col: Option<(u32, bool)>,
    row: Option<(u32, bool)>,
}

/// A reference found in formula text: its byte span, sheet (as written, unquoted) and ends.
#[derive(Debug)]
struct Found {
    start: usize,
    end: usize,
    sheet: Option<String>,
    first: End,
    last: Option<End>,
}

/// Which dimension a change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Rows,
    Columns,
}

/// How indexes of one sheet's rows or columns change.
pub trait IndexMap {
    /// Where the row or column `i` went, `None` when it was deleted.
    fn single(&self, i: u32) -> Option<u32>;
    /// Where the half-open span `[s, e)` went, `None` when none of it is left.
    fn span(&self, s: u32, e: u32) -> Option<(u32, u32)>;
}

fn letters(s: &[u8], mut i: usize) -> (usize, Option<u32>, bool) {
    let abs = s.get(i) == Some(&b'$');
    if abs {
        i += 1;
    }
    let start = i;
    while i < s.len() && s[i].is_ascii_alphabetic() && i - start < 3 {
        i += 1;
    }
    let text = std::str::from_utf8(&s[start..i]).unwrap_or("");
    (i, crate::a1::column_index(text), abs)
}

fn digits(s: &[u8], mut i: usize) -> (usize, Option<u32>, bool) {
    let abs = s.get(i) == Some(&b'$');
    if abs {
        i += 1;
    }
    let start = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    let n = std::str::from_utf8(&s[start..i]).ok().and_then(|t| t.parse::<u32>().ok()).filter(|n| *n >= 1);
    (i, n.map(|n| n - 1), abs)
}

/// An end at `i`: `$A$1`, `A`, or `7`.
fn end_at(s: &[u8], i: usize) -> Option<(usize, End)> {
    let (j, col, col_abs) = letters(s, i);
    let (k, row, row_abs) = digits(s, j);
    let end = End { col: col.map(|c| (c, col_abs)), row: row.map(|r| (r, row_abs)) };
    match (col, row) {
        (None, None) => None,
        (None, Some(_)) if j != i && !(j == i + 1 && s[i] == b'$') => None,
        _ => Some((k, end)),
    }
}

fn word_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'$') || b >= 0x80
}

/// The sheet prefix at `i` (`'It''s'!` or `Budget!`), its name and where the cells start.
fn sheet_at(s: &str, i: usize) -> Option<(String, usize)> {
    let b = s.as_bytes();
    if b.get(i) == Some(&b'\'') {
        let mut name = String::new();
        let mut j = i + 1;
        while j < b.len() {
            if b[j] == b'\'' {
                if b.get(j + 1) == Some(&b'\'') {
                    name.push('\'');
                    j += 2;
                    continue;
                }
                return (b.get(j + 1) == Some(&b'!')).then_some((name, j + 2));
            }
            let ch = s[j..].chars().next()?;
            name.push(ch);
            j += ch.len_utf8();
        }
        return None;
    }
    let mut j = i;
    while j < b.len() && word_char(b[j]) && b[j] != b'$' {
        j += 1;
    }
    (j > i && b.get(j) == Some(&b'!')).then(|| (s[i..j].to_string(), j + 1))
}

/// Every reference in `formula` outside string literals.
fn scan(formula: &str) -> Vec<Found> {
    let b = formula.as_bytes();
    let (mut out, mut i, mut in_string) = (Vec::new(), 0, false);
    while i < b.len() {
        if b[i] == b'"' {
            in_string = !in_string;
            i += 1;
            continue;
        }
        if in_string || (i > 0 && (word_char(b[i - 1]) || b[i - 1] == b'\'' || b[i - 1] == b'!')) {
            i += 1;
            continue;
        }
        let (sheet, cells) = match sheet_at(formula, i) {
            Some((name, at)) => (Some(name), at),
            None => (None, i),
        };
        let Some((j, first)) = end_at(b, cells) else {
            i = if sheet.is_some() { cells } else { i + 1 };
            continue;
        };
        let (mut end, mut last) = (j, None);
        if b.get(j) == Some(&b':')
            && let Some((k, e)) = end_at(b, j + 1)
        {
            (end, last) = (k, Some(e));
        }
        let whole_line = first.col.is_none() || first.row.is_none();
        let followed = b.get(end).is_some_and(|c| word_char(*c) || *c == b'(' || *c == b'!');
        // A column alone (`A`) or a row alone (`7`) is a reference only as half of a range.
        if followed || (whole_line && last.is_none()) {
            i = end.max(i + 1);
            continue;
        }
        out.push(Found { start: i, end, sheet, first, last });
        i = end;
    }
    out
}

fn end_text(e: &End) -> String {
    let mut out = String::new();
    if let Some((c, abs)) = e.col {
        out.push_str(if abs { "$" } else { "" });
        out.push_str(&crate::a1::column_letters(c));
    }
    if let Some((r, abs)) = e.row {
        out.push_str(if abs { "$" } else { "" });
        out.push_str(&(r + 1).to_string());
    }
    out
}

fn sheet_text(name: &str) -> String {
    format!("{}!", crate::a1::quote_sheet(name))
}

fn replace_all(formula: &str, mut each: impl FnMut(&Found) -> Option<String>) -> String {
    let mut out = String::new();
    let mut at = 0;
    for f in scan(formula) {
        if let Some(text) = each(&f) {
            out.push_str(&formula[at..f.start]);
            out.push_str(&text);
            at = f.end;
        }
    }
    out.push_str(&formula[at..]);
    out
}

fn reference_text(f: &Found, first: End, last: Option<End>) -> String {
    let sheet = f.sheet.as_deref().map(sheet_text).unwrap_or_default();
    match last {
        Some(l) => format!("{sheet}{}:{}", end_text(&first), end_text(&l)),
        None => format!("{sheet}{}", end_text(&first)),
    }
}

/// Rewrites references to `changed` (a formula on sheet `own` refers to it unqualified when
/// `own == changed`) after its rows or columns moved as `map` says.
pub fn remap(formula: &str, own: &str, changed: &str, axis: Axis, map: &dyn IndexMap) -> String {
    fn pick(e: &mut End, axis: Axis) -> Option<&mut (u32, bool)> {
        match axis {
            Axis::Rows => e.row.as_mut(),
            Axis::Columns => e.col.as_mut(),
        }
    }
    replace_all(formula, |f| {
        if f.sheet.as_deref().unwrap_or(own) != changed {
            return None;
        }
        let (mut first, mut last) = (f.first, f.last);
        match last.as_mut() {
            None => {
                let slot = pick(&mut first, axis)?;
                match map.single(slot.0) {
                    Some(n) => slot.0 = n,
                    None => return Some("#REF!".into()),
                }
            }
            Some(l) => {
                let (a, b) = (pick(&mut first, axis).map(|s| s.0), pick(l, axis).map(|s| s.0));
                let (Some(a), Some(b)) = (a, b) else { return None };
                let (s, e) = (a.min(b), a.max(b) + 1);
                let Some((ns, ne)) = map.span(s, e) else { return Some("#REF!".into()) };
                if let Some(slot) = pick(&mut first, axis) {
                    slot.0 = if a <= b { ns } else { ne - 1 };
                }
                if let Some(slot) = pick(l, axis) {
                    slot.0 = if a <= b { ne - 1 } else { ns };
                }
            }
        }
        Some(reference_text(f, first, last))
    })
}

/// A formula copied `rows` down and `cols` right: relative ends move, `$` ends stay; an end
/// pushed above row 1 or left of column A becomes `#REF!`.
pub fn shift_relative(formula: &str, rows: i64, cols: i64) -> String {
    replace_all(formula, |f| {
        let shift = |e: End| -> Option<End> {
            let mv = |v: Option<(u32, bool)>, by: i64| match v {
                Some((n, false)) => u32::try_from(i64::from(n) + by).ok().map(|n| Some((n, false))),
                other => Some(other),
            };
            Some(End { col: mv(e.col, cols)?, row: mv(e.row, rows)? })
        };
        let first = shift(f.first);
        let last = f.last.map(shift);
        match (first, last) {
            (Some(a), None) => Some(reference_text(f, a, None)),
            (Some(a), Some(Some(b))) => Some(reference_text(f, a, Some(b))),
            _ => Some("#REF!".into()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Row 3 (index 2) deleted.
    struct DeleteThird;
    impl IndexMap for DeleteThird {
        fn single(&self, i: u32) -> Option<u32> {
            match i {
                2 => None,
                i if i > 2 => Some(i - 1),
                i => Some(i),
            }
        }
        fn span(&self, s: u32, e: u32) -> Option<(u32, u32)> {
            let kept: Vec<u32> = (s..e).filter_map(|i| self.single(i)).collect();
            Some((*kept.first()?, kept.last()? + 1))
        }
    }

    #[test]
    fn references_follow_deleted_rows() {
        let m = &DeleteThird;
        assert_eq!(remap("=SUM(B2:B5)+B3*$C$4", "S", "S", Axis::Rows, m), "=SUM(B2:B4)+#REF!*$C$3");
        assert_eq!(remap("=Budget!B4&\"B4\"", "Notes", "Budget", Axis::Rows, m), "=Budget!B3&\"B4\"");
        assert_eq!(remap("=B4", "Notes", "Budget", Axis::Rows, m), "=B4", "another sheet's cells");
        assert_eq!(remap("='It''s'!A4", "S", "It's", Axis::Rows, m), "='It''s'!A3");
        assert_eq!(remap("=LOG10(A4)+SUM(4:9)", "S", "S", Axis::Rows, m), "=LOG10(A3)+SUM(3:8)");
        assert_eq!(remap("=SUM(A:A)", "S", "S", Axis::Rows, m), "=SUM(A:A)");
    }

    #[test]
    fn pasted_formulas_shift_relative_ends() {
        assert_eq!(shift_relative("=SUM(B2:B5)+$A$1+A$2", 3, 1), "=SUM(C5:C8)+$A$1+B$2");
        assert_eq!(shift_relative("=A2", -2, 0), "=#REF!");
        assert_eq!(shift_relative("=Notes!A2&\"A2\"", 1, 0), "=Notes!A3&\"A2\"");
    }
}
