//! Presentations and pages as compact text for a model: ids first (what the next call
//! names), then each slide's elements with their text, and on request speaker notes,
//! geometry and styles. Pure functions over the API's JSON.

use serde_json::Value;

mod elements;

pub use elements::{Detail, element, text_of};

pub fn edit_link(presentation_id: &str) -> String {
    format!("https://docs.google.com/presentation/d/{presentation_id}/edit")
}

fn str_of<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

fn elements_of(page: &Value) -> &[Value] {
    page.get("pageElements").and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The speaker notes of a slide: the id of the shape holding them and its text.
pub fn speaker_notes(slide: &Value) -> Option<(String, String)> {
    let notes = slide.pointer("/slideProperties/notesPage")?;
    let id = str_of(notes, "/notesProperties/speakerNotesObjectId").to_string();
    if id.is_empty() {
        return None;
    }
    let shape = elements_of(notes).iter().find(|e| e.get("objectId").and_then(Value::as_str) == Some(id.as_str()));
    let text = shape.map(|s| text_of(s.pointer("/shape/text"))).unwrap_or_default();
    Some((id, text.trim_end_matches('\n').to_string()))
}

/// What `get_presentation` shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct PresentationView {
    pub notes: bool,
    pub detail: Detail,
}

fn page_size(p: &Value) -> String {
    let m = |axis: &str| p.pointer(&format!("/pageSize/{axis}/magnitude")).and_then(Value::as_f64).unwrap_or(0.0);
    format!("{} x {} {}", m("width"), m("height"), str_of(p, "/pageSize/width/unit"))
}

pub fn presentation(p: &Value, view: PresentationView) -> String {
    let id = str_of(p, "/presentationId");
    let slides = p.get("slides").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut out = format!(
        "Presentation \"{}\" (id {id})\nLink: {}\nRevision: {}\nPage size: {}\nSlides: {}\n",
        str_of(p, "/title"),
        edit_link(id),
        str_of(p, "/revisionId"),
        page_size(p),
        slides.len()
    );
    for (i, slide) in slides.iter().enumerate() {
        let elements = elements_of(slide);
        out.push_str(&format!(
            "\nSlide {} (id {}, layout {}): {} element(s)\n",
            i + 1,
            str_of(slide, "/objectId"),
            layout_name(p, str_of(slide, "/slideProperties/layoutObjectId")),
            elements.len()
        ));
        for e in elements {
            out.push_str(&element(e, view.detail, "  "));
        }
        if view.notes {
            match speaker_notes(slide) {
                Some((id, text)) if text.is_empty() => out.push_str(&format!("  Speaker notes (shape {id}): (none)\n")),
                Some((id, text)) => out.push_str(&format!("  Speaker notes (shape {id}): {text}\n")),
                None => out.push_str("  Speaker notes: this slide has no notes page\n"),
            }
        }
    }
    out
}

/// A layout's name (TITLE_AND_BODY) from its id, or the id when the deck does not list it.
fn layout_name<'a>(p: &'a Value, layout_id: &'a str) -> &'a str {
    p.get("layouts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|l| str_of(l, "/objectId") == layout_id)
        .map(|l| str_of(l, "/layoutProperties/name"))
        .filter(|n| !n.is_empty())
        .unwrap_or(if layout_id.is_empty() { "none" } else { layout_id })
}

pub fn page(presentation_id: &str, page: &Value, detail: Detail) -> String {
    let elements = elements_of(page);
    let kind = str_of(page, "/pageType");
    let mut out = format!(
        "Page {} ({}) of presentation {presentation_id}: {} element(s)\n",
        str_of(page, "/objectId"),
        if kind.is_empty() { "SLIDE" } else { kind },
        elements.len()
    );
    for e in elements {
        out.push_str(&element(e, detail, "  "));
    }
    if let Some((id, text)) = speaker_notes(page) {
        let shown = if text.is_empty() { "(none)".to_string() } else { text };
        out.push_str(&format!("Speaker notes (shape {id}): {shown}\n"));
    }
    out
}

/// What a batch update did: one line per reply that carries something.
pub fn batch_replies(presentation_id: &str, count: usize, reply: &Value) -> String {
    let mut out = format!("Applied {count} request(s) to presentation {presentation_id}.\n");
    for (i, r) in reply.get("replies").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let Some((kind, body)) = r.as_object().and_then(|o| o.iter().next()) else { continue };
        if let Some(id) = body.get("objectId").and_then(Value::as_str) {
            out.push_str(&format!("  {}: {kind} -> object id {id}\n", i + 1));
        } else if let Some(n) = body.get("occurrencesChanged") {
            out.push_str(&format!("  {}: {kind} -> {n} occurrence(s) changed\n", i + 1));
        }
    }
    if let Some(rev) = reply.pointer("/writeControl/requiredRevisionId").and_then(Value::as_str) {
        out.push_str(&format!("New revision: {rev}\n"));
    }
    out.push_str(&format!("Link: {}\n", edit_link(presentation_id)));
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn shape(id: &str, text: &str) -> Value {
        json!({ "objectId": id, "shape": { "shapeType": "TEXT_BOX", "text": { "textElements": [
            { "endIndex": 1, "paragraphMarker": {} }, { "endIndex": 6, "textRun": { "content": text, "style": { "bold": true } } } ] } },
            "transform": { "translateX": 10.0, "translateY": 20.0, "scaleX": 1.0, "scaleY": 1.0, "unit": "EMU" },
            "size": { "width": { "magnitude": 100.0, "unit": "EMU" }, "height": { "magnitude": 50.0, "unit": "EMU" } } })
    }

    #[test]
    fn a_slide_with_notes_geometry_and_styles() {
        let slide = json!({ "objectId": "s1", "pageElements": [shape("t1", "Hello\n")],
            "slideProperties": { "notesPage": { "notesProperties": { "speakerNotesObjectId": "n1" },
                "pageElements": [shape("n1", "Say hi\n")] } } });
        let p = json!({ "presentationId": "p1", "title": "Deck", "slides": [slide] });
        let text = presentation(&p, PresentationView { notes: true, detail: Detail { geometry: true, styles: true } });
        assert!(text.contains("Slide 1 (id s1, layout none): 1 element(s)"), "{text}");
        assert!(text.contains("- shape t1 (TEXT_BOX): \"Hello\""));
        assert!(text.contains("translate=(10, 20) EMU, size=100 x 50 EMU"));
        assert!(text.contains("style \"Hello\": bold"), "{text}");
        assert!(text.contains("Speaker notes (shape n1): Say hi"));
        let plain = presentation(&p, PresentationView::default());
        assert!(!plain.contains("Speaker notes") && !plain.contains("translate"));
    }

    #[test]
    fn tables_show_cells() {
        let table = json!({ "objectId": "tb", "table": { "rows": 1, "columns": 2, "tableRows": [ { "tableCells": [
            { "text": { "textElements": [ { "textRun": { "content": "a\n" } } ] } }, {} ] } ] } });
        assert!(element(&table, Detail::default(), "").contains("row 0: | a |  |"));
    }
}
