//! get_drive_file_content and get_drive_file_download_url: exports, Office extraction,
//! text, binaries saved as files, the text cap (PDFs: pdf.rs).

use super::*;

#[tokio::test]
async fn google_files_are_exported_as_text() {
    let env = Env::new().await;
    let doc = env.ok("get_drive_file_content", json!({"file_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(doc.text.contains("Sync engine v2 ships in July."), "{}", doc.text);
    assert!(doc.files.is_empty());
    let export = env.requests("drive.files.export").pop().unwrap();
    let doc_format = export.query_param("mimeType").unwrap().to_string();
    assert!(["text/markdown", "text/plain"].contains(&doc_format.as_str()), "{doc_format}");
    if doc_format == "text/markdown" {
        assert!(doc.text.contains("Exported as Markdown") && doc.text.contains("# Goals"), "{}", doc.text);
    }

    let sheet = env.ok("get_drive_file_content", json!({"file_id": ids::ATLAS_BUDGET_SHEET})).await;
    assert!(sheet.text.contains("Cloud infrastructure,12000,10850"), "{}", sheet.text);
    assert!(sheet.text.contains("first sheet only"), "{}", sheet.text);
    assert_eq!(env.requests("drive.files.export").pop().unwrap().query_param("mimeType"), Some("text/csv"));

    let deck = env.ok("get_drive_file_content", json!({"file_id": ids::ATLAS_KICKOFF_SLIDES})).await;
    assert!(deck.text.contains("Pilot with Northwind in September"), "{}", deck.text);

    let shared_drive = env.ok("get_drive_file_content", json!({"file_id": ids::TEAM_CHECKLIST_DOC})).await;
    assert!(shared_drive.text.contains("Pricing page live"), "{}", shared_drive.text);
    env.done();
}

#[tokio::test]
async fn office_files_and_text_files_are_read() {
    let env = Env::new().await;
    let docx = env.ok("get_drive_file_content", json!({"file_id": ids::REQUIREMENTS_DOCX})).await;
    assert!(
        docx.text.contains("Offline editing of forms") && docx.text.contains("extracted from the Office file"),
        "{}",
        docx.text
    );
    let xlsx = env.ok("get_drive_file_content", json!({"file_id": ids::COST_MODEL_XLSX})).await;
    assert!(xlsx.text.contains("## Sheet: "), "{}", xlsx.text);
    let pptx = env.ok("get_drive_file_content", json!({"file_id": ids::PITCH_PPTX})).await;
    assert!(pptx.text.contains("--- Slide 1 ---"), "{}", pptx.text);
    let csv = env.ok("get_drive_file_content", json!({"file_id": ids::BUDGET_CSV})).await;
    assert!(csv.text.contains("Reisekosten München,4200,4815"), "{}", csv.text);
    let txt = env.ok("get_drive_file_content", json!({"file_id": ids::UEBERSICHT_TXT})).await;
    assert!(txt.text.contains("Übersicht 2026") && txt.text.contains("21.000 €"), "{}", txt.text);
    let media: Vec<_> =
        env.requests("drive.files.get").into_iter().filter(|r| r.query_param("alt") == Some("media")).collect();
    assert_eq!(media.len(), 5, "one download per non-Google file");
    env.done();
}

#[tokio::test]
async fn small_images_are_shown_inline() {
    let env = Env::new().await;
    // A small image: image content for the client to show, and the saved file as well.
    let png = env.ok("get_drive_file_content", json!({"file_id": ids::LOGO_PNG})).await;
    assert!(png.text.contains("shown below and saved") && !png.text.contains("iVBOR"), "{}", png.text);
    assert!(std::fs::read(&png.files[0].path).unwrap().starts_with(b"\x89PNG"));
    assert_eq!(png.images.len(), 1);
    assert_eq!(png.images[0].mime_type, "image/png");
    assert!(png.images[0].data.starts_with(b"\x89PNG"));

    // Past the cap it is only saved and linked.
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(wsmcp_core::tool::MAX_INLINE_IMAGE_BYTES + 1, 7);
    let path = env.allowed_file("poster.png", &big);
    let out = env
        .ok("create_drive_file", json!({"file_name": "poster.png", "fileUrl": format!("file://{}", path.display())}))
        .await;
    let id = id_after(&out.text, "(id:");
    let poster = env.ok("get_drive_file_content", json!({"file_id": id})).await;
    assert!(poster.images.is_empty() && poster.text.contains("too large"), "{}", poster.text);
    assert_eq!(poster.files.len(), 1);
    env.done();
}

#[tokio::test]
async fn content_errors() {
    let env = Env::new().await;
    let e = env.err("get_drive_file_content", json!({"file_id": ids::FOLDER_ATLAS})).await;
    assert!(is_invalid(&e) && e.to_string().contains("list_drive_items"), "{e}");
    let e = env.err("get_drive_file_content", json!({"file_id": ids::PRIYA_PRIVATE_DOC})).await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    let e = env.err("get_drive_file_content", json!({"file_id": " "})).await;
    assert!(is_invalid(&e));
    env.done();
}

#[tokio::test]
async fn long_text_is_cut_with_a_link_to_all_of_it() {
    let env = Env::new().await;
    let long: String = (0..30_000).map(|i| format!("line {i}\n")).collect();
    let created = env.ok("create_drive_file", json!({"file_name": "long.txt", "content": long})).await;
    let id = id_after(&created.text, "(id:");
    let out = env.ok("get_drive_file_content", json!({"file_id": id})).await;
    assert!(
        out.text.contains("--- CUT: ") && out.text.contains("more characters not shown"),
        "{}",
        &out.text[out.text.len() - 400..]
    );
    assert!(out.text.len() < 110_000);
    assert_eq!(out.files.len(), 1);
    assert_eq!(std::fs::read_to_string(&out.files[0].path).unwrap(), long, "the saved file holds the whole text");
    env.done();
}

#[tokio::test]
async fn downloads_export_google_files_and_keep_others() {
    let env = Env::new().await;
    let out = env.ok("get_drive_file_download_url", json!({"file_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(
        out.text.contains("File name: Atlas Q3 plan.pdf") && out.text.contains("Exported from Google Doc to PDF"),
        "{}",
        out.text
    );
    assert_eq!(env.requests("drive.files.export").pop().unwrap().query_param("mimeType"), Some("application/pdf"));
    assert!(std::fs::read(&out.files[0].path).unwrap().starts_with(b"%PDF"));

    let out = env
        .ok("get_drive_file_download_url", json!({"file_id": ids::ATLAS_BUDGET_SHEET, "export_format": "csv"}))
        .await;
    assert!(std::fs::read_to_string(&out.files[0].path).unwrap().contains("Cloud infrastructure"), "{}", out.text);
    let out =
        env.ok("get_drive_file_download_url", json!({"file_id": ids::ATLAS_PLAN_DOC, "export_format": "docx"})).await;
    assert!(std::fs::read(&out.files[0].path).unwrap().starts_with(b"PK"), "a docx is a zip");

    let out = env.ok("get_drive_file_download_url", json!({"file_id": ids::LOGO_PNG, "export_format": "pdf"})).await;
    assert!(out.text.contains("export_format only applies"), "{}", out.text);
    assert_eq!(out.files[0].mime_type, "image/png");
    let direct = wsmcp_drive::api::files_get_media(&env.g(), ids::LOGO_PNG).await.unwrap();
    assert_eq!(std::fs::read(&out.files[0].path).unwrap(), direct.to_vec());

    let e =
        env.err("get_drive_file_download_url", json!({"file_id": ids::ATLAS_PLAN_DOC, "export_format": "xlsx"})).await;
    assert!(is_invalid(&e) && e.to_string().contains("pdf, docx"), "{e}");
    let e =
        env.err("get_drive_file_download_url", json!({"file_id": ids::ATLAS_PLAN_DOC, "export_format": "odt"})).await;
    assert!(is_invalid(&e), "{e}");
    let e = env.err("get_drive_file_download_url", json!({"file_id": ids::FOLDER_ATLAS})).await;
    assert!(is_invalid(&e), "{e}");
    env.done();
}
