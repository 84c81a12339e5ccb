//! Slides' JSON resources (Presentation, Page, PageElement) from the model, with Slides'
//! field names: sizes as `{magnitude, unit: EMU}`, transforms with their unit, text as
//! `textElements`, notes pages with `notesProperties.speakerNotesObjectId`.

use serde_json::{Map, Value, json};

use super::model::{Element, ElementKind, PAGE_HEIGHT, PAGE_WIDTH, Page, PageKind, Presentation};

fn emu(v: f64) -> Value {
    json!({ "magnitude": v, "unit": "EMU" })
}

pub fn revision_id(p: &Presentation) -> String {
    format!("sbxRev{:08}_{}", p.revision, p.id.len())
}

fn text_json(t: &super::text::Text) -> Option<Value> {
    (!t.is_empty()).then(|| json!({ "textElements": t.elements() }))
}

pub fn element_json(e: &Element) -> Value {
    let t = &e.transform;
    let mut transform = json!({ "scaleX": t.scale_x, "scaleY": t.scale_y, "translateX": t.translate_x,
        "translateY": t.translate_y, "unit": "EMU" });
    if t.shear_x != 0.0 {
        transform["shearX"] = t.shear_x.into();
    }
    if t.shear_y != 0.0 {
        transform["shearY"] = t.shear_y.into();
    }
    let mut v = json!({
        "objectId": e.id,
        "size": { "width": emu(e.width), "height": emu(e.height) },
        "transform": transform,
    });
    match &e.kind {
        ElementKind::Shape { shape_type, text, placeholder } => {
            let mut shape = json!({ "shapeType": shape_type, "shapeProperties": {} });
            if let Some(text) = text_json(text) {
                shape["text"] = text;
            }
            if let Some(p) = placeholder {
                let mut ph = json!({ "type": p.kind, "index": p.index });
                if let Some(parent) = &p.parent {
                    ph["parentObjectId"] = parent.as_str().into();
                }
                shape["placeholder"] = ph;
            }
            v["shape"] = shape;
        }
        ElementKind::Table { cells } => {
            let rows = cells.len();
            let columns = cells.first().map_or(0, Vec::len);
            let col_width = if columns > 0 { e.width / columns as f64 } else { 0.0 };
            let row_height = if rows > 0 { e.height / rows as f64 } else { 0.0 };
            let table_rows: Vec<Value> = cells
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let cells: Vec<Value> = row
                        .iter()
                        .enumerate()
                        .map(|(c, text)| {
                            let mut cell = json!({ "location": { "rowIndex": r, "columnIndex": c },
                                "rowSpan": 1, "columnSpan": 1, "tableCellProperties": {} });
                            if let Some(text) = text_json(text) {
                                cell["text"] = text;
                            }
                            cell
                        })
                        .collect();
                    json!({ "rowHeight": emu(row_height), "tableCells": cells })
                })
                .collect();
            let columns_json: Vec<Value> = (0..columns).map(|_| json!({ "columnWidth": emu(col_width) })).collect();
            v["table"] = json!({ "rows": rows, "columns": columns, "tableRows": table_rows,
                "tableColumns": columns_json });
        }
        ElementKind::Image { content_url, source_url } => {
            v["image"] = json!({ "contentUrl": content_url, "sourceUrl": source_url, "imageProperties": {} });
        }
    }
    v
}

pub fn page_json(p: &Presentation, page: &Page) -> Value {
    let elements: Vec<Value> = page.elements.iter().map(element_json).collect();
    let mut v = json!({
        "objectId": page.id,
        "pageElements": elements,
        "revisionId": revision_id(p),
        "pageProperties": Value::Object(page.properties.clone()),
    });
    let master = p.masters.first().map(|m| m.id.clone()).unwrap_or_default();
    match page.kind {
        PageKind::Slide => {
            v["pageType"] = "SLIDE".into();
            let mut props = json!({ "masterObjectId": master });
            if let Some(layout) = &page.layout {
                props["layoutObjectId"] = layout.as_str().into();
            }
            if let Some(notes) = &page.notes {
                props["notesPage"] = page_json(p, notes);
            }
            v["slideProperties"] = props;
        }
        PageKind::Layout => {
            v["pageType"] = "LAYOUT".into();
            let name = page.layout.clone().unwrap_or_default();
            v["layoutProperties"] = json!({ "masterObjectId": master, "name": name,
                "displayName": display_name(&name) });
        }
        PageKind::Master => {
            v["pageType"] = "MASTER".into();
            v["masterProperties"] = json!({ "displayName": "Simple Light" });
        }
        PageKind::Notes => {
            v["pageType"] = "NOTES".into();
            let notes_id = page.elements.first().map(|e| e.id.clone()).unwrap_or_default();
            v["notesProperties"] = json!({ "speakerNotesObjectId": notes_id });
        }
    }
    v
}

fn display_name(layout: &str) -> String {
    let words: Vec<String> = layout
        .split('_')
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect();
    words.join(" ")
}

pub fn presentation_json(p: &Presentation) -> Value {
    let pages = |list: &[Page]| -> Vec<Value> { list.iter().map(|page| page_json(p, page)).collect() };
    let mut v = Map::new();
    v.insert("presentationId".into(), p.id.clone().into());
    v.insert("title".into(), p.title.clone().into());
    v.insert("locale".into(), "en".into());
    v.insert("revisionId".into(), revision_id(p).into());
    v.insert("pageSize".into(), json!({ "width": emu(PAGE_WIDTH), "height": emu(PAGE_HEIGHT) }));
    v.insert("slides".into(), pages(&p.slides).into());
    v.insert("layouts".into(), pages(&p.layouts).into());
    v.insert("masters".into(), pages(&p.masters).into());
    Value::Object(v)
}
