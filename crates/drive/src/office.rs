//! Readable text from Office files: .docx (paragraphs), .xlsx (each sheet's cells,
//! tab-separated) and .pptx (each slide's text). These are zip archives of XML parts; the
//! XML read from one file is capped (`WORKSPACE_MCP_MAX_OFFICE_XML_BYTES`, default
//! 25 MiB) by counting the bytes actually inflated, so a small zip bomb cannot expand
//! into gigabytes in memory.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::formats::{DOCX, PPTX, XLSX};

/// Default cap on the XML inflated from one Office file.
pub use wsmcp_core::service::DEFAULT_MAX_OFFICE_XML_BYTES as DEFAULT_MAX_XML_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeKind {
    Docx,
    Xlsx,
    Pptx,
}

impl OfficeKind {
    pub fn of(mime: &str) -> Option<OfficeKind> {
        match mime {
            DOCX => Some(OfficeKind::Docx),
            XLSX => Some(OfficeKind::Xlsx),
            PPTX => Some(OfficeKind::Pptx),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfficeError {
    #[error("its XML expands to more than {limit} bytes (WORKSPACE_MCP_MAX_OFFICE_XML_BYTES); it was not read")]
    TooLarge { limit: u64 },
    #[error("it appears damaged or is not a valid Office file: {0}")]
    Damaged(String),
}

/// The text of an Office file of `kind`, reading at most `max_xml` bytes of XML.
pub fn extract(bytes: &[u8], kind: OfficeKind, max_xml: u64) -> Result<String, OfficeError> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| OfficeError::Damaged(format!("not a zip archive ({e})")))?;
    let mut doc = Package { zip, left: max_xml, limit: max_xml };
    match kind {
        OfficeKind::Docx => docx(&mut doc),
        OfficeKind::Xlsx => xlsx(&mut doc),
        OfficeKind::Pptx => pptx(&mut doc),
    }
}

struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    left: u64,
    limit: u64,
}

impl Package<'_> {
    /// One XML part, `None` when the archive has no such part.
    fn part(&mut self, name: &str) -> Result<Option<String>, OfficeError> {
        let file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(OfficeError::Damaged(format!("{name}: {e}"))),
        };
        let mut buf = Vec::new();
        // Counted on the inflated stream, not the sizes the archive claims.
        file.take(self.left.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| OfficeError::Damaged(format!("{name}: {e}")))?;
        let read = buf.len() as u64;
        if read > self.left {
            return Err(OfficeError::TooLarge { limit: self.limit });
        }
        self.left -= read;
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }

    fn names(&self) -> Vec<String> {
        self.zip.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect()
    }
}

fn docx(doc: &mut Package) -> Result<String, OfficeError> {
    let xml = doc.part("word/document.xml")?.ok_or_else(|| OfficeError::Damaged("no word/document.xml".into()))?;
    let mut out = String::new();
    // `<w:tabs>` in paragraph properties declares tab stops; only a run's `<w:tab/>` is text.
    let mut in_tab_stops = false;
    walk(&xml, |ev| match ev {
        Item::Text(t) => out.push_str(t),
        Item::Open("tabs") => in_tab_stops = true,
        Item::Close("tabs") => in_tab_stops = false,
        Item::Open("tab") if !in_tab_stops => out.push('\t'),
        Item::Open("br" | "cr") => out.push('\n'),
        Item::Close("p") => out.push('\n'),
        _ => {}
    })?;
    Ok(tidy(&out))
}

fn pptx(doc: &mut Package) -> Result<String, OfficeError> {
    let mut slides: Vec<(u32, String)> = doc
        .names()
        .into_iter()
        .filter_map(|n| {
            let num = n.strip_prefix("ppt/slides/slide")?.strip_suffix(".xml")?.parse::<u32>().ok()?;
            Some((num, n))
        })
        .collect();
    if slides.is_empty() {
        return Err(OfficeError::Damaged("no slides in ppt/slides/".into()));
    }
    slides.sort();
    let mut out = String::new();
    for (num, name) in slides {
        let Some(xml) = doc.part(&name)? else { continue };
        let mut text = String::new();
        walk(&xml, |ev| match ev {
            Item::Text(t) => text.push_str(t),
            Item::Open("br") => text.push('\n'),
            Item::Close("p") => text.push('\n'),
            _ => {}
        })?;
        out.push_str(&format!("--- Slide {num} ---\n{}\n\n", tidy(&text)));
    }
    Ok(out.trim_end().to_string())
}

