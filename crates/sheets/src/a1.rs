//! A1 notation, parsed once for the tools and the emulation alike: an optional sheet name
//! (`Sheet1!`, `'Q3 plan'!`, `'It''s'!`, non-ASCII names), then a cell (`B2`), a rectangle
//! (`A1:C10`), whole columns (`A:C`), whole rows (`2:5`) or an open-ended range (`A2:C`);
//! a sheet name alone means the whole sheet. Indexes are 0-based with exclusive ends, as in
//! Google's `GridRange`; `None` means unbounded on that side.

use serde_json::{Value, json};

/// Columns Google allows in one sheet (18,278 is `ZZZ`).
pub const MAX_COLUMNS: u32 = 18_278;
/// Cells Google allows in one spreadsheet; no row number can exceed it.
pub const MAX_ROWS: u32 = 10_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct A1 {
    pub sheet: Option<String>,
    pub start_row: Option<u32>,
    pub end_row: Option<u32>,
    pub start_col: Option<u32>,
    pub end_col: Option<u32>,
}

/// One side of a `:` range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Cell(u32, u32),
    Col(u32),
    Row(u32),
}

/// A column letter run (`A`, `AB`) as a 0-based index.
pub fn column_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let n = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1);
    (n <= MAX_COLUMNS).then_some(n - 1)
}

/// A 0-based column index as letters (`0` → `A`, `27` → `AB`).
pub fn column_letters(index: u32) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn parse_end(s: &str) -> Option<End> {
    let s = s.replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit()).unwrap_or(s.len());
    let (letters, digits) = s.split_at(split);
    let row = || digits.parse::<u32>().ok().filter(|r| (1..=MAX_ROWS).contains(r)).map(|r| r - 1);
    match (letters.is_empty(), digits.is_empty()) {
        (false, false) if digits.bytes().all(|b| b.is_ascii_digit()) => Some(End::Cell(column_index(letters)?, row()?)),
        (false, true) => Some(End::Col(column_index(letters)?)),
        (true, false) if digits.bytes().all(|b| b.is_ascii_digit()) => Some(End::Row(row()?)),
        _ => None,
    }
}

/// The cell part of a range (`A1`, `A1:C3`, `A:C`, `2:5`, `A2:C`), if it is one.
fn parse_cells(s: &str) -> Option<A1> {
    let ordered = |a: u32, b: u32| (a.min(b), a.max(b) + 1);
    let mut r = A1::default();
    match s.split_once(':') {
        None => {
            let End::Cell(c, row) = parse_end(s)? else { return None };
            (r.start_col, r.end_col, r.start_row, r.end_row) = (Some(c), Some(c + 1), Some(row), Some(row + 1));
        }
        Some((a, b)) => match (parse_end(a)?, parse_end(b)?) {
            (End::Cell(c1, r1), End::Cell(c2, r2)) => {
                let ((sc, ec), (sr, er)) = (ordered(c1, c2), ordered(r1, r2));
                (r.start_col, r.end_col, r.start_row, r.end_row) = (Some(sc), Some(ec), Some(sr), Some(er));
            }
            (End::Col(c1), End::Col(c2)) => {
                let (sc, ec) = ordered(c1, c2);
                (r.start_col, r.end_col) = (Some(sc), Some(ec));
            }
            (End::Row(r1), End::Row(r2)) => {
                let (sr, er) = ordered(r1, r2);
                (r.start_row, r.end_row) = (Some(sr), Some(er));
            }
            // `A2:C`: from row 2 down to the end of the sheet.
            (End::Cell(c1, r1), End::Col(c2)) => {
                let (sc, ec) = ordered(c1, c2);
                (r.start_col, r.end_col, r.start_row) = (Some(sc), Some(ec), Some(r1));
            }
            // `A2:5`: rows 2 to 5 from column A to the last column.
            (End::Cell(c1, r1), End::Row(r2)) => {
                let (sr, er) = ordered(r1, r2);
                (r.start_col, r.start_row, r.end_row) = (Some(c1), Some(sr), Some(er));
            }
            _ => return None,
        },
    }
    Some(r)
}

