//! Sheets replies as text for the model: ids the next call needs, sizes, and values as one
//! JSON array per row (unambiguous whatever the cells hold). Pure functions.

use serde_json::Value;

use crate::a1::{column_letters, quote_sheet};

/// Color as `#RRGGBB` from Google's 0-1 floats.
pub fn hex(c: &Value) -> String {
    let part = |k: &str| (c[k].as_f64().unwrap_or(0.0) * 255.0).round() as u8;
    format!("#{:02X}{:02X}{:02X}", part("red"), part("green"), part("blue"))
}

/// One tab: `- "Budget" (sheet id 0, index 0): 1000 rows x 26 columns, frozen rows 1`.
pub fn tab_line(s: &Value) -> String {
    let p = &s["properties"];
    let grid = &p["gridProperties"];
    let mut line = format!(
        "- \"{}\" (sheet id {}, index {}): {} rows x {} columns",
        p["title"].as_str().unwrap_or(""),
        p["sheetId"].as_i64().unwrap_or(0),
        p["index"].as_i64().unwrap_or(0),
        grid["rowCount"].as_u64().unwrap_or(0),
        grid["columnCount"].as_u64().unwrap_or(0),
    );
    let count = |k: &str| grid[k].as_u64().filter(|n| *n > 0);
    if let Some(n) = count("frozenRowCount") {
        line.push_str(&format!(", frozen rows {n}"));
    }
    if let Some(n) = count("frozenColumnCount") {
        line.push_str(&format!(", frozen columns {n}"));
    }
    if p["hidden"] == Value::Bool(true) {
        line.push_str(", hidden");
    }
    if grid["hideGridlines"] == Value::Bool(true) {
        line.push_str(", gridlines hidden");
    }
    if let Some(c) = p["tabColorStyle"].get("rgbColor").or(p.get("tabColor")) {
        line.push_str(&format!(", tab color {}", hex(c)));
    }
    let merges = s["merges"].as_array().map_or(0, Vec::len);
    if merges > 0 {
        line.push_str(&format!(", {merges} merged range(s)"));
    }
    let rules = s["conditionalFormats"].as_array().map_or(0, Vec::len);
    if rules > 0 {
        line.push_str(&format!(", {rules} conditional format rule(s)"));
    }
    line.push('\n');
    line
}

/// A sheet's conditional format rules, numbered as the API numbers them (earlier rules win).
pub fn rules(title: &str, rules: &[Value], sheets: &[Value]) -> String {
    if rules.is_empty() {
        return format!("Sheet '{title}' has no conditional format rules.\n");
    }
    let mut out = format!("Conditional format rules of sheet '{title}' ({}):\n", rules.len());
    for (i, r) in rules.iter().enumerate() {
        let ranges: Vec<String> =
            r["ranges"].as_array().into_iter().flatten().map(|g| grid_range_a1(g, sheets)).collect();
        out.push_str(&format!("  {i}: {} | {}\n", ranges.join(", "), rule_text(r)));
    }
    out
}

fn rule_text(r: &Value) -> String {
    if let Some(g) = r.get("gradientRule") {
        let point = |k: &str| {
            let p = &g[k];
            let value = p["value"].as_str().map(|v| format!(" {v}")).unwrap_or_default();
            format!("{}{value} {}", p["type"].as_str().unwrap_or("?"), hex(&p["color"]))
        };
        let mid = if g.get("midpoint").is_some() { format!(" -> {}", point("midpoint")) } else { String::new() };
        return format!("color scale {}{mid} -> {}", point("minpoint"), point("maxpoint"));
    }
    let b = &r["booleanRule"];
    let values: Vec<&str> = b["condition"]["values"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["userEnteredValue"].as_str())
        .collect();
    let mut format = Vec::new();
    if let Some(c) = b["format"].get("backgroundColor") {
        format.push(format!("background {}", hex(c)));
    }
    if let Some(c) = b["format"]["textFormat"].get("foregroundColor") {
        format.push(format!("text {}", hex(c)));
    }
    let shown = if values.is_empty() { String::new() } else { format!(" {}", values.join(", ")) };
    format!("{}{shown} -> {}", b["condition"]["type"].as_str().unwrap_or("?"), format.join(", "))
}

