//! One Drive for Docs: a document made through docs/v1 is a Drive file at once. It is filed into
//! a folder, found there and by search, edited through Docs, exported by Drive with the edit,
//! saved as a PDF next to it; a Drive rename retitles it and a Drive delete removes it.

use wsmcp_drive::api;
use wsmcp_drive::wire::FileMetadata;

use super::*;

#[tokio::test]
async fn create_file_find_edit_export_and_rename() {
    let env = Env::new().await;
    let folder = ids::FOLDER_ATLAS;
    let out = env
        .ok(
            "create_doc",
            json!({"title": "Atlas retro", "content": "Offline beta went well\nNext: Munich offsite", "folder_id": folder}),
        )
        .await;
    let id = id_after(&out, "(document_id: ");
    assert!(out.contains(&format!("Folder: {folder}")), "{out}");
    let g = env.g();
    let file = api::files_get(&g, &id, "id, name, mimeType, parents, owners, createdTime, trashed").await.unwrap();
    assert_eq!((file.name(), file.mime()), ("Atlas retro", "application/vnd.google-apps.document"));
    assert_eq!(file.parents, [folder]);
    assert_eq!(file.owners[0].email_address.as_deref(), Some(USER));
    assert_eq!(file.trashed, Some(false));

    let listed = env.ok("list_docs_in_folder", json!({"folder_id": folder})).await;
    assert!(listed.contains(&format!("\"Atlas retro\" (document_id: {id}")), "{listed}");
    let by_name = env.ok("search_docs", json!({"query": "retro"})).await;
    assert!(by_name.contains(&id), "{by_name}");
    let by_text = env.ok("search_docs", json!({"query": "Munich"})).await;
    assert!(by_text.contains(&id), "full text reaches the Docs content:\n{by_text}");

    let replaced = env
        .ok("find_and_replace_doc", json!({"document_id": id, "find_text": "Munich", "replace_text": "Lisbon"}))
        .await;
    assert!(replaced.starts_with("Replaced 1 occurrence(s)"), "{replaced}");
    let text = api::files_export(&g, &id, "text/plain").await.unwrap();
    assert_eq!(&text[..], "\u{feff}Offline beta went well\r\nNext: Lisbon offsite".as_bytes());
    let markdown = api::files_export(&g, &id, "text/markdown").await.unwrap();
    assert_eq!(&markdown[..], b"Offline beta went well\n\nNext: Lisbon offsite\n");
    let edited = api::files_get(&g, &id, "modifiedTime, version").await.unwrap();
    assert!(edited.modified_time >= file.created_time, "an edit is a modification");
    assert!(!env.ok("search_docs", json!({"query": "Munich"})).await.contains(&id), "the old text is gone");

    let out = env.ok("export_doc_to_pdf", json!({"document_id": id, "folder_id": folder})).await;
    let pdf_id = id_after(&out, "(file_id: ");
    let pdf = api::files_get_media(&g, &pdf_id).await.unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.windows(6).any(|w| w == b"Lisbon"), "the PDF shows the edit");
    let in_folder = api::files_get(&g, &pdf_id, "name, parents").await.unwrap();
    assert_eq!((in_folder.name(), in_folder.parents.clone()), ("Atlas retro_PDF.pdf", vec![folder.to_string()]));

    // Drive's rename is the document's title; Drive's delete is the document's end.
    let rename = FileMetadata { name: Some("Atlas retro (final)".into()), ..Default::default() };
    api::files_update(&g, &id, &rename, None, None, "id, name").await.unwrap();
    let content = env.ok("get_doc_content", json!({"document_id": id})).await;
    assert!(content.contains("Atlas retro (final)"), "{content}");
    g.delete(&wsmcp_core::google::ApiInfo::DRIVE, format!("/drive/v3/files/{id}")).send_empty().await.unwrap();
    let e = env.err("get_doc_content", json!({"document_id": id})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn seeded_documents_export_their_current_text_and_reset_reseeds_both() {
    let env = Env::new().await;
    let g = env.g();
    let before = api::files_get(&g, ids::ATLAS_PLAN_DOC, "modifiedTime, version").await.unwrap();
    // Drive's export of a seeded document is the Docs emulation's, tabs included.
    let text =
        String::from_utf8(api::files_export(&g, ids::ATLAS_PLAN_DOC, "text/plain").await.unwrap().to_vec()).unwrap();
    assert!(text.contains("Risk register") && text.contains("Offline mode slips\tAlex Rivera"), "{text}");
    let unchanged = api::files_get(&g, ids::ATLAS_PLAN_DOC, "modifiedTime, version").await.unwrap();
    assert_eq!(unchanged.modified_time, before.modified_time, "reading changes nothing");
    env.ok(
        "find_and_replace_doc",
        json!({"document_id": ids::ATLAS_PLAN_DOC, "find_text": "Risk register", "replace_text": "Risks"}),
    )
    .await;
    let edited = api::files_get(&g, ids::ATLAS_PLAN_DOC, "modifiedTime").await.unwrap();
    assert!(edited.modified_time > before.modified_time, "an edit through Docs is a Drive modification");
    let out = env.ok("create_doc", json!({"title": "Scratch"})).await;
    let scratch = id_after(&out, "(document_id: ");
    assert!(api::files_get(&g, &scratch, "id").await.is_ok());

    env.handle.reset();
    let text =
        String::from_utf8(api::files_export(&g, ids::ATLAS_PLAN_DOC, "text/plain").await.unwrap().to_vec()).unwrap();
    assert!(text.contains("Risk register"), "the seed again: {text}");
    let reseeded = api::files_get(&g, ids::ATLAS_PLAN_DOC, "modifiedTime").await.unwrap();
    // Seeds are dated relative to now: two days ago again, not the edit's time.
    assert!(reseeded.modified_time < edited.modified_time, "the seed's date again");
    let gone = api::files_get(&g, &scratch, "id").await.unwrap_err();
    assert_eq!(gone.status, Some(404));
    let e = env.err("get_doc_content", json!({"document_id": scratch})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn a_doc_made_in_drive_opens_in_docs() {
    let env = Env::new().await;
    let g = env.g();
    let meta = FileMetadata {
        name: Some("Offsite agenda".into()),
        mime_type: Some("application/vnd.google-apps.document".into()),
        parents: Some(vec![ids::FOLDER_ATLAS.into()]),
        ..Default::default()
    };
    let media = wsmcp_drive::upload::Media::Memory("# Offsite\n\n- Munich venue\n".into());
    let tuning = wsmcp_drive::upload::UploadTuning::default();
    let target = wsmcp_drive::upload::Target::Create;
    let file = wsmcp_drive::upload::upload(&g, target, &meta, &media, "text/markdown", "id", tuning).await.unwrap();
    let id = file.id().to_string();
    let text = env.ok("get_doc_content", json!({"document_id": id})).await;
    assert!(text.contains("Offsite agenda") && text.contains("Munich venue"), "{text}");
    env.ok("find_and_replace_doc", json!({"document_id": id, "find_text": "Munich", "replace_text": "Lisbon"})).await;
    let markdown = api::files_export(&g, &id, "text/markdown").await.unwrap();
    assert_eq!(&markdown[..], b"# Offsite\n\n* Lisbon venue\n");
    // A copy made by Drive is a document of its own.
    let copy = api::files_copy(&g, &id, &FileMetadata::default(), false, "id, name").await.unwrap();
    let copied = env.ok("get_doc_content", json!({"document_id": copy.id()})).await;
    assert!(copied.contains("Copy of Offsite agenda") && copied.contains("Lisbon venue"), "{copied}");
    // A document the user cannot see in Drive stays closed in Docs too.
    let e = env.err("get_doc_content", json!({"document_id": ids::PRIYA_PRIVATE_DOC})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
