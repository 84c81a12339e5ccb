//! export_doc_to_pdf: Drive's export to PDF, uploaded back as a new file.

use super::*;

#[tokio::test]
async fn the_pdf_lands_in_the_folder_with_the_document_text() {
    let env = Env::new().await;
    let out = env
        .ok(
            "export_doc_to_pdf",
            json!({"document_id": format!("https://docs.google.com/document/d/{}/edit", ids::ATLAS_PLAN_DOC),
                "folder_id": ids::FOLDER_ATLAS_DESIGN}),
        )
        .await;
    assert!(
        out.starts_with(&format!(
            "Exported \"Atlas Q3 plan\" (document_id: {}) to PDF and saved it as \"Atlas Q3 plan_PDF.pdf\" (file_id: ",
            ids::ATLAS_PLAN_DOC
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(") in folder {}.\nLink: https://drive.google.com/", ids::FOLDER_ATLAS_DESIGN)),
        "{out}"
    );
    let exported = env.last("drive.files.export");
    assert_eq!(exported.query_param("mimeType"), Some("application/pdf"));
    let upload = env.last("drive.files.create");
    assert_eq!(upload.query_param("uploadType"), Some("multipart"));
    let pdf_id = id_after(&out, "(file_id: ");
    let g = env.g();
    let file = wsmcp_drive::api::files_get(&g, &pdf_id, "id, name, mimeType, parents").await.unwrap();
    assert_eq!((file.mime(), file.parents.clone()), ("application/pdf", vec![ids::FOLDER_ATLAS_DESIGN.to_string()]));
    let bytes = wsmcp_drive::api::files_get_media(&g, &pdf_id).await.unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.ends_with(b"%%EOF\n"), "a whole PDF");
    // The PDF holds the document's text (Drive renders the Docs emulation's content).
    assert!(bytes.windows(12).any(|w| w == b"Atlas Q3 pla"), "the title is in the PDF");
    // A name of one's own, in My Drive.
    let out =
        env.ok("export_doc_to_pdf", json!({"document_id": ids::ATLAS_FAQ_PUBLIC_DOC, "pdf_filename": "faq"})).await;
    assert!(out.contains("saved it as \"faq.pdf\"") && out.contains(") in My Drive."), "{out}");
    let sent = env.last("drive.files.create").body.clone().unwrap_or_default();
    assert!(!sent.to_string().contains("parents"), "no parents for My Drive: {sent}");
    env.done();
}

#[tokio::test]
async fn only_google_docs_are_exported() {
    let env = Env::new().await;
    env.refused("export_doc_to_pdf", &[json!({"document_id": " "}), json!({"document_id": "https://x.example/a?b"})])
        .await;
    let e = env.err("export_doc_to_pdf", json!({"document_id": ids::ATLAS_BUDGET_SHEET})).await;
    assert!(e.to_string().contains("is a Google Sheet, not a Google Doc"), "{e}");
    assert!(env.requests("drive.files.export").is_empty(), "refused before exporting");
    let e = env.err("export_doc_to_pdf", json!({"document_id": "1NoSuchDocument"})).await;
    assert!(is_google(&e, 404), "{e}");
    // The export worked but the folder is not there: nothing was saved.
    let e =
        env.err("export_doc_to_pdf", json!({"document_id": ids::ATLAS_PLAN_DOC, "folder_id": "1NoSuchFolder"})).await;
    assert!(is_google(&e, 404), "{e}");
    assert_eq!(env.requests("drive.files.export").len(), 1);
    env.done();
}
