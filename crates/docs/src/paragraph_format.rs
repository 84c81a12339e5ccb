//! The paragraph formatting arguments (update_paragraph_style and the batch operation of the
//! same name) as an `updateParagraphStyle` style with its exact `fields` mask, and list kinds
//! as bullet presets. Pure.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::edits::{Styled, color};

/// A paragraph border edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BorderEdge {
    Top,
    Bottom,
    Left,
    Right,
    Between,
}

impl BorderEdge {
    fn field(self) -> &'static str {
        match self {
            Self::Top => "borderTop",
            Self::Bottom => "borderBottom",
            Self::Left => "borderLeft",
            Self::Right => "borderRight",
            Self::Between => "borderBetween",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub struct ParagraphFormat {
    /// Heading level: 0 is normal text, 1-6 are Heading 1 to Heading 6. Not with named_style_type.
    pub heading_level: Option<i64>,
    /// START (left in left-to-right text), CENTER, END or JUSTIFIED.
    pub alignment: Option<String>,
    /// Line spacing as a multiple of single spacing: 1.0, 1.15, 1.5, 2.0.
    pub line_spacing: Option<f64>,
    /// First-line indent in points (36 is half an inch).
    pub indent_first_line: Option<f64>,
    /// Indent on the start side in points.
    pub indent_start: Option<f64>,
    /// Indent on the end side in points.
    pub indent_end: Option<f64>,
    /// Space above the paragraph in points.
    pub space_above: Option<f64>,
    /// Space below the paragraph in points.
    pub space_below: Option<f64>,
    /// NORMAL_TEXT, TITLE, SUBTITLE or HEADING_1 ... HEADING_6. Not with heading_level.
    pub named_style_type: Option<String>,
    /// LEFT_TO_RIGHT or RIGHT_TO_LEFT.
    pub direction: Option<String>,
    /// Keep the paragraph's lines on one page.
    pub keep_lines_together: Option<bool>,
    /// Keep the paragraph on the same page as the next one.
    pub keep_with_next: Option<bool>,
    /// Avoid a paragraph's single first or last line on its own page.
    pub avoid_widow_and_orphan: Option<bool>,
    /// Start the paragraph on a new page (not inside tables, headers or footers).
    pub page_break_before: Option<bool>,
    /// NEVER_COLLAPSE or COLLAPSE_LISTS (space between list items).
    pub spacing_mode: Option<String>,
    /// Paragraph background color as #RRGGBB.
    pub shading_color: Option<String>,
    /// Which borders to set: top, bottom, left, right, between; all four outer edges when
    /// another border_* argument is given without this.
    #[schemars(length(min = 1))]
    pub border_edges: Option<Vec<BorderEdge>>,
    /// Border color as #RRGGBB (black by default).
    pub border_color: Option<String>,
    /// Border width in points (1 by default).
    pub border_width: Option<f64>,
    /// Space between border and text in points (4 by default).
    pub border_padding: Option<f64>,
    /// SOLID (default), DOT or DASH.
    pub border_dash: Option<String>,
}

fn points(v: f64) -> Value {
    json!({"magnitude": v, "unit": "PT"})
}

fn one_of(value: &str, name: &str, allowed: &[&str]) -> Result<String, String> {
    let v = value.trim().to_ascii_uppercase();
    if allowed.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(format!("{name} must be one of {}, got \"{value}\"", allowed.join(", ")))
    }
}

const NAMED_STYLES: &[&str] =
    &["NORMAL_TEXT", "TITLE", "SUBTITLE", "HEADING_1", "HEADING_2", "HEADING_3", "HEADING_4", "HEADING_5", "HEADING_6"];

impl ParagraphFormat {
    /// The named style asked for, by heading_level or named_style_type.
    pub fn named_style(&self) -> Result<Option<String>, String> {
        match (self.heading_level, &self.named_style_type) {
            (Some(_), Some(_)) => Err("give heading_level or named_style_type, not both".into()),
            (Some(0), None) => Ok(Some("NORMAL_TEXT".into())),
            (Some(n @ 1..=6), None) => Ok(Some(format!("HEADING_{n}"))),
            (Some(n), None) => Err(format!("heading_level must be 0 (normal text) to 6, got {n}")),
            (None, Some(s)) => one_of(s, "named_style_type", NAMED_STYLES).map(Some),
            (None, None) => Ok(None),
        }
    }