/// Splits `'It''s'!A1` into the unquoted sheet name and the rest after `!` (if any).
fn split_sheet(s: &str) -> Result<(Option<String>, Option<&str>), String> {
    if let Some(rest) = s.strip_prefix('\'') {
        let mut name = String::new();
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '\'' {
                name.push(c);
                continue;
            }
            if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                name.push('\'');
                continue;
            }
            let after = &rest[i + 1..];
            if name.is_empty() {
                return Err("the quoted sheet name is empty".into());
            }
            return match after.strip_prefix('!') {
                Some(cells) => Ok((Some(name), Some(cells))),
                None if after.is_empty() => Ok((Some(name), None)),
                None => Err(format!("expected '!' after the quoted sheet name '{name}', found '{after}'")),
            };
        }
        return Err("the sheet name's opening quote is never closed (write a quote inside a name as '')".into());
    }
    match s.rsplit_once('!') {
        Some(("", _)) => Err("the sheet name before '!' is empty".into()),
        Some((sheet, cells)) => Ok((Some(sheet.to_string()), Some(cells))),
        None => Ok((None, Some(s))),
    }
}

impl A1 {
    /// Parses a range; the error names what is wrong with it.
    pub fn parse(input: &str) -> Result<A1, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("the range is empty; give A1 notation such as Sheet1!A1:C10".into());
        }
        let bad = |why: &str| Err(format!("'{s}' is not a valid A1 range: {why}"));
        let (sheet, cells) = match split_sheet(s) {
            Ok(parts) => parts,
            Err(why) => return bad(&why),
        };
        match (sheet, cells) {
            (Some(sheet), None) => Ok(A1 { sheet: Some(sheet), ..A1::default() }),
            (Some(sheet), Some("")) => bad(&format!("nothing follows '{sheet}!'; give cells such as A1:C10")),
            (sheet, Some(cells)) => match parse_cells(cells) {
                Some(r) => Ok(A1 { sheet, ..r }),
                // Without `!`, a text that is no cell range is a sheet name, as Google reads it.
                None if sheet.is_none() => Ok(A1 { sheet: Some(cells.to_string()), ..A1::default() }),
                None => bad(&format!(
                    "'{cells}' is not a cell range (expected e.g. A1, A1:C10, A:C, 2:5 or A2:C; rows start at 1)"
                )),
            },
            (None, None) => bad("no cells given"),
        }
    }

    /// The same range on another sheet.
    pub fn on(mut self, sheet: &str) -> A1 {
        self.sheet = Some(sheet.to_string());
        self
    }

    /// Whether the range names cells (not only a sheet).
    pub fn has_cells(&self) -> bool {
        self.start_row.is_some() || self.start_col.is_some() || self.end_row.is_some() || self.end_col.is_some()
    }

    /// Google's `GridRange` on sheet `sheet_id` (unbounded sides omitted).
    pub fn grid_range(&self, sheet_id: i64) -> Value {
        let mut g = json!({ "sheetId": sheet_id });
        let sides = [
            ("startRowIndex", self.start_row),
            ("endRowIndex", self.end_row),
            ("startColumnIndex", self.start_col),
            ("endColumnIndex", self.end_col),
        ];
        for (k, v) in sides {
            if let Some(v) = v {
                g[k] = json!(v);
            }
        }
        g
    }

    /// The cells in A1 notation, without the sheet (`A1:C3`, `A:C`, `2:5`, `A2:C`).
    pub fn cells(&self) -> String {
        let row = |r: Option<u32>| r.map(|r| (r + 1).to_string()).unwrap_or_default();
        let col = |c: Option<u32>| c.map(column_letters).unwrap_or_default();
        let start = format!("{}{}", col(self.start_col), row(self.start_row));
        let end = format!("{}{}", col(self.end_col.map(|c| c - 1)), row(self.end_row.map(|r| r - 1)));
        if self.end_row == self.start_row.map(|r| r + 1) && self.end_col == self.start_col.map(|c| c + 1) {
            start
        } else {
            format!("{start}:{end}")
        }
    }

    /// The range as Google writes it back: `'Q3 plan'!A1:C3` (the sheet quoted when needed).
    pub fn to_a1(&self) -> String {
        let sheet = self.sheet.as_deref().map(quote_sheet);
        match (sheet, self.has_cells()) {
            (Some(s), true) => format!("{s}!{}", self.cells()),
            (Some(s), false) => s,
            (None, _) => self.cells(),
        }
    }
}

