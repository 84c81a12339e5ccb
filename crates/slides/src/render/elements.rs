//! One page element as text: its kind and object id (what batch updates name), its text
//! (tables cell by cell), and on request its geometry (transform and size in EMU) and its
//! explicitly set text styles.

use serde_json::Value;

/// What to show besides kind, id and text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Detail {
    pub geometry: bool,
    pub styles: bool,
}

/// The plain text of a `text` object (a shape's or a cell's).
pub fn text_of(text: Option<&Value>) -> String {
    let Some(elements) = text.and_then(|t| t.get("textElements")).and_then(Value::as_array) else {
        return String::new();
    };
    elements.iter().filter_map(|e| e.pointer("/textRun/content").and_then(Value::as_str)).collect()
}

fn quoted(text: &str) -> String {
    let t = text.trim_end_matches('\n');
    format!("\"{}\"", t.replace('\n', "\\n"))
}

fn num(v: Option<&Value>) -> f64 {
    v.and_then(Value::as_f64).unwrap_or(0.0)
}

fn geometry(e: &Value, indent: &str) -> String {
    let t = e.get("transform").cloned().unwrap_or(Value::Null);
    let (sx, sy) = (
        t.get("scaleX").and_then(Value::as_f64).unwrap_or(1.0),
        t.get("scaleY").and_then(Value::as_f64).unwrap_or(1.0),
    );
    let (hx, hy) = (num(t.get("shearX")), num(t.get("shearY")));
    let mut out = format!("{indent}translate=({}, {}) EMU", num(t.get("translateX")), num(t.get("translateY")));
    if (sx, sy, hx, hy) != (1.0, 1.0, 0.0, 0.0) {
        out.push_str(&format!(", scale=({sx}, {sy}), shear=({hx}, {hy})"));
    }
    if let Some(size) = e.get("size") {
        let (w, h) = (num(size.pointer("/width/magnitude")), num(size.pointer("/height/magnitude")));
        out.push_str(&format!(
            ", size={w} x {h} {}",
            size.pointer("/width/unit").and_then(Value::as_str).unwrap_or("EMU")
        ));
        if (sx, sy) != (1.0, 1.0) {
            out.push_str(&format!(" (rendered {} x {})", w * sx, h * sy));
        }
    }
    out.push('\n');
    out
}

/// Runs with explicitly set styles: `"excerpt": bold, fontSize=18PT, ...`.
fn styles(text: Option<&Value>, indent: &str) -> String {
    let mut out = String::new();
    for e in text.and_then(|t| t.get("textElements")).and_then(Value::as_array).into_iter().flatten() {
        let Some(run) = e.get("textRun") else { continue };
        let Some(style) = run.get("style").and_then(Value::as_object).filter(|s| !s.is_empty()) else { continue };
        let parts: Vec<String> = style
            .iter()
            .map(|(k, v)| match v {
                Value::Bool(true) => k.clone(),
                Value::Object(_) if v.get("magnitude").is_some() => {
                    format!("{k}={}{}", num(v.get("magnitude")), v.get("unit").and_then(Value::as_str).unwrap_or(""))
                }
                Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect();
        let excerpt: String = run.get("content").and_then(Value::as_str).unwrap_or("").chars().take(40).collect();
        out.push_str(&format!("{indent}style {}: {}\n", quoted(&excerpt), parts.join(", ")));
    }
    out
}

/// The element, its children (groups) and details, each line starting with `indent`.
pub fn element(e: &Value, d: Detail, indent: &str) -> String {
    let id = e.get("objectId").and_then(Value::as_str).unwrap_or("?");
    let deeper = format!("{indent}    ");
    let mut out = String::new();
    if let Some(shape) = e.get("shape") {
        let kind = shape.get("shapeType").and_then(Value::as_str).unwrap_or("SHAPE");
        let placeholder = shape
            .pointer("/placeholder/type")
            .and_then(Value::as_str)
            .map(|p| format!(", placeholder {p}"))
            .unwrap_or_default();
        let text = text_of(shape.get("text"));
        let shown = if text.is_empty() { "(no text)".to_string() } else { quoted(&text) };
        out.push_str(&format!("{indent}- shape {id} ({kind}{placeholder}): {shown}\n"));
        if d.styles {
            out.push_str(&styles(shape.get("text"), &deeper));
        }
    } else if let Some(table) = e.get("table") {
        let (rows, cols) = (num(table.get("rows")), num(table.get("columns")));
        out.push_str(&format!("{indent}- table {id} ({rows} rows x {cols} columns)\n"));
        for (r, row) in table.get("tableRows").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let cells: Vec<String> = row
                .get("tableCells")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|c| text_of(c.get("text")).trim_end_matches('\n').replace('\n', " / "))
                .collect();
            out.push_str(&format!("{deeper}row {r}: | {} |\n", cells.join(" | ")));
            if d.geometry {
                out.push_str(&format!("{deeper}  height={} EMU\n", num(row.pointer("/rowHeight/magnitude"))));
            }
        }
        if d.geometry {
            let widths: Vec<String> = table
                .get("tableColumns")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|c| num(c.pointer("/columnWidth/magnitude")).to_string())
                .collect();
            out.push_str(&format!("{deeper}column widths (EMU): {}\n", widths.join(", ")));
        }
        if d.styles {
            for row in table.get("tableRows").and_then(Value::as_array).into_iter().flatten() {
                for c in row.get("tableCells").and_then(Value::as_array).into_iter().flatten() {
                    out.push_str(&styles(c.get("text"), &deeper));
                }
            }
        }
    } else if let Some(image) = e.get("image") {
        let source = image.get("sourceUrl").and_then(Value::as_str).unwrap_or("no source URL");
        out.push_str(&format!("{indent}- image {id} ({source})\n"));
    } else if let Some(group) = e.get("elementGroup") {
        out.push_str(&format!("{indent}- group {id}\n"));
        for child in group.get("children").and_then(Value::as_array).into_iter().flatten() {
            out.push_str(&element(child, d, &deeper));
        }
    } else {
        let kind = ["line", "video", "sheetsChart", "wordArt", "speakerSpotlight"]
            .into_iter()
            .find(|k| e.get(*k).is_some())
            .unwrap_or("element");
        out.push_str(&format!("{indent}- {kind} {id}\n"));
    }
    if d.geometry {
        out.push_str(&geometry(e, &deeper));
    }
    out
}