fn xlsx(doc: &mut Package) -> Result<String, OfficeError> {
    let shared = match doc.part("xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let sheets = sheet_parts(doc)?;
    if sheets.is_empty() {
        return Err(OfficeError::Damaged("no worksheets in xl/worksheets/".into()));
    }
    let mut out = String::new();
    for (title, part) in sheets {
        let Some(xml) = doc.part(&part)? else { continue };
        out.push_str(&format!("## Sheet: {title}\n"));
        for row in sheet_rows(&xml, &shared)? {
            out.push_str(row.join("\t").trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
    Ok(out.trim_end().to_string())
}

fn shared_strings(xml: &str) -> Result<Vec<String>, OfficeError> {
    let mut list = Vec::new();
    let mut current: Option<String> = None;
    walk(xml, |ev| match ev {
        Item::Open("si") => current = Some(String::new()),
        Item::Text(t) => {
            if let Some(c) = current.as_mut() {
                c.push_str(t);
            }
        }
        Item::Close("si") => list.push(current.take().unwrap_or_default()),
        _ => {}
    })?;
    Ok(list)
}

/// (sheet name, part path) in workbook order; falls back to the worksheet files.
fn sheet_parts(doc: &mut Package) -> Result<Vec<(String, String)>, OfficeError> {
    let workbook = doc.part("xl/workbook.xml")?.unwrap_or_default();
    let rels = doc.part("xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let mut targets = BTreeMap::new();
    for_each_start(&rels, |e| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
    })?;
    let mut sheets = Vec::new();
    for_each_start(&workbook, |e| {
        if e.local_name().as_ref() == "sheet"
            && let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "id"))
            && let Some(path) = targets.get(&id)
        {
            sheets.push((name, path.clone()));
        }
    })?;
    if sheets.is_empty() {
        let mut found: Vec<(u32, String)> = doc
            .names()
            .into_iter()
            .filter_map(|n| Some((n.strip_prefix("xl/worksheets/sheet")?.strip_suffix(".xml")?.parse().ok()?, n)))
            .collect();
        found.sort();
        sheets = found.into_iter().map(|(i, n)| (format!("Sheet{i}"), n)).collect();
    }
    Ok(sheets)
}

/// The rows of a worksheet, cells placed in their columns (`B3` lands in column 2).
fn sheet_rows(xml: &str, shared: &[String]) -> Result<Vec<Vec<String>>, OfficeError> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<(usize, String, String)> = None; // (column, type, text)
    let mut in_value = false;
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "row" => rows.push(Vec::new()),
                "c" => {
                    let col =
                        attr(&e, "r").map(|r| column_index(&r)).unwrap_or_else(|| rows.last().map_or(0, Vec::len));
                    cell = Some((col, attr(&e, "t").unwrap_or_default(), String::new()));
                }
                "v" | "t" => in_value = true,
                _ => {}
            },
            // An empty row still takes its place; an empty cell adds nothing.
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "row" => rows.push(Vec::new()),
            Ok(Event::Text(t)) if in_value => {
                if let Some(c) = cell.as_mut() {
                    c.2.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) if in_value => {
                if let Some(c) = cell.as_mut() {
                    c.2.push_str(&entity(&r));
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "v" | "t" => in_value = false,
                "c" => {
                    if let (Some((col, kind, raw)), Some(row)) = (cell.take(), rows.last_mut()) {
                        let value = match kind.as_str() {
                            "s" => raw
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| shared.get(i).cloned())
                                .unwrap_or_default(),
                            "b" => {
                                if raw.trim() == "1" {
                                    "TRUE".into()
                                } else {
                                    "FALSE".into()
                                }
                            }
                            _ => raw,
                        };
                        if row.len() <= col {
                            row.resize(col + 1, String::new());
                        }
                        if let Some(slot) = row.get_mut(col) {
                            *slot = value;
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => return Err(OfficeError::Damaged(format!("worksheet XML: {e}"))),
            _ => {}
        }
    }
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    Ok(rows)
}

/// `"AB12"` -> 27 (0-based column).
fn column_index(reference: &str) -> usize {
    reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .fold(0usize, |acc, c| {
            acc.saturating_mul(26).saturating_add((c.to_ascii_uppercase() as usize) - ('A' as usize) + 1)
        })
        .saturating_sub(1)
}

/// What a document walk reports: text inside `<t>` elements, and element starts/ends by
/// local name.
enum Item<'a> {
    Text(&'a str),
    Open(&'a str),
    Close(&'a str),
}

fn walk(xml: &str, mut f: impl FnMut(Item<'_>)) -> Result<(), OfficeError> {
    let mut reader = Reader::from_str(xml);
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                if name.as_ref() == "t" {
                    in_text = true;
                }
                f(Item::Open(name.as_ref()));
            }
            Ok(Event::Empty(e)) => f(Item::Open(e.local_name().as_ref())),
            Ok(Event::End(e)) => {
                let name = e.local_name();
                if name.as_ref() == "t" {
                    in_text = false;
                }
                f(Item::Close(name.as_ref()));
            }
            Ok(Event::Text(t)) if in_text => f(Item::Text(&t.xml10_content())),
            Ok(Event::CData(t)) if in_text => f(Item::Text(&t.xml10_content())),
            Ok(Event::GeneralRef(r)) if in_text => f(Item::Text(&entity(&r))),
            Ok(Event::Eof) => return Ok(()),
            Err(e) => return Err(OfficeError::Damaged(format!("XML: {e}"))),
            _ => {}
        }
    }
}

fn for_each_start(xml: &str, mut f: impl FnMut(&BytesStart<'_>)) -> Result<(), OfficeError> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => f(&e),
            Ok(Event::Eof) => return Ok(()),
            Err(e) => return Err(OfficeError::Damaged(format!("XML: {e}"))),
            _ => {}
        }
    }
}

/// An attribute's value by local name (`r:id` answers to "id").
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// `&amp;` and friends, and character references.
fn entity(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}

/// Trailing spaces off each line, runs of blank lines down to one.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn docx_paragraphs_tabs_and_entities() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Atlas &amp; Q3</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> plan</w:t></w:r></w:p>
            <w:p><w:r><w:t>Line&#33;</w:t><w:br/><w:t>Next</w:t></w:r></w:p>
            <w:p><w:r><w:delText>gone</w:delText></w:r></w:p>
        </w:body></w:document>"#;
        let text = extract(&zip_of(&[("word/document.xml", xml)]), OfficeKind::Docx, DEFAULT_MAX_XML_BYTES).unwrap();
        assert_eq!(text, "Atlas & Q3\t plan\nLine!\nNext");
    }

    #[test]
    fn xlsx_sheets_in_workbook_order_with_shared_strings() {
        let parts = [
            (
                "xl/workbook.xml",
                r#"<workbook xmlns:r="r"><sheets><sheet name="Budget" sheetId="1" r:id="rId2"/><sheet name="Notes" sheetId="2" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet2.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/sharedStrings.xml", r#"<sst><si><t>Item</t></si><si><r><t>Co</t></r><r><t>st</t></r></si></sst>"#),
            (
                "xl/worksheets/sheet1.xml",
                r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Tea &lt;3</t></is></c><c r="B2" t="b"><v>1</v></c><c r="C2"><v>4.5</v></c></row></sheetData></worksheet>"#,
            ),
            (
                "xl/worksheets/sheet2.xml",
                r#"<worksheet><sheetData><row r="1"><c r="B1" t="str"><v>note</v></c></row></sheetData></worksheet>"#,
            ),
        ];
        let text = extract(&zip_of(&parts), OfficeKind::Xlsx, DEFAULT_MAX_XML_BYTES).unwrap();
        assert_eq!(text, "## Sheet: Budget\nItem\t\tCost\nTea <3\tTRUE\t4.5\n\n## Sheet: Notes\n\tnote");
    }

    #[test]
    fn pptx_slides_in_numeric_order() {
        let slide = |t: &str| {
            format!(
                r#"<p:sld xmlns:a="a" xmlns:p="p"><p:txBody><a:p><a:r><a:t>{t}</a:t></a:r></a:p><a:p><a:r><a:t>more</a:t></a:r></a:p></p:txBody></p:sld>"#
            )
        };
        let (s1, s2, s10) = (slide("One"), slide("Two"), slide("Ten"));
        let parts = [
            ("ppt/slides/slide10.xml", s10.as_str()),
            ("ppt/slides/slide2.xml", s2.as_str()),
            ("ppt/slides/slide1.xml", s1.as_str()),
        ];
        let text = extract(&zip_of(&parts), OfficeKind::Pptx, DEFAULT_MAX_XML_BYTES).unwrap();
        assert_eq!(text, "--- Slide 1 ---\nOne\nmore\n\n--- Slide 2 ---\nTwo\nmore\n\n--- Slide 10 ---\nTen\nmore");
    }

    #[test]
    fn zip_bombs_and_garbage_are_refused() {
        // 5 MB of zeros inflates from a few KB; a 1 MB cap stops it while reading.
        let big = format!("<w:document><w:p><w:t>{}</w:t></w:p></w:document>", "0".repeat(5_000_000));
        let bomb = zip_of(&[("word/document.xml", big.as_str())]);
        assert!(bomb.len() < 100_000, "the test archive is small: {}", bomb.len());
        assert_eq!(extract(&bomb, OfficeKind::Docx, 1_000_000), Err(OfficeError::TooLarge { limit: 1_000_000 }));
        assert!(matches!(extract(b"not a zip", OfficeKind::Docx, 1000), Err(OfficeError::Damaged(_))));
        let empty = zip_of(&[("other.xml", "<x/>")]);
        assert!(
            matches!(extract(&empty, OfficeKind::Pptx, 1000), Err(OfficeError::Damaged(m)) if m.contains("no slides"))
        );
        assert_eq!(column_index("AB12"), 27);
        assert_eq!(column_index("a1"), 0);
    }
}