/// A sheet name as A1 notation needs it: quoted (quotes doubled) unless it is plain letters,
/// digits and underscores that could not be read as a cell.
pub fn quote_sheet(name: &str) -> String {
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && parse_cells(name).is_none();
    if plain { name.to_string() } else { format!("'{}'", name.replace('\'', "''")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(sheet: Option<&str>, sr: Option<u32>, er: Option<u32>, sc: Option<u32>, ec: Option<u32>) -> A1 {
        A1 { sheet: sheet.map(String::from), start_row: sr, end_row: er, start_col: sc, end_col: ec }
    }

    #[test]
    fn cells_rows_columns_and_open_ranges() {
        assert_eq!(A1::parse("B2").unwrap(), r(None, Some(1), Some(2), Some(1), Some(2)));
        assert_eq!(A1::parse("Sheet1!A1:C10").unwrap(), r(Some("Sheet1"), Some(0), Some(10), Some(0), Some(3)));
        assert_eq!(A1::parse("A:C").unwrap(), r(None, None, None, Some(0), Some(3)));
        assert_eq!(A1::parse("2:5").unwrap(), r(None, Some(1), Some(5), None, None));
        assert_eq!(A1::parse("A2:C").unwrap(), r(None, Some(1), None, Some(0), Some(3)));
        assert_eq!(A1::parse("$A$1:$b$2").unwrap(), r(None, Some(0), Some(2), Some(0), Some(2)));
        assert_eq!(A1::parse("C3:A1").unwrap(), A1::parse("A1:C3").unwrap(), "corners in any order");
        assert_eq!(A1::parse("AA1").unwrap().start_col, Some(26));
    }

    #[test]
    fn sheet_names_quoted_spaced_and_non_ascii() {
        assert_eq!(A1::parse("'It''s'!A1").unwrap().sheet.as_deref(), Some("It's"));
        assert_eq!(A1::parse("'Q3 plan'!A1:B2").unwrap().sheet.as_deref(), Some("Q3 plan"));
        assert_eq!(A1::parse("Übersicht!A1").unwrap().sheet.as_deref(), Some("Übersicht"));
        assert_eq!(A1::parse("'a!b'!C1").unwrap().sheet.as_deref(), Some("a!b"));
        let whole = A1::parse("Budget").unwrap();
        assert_eq!(whole, r(Some("Budget"), None, None, None, None));
        assert!(!whole.has_cells());
        assert_eq!(A1::parse("'My Sheet'").unwrap().sheet.as_deref(), Some("My Sheet"));
        assert_eq!(A1::parse("Q3 plan").unwrap().sheet.as_deref(), Some("Q3 plan"));
    }

    #[test]
    fn bad_ranges_name_the_problem() {
        let err = |s: &str| A1::parse(s).unwrap_err();
        assert!(err("Sheet1!A0").contains("rows start at 1"), "{}", err("Sheet1!A0"));
        assert!(err("'Open!A1").contains("never closed"));
        assert!(err("Sheet1!").contains("nothing follows"));
        assert!(err("!A1").contains("empty"));
        assert!(err("").contains("empty"));
        assert!(err("'x'A1").contains("expected '!'"));
        assert!(err("S!A1:B2:C3").contains("not a cell range"));
        assert!(err("S!ZZZZ1").contains("not a cell range"));
    }

    #[test]
    fn written_back_and_as_grid_ranges() {
        assert_eq!(A1::parse("'It''s'!a1:c3").unwrap().to_a1(), "'It''s'!A1:C3");
        assert_eq!(A1::parse("Sheet1!B2").unwrap().to_a1(), "Sheet1!B2");
        assert_eq!(A1::parse("A2:C").unwrap().to_a1(), "A2:C");
        assert_eq!(A1::parse("'Q3 plan'!2:5").unwrap().to_a1(), "'Q3 plan'!2:5");
        assert_eq!(quote_sheet("A1"), "'A1'");
        assert_eq!(
            A1::parse("B2:C").unwrap().grid_range(7),
            json!({"sheetId": 7, "startRowIndex": 1, "startColumnIndex": 1, "endColumnIndex": 3})
        );
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_index("zz"), Some(701));
    }
}
