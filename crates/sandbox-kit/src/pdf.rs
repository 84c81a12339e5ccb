//! Tiny real PDFs for seeds and tests: pages of text lines, or pages holding only a picture
//! (what a scanner makes), written object by object with a correct cross-reference table.
//!
//! Text that Windows-1252 covers is set in Helvetica with `/WinAnsiEncoding` (any viewer shows
//! it); other characters (Greek, CJK, emoji) go through a Type0 font with a `/ToUnicode` map,
//! which is how PDF text extractors learn what a glyph means. That font is not embedded, so a
//! viewer may draw those glyphs wrongly, but their text is exact.

use std::fmt::Write as _;

/// One page of a PDF built by [`pdf`].
#[derive(Debug, Clone, Copy)]
pub enum PdfPage<'a> {
    /// Lines of text, top to bottom (12 pt, 16 pt apart; about 45 fit on a page).
    Text(&'a [&'a str]),
    /// A grey picture and no text at all, as a scanned page without OCR.
    Image,
}

// Fixed object numbers; pages follow.
const CATALOG: usize = 1;
const PAGES: usize = 2;
const LATIN_FONT: usize = 3;
const UNICODE_FONT: usize = 4;
const CID_FONT: usize = 5;
const TO_UNICODE: usize = 6;
const DESCRIPTOR: usize = 7;
const PICTURE: usize = 8;
const INFO: usize = 9;
const FIRST_PAGE: usize = 10;

/// A PDF 1.4 file with `title` in its document information and one page per entry.
pub fn pdf(title: &str, pages: &[PdfPage<'_>]) -> Vec<u8> {
    let unicode = UnicodeFont::for_pages(pages);
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", FIRST_PAGE + 2 * i)).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).into_bytes());
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SandboxUnicode /Encoding /Identity-H \
             /DescendantFonts [{CID_FONT} 0 R] /ToUnicode {TO_UNICODE} 0 R >>"
        )
        .into_bytes(),
    );
    objects.push(
        format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SandboxUnicode \
             /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
             /FontDescriptor {DESCRIPTOR} 0 R /DW 600 >>"
        )
        .into_bytes(),
    );
    objects.push(stream("", unicode.cmap().as_bytes()));
    objects.push(
        b"<< /Type /FontDescriptor /FontName /SandboxUnicode /Flags 32 /FontBBox [0 -200 1000 900] \
           /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
            .to_vec(),
    );
    // An 8x8 grey gradient, stretched over most of the page.
    let picture: Vec<u8> = (0u8..64).map(|i| 96 + (i % 8) * 16 + (i / 8) * 4).collect();
    objects.push(stream(
        "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &picture,
    ));
    objects.push(format!("<< /Title {} /Producer (workspace-mcp sandbox) >>", literal(title)).into_bytes());
    for page in pages {
        // This page is object `len + 1`; its content stream comes right after it.
        let content = objects.len() + 2;
        let (resources, body) = match page {
            PdfPage::Text(lines) => (
                format!("<< /Font << /F1 {LATIN_FONT} 0 R /F2 {UNICODE_FONT} 0 R >> >>"),
                text_content(lines, &unicode),
            ),
            PdfPage::Image => {
                (format!("<< /XObject << /Im1 {PICTURE} 0 R >> >>"), "q 468 0 0 600 72 120 cm /Im1 Do Q\n".into())
            }
        };
        objects.push(
            format!(
                "<< /Type /Page /Parent {PAGES} 0 R /MediaBox [0 0 612 792] /Resources {resources} \
                 /Contents {content} 0 R >>"
            )
            .into_bytes(),
        );
        objects.push(stream("", body.as_bytes()));
    }
    write_file(&objects)
}

