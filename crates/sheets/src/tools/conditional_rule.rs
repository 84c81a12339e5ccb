//! The parts of a conditional format rule built from manage_conditional_formatting's
//! arguments: condition types Sheets knows, condition values, color-scale points and the
//! colors a matching cell gets.

use serde_json::{Value, json};
use wsmcp_core::ToolError;

use super::{given, hex_color, json_arg};

/// Google's BooleanCondition types a conditional format rule may use.
const CONDITIONS: &[&str] = &[
    "NUMBER_GREATER",
    "NUMBER_GREATER_THAN_EQ",
    "NUMBER_LESS",
    "NUMBER_LESS_THAN_EQ",
    "NUMBER_EQ",
    "NUMBER_NOT_EQ",
    "NUMBER_BETWEEN",
    "NUMBER_NOT_BETWEEN",
    "TEXT_CONTAINS",
    "TEXT_NOT_CONTAINS",
    "TEXT_STARTS_WITH",
    "TEXT_ENDS_WITH",
    "TEXT_EQ",
    "TEXT_NOT_EQ",
    "TEXT_IS_EMAIL",
    "TEXT_IS_URL",
    "DATE_EQ",
    "DATE_NOT_EQ",
    "DATE_BEFORE",
    "DATE_AFTER",
    "DATE_ON_OR_BEFORE",
    "DATE_ON_OR_AFTER",
    "DATE_BETWEEN",
    "DATE_NOT_BETWEEN",
    "DATE_IS_VALID",
    "ONE_OF_RANGE",
    "ONE_OF_LIST",
    "BLANK",
    "NOT_BLANK",
    "CUSTOM_FORMULA",
];

/// The condition's values as ConditionValues (`None` when not given).
pub(super) fn condition_values(v: Option<&Value>) -> Result<Option<Vec<Value>>, ToolError> {
    let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(None) };
    let parsed = json_arg(v, "condition_values")?;
    let items = match &parsed {
        Value::Array(a) => a.clone(),
        Value::String(_) | Value::Number(_) => vec![parsed.clone()],
        _ => return Err(ToolError::invalid("condition_values must be a list of strings or numbers")),
    };
    items
        .iter()
        .map(|x| match x {
            Value::String(s) => Ok(json!({ "userEnteredValue": s })),
            Value::Number(n) => Ok(json!({ "userEnteredValue": n.to_string() })),
            _ => Err(ToolError::invalid("condition_values must be a list of strings or numbers")),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A GradientRule from 2 or 3 points.
pub(super) fn gradient(v: &Value) -> Result<Value, ToolError> {
    let parsed = json_arg(v, "gradient_points")?;
    let points = parsed.as_array().filter(|p| (2..=3).contains(&p.len())).ok_or_else(|| {
        ToolError::invalid("gradient_points must be a list of 2 (min, max) or 3 (min, mid, max) points")
    })?;
    let names: &[(&str, &str)] = if points.len() == 2 {
        &[("minpoint", "MIN"), ("maxpoint", "MAX")]
    } else {
        &[("minpoint", "MIN"), ("midpoint", "PERCENTILE"), ("maxpoint", "MAX")]
    };
    let mut rule = json!({});
    for (point, (name, default_type)) in points.iter().zip(names) {
        let what = format!("gradient_points {name}");
        let color = point["color"].as_str().ok_or_else(|| ToolError::invalid(format!("{what} needs a color")))?;
        let kind = point["type"].as_str().unwrap_or(default_type).trim().to_ascii_uppercase();
        if !["MIN", "MAX", "NUMBER", "PERCENT", "PERCENTILE"].contains(&kind.as_str()) {
            return Err(ToolError::invalid(format!(
                "{what}: type must be MIN, MAX, NUMBER, PERCENT or PERCENTILE, got '{kind}'"
            )));
        }
        let mut p = json!({ "type": kind, "color": hex_color(color, &format!("{what} color"))? });
        let value = match &point["value"] {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ if *name == "midpoint" && kind == "PERCENTILE" => Some("50".to_string()),
            _ => None,
        };
        match (value, kind.as_str()) {
            (Some(_), "MIN" | "MAX") => return Err(ToolError::invalid(format!("{what}: {kind} takes no value"))),
            (None, "NUMBER" | "PERCENT" | "PERCENTILE") => {
                return Err(ToolError::invalid(format!("{what}: {kind} needs a value")));
            }
            (Some(v), _) => p["value"] = json!(v),
            (None, _) => {}
        }
        rule[*name] = p;
    }
    Ok(rule)
}

pub(super) fn condition_type(t: &str) -> Result<String, ToolError> {
    let t = t.trim().to_ascii_uppercase();
    if CONDITIONS.contains(&t.as_str()) {
        return Ok(t);
    }
    Err(ToolError::invalid(format!(
        "condition_type '{t}' is not one Sheets knows; use one of {}",
        CONDITIONS.join(", ")
    )))
}

/// Applies the color arguments to a rule's format (an empty color removes that color).
pub(super) fn apply_colors(format: &mut Value, background: Option<&str>, text: Option<&str>) -> Result<(), ToolError> {
    if let Some(bg) = background {
        match given(Some(bg)) {
            Some(c) => format["backgroundColor"] = hex_color(c, "background_color")?,
            None => _ = format.as_object_mut().map(|f| f.remove("backgroundColor")),
        }
    }
    if let Some(tc) = text {
        match given(Some(tc)) {
            Some(c) => format["textFormat"]["foregroundColor"] = hex_color(c, "text_color")?,
            None => _ = format["textFormat"].as_object_mut().map(|f| f.remove("foregroundColor")),
        }
        if format["textFormat"].as_object().is_some_and(|t| t.is_empty()) {
            format.as_object_mut().map(|f| f.remove("textFormat"));
        }
    }
    if format.as_object().is_none_or(|f| f.is_empty()) {
        return Err(ToolError::invalid("a condition rule needs a format: give background_color and/or text_color"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradients_and_values_are_checked() {
        let two = gradient(&json!([{"color": "#FFFFFF"}, {"color": "#57BB8A"}])).unwrap();
        assert_eq!(two["minpoint"]["type"], "MIN");
        assert_eq!(two["maxpoint"]["type"], "MAX");
        let three =
            gradient(&json!("[{\"color\":\"#FF0000\"},{\"color\":\"#FFFF00\"},{\"color\":\"#00FF00\"}]")).unwrap();
        assert_eq!(
            three["midpoint"],
            json!({"type": "PERCENTILE", "value": "50", "color": {"red": 1.0, "green": 1.0, "blue": 0.0}})
        );
        assert!(gradient(&json!([{"color": "#FFFFFF"}])).is_err());
        assert!(gradient(&json!([{"color": "#FFFFFF", "type": "NUMBER"}, {"color": "#000000"}])).is_err());
        assert_eq!(
            condition_values(Some(&json!([10000, "x"]))).unwrap().unwrap()[0],
            json!({"userEnteredValue": "10000"})
        );
        assert_eq!(condition_values(Some(&json!("=$C2>$B2"))).unwrap().unwrap().len(), 1);
        assert!(condition_type("bigger").unwrap_err().to_string().contains("NUMBER_GREATER"));
    }
}