    /// The `updateParagraphStyle` style and mask, or `None` when nothing is asked for.
    pub fn to_style(&self) -> Result<Option<Styled>, String> {
        let (mut style, mut fields, mut summary) = (Map::new(), Vec::new(), Vec::new());
        let mut set = |field: &'static str, value: Value, what: String| {
            style.insert(field.into(), value);
            fields.push(field);
            summary.push(what);
        };
        if let Some(named) = self.named_style()? {
            set("namedStyleType", json!(named), named.clone());
        }
        if let Some(a) = &self.alignment {
            let a = one_of(a, "alignment", &["START", "CENTER", "END", "JUSTIFIED"])?;
            set("alignment", json!(a), format!("alignment {a}"));
        }
        if let Some(x) = self.line_spacing {
            if !(x > 0.0 && x <= 10.0) {
                return Err(format!("line_spacing is a multiple of single spacing (1.0, 1.5, 2.0), got {x}"));
            }
            set("lineSpacing", json!(x * 100.0), format!("line spacing {x}"));
        }
        for (arg, field, value) in [
            ("indent_first_line", "indentFirstLine", self.indent_first_line),
            ("indent_start", "indentStart", self.indent_start),
            ("indent_end", "indentEnd", self.indent_end),
            ("space_above", "spaceAbove", self.space_above),
            ("space_below", "spaceBelow", self.space_below),
        ] {
            if let Some(v) = value {
                if v < 0.0 {
                    return Err(format!("{arg} must be 0 or more points, got {v}"));
                }
                set(field, points(v), format!("{arg} {v}pt"));
            }
        }
        if let Some(d) = &self.direction {
            let d = one_of(d, "direction", &["LEFT_TO_RIGHT", "RIGHT_TO_LEFT"])?;
            set("direction", json!(d), format!("direction {d}"));
        }
        for (field, value) in [
            ("keepLinesTogether", self.keep_lines_together),
            ("keepWithNext", self.keep_with_next),
            ("avoidWidowAndOrphan", self.avoid_widow_and_orphan),
            ("pageBreakBefore", self.page_break_before),
        ] {
            if let Some(on) = value {
                set(field, json!(on), format!("{field} {on}"));
            }
        }
        if let Some(m) = &self.spacing_mode {
            let m = one_of(m, "spacing_mode", &["NEVER_COLLAPSE", "COLLAPSE_LISTS"])?;
            set("spacingMode", json!(m), format!("spacing mode {m}"));
        }
        if let Some(hex) = &self.shading_color {
            set("shading", json!({"backgroundColor": color(hex, "shading_color")?}), format!("shading {hex}"));
        }
        if let Some((edges, border)) = self.border()? {
            for edge in edges {
                set(edge.field(), border.clone(), format!("{} border", edge.field().trim_start_matches("border")));
            }
        }
        Ok((!fields.is_empty()).then(|| Styled { style: Value::Object(style), fields: fields.join(","), summary }))
    }

    /// The edges to set and the whole border (Docs refuses a partial one).
    fn border(&self) -> Result<Option<(Vec<BorderEdge>, Value)>, String> {
        let asked = self.border_edges.is_some()
            || self.border_color.is_some()
            || self.border_width.is_some()
            || self.border_padding.is_some()
            || self.border_dash.is_some();
        if !asked {
            return Ok(None);
        }
        let edges = match &self.border_edges {
            Some(e) if e.is_empty() => return Err("border_edges must name at least one edge".into()),
            Some(e) => e.clone(),
            None => vec![BorderEdge::Top, BorderEdge::Bottom, BorderEdge::Left, BorderEdge::Right],
        };
        let width = self.border_width.unwrap_or(1.0);
        let padding = self.border_padding.unwrap_or(4.0);
        if width < 0.0 || padding < 0.0 {
            return Err("border_width and border_padding must be 0 or more points".into());
        }
        let dash = one_of(self.border_dash.as_deref().unwrap_or("SOLID"), "border_dash", &["SOLID", "DOT", "DASH"])?;
        let color = color(self.border_color.as_deref().unwrap_or("#000000"), "border_color")?;
        Ok(Some((
            edges,
            json!({"color": color, "width": points(width), "padding": points(padding), "dashStyle": dash}),
        )))
    }
}

