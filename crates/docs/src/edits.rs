//! The batchUpdate requests the editing tools send, built from their arguments: where a request
//! points (index, range or end of a segment, each with its tab and segment), the text style
//! and paragraph style of the formatting arguments with the exact `fields` mask they set, and
//! lists. Pure; errors are messages for the caller to wrap.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// Where requests go: a tab (the first without one) and a header, footer or footnote segment
/// (the body without one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Target {
    pub tab_id: Option<String>,
    pub segment_id: Option<String>,
}

impl Target {
    pub fn new(tab_id: Option<&str>, segment_id: Option<&str>) -> Self {
        let given = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(String::from);
        Target { tab_id: given(tab_id), segment_id: given(segment_id) }
    }

    fn mark(&self, mut v: Value) -> Value {
        if let Some(t) = &self.tab_id {
            v["tabId"] = json!(t);
        }
        if let Some(s) = &self.segment_id {
            v["segmentId"] = json!(s);
        }
        v
    }

    pub fn location(&self, index: usize) -> Value {
        self.mark(json!({"index": index}))
    }

    pub fn range(&self, start: usize, end: usize) -> Value {
        self.mark(json!({"startIndex": start, "endIndex": end}))
    }

    pub fn end_of_segment(&self) -> Value {
        self.mark(json!({}))
    }

    pub fn insert_text(&self, index: usize, text: &str) -> Value {
        json!({"insertText": {"location": self.location(index), "text": text}})
    }

    pub fn append_text(&self, text: &str) -> Value {
        json!({"insertText": {"endOfSegmentLocation": self.end_of_segment(), "text": text}})
    }

    pub fn delete(&self, start: usize, end: usize) -> Value {
        json!({"deleteContentRange": {"range": self.range(start, end)}})
    }

    pub fn text_style(&self, start: usize, end: usize, style: &Styled) -> Value {
        json!({"updateTextStyle": {"range": self.range(start, end), "textStyle": style.style, "fields": style.fields}})
    }

    pub fn paragraph_style(&self, start: usize, end: usize, style: &Styled) -> Value {
        json!({"updateParagraphStyle": {"range": self.range(start, end), "paragraphStyle": style.style, "fields": style.fields}})
    }

    pub fn bullets(&self, start: usize, end: usize, preset: &str) -> Value {
        json!({"createParagraphBullets": {"range": self.range(start, end), "bulletPreset": preset}})
    }

    pub fn remove_bullets(&self, start: usize, end: usize) -> Value {
        json!({"deleteParagraphBullets": {"range": self.range(start, end)}})
    }

    /// A list over the paragraphs starting at `starts` (those `[start, end)` touches), each
    /// `level` deep: Docs reads the nesting level from leading tabs (and removes them), so
    /// the tabs go in first, last paragraph first so no insert moves another's index.
    pub fn nested_bullets(&self, start: usize, end: usize, preset: &str, level: usize, starts: &[usize]) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        if level > 0 {
            let tabs = "\t".repeat(level);
            let mut sorted = starts.to_vec();
            sorted.sort_unstable_by(|a, b| b.cmp(a));
            out.extend(sorted.iter().map(|at| self.insert_text(*at, &tabs)));
        }
        out.push(self.bullets(start, end + level * if level > 0 { starts.len() } else { 0 }, preset));
        out
    }
}

/// A style to set and its `fields` mask (which also names the fields to clear).
#[derive(Debug, Clone, PartialEq)]
pub struct Styled {
    pub style: Value,
    pub fields: String,
    /// What is set, for the answer ("bold", "font size 14pt").
    pub summary: Vec<String>,
}

fn styled(style: Map<String, Value>, fields: Vec<&str>, summary: Vec<String>) -> Option<Styled> {
    (!fields.is_empty()).then(|| Styled { style: Value::Object(style), fields: fields.join(","), summary })
}

/// `#RRGGBB` as a Docs color (`{"color": {"rgbColor": ...}}`).
pub fn color(hex: &str, name: &str) -> Result<Value, String> {
    let digits = hex.trim().strip_prefix('#').unwrap_or(hex.trim());
    let parse = |i: usize| digits.get(i..i + 2).and_then(|d| u8::from_str_radix(d, 16).ok());
    match (digits.len(), parse(0), parse(2), parse(4)) {
        (6, Some(r), Some(g), Some(b)) => {
            let unit = |c: u8| f64::from(c) / 255.0;
            Ok(json!({"color": {"rgbColor": {"red": unit(r), "green": unit(g), "blue": unit(b)}}}))
        }
        _ => Err(format!("{name} must be a color like \"#1A73E8\" (#RRGGBB), got \"{hex}\"")),
    }
}

fn points(v: f64) -> Value {
    json!({"magnitude": v, "unit": "PT"})
}

/// The text formatting arguments the tools share (modify_doc_text, the format_text operation).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub struct TextFormat {
    /// Bold on (true) or off (false); leave out to keep as is.
    pub bold: Option<bool>,
    /// Italic on or off; leave out to keep as is.
    pub italic: Option<bool>,
    /// Underline on or off; leave out to keep as is.
    pub underline: Option<bool>,
    /// Strikethrough on or off; leave out to keep as is.
    pub strikethrough: Option<bool>,
    /// Font size in points, e.g. 14.
    pub font_size: Option<f64>,
    /// Font family, e.g. "Arial" or "Roboto Mono".
    pub font_family: Option<String>,
    /// Font weight 100-900 in steps of 100 (400 normal, 700 bold); needs font_family.
    pub font_weight: Option<i64>,
    /// Text color as #RRGGBB.
    pub text_color: Option<String>,
    /// Highlight color as #RRGGBB.
    pub background_color: Option<String>,
    /// Make the text a link to this http(s) URL.
    pub link_url: Option<String>,
    /// Remove any link from the text.
    pub clear_link: Option<bool>,
    /// NONE, SUPERSCRIPT or SUBSCRIPT.
    pub baseline_offset: Option<String>,
    /// Small capitals on or off.
    pub small_caps: Option<bool>,
}

