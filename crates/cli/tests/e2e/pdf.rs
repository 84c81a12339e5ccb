//! PDF text through the binary: its hidden `extract-pdf-text` subcommand run as a child
//! process for Drive files and Gmail attachments; hostile, damaged and encrypted PDFs give a
//! clear message while the server keeps serving; the subcommand stays out of --help.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine as _;
use lopdf::{Document, EncryptionState, EncryptionVersion, Permissions};
use serde_json::json;
use wsmcp_drive::sandbox::seed::ids;
use wsmcp_sandbox_kit::pdf::{PdfPage, pdf};

use crate::harness::{
    BIN, HttpServer, assert_valid, command, find, ok, requests_for, sandbox, stdio_client, values_after,
};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A PDF that makes pdf-extract panic: its Type0 font lost /DescendantFonts (blanked with
/// spaces of the same length, so every offset stays right).
fn hostile() -> Vec<u8> {
    let mut file = pdf("Hostile", &[PdfPage::Text(&["Ω"])]);
    let needle = b"/DescendantFonts [5 0 R]";
    let at = file.windows(needle.len()).position(|w| w == needle).unwrap();
    file[at..at + needle.len()].fill(b' ');
    file
}

fn encrypted() -> Vec<u8> {
    let mut doc = Document::load_mem(&pdf("Payroll", &[PdfPage::Text(&["Payroll March"])])).unwrap();
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "open sesame",
        key_length: 128,
        permissions: Permissions::PRINTABLE,
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A seeded Drive PDF and a seeded Gmail attachment come back as text; the scanned invoice
/// says it has no text layer.
#[tokio::test]
async fn drive_and_gmail_pdfs_are_read_as_text_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let drive = ok(&client, "get_drive_file_content", json!({"file_id": ids::ROADMAP_PDF})).await;
    assert!(drive.contains("Text extracted from the PDF (1 page)"), "{drive}");
    assert!(drive.contains("--- CONTENT ---\n--- Page 1 ---\nAtlas Q3 Roadmap\n1. Sync engine v2 (July)"), "{drive}");
    let scan = ok(&client, "get_drive_file_content", json!({"file_id": ids::HOTEL_INVOICE_SCAN_PDF})).await;
    assert!(scan.contains("This PDF has no text layer (scanned?)") && scan.contains("Saved: "), "{scan}");

    let (id, _) = find(&client, "subject:(Atlas Q3 roadmap review) has:attachment").await.remove(0);
    let mail = ok(
        &client,
        "get_gmail_attachment_content",
        json!({"message_id": id, "attachment_id": "stale", "attachment_index": 0}),
    )
    .await;
    assert!(mail.contains("File name: Atlas-Q3-Roadmap.pdf"), "{mail}");
    assert!(mail.contains("--- PDF TEXT ---\n--- Page 1 ---\nAtlas Q3 Roadmap"), "{mail}");
    assert_eq!(requests_for(&sb, "gmail.users.messages.attachments.get").len(), 1);
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// A PDF that crashes the parser, a truncated one, garbage behind a PDF header and an
/// encrypted one, mailed and read back: each gets its reason, and the server goes on to read
/// a good PDF afterwards (the crash was the child's, not the server's).
#[tokio::test]
async fn hostile_and_broken_pdfs_get_a_reason_and_the_server_survives_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;
    let good = pdf("Good", &[PdfPage::Text(&["Still standing: Grüße aus München"])]);
    let garbage: Vec<u8> = b"%PDF-1.7\n".iter().copied().chain((0..3000u32).map(|i| (i * 7919 % 251) as u8)).collect();
    let files: [(&str, Vec<u8>); 5] = [
        ("hostile.pdf", hostile()),
        ("truncated.pdf", good[..good.len() / 2].to_vec()),
        ("garbage.pdf", garbage),
        ("payroll.pdf", encrypted()),
        ("good.pdf", good.clone()),
    ];
    let attachments: Vec<_> = files
        .iter()
        .map(|(name, bytes)| json!({"content": b64(bytes), "filename": name, "mime_type": "application/pdf"}))
        .collect();
    let sent = ok(
        &client,
        "send_gmail_message",
        json!({"to": "priya.shah@example.com", "subject": "PDFs", "body": "Five PDFs.", "include_signature": false,
            "attachments": attachments}),
    )
    .await;
    let message_id = values_after(&sent, "Message ID: ").remove(0);
    let read = |index: usize| {
        let client = &client;
        let message_id = message_id.clone();
        async move {
            ok(
                client,
                "get_gmail_attachment_content",
                json!({"message_id": message_id, "attachment_id": "", "attachment_index": index}),
            )
            .await
        }
    };
    let out = read(0).await;
    assert!(
        out.contains(
            "Reading this PDF's text failed: the reader stopped on a malformed or unusual PDF \
             (Descendant fonts required)."
        ),
        "{out}"
    );
    assert!(out.contains("File name: hostile.pdf") && out.contains("Location: "), "the file is still saved: {out}");
    for index in [1, 2] {
        let out = read(index).await;
        assert!(out.contains("This PDF could not be parsed ("), "{out}");
    }
    let out = read(3).await;
    assert!(out.contains("This PDF is encrypted with a password"), "{out}");
    let out = read(4).await;
    assert!(out.contains("--- PDF TEXT ---\n--- Page 1 ---\nStill standing: Grüße aus München"), "{out}");
    // And Drive, on the same server.
    let drive = ok(&client, "get_drive_file_content", json!({"file_id": ids::ROADMAP_PDF})).await;
    assert!(drive.contains("Atlas Q3 Roadmap"), "{drive}");
    client.cancel().await.unwrap();
    assert_valid(&sb);
}

/// `extract-pdf-text` is not in --help, refuses arguments it does not know, and answers a PDF
/// on stdin with the header line and the text.
#[test]
fn the_pdf_subcommand_is_hidden_and_speaks_its_protocol() {
    let help = Command::new(BIN).arg("--help").env_clear().output().unwrap();
    assert!(help.status.success());
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("healthcheck") && !help.contains("extract-pdf-text"), "{help}");

    let bad = Command::new(BIN).args(["extract-pdf-text", "--bogus", "1"]).env_clear().output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown argument --bogus"));

    let args = [
        "extract-pdf-text",
        "--max-pages",
        "1",
        "--max-text-bytes",
        "10000",
        "--max-input-bytes",
        "1000000",
        "--max-memory-bytes",
        "2000000000",
        "--max-cpu-seconds",
        "10",
    ];
    let mut child = Command::new(BIN)
        .args(args)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let two_pages = pdf("Two", &[PdfPage::Text(&["First page"]), PdfPage::Text(&["Second page"])]);
    child.stdin.take().unwrap().write_all(&two_pages).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "wsmcp-pdf-text/1 pages=2 read=1 text-pages=1 failed-pages=0 cut=0 decrypted=0\n--- Page 1 ---\nFirst page"
    );

    let mut child = Command::new(BIN)
        .args(args)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"GIF89a").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(wsmcp_core::pdf::protocol::EXIT_NOT_PDF));
}
