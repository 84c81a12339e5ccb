//! `updateTextStyle` and `updateParagraphStyle`: a `fields` mask applied exactly (a field in
//! the mask but absent from the style is cleared), runs split at the range's edges and merged
//! again where their styles became equal, every paragraph the range touches restyled. The
//! editor's side effects Google documents are kept: a link brings underline and the link
//! color unless the request sets them, is never set on a newline, and takes them away again
//! when removed; a value equal to the default (false, `NONE`) is stored as inherited.

use serde_json::{Map, Value, json};

use super::edit::EditResult;
use super::model::{Block, Para, Run};
use super::ranges::{checked_range, drop_zero_color_parts, field_mask, paragraphs};

const TEXT_FIELDS: &[&str] = &[
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "smallCaps",
    "backgroundColor",
    "foregroundColor",
    "fontSize",
    "weightedFontFamily",
    "baselineOffset",
    "link",
];

const PARAGRAPH_FIELDS: &[&str] = &[
    "namedStyleType",
    "alignment",
    "lineSpacing",
    "direction",
    "spacingMode",
    "spaceAbove",
    "spaceBelow",
    "borderBetween",
    "borderTop",
    "borderBottom",
    "borderLeft",
    "borderRight",
    "indentFirstLine",
    "indentStart",
    "indentEnd",
    "keepLinesTogether",
    "keepWithNext",
    "avoidWidowAndOrphan",
    "shading",
    "pageBreakBefore",
];

const BORDERS: &[&str] = &["borderBetween", "borderTop", "borderBottom", "borderLeft", "borderRight"];

/// The color Docs gives a link's text (#1155cc).
fn link_color() -> Value {
    json!({"color": {"rgbColor": {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}}})
}

/// `updateTextStyle` of a segment starting at `base`.
pub fn update_text_style(blocks: &mut [Block], base: usize, body: &Value) -> EditResult<()> {
    let fields = field_mask(body.get("fields"), TEXT_FIELDS)?;
    let style = text_style(body.get("textStyle"), &fields)?;
    let (from, to) = checked_range(blocks, base, body.get("range"))?;
    let change = |old: &Map<String, Value>, newline: bool| {
        let mut s = old.clone();
        for f in &fields {
            // Links are not set on newlines; the other fields are.
            if *f == "link" && newline {
                continue;
            }
            match style.get(*f) {
                Some(v) => s.insert((*f).to_string(), v.clone()),
                None => s.remove(*f),
            };
        }
        if fields.contains(&"link") && !newline {
            let linked = style.contains_key("link");
            for (field, default) in [("underline", json!(true)), ("foregroundColor", link_color())] {
                if fields.contains(&field) {
                    continue;
                }
                if linked {
                    s.insert(field.into(), default);
                } else {
                    s.remove(field);
                }
            }
        }
        s
    };
    for (start, p) in paragraphs(blocks, base) {
        let end = start + p.len();
        if start < to && end > from {
            restyle_runs(p, from.saturating_sub(start), to.min(end) - start, &change);
        }
    }
    Ok(())
}

/// The style a request sets, checked, with defaults stored as "inherit" (absent).
fn text_style(given: Option<&Value>, fields: &[&str]) -> EditResult<Map<String, Value>> {
    let mut style = given.and_then(Value::as_object).cloned().unwrap_or_default();
    style.retain(|k, v| {
        fields.contains(&k.as_str()) && v.as_bool() != Some(false) && v.as_str() != Some("NONE") && !v.is_null()
    });
    if let Some(family) = style.get_mut("weightedFontFamily") {
        if family.get("fontFamily").and_then(Value::as_str).is_none_or(str::is_empty) {
            return Err("weightedFontFamily.fontFamily must be set with a non-empty value.".into());
        }
        let weight = family.get("weight").and_then(Value::as_i64).unwrap_or(400);
        if !(100..=900).contains(&weight) || weight % 100 != 0 {
            return Err(format!(
                "weightedFontFamily.weight must be a multiple of 100 between 100 and 900, got {weight}."
            ));
        }
        family["weight"] = json!(weight);
    }
    if let Some(link) = style.get("link") {
        let targets = ["url", "bookmarkId", "headingId", "bookmark", "heading"];
        let set = targets.iter().filter(|t| link.get(**t).is_some()).count();
        if set > 1 || (set == 0 && link.get("tabId").is_none()) {
            return Err("A link must have exactly one destination: a url, a bookmark, a heading or a tab.".into());
        }
    }
    let mut value = Value::Object(style);
    drop_zero_color_parts(&mut value);
    Ok(match value {
        Value::Object(m) => m,
        _ => Map::new(),
    })
}

