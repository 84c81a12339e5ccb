//! The cell-level batchUpdate requests: updateCells and repeatCell (CellData applied through
//! a field mask), updateBorders, mergeCells, unmergeCells and setDataValidation. Every
//! GridRange is checked against the grid first.

use serde_json::{Map, Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::cells::{extended, parse_entered};
use super::store::{Cell, Entered, Spreadsheet};
use crate::a1::A1;

pub(super) type Bounds = (u32, u32, u32, u32);

/// A GridRange's sheet and bounds, or Google's error when it leaves the grid.
pub(super) fn grid(book: &Spreadsheet, range: &Value) -> Result<(usize, Bounds), GoogleError> {
    let i = book.sheet_by_id(range["sheetId"].as_i64().unwrap_or(0))?;
    let side = |k: &str| range[k].as_u64().map(|v| v as u32);
    let r = A1 {
        sheet: None,
        start_row: side("startRowIndex"),
        end_row: side("endRowIndex"),
        start_col: side("startColumnIndex"),
        end_col: side("endColumnIndex"),
    };
    let sheet = &book.sheets[i];
    sheet.check_within(&r)?;
    Ok((i, sheet.bounds(&r)))
}

/// `a(b,c),d.e` → `["a.b", "a.c", "d.e"]`.
pub fn mask_paths(fields: &str) -> Vec<String> {
    let (mut out, mut stack, mut cur) = (Vec::new(), Vec::<String>::new(), String::new());
    let prefix = |stack: &[String]| stack.iter().map(|s| format!("{s}.")).collect::<String>();
    for c in fields.chars() {
        match c {
            '(' => stack.push(std::mem::take(&mut cur)),
            ',' | ')' => {
                if !cur.trim().is_empty() {
                    out.push(format!("{}{}", prefix(&stack), cur.trim()));
                }
                cur.clear();
                if c == ')' {
                    stack.pop();
                }
            }
            c if !c.is_whitespace() => cur.push(c),
            _ => {}
        }
    }
    if !cur.is_empty() {
        out.push(format!("{}{cur}", prefix(&stack)));
    }
    out
}

fn cell_to_json(c: &Cell) -> Value {
    let mut m = Map::new();
    if let Some(v) = &c.value {
        m.insert("userEnteredValue".into(), extended(v));
    }
    let pairs = [
        ("userEnteredFormat", c.format.clone()),
        ("note", c.note.clone().map(Value::from)),
        ("hyperlink", c.hyperlink.clone().map(Value::from)),
        ("chipRuns", c.chip_runs.clone()),
        ("dataValidation", c.validation.clone()),
    ];
    for (k, v) in pairs {
        if let Some(v) = v {
            m.insert(k.into(), v);
        }
    }
    Value::Object(m)
}

fn cell_from_json(v: &Value) -> Cell {
    let entered = &v["userEnteredValue"];
    let value = if let Some(f) = entered["formulaValue"].as_str() {
        Some(Entered::Formula(f.to_string()))
    } else if let Some(s) = entered["stringValue"].as_str() {
        Some(Entered::Text(s.to_string()))
    } else {
        entered.get("numberValue").or(entered.get("boolValue")).and_then(|x| parse_entered(x, false).0)
    };
    let opt = |k: &str| v.get(k).filter(|x| !x.is_null()).cloned();
    Cell {
        value,
        format: opt("userEnteredFormat").filter(|f| f != &json!({})),
        note: v["note"].as_str().map(str::to_string),
        hyperlink: v["hyperlink"].as_str().map(str::to_string),
        chip_runs: opt("chipRuns"),
        validation: opt("dataValidation"),
    }
}

/// Copies each masked path of `src` into `dst` (a path absent in `src` is cleared).
fn merge_masked(dst: &mut Value, src: &Value, paths: &[String]) {
    for path in paths {
        if path == "*" {
            *dst = src.clone();
            continue;
        }
        let keys: Vec<&str> = path.split('.').collect();
        let from = keys.iter().try_fold(src, |v, k| v.get(*k));
        let Some((last, parents)) = keys.split_last() else { continue };
        let mut target = &mut *dst;
        for k in parents {
            if !target.get(*k).is_some_and(Value::is_object) {
                target[*k] = json!({});
            }
            target = &mut target[*k];
        }
        match (from, target.as_object_mut()) {
            (Some(v), Some(obj)) => {
                obj.insert((*last).to_string(), v.clone());
            }
            (None, Some(obj)) => {
                obj.remove(*last);
            }
            _ => {}
        }
    }
}

pub(super) fn set_cell(book: &mut Spreadsheet, i: usize, at: (u32, u32), data: &Value, paths: &[String]) {
    let sheet = &mut book.sheets[i];
    let mut current = sheet.cells.get(&at).map(cell_to_json).unwrap_or_else(|| json!({}));
    merge_masked(&mut current, data, paths);
    let cell = cell_from_json(&current);
    if cell.is_blank() {
        sheet.cells.remove(&at);
    } else {
        sheet.cells.insert(at, cell);
    }
}

pub fn apply(book: &mut Spreadsheet, kind: &str, r: &Value) -> Result<Value, GoogleError> {
    let paths = mask_paths(r["fields"].as_str().unwrap_or(""));
    match kind {
        "repeatCell" | "updateCells" | "setDataValidation" if paths.is_empty() && kind != "setDataValidation" => {
            Err(GoogleError::bad_request("At least one field must be updated, but 'fields' is empty."))
        }
        "repeatCell" => {
            let (i, (r0, r1, c0, c1)) = grid(book, &r["range"])?;
            for row in r0..r1 {
                for col in c0..c1 {
                    set_cell(book, i, (row, col), &r["cell"], &paths);
                }
            }
            Ok(json!({}))
        }
        "updateCells" => {
            let (i, r0, c0, bound) = if r.get("range").is_some() {
                let (i, (r0, r1, c0, c1)) = grid(book, &r["range"])?;
                (i, r0, c0, Some((r1, c1)))
            } else {
                let s = &r["start"];
                let i = book.sheet_by_id(s["sheetId"].as_i64().unwrap_or(0))?;
                (i, s["rowIndex"].as_u64().unwrap_or(0) as u32, s["columnIndex"].as_u64().unwrap_or(0) as u32, None)
            };
            let rows = r["rows"].as_array().cloned().unwrap_or_default();
            let height = rows.len() as u32;
            let width = rows.iter().map(|x| x["values"].as_array().map_or(0, Vec::len)).max().unwrap_or(0) as u32;
            let end = A1 {
                sheet: None,
                start_row: Some(r0),
                end_row: Some(r0 + height.max(1)),
                start_col: Some(c0),
                end_col: Some(c0 + width.max(1)),
            };
            book.sheets[i].check_within(&end)?;
            for (dr, row) in rows.iter().enumerate() {
                for (dc, data) in row["values"].as_array().into_iter().flatten().enumerate() {
                    let at = (r0 + dr as u32, c0 + dc as u32);
                    if bound.is_none_or(|(r1, c1)| at.0 < r1 && at.1 < c1) {
                        set_cell(book, i, at, data, &paths);
                    }
                }
            }
            Ok(json!({}))
        }
        "setDataValidation" => {
            let (i, (r0, r1, c0, c1)) = grid(book, &r["range"])?;
            let rule = r.get("rule").filter(|v| !v.is_null()).cloned();
            for row in r0..r1 {
                for col in c0..c1 {
                    let data = rule.clone().map_or_else(|| json!({}), |v| json!({ "dataValidation": v }));
                    set_cell(book, i, (row, col), &data, &["dataValidation".to_string()]);
                }
            }
            Ok(json!({}))
        }
        "updateBorders" => borders(book, r),
        "mergeCells" => merge(book, r),
        _ => {
            let (i, (r0, r1, c0, c1)) = grid(book, &r["range"])?;
            let inside = |m: &Value| {
                let g = |k: &str| m[k].as_u64().unwrap_or(0) as u32;
                g("startRowIndex") < r1
                    && g("endRowIndex") > r0
                    && g("startColumnIndex") < c1
                    && g("endColumnIndex") > c0
            };
            book.sheets[i].merges.retain(|m| !inside(m));
            Ok(json!({}))
        }
    }
}

/// Edges get top/bottom/left/right; the inner lines become the facing sides of inner cells.
fn borders(book: &mut Spreadsheet, r: &Value) -> Result<Value, GoogleError> {
    let (i, (r0, r1, c0, c1)) = grid(book, &r["range"])?;
    for row in r0..r1 {
        for col in c0..c1 {
            let mut sides = Vec::new();
            let pick = |edge: bool, outer: &str, inner: &str| if edge { outer.to_string() } else { inner.to_string() };
            sides.push(("top", pick(row == r0, "top", "innerHorizontal")));
            sides.push(("bottom", pick(row + 1 == r1, "bottom", "innerHorizontal")));
            sides.push(("left", pick(col == c0, "left", "innerVertical")));
            sides.push(("right", pick(col + 1 == c1, "right", "innerVertical")));
            for (side, from) in sides {
                let Some(b) = r.get(&from).filter(|b| !b.is_null()) else { continue };
                let path = format!("userEnteredFormat.borders.{side}");
                let data = if b["style"] == json!("NONE") {
                    json!({})
                } else {
                    json!({ "userEnteredFormat": { "borders": { side: b } } })
                };
                set_cell(book, i, (row, col), &data, &[path]);
            }
        }
    }
    Ok(json!({}))
}

fn merge(book: &mut Spreadsheet, r: &Value) -> Result<Value, GoogleError> {
    let (i, (r0, r1, c0, c1)) = grid(book, &r["range"])?;
    let id = book.sheets[i].id;
    let rect = |a: u32, b: u32, c: u32, d: u32| json!({ "sheetId": id, "startRowIndex": a, "endRowIndex": b, "startColumnIndex": c, "endColumnIndex": d });
    let merges: Vec<Value> = match r["mergeType"].as_str().unwrap_or("MERGE_ALL") {
        "MERGE_COLUMNS" => (c0..c1).map(|c| rect(r0, r1, c, c + 1)).collect(),
        "MERGE_ROWS" => (r0..r1).map(|row| rect(row, row + 1, c0, c1)).collect(),
        _ => vec![rect(r0, r1, c0, c1)],
    };
    let sheet = &mut book.sheets[i];
    let overlaps = sheet.merges.iter().any(|m| {
        let g = |k: &str| m[k].as_u64().unwrap_or(0) as u32;
        g("startRowIndex") < r1 && g("endRowIndex") > r0 && g("startColumnIndex") < c1 && g("endColumnIndex") > c0
    });
    if overlaps {
        return Err(GoogleError::bad_request("You can't merge cells that are already partially merged."));
    }
    for m in &merges {
        let g = |k: &str| m[k].as_u64().unwrap_or(0) as u32;
        let (top, left) = (g("startRowIndex"), g("startColumnIndex"));
        // A merge keeps only its top-left value.
        for ((row, col), cell) in sheet.cells.iter_mut() {
            let inside = (top..g("endRowIndex")).contains(row) && (left..g("endColumnIndex")).contains(col);
            if inside && (*row, *col) != (top, left) {
                cell.value = None;
            }
        }
    }
    sheet.cells.retain(|_, c| !c.is_blank());
    sheet.merges.extend(merges);
    Ok(json!({}))
}
