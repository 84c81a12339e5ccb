//! Binary files generated so they are real files of their type: a one-page PDF (also
//! what the PDF export of a Google-native file returns), truecolor PNGs, and the reverse
//! readers the emulation needs (PDF text for search and import, PNG dimensions for
//! `imageMediaMetadata`).

pub use wsmcp_sandbox_kit::assets::{png, png_size};

/// A one-page PDF showing `lines` in Helvetica, with a correct xref table. Text outside
/// Latin-1 becomes `?` (the standard fonts cannot show it).
pub fn pdf(lines: &[String]) -> Vec<u8> {
    let mut stream = b"BT /F1 12 Tf 72 740 Td 16 TL\n".to_vec();
    for line in lines.iter().take(44) {
        stream.push(b'(');
        for c in line.chars() {
            // The standard fonts use a Latin-1 compatible encoding: one byte per char.
            let byte = u8::try_from(u32::from(c)).unwrap_or(b'?');
            if matches!(byte, b'\\' | b'(' | b')') {
                stream.push(b'\\');
            }
            stream.push(byte);
        }
        stream.extend_from_slice(b") Tj T*\n");
    }
    stream.extend_from_slice(b"ET");
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
    ];
    let mut content = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
    content.extend_from_slice(&stream);
    content.extend_from_slice(b"\nendstream");
    objects.push(content);
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// The strings shown with `(…) Tj` in an uncompressed PDF, one per line: enough to search
/// and import the PDFs this sandbox produces and other simple ones.
pub fn pdf_text(bytes: &[u8]) -> String {
    // Latin-1, as `pdf` writes it: every byte is one char.
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    let mut lines = Vec::new();
    let mut rest: &str = &text;
    while let Some(tj) = rest.find(") Tj") {
        let before = &rest[..tj];
        if let Some(open) = unescaped_open(before) {
            let raw = &before[open + 1..];
            lines.push(raw.replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\"));
        }
        rest = &rest[tj + 4..];
    }
    lines.join("\n")
}

/// The last `(` in `s` that is not escaped.
fn unescaped_open(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = s.len();
    while i > 0 {
        i -= 1;
        if bytes.get(i) == Some(&b'(') && (i == 0 || bytes.get(i - 1) != Some(&b'\\')) {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_text_reads_back() {
        let doc = pdf(&["Atlas (Q3)".to_string(), "Übersicht".to_string()]);
        assert!(doc.starts_with(b"%PDF-1.4"));
        assert_eq!(pdf_text(&doc), "Atlas (Q3)\nÜbersicht");
        let image = png(3, 2, |_, _| [0, 0, 0]);
        assert_eq!(png_size(&image), Some((3, 2)));
        assert_eq!(png_size(b"nope"), None);
    }
}
