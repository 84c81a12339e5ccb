//! format_sheet_range: colors, number formats, wrapping, alignment, text style, merges,
//! borders and dropdowns of one range, all in one batchUpdate.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{find_tab, given, hex_color, nonblank, range_arg, tabs};
use crate::api;

// Arguments of `format_sheet_range`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct FormatSheetRangeParams {
    /// Id of the spreadsheet.
    pub spreadsheet_id: String,
    /// A1 range; without a sheet name, the first sheet.
    pub range_name: String,
    /// Background as #RRGGBB.
    pub background_color: Option<String>,
    /// Text color as #RRGGBB.
    pub text_color: Option<String>,
    /// NUMBER, CURRENCY, PERCENT, DATE, TIME, DATE_TIME, SCIENTIFIC or TEXT.
    pub number_format_type: Option<String>,
    /// A Sheets number format pattern, e.g. "#,##0.00" or "yyyy-mm-dd".
    pub number_format_pattern: Option<String>,
    /// WRAP, CLIP or OVERFLOW_CELL.
    pub wrap_strategy: Option<String>,
    /// LEFT, CENTER or RIGHT.
    pub horizontal_alignment: Option<String>,
    /// TOP, MIDDLE or BOTTOM.
    pub vertical_alignment: Option<String>,
    /// Bold on (true) or off (false).
    pub bold: Option<bool>,
    /// Italic on (true) or off (false).
    pub italic: Option<bool>,
    /// Font size in points (1-400).
    pub font_size: Option<i64>,
    /// true merges the range (keeping each merge's top-left value), false unmerges it.
    pub merge_cells: Option<bool>,
    /// MERGE_ALL (default), MERGE_COLUMNS or MERGE_ROWS; implies merging.
    pub merge_type: Option<String>,
    /// Comma-separated: all, outer, inner, top, bottom, left, right, inner_horizontal,
    /// inner_vertical; or none to remove every border of the range.
    pub borders: Option<String>,
    /// SOLID (default), SOLID_MEDIUM, SOLID_THICK, DASHED, DOTTED or DOUBLE; needs borders.
    pub border_style: Option<String>,
    /// Border color as #RRGGBB (default black); needs borders.
    pub border_color: Option<String>,
    /// Make every cell a dropdown of these values.
    pub dropdown_values: Option<Vec<String>>,
    /// With dropdown_values: reject other input (true, default) or only warn (false).
    pub dropdown_strict: Option<bool>,
    /// Remove all data validation (dropdowns, checkboxes, other rules) from the range.
    pub clear_dropdown: Option<bool>,
}

pub fn format_sheet_range() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "format_sheet_range",
            title: "Format Sheet Range",
            description: "Format a range in one request: background and text colors (#RRGGBB), number format \
                (type and pattern), wrapping, alignment, bold, italic, font size, merging or unmerging, \
                borders, and dropdown lists (or clearing validation).",
            service: Service::Sheets,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::SPREADSHEETS],
        },
        format,
    )
}

/// An enum-like argument, upper-cased, checked against `allowed`.
fn choice(value: Option<&str>, what: &str, allowed: &[&str]) -> Result<Option<String>, ToolError> {
    let Some(v) = given(value).map(str::to_ascii_uppercase) else { return Ok(None) };
    if allowed.contains(&v.as_str()) {
        return Ok(Some(v));
    }
    Err(ToolError::invalid(format!("{what} must be one of {}, got '{v}'", allowed.join(", "))))
}

/// The border sides a `borders` list names; `None` for "none".
fn border_sides(list: &str) -> Result<Option<Vec<&'static str>>, ToolError> {
    const ALL: [&str; 6] = ["top", "bottom", "left", "right", "innerHorizontal", "innerVertical"];
    let mut out: Vec<&'static str> = Vec::new();
    for item in list.split(',').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()) {
        let sides: &[&'static str] = match item.as_str() {
            "none" => return Ok(None),
            "all" => &ALL,
            "outer" => &ALL[..4],
            "inner" => &ALL[4..],
            "top" => &ALL[0..1],
            "bottom" => &ALL[1..2],
            "left" => &ALL[2..3],
            "right" => &ALL[3..4],
            "inner_horizontal" => &ALL[4..5],
            "inner_vertical" => &ALL[5..6],
            other => {
                return Err(ToolError::invalid(format!(
                    "borders: unknown side '{other}'; use all, outer, inner, top, bottom, left, right, \
                     inner_horizontal, inner_vertical or none"
                )));
            }
        };
        out.extend(sides.iter().filter(|s| !out.contains(s)).collect::<Vec<_>>());
    }
    if out.is_empty() {
        return Err(ToolError::invalid("borders is empty; name the sides to draw, or none"));
    }
    Ok(Some(out))
}