/// A run's new style from its old one (and whether the text is a newline).
type Restyle<'a> = dyn Fn(&Map<String, Value>, bool) -> Map<String, Value> + 'a;

/// The runs of `p` with `change` applied to the UTF-16 offsets `[from, to)`, split where the
/// range begins and ends, and adjacent runs of equal style merged.
fn restyle_runs(p: &mut Para, from: usize, to: usize, change: &Restyle<'_>) {
    let mut out: Vec<Run> = Vec::new();
    let mut at = 0;
    for run in &p.runs {
        let (changed, changed_newline) = (change(&run.style, false), change(&run.style, true));
        for c in run.text.chars() {
            let style = match (at >= from && at < to, c == '\n') {
                (true, false) => &changed,
                (true, true) => &changed_newline,
                (false, _) => &run.style,
            };
            match out.last_mut() {
                Some(last) if last.style == *style => last.text.push(c),
                _ => out.push(Run { text: c.to_string(), style: style.clone() }),
            }
            at += c.len_utf16();
        }
    }
    p.runs = out;
}

/// `updateParagraphStyle` of every paragraph of a segment starting at `base` that the range
/// touches.
pub fn update_paragraph_style(blocks: &mut [Block], base: usize, body: &Value) -> EditResult<()> {
    let fields = field_mask(body.get("fields"), PARAGRAPH_FIELDS)?;
    let mut style = body.get("paragraphStyle").and_then(Value::as_object).cloned().unwrap_or_default();
    style.retain(|k, v| fields.contains(&k.as_str()) && !v.is_null());
    for border in BORDERS {
        if let Some(b) = style.get(*border) {
            let missing: Vec<&str> =
                ["color", "width", "padding", "dashStyle"].into_iter().filter(|f| b.get(*f).is_none()).collect();
            if !missing.is_empty() {
                return Err(format!(
                    "Paragraph borders cannot be partially updated: {border} needs {} too.",
                    missing.join(", ")
                ));
            }
        }
    }
    let mut value = Value::Object(style);
    drop_zero_color_parts(&mut value);
    let style = match value {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let (from, to) = checked_range(blocks, base, body.get("range"))?;
    for (start, p) in paragraphs(blocks, base) {
        if start >= to || start + p.len() <= from {
            continue;
        }
        for f in &fields {
            if *f == "namedStyleType" {
                p.named_style = style
                    .get(*f)
                    .and_then(Value::as_str)
                    .filter(|s| *s != "NAMED_STYLE_TYPE_UNSPECIFIED")
                    .unwrap_or("NORMAL_TEXT")
                    .to_string();
                continue;
            }
            match style.get(*f) {
                Some(v) => p.style.insert((*f).to_string(), v.clone()),
                None => p.style.remove(*f),
            };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(b: &[Block]) -> Vec<(String, Value)> {
        let Block::Para(p) = &b[0] else { panic!("a paragraph") };
        p.runs.iter().map(|r| (r.text.clone(), Value::Object(r.style.clone()))).collect()
    }

    #[test]
    fn text_styles_split_and_merge_runs() {
        let mut b = vec![Block::Para(Para::new("NORMAL_TEXT", "Go 🚀 now"))];
        let bold = |s: usize, e: usize, on: bool| json!({"range": {"startIndex": s, "endIndex": e}, "textStyle": {"bold": on}, "fields": "bold"});
        // "Go " 1..4, the rocket 4..6, " now\n" 6..11.
        update_text_style(&mut b, 1, &bold(4, 6, true)).unwrap();
        assert_eq!(
            runs(&b),
            [("Go ".into(), json!({})), ("🚀".into(), json!({"bold": true})), (" now\n".into(), json!({}))]
        );
        assert!(update_text_style(&mut b, 1, &bold(5, 7, true)).unwrap_err().contains("surrogate"));
        update_text_style(&mut b, 1, &bold(1, 11, false)).unwrap();
        assert_eq!(runs(&b), [("Go 🚀 now\n".into(), json!({}))], "false is the default, stored as inherit");
        let err = update_text_style(&mut b, 1, &json!({"range": {"startIndex": 1, "endIndex": 2}, "fields": ""}));
        assert!(err.unwrap_err().starts_with("At least one field"));
    }

    #[test]
    fn the_mask_clears_what_it_names_and_links_bring_their_look() {
        let mut b = vec![Block::Para(Para::new("NORMAL_TEXT", "ab")), Block::Para(Para::new("NORMAL_TEXT", "cd"))];
        let all = json!({"range": {"startIndex": 1, "endIndex": 7}, "fields": "italic,link,fontSize",
            "textStyle": {"italic": true, "link": {"url": "https://example.com"}, "fontSize": {"magnitude": 14, "unit": "PT"}}});
        update_text_style(&mut b, 1, &all).unwrap();
        let r = runs(&b);
        assert_eq!(r[0].0, "ab");
        assert_eq!(r[0].1["link"]["url"], "https://example.com");
        assert_eq!(r[0].1["underline"], true);
        assert_eq!(r[1], ("\n".into(), json!({"italic": true, "fontSize": {"magnitude": 14, "unit": "PT"}})));
        // In the mask but not in the style: cleared; a removed link takes its look with it.
        let clear = json!({"range": {"startIndex": 1, "endIndex": 4}, "fields": "link,fontSize", "textStyle": {}});
        update_text_style(&mut b, 1, &clear).unwrap();
        assert_eq!(runs(&b), [("ab\n".into(), json!({"italic": true}))]);
        let bad = json!({"range": {"startIndex": 1, "endIndex": 3}, "fields": "weightedFontFamily",
            "textStyle": {"weightedFontFamily": {"weight": 700}}});
        assert!(update_text_style(&mut b, 1, &bad).unwrap_err().contains("fontFamily"));
    }

    #[test]
    fn paragraph_styles_touch_every_paragraph_in_range() {
        let mut b: Vec<Block> = ["a", "b", "c"].iter().map(|t| Block::Para(Para::new("NORMAL_TEXT", t))).collect();
        let req = json!({"range": {"startIndex": 2, "endIndex": 4}, "fields": "namedStyleType,alignment",
            "paragraphStyle": {"namedStyleType": "HEADING_2", "alignment": "CENTER"}});
        update_paragraph_style(&mut b, 1, &req).unwrap();
        let styles: Vec<(String, Option<Value>)> = b
            .iter()
            .map(|x| match x {
                Block::Para(p) => (p.named_style.clone(), p.style.get("alignment").cloned()),
                Block::Table(_) => panic!(),
            })
            .collect();
        assert_eq!(styles[0], ("HEADING_2".into(), Some(json!("CENTER"))));
        assert_eq!(styles[1], ("HEADING_2".into(), Some(json!("CENTER"))));
        assert_eq!(styles[2], ("NORMAL_TEXT".into(), None));
        let partial = json!({"range": {"startIndex": 1, "endIndex": 2}, "fields": "borderTop",
            "paragraphStyle": {"borderTop": {"width": {"magnitude": 1, "unit": "PT"}}}});
        assert!(update_paragraph_style(&mut b, 1, &partial).unwrap_err().contains("partially"));
        let clear = json!({"range": {"startIndex": 1, "endIndex": 2}, "fields": "*", "paragraphStyle": {}});
        update_paragraph_style(&mut b, 1, &clear).unwrap();
        let Block::Para(p) = &b[0] else { panic!() };
        assert_eq!((p.named_style.as_str(), p.style.len()), ("NORMAL_TEXT", 0));
    }
}
