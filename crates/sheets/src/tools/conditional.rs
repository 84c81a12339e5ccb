//! manage_conditional_formatting: add, update or delete a sheet's conditional format rules
//! (a condition with a background/text color, or a color gradient). One read for the
//! sheet's rules (to check `rule_index` and to keep what an update leaves out), one write.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::conditional_rule::{apply_colors, condition_type, condition_values, gradient};
use super::{given, nonblank, range_arg};
use crate::api;
use crate::render;

// Arguments of `manage_conditional_formatting`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageConditionalFormattingParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// add, update or delete.
    pub action: String,
    /// The cells the rule applies to in A1 notation (e.g. "Budget!C2:C5"). Required for add;
    /// for update it replaces the rule's ranges (kept when omitted). The sheet defaults to the first.
    pub range_name: Option<String>,
    /// The condition, e.g. NUMBER_GREATER, TEXT_CONTAINS, DATE_BEFORE, BLANK or CUSTOM_FORMULA.
    /// Required for add unless gradient_points is given; update keeps the rule's when omitted.
    pub condition_type: Option<String>,
    /// The condition's values (a list, or its JSON text): one for NUMBER_GREATER or
    /// TEXT_CONTAINS, two for NUMBER_BETWEEN, none for BLANK, a formula such as "=$C2>$B2" for
    /// CUSTOM_FORMULA.
    #[serde(default)]
    #[schemars(schema_with = "condition_values_schema")]
    pub condition_values: Option<Value>,
    /// Background color (#RRGGBB) of matching cells.
    pub background_color: Option<String>,
    /// Text color (#RRGGBB) of matching cells.
    pub text_color: Option<String>,
    /// The rule's 0-based position in the sheet's list (earlier rules win). add: where to
    /// insert (the end when omitted); required for update and delete.
    pub rule_index: Option<i64>,
    /// A color scale instead of a condition: 2 points (min, max) or 3 (min, mid, max), each
    /// {"color": "#RRGGBB", "type": "MIN"|"MAX"|"NUMBER"|"PERCENT"|"PERCENTILE", "value": "50"}
    /// (type defaults to MIN, PERCENTILE 50 and MAX). A list or its JSON text.
    #[serde(default)]
    #[schemars(schema_with = "gradient_points_schema")]
    pub gradient_points: Option<Value>,
    /// update and delete without range_name: the sheet whose rule_index is meant (the first
    /// sheet when omitted).
    pub sheet_name: Option<String>,
}

fn condition_values_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "default": null,
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "number"}]}}
        ]
    })
}

fn gradient_points_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "default": null,
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object", "additionalProperties": true}}]
    })
}

pub fn manage_conditional_formatting() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_conditional_formatting",
            title: "Manage Conditional Formatting",
            description: "Add, update or delete a conditional format rule on a sheet: color cells that meet a \
                condition (number, text, date, blank, custom formula) or shade them on a color scale. Rules are \
                numbered per sheet from 0; the reply lists the sheet's rules after the change.",
            service: Service::Sheets,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SPREADSHEETS],
        },
        manage,
    )
}

/// The sheet (its JSON from the read) that a range, a sheet name or the default names.
fn sheet<'a>(sheets: &'a [Value], name: Option<&str>) -> Result<&'a Value, ToolError> {
    let title = |s: &Value| s["properties"]["title"].as_str().unwrap_or("").to_string();
    match name {
        None => sheets.first().ok_or_else(|| ToolError::invalid("the spreadsheet has no sheets")),
        Some(n) => sheets
            .iter()
            .find(|s| title(s) == n)
            .or_else(|| sheets.iter().find(|s| title(s).eq_ignore_ascii_case(n)))
            .ok_or_else(|| {
                let names: Vec<String> = sheets.iter().map(|s| format!("'{}'", title(s))).collect();
                ToolError::invalid(format!(
                    "no sheet named '{n}' in this spreadsheet; its sheets are {}",
                    names.join(", ")
                ))
            }),
    }
}

fn rule_index(p: &ManageConditionalFormattingParams, action: &str) -> Result<usize, ToolError> {
    let i =
        p.rule_index.ok_or_else(|| ToolError::invalid(format!("{action} needs rule_index (0 is the first rule)")))?;
    usize::try_from(i).map_err(|_| ToolError::invalid(format!("rule_index must be 0 or more, got {i}")))
}

