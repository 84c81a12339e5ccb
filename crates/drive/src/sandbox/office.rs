//! Minimal but real Office Open XML files (.docx, .xlsx, .pptx), written with the `zip`
//! crate: the seed's Office files and the Office exports of Google types. The files carry
//! just the parts a reader needs (content types, package relationships, the main part and
//! its relationships). Reading them back is `office_read`.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::content::{Block, BlockKind, Sheet, Slide};
use super::xml::escape;

pub use super::office_read::{read_docx, read_pptx, read_xlsx, text_of};

pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn zip_parts(parts: &[(String, String)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, body) in parts {
        // Writing into memory cannot fail short of allocation failure.
        if writer.start_file(name.as_str(), options).is_err() || writer.write_all(body.as_bytes()).is_err() {
            return Vec::new();
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

fn content_types(overrides: &[(&str, &str)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    for (part, ct) in overrides {
        xml.push_str(&format!("<Override PartName=\"{part}\" ContentType=\"{ct}\"/>"));
    }
    xml.push_str("</Types>");
    xml
}

fn relationships(rels: &[(&str, &str, String)]) -> String {
    let mut xml =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"{RELS_NS}\">");
    for (id, kind, target) in rels {
        xml.push_str(&format!("<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"));
    }
    xml.push_str("</Relationships>");
    xml
}

fn package_rels(main: &str) -> String {
    relationships(&[("rId1", OFFICE_DOC_REL, main.to_string())])
}

/// A .docx with one paragraph per block; headings use the built-in `HeadingN` styles,
/// the title the `Title` style, bullets `ListBullet`, links are hyperlinks.
pub fn docx(blocks: &[Block]) -> Vec<u8> {
    let mut body = String::new();
    let mut links: Vec<(&str, &str, String)> = Vec::new();
    let mut link_ids = Vec::new();
    for block in blocks {
        let style = match block.kind {
            BlockKind::Title => Some("Title".to_string()),
            BlockKind::Heading(n) => Some(format!("Heading{}", n.clamp(1, 6))),
            BlockKind::Bullet => Some("ListBullet".to_string()),
            BlockKind::Paragraph => None,
        };
        body.push_str("<w:p>");
        if let Some(style) = style {
            body.push_str(&format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
        }
        for (text, url) in super::content::spans(&block.text) {
            let run = format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(&text));
            match url {
                Some(url) => {
                    let id = format!("rIdLink{}", link_ids.len() + 1);
                    body.push_str(&format!("<w:hyperlink r:id=\"{id}\">{run}</w:hyperlink>"));
                    link_ids.push(id);
                    links.push((
                        "",
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                        escape(&url),
                    ));
                }
                None => body.push_str(&run),
            }
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"{R_NS}\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let doc_rels: Vec<(&str, &str, String)> =
        link_ids.iter().zip(links).map(|(id, (_, kind, target))| (id.as_str(), kind, target)).collect();
    let mut doc_rels_xml = relationships(&doc_rels);
    // Hyperlink targets are external to the package.
    doc_rels_xml = doc_rels_xml.replace("\"/>", "\" TargetMode=\"External\"/>");
    zip_parts(&[
        (
            "[Content_Types].xml".into(),
            content_types(&[(
                "/word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            )]),
        ),
        ("_rels/.rels".into(), package_rels("word/document.xml")),
        ("word/document.xml".into(), document),
        ("word/_rels/document.xml.rels".into(), doc_rels_xml),
    ])
}

/// A column letter (`A`, `B`, … `AA`) for a zero-based index.
pub(crate) fn column(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + u8::try_from(index % 26).unwrap_or(0));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A .xlsx with one worksheet per sheet; numbers are numeric cells, other text goes
/// through the shared string table as Excel writes it.
pub fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut strings: Vec<String> = Vec::new();
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut overrides = vec![
        ("/xl/workbook.xml".to_string(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        (
            "/xl/sharedStrings.xml".to_string(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
        ),
    ];
    let mut sheet_entries = String::new();
    let mut rels = vec![(
        "rIdStrings".to_string(),
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
        "sharedStrings.xml".to_string(),
    )];
    for (n, sheet) in sheets.iter().enumerate() {
        let number = n + 1;
        let mut data = String::new();
        for (r, row) in sheet.rows.iter().enumerate() {
            data.push_str(&format!("<row r=\"{}\">", r + 1));
            for (c, cell) in row.iter().enumerate() {
                let reference = format!("{}{}", column(c), r + 1);
                if cell.is_empty() {
                    continue;
                }
                if cell.parse::<f64>().is_ok() {
                    data.push_str(&format!("<c r=\"{reference}\"><v>{cell}</v></c>"));
                } else {
                    let index = strings.iter().position(|s| s == cell).unwrap_or_else(|| {
                        strings.push(cell.clone());
                        strings.len() - 1
                    });
                    data.push_str(&format!("<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>"));
                }
            }
            data.push_str("</row>");
        }
        parts.push((
            format!("xl/worksheets/sheet{number}.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                 <sheetData>{data}</sheetData></worksheet>"
            ),
        ));
        overrides.push((
            format!("/xl/worksheets/sheet{number}.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        ));
        sheet_entries.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{number}\" r:id=\"rIdSheet{number}\"/>",
            escape(&sheet.title)
        ));
        rels.push((
            format!("rIdSheet{number}"),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
            format!("worksheets/sheet{number}.xml"),
        ));
    }
    let shared: String =
        strings.iter().map(|s| format!("<si><t xml:space=\"preserve\">{}</t></si>", escape(s))).collect();
    let overrides_ref: Vec<(&str, &str)> = overrides.iter().map(|(p, c)| (p.as_str(), *c)).collect();
    let rels_ref: Vec<(&str, &str, String)> =
        rels.iter().map(|(id, kind, target)| (id.as_str(), *kind, target.clone())).collect();
    let mut all = vec![
        ("[Content_Types].xml".to_string(), content_types(&overrides_ref)),
        ("_rels/.rels".to_string(), package_rels("xl/workbook.xml")),
        (
            "xl/workbook.xml".to_string(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{R_NS}\">\
                 <sheets>{sheet_entries}</sheets></workbook>"
            ),
        ),
        ("xl/_rels/workbook.xml.rels".to_string(), relationships(&rels_ref)),
        (
            "xl/sharedStrings.xml".to_string(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{0}\" uniqueCount=\"{0}\">{shared}</sst>",
                strings.len()
            ),
        ),
    ];
    all.extend(parts);
    zip_parts(&all)
}

/// A .pptx with one slide per entry: the first line in a title shape, the rest in a body.
pub fn pptx(slides: &[Slide]) -> Vec<u8> {
    let mut parts = Vec::new();
    let mut overrides = vec![(
        "/ppt/presentation.xml".to_string(),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    )];
    let mut ids = String::new();
    let mut rels = Vec::new();
    for (n, slide) in slides.iter().enumerate() {
        let number = n + 1;
        let shape = |id: usize, name: &str, lines: &[String]| {
            let paragraphs: String =
                lines.iter().map(|l| format!("<a:p><a:r><a:t>{}</a:t></a:r></a:p>", escape(l))).collect();
            format!(
                "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>\
                 <p:spPr/><p:txBody><a:bodyPr/>{paragraphs}</p:txBody></p:sp>"
            )
        };
        let (title, body) = slide.lines.split_first().map_or((&[][..], &[][..]), |(t, b)| (std::slice::from_ref(t), b));
        parts.push((
            format!("ppt/slides/slide{number}.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <p:sld xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
                 xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:r=\"{R_NS}\">\
                 <p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
                 <p:grpSpPr/>{}{}</p:spTree></p:cSld></p:sld>",
                shape(2, "Title 1", title),
                shape(3, "Content 2", body)
            ),
        ));
        overrides.push((
            format!("/ppt/slides/slide{number}.xml"),
            "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
        ));
        ids.push_str(&format!("<p:sldId id=\"{}\" r:id=\"rIdSlide{number}\"/>", 255 + number));
        rels.push((
            format!("rIdSlide{number}"),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide",
            format!("slides/slide{number}.xml"),
        ));
    }
    let overrides_ref: Vec<(&str, &str)> = overrides.iter().map(|(p, c)| (p.as_str(), *c)).collect();
    let rels_ref: Vec<(&str, &str, String)> =
        rels.iter().map(|(id, kind, target)| (id.as_str(), *kind, target.clone())).collect();
    let mut all = vec![
        ("[Content_Types].xml".to_string(), content_types(&overrides_ref)),
        ("_rels/.rels".to_string(), package_rels("ppt/presentation.xml")),
        (
            "ppt/presentation.xml".to_string(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <p:presentation xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
                 xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:r=\"{R_NS}\">\
                 <p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx=\"9144000\" cy=\"5143500\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/>\
                 </p:presentation>"
            ),
        ),
        ("ppt/_rels/presentation.xml.rels".to_string(), relationships(&rels_ref)),
    ];
    all.extend(parts);
    zip_parts(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docx_round_trips() {
        let blocks = vec![
            Block::new(BlockKind::Heading(1), "Atlas & co"),
            Block::new(BlockKind::Paragraph, "See [the plan](https://x.example/p?a=1&b=2)."),
            Block::new(BlockKind::Bullet, "one"),
        ];
        let bytes = docx(&blocks);
        assert_eq!(bytes.get(..2), Some(&b"PK"[..]));
        assert_eq!(read_docx(&bytes).unwrap(), blocks);
    }

    #[test]
    fn xlsx_and_pptx_round_trip() {
        let sheets = vec![Sheet {
            title: "Budget".into(),
            rows: vec![vec!["Item".into(), "EUR".into()], vec!["Cloud".into(), "12000".into()]],
        }];
        assert_eq!(read_xlsx(&xlsx(&sheets)).unwrap(), sheets);
        let slides = vec![Slide { lines: vec!["Kickoff".into(), "Why".into()] }, Slide { lines: vec!["Next".into()] }];
        assert_eq!(read_pptx(&pptx(&slides)).unwrap(), slides);
        assert_eq!(column(0), "A");
        assert_eq!(column(27), "AB");
    }
}
