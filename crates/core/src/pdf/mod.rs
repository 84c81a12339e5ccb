//! The text of PDF files, for tools that read them (Drive's get_drive_file_content, Gmail's
//! get_gmail_attachment_content).
//!
//! A PDF parser meets hostile input, and the one used (pdf-extract over lopdf, in
//! `crates/pdftext`) panics on some malformed files while the release build aborts on any
//! panic. So the server never parses a PDF itself: [`ChildProcessReader`] runs the server's own
//! binary as a child (`workspace-mcp extract-pdf-text`, [`protocol`]) under resource limits and
//! a wall-clock timeout, and turns whatever happens to it into a [`PdfTextOutcome`]. Tools get
//! a [`PdfReader`] through their options, so tests can hand them another source.

mod child;
pub mod protocol;

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use futures::future::BoxFuture;

pub use child::{ChildProcessReader, PdfLimits, limit_this_process, outcome_of_exit};

/// What reading a PDF's text gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfTextOutcome {
    /// Text from at least one page.
    Text(PdfTextReport),
    /// Pages, but no text on any page read: a scan or pictures of text.
    NoTextLayer { pages: u32 },
    /// The PDF needs a password.
    Encrypted,
    /// The bytes are not a PDF at all.
    NotPdf,
    /// The PDF could not be parsed; the reason.
    Unreadable(String),
    /// The reader crashed, ran out of time or memory, or could not start; what happened.
    Failed(String),
    /// This server cannot read PDFs (a build or configuration without the child reader).
    Unavailable(String),
}

/// The text of a PDF and how much of it was read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfTextReport {
    /// `--- Page N ---` and the page's text, for each page read.
    pub text: String,
    pub pages: u32,
    pub pages_read: u32,
    /// Pages whose content could not be read (their heading has no text under it).
    pub pages_failed: u32,
    /// The text hit the reader's byte cap and was cut.
    pub cut: bool,
    /// The PDF was encrypted without a user password and was opened anyway.
    pub decrypted: bool,
    /// The reader's cap on pages, to explain a partial read.
    pub max_pages: u32,
}

impl PdfTextReport {
    /// One or two sentences on what the text is, for the reply.
    pub fn note(&self) -> String {
        let pages = plural(self.pages, "page");
        let mut note = if self.pages_read < self.pages && !self.cut {
            format!(
                "Text extracted from the PDF ({pages}; only the first {} read, the reader's limit).",
                self.pages_read
            )
        } else if self.cut {
            format!(
                "Text extracted from the PDF ({pages}); the reader stopped at its text limit after page {}.",
                self.pages_read
            )
        } else {
            format!("Text extracted from the PDF ({pages}); layout, images and tables' lines are not kept.")
        };
        if self.pages_failed > 0 {
            note.push_str(&format!(" {} could not be read.", plural(self.pages_failed, "page")));
        }
        if self.decrypted {
            note.push_str(" The PDF is encrypted without an opening password and was read as such.");
        }
        note
    }
}

impl PdfTextOutcome {
    /// Why there is no text, as a sentence for the reply (None for [`PdfTextOutcome::Text`]).
    pub fn reason(&self) -> Option<String> {
        Some(match self {
            PdfTextOutcome::Text(_) => return None,
            PdfTextOutcome::NoTextLayer { pages } => format!(
                "This PDF has no text layer (scanned?): its pages hold only images ({}), so there is no text \
                 to read without OCR.",
                plural(*pages, "page")
            ),
            PdfTextOutcome::Encrypted => {
                "This PDF is encrypted with a password, so its text cannot be read here.".to_string()
            }
            PdfTextOutcome::NotPdf => "This file is labelled as a PDF but is not one (no %PDF- header).".to_string(),
            PdfTextOutcome::Unreadable(why) => format!("This PDF could not be parsed ({why})."),
            PdfTextOutcome::Failed(why) => format!("Reading this PDF's text failed: {why}."),
            PdfTextOutcome::Unavailable(why) => format!("PDF text extraction is not available here: {why}."),
        })
    }
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// Something that reads a PDF's text. The server's is [`ChildProcessReader`].
pub trait PdfTextSource: Send + Sync {
    fn read(&self, pdf: Bytes) -> BoxFuture<'_, PdfTextOutcome>;
}

/// The PDF reader tools are given (cheap to clone; clones share the child-process slots).
#[derive(Clone)]
pub struct PdfReader {
    source: Arc<dyn PdfTextSource>,
    label: &'static str,
}

impl PdfReader {
    /// A reader over any source; `label` names it in debug output.
    pub fn new(label: &'static str, source: Arc<dyn PdfTextSource>) -> Self {
        PdfReader { source, label }
    }

