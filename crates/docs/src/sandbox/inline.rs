//! Page breaks and inline images: `insertPageBreak` and `insertInlineImage`, and how both are
//! held and rendered. Each is one index unit in Docs, so each is held as one marker character
//! from the Private Use Area (one UTF-16 unit) inside a run's text: every text edit (insert
//! around it, delete across it, merge its paragraph) then moves it exactly as Docs moves the
//! element, with no special cases in `edit`. Rendering turns a marker back into a `pageBreak`
//! or an `inlineObjectElement`; an image's properties live in its tab's `inline_objects`.

use serde_json::{Value, json};

use super::edit::{self, EditResult};
use super::model::{Block, Doc, Tab};
use super::segments;

/// The marker of a page break.
pub const PAGE_BREAK: char = '\u{E000}';
/// Image markers run from here to the end of the Private Use Area.
const FIRST_IMAGE: u32 = 0xE001;
const LAST_IMAGE: u32 = 0xF8FF;

/// The size Google would read from an image it fetched; the emulation fetches nothing, so every
/// image is taken to be 4:3 at this size (in points) when `objectSize` leaves a side open.
const NATURAL_SIZE: (f64, f64) = (320.0, 240.0);

/// The longest image URI Google accepts ("at most 2 kB").
const MAX_URI_BYTES: usize = 2048;

#[derive(Debug, Clone, PartialEq)]
pub struct InlineImage {
    pub marker: char,
    pub id: String,
    pub source_uri: String,
    /// Width and height in points.
    pub size: (f64, f64),
}

/// The object id of an image marker: derived from the marker, which is unique in its document.
fn object_id(marker: char) -> String {
    format!("kix.img{:04x}", u32::from(marker) - FIRST_IMAGE + 1)
}

fn is_image_marker(c: char) -> bool {
    (FIRST_IMAGE..=LAST_IMAGE).contains(&u32::from(c))
}

/// A run's text cut at its markers: plain text (`None`), or a marker with the paragraph
/// element it stands for (its key and value, without `textStyle`).
pub fn split_run(text: &str) -> Vec<(&str, Option<(&'static str, Value)>)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, c) in text.char_indices() {
        let element = if c == PAGE_BREAK {
            ("pageBreak", json!({}))
        } else if is_image_marker(c) {
            ("inlineObjectElement", json!({"inlineObjectId": object_id(c)}))
        } else {
            continue;
        };
        if at > from {
            out.push((&text[from..at], None));
        }
        let end = at + c.len_utf8();
        out.push((&text[at..end], Some(element)));
        from = end;
    }
    if from < text.len() {
        out.push((&text[from..], None));
    }
    out
}

/// The tab's `inlineObjects`, when it has any: only images still in its text (a deleted
/// image's entry goes with it, as in Docs).
pub fn render_objects(tab: &Tab) -> Option<(&'static str, Value)> {
    let mut text = String::new();
    collect_text(&tab.body, &mut text);
    for segment in tab.headers_footers.all() {
        collect_text(&segment.content, &mut text);
    }
    let objects: serde_json::Map<String, Value> = tab
        .inline_objects
        .iter()
        .filter(|img| text.contains(img.marker))
        .map(|img| (img.id.clone(), render_image(img)))
        .collect();
    (!objects.is_empty()).then(|| ("inlineObjects", Value::Object(objects)))
}

fn collect_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Para(p) => out.push_str(&p.text()),
            Block::Table(t) => t.rows.iter().flatten().for_each(|cell| collect_text(cell, out)),
        }
    }
}

fn render_image(img: &InlineImage) -> Value {
    let pt = |magnitude: f64| json!({"magnitude": magnitude, "unit": "PT"});
    let margin = pt(9.0);
    json!({
        "objectId": img.id,
        "inlineObjectProperties": {"embeddedObject": {
            "imageProperties": {
                // Google serves its stored copy from its own host; the sandbox names it after the id.
                "contentUri": format!("https://lh7-rt.googleusercontent.com/docsz/{}", img.id.replace('.', "_")),
                "sourceUri": img.source_uri,
                "cropProperties": {},
            },
            "embeddedObjectBorder": {
                "color": {"color": {"rgbColor": {}}},
                "width": {"unit": "PT"},
                "dashStyle": "SOLID",
                "propertyState": "NOT_RENDERED",
            },
            "size": {"width": pt(img.size.0), "height": pt(img.size.1)},
            "marginTop": margin, "marginBottom": margin, "marginLeft": margin, "marginRight": margin,
        }},
    })
}

/// `insertPageBreak`: a page break and then a newline, in the body only and never in a table.
pub fn insert_page_break(doc: &mut Doc, body: &Value) -> EditResult<Value> {
    let at = segments::location(body)?;
    if at.get("segmentId").and_then(Value::as_str).is_some_and(|s| !s.is_empty()) {
        return Err(
            "Page breaks can only be inserted in the document body, not in a header, footer or footnote.".into()
        );
    }
    let target = segments::resolve(doc, at)?;
    let tab = target.tab;
    let index = match body.get("location") {
        Some(l) => segments::index(l),
        None => tab.end_index() - 1,
    };
    if segments::in_table(&tab.body, 1, index) {
        return Err("Page breaks cannot be inserted inside a table.".into());
    }
    edit::insert_text(&mut tab.body, 1, index, &format!("{PAGE_BREAK}\n"))?;
    Ok(json!({}))
}

