//! The batch_update_doc operations on named ranges, page and section setup, headers and
//! footers, images, people chips and tabs, as Docs requests.

use serde_json::{Value, json};

use super::translate::{Shifts, Translated, index, masked, maybe_color, one, place, points, range, target, view};
use super::*;
use crate::wire::Document;

/// Named-range requests pick their range by id or by name, never both.
fn named(id: &Option<String>, name: &Option<String>, name_key: &str) -> Result<(String, Value), String> {
    match (id.as_deref().filter(|s| !s.is_empty()), name.as_deref().filter(|s| !s.is_empty())) {
        (Some(i), None) => Ok(("namedRangeId".into(), json!(i))),
        (None, Some(n)) => Ok((name_key.into(), json!(n))),
        _ => Err("give exactly one of named_range_id and named_range_name".into()),
    }
}

fn tabs_criteria(req: &mut Value, doc: &Document, tab_id: &Option<String>) -> Result<(), String> {
    if let Some(t) = tab_id.as_deref().filter(|t| !t.trim().is_empty()) {
        view(doc, tab_id)?;
        req["tabsCriteria"] = json!({"tabIds": [t]});
    }
    Ok(())
}

fn margins(m: [(&'static str, Option<f64>); 6]) -> Vec<(&'static str, Option<Value>)> {
    m.into_iter().map(|(k, v)| (k, v.map(points))).collect()
}

pub(super) fn translate(op: &Operation, doc: &Document, shifts: &Shifts) -> Result<Translated, String> {
    use Operation as O;
    match op {
        O::CreateNamedRange(o) => {
            let t = target(&view(doc, &o.tab_id)?, &o.segment_id);
            let (s, e) = range(o.start_index, o.end_index)?;
            if o.name.is_empty() || o.name.chars().count() > 256 {
                return Err("name must be 1 to 256 characters".into());
            }
            one(
                json!({"createNamedRange": {"name": o.name, "range": t.range(s, e)}}),
                format!("name [{s}, {e}) \"{}\"", o.name),
            )
        }
        O::ReplaceNamedRangeContent(o) => {
            let (key, value) = named(&o.named_range_id, &o.named_range_name, "namedRangeName")?;
            let mut req = json!({"text": o.text});
            req[key.as_str()] = value;
            tabs_criteria(&mut req, doc, &o.tab_id)?;
            one(json!({"replaceNamedRangeContent": req}), "replace a named range's content".into())
        }
        O::DeleteNamedRange(o) => {
            let (key, value) = named(&o.named_range_id, &o.named_range_name, "name")?;
            let mut req = json!({});
            req[key.as_str()] = value;
            tabs_criteria(&mut req, doc, &o.tab_id)?;
            one(json!({"deleteNamedRange": req}), "delete a named range".into())
        }
        O::UpdateDocumentStyle(o) => {
            let v = view(doc, &o.tab_id)?;
            let size = match (o.page_width, o.page_height) {
                (Some(w), Some(h)) => Some(json!({"width": points(w), "height": points(h)})),
                (None, None) => None,
                _ => return Err("give page_width and page_height together".into()),
            };
            let mut pairs = vec![(
                "background",
                maybe_color(&o.background_color, "background_color")?.map(|c| json!({"color": c})),
            )];
            pairs.extend(margins([
                ("marginTop", o.margin_top),
                ("marginBottom", o.margin_bottom),
                ("marginLeft", o.margin_left),
                ("marginRight", o.margin_right),
                ("marginHeader", o.margin_header),
                ("marginFooter", o.margin_footer),
            ]));
            let mode = o.document_mode.map(|m| if m == DocumentMode::Pages { "PAGES" } else { "PAGELESS" });
            pairs.extend([
                ("pageSize", size),
                ("pageNumberStart", o.page_number_start.map(|n| json!(n))),
                ("useEvenPageHeaderFooter", o.use_even_page_header_footer.map(|b| json!(b))),
                ("useFirstPageHeaderFooter", o.use_first_page_header_footer.map(|b| json!(b))),
                ("flipPageOrientation", o.flip_page_orientation.map(|b| json!(b))),
                ("documentFormat", mode.map(|m| json!({"documentMode": m}))),
            ]);
            let (style, fields) =
                masked(pairs).ok_or("no document style given (margins, page size, background ...)")?;
            let mut req = json!({"documentStyle": style, "fields": fields});
            if !v.id.is_empty() {
                req["tabId"] = json!(v.id);
            }
            one(json!({"updateDocumentStyle": req}), format!("document style: {fields}"))
        }
        O::UpdateSectionStyle(o) => {
            let t = target(&view(doc, &o.tab_id)?, &None);
            let (s, e) = range(o.start_index, o.end_index)?;
            let columns = match o.column_count {
                None => None,
                Some(n @ 1..=3) => {
                    let gap = o.column_spacing.unwrap_or(36.0);
                    let count = usize::try_from(n).unwrap_or(1);
                    Some(json!(vec![json!({"paddingEnd": points(gap)}); count]))
                }
                Some(n) => return Err(format!("column_count must be 1 to 3, got {n}")),
            };
            if o.column_spacing.is_some() && columns.is_none() {
                return Err("column_spacing goes with column_count".into());
            }
            let mut pairs = margins([
                ("marginTop", o.margin_top),
                ("marginBottom", o.margin_bottom),
                ("marginLeft", o.margin_left),
                ("marginRight", o.margin_right),
                ("marginHeader", o.margin_header),
                ("marginFooter", o.margin_footer),
            ]);
            let direction = o
                .content_direction
                .map(|d| if d == ContentDirection::LeftToRight { "LEFT_TO_RIGHT" } else { "RIGHT_TO_LEFT" });
            let separator = o
                .column_separator_style
                .map(|c| if c == ColumnSeparatorStyle::None { "NONE" } else { "BETWEEN_EACH_COLUMN" });
            pairs.extend([
                ("pageNumberStart", o.page_number_start.map(|n| json!(n))),
                ("useFirstPageHeaderFooter", o.use_first_page_header_footer.map(|b| json!(b))),
                ("flipPageOrientation", o.flip_page_orientation.map(|b| json!(b))),
                ("contentDirection", direction.map(|d| json!(d))),
                ("columnProperties", columns),
                ("columnSeparatorStyle", separator.map(|c| json!(c))),
            ]);
            let (style, fields) = masked(pairs).ok_or("no section style given (margins, columns ...)")?;
            let req = json!({"updateSectionStyle": {"range": t.range(s, e), "sectionStyle": style, "fields": fields}});
            one(req, format!("section style of [{s}, {e}): {fields}"))
        }
        O::CreateHeaderFooter(o) => {
            if o.header_footer_type != HeaderFooterType::Default {
                return Err("the Docs API creates only DEFAULT headers and footers; for a different first page, \
                    create the DEFAULT one and set use_first_page_header_footer with update_document_style"
                    .into());
            }
            let t = target(&view(doc, &o.tab_id)?, &None);
            let kind = if o.section_type == SectionPart::Header { "createHeader" } else { "createFooter" };
            let mut req = json!({"type": "DEFAULT"});
            if let Some(at) = o.section_break_index {
                req["sectionBreakLocation"] = t.location(index(at, "section_break_index")?);
            }
            one(json!({kind: req}), format!("{kind} DEFAULT"))
        }
        O::InsertImage(o) => {
            let v = view(doc, &o.tab_id)?;
            let t = target(&v, &o.segment_id);
            let uri = o.image_uri.trim();
            if !(uri.starts_with("https://") || uri.starts_with("http://")) {
                return Err(format!("image_uri must be a public http(s) URL, got \"{uri}\""));
            }
            let (key, at, said) = place(&o.place, &v, &t, shifts)?;
            let mut req = json!({key: at, "uri": uri});
            let size = masked(vec![
                ("width", o.width.map(|w| points(w as f64))),
                ("height", o.height.map(|h| points(h as f64))),
            ]);
            if let Some((size, _)) = size {
                req["objectSize"] = size;
            }
            one(json!({"insertInlineImage": req}), format!("insert an image {said}"))
        }
        O::InsertPerson(o) => {
            let v = view(doc, &o.tab_id)?;
            let t = target(&v, &o.segment_id);
            let email = o.email.trim();
            if !email.contains('@') {
                return Err(format!("email must be an email address, got \"{email}\""));
            }
            let (key, at, said) = place(&o.place, &v, &t, shifts)?;
            one(
                json!({"insertPerson": {key: at, "personProperties": {"email": email}}}),
                format!("mention {email} {said}"),
            )
        }
        O::InsertDocTab(o) => {
            let mut props = json!({"title": o.title, "index": index(o.index, "index")?});
            if let Some(parent) = o.parent_tab_id.as_deref().filter(|p| !p.is_empty()) {
                view(doc, &o.parent_tab_id)?;
                props["parentTabId"] = json!(parent);
            }
            one(json!({"addDocumentTab": {"tabProperties": props}}), format!("add tab \"{}\"", o.title))
        }
        O::DeleteDocTab(o) => {
            let v = view(doc, &Some(o.tab_id.clone()))?;
            one(json!({"deleteTab": {"tabId": v.id}}), format!("delete tab {}", v.id))
        }
        O::UpdateDocTab(o) => {
            let v = view(doc, &Some(o.tab_id.clone()))?;
            let req = json!({"updateDocumentTabProperties": {"tabProperties": {"tabId": v.id, "title": o.title}, "fields": "title"}});
            one(req, format!("rename tab {} to \"{}\"", v.id, o.title))
        }
        _ => Err("this operation is translated elsewhere".into()),
    }
}
