//! The requests of one resize_sheet_dimensions call, planned from the sheet's size: row
//! numbers and column letters checked against the grid, contiguous rows and columns grouped
//! into one request each, deletes bottom-up, inserts at positions moved up by the deletes
//! above them (so every argument means the sheet as it was before the call).

use std::collections::BTreeSet;

use serde_json::{Value, json};
use wsmcp_core::ToolError;

use super::dimensions::ResizeSheetDimensionsParams;
use super::{given, json_arg};
use crate::a1::{column_index, column_letters};

/// The grid a call works on: the sheet's id and size.
pub(super) struct Grid {
    pub id: i64,
    pub rows: u32,
    pub cols: u32,
}

impl Grid {
    fn row(&self, v: &Value, what: &str) -> Result<u32, ToolError> {
        let n = match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if n >= 1 && n <= i64::from(self.rows) => Ok(n as u32 - 1),
            Some(n) if n >= 1 => {
                Err(ToolError::invalid(format!("{what}: row {n} is beyond the sheet, which has {} rows", self.rows)))
            }
            _ => Err(ToolError::invalid(format!("{what}: '{}' is not a row number (rows start at 1)", plain(v)))),
        }
    }

    fn col(&self, v: &Value, what: &str) -> Result<u32, ToolError> {
        let text = plain(v);
        match column_index(text.trim()) {
            Some(c) if c < self.cols => Ok(c),
            Some(_) => Err(ToolError::invalid(format!(
                "{what}: column {text} is beyond the sheet, whose last column is {}",
                column_letters(self.cols.saturating_sub(1))
            ))),
            None => Err(ToolError::invalid(format!("{what}: '{text}' is not a column letter (e.g. A, C, AB)"))),
        }
    }

    fn range(&self, dimension: &str, start: u32, end: u32) -> Value {
        json!({ "sheetId": self.id, "dimension": dimension, "startIndex": start, "endIndex": end })
    }
}

fn plain(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// A list argument: a list, its JSON text, or comma-separated text.
fn list_arg(v: Option<&Value>, what: &str) -> Result<Vec<Value>, ToolError> {
    let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(Vec::new()) };
    match json_arg(v, what)? {
        Value::Array(items) => Ok(items),
        Value::String(s) => Ok(s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(Value::from).collect()),
        Value::Number(n) => Ok(vec![Value::Number(n)]),
        _ => Err(ToolError::invalid(format!("{what} must be a list, e.g. [\"C\", \"D\"] or [3, 4]"))),
    }
}

/// A map argument (`{"A": 200}`) as pairs.
fn map_arg(v: Option<&Value>, what: &str) -> Result<Vec<(String, Value)>, ToolError> {
    let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(Vec::new()) };
    match json_arg(v, what)? {
        Value::Object(m) => Ok(m.into_iter().collect()),
        _ => Err(ToolError::invalid(format!("{what} must be an object such as {{\"A\": 200}}"))),
    }
}

fn pixels(v: &Value, what: &str) -> Result<u32, ToolError> {
    v.as_f64()
        .filter(|n| *n >= 1.0 && *n <= 10_000.0)
        .map(|n| n.round() as u32)
        .ok_or_else(|| ToolError::invalid(format!("{what}: the size must be a number of pixels from 1, got {v}")))
}

/// Contiguous runs of indexes as `[start, end)` spans.
fn runs(indexes: &BTreeSet<u32>) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &i in indexes {
        match out.last_mut() {
            Some((_, e)) if *e == i => *e += 1,
            _ => out.push((i, i + 1)),
        }
    }
    out
}

/// `5:10` as 0-based `[4, 10)`.
fn row_span(text: &str, grid: &Grid) -> Result<(u32, u32), ToolError> {
    let bad = || {
        ToolError::invalid(format!(
            "delete_row_range must be \"start:end\" with 1-based rows, e.g. \"5:10\"; got '{text}'"
        ))
    };
    let (a, b) = text.split_once(':').ok_or_else(bad)?;
    let (a, b) = (grid.row(&json!(a.trim()), "delete_row_range")?, grid.row(&json!(b.trim()), "delete_row_range")?);
    if b < a {
        return Err(ToolError::invalid(format!("delete_row_range '{text}': the end row comes before the start row")));
    }
    Ok((a, b + 1))
}

