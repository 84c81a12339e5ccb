//! Row and column requests: insertDimension, deleteDimension, appendDimension, moveDimension,
//! updateDimensionProperties and autoResizeDimensions. A change of indexes is one `Change`,
//! applied to everything on the sheet that has a position: cells, row/column properties,
//! merges, conditional format ranges, tables, named ranges, and the formulas of every sheet
//! that point at it (`refs`). Inserted rows and columns start with default properties and
//! empty cells (`inheritFromBefore` is checked, not applied to formats).

use serde_json::{Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::refs::{self, Axis, IndexMap};
use super::store::{Dim, Entered, SheetRec, Spreadsheet};

fn bad(msg: impl Into<String>) -> GoogleError {
    GoogleError::bad_request(msg)
}

/// How the indexes of one dimension change.
#[derive(Debug, Clone, Copy)]
pub enum Change {
    Insert {
        at: u32,
        n: u32,
    },
    Delete {
        start: u32,
        end: u32,
    },
    /// The block `[start, end)` now starts at `to` (in the coordinates after the move).
    Move {
        start: u32,
        end: u32,
        to: u32,
    },
}

impl IndexMap for Change {
    fn single(&self, i: u32) -> Option<u32> {
        match *self {
            Change::Insert { at, n } => Some(if i >= at { i + n } else { i }),
            Change::Delete { start, end } if (start..end).contains(&i) => None,
            Change::Delete { start, end } => Some(if i >= end { i - (end - start) } else { i }),
            Change::Move { start, end, to } if (start..end).contains(&i) => Some(to + (i - start)),
            Change::Move { start, end, to } => {
                let rest = Change::Delete { start, end }.single(i)?;
                Change::Insert { at: to, n: end - start }.single(rest)
            }
        }
    }

    /// Spans lose deleted indexes and grow by indexes inserted strictly inside them; a move is
    /// a delete then an insert, except that a span inside the moved block moves with it.
    fn span(&self, s: u32, e: u32) -> Option<(u32, u32)> {
        match *self {
            Change::Insert { .. } => Some((self.single(s)?, self.single(e.checked_sub(1)?)? + 1)),
            Change::Delete { start, end } => {
                let deleted = |i: u32| (start..end).contains(&i);
                let lo = if deleted(s) { Some(end).filter(|x| *x < e) } else { Some(s) }?;
                let hi = if deleted(e - 1) { start.checked_sub(1).filter(|x| *x >= s) } else { Some(e - 1) }?;
                Some((self.single(lo)?, self.single(hi)? + 1))
            }
            Change::Move { start, end, to } if start <= s && e <= end => Some((to + s - start, to + e - start)),
            Change::Move { start, end, to } => {
                let (a, b) = Change::Delete { start, end }.span(s, e)?;
                Change::Insert { at: to, n: end - start }.span(a, b)
            }
        }
    }
}

/// A DimensionRange's sheet, axis and `[start, end)`, checked against the grid.
pub fn dimension_range(book: &Spreadsheet, r: &Value) -> Result<(usize, Axis, u32, u32), GoogleError> {
    let i = book.sheet_by_id(r["sheetId"].as_i64().unwrap_or(0))?;
    let axis = axis_of(&r["dimension"])?;
    let count = extent(&book.sheets[i], axis);
    let start = r["startIndex"].as_u64().unwrap_or(0) as u32;
    let end = r["endIndex"].as_u64().map_or(count, |v| v as u32);
    if start >= end {
        return Err(bad(format!("Invalid dimension range: startIndex {start} must be less than endIndex {end}.")));
    }
    if end > count {
        let what = if axis == Axis::Rows { "rows" } else { "columns" };
        return Err(bad(format!(
            "Range ('{}'!{}) exceeds grid limits. The sheet has {count} {what} (endIndex {end}).",
            book.sheets[i].title.replace('\'', "''"),
            if axis == Axis::Rows { format!("{}:{}", start + 1, end) } else { cols_a1(start, end) }
        )));
    }
    Ok((i, axis, start, end))
}

fn cols_a1(start: u32, end: u32) -> String {
    format!("{}:{}", crate::a1::column_letters(start), crate::a1::column_letters(end - 1))
}

fn axis_of(v: &Value) -> Result<Axis, GoogleError> {
    match v.as_str() {
        Some("ROWS") => Ok(Axis::Rows),
        Some("COLUMNS") => Ok(Axis::Columns),
        _ => Err(bad("Invalid dimension: must be ROWS or COLUMNS.")),
    }
}

fn extent(sheet: &SheetRec, axis: Axis) -> u32 {
    if axis == Axis::Rows { sheet.rows } else { sheet.cols }
}

pub fn apply(book: &mut Spreadsheet, kind: &str, r: &Value) -> Result<Value, GoogleError> {
    match kind {
        "insertDimension" => {
            let range = &r["range"];
            let i = book.sheet_by_id(range["sheetId"].as_i64().unwrap_or(0))?;
            let axis = axis_of(&range["dimension"])?;
            let (at, end) = (range["startIndex"].as_u64().unwrap_or(0) as u32, range["endIndex"].as_u64());
            let end = end.map_or(at, |e| e as u32);
            let count = extent(&book.sheets[i], axis);
            if end <= at || at > count {
                return Err(bad(format!(
                    "Invalid insert range: startIndex {at} must be at most {count} and below endIndex {end}."
                )));
            }
            if at == 0 && r["inheritFromBefore"] == json!(true) {
                return Err(bad("Cannot inherit properties from before the first row or column (startIndex 0)."));
            }
            change(book, i, axis, Change::Insert { at, n: end - at });
        }
        "deleteDimension" => {
            let (i, axis, start, end) = dimension_range(book, &r["range"])?;
            if start == 0 && end == extent(&book.sheets[i], axis) {
                let what = if axis == Axis::Rows { "rows" } else { "columns" };
                return Err(bad(format!("You can't delete all the {what} on the sheet.")));
            }
            change(book, i, axis, Change::Delete { start, end });
        }
        "appendDimension" => {
            let i = book.sheet_by_id(r["sheetId"].as_i64().unwrap_or(0))?;
            let axis = axis_of(&r["dimension"])?;
            let n = r["length"].as_u64().unwrap_or(0) as u32;
            if n == 0 {
                return Err(bad("Invalid appendDimension: length must be greater than 0."));
            }
            let sheet = &mut book.sheets[i];
            match axis {
                Axis::Rows => sheet.rows += n,
                Axis::Columns => sheet.cols += n,
            }
        }
        "moveDimension" => {
            let (i, axis, start, end) = dimension_range(book, &r["source"])?;
            // Google counts destinationIndex before the block leaves the grid.
            let dest = r["destinationIndex"].as_u64().unwrap_or(0) as u32;
            if dest > extent(&book.sheets[i], axis) {
                return Err(bad(format!("Invalid destinationIndex {dest}: it is beyond the end of the sheet.")));
            }
            if start < dest && dest < end {
                return Err(bad(format!(
                    "Invalid destinationIndex {dest}: it lies inside the moved range [{start}, {end})."
                )));
            }
            let to = if dest > start { dest - (end - start) } else { dest };
            if to != start {
                change(book, i, axis, Change::Move { start, end, to });
            }
        }
        "updateDimensionProperties" => update_properties(book, r)?,
        _ => auto_resize(book, &r["dimensions"])?,
    }
    Ok(json!({}))
}

fn meta_mut(sheet: &mut SheetRec, axis: Axis) -> &mut std::collections::BTreeMap<u32, Dim> {
    if axis == Axis::Rows { &mut sheet.row_meta } else { &mut sheet.col_meta }
}

fn update_properties(book: &mut Spreadsheet, r: &Value) -> Result<(), GoogleError> {
    let (i, axis, start, end) = dimension_range(book, &r["range"])?;
    let p = &r["properties"];
    let fields: Vec<&str> = r["fields"].as_str().unwrap_or("").split(',').map(str::trim).collect();
    if fields.iter().all(|f| f.is_empty()) {
        return Err(bad("At least one field must be updated, but 'fields' is empty."));
    }
    for f in &fields {
        if !matches!(*f, "pixelSize" | "hiddenByUser") {
            return Err(GoogleError::not_emulated("updateDimensionProperties", f));
        }
    }
    if fields.contains(&"pixelSize") && p["pixelSize"].as_i64().is_some_and(|v| v < 0) {
        return Err(bad("Invalid pixelSize: it must not be negative."));
    }
    let meta = meta_mut(&mut book.sheets[i], axis);
    for index in start..end {
        let dim = meta.entry(index).or_default();
        if fields.contains(&"pixelSize") {
            dim.pixel_size = p["pixelSize"].as_u64().map(|v| v as u32);
        }
        if fields.contains(&"hiddenByUser") {
            dim.hidden = p["hiddenByUser"] == json!(true);
        }
    }
    meta.retain(|_, d| *d != Dim::default());
    Ok(())
}

/// Sizes to fit the shown text: about 7 px a character plus padding for columns, 21 px a
/// line for rows (never below the default height).
fn auto_resize(book: &mut Spreadsheet, r: &Value) -> Result<(), GoogleError> {
    let (i, axis, start, end) = dimension_range(book, r)?;
    let mut sizes = Vec::new();
    for index in start..end {
        let sheet = &book.sheets[i];
        let texts =
            sheet.cells.keys().filter(|(row, col)| if axis == Axis::Rows { *row == index } else { *col == index });
        let texts: Vec<String> = texts
            .map(|(row, col)| super::cells::rendered(book, i, *row, *col, "FORMATTED_VALUE"))
            .map(|v| v.as_str().unwrap_or("").to_string())
            .collect();
        let size = match axis {
            Axis::Columns => texts.iter().map(|t| t.lines().map(|l| l.chars().count()).max().unwrap_or(0)).max(),
            Axis::Rows => texts.iter().map(|t| t.lines().count().max(1)).max(),
        };
        sizes.push((index, size));
    }
    let meta = meta_mut(&mut book.sheets[i], axis);
    for (index, size) in sizes {
        let px = match (axis, size) {
            (_, None) => None,
            (Axis::Columns, Some(chars)) => Some(chars as u32 * 7 + 10),
            (Axis::Rows, Some(lines)) => Some((lines as u32 * super::store::ROW_PIXELS).max(super::store::ROW_PIXELS)),
        };
        let dim = meta.entry(index).or_default();
        dim.pixel_size = px;
    }
    meta.retain(|_, d| *d != Dim::default());
    Ok(())
}

/// A GridRange's two sides on `axis` through `c`; `None` when nothing of it is left.
pub fn remap_grid_range(range: &mut Value, axis: Axis, c: &Change) -> Option<()> {
    let (sk, ek) = match axis {
        Axis::Rows => ("startRowIndex", "endRowIndex"),
        Axis::Columns => ("startColumnIndex", "endColumnIndex"),
    };
    let (s, e) = (range[sk].as_u64().map(|v| v as u32), range[ek].as_u64().map(|v| v as u32));
    match (s, e) {
        (Some(s), Some(e)) => {
            let (ns, ne) = c.span(s, e)?;
            range[sk] = json!(ns);
            range[ek] = json!(ne);
        }
        (Some(s), None) => range[sk] = json!(c.span(s, s + 1)?.0),
        (None, Some(e)) => range[ek] = json!(c.span(0, e)?.1),
        (None, None) => {}
    }
    Some(())
}

/// Applies `c` to sheet `i` on `axis`, and to every formula pointing at that sheet.
pub fn change(book: &mut Spreadsheet, i: usize, axis: Axis, c: Change) {
    let sheet_id = book.sheets[i].id;
    let title = book.sheets[i].title.clone();
    let sheet = &mut book.sheets[i];
    let key = |(row, col): (u32, u32)| -> Option<(u32, u32)> {
        match axis {
            Axis::Rows => Some((c.single(row)?, col)),
            Axis::Columns => Some((row, c.single(col)?)),
        }
    };
    sheet.cells = std::mem::take(&mut sheet.cells).into_iter().filter_map(|(k, v)| Some((key(k)?, v))).collect();
    let meta = meta_mut(sheet, axis);
    *meta = std::mem::take(meta).into_iter().filter_map(|(k, v)| Some((c.single(k)?, v))).collect();
    match (axis, c) {
        (Axis::Rows, Change::Insert { n, .. }) => sheet.rows += n,
        (Axis::Columns, Change::Insert { n, .. }) => sheet.cols += n,
        (Axis::Rows, Change::Delete { start, end }) => sheet.rows -= end - start,
        (Axis::Columns, Change::Delete { start, end }) => sheet.cols -= end - start,
        _ => {}
    }
    sheet.merges.retain_mut(|m| remap_grid_range(m, axis, &c).is_some());
    for rule in &mut sheet.conditional_formats {
        if let Some(ranges) = rule["ranges"].as_array_mut() {
            ranges.retain_mut(|r| remap_grid_range(r, axis, &c).is_some());
        }
    }
    sheet.conditional_formats.retain(|r| r["ranges"].as_array().is_some_and(|a| !a.is_empty()));
    sheet.tables.retain_mut(|t| remap_grid_range(&mut t["range"], axis, &c).is_some());
    book.named_ranges.retain_mut(|n| {
        n.range["sheetId"].as_i64().unwrap_or(0) != sheet_id || remap_grid_range(&mut n.range, axis, &c).is_some()
    });
    for s in &mut book.sheets {
        let own = s.title.clone();
        for cell in s.cells.values_mut() {
            if let Some(Entered::Formula(f)) = &cell.value {
                let new = refs::remap(f, &own, &title, axis, &c);
                cell.value = Some(Entered::Formula(new));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_follow_googles_destination_index() {
        // Google's example: rows 0..5 holding 0,1,2,3,4; moving [1,3) to destinationIndex 4
        // gives 0,3,1,2,4: the block starts at 4 - 2 = 2 once it has left the grid.
        let down = Change::Move { start: 1, end: 3, to: 2 };
        let order: Vec<u32> = (0..5).map(|i| down.single(i).unwrap()).collect();
        assert_eq!(order, vec![0, 2, 3, 1, 4]);
        let up = Change::Move { start: 3, end: 4, to: 0 };
        assert_eq!((0..5).map(|i| up.single(i).unwrap()).collect::<Vec<_>>(), vec![1, 2, 3, 0, 4]);
    }

    #[test]
    fn spans_shrink_grow_and_follow() {
        let del = Change::Delete { start: 2, end: 4 };
        assert_eq!(del.span(1, 6), Some((1, 4)));
        assert_eq!(del.span(2, 4), None);
        assert_eq!(del.span(3, 6), Some((2, 4)));
        let ins = Change::Insert { at: 3, n: 2 };
        assert_eq!(ins.span(1, 5), Some((1, 7)));
        assert_eq!(ins.span(3, 5), Some((5, 7)));
        assert_eq!(ins.span(1, 3), Some((1, 3)));
        let mv = Change::Move { start: 1, end: 2, to: 3 };
        assert_eq!(mv.span(1, 5), Some((1, 5)), "a row moved within a range keeps the range");
        assert_eq!(mv.span(1, 2), Some((3, 4)), "a range inside the block moves with it");
    }
}
