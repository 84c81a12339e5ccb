//! insert_doc_image from a URL and from Drive.

use super::*;
use wsmcp_core::google::ApiInfo;

const LOGO: &str = ids::LOGO_PNG;

async fn image_objects(env: &Env, id: &str) -> Value {
    let doc: Value = env
        .g()
        .get(wsmcp_docs::api::API, format!("/v1/documents/{id}"))
        .query("includeTabsContent", true)
        .send()
        .await
        .unwrap();
    doc["tabs"][0]["documentTab"]["inlineObjects"].clone()
}

#[tokio::test]
async fn image_from_a_url_with_a_width() {
    let env = Env::new().await;
    let out = env.ok("create_doc", json!({"title": "Pictures", "content": "Logo: here"})).await;
    let id = id_after(&out, "(document_id: ");
    let args = json!({"document_id": id, "image_source": "https://example.com/logo.png", "index": 7, "width": 200});
    let out = env.ok("insert_doc_image", args).await;
    assert_eq!(
        env.last("docs.documents.batchUpdate").body.clone().unwrap()["requests"],
        json!([{"insertInlineImage": {"uri": "https://example.com/logo.png", "location": {"index": 7},
                "objectSize": {"width": {"magnitude": 200, "unit": "PT"}}}}])
    );
    assert!(env.requests("drive.files.get").is_empty(), "a URL needs no Drive call");
    let object = id_after(&out, "(object id: ");
    assert!(out.contains("at index 7 of the first tab") && out.contains("size 200pt x auto"), "{out}");
    let objects = image_objects(&env, &id).await;
    let image = &objects[&object]["inlineObjectProperties"]["embeddedObject"];
    assert_eq!(image["imageProperties"]["sourceUri"], "https://example.com/logo.png");
    assert_eq!(image["size"]["width"]["magnitude"], 200.0);
    // The image is one unit: "here" moved from 7 to 8.
    let structure = env.ok("inspect_doc_structure", json!({"document_id": id, "detailed": true})).await;
    assert!(
        structure.contains("[7-8] non-text element (1 unit)") && structure.contains("[8-13] text \"here\""),
        "{structure}"
    );
    env.done();
}

#[tokio::test]
async fn a_drive_image_must_be_shared_by_link() {
    let env = Env::new().await;
    let out = env.ok("create_doc", json!({"title": "Pictures", "content": "x"})).await;
    let id = id_after(&out, "(document_id: ");
    let args = json!({"document_id": id, "image_source": LOGO, "index": 1, "width": 64, "height": 64});
    let e = env.err("insert_doc_image", args.clone()).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("is not shared by link")), "{e}");
    assert_eq!(
        env.last("drive.files.get").query_param("fields"),
        Some("id,name,mimeType,permissionIds,webContentLink")
    );
    let before = env.requests("docs.documents.batchUpdate").len();
    assert_eq!(before, 1, "only create_doc's content was written");
    // Shared with anyone who has the link, Docs can fetch it through its download link.
    let share: Value = env
        .g()
        .post(&ApiInfo::DRIVE, format!("/drive/v3/files/{LOGO}/permissions"))
        .json(&json!({"type": "anyone", "role": "reader"}))
        .send()
        .await
        .unwrap();
    assert_eq!(share["id"], "anyoneWithLink");
    let out = env.ok("insert_doc_image", json!({"document_id": id, "image_source": format!("https://drive.google.com/file/d/{LOGO}/view"), "index": 1})).await;
    let sent = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    let uri = sent["requests"][0]["insertInlineImage"]["uri"].as_str().unwrap();
    assert_eq!(uri, format!("https://drive.google.com/uc?id={LOGO}&export=download"));
    assert!(out.contains("Inserted Drive image \"atlas-logo.png\""), "{out}");
    env.ok("insert_doc_image", args).await;
    let objects = image_objects(&env, &id).await;
    assert_eq!(objects.as_object().unwrap().len(), 2);
    env.done();
}

#[tokio::test]
async fn image_errors() {
    let env = Env::new().await;
    let doc = ids::TEAM_CHECKLIST_DOC;
    let args = |source: &str| json!({"document_id": doc, "image_source": source, "index": 1});
    env.refused(
        "insert_doc_image",
        &[
            args("/home/alex/logo.png"),
            args("data:image/png;base64,iVBORw0KGgo="),
            args("file:///tmp/logo.png"),
            args("http://127.0.0.1:8000/logo.png"),
            args(" "),
            json!({"document_id": doc, "image_source": "https://example.com/a.png", "index": 1, "width": -5}),
        ],
    )
    .await;
    // A Drive file that is not an image, one that does not exist.
    let e = env.err("insert_doc_image", args(ids::ROADMAP_PDF)).await;
    assert!(matches!(&e, ToolError::InvalidInput(m) if m.contains("is application/pdf, not an image")), "{e}");
    assert!(is_google(&env.err("insert_doc_image", args("1NoSuchImage")).await, 404));
    // Google itself refuses an index outside the body.
    let e = env
        .err(
            "insert_doc_image",
            json!({"document_id": doc, "image_source": "https://example.com/a.png", "index": 99999}),
        )
        .await;
    assert!(is_google(&e, 400), "{e}");
    env.done();
}
