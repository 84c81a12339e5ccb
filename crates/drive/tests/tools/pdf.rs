//! get_drive_file_content on PDFs: text inline with its page count, long text cut and saved,
//! scans and unreadable PDFs saved with the reason.

use std::sync::Arc;

use bytes::Bytes;
use futures::future::BoxFuture;
use wsmcp_core::pdf::{PdfReader, PdfTextOutcome, PdfTextSource};
use wsmcp_sandbox_kit::pdf::{PdfPage, pdf};

use super::*;

fn media_downloads(env: &Env) -> Vec<String> {
    env.requests("drive.files.get")
        .into_iter()
        .filter(|r| r.query_param("alt") == Some("media"))
        .map(|r| r.path)
        .collect()
}

#[tokio::test]
async fn a_pdfs_text_comes_inline() {
    let env = Env::new().await;
    let out = env.ok("get_drive_file_content", json!({"file_id": ids::ROADMAP_PDF})).await;
    assert!(out.text.contains("Text extracted from the PDF (1 page)"), "{}", out.text);
    let content = out.text.split("--- CONTENT ---\n").nth(1).unwrap();
    assert!(content.starts_with("--- Page 1 ---\nAtlas Q3 Roadmap"), "{content}");
    for line in ["1. Sync engine v2 (July)", "2. Dashboard redesign (August)", "3. Offline mode beta (September)"] {
        assert!(content.contains(line), "missing {line}: {content}");
    }
    assert!(out.files.is_empty(), "short text is not saved");
    assert_eq!(media_downloads(&env), [format!("/drive/v3/files/{}", ids::ROADMAP_PDF)]);
    env.done();
}

#[tokio::test]
async fn an_uploaded_pdf_reads_back_in_any_script() {
    let env = Env::new().await;
    let lines = ["Ångström café – “quotes” 5 €", "Ωμέγα · 東京 · Київ", "Rocket 🚀"];
    let path = env.allowed_file("notes.pdf", &pdf("Notes", &[PdfPage::Image, PdfPage::Text(&lines)]));
    let created = env
        .ok("create_drive_file", json!({"file_name": "notes.pdf", "fileUrl": format!("file://{}", path.display())}))
        .await;
    let id = id_after(&created.text, "(id:");
    let out = env.ok("get_drive_file_content", json!({"file_id": id})).await;
    assert!(out.text.contains("type: PDF") || out.text.contains("application/pdf"), "{}", out.text);
    assert!(out.text.contains("(2 pages)"), "{}", out.text);
    assert!(out.text.contains("--- Page 1 ---\n\n\n--- Page 2 ---\n"), "the scanned page is empty: {}", out.text);
    for line in lines {
        assert!(out.text.contains(line), "missing {line}: {}", out.text);
    }
    env.done();
}

#[tokio::test]
async fn a_long_pdf_is_cut_and_its_whole_text_saved() {
    let env = Env::new().await;
    let line = "Appendix text that runs on and on for the length of the page, again.";
    let lines = vec![line; 45];
    let pages = vec![PdfPage::Text(&lines); 40]; // about 124,000 characters
    let path = env.allowed_file("appendix.pdf", &pdf("Appendix", &pages));
    let created = env
        .ok("create_drive_file", json!({"file_name": "appendix.pdf", "fileUrl": format!("file://{}", path.display())}))
        .await;
    let out = env.ok("get_drive_file_content", json!({"file_id": id_after(&created.text, "(id:")})).await;
    assert!(out.text.contains("(40 pages)") && out.text.contains("--- CUT: "), "{}", &out.text[..300]);
    assert_eq!(out.files.len(), 1);
    assert_eq!(out.files[0].mime_type, "text/plain");
    let whole = std::fs::read_to_string(&out.files[0].path).unwrap();
    assert!(whole.contains("--- Page 40 ---") && !out.text.contains("--- Page 40 ---"));
    env.done();
}

#[tokio::test]
async fn a_scanned_pdf_has_no_text_layer_and_is_saved() {
    let env = Env::new().await;
    let out = env.ok("get_drive_file_content", json!({"file_id": ids::HOTEL_INVOICE_SCAN_PDF})).await;
    assert!(out.text.contains("This PDF has no text layer (scanned?)"), "{}", out.text);
    assert!(out.text.contains("only images (2 pages)") && !out.text.contains("--- CONTENT ---"), "{}", out.text);
    assert_eq!(out.files.len(), 1);
    assert_eq!(out.files[0].mime_type, "application/pdf");
    assert!(std::fs::read(&out.files[0].path).unwrap().starts_with(b"%PDF-"), "the PDF itself is saved");
    env.done();
}

#[tokio::test]
async fn a_file_named_pdf_that_is_not_one_is_saved_with_the_reason() {
    let env = Env::new().await;
    let path = env.allowed_file("fake.pdf", b"just some text, not a PDF");
    let created = env
        .ok("create_drive_file", json!({"file_name": "fake.pdf", "fileUrl": format!("file://{}", path.display())}))
        .await;
    let out = env.ok("get_drive_file_content", json!({"file_id": id_after(&created.text, "(id:")})).await;
    assert!(out.text.contains("labelled as a PDF but is not one"), "{}", out.text);
    assert_eq!(out.files.len(), 1);
    env.done();
}

/// A reader that always gives one outcome: what the server's child process reports when it
/// crashes, times out or meets a password.
struct Fixed(PdfTextOutcome);

impl PdfTextSource for Fixed {
    fn read(&self, _pdf: Bytes) -> BoxFuture<'_, PdfTextOutcome> {
        Box::pin(async move { self.0.clone() })
    }
}

#[tokio::test]
async fn reader_failures_are_explained_and_the_pdf_still_saved() {
    for (outcome, expected) in [
        (PdfTextOutcome::Encrypted, "This PDF is encrypted with a password"),
        (
            PdfTextOutcome::Failed("the reader took longer than 30 s on this file and was stopped".into()),
            "Reading this PDF's text failed: the reader took longer than 30 s",
        ),
        (PdfTextOutcome::Unavailable("no reader".into()), "PDF text extraction is not available here: no reader."),
    ] {
        let reader = PdfReader::new("fixed", Arc::new(Fixed(outcome)));
        let env = Env::with(|o| DriveOptions { pdf: reader, ..o }).await;
        let out = env.ok("get_drive_file_content", json!({"file_id": ids::ROADMAP_PDF})).await;
        assert!(out.text.contains(expected), "{}", out.text);
        assert!(out.text.contains("The PDF is saved for a client or tool that can read it."), "{}", out.text);
        assert_eq!(out.files.len(), 1);
        assert_eq!(std::fs::read(&out.files[0].path).unwrap().len() as u64, out.files[0].size);
        env.done();
    }
}
