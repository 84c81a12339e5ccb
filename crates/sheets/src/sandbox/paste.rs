//! copyPaste: the source cells (PASTE_NORMAL: values, formats, notes, links, validation;
//! PASTE_VALUES: shown values; PASTE_FORMAT: formats) pasted at the destination's top-left,
//! repeated when the destination is a whole multiple of the source. A pasted formula's
//! relative references move by the paste offset, as when copying in Sheets.

use serde_json::{Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::cells::{effective, effective_json};
use super::format::grid;
use super::refs;
use super::store::{Cell, Entered, Spreadsheet};
use crate::a1::A1;

fn bad(msg: impl Into<String>) -> GoogleError {
    GoogleError::bad_request(msg)
}

pub fn apply(book: &mut Spreadsheet, r: &Value) -> Result<Value, GoogleError> {
    let kind = r["pasteType"].as_str().unwrap_or("PASTE_NORMAL");
    if !matches!(kind, "PASTE_NORMAL" | "PASTE_VALUES" | "PASTE_FORMAT") {
        return Err(GoogleError::not_emulated("copyPaste", kind));
    }
    if r["pasteOrientation"].as_str().is_some_and(|o| o != "NORMAL") {
        return Err(GoogleError::not_emulated("copyPaste", "pasteOrientation"));
    }
    let (si, (r0, r1, c0, c1)) = grid(book, &r["source"])?;
    let (di, (d0, d1, e0, e1)) = grid(book, &r["destination"])?;
    let (h, w) = (r1 - r0, c1 - c0);
    if h == 0 || w == 0 {
        return Err(bad("The source range is empty."));
    }
    let times = |dest: u32, src: u32| if dest > src && dest.is_multiple_of(src) { dest / src } else { 1 };
    let (ty, tx) = (times(d1 - d0, h), times(e1 - e0, w));
    let area = A1 {
        sheet: None,
        start_row: Some(d0),
        end_row: Some(d0 + h * ty),
        start_col: Some(e0),
        end_col: Some(e0 + w * tx),
    };
    book.sheets[di].check_within(&area)?;
    let copied: Vec<((u32, u32), Cell)> = book.sheets[si]
        .cells
        .iter()
        .filter(|((row, col), _)| (r0..r1).contains(row) && (c0..c1).contains(col))
        .map(|((row, col), cell)| {
            let mut cell = cell.clone();
            if kind == "PASTE_VALUES" {
                let shown = effective_json(&effective(book, si, *row, *col, 0));
                cell = Cell { value: shown.and_then(|v| value_of(&v)), ..Cell::default() };
            }
            ((row - r0, col - c0), cell)
        })
        .collect();
    let dest = &mut book.sheets[di];
    let inside = |(row, col): &(u32, u32)| (d0..d0 + h * ty).contains(row) && (e0..e0 + w * tx).contains(col);
    if kind == "PASTE_FORMAT" {
        for (k, cell) in dest.cells.iter_mut() {
            if inside(k) {
                cell.format = None;
            }
        }
    } else {
        dest.cells.retain(|k, _| !inside(k));
    }
    for y in 0..ty {
        for x in 0..tx {
            for ((dr, dc), cell) in &copied {
                let at = (d0 + y * h + dr, e0 + x * w + dc);
                let (rows, cols) = (i64::from(at.0) - i64::from(r0 + dr), i64::from(at.1) - i64::from(c0 + dc));
                let mut cell = cell.clone();
                if let Some(Entered::Formula(f)) = &cell.value {
                    cell.value = Some(Entered::Formula(refs::shift_relative(f, rows, cols)));
                }
                let target = dest.cells.entry(at).or_default();
                if kind == "PASTE_FORMAT" {
                    target.format = cell.format;
                } else {
                    *target = cell;
                }
            }
        }
    }
    dest.cells.retain(|_, c| !c.is_blank());
    Ok(json!({}))
}

fn value_of(v: &Value) -> Option<Entered> {
    if let Some(n) = v["numberValue"].as_f64() {
        return Some(Entered::Number(n));
    }
    if let Some(b) = v["boolValue"].as_bool() {
        return Some(Entered::Bool(b));
    }
    v["stringValue"].as_str().or(v["errorValue"]["message"].as_str()).map(|s| Entered::Text(s.to_string()))
}