/// The batchUpdate requests for `p` on `range` (a GridRange), and a summary of each.
pub(crate) fn requests(p: &FormatSheetRangeParams, range: &Value) -> Result<(Vec<Value>, Vec<String>), ToolError> {
    let (mut format, mut fields, mut did) = (json!({}), Vec::new(), Vec::new());
    let mut set = |path: &str, value: Value, what: String| {
        let keys: Vec<&str> = path.split('.').collect();
        let mut at = &mut format;
        for k in &keys[..keys.len() - 1] {
            if !at.get(*k).is_some_and(Value::is_object) {
                at[*k] = json!({});
            }
            at = &mut at[*k];
        }
        at[keys[keys.len() - 1]] = value;
        fields.push(format!("userEnteredFormat.{path}"));
        did.push(what);
    };
    if let Some(c) = given(p.background_color.as_deref()) {
        set("backgroundColor", hex_color(c, "background_color")?, format!("background {c}"));
    }
    if let Some(c) = given(p.text_color.as_deref()) {
        set("textFormat.foregroundColor", hex_color(c, "text_color")?, format!("text color {c}"));
    }
    let types = ["NUMBER", "CURRENCY", "PERCENT", "DATE", "TIME", "DATE_TIME", "SCIENTIFIC", "TEXT"];
    let kind = choice(p.number_format_type.as_deref(), "number_format_type", &types)?;
    let pattern = given(p.number_format_pattern.as_deref());
    if kind.is_some() || pattern.is_some() {
        let kind = kind.unwrap_or_else(|| "NUMBER".into());
        let mut nf = json!({ "type": kind });
        if let Some(pat) = pattern {
            nf["pattern"] = json!(pat);
        }
        set(
            "numberFormat",
            nf,
            format!("number format {kind}{}", pattern.map(|p| format!(" '{p}'")).unwrap_or_default()),
        );
    }
    if let Some(w) = choice(p.wrap_strategy.as_deref(), "wrap_strategy", &["WRAP", "CLIP", "OVERFLOW_CELL"])? {
        set("wrapStrategy", json!(w), format!("wrap {w}"));
    }
    if let Some(h) = choice(p.horizontal_alignment.as_deref(), "horizontal_alignment", &["LEFT", "CENTER", "RIGHT"])? {
        set("horizontalAlignment", json!(h), format!("horizontal {h}"));
    }
    if let Some(v) = choice(p.vertical_alignment.as_deref(), "vertical_alignment", &["TOP", "MIDDLE", "BOTTOM"])? {
        set("verticalAlignment", json!(v), format!("vertical {v}"));
    }
    if let Some(b) = p.bold {
        set("textFormat.bold", json!(b), format!("bold {}", if b { "on" } else { "off" }));
    }
    if let Some(i) = p.italic {
        set("textFormat.italic", json!(i), format!("italic {}", if i { "on" } else { "off" }));
    }
    if let Some(size) = p.font_size {
        if !(1..=400).contains(&size) {
            return Err(ToolError::invalid(format!("font_size must be between 1 and 400, got {size}")));
        }
        set("textFormat.fontSize", json!(size), format!("font size {size}"));
    }
    let mut out = Vec::new();
    if !fields.is_empty() {
        out.push(json!({ "repeatCell": { "range": range, "cell": { "userEnteredFormat": format }, "fields": fields.join(",") } }));
    }
    let merge_type = choice(p.merge_type.as_deref(), "merge_type", &["MERGE_ALL", "MERGE_COLUMNS", "MERGE_ROWS"])?;
    match (p.merge_cells, merge_type) {
        (Some(false), Some(_)) => {
            return Err(ToolError::invalid("merge_type merges; it cannot go with merge_cells=false"));
        }
        (Some(false), None) => {
            out.push(json!({ "unmergeCells": { "range": range } }));
            did.push("unmerged".into());
        }
        (Some(true), t) | (None, t @ Some(_)) => {
            let t = t.unwrap_or_else(|| "MERGE_ALL".into());
            out.push(json!({ "mergeCells": { "range": range, "mergeType": t } }));
            did.push(format!("merged ({t})"));
        }
        (None, None) => {}
    }
    let styles = ["SOLID", "SOLID_MEDIUM", "SOLID_THICK", "DASHED", "DOTTED", "DOUBLE"];
    let style = choice(p.border_style.as_deref(), "border_style", &styles)?;
    let color = given(p.border_color.as_deref()).map(|c| hex_color(c, "border_color")).transpose()?;
    match given(p.borders.as_deref()) {
        None if style.is_some() || color.is_some() => {
            return Err(ToolError::invalid("border_style and border_color need borders (e.g. \"all\")"));
        }
        None => {}
        Some(list) => {
            let mut r = json!({ "range": range });
            match border_sides(list)? {
                None => {
                    for side in ["top", "bottom", "left", "right", "innerHorizontal", "innerVertical"] {
                        r[side] = json!({ "style": "NONE" });
                    }
                    did.push("borders removed".into());
                }
                Some(sides) => {
                    let style = style.unwrap_or_else(|| "SOLID".into());
                    let color = color.unwrap_or_else(|| json!({ "red": 0.0, "green": 0.0, "blue": 0.0 }));
                    for side in &sides {
                        r[*side] = json!({ "style": style, "colorStyle": { "rgbColor": color } });
                    }
                    did.push(format!("{style} borders ({})", sides.join(", ")));
                }
            }
            out.push(json!({ "updateBorders": r }));
        }
    }
    let dropdown =
        p.dropdown_values.as_ref().map(|v| v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>());
    match (dropdown, p.clear_dropdown == Some(true)) {
        (Some(_), true) => return Err(ToolError::invalid("give dropdown_values or clear_dropdown, not both")),
        (Some(values), false) if values.is_empty() => return Err(ToolError::invalid("dropdown_values is empty")),
        (Some(values), false) => {
            let list: Vec<Value> = values.iter().map(|v| json!({ "userEnteredValue": v })).collect();
            let strict = p.dropdown_strict.unwrap_or(true);
            let rule = json!({ "condition": { "type": "ONE_OF_LIST", "values": list }, "strict": strict, "showCustomUi": true });
            out.push(json!({ "setDataValidation": { "range": range, "rule": rule } }));
            did.push(format!(
                "dropdown of {} ({})",
                values.join(" / "),
                if strict { "strict" } else { "warning only" }
            ));
        }
        (None, true) => {
            out.push(json!({ "setDataValidation": { "range": range } }));
            did.push("validation cleared".into());
        }
        (None, false) if p.dropdown_strict.is_some() => {
            return Err(ToolError::invalid("dropdown_strict goes with dropdown_values"));
        }
        (None, false) => {}
    }
    if out.is_empty() {
        return Err(ToolError::invalid(
            "nothing to do: give at least one formatting, merge, border or dropdown option",
        ));
    }
    Ok((out, did))
}

