//! Requests that change what elements hold: insertText, deleteText, replaceAllText,
//! insertTableRows, updatePageElementTransform, updateTextStyle.

use serde_json::{Map, Value, json};

use super::{Failure, Outcome, element, empty, not_found, str_arg};
use crate::sandbox::model::{ElementKind, Presentation};
use crate::sandbox::text::Text;

/// `cellLocation` as (row, column), if given.
fn cell(r: &Value) -> Option<(usize, usize)> {
    let loc = r.get("cellLocation")?;
    let at = |name: &str| loc.get(name).and_then(Value::as_u64).and_then(|v| usize::try_from(v).ok()).unwrap_or(0);
    Some((at("rowIndex"), at("columnIndex")))
}

/// The text a request targets: a shape's, or a table cell's with `cellLocation`.
fn text<'a>(p: &'a mut Presentation, r: &Value) -> Result<&'a mut Text, Failure> {
    let at = cell(r);
    let e = element(p, r)?;
    let id = e.id.clone();
    match (&e.kind, at) {
        (ElementKind::Table { .. }, None) => {
            return Err(format!("The cellLocation must be specified for the table ({id})."));
        }
        (ElementKind::Image { .. }, _) => return Err(format!("The object ({id}) does not allow text editing.")),
        (ElementKind::Shape { .. }, Some(_)) => {
            return Err(format!("The object ({id}) is not a table, so cellLocation cannot be used."));
        }
        _ => {}
    }
    e.text_mut(at).ok_or_else(|| format!("The cell location is outside of the table ({id})."))
}

pub fn insert_text(p: &mut Presentation, r: &Value) -> Outcome {
    let inserted = r.get("text").and_then(Value::as_str).unwrap_or("").to_string();
    let index = r.get("insertionIndex").and_then(Value::as_u64).unwrap_or(0);
    let t = text(p, r)?;
    t.insert(usize::try_from(index).unwrap_or(usize::MAX), &inserted)?;
    empty()
}

pub fn delete_text(p: &mut Presentation, r: &Value) -> Outcome {
    let range = r.get("textRange").cloned().unwrap_or_else(|| json!({}));
    let t = text(p, r)?;
    let (start, end) = t.range(&range)?;
    t.delete(start, end);
    empty()
}

pub fn update_text_style(p: &mut Presentation, r: &Value) -> Outcome {
    let fields = str_arg(r, "fields").ok_or("The fields mask must be specified.")?;
    let style: Map<String, Value> = r.get("style").and_then(Value::as_object).cloned().unwrap_or_default();
    let names: Vec<String> = if fields.trim() == "*" {
        style.keys().cloned().collect()
    } else {
        fields.split(',').map(|f| f.trim().split('.').next().unwrap_or("").to_string()).collect()
    };
    let range = r.get("textRange").cloned().unwrap_or_else(|| json!({ "type": "ALL" }));
    let t = text(p, r)?;
    let (start, end) = t.range(&range)?;
    t.style(start, end, &style, &names);
    empty()
}

pub fn replace_all_text(p: &mut Presentation, r: &Value) -> Outcome {
    let contains = r.get("containsText").ok_or("The containsText must be specified.")?;
    let find = str_arg(contains, "text").ok_or("The containsText.text must not be empty.")?.to_string();
    let match_case = contains.get("matchCase").and_then(Value::as_bool).unwrap_or(false);
    let replace = r.get("replaceText").and_then(Value::as_str).unwrap_or("").to_string();
    let only: Vec<String> = r
        .get("pageObjectIds")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    for id in &only {
        if !p.slides.iter().any(|s| &s.id == id) {
            return Err(not_found(id));
        }
    }
    let mut count = 0;
    for slide in p.slides.iter_mut().filter(|s| only.is_empty() || only.contains(&s.id)) {
        for e in &mut slide.elements {
            for t in e.texts_mut() {
                count += t.replace_all(&find, &replace, match_case);
            }
        }
    }
    Ok(json!({ "replaceAllText": { "occurrencesChanged": count } }))
}

pub fn insert_table_rows(p: &mut Presentation, r: &Value) -> Outcome {
    let id = str_arg(r, "tableObjectId").ok_or("The tableObjectId must be specified.")?.to_string();
    let (row, _) = cell(r).ok_or("The cellLocation must be specified.")?;
    let below = r.get("insertBelow").and_then(Value::as_bool).unwrap_or(false);
    let number = usize::try_from(r.get("number").and_then(Value::as_u64).unwrap_or(1)).unwrap_or(1);
    let e = p.element_mut(&id).ok_or_else(|| not_found(&id))?;
    let row_height = e.height;
    let ElementKind::Table { cells } = &mut e.kind else {
        return Err(format!("The object ({id}) is not a table."));
    };
    if row >= cells.len() {
        return Err(format!("The row index ({row}) is outside of the table ({id})."));
    }
    if number == 0 || cells.len() + number > 20 {
        return Err("A table can have at most 20 rows.".to_string());
    }
    let at = if below { row + 1 } else { row };
    let columns = cells[0].len();
    let old_rows = cells.len();
    for _ in 0..number {
        cells.insert(at, vec![Text::default(); columns]);
    }
    e.height = row_height / old_rows as f64 * (old_rows + number) as f64;
    empty()
}

pub fn update_transform(p: &mut Presentation, r: &Value) -> Outcome {
    let t = super::create::transform(r.get("transform").ok_or("The transform must be specified.")?)?;
    let mode = str_arg(r, "applyMode").unwrap_or("APPLY_MODE_UNSPECIFIED").to_string();
    let e = element(p, r)?;
    e.transform = match mode.as_str() {
        "ABSOLUTE" => t,
        "RELATIVE" => t.then(&e.transform),
        _ => return Err("The applyMode must be RELATIVE or ABSOLUTE.".to_string()),
    };
    empty()
}