impl TextFormat {
    /// The `updateTextStyle` style and mask, or `None` when no formatting is asked for.
    pub fn to_style(&self) -> Result<Option<Styled>, String> {
        let (mut style, mut fields, mut summary) = (Map::new(), Vec::new(), Vec::new());
        let flags = [
            ("bold", self.bold),
            ("italic", self.italic),
            ("underline", self.underline),
            ("strikethrough", self.strikethrough),
            ("smallCaps", self.small_caps),
        ];
        for (name, value) in flags {
            if let Some(on) = value {
                style.insert(name.into(), json!(on));
                fields.push(name);
                summary.push(if on { name.to_string() } else { format!("no {name}") });
            }
        }
        if let Some(size) = self.font_size {
            if !(size > 0.0 && size <= 400.0) {
                return Err(format!("font_size must be between 1 and 400 points, got {size}"));
            }
            style.insert("fontSize".into(), points(size));
            fields.push("fontSize");
            summary.push(format!("font size {size}pt"));
        }
        match (self.font_family.as_deref().map(str::trim), self.font_weight) {
            (Some(""), _) => return Err("font_family must not be empty".into()),
            (None, Some(_)) => return Err("font_weight needs font_family (the family the weight applies to)".into()),
            (Some(family), weight) => {
                let weight = weight.unwrap_or(400);
                if !(100..=900).contains(&weight) || weight % 100 != 0 {
                    return Err(format!("font_weight must be 100, 200, ... 900, got {weight}"));
                }
                style.insert("weightedFontFamily".into(), json!({"fontFamily": family, "weight": weight}));
                fields.push("weightedFontFamily");
                summary.push(format!("font {family} {weight}"));
            }
            (None, None) => {}
        }
        for (arg, field, value) in [
            ("text_color", "foregroundColor", &self.text_color),
            ("background_color", "backgroundColor", &self.background_color),
        ] {
            if let Some(hex) = value {
                style.insert(field.into(), color(hex, arg)?);
                fields.push(field);
                summary.push(format!("{arg} {hex}"));
            }
        }
        match (&self.link_url, self.clear_link.unwrap_or(false)) {
            (Some(_), true) => return Err("give link_url or clear_link, not both".into()),
            (Some(url), false) => {
                let url = url.trim();
                if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 10 {
                    return Err(format!("link_url must be an http:// or https:// URL, got \"{url}\""));
                }
                style.insert("link".into(), json!({"url": url}));
                fields.push("link");
                summary.push(format!("link {url}"));
            }
            (None, true) => {
                fields.push("link");
                summary.push("link removed".into());
            }
            (None, false) => {}
        }
        if let Some(offset) = &self.baseline_offset {
            let offset = offset.trim().to_ascii_uppercase();
            if !["NONE", "SUPERSCRIPT", "SUBSCRIPT"].contains(&offset.as_str()) {
                return Err(format!("baseline_offset must be NONE, SUPERSCRIPT or SUBSCRIPT, got \"{offset}\""));
            }
            summary.push(offset.to_lowercase());
            style.insert("baselineOffset".into(), json!(offset));
            fields.push("baselineOffset");
        }
        Ok(styled(style, fields, summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_formats_become_a_style_and_its_exact_mask() {
        let f = TextFormat {
            bold: Some(true),
            italic: Some(false),
            font_family: Some("Roboto".into()),
            text_color: Some("#FF0000".into()),
            clear_link: Some(true),
            ..Default::default()
        };
        let s = f.to_style().unwrap().unwrap();
        assert_eq!(s.fields, "bold,italic,weightedFontFamily,foregroundColor,link");
        assert_eq!(s.style["weightedFontFamily"], json!({"fontFamily": "Roboto", "weight": 400}));
        assert_eq!(s.style["foregroundColor"]["color"]["rgbColor"], json!({"red": 1.0, "green": 0.0, "blue": 0.0}));
        assert!(s.style.get("link").is_none(), "in the mask but unset: cleared");
        assert_eq!(TextFormat::default().to_style(), Ok(None));
        let bad = |f: TextFormat| f.to_style().unwrap_err();
        assert!(bad(TextFormat { font_weight: Some(700), ..Default::default() }).contains("needs font_family"));
        assert!(bad(TextFormat { text_color: Some("red".into()), ..Default::default() }).contains("#RRGGBB"));
        assert!(bad(TextFormat { link_url: Some("ftp://x.example".into()), ..Default::default() }).contains("http"));
        assert!(bad(TextFormat { baseline_offset: Some("UP".into()), ..Default::default() }).contains("SUPERSCRIPT"));
        let t = Target::new(Some("t.1"), Some(" "));
        assert_eq!(t.range(1, 3), json!({"startIndex": 1, "endIndex": 3, "tabId": "t.1"}));
        let nested = t.nested_bullets(5, 20, "BULLET_DISC_CIRCLE_SQUARE", 2, &[5, 12]);
        assert_eq!(nested[0]["insertText"]["location"]["index"], 12, "the later paragraph first");
        assert_eq!(nested[1]["insertText"]["text"], "\t\t");
        assert_eq!(nested[2]["createParagraphBullets"]["range"]["endIndex"], 24);
    }
}
