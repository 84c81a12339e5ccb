//! Requests that add or remove pages and elements: createSlide (from a predefined layout or a
//! layout id, with placeholder id mappings), createShape, createTable, createImage,
//! duplicateObject and deleteObject.

use serde_json::{Value, json};

use super::{Failure, Outcome, empty, new_id, not_found, str_arg};
use crate::sandbox::model::{Element, ElementKind, Presentation, Transform};
use crate::sandbox::store::slide_from_layout;
use crate::sandbox::text::Text;

/// EMU per unit Slides accepts in dimensions.
fn to_emu(v: &Value) -> Option<f64> {
    let magnitude = v.get("magnitude").and_then(Value::as_f64).unwrap_or(0.0);
    match v.get("unit").and_then(Value::as_str) {
        Some("EMU") => Some(magnitude),
        Some("PT") => Some(magnitude * 12_700.0),
        _ => None,
    }
}

/// A transform from a request (`unit` scales the translation).
pub(crate) fn transform(t: &Value) -> Result<Transform, Failure> {
    let f = |name: &str| t.get(name).and_then(Value::as_f64);
    let unit = match t.get("unit").and_then(Value::as_str) {
        Some("EMU") => 1.0,
        Some("PT") => 12_700.0,
        _ => return Err("The transform unit must be EMU or PT.".to_string()),
    };
    Ok(Transform {
        scale_x: f("scaleX").unwrap_or(0.0),
        scale_y: f("scaleY").unwrap_or(0.0),
        shear_x: f("shearX").unwrap_or(0.0),
        shear_y: f("shearY").unwrap_or(0.0),
        translate_x: f("translateX").unwrap_or(0.0) * unit,
        translate_y: f("translateY").unwrap_or(0.0) * unit,
    })
}

/// The slide, box and transform of `elementProperties`.
fn placement(p: &Presentation, r: &Value, default: (f64, f64)) -> Result<(String, f64, f64, Transform), Failure> {
    let props = r.get("elementProperties").ok_or("The elementProperties must be specified.")?;
    let page = str_arg(props, "pageObjectId").ok_or("The pageObjectId must be specified.")?;
    if !p.slides.iter().any(|s| s.id == page) {
        return Err(not_found(page));
    }
    let (mut w, mut h) = default;
    if let Some(size) = props.get("size") {
        w = size.get("width").map(|v| to_emu(v).ok_or("The size unit must be EMU or PT.")).transpose()?.unwrap_or(w);
        h = size.get("height").map(|v| to_emu(v).ok_or("The size unit must be EMU or PT.")).transpose()?.unwrap_or(h);
    }
    let t = match props.get("transform") {
        Some(t) => transform(t)?,
        None => Transform::at(0.0, 0.0),
    };
    Ok((page.to_string(), w, h, t))
}

fn add_element(p: &mut Presentation, page: &str, e: Element) {
    if let Some(slide) = p.slide_mut(page) {
        slide.elements.push(e);
    }
}

pub fn create_slide(p: &mut Presentation, r: &Value) -> Outcome {
    let id = new_id(p, str_arg(r, "objectId"))?;
    let reference = r.get("slideLayoutReference");
    let layout = match (
        reference.and_then(|l| str_arg(l, "predefinedLayout")),
        reference.and_then(|l| str_arg(l, "layoutId")),
    ) {
        (Some(name), _) => p
            .layout(name)
            .and_then(|l| l.layout.clone())
            .ok_or_else(|| format!("The predefined layout ({name}) is not present in the current master."))?,
        (None, Some(lid)) => p.layout(lid).and_then(|l| l.layout.clone()).ok_or_else(|| not_found(lid))?,
        (None, None) => "BLANK".to_string(),
    };
    let mut mapped: Vec<(String, String)> = Vec::new();
    for m in r.get("placeholderIdMappings").and_then(Value::as_array).into_iter().flatten() {
        let kind = m.pointer("/layoutPlaceholder/type").and_then(Value::as_str).unwrap_or("");
        let oid = new_id(p, str_arg(m, "objectId"))?;
        if mapped.iter().any(|(_, o)| *o == oid) || oid == id {
            return Err(format!("The object ID ({oid}) should be unique among all pages and page elements."));
        }
        if !crate::sandbox::store::layout_placeholders(&layout).iter().any(|(k, _)| *k == kind) {
            return Err(format!("The placeholder ({kind}) could not be found on the layout ({layout})."));
        }
        mapped.push((kind.to_string(), oid));
    }
    let naming = |kind: &str| mapped.iter().find(|(k, _)| k == kind).map(|(_, o)| o.clone());
    let slide = slide_from_layout(p, &id, &layout, &naming);
    let index = match r.get("insertionIndex").and_then(Value::as_u64) {
        Some(i) => usize::try_from(i).unwrap_or(usize::MAX),
        None => p.slides.len(),
    };
    if index > p.slides.len() {
        return Err(format!(
            "The insertion index ({index}) should not be greater than the number of slides ({}).",
            p.slides.len()
        ));
    }
    p.slides.insert(index, slide);
    Ok(json!({ "createSlide": { "objectId": id } }))
}

