//! Conditional format rules: addConditionalFormatRule, updateConditionalFormatRule (replace a
//! rule, or move it with `newIndex`) and deleteConditionalFormatRule. Rules are kept per
//! sheet in order (earlier rules win); a rule's sheet is the one its ranges are on.

use serde_json::{Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::format::grid;
use super::store::Spreadsheet;

fn bad(msg: impl Into<String>) -> GoogleError {
    GoogleError::bad_request(msg)
}

/// Values each condition takes: `(least, most)`.
fn value_count(kind: &str) -> Option<(usize, usize)> {
    Some(match kind {
        "NUMBER_GREATER"
        | "NUMBER_GREATER_THAN_EQ"
        | "NUMBER_LESS"
        | "NUMBER_LESS_THAN_EQ"
        | "NUMBER_EQ"
        | "NUMBER_NOT_EQ"
        | "TEXT_CONTAINS"
        | "TEXT_NOT_CONTAINS"
        | "TEXT_STARTS_WITH"
        | "TEXT_ENDS_WITH"
        | "TEXT_EQ"
        | "TEXT_NOT_EQ"
        | "CUSTOM_FORMULA"
        | "ONE_OF_RANGE" => (1, 1),
        "NUMBER_BETWEEN" | "NUMBER_NOT_BETWEEN" | "DATE_BETWEEN" | "DATE_NOT_BETWEEN" => (2, 2),
        "DATE_EQ" | "DATE_BEFORE" | "DATE_AFTER" | "DATE_ON_OR_BEFORE" | "DATE_ON_OR_AFTER" | "DATE_NOT_EQ" => (1, 1),
        "BLANK" | "NOT_BLANK" | "TEXT_IS_EMAIL" | "TEXT_IS_URL" | "DATE_IS_VALID" => (0, 0),
        "ONE_OF_LIST" => (1, usize::MAX),
        _ => return None,
    })
}

/// The sheet a rule applies to, after checking it as Google does.
fn check_rule(book: &Spreadsheet, rule: &Value) -> Result<usize, GoogleError> {
    let ranges = rule["ranges"].as_array().filter(|r| !r.is_empty()).ok_or_else(|| bad("Rule must have a range."))?;
    let mut sheet = None;
    for r in ranges {
        let (i, _) = grid(book, r)?;
        if sheet.is_some_and(|s| s != i) {
            return Err(bad("All ranges of a conditional format rule must be on the same sheet."));
        }
        sheet = Some(i);
    }
    match (rule.get("booleanRule"), rule.get("gradientRule")) {
        (Some(b), None) => check_boolean(b)?,
        (None, Some(g)) => check_gradient(g)?,
        _ => return Err(bad("A conditional format rule must have exactly one of booleanRule or gradientRule.")),
    }
    sheet.ok_or_else(|| bad("Rule must have a range."))
}

fn check_boolean(b: &Value) -> Result<(), GoogleError> {
    let kind = b["condition"]["type"].as_str().unwrap_or("CONDITION_TYPE_UNSPECIFIED");
    let (least, most) =
        value_count(kind).ok_or_else(|| bad(format!("Invalid condition type {kind} for conditional formatting.")))?;
    let values = b["condition"]["values"].as_array().map_or(0, Vec::len);
    if values < least || values > most {
        return Err(bad(format!("Invalid ConditionValue count for {kind}: got {values}.")));
    }
    if kind == "CUSTOM_FORMULA"
        && !b["condition"]["values"][0]["userEnteredValue"].as_str().is_some_and(|f| f.starts_with('='))
    {
        return Err(bad("Invalid CUSTOM_FORMULA: the value must be a formula starting with '='."));
    }
    let format = b["format"].as_object().filter(|f| !f.is_empty()).ok_or_else(|| bad("Format is required."))?;
    for key in format.keys() {
        if !matches!(key.as_str(), "backgroundColor" | "backgroundColorStyle" | "textFormat" | "borders") {
            return Err(bad(format!("Conditional formats cannot set '{key}'.")));
        }
    }
    Ok(())
}

fn check_gradient(g: &Value) -> Result<(), GoogleError> {
    for (name, point) in [("minpoint", &g["minpoint"]), ("midpoint", &g["midpoint"]), ("maxpoint", &g["maxpoint"])] {
        if point.is_null() {
            if name == "midpoint" {
                continue;
            }
            return Err(bad(format!("Gradient rule requires a {name}.")));
        }
        let kind = point["type"].as_str().unwrap_or("INTERPOLATION_POINT_TYPE_UNSPECIFIED");
        let needs_value = matches!(kind, "NUMBER" | "PERCENT" | "PERCENTILE");
        if kind == "INTERPOLATION_POINT_TYPE_UNSPECIFIED" || (name == "midpoint" && !needs_value) {
            return Err(bad(format!("Invalid {name} type {kind}.")));
        }
        if needs_value != point["value"].as_str().is_some_and(|v| !v.is_empty()) {
            return Err(bad(format!(
                "Invalid {name}: {kind} {} a value.",
                if needs_value { "needs" } else { "takes no" }
            )));
        }
    }
    Ok(())
}

fn out_of_range(sheet_id: i64, index: i64) -> GoogleError {
    bad(format!("No conditional format on sheet: {sheet_id} at index: {index}"))
}

/// Position `index` in a list of `len` rules (`len` allowed when inserting).
fn position(index: &Value, len: usize, inserting: bool, sheet_id: i64) -> Result<usize, GoogleError> {
    let i = index.as_i64().unwrap_or(0);
    let max = if inserting { len } else { len.saturating_sub(1) };
    match usize::try_from(i) {
        Ok(u) if u <= max && (inserting || len > 0) => Ok(u),
        _ if inserting => Err(bad(format!("Invalid index {i}: the sheet has {len} conditional format rule(s)."))),
        _ => Err(out_of_range(sheet_id, i)),
    }
}

pub fn apply(book: &mut Spreadsheet, kind: &str, r: &Value) -> Result<Value, GoogleError> {
    match kind {
        "addConditionalFormatRule" => {
            let rule = r["rule"].clone();
            let i = check_rule(book, &rule)?;
            let sheet = &mut book.sheets[i];
            let at = position(&r["index"], sheet.conditional_formats.len(), true, sheet.id)?;
            sheet.conditional_formats.insert(at, rule);
            Ok(json!({}))
        }
        "updateConditionalFormatRule" => {
            let old_index = r["index"].as_i64().unwrap_or(0);
            match (r.get("rule").filter(|v| !v.is_null()), r.get("newIndex").filter(|v| !v.is_null())) {
                (Some(rule), None) => {
                    let i = check_rule(book, rule)?;
                    let sheet = &mut book.sheets[i];
                    let at = position(&r["index"], sheet.conditional_formats.len(), false, sheet.id)?;
                    let old = std::mem::replace(&mut sheet.conditional_formats[at], rule.clone());
                    Ok(json!({ "updateConditionalFormatRule": {
                        "oldIndex": old_index, "oldRule": old, "newIndex": old_index, "newRule": rule } }))
                }
                (None, Some(new_index)) => {
                    let id = r["sheetId"].as_i64().ok_or_else(|| bad("sheetId is required when newIndex is set."))?;
                    let i = book.sheet_by_id(id)?;
                    let sheet = &mut book.sheets[i];
                    let len = sheet.conditional_formats.len();
                    let from = position(&r["index"], len, false, id)?;
                    let to = position(new_index, len, false, id)?;
                    let rule = sheet.conditional_formats.remove(from);
                    sheet.conditional_formats.insert(to, rule.clone());
                    Ok(json!({ "updateConditionalFormatRule": {
                        "oldIndex": from, "oldRule": rule, "newIndex": to, "newRule": rule } }))
                }
                _ => Err(bad("Exactly one of rule or newIndex must be set.")),
            }
        }
        _ => {
            let id = r["sheetId"].as_i64().unwrap_or(0);
            let i = book.sheet_by_id(id)?;
            let sheet = &mut book.sheets[i];
            let at = position(&r["index"], sheet.conditional_formats.len(), false, id)?;
            let rule = sheet.conditional_formats.remove(at);
            Ok(json!({ "deleteConditionalFormatRule": { "rule": rule } }))
        }
    }
}
