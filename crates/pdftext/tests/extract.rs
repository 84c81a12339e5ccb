//! The extraction in-process, on PDFs written by the sandbox's PDF writer (and variants of
//! them: encrypted by lopdf, truncated, or with a font pdf-extract panics on).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lopdf::{Document, EncryptionState, EncryptionVersion, Permissions};
use wsmcp_pdftext::{Limits, PdfError, extract};
use wsmcp_sandbox_kit::pdf::{PdfPage, pdf};

const ROOMY: Limits = Limits { max_pages: 100, max_text_bytes: 1 << 20 };

#[test]
fn text_in_latin_greek_cjk_and_emoji_comes_back_exactly() {
    let file = pdf(
        "Notes",
        &[PdfPage::Text(&["Café déjà vu – “naïve” façade, 5 €", "Ωμέγα and 東京タワー", "Launch 🚀 done"])],
    );
    let got = extract(&file, ROOMY).unwrap();
    assert_eq!(got.pages, 1);
    assert_eq!(got.pages_read, 1);
    assert_eq!(got.pages_with_text, 1);
    assert!(!got.cut && !got.decrypted);
    assert!(got.text.starts_with("--- Page 1 ---\n"), "{}", got.text);
    for line in ["Café déjà vu – “naïve” façade, 5 €", "Ωμέγα and 東京タワー", "Launch 🚀 done"]
    {
        assert!(got.text.contains(line), "missing {line:?} in {:?}", got.text);
    }
}

#[test]
fn the_page_cap_reads_the_first_pages_and_counts_them_all() {
    let pages: Vec<String> = (1..=5).map(|n| format!("Chapter {n} body")).collect();
    let lines: Vec<[&str; 1]> = pages.iter().map(|p| [p.as_str()]).collect();
    let doc: Vec<PdfPage> = lines.iter().map(|l| PdfPage::Text(l)).collect();
    let got = extract(&pdf("Book", &doc), Limits { max_pages: 2, max_text_bytes: 1 << 20 }).unwrap();
    assert_eq!((got.pages, got.pages_read, got.pages_with_text), (5, 2, 2));
    assert!(got.text.contains("--- Page 2 ---\nChapter 2 body"), "{}", got.text);
    assert!(!got.text.contains("Chapter 3"), "{}", got.text);
    assert!(!got.cut, "a page cap is not a text cut");
}

#[test]
fn the_text_cap_stops_after_the_page_that_reaches_it() {
    let long = ["é".repeat(40)];
    let line: [&str; 1] = [long[0].as_str()];
    let doc = vec![PdfPage::Text(&line); 4];
    let got = extract(&pdf("Long", &doc), Limits { max_pages: 100, max_text_bytes: 101 }).unwrap();
    assert!(got.cut);
    assert!(got.text.len() <= 101 && got.text.len() >= 100, "{}", got.text.len());
    assert_eq!(got.pages_read, 2, "page 2 crossed the cap; pages 3 and 4 were not read");
}

#[test]
fn pages_that_are_only_pictures_have_no_text() {
    let got = extract(&pdf("Scan", &[PdfPage::Image, PdfPage::Image]), ROOMY).unwrap();
    assert_eq!((got.pages, got.pages_read, got.pages_with_text), (2, 2, 0));
    assert_eq!(got.text, "--- Page 1 ---\n\n\n--- Page 2 ---\n");
}

#[test]
fn a_mix_of_scanned_and_text_pages_counts_the_text_ones() {
    let got = extract(&pdf("Mixed", &[PdfPage::Image, PdfPage::Text(&["Signed: Priya"])]), ROOMY).unwrap();
    assert_eq!(got.pages_with_text, 1);
    assert!(got.text.contains("Signed: Priya"));
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = Document::load_mem(&pdf("Secret", &[PdfPage::Text(&["Salary bands 2027"])])).unwrap();
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner-secret",
        user_password,
        key_length: 128,
        permissions: Permissions::PRINTABLE,
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_pdf_that_needs_a_password_is_reported_as_encrypted() {
    let file = encrypted("user-secret");
    assert!(!String::from_utf8_lossy(&file).contains("Salary"), "the fixture really is encrypted");
    assert_eq!(extract(&file, ROOMY), Err(PdfError::Encrypted));
}

#[test]
fn a_pdf_encrypted_with_an_empty_user_password_opens_and_says_so() {
    let got = extract(&encrypted(""), ROOMY).unwrap();
    assert!(got.decrypted);
    assert!(got.text.contains("Salary bands 2027"), "{}", got.text);
}

#[test]
fn truncated_and_garbage_files_are_errors() {
    let file = pdf("Cut", &[PdfPage::Text(&["Half a file"])]);
    let half = &file[..file.len() / 2];
    assert!(matches!(extract(half, ROOMY), Err(PdfError::Unreadable(_))), "{:?}", extract(half, ROOMY));
    let garbage: Vec<u8> = b"%PDF-1.7\n".iter().copied().chain((0..4000u32).map(|i| (i * 7919 % 251) as u8)).collect();
    assert!(matches!(extract(&garbage, ROOMY), Err(PdfError::Unreadable(_))));
    assert_eq!(extract(b"PK\x03\x04 a zip, not a PDF", ROOMY), Err(PdfError::NotPdf));
}

/// A Type0 font without /DescendantFonts: pdf-extract `expect`s them and panics. This is why
/// the server reads PDFs in a child process (crates/cli/tests/e2e/pdf.rs feeds the same file
/// to the binary).
#[test]
fn pdf_extract_panics_on_a_type0_font_without_descendants() {
    let file = pdf("Hostile", &[PdfPage::Text(&["Ω"])]);
    let hostile = without_descendant_fonts(&file);
    assert_eq!(hostile.len(), file.len(), "offsets stay valid");
    let outcome = std::panic::catch_unwind(|| extract(&hostile, ROOMY));
    assert!(outcome.is_err(), "pdf-extract no longer panics here: {outcome:?}");
}

/// `/DescendantFonts [5 0 R]` blanked out with spaces of the same length.
fn without_descendant_fonts(file: &[u8]) -> Vec<u8> {
    let needle = b"/DescendantFonts [5 0 R]";
    let at = file.windows(needle.len()).position(|w| w == needle).unwrap();
    let mut out = file.to_vec();
    out[at..at + needle.len()].fill(b' ');
    out
}
