//! The text of a PDF file, page by page, read with `pdf-extract` over `lopdf`.
//!
//! pdf-extract panics (and may loop or allocate without bound) on some malformed files, and the
//! server's release build aborts on a panic, so the server never calls this in its own process:
//! the binary runs itself as a child (`workspace-mcp extract-pdf-text`, see `crates/cli`) with
//! resource limits, and this crate is what that child runs. Tests call it in-process.

pub mod child;
pub mod in_process;

use std::fmt::Write as _;

use lopdf::Document;
use pdf_extract::{OutputError, PlainTextOutput, output_doc_page};

/// How much of a document is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Pages read, from the first; the rest are counted but not read.
    pub max_pages: u32,
    /// Bytes of text kept; reading stops after the page that reaches it and the text is cut
    /// there (on a character boundary).
    pub max_text_bytes: usize,
}

/// What was read from a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// Each page read, as `--- Page N ---` and its text, blank lines between pages.
    pub text: String,
    /// Pages in the document.
    pub pages: u32,
    /// Pages read (the first ones): fewer than `pages` under the page or text cap.
    pub pages_read: u32,
    /// Pages read that held any text; 0 means no text layer (a scan, or pictures of text).
    pub pages_with_text: u32,
    /// Pages whose content could not be read (the others still were).
    pub pages_failed: u32,
    /// The text reached `max_text_bytes` and was cut.
    pub cut: bool,
    /// The file was encrypted with an empty user password (an owner password only restricts
    /// printing or copying), and was opened without one.
    pub decrypted: bool,
}

/// Why a document gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// No `%PDF-` header in the first kilobyte.
    #[error("this is not a PDF file (no %PDF- header)")]
    NotPdf,
    /// A user password is needed to open it.
    #[error("this PDF is encrypted with a password")]
    Encrypted,
    /// The file structure could not be parsed.
    #[error("this PDF could not be parsed: {0}")]
    Unreadable(String),
}

/// Reads the text of `pdf`, within `limits`.
pub fn extract(pdf: &[u8], limits: Limits) -> Result<PdfText, PdfError> {
    // Acrobat accepts the header anywhere in the first 1024 bytes; so does this.
    if !pdf.get(..pdf.len().min(1024)).unwrap_or_default().windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let doc = Document::load_mem(pdf).map_err(|e| PdfError::Unreadable(e.to_string()))?;
    // lopdf opens files encrypted with an empty user password by itself; one that still holds
    // its /Encrypt dictionary needs a password we do not have.
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages = doc.get_pages();
    let mut out = PdfText {
        text: String::new(),
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        pages_read: 0,
        pages_with_text: 0,
        pages_failed: 0,
        cut: false,
        decrypted: doc.was_encrypted(),
    };
    for &number in pages.keys().take(limits.max_pages as usize) {
        let page = match page_text(&doc, number) {
            Ok(text) => text,
            Err(_) => {
                out.pages_failed += 1;
                String::new()
            }
        };
        out.pages_read += 1;
        let page = page.trim();
        if !page.is_empty() {
            out.pages_with_text += 1;
        }
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        let _ = write!(out.text, "--- Page {number} ---\n{page}");
        if out.text.len() >= limits.max_text_bytes {
            cut_at(&mut out.text, limits.max_text_bytes);
            out.cut = true;
            break;
        }
    }
    Ok(out)
}

fn page_text(doc: &Document, number: u32) -> Result<String, OutputError> {
    let mut text = String::new();
    output_doc_page(doc, &mut PlainTextOutput::new(&mut text), number)?;
    Ok(text)
}

/// Cuts `text` to at most `max` bytes, on a character boundary.
fn cut_at(text: &mut String, max: usize) {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_whole_characters() {
        let mut s = "aé".to_string(); // 'é' is two bytes
        cut_at(&mut s, 2);
        assert_eq!(s, "a");
        let mut s = "abc".to_string();
        cut_at(&mut s, 10);
        assert_eq!(s, "abc");
    }

    #[test]
    fn bytes_without_a_header_are_not_a_pdf() {
        let limits = Limits { max_pages: 10, max_text_bytes: 1000 };
        assert_eq!(extract(b"hello", limits), Err(PdfError::NotPdf));
        assert_eq!(extract(b"", limits), Err(PdfError::NotPdf));
    }
}