    /// The server's reader: `program extract-pdf-text` in a child process.
    pub fn child_process(program: std::path::PathBuf, limits: PdfLimits) -> Self {
        PdfReader::new("child process", Arc::new(ChildProcessReader::new(program, limits)))
    }

    /// A reader that always answers [`PdfTextOutcome::Unavailable`] with `why`.
    pub fn unavailable(why: &'static str) -> Self {
        PdfReader::new("unavailable", Arc::new(Unavailable(why)))
    }

    /// The text of `pdf`, or why there is none. Never fails otherwise.
    pub async fn read(&self, pdf: Bytes) -> PdfTextOutcome {
        self.source.read(pdf).await
    }
}

impl fmt::Debug for PdfReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PdfReader({})", self.label)
    }
}

struct Unavailable(&'static str);

impl PdfTextSource for Unavailable {
    fn read(&self, _pdf: Bytes) -> BoxFuture<'_, PdfTextOutcome> {
        Box::pin(async move { PdfTextOutcome::Unavailable(self.0.to_string()) })
    }
}

/// Whether a file is a PDF by its type or, for untyped bytes, its name.
pub fn is_pdf(mime: &str, file_name: &str) -> bool {
    let mime = mime.split(';').next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("application/pdf")
        || ((mime.is_empty() || mime.eq_ignore_ascii_case("application/octet-stream"))
            && file_name.to_ascii_lowercase().ends_with(".pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_say_how_much_was_read() {
        let mut r = PdfTextReport { pages: 3, pages_read: 3, max_pages: 500, ..Default::default() };
        assert!(r.note().starts_with("Text extracted from the PDF (3 pages);"), "{}", r.note());
        r.pages = 900;
        r.pages_read = 500;
        assert!(r.note().contains("only the first 500 read"), "{}", r.note());
        r.cut = true;
        r.pages_read = 40;
        assert!(r.note().contains("text limit after page 40"), "{}", r.note());
        r.pages_failed = 1;
        r.decrypted = true;
        assert!(r.note().contains("1 page could not be read"), "{}", r.note());
        assert!(r.note().contains("encrypted without an opening password"), "{}", r.note());
    }

    #[test]
    fn reasons_name_scans_and_passwords() {
        let scan = PdfTextOutcome::NoTextLayer { pages: 1 }.reason().unwrap_or_default();
        assert!(scan.starts_with("This PDF has no text layer (scanned?)"), "{scan}");
        assert!(scan.contains("only images (1 page)"), "{scan}");
        assert!(PdfTextOutcome::Encrypted.reason().unwrap_or_default().contains("encrypted with a password"));
        assert_eq!(PdfTextOutcome::Text(PdfTextReport::default()).reason(), None);
    }

    #[test]
    fn pdfs_are_known_by_type_or_by_name_when_untyped() {
        assert!(is_pdf("application/pdf", "x"));
        assert!(is_pdf("Application/PDF; name=a.pdf", "x"));
        assert!(is_pdf("application/octet-stream", "Report.PDF"));
        assert!(!is_pdf("text/plain", "notes.pdf"));
        assert!(!is_pdf("application/octet-stream", "a.bin"));
    }
}