/// Docs' bullet presets (`createParagraphBullets.bulletPreset`).
pub const BULLET_PRESETS: &[&str] = &[
    "BULLET_DISC_CIRCLE_SQUARE",
    "BULLET_DIAMONDX_ARROW3D_SQUARE",
    "BULLET_CHECKBOX",
    "BULLET_ARROW_DIAMOND_DISC",
    "BULLET_STAR_CIRCLE_SQUARE",
    "BULLET_ARROW3D_CIRCLE_SQUARE",
    "BULLET_LEFTTRIANGLE_DIAMOND_DISC",
    "BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE",
    "BULLET_DIAMOND_CIRCLE_SQUARE",
    "NUMBERED_DECIMAL_ALPHA_ROMAN",
    "NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS",
    "NUMBERED_DECIMAL_NESTED",
    "NUMBERED_UPPERALPHA_ALPHA_ROMAN",
    "NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL",
    "NUMBERED_ZERODECIMAL_ALPHA_ROMAN",
];

/// What a list argument asks for: bullets of a preset, or no list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListChange {
    Bullets(String),
    Remove,
}

/// `list_type` (UNORDERED, ORDERED, CHECKBOX, NONE) and an explicit `bullet_preset`.
pub fn list_change(list_type: Option<&str>, preset: Option<&str>) -> Result<Option<ListChange>, String> {
    let kind = list_type.map(|t| one_of(t, "list_type", &["UNORDERED", "ORDERED", "CHECKBOX", "NONE"])).transpose()?;
    let preset = preset.map(|p| one_of(p, "bullet_preset", BULLET_PRESETS)).transpose()?;
    Ok(match (kind.as_deref(), preset) {
        (Some("NONE"), Some(_)) => return Err("bullet_preset makes a list; it cannot go with list_type NONE".into()),
        (Some("NONE"), None) => Some(ListChange::Remove),
        (_, Some(p)) => Some(ListChange::Bullets(p)),
        (Some("ORDERED"), None) => Some(ListChange::Bullets("NUMBERED_DECIMAL_ALPHA_ROMAN".into())),
        (Some("CHECKBOX"), None) => Some(ListChange::Bullets("BULLET_CHECKBOX".into())),
        (Some(_), None) => Some(ListChange::Bullets("BULLET_DISC_CIRCLE_SQUARE".into())),
        (None, None) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_formats_become_a_style_and_mask() {
        let f = ParagraphFormat {
            heading_level: Some(2),
            line_spacing: Some(1.5),
            border_edges: Some(vec![BorderEdge::Between]),
            ..Default::default()
        };
        let s = f.to_style().unwrap().unwrap();
        assert_eq!(s.fields, "namedStyleType,lineSpacing,borderBetween");
        assert_eq!(s.style["lineSpacing"], 150.0);
        assert_eq!(s.style["borderBetween"]["dashStyle"], "SOLID");
        assert_eq!(s.style["borderBetween"]["width"], json!({"magnitude": 1.0, "unit": "PT"}));
        let outer = ParagraphFormat { border_color: Some("#00FF00".into()), ..Default::default() }.to_style();
        assert_eq!(outer.unwrap().unwrap().fields, "borderTop,borderBottom,borderLeft,borderRight");
        let bad = |f: ParagraphFormat| f.to_style().unwrap_err();
        assert!(bad(ParagraphFormat { heading_level: Some(7), ..Default::default() }).contains("0 (normal text) to 6"));
        let both =
            ParagraphFormat { heading_level: Some(1), named_style_type: Some("TITLE".into()), ..Default::default() };
        assert!(bad(both).contains("not both"));
        assert!(bad(ParagraphFormat { alignment: Some("LEFT".into()), ..Default::default() }).contains("START"));
        assert_eq!(ParagraphFormat::default().to_style(), Ok(None));
    }

    #[test]
    fn list_kinds_map_to_presets() {
        assert_eq!(
            list_change(Some("ordered"), None),
            Ok(Some(ListChange::Bullets("NUMBERED_DECIMAL_ALPHA_ROMAN".into())))
        );
        assert_eq!(list_change(Some("NONE"), None), Ok(Some(ListChange::Remove)));
        assert_eq!(
            list_change(None, Some("BULLET_STAR_CIRCLE_SQUARE")),
            Ok(Some(ListChange::Bullets("BULLET_STAR_CIRCLE_SQUARE".into())))
        );
        assert!(list_change(Some("DOTS"), None).is_err());
        assert!(list_change(None, Some("STARS")).is_err());
        assert_eq!(list_change(None, None), Ok(None));
    }
}