async fn format(ctx: ToolCtx, p: FormatSheetRangeParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let range = range_arg(&p.range_name, "range_name")?;
    // Checked before any request, on a placeholder range.
    requests(&p, &json!({}))?;
    let g = ctx.google().await?;
    let all = tabs(&g, id).await?;
    let tab = match &range.sheet {
        Some(name) => find_tab(&all, name)?,
        None => all.first().ok_or_else(|| ToolError::invalid("the spreadsheet has no sheets"))?,
    };
    let (reqs, did) = requests(&p, &range.grid_range(tab.id))?;
    api::spreadsheets_batch_update(&g, id, reqs).await?;
    let shown = range.clone().on(&tab.title).to_a1();
    Ok(ToolOutput::text(format!("Formatted '{shown}' in spreadsheet {id}: {}.\n", did.join("; "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_request_per_kind_and_checked_options() {
        let p = FormatSheetRangeParams {
            bold: Some(true),
            background_color: Some("#FFEECC".into()),
            borders: Some("outer, inner_horizontal".into()),
            merge_type: Some("merge_rows".into()),
            ..Default::default()
        };
        let (reqs, _) = requests(&p, &json!({"sheetId": 0})).unwrap();
        assert_eq!(reqs.len(), 3);
        assert_eq!(
            reqs[0]["repeatCell"]["fields"],
            "userEnteredFormat.backgroundColor,userEnteredFormat.textFormat.bold"
        );
        assert_eq!(reqs[1]["mergeCells"]["mergeType"], "MERGE_ROWS");
        assert_eq!(reqs[2]["updateBorders"]["innerHorizontal"]["style"], "SOLID");
        assert!(reqs[2]["updateBorders"].get("innerVertical").is_none());
        let bad = |p: FormatSheetRangeParams| requests(&p, &json!({})).unwrap_err().to_string();
        assert!(bad(FormatSheetRangeParams::default()).contains("nothing to do"));
        assert!(
            bad(FormatSheetRangeParams { border_style: Some("SOLID".into()), ..Default::default() })
                .contains("need borders")
        );
        assert!(
            bad(FormatSheetRangeParams { wrap_strategy: Some("fold".into()), ..Default::default() })
                .contains("wrap_strategy")
        );
        assert!(
            bad(FormatSheetRangeParams { borders: Some("diagonal".into()), ..Default::default() }).contains("diagonal")
        );
        assert!(
            bad(FormatSheetRangeParams { dropdown_strict: Some(false), ..Default::default() })
                .contains("dropdown_values")
        );
    }
}
