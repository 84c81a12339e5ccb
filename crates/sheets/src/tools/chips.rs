//! Smart chips for modify_sheet_values: which chips go into which cell, from the shapes the
//! `chips` argument accepts, and the `updateCells` requests that write them (all in one
//! batchUpdate). A cell holds its chips as `@` placeholders joined by spaces, one chip run
//! per placeholder.

use serde_json::{Value, json};
use wsmcp_core::ToolError;

use crate::a1::A1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chip {
    Drive(String),
    Person(String),
}

fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(u), Some(d), None)
        if !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.') && !s.contains(char::is_whitespace))
}

fn drive_uri(s: &str) -> Result<String, ToolError> {
    if s.starts_with("https://") || s.starts_with("http://") {
        return Ok(s.to_string());
    }
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Ok(format!("https://drive.google.com/open?id={s}"));
    }
    Err(ToolError::invalid(format!("'{s}' is neither a Drive URL nor a Drive file id")))
}

fn from_text(s: &str, chip_type: Option<&str>) -> Result<Chip, ToolError> {
    let s = s.trim();
    let person = match chip_type {
        Some("person") => true,
        Some("drive") => false,
        Some(other) => return Err(ToolError::invalid(format!("chip_type must be 'drive' or 'person', got '{other}'"))),
        None => s.contains('@') && !s.contains("://"),
    };
    if person {
        return if is_email(s) {
            Ok(Chip::Person(s.to_string()))
        } else {
            Err(ToolError::invalid(format!("'{s}' is not an email address for a person chip")))
        };
    }
    drive_uri(s).map(Chip::Drive)
}

fn from_value(v: &Value, chip_type: Option<&str>) -> Result<Chip, ToolError> {
    match v {
        Value::String(s) => from_text(s, chip_type),
        Value::Object(o) => {
            let text = |k: &str| o.get(k).and_then(Value::as_str);
            let kind = text("type").or(chip_type).or(if o.contains_key("email") { Some("person") } else { None });
            let target = if kind == Some("person") { text("email") } else { text("uri").or(text("url")) };
            let target = target.ok_or_else(|| {
                ToolError::invalid(
                    "a chip object needs {\"type\": \"drive\", \"uri\": ...} or {\"type\": \"person\", \"email\": ...}",
                )
            })?;
            from_text(target, Some(kind.unwrap_or("drive")))
        }
        other => Err(ToolError::invalid(format!("a chip must be a URL, an email or an object, got {other}"))),
    }
}

/// Where chips go: `(row offset, column offset, chips)` from the top-left of `range`.
pub fn layout(chips: &Value, chip_type: Option<&str>, range: &A1) -> Result<Vec<(u32, u32, Vec<Chip>)>, ToolError> {
    let rows = range.end_row.zip(range.start_row).map(|(e, s)| e - s);
    let cols = range.end_col.zip(range.start_col).map(|(e, s)| e - s);
    let single_row = rows == Some(1);
    let single_col = cols == Some(1) && !single_row;
    let along = |i: usize| if single_col { (i as u32, 0) } else { (0, i as u32) };
    let one = |v: &Value| from_value(v, chip_type);
    let cells: Vec<(u32, u32, Vec<Chip>)> = match chips {
        Value::Array(items) if items.is_empty() => return Err(ToolError::invalid("chips is an empty list")),
        Value::Array(items) if items.iter().all(Value::is_array) => {
            if single_row || single_col {
                let mut out = Vec::new();
                for (i, cell) in items.iter().enumerate() {
                    let list = cell.as_array().cloned().unwrap_or_default();
                    let (r, c) = along(i);
                    out.push((r, c, list.iter().map(one).collect::<Result<_, _>>()?));
                }
                out
            } else {
                let mut out = Vec::new();
                for (r, row) in items.iter().enumerate() {
                    for (c, v) in row.as_array().into_iter().flatten().enumerate() {
                        out.push((r as u32, c as u32, vec![one(v)?]));
                    }
                }
                out
            }
        }
        Value::Array(items) if rows == Some(1) && cols == Some(1) => {
            vec![(0, 0, items.iter().map(one).collect::<Result<_, _>>()?)]
        }
        Value::Array(items) => {
            let mut out = Vec::new();
            for (i, v) in items.iter().enumerate() {
                let (r, c) = match (single_row || single_col, cols) {
                    (false, Some(w)) if w > 0 => (i as u32 / w, i as u32 % w),
                    _ => along(i),
                };
                out.push((r, c, vec![one(v)?]));
            }
            out
        }
        v => vec![(0, 0, vec![one(v)?])],
    };
    for (r, c, list) in &cells {
        if list.is_empty() {
            return Err(ToolError::invalid("chips lists a cell with no chips"));
        }
        if rows.is_some_and(|n| *r >= n) || cols.is_some_and(|n| *c >= n) {
            return Err(ToolError::invalid(format!(
                "chips do not fit in range {}: give a larger range or fewer chips",
                range.to_a1()
            )));
        }
    }
    Ok(cells)
}