async fn manage(ctx: ToolCtx, p: ManageConditionalFormattingParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let action = p.action.trim().to_ascii_lowercase();
    if !["add", "update", "delete"].contains(&action.as_str()) {
        return Err(ToolError::invalid(format!("action must be add, update or delete, got '{}'", p.action)));
    }
    let range = given(p.range_name.as_deref()).map(|r| range_arg(r, "range_name")).transpose()?;
    if action == "add" && range.is_none() {
        return Err(ToolError::invalid("add needs range_name, the cells the rule applies to"));
    }
    let points = p.gradient_points.as_ref().filter(|v| !v.is_null()).map(gradient).transpose()?;
    let values = condition_values(p.condition_values.as_ref())?;
    let kind = given(p.condition_type.as_deref()).map(condition_type).transpose()?;
    if action == "add" && points.is_none() && kind.is_none() {
        return Err(ToolError::invalid("add needs condition_type (or gradient_points for a color scale)"));
    }
    if let Some(i) = p.rule_index.filter(|i| *i < 0) {
        return Err(ToolError::invalid(format!("rule_index must be 0 or more, got {i}")));
    }
    let index = if action == "add" { None } else { Some(rule_index(&p, &action)?) };

    let g = ctx.google().await?;
    let book =
        api::spreadsheets_get(&g, id, &[], false, Some("sheets(properties(sheetId,title),conditionalFormats)")).await?;
    let sheets = book["sheets"].as_array().cloned().unwrap_or_default();
    let target = match &range {
        Some(r) => sheet(&sheets, r.sheet.as_deref())?,
        None => sheet(&sheets, given(p.sheet_name.as_deref()))?,
    };
    let sheet_id = target["properties"]["sheetId"].as_i64().unwrap_or(0);
    let title = target["properties"]["title"].as_str().unwrap_or("").to_string();
    let mut rules = target["conditionalFormats"].as_array().cloned().unwrap_or_default();
    let ranges = range.as_ref().map(|r| vec![r.grid_range(sheet_id)]);
    let missing = |i: usize| {
        ToolError::invalid(format!("rule_index {i} is out of range: sheet '{title}' has {} rule(s)", rules.len()))
    };

    let (request, done) = match action.as_str() {
        "add" => {
            let at = match p.rule_index {
                None => rules.len(),
                Some(i) => {
                    let i = usize::try_from(i).unwrap_or(0);
                    if i > rules.len() {
                        return Err(missing(i));
                    }
                    i
                }
            };
            let mut rule = json!({ "ranges": ranges.unwrap_or_default() });
            match points {
                Some(gr) => rule["gradientRule"] = gr,
                None => {
                    let mut condition = json!({ "type": kind.clone().unwrap_or_default() });
                    if let Some(v) = values {
                        condition["values"] = json!(v);
                    }
                    let mut format = json!({});
                    apply_colors(&mut format, p.background_color.as_deref(), p.text_color.as_deref())?;
                    rule["booleanRule"] = json!({ "condition": condition, "format": format });
                }
            }
            rules.insert(at, rule.clone());
            (json!({ "addConditionalFormatRule": { "rule": rule, "index": at } }), format!("Added rule {at}"))
        }
        "update" => {
            let at = index.unwrap_or(0);
            let old = rules.get(at).cloned().ok_or_else(|| missing(at))?;
            let mut rule =
                json!({ "ranges": ranges.unwrap_or_else(|| old["ranges"].as_array().cloned().unwrap_or_default()) });
            match (points, old.get("gradientRule")) {
                (Some(gr), _) => rule["gradientRule"] = gr,
                (None, Some(gr)) => {
                    if kind.is_some() || values.is_some() || p.background_color.is_some() || p.text_color.is_some() {
                        return Err(ToolError::invalid(format!(
                            "rule {at} is a color scale: give gradient_points to change it (conditions and colors \
                             do not apply)"
                        )));
                    }
                    rule["gradientRule"] = gr.clone();
                }
                (None, None) => {
                    let old_rule = &old["booleanRule"];
                    let mut condition = json!({ "type": kind.clone().unwrap_or_else(|| old_rule["condition"]["type"].as_str().unwrap_or("").to_string()) });
                    match values.or_else(|| old_rule["condition"]["values"].as_array().cloned()) {
                        Some(v) if !v.is_empty() => condition["values"] = json!(v),
                        _ => {}
                    }
                    let mut format = old_rule["format"].clone();
                    if !format.is_object() {
                        format = json!({});
                    }
                    apply_colors(&mut format, p.background_color.as_deref(), p.text_color.as_deref())?;
                    rule["booleanRule"] = json!({ "condition": condition, "format": format });
                }
            }
            rules[at] = rule.clone();
            let req = json!({ "updateConditionalFormatRule": { "index": at, "sheetId": sheet_id, "rule": rule } });
            (req, format!("Updated rule {at}"))
        }
        _ => {
            let at = index.unwrap_or(0);
            if at >= rules.len() {
                return Err(missing(at));
            }
            rules.remove(at);
            (
                json!({ "deleteConditionalFormatRule": { "index": at, "sheetId": sheet_id } }),
                format!("Deleted rule {at}"),
            )
        }
    };
    api::spreadsheets_batch_update(&g, id, vec![request]).await?;
    let mut out = format!("{done} on sheet '{title}' of spreadsheet {id}.\n");
    out.push_str(&render::rules(&title, &rules, &sheets));
    Ok(ToolOutput::text(out))
}