/// Id, link and tabs of a new or fetched spreadsheet.
pub fn summary(book: &Value) -> String {
    let mut out = format!(
        "- ID: {}\n- URL: {}\n- Sheets:\n",
        book["spreadsheetId"].as_str().unwrap_or(""),
        book["spreadsheetUrl"].as_str().unwrap_or("")
    );
    for s in book["sheets"].as_array().into_iter().flatten() {
        out.push_str(&format!("  {}", tab_line(s)));
    }
    out
}

/// A GridRange in A1 notation, with the sheet's title when known.
pub fn grid_range_a1(r: &Value, sheets: &[Value]) -> String {
    let id = r["sheetId"].as_i64().unwrap_or(0);
    let title = sheets
        .iter()
        .find(|s| s["properties"]["sheetId"].as_i64() == Some(id))
        .and_then(|s| s["properties"]["title"].as_str())
        .unwrap_or("?");
    let side = |k: &str| r[k].as_u64().map(|v| v as u32);
    let a1 = crate::a1::A1 {
        sheet: Some(title.to_string()),
        start_row: side("startRowIndex"),
        end_row: side("endRowIndex"),
        start_col: side("startColumnIndex"),
        end_col: side("endColumnIndex"),
    };
    if a1.has_cells() { a1.to_a1() } else { quote_sheet(title) }
}

pub fn info(book: &Value) -> String {
    let p = &book["properties"];
    let sheets = book["sheets"].as_array().cloned().unwrap_or_default();
    let mut out = format!(
        "Spreadsheet \"{}\"\n- ID: {}\n- URL: {}\n- Locale: {}, time zone: {}\n- Sheets ({}):\n",
        p["title"].as_str().unwrap_or(""),
        book["spreadsheetId"].as_str().unwrap_or(""),
        book["spreadsheetUrl"].as_str().unwrap_or(""),
        p["locale"].as_str().unwrap_or("?"),
        p["timeZone"].as_str().unwrap_or("?"),
        sheets.len(),
    );
    for s in &sheets {
        out.push_str(&format!("  {}", tab_line(s)));
    }
    let named = book["namedRanges"].as_array().cloned().unwrap_or_default();
    if !named.is_empty() {
        out.push_str(&format!("- Named ranges ({}):\n", named.len()));
        for n in &named {
            out.push_str(&format!(
                "  - {} = {} (ID: {})\n",
                n["name"].as_str().unwrap_or(""),
                grid_range_a1(&n["range"], &sheets),
                n["namedRangeId"].as_str().unwrap_or("")
            ));
        }
    }
    out
}

/// One Drive file of a spreadsheet listing.
pub fn file_line(f: &Value) -> String {
    let owner = f["owners"][0]["displayName"].as_str().map(|o| format!(" | owner {o}")).unwrap_or_default();
    format!(
        "- \"{}\" (ID: {}) | modified {}{owner} | {}\n",
        f["name"].as_str().unwrap_or(""),
        f["id"].as_str().unwrap_or(""),
        f["modifiedTime"].as_str().unwrap_or("?"),
        f["webViewLink"].as_str().unwrap_or("")
    )
}

/// A cell address: `'Q3 plan'!B7`.
pub fn cell_a1(sheet: &str, row: u32, col: u32) -> String {
    format!("{}!{}{}", quote_sheet(sheet), column_letters(col), row + 1)
}

/// Rows of values, numbered by their row in the sheet.
pub fn value_rows(rows: &[Value], first_row: u32) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push_str(&format!("Row {}: {}\n", first_row + i as u32 + 1, row));
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn tabs_and_cells_read_well() {
        let s = json!({"properties": {"sheetId": 7, "title": "Q3 plan", "index": 1, "hidden": true,
            "gridProperties": {"rowCount": 10, "columnCount": 3, "frozenRowCount": 1},
            "tabColorStyle": {"rgbColor": {"red": 1.0}}}});
        assert_eq!(
            tab_line(&s),
            "- \"Q3 plan\" (sheet id 7, index 1): 10 rows x 3 columns, frozen rows 1, hidden, tab color #FF0000\n"
        );
        assert_eq!(cell_a1("Q3 plan", 6, 1), "'Q3 plan'!B7");
        assert_eq!(value_rows(&[json!(["a", "1"])], 4), "Row 5: [\"a\",\"1\"]\n");
    }
}