/// The CellData of one cell holding `chips`.
pub fn cell_data(chips: &[Chip]) -> Value {
    let text = vec!["@"; chips.len()].join(" ");
    let mut runs = Vec::new();
    for (i, chip) in chips.iter().enumerate() {
        let chip = match chip {
            Chip::Drive(uri) => json!({ "richLinkProperties": { "uri": uri } }),
            Chip::Person(email) => json!({ "personProperties": { "email": email, "displayFormat": "DEFAULT" } }),
        };
        runs.push(json!({ "startIndex": i * 2, "chip": chip }));
        if i + 1 < chips.len() {
            runs.push(json!({ "startIndex": i * 2 + 1 }));
        }
    }
    json!({ "userEnteredValue": { "stringValue": text }, "chipRuns": runs })
}

/// One updateCells request per chip cell (cells in between stay as they are).
pub fn requests(cells: &[(u32, u32, Vec<Chip>)], sheet_id: i64, top: u32, left: u32) -> Vec<Value> {
    cells
        .iter()
        .map(|(r, c, chips)| {
            json!({ "updateCells": {
                "start": { "sheetId": sheet_id, "rowIndex": top + r, "columnIndex": left + c },
                "rows": [{ "values": [cell_data(chips)] }],
                "fields": "userEnteredValue,chipRuns",
            }})
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(s: &str) -> A1 {
        A1::parse(s).unwrap()
    }

    #[test]
    fn shapes_place_chips() {
        let person = Chip::Person("a@x.com".into());
        assert_eq!(layout(&json!("a@x.com"), None, &range("A1")).unwrap(), vec![(0, 0, vec![person.clone()])]);
        let two = layout(&json!(["a@x.com", "https://drive.google.com/d/1"]), None, &range("A1")).unwrap();
        assert_eq!(two.len(), 1);
        assert_eq!(two[0].2.len(), 2, "a list for one cell is that cell's chips");
        let across = layout(&json!(["a@x.com", "b@x.com"]), None, &range("A1:A2")).unwrap();
        assert_eq!(across.iter().map(|c| (c.0, c.1)).collect::<Vec<_>>(), [(0, 0), (1, 0)]);
        let first = layout(&json!([["a@x.com", "b@x.com"]]), None, &range("A1:C1")).unwrap();
        assert_eq!((first.len(), first[0].2.len()), (1, 2));
        let grid = layout(&json!([["a@x.com", "b@x.com"], ["c@x.com", "d@x.com"]]), None, &range("A1:B2")).unwrap();
        assert_eq!(grid.len(), 4);
        let obj = layout(&json!({"type": "drive", "uri": "abc_123"}), None, &range("B2")).unwrap();
        assert_eq!(obj[0].2, vec![Chip::Drive("https://drive.google.com/open?id=abc_123".into())]);
    }

    #[test]
    fn bad_chips_are_explained() {
        let err = |v: Value, t: Option<&str>, r: &str| layout(&v, t, &range(r)).unwrap_err().to_string();
        assert!(err(json!("not an email@"), Some("person"), "A1").contains("not an email"));
        assert!(err(json!(["a@x.com", "b@x.com", "c@x.com"]), None, "A1:B1").contains("do not fit"));
        assert!(err(json!("x"), Some("file"), "A1").contains("chip_type"));
        assert!(err(json!([]), None, "A1").contains("empty"));
    }

    #[test]
    fn cells_hold_placeholders_and_runs() {
        let c = cell_data(&[Chip::Person("a@x.com".into()), Chip::Drive("https://d".into())]);
        assert_eq!(c["userEnteredValue"]["stringValue"], "@ @");
        assert_eq!(c["chipRuns"].as_array().unwrap().len(), 3);
        assert_eq!(c["chipRuns"][2]["chip"]["richLinkProperties"]["uri"], "https://d");
    }
}