/// Where an insert at old index `at` lands once `deleted` are gone.
fn after_deletes(at: u32, deleted: &BTreeSet<u32>) -> u32 {
    at - deleted.range(..at).count() as u32
}

pub(super) struct Plan {
    pub requests: Vec<Value>,
    pub done: Vec<String>,
}

pub(super) fn plan(p: &ResizeSheetDimensionsParams, grid: &Grid) -> Result<Plan, ToolError> {
    let (mut requests, mut done) = (Vec::new(), Vec::new());
    let size = |range: Value, px: u32| json!({ "updateDimensionProperties": { "range": range, "properties": { "pixelSize": px }, "fields": "pixelSize" } });
    let col_sizes = map_arg(p.column_sizes.as_ref(), "column_sizes")?;
    for (letter, px) in &col_sizes {
        let c = grid.col(&json!(letter), "column_sizes")?;
        requests.push(size(grid.range("COLUMNS", c, c + 1), pixels(px, &format!("column_sizes {letter}"))?));
    }
    if !col_sizes.is_empty() {
        done.push(format!(
            "column widths {}",
            col_sizes.iter().map(|(k, v)| format!("{k}={v}px")).collect::<Vec<_>>().join(", ")
        ));
    }
    let row_sizes = map_arg(p.row_sizes.as_ref(), "row_sizes")?;
    for (row, px) in &row_sizes {
        let r = grid.row(&json!(row), "row_sizes")?;
        requests.push(size(grid.range("ROWS", r, r + 1), pixels(px, &format!("row_sizes {row}"))?));
    }
    if !row_sizes.is_empty() {
        done.push(format!(
            "row heights {}",
            row_sizes.iter().map(|(k, v)| format!("{k}={v}px")).collect::<Vec<_>>().join(", ")
        ));
    }
    let fit =
        |items: Vec<Value>, rows: bool, what: &str, requests: &mut Vec<Value>| -> Result<Vec<String>, ToolError> {
            let mut set = BTreeSet::new();
            for v in &items {
                set.insert(if rows { grid.row(v, what)? } else { grid.col(v, what)? });
            }
            for (s, e) in runs(&set) {
                let range = grid.range(if rows { "ROWS" } else { "COLUMNS" }, s, e);
                requests.push(json!({ "autoResizeDimensions": { "dimensions": range } }));
            }
            Ok(items.iter().map(plain).collect())
        };
    let cols = fit(
        list_arg(p.auto_resize_columns.as_ref(), "auto_resize_columns")?,
        false,
        "auto_resize_columns",
        &mut requests,
    )?;
    if !cols.is_empty() {
        done.push(format!("columns fitted to content: {}", cols.join(", ")));
    }
    let rows =
        fit(list_arg(p.auto_resize_rows.as_ref(), "auto_resize_rows")?, true, "auto_resize_rows", &mut requests)?;
    if !rows.is_empty() {
        done.push(format!("rows fitted to content: {}", rows.join(", ")));
    }
    let mut frozen = json!({});
    let mut fields = Vec::new();
    for (value, key, limit, what) in [
        (p.frozen_row_count, "frozenRowCount", grid.rows, "frozen_row_count"),
        (p.frozen_column_count, "frozenColumnCount", grid.cols, "frozen_column_count"),
    ] {
        let Some(n) = value else { continue };
        if n < 0 || n >= i64::from(limit) {
            return Err(ToolError::invalid(format!("{what} must be from 0 to {}, got {n}", limit.saturating_sub(1))));
        }
        frozen[key] = json!(n);
        fields.push(format!("gridProperties.{key}"));
        done.push(format!("{what} {n}"));
    }
    if !fields.is_empty() {
        requests.push(json!({ "updateSheetProperties": {
            "properties": { "sheetId": grid.id, "gridProperties": frozen }, "fields": fields.join(",") } }));
    }
    for (arg, rows, hide, what) in [
        (&p.hide_columns, false, true, "hide_columns"),
        (&p.unhide_columns, false, false, "unhide_columns"),
        (&p.hide_rows, true, true, "hide_rows"),
        (&p.unhide_rows, true, false, "unhide_rows"),
    ] {
        let items = list_arg(arg.as_ref(), what)?;
        let mut set = BTreeSet::new();
        for v in &items {
            set.insert(if rows { grid.row(v, what)? } else { grid.col(v, what)? });
        }
        for (s, e) in runs(&set) {
            requests.push(json!({ "updateDimensionProperties": {
                "range": grid.range(if rows { "ROWS" } else { "COLUMNS" }, s, e),
                "properties": { "hiddenByUser": hide }, "fields": "hiddenByUser" } }));
        }
        if !items.is_empty() {
            let shown: Vec<String> = items.iter().map(plain).collect();
            done.push(format!(
                "{} {} {}",
                if hide { "hid" } else { "showed" },
                if rows { "rows" } else { "columns" },
                shown.join(", ")
            ));
        }
    }
    let mut del_rows = BTreeSet::new();
    for v in list_arg(p.delete_rows.as_ref(), "delete_rows")? {
        del_rows.insert(grid.row(&v, "delete_rows")?);
    }
    if let Some(text) = given(p.delete_row_range.as_deref()) {
        let (s, e) = row_span(text, grid)?;
        del_rows.extend(s..e);
    }
    let mut del_cols = BTreeSet::new();
    for v in list_arg(p.delete_columns.as_ref(), "delete_columns")? {
        del_cols.insert(grid.col(&v, "delete_columns")?);
    }
    // Bottom-up and right-to-left, so each delete's indexes are still the original ones.
    for (set, dim) in [(&del_rows, "ROWS"), (&del_cols, "COLUMNS")] {
        for (s, e) in runs(set).into_iter().rev() {
            requests.push(json!({ "deleteDimension": { "range": grid.range(dim, s, e) } }));
        }
    }
    if !del_rows.is_empty() {
        let shown: Vec<String> = runs(&del_rows)
            .iter()
            .map(|(s, e)| if e - s == 1 { format!("{}", s + 1) } else { format!("{}-{e}", s + 1) })
            .collect();
        done.push(format!("deleted rows {}", shown.join(", ")));
    }
    if !del_cols.is_empty() {
        done.push(format!(
            "deleted columns {}",
            del_cols.iter().map(|c| column_letters(*c)).collect::<Vec<_>>().join(", ")
        ));
    }
    insert(p, grid, &del_rows, &del_cols, &mut requests, &mut done)?;
    Ok(Plan { requests, done })
}