pub fn create_shape(p: &mut Presentation, r: &Value) -> Outcome {
    let id = new_id(p, str_arg(r, "objectId"))?;
    let shape_type = str_arg(r, "shapeType").ok_or("The shapeType must be specified.")?.to_string();
    let (page, w, h, t) = placement(p, r, (3_000_000.0, 3_000_000.0))?;
    let kind = ElementKind::Shape { shape_type, text: Text::default(), placeholder: None };
    add_element(p, &page, Element { id: id.clone(), width: w, height: h, transform: t, kind });
    Ok(json!({ "createShape": { "objectId": id } }))
}

pub fn create_table(p: &mut Presentation, r: &Value) -> Outcome {
    let id = new_id(p, str_arg(r, "objectId"))?;
    let count = |name: &str| r.get(name).and_then(Value::as_u64).unwrap_or(0);
    let (rows, columns) = (count("rows"), count("columns"));
    if !(1..=20).contains(&rows) || !(1..=20).contains(&columns) {
        return Err("The table must have between 1 and 20 rows and between 1 and 20 columns.".to_string());
    }
    let (page, w, h, t) = placement(p, r, (8_000_000.0, 370_840.0 * rows as f64))?;
    let cells = vec![vec![Text::default(); columns as usize]; rows as usize];
    add_element(
        p,
        &page,
        Element { id: id.clone(), width: w, height: h, transform: t, kind: ElementKind::Table { cells } },
    );
    Ok(json!({ "createTable": { "objectId": id } }))
}

pub fn create_image(p: &mut Presentation, r: &Value) -> Outcome {
    let id = new_id(p, str_arg(r, "objectId"))?;
    let url = str_arg(r, "url").ok_or("The url must be specified.")?.to_string();
    let parsed = url::Url::parse(&url).map_err(|_| format!("The provided image URL ({url}) is invalid."))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(format!("The provided image URL ({url}) is invalid."));
    }
    let (page, w, h, t) = placement(p, r, (2_000_000.0, 2_000_000.0))?;
    let content_url = format!("https://lh7-rt.googleusercontent.com/slidesz/{id}");
    let kind = ElementKind::Image { content_url, source_url: url };
    add_element(p, &page, Element { id: id.clone(), width: w, height: h, transform: t, kind });
    Ok(json!({ "createImage": { "objectId": id } }))
}

pub fn duplicate_object(p: &mut Presentation, r: &Value) -> Outcome {
    let source = str_arg(r, "objectId").ok_or("The objectId must be specified.")?.to_string();
    let wanted = r.get("objectIds").and_then(Value::as_object).cloned().unwrap_or_default();
    let id_for = |p: &mut Presentation, old: &str| -> Result<String, Failure> {
        new_id(p, wanted.get(old).and_then(Value::as_str))
    };
    if let Some(i) = p.slides.iter().position(|s| s.id == source) {
        let mut copy = p.slides[i].clone();
        copy.id = id_for(p, &source)?;
        for e in &mut copy.elements {
            e.id = id_for(p, &e.id.clone())?;
        }
        if let Some(notes) = copy.notes.as_mut() {
            notes.id = p.fresh_id();
            for e in &mut notes.elements {
                e.id = p.fresh_id();
            }
        }
        let new = copy.id.clone();
        p.slides.insert(i + 1, copy);
        return Ok(json!({ "duplicateObject": { "objectId": new } }));
    }
    let (slide_index, element) = p
        .slides
        .iter()
        .enumerate()
        .find_map(|(i, s)| s.elements.iter().find(|e| e.id == source).map(|e| (i, e.clone())))
        .ok_or_else(|| not_found(&source))?;
    let mut copy = element;
    copy.id = id_for(p, &source)?;
    let new = copy.id.clone();
    p.slides[slide_index].elements.push(copy);
    Ok(json!({ "duplicateObject": { "objectId": new } }))
}

pub fn delete_object(p: &mut Presentation, r: &Value) -> Outcome {
    let id = str_arg(r, "objectId").ok_or("The objectId must be specified.")?;
    if let Some(i) = p.slides.iter().position(|s| s.id == id) {
        p.slides.remove(i);
        return empty();
    }
    for slide in &mut p.slides {
        if let Some(i) = slide.elements.iter().position(|e| e.id == id) {
            slide.elements.remove(i);
            return empty();
        }
    }
    if p.pages().any(|page| page.id == id || page.elements.iter().any(|e| e.id == id)) {
        return Err(format!("The object ({id}) cannot be deleted."));
    }
    Err(not_found(id))
}
