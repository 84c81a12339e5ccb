//! The round trips of the issue: create a presentation, add a slide and text through a batch
//! update, read it back; render a page to a PNG.

use super::*;

#[tokio::test]
async fn create_add_a_slide_with_text_and_read_it_back() {
    let env = Env::new().await;
    let created = env.ok("create_presentation", json!({"title": "Atlas retro"})).await;
    let id = id_after(&created, "Id: ");
    assert_eq!(env.last("slides.presentations.create").body.clone().unwrap(), json!({"title": "Atlas retro"}));
    let default = env.ok("create_presentation", json!({})).await;
    assert!(default.contains("\"Untitled Presentation\""), "{default}");

    let reply = env
        .ok("batch_update_presentation", json!({"presentation_id": id, "requests": [
            {"createSlide": {"objectId": "retro_slide_2", "slideLayoutReference": {"predefinedLayout": "TITLE_AND_BODY"},
                "placeholderIdMappings": [
                    {"layoutPlaceholder": {"type": "TITLE"}, "objectId": "retro_title"},
                    {"layoutPlaceholder": {"type": "BODY"}, "objectId": "retro_body"}]}},
            {"insertText": {"objectId": "retro_title", "text": "What went well"}},
            {"insertText": {"objectId": "retro_body", "text": "Sync engine shipped\nPilot signed"}},
            {"createTable": {"objectId": "retro_table", "rows": 2, "columns": 2,
                "elementProperties": {"pageObjectId": "retro_slide_2"}}},
            {"insertText": {"objectId": "retro_table", "cellLocation": {"rowIndex": 1, "columnIndex": 0}, "text": "Owner"}},
            {"updateTextStyle": {"objectId": "retro_title", "style": {"bold": true}, "fields": "bold",
                "textRange": {"type": "ALL"}}}]}))
        .await;
    assert!(
        reply.contains("Applied 6 request(s)") && reply.contains("createSlide -> object id retro_slide_2"),
        "{reply}"
    );

    let page = env
        .ok("get_page", json!({"presentation_id": id, "page_object_id": "retro_slide_2", "include_styles": true}))
        .await;
    assert!(page.contains("- shape retro_title (TEXT_BOX, placeholder TITLE): \"What went well\""), "{page}");
    assert!(page.contains("\"Sync engine shipped\\nPilot signed\""), "{page}");
    assert!(page.contains("row 1: | Owner |  |"), "{page}");
    assert!(page.contains("style \"What went well\": bold"), "{page}");
    let deck = env.ok("get_presentation", json!({"presentation_id": id})).await;
    assert!(deck.contains("Slides: 2") && deck.contains("layout TITLE_AND_BODY"), "{deck}");
    env.done();
}

#[tokio::test]
async fn render_a_page_to_a_png() {
    let env = Env::new().await;
    let out = env
        .h
        .ok("render_page_to_image", json!({"presentation_id": ids::KICKOFF_DECK, "page_object_id": ids::TITLE_SLIDE}))
        .await;
    assert_eq!(out.images.len(), 1, "{}", out.text);
    let png = &out.images[0].data;
    assert_eq!(out.images[0].mime_type, "image/png");
    assert_eq!(wsmcp_sandbox_kit::assets::png_size(png), Some((800, 450)));
    assert!(
        out.text.contains("800 x 450 px") && out.text.contains("lh7-rt.googleusercontent.com/slidesz/thumb/"),
        "{}",
        out.text
    );
    let req = env.last("slides.presentations.pages.getThumbnail");
    assert_eq!(req.query_param("thumbnailProperties.thumbnailSize"), Some("MEDIUM"));
    let small = env
        .h
        .ok(
            "render_page_to_image",
            json!({"presentation_id": ids::KICKOFF_DECK, "page_object_id": ids::TITLE_SLIDE,
            "size": "SMALL"}),
        )
        .await;
    assert_eq!(wsmcp_sandbox_kit::assets::png_size(&small.images[0].data), Some((200, 113)));
    let e = env
        .err("render_page_to_image", json!({"presentation_id": ids::KICKOFF_DECK, "page_object_id": "nope_page"}))
        .await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    env.refused(
        "render_page_to_image",
        &[json!({"presentation_id": ids::KICKOFF_DECK, "page_object_id": "s1",
        "size": "HUGE"})],
    )
    .await;
    env.done();
}