/// Header, numbered objects, cross-reference table and trailer (with the /ID that
/// encryption needs).
fn write_file(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let id = fingerprint(&out);
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root {CATALOG} 0 R /Info {INFO} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

/// A stream object: `dict` entries plus /Length, then the bytes.
fn stream(dict: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", bytes.len()).into_bytes();
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\nendstream");
    out
}

/// The content stream of a text page: each line placed with its own text matrix, in runs
/// of the Latin font (`/F1`) and the Unicode one (`/F2`).
fn text_content(lines: &[&str], unicode: &UnicodeFont) -> String {
    let mut out = String::from("BT\n");
    for (i, line) in lines.iter().enumerate() {
        let y = 740 - 16 * i as i64;
        let _ = writeln!(out, "1 0 0 1 72 {y} Tm");
        for (latin, run) in runs(line) {
            if latin {
                let bytes: Vec<u8> = run.chars().filter_map(win_ansi).collect();
                let _ = writeln!(out, "/F1 12 Tf {} Tj", literal_bytes(&bytes));
            } else {
                let cids: String = run.chars().map(|c| format!("{:04X}", unicode.cid(c))).collect();
                let _ = writeln!(out, "/F2 12 Tf <{cids}> Tj");
            }
        }
    }
    out.push_str("ET\n");
    out
}

/// `line` split into runs of characters Windows-1252 has (true) and others (false).
fn runs(line: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for c in line.chars() {
        let latin = win_ansi(c).is_some();
        match out.last_mut() {
            Some((kind, run)) if *kind == latin => run.push(c),
            _ => out.push((latin, c.to_string())),
        }
    }
    out
}

/// The `/WinAnsiEncoding` byte of `c`, if it has one.
fn win_ansi(c: char) -> Option<u8> {
    let byte = match c {
        ' '..='~' | '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '™' => 0x99,
        _ => return None,
    };
    Some(byte)
}

/// A literal string of text (document information takes PDFDocEncoding, which agrees with
/// Latin-1 for the characters used there).
fn literal(text: &str) -> String {
    literal_bytes(&text.chars().filter_map(win_ansi).collect::<Vec<u8>>())
}

/// `(…)` with parentheses and backslashes escaped and bytes outside ASCII as octal escapes,
/// so the file's text parts stay ASCII.
fn literal_bytes(bytes: &[u8]) -> String {
    let mut out = String::from("(");
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
    out
}

/// The characters set in the Type0 font, each given a CID (1, 2, …) in order of first use.
struct UnicodeFont {
    chars: Vec<char>,
}

impl UnicodeFont {
    fn for_pages(pages: &[PdfPage<'_>]) -> UnicodeFont {
        let mut chars = Vec::new();
        for page in pages {
            if let PdfPage::Text(lines) = page {
                for c in lines.iter().flat_map(|l| l.chars()) {
                    if win_ansi(c).is_none() && !chars.contains(&c) {
                        chars.push(c);
                    }
                }
            }
        }
        UnicodeFont { chars }
    }

    fn cid(&self, c: char) -> usize {
        self.chars.iter().position(|k| *k == c).map_or(0, |i| i + 1)
    }

    /// The /ToUnicode CMap: each CID to its character in UTF-16BE.
    fn cmap(&self) -> String {
        let mut out = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        // At most 100 entries per block, as the CMap format asks.
        for (block, chunk) in self.chars.chunks(100).enumerate() {
            let start = block * 100;
            let _ = writeln!(out, "{} beginbfchar", chunk.len());
            for (i, c) in chunk.iter().enumerate() {
                let utf16: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
                let _ = writeln!(out, "<{:04X}> <{utf16}>", start + i + 1);
            }
            out.push_str("endbfchar\n");
        }
        out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        out
    }
}

/// 16 bytes of hex that depend on the whole file (FNV-1a, twice): a stable /ID.
fn fingerprint(bytes: &[u8]) -> String {
    let fnv = |seed: u64| bytes.iter().fold(seed, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    format!("{:016X}{:016X}", fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_reference_offsets_point_at_their_objects() {
        let file = pdf("T", &[PdfPage::Text(&["Hello"]), PdfPage::Image]);
        // Byte offsets: the header and the picture are not UTF-8, so search the bytes.
        let find = |needle: &[u8]| file.windows(needle.len()).rposition(|w| w == needle).unwrap();
        let xref = find(b"\nxref\n") + 1;
        let tail = String::from_utf8(file[xref..].to_vec()).unwrap();
        let start: usize = tail.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert_eq!(start, xref);
        let entries: Vec<&str> = tail.lines().skip(3).take_while(|l| l.ends_with(" n ")).collect();
        assert_eq!(entries.len(), 13, "nine fixed objects, then a page and its content for each of two pages");
        for (n, line) in entries.iter().enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(file[offset..].starts_with(format!("{} 0 obj\n", n + 1).as_bytes()), "object {}", n + 1);
        }
    }

    #[test]
    fn text_outside_windows_1252_goes_through_the_unicode_font() {
        let file = pdf("T", &[PdfPage::Text(&["Café Ωμέγα 東京"])]);
        let text = String::from_utf8_lossy(&file);
        assert!(text.contains("/F1 12 Tf (Caf\\351 ) Tj"), "{text}");
        assert!(text.contains("<0001> <03A9>"), "Ω has CID 1");
        assert!(text.contains("<0006> <6771>"), "東 has CID 6");
    }
}
