//! The Sheets tools, one explicit list: spreadsheets (create, info, list), values (read,
//! modify), formatting, tabs (create, manage), named ranges, tables (list, append rows),
//! conditional formatting, rows (move between sheets), dimensions (sizes, hide, insert,
//! delete), and comments (through Drive's comments API).

use serde_json::Value;
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::{ToolDef, ToolError};

use crate::a1::A1;
use crate::api;

mod chips;
mod comments;
mod conditional;
mod conditional_rule;
mod dimension_plan;
mod dimensions;
mod format;
mod named;
mod rows;
mod spreadsheets;
mod tables;
mod tabs;
mod values;

pub(crate) fn all() -> Vec<ToolDef> {
    vec![
        spreadsheets::create_spreadsheet(),
        values::read_sheet_values(),
        values::modify_sheet_values(),
        spreadsheets::get_spreadsheet_info(),
        spreadsheets::list_spreadsheets(),
        format::format_sheet_range(),
        tabs::create_sheet(),
        tabs::manage_sheet_tab(),
        named::manage_named_range(),
        tables::list_sheet_tables(),
        tables::append_table_rows(),
        conditional::manage_conditional_formatting(),
        rows::move_sheet_rows(),
        dimensions::resize_sheet_dimensions(),
        comments::list(),
        comments::manage(),
    ]
}

pub(crate) use wsmcp_core::args::{given, nonblank};

/// A range argument in A1 notation; the error names the argument and the problem.
pub(crate) fn range_arg(value: &str, what: &str) -> Result<A1, ToolError> {
    A1::parse(value).map_err(|e| ToolError::invalid(format!("{what}: {e}")))
}

/// An argument that may arrive as JSON text or as JSON itself (clients differ).
pub(crate) fn json_arg(value: &Value, what: &str) -> Result<Value, ToolError> {
    match value {
        Value::String(s) if s.trim_start().starts_with(['[', '{']) => {
            serde_json::from_str(s).map_err(|e| ToolError::invalid(format!("{what} is not valid JSON: {e}")))
        }
        other => Ok(other.clone()),
    }
}

/// `values` as rows of scalar cells (a JSON list of lists, or its text); `empty_hint` ends
/// the error for an empty list.
pub(crate) fn rows_arg(values: &Value, empty_hint: &str) -> Result<Vec<Vec<Value>>, ToolError> {
    let parsed = json_arg(values, "values")?;
    let shape =
        || ToolError::invalid("values must be a list of rows, each a list of cell values, e.g. [[\"a\", \"1\"]]");
    let rows = parsed.as_array().ok_or_else(shape)?;
    if rows.is_empty() {
        return Err(ToolError::invalid(format!("values is empty; give at least one row{empty_hint}")));
    }
    let mut out = Vec::new();
    for row in rows {
        let cells = row.as_array().ok_or_else(shape)?;
        if cells.iter().any(|c| c.is_array() || c.is_object()) {
            return Err(ToolError::invalid("values: each cell must be a string, number, boolean or null"));
        }
        out.push(cells.clone());
    }
    Ok(out)
}

/// One tab of a spreadsheet, as `spreadsheets.get` describes it.
#[derive(Debug, Clone)]
pub(crate) struct Tab {
    pub id: i64,
    pub title: String,
    pub index: i64,
}

/// The spreadsheet's tabs, in order (one read, only the sheet properties).
pub(crate) async fn tabs(g: &GoogleCtx, spreadsheet: &str) -> Result<Vec<Tab>, ToolError> {
    let book = api::spreadsheets_get(g, spreadsheet, &[], false, Some("sheets/properties")).await?;
    Ok(tabs_of(book["sheets"].as_array().map_or(&[], Vec::as_slice)))
}

/// The tabs of `sheets` as `spreadsheets.get` returned them.
pub(crate) fn tabs_of(sheets: &[Value]) -> Vec<Tab> {
    sheets
        .iter()
        .map(|s| {
            let p = &s["properties"];
            Tab {
                id: p["sheetId"].as_i64().unwrap_or(0),
                title: p["title"].as_str().unwrap_or("").to_string(),
                index: p["index"].as_i64().unwrap_or(0),
            }
        })
        .collect()
}

/// The tab called `name` (exact, then ignoring case), or an error listing the tabs there are.
pub(crate) fn find_tab<'a>(tabs: &'a [Tab], name: &str) -> Result<&'a Tab, ToolError> {
    tabs.iter()
        .find(|t| t.title == name)
        .or_else(|| tabs.iter().find(|t| t.title.eq_ignore_ascii_case(name)))
        .ok_or_else(|| {
            let names: Vec<String> = tabs.iter().map(|t| format!("'{}'", t.title)).collect();
            ToolError::invalid(format!(
                "no sheet named '{name}' in this spreadsheet; its sheets are {}",
                names.join(", ")
            ))
        })
}

/// A `#RRGGBB` color as Google's Color (0-1 floats).
pub(crate) fn hex_color(value: &str, what: &str) -> Result<Value, ToolError> {
    let hex = value.trim().trim_start_matches('#');
    let ok = hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit());
    if !ok {
        return Err(ToolError::invalid(format!("{what} must be a hex color such as #FFEECC, got '{value}'")));
    }
    let part = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map(|v| f64::from(v) / 255.0).unwrap_or(0.0);
    Ok(serde_json::json!({ "red": part(0), "green": part(2), "blue": part(4) }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn unique_tools_with_hints_and_scopes() {
        let tools = all();
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), tools.len());
        for t in &tools {
            assert!(!t.scopes.is_empty() && !t.title.is_empty() && !t.description.is_empty(), "{}", t.name);
            let props = t.input_schema.get("properties").and_then(Value::as_object).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            let reads = t.scopes.iter().all(|s| wsmcp_core::scope::is_read_only(s));
            assert_eq!(t.hints.read_only, reads, "{}: read-only hint and scopes disagree", t.name);
        }
    }

    #[test]
    fn json_args_and_colors() {
        assert_eq!(json_arg(&json!("[[\"a\"]]"), "values").unwrap(), json!([["a"]]));
        assert_eq!(json_arg(&json!("plain"), "values").unwrap(), json!("plain"));
        assert!(json_arg(&json!("[oops"), "values").unwrap_err().to_string().contains("not valid JSON"));
        assert_eq!(hex_color("#FF0000", "c").unwrap(), json!({"red": 1.0, "green": 0.0, "blue": 0.0}));
        assert!(hex_color("red", "text_color").unwrap_err().to_string().contains("text_color"));
    }
}
