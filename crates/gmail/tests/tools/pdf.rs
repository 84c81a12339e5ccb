//! get_gmail_attachment_content on PDFs: the text after the saved file, cut and saved when
//! long; scans and non-PDFs explained; PDFs known by their bytes when the type is generic.

use base64::Engine as _;
use wsmcp_sandbox_kit::pdf::{PdfPage, pdf};

use super::*;

/// A message from Lena with one attachment of `mime` named `name`.
fn with_attachment(subject: &str, mime: &str, name: &str, bytes: &[u8]) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    let folded: Vec<&str> = b64.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!(
        "From: Lena Fischer <lena.fischer@example.com>\r\nTo: alex.rivera@example.com\r\nSubject: {subject}\r\n\
         Date: Tue, 10 Mar 2026 09:00:00 +0100\r\nMessage-ID: <{}@example.com>\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         See attached.\r\n--b1\r\nContent-Type: {mime}; name=\"{name}\"\r\n\
         Content-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--b1--\r\n",
        subject.replace(' ', "-"),
        folded.join("\r\n")
    )
    .into_bytes()
}

#[tokio::test]
async fn a_pdf_attachments_text_follows_the_saved_file() {
    let env = Env::new().await;
    let (id, _) = env.find("subject:(Atlas Q3 roadmap review) has:attachment").await.remove(0);
    let out = env
        .ok("get_gmail_attachment_content", json!({"message_id": id, "attachment_id": "x", "attachment_index": 0}))
        .await;
    assert!(out.text.contains("File name: Atlas-Q3-Roadmap.pdf"), "{}", out.text);
    let (before, text) = out.text.split_once("--- PDF TEXT ---\n").unwrap();
    assert!(before.contains("Text extracted from the PDF (1 page)"), "{before}");
    assert!(text.starts_with("--- Page 1 ---\nAtlas Q3 Roadmap\n1. Sync engine v2 (July)"), "{text}");
    assert!(text.contains("3. Offline mode beta (September)"), "{text}");
    assert_eq!(out.files.len(), 1, "only the PDF is saved: its text is short");
    assert_eq!(out.files[0].mime_type, "application/pdf");
    assert_eq!(env.requests("gmail.users.messages.attachments.get").len(), 1);
    env.done();
}

#[tokio::test]
async fn a_long_pdfs_text_is_cut_and_saved_whole() {
    let env = Env::new().await;
    let line = "Clause text of the partnership agreement, repeated to fill the page.";
    let lines = vec![line; 45];
    let file = pdf("Agreement", &vec![PdfPage::Text(&lines); 40]);
    let id = env.insert(&with_attachment("Agreement draft", "application/pdf", "agreement.pdf", &file)).await;
    let out = env
        .ok("get_gmail_attachment_content", json!({"message_id": id, "attachment_id": "", "attachment_index": 0}))
        .await;
    assert!(out.text.contains("(40 pages)") && out.text.contains("--- CUT: "), "{}", &out.text[..400]);
    assert!(out.text.contains(" more characters not shown (limit 100000)"));
    assert_eq!(out.files.len(), 2, "the PDF and its whole text");
    assert_eq!((out.files[1].name.as_str(), out.files[1].mime_type.as_str()), ("agreement.txt", "text/plain"));
    let whole = std::fs::read_to_string(&out.files[1].path).unwrap();
    assert!(whole.contains("--- Page 40 ---") && !out.text.contains("--- Page 40 ---"));
    env.done();
}

#[tokio::test]
async fn scans_and_pretend_pdfs_are_explained_and_generic_types_sniffed() {
    let env = Env::new().await;
    let scan = pdf("Scan", &[PdfPage::Image]);
    let id = env.insert(&with_attachment("Signed NDA", "application/pdf", "nda-signed.pdf", &scan)).await;
    let out = env
        .ok("get_gmail_attachment_content", json!({"message_id": id, "attachment_id": "", "attachment_index": 0}))
        .await;
    assert!(out.text.contains("This PDF has no text layer (scanned?)"), "{}", out.text);
    assert!(!out.text.contains("--- PDF TEXT ---") && out.files.len() == 1, "{}", out.text);

    let fake = with_attachment("Report", "application/pdf", "report.pdf", b"<html>not a pdf</html>");
    let id = env.insert(&fake).await;
    let out = env
        .ok("get_gmail_attachment_content", json!({"message_id": id, "attachment_id": "", "attachment_index": 0}))
        .await;
    assert!(out.text.contains("labelled as a PDF but is not one"), "{}", out.text);

    // A generic type and name: the %PDF- header is enough.
    let file = pdf("Minutes", &[PdfPage::Text(&["Minutes of the Atlas steering call"])]);
    let id = env.insert(&with_attachment("Minutes", "application/octet-stream", "minutes.bin", &file)).await;
    let out = env
        .ok("get_gmail_attachment_content", json!({"message_id": id, "attachment_id": "", "attachment_index": 0}))
        .await;
    assert!(out.text.contains("Minutes of the Atlas steering call"), "{}", out.text);

    // Not a PDF at all: no PDF text section.
    let id = env.insert(&with_attachment("Notes", "text/plain", "notes.txt", b"plain notes")).await;
    let out = env
        .ok("get_gmail_attachment_content", json!({"message_id": id, "attachment_id": "", "attachment_index": 0}))
        .await;
    assert!(!out.text.contains("PDF"), "{}", out.text);
    env.done();
}

#[tokio::test]
async fn a_missing_message_is_an_error_before_any_pdf_is_read() {
    let env = Env::new().await;
    let e = env
        .err(
            "get_gmail_attachment_content",
            json!({"message_id": "nope123", "attachment_id": "", "attachment_index": 0}),
        )
        .await;
    assert!(e.to_string().contains("404"), "{e}");
    assert!(env.requests("gmail.users.messages.attachments.get").is_empty());
    env.done();
}