/// `insertInlineImage`: the image as one unit at the location, recorded in its tab; the reply
/// names the new object.
pub fn insert_inline_image(doc: &mut Doc, body: &Value) -> EditResult<Value> {
    let uri = body.get("uri").and_then(Value::as_str).unwrap_or_default();
    check_uri(uri)?;
    let size = object_size(body.get("objectSize"))?;
    let at = segments::location(body)?;
    let marker = next_marker(doc)?;
    let mut target = segments::resolve(doc, at)?;
    let (blocks, base) = target.blocks();
    let index = match body.get("location") {
        Some(l) => segments::index(l),
        None => base + super::model::content_len(blocks) - 1,
    };
    edit::insert_text(blocks, base, index, &marker.to_string())?;
    let id = object_id(marker);
    target.tab.inline_objects.push(InlineImage { marker, id: id.clone(), source_uri: uri.to_string(), size });
    Ok(json!({"insertInlineImage": {"objectId": id}}))
}

/// What Google refuses before fetching, and what it cannot fetch: anything but a public
/// http(s) address.
fn check_uri(uri: &str) -> EditResult<()> {
    const UNREACHABLE: &str = "There was a problem retrieving the image. The provided image should be publicly \
                               accessible, within size limit, and in supported formats.";
    if uri.is_empty() {
        return Err("The image URI must not be empty.".into());
    }
    if uri.len() > MAX_URI_BYTES {
        return Err(format!("The image URI is {} bytes long; it may be at most 2 kB.", uri.len()));
    }
    let rest = uri.strip_prefix("https://").or_else(|| uri.strip_prefix("http://")).ok_or(UNREACHABLE)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default().to_string()
    };
    if host.is_empty() || wsmcp_core::remote::is_local_host(&host) || !host.contains(['.', ':']) {
        return Err(UNREACHABLE.into());
    }
    Ok(())
}

/// The size the image gets: Google keeps a 4:3 image's aspect ratio, computing an open side
/// from the other and fitting it into the box when both are given.
fn object_size(size: Option<&Value>) -> EditResult<(f64, f64)> {
    let side = |name: &str| -> EditResult<Option<f64>> {
        let Some(d) = size.and_then(|s| s.get(name)) else { return Ok(None) };
        let Some(magnitude) = d.get("magnitude").and_then(Value::as_f64) else { return Ok(None) };
        if d.get("unit").and_then(Value::as_str) != Some("PT") {
            return Err(format!("objectSize.{name}.unit must be PT."));
        }
        if magnitude <= 0.0 {
            return Err(format!("objectSize.{name}.magnitude must be positive."));
        }
        Ok(Some(magnitude))
    };
    let (w0, h0) = NATURAL_SIZE;
    Ok(match (side("width")?, side("height")?) {
        (None, None) => NATURAL_SIZE,
        (Some(w), None) => (w, w * h0 / w0),
        (None, Some(h)) => (h * w0 / h0, h),
        (Some(w), Some(h)) => {
            let scale = (w / w0).min(h / h0);
            (w0 * scale, h0 * scale)
        }
    })
}

/// A marker no image of the document uses yet.
fn next_marker(doc: &Doc) -> EditResult<char> {
    let used = doc.all_tabs().iter().flat_map(|t| t.inline_objects.iter().map(|i| u32::from(i.marker))).max();
    let next = used.map_or(FIRST_IMAGE, |u| u + 1);
    if next > LAST_IMAGE {
        return Err("The document holds too many inline images for the sandbox.".into());
    }
    char::from_u32(next).ok_or_else(|| "The document holds too many inline images for the sandbox.".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_at_markers() {
        let text = format!("a{PAGE_BREAK}\n");
        let parts = split_run(&text);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[1].1.as_ref().map(|e| e.0), Some("pageBreak"));
        let img = char::from_u32(FIRST_IMAGE).unwrap();
        let text = format!("{img}");
        assert_eq!(split_run(&text)[0].1.as_ref().unwrap().1, json!({"inlineObjectId": "kix.img0001"}));
        assert_eq!(split_run("plain").len(), 1);
    }

    #[test]
    fn uris_google_can_fetch() {
        assert!(check_uri("https://example.com/logo.png").is_ok());
        assert!(check_uri("http://cdn.example.org:8080/a.gif?x=1").is_ok());
        for bad in [
            "",
            "file:///etc/passwd",
            "ftp://example.com/a.png",
            "https://localhost/a.png",
            "http://10.0.0.2/a.png",
            "https://[::1]/a.png",
            "https://intranet/a.png",
        ] {
            assert!(check_uri(bad).is_err(), "{bad}");
        }
        assert!(check_uri(&format!("https://example.com/{}", "a".repeat(2100))).unwrap_err().contains("2 kB"));
    }

    #[test]
    fn sizes_keep_the_aspect_ratio() {
        let pt = |w: f64| json!({"magnitude": w, "unit": "PT"});
        assert_eq!(object_size(None).unwrap(), (320.0, 240.0));
        assert_eq!(object_size(Some(&json!({"width": pt(160.0)}))).unwrap(), (160.0, 120.0));
        assert_eq!(object_size(Some(&json!({"height": pt(60.0)}))).unwrap(), (80.0, 60.0));
        assert_eq!(object_size(Some(&json!({"width": pt(200.0), "height": pt(60.0)}))).unwrap(), (80.0, 60.0));
        assert!(object_size(Some(&json!({"width": {"magnitude": 5, "unit": "UNIT_UNSPECIFIED"}}))).is_err());
        assert!(object_size(Some(&json!({"width": pt(0.0)}))).is_err());
    }
}