fn insert(
    p: &ResizeSheetDimensionsParams,
    grid: &Grid,
    del_rows: &BTreeSet<u32>,
    del_cols: &BTreeSet<u32>,
    requests: &mut Vec<Value>,
    done: &mut Vec<String>,
) -> Result<(), ToolError> {
    if p.insert_rows.is_none() && p.insert_rows_at.is_some() {
        return Err(ToolError::invalid("insert_rows_at needs insert_rows, the number of rows to insert"));
    }
    if p.insert_columns.is_none() && given(p.insert_columns_at.as_deref()).is_some() {
        return Err(ToolError::invalid("insert_columns_at needs insert_columns, the number of columns to insert"));
    }
    if let Some(n) = p.insert_rows {
        let n = u32::try_from(n)
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| ToolError::invalid(format!("insert_rows must be 1 or more, got {n}")))?;
        match p.insert_rows_at {
            None => {
                requests.push(json!({ "appendDimension": { "sheetId": grid.id, "dimension": "ROWS", "length": n } }));
                done.push(format!("added {n} row(s) at the end"));
            }
            Some(at) => {
                if at < 1 || at > i64::from(grid.rows) + 1 {
                    return Err(ToolError::invalid(format!(
                        "insert_rows_at must be a row from 1 to {} (one past the last row), got {at}",
                        grid.rows + 1
                    )));
                }
                let start = after_deletes(at as u32 - 1, del_rows);
                requests.push(json!({ "insertDimension": {
                    "range": grid.range("ROWS", start, start + n), "inheritFromBefore": start > 0 } }));
                done.push(format!("inserted {n} row(s) before row {at}"));
            }
        }
    }
    if let Some(n) = p.insert_columns {
        let n = u32::try_from(n)
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| ToolError::invalid(format!("insert_columns must be 1 or more, got {n}")))?;
        match given(p.insert_columns_at.as_deref()) {
            None => {
                requests
                    .push(json!({ "appendDimension": { "sheetId": grid.id, "dimension": "COLUMNS", "length": n } }));
                done.push(format!("added {n} column(s) at the end"));
            }
            Some(letter) => {
                let at = column_index(letter.trim()).filter(|c| *c <= grid.cols).ok_or_else(|| {
                    ToolError::invalid(format!(
                        "insert_columns_at: '{letter}' is not a column of this sheet (or the one after its last)"
                    ))
                })?;
                let start = after_deletes(at, del_cols);
                requests.push(json!({ "insertDimension": {
                    "range": grid.range("COLUMNS", start, start + n), "inheritFromBefore": start > 0 } }));
                done.push(format!("inserted {n} column(s) before column {}", letter.trim().to_ascii_uppercase()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        Grid { id: 7, rows: 20, cols: 5 }
    }

    #[test]
    fn indexes_mean_the_sheet_before_the_call() {
        let p = ResizeSheetDimensionsParams {
            delete_rows: Some(json!([3, 4, 9])),
            insert_rows: Some(2),
            insert_rows_at: Some(10),
            ..Default::default()
        };
        let made = plan(&p, &grid()).unwrap();
        let kinds: Vec<&str> =
            made.requests.iter().map(|r| r.as_object().unwrap().keys().next().unwrap().as_str()).collect();
        assert_eq!(kinds, ["deleteDimension", "deleteDimension", "insertDimension"]);
        assert_eq!(made.requests[0]["deleteDimension"]["range"]["startIndex"], 8, "bottom-up");
        assert_eq!(made.requests[1]["deleteDimension"]["range"]["startIndex"], 2);
        assert_eq!(made.requests[1]["deleteDimension"]["range"]["endIndex"], 4, "rows 3 and 4 in one request");
        // Old row 10 (index 9) is index 6 once rows 3, 4 and 9 are gone.
        assert_eq!(made.requests[2]["insertDimension"]["range"]["startIndex"], 6);
        // An insert inside a deleted block lands where the block was.
        let inside = ResizeSheetDimensionsParams {
            delete_row_range: Some("5:8".into()),
            insert_rows: Some(1),
            insert_rows_at: Some(6),
            ..Default::default()
        };
        assert_eq!(plan(&inside, &grid()).unwrap().requests[1]["insertDimension"]["range"]["startIndex"], 4);
    }

    #[test]
    fn bad_rows_and_columns_are_named() {
        let err = |p: ResizeSheetDimensionsParams| plan(&p, &grid()).err().unwrap().to_string();
        assert!(
            err(ResizeSheetDimensionsParams { hide_rows: Some(json!([0])), ..Default::default() })
                .contains("rows start at 1")
        );
        assert!(
            err(ResizeSheetDimensionsParams { hide_columns: Some(json!(["F"])), ..Default::default() })
                .contains("last column is E")
        );
        assert!(
            err(ResizeSheetDimensionsParams { delete_row_range: Some("9:5".into()), ..Default::default() })
                .contains("before the start")
        );
        assert!(
            err(ResizeSheetDimensionsParams { column_sizes: Some(json!({"A": 0})), ..Default::default() })
                .contains("pixels")
        );
    }
}
