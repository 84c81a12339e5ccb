//! The 7 Slides tools through the real binary over stdio, against the seeded "Atlas kickoff
//! deck": the round trip of a new presentation with a slide and text added by a batch update
//! and read back, a page rendered to a PNG returned as image content, comments through
//! Drive, and an error path per tool; it checks the requests the sandbox saw.

use base64::Engine as _;
use serde_json::json;
use wsmcp_slides::sandbox::seed::ids;

use crate::harness::{assert_valid, call, command, err, ok, requests_for, sandbox, stdio_client};

fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', ',']).next().unwrap().to_string()
}

#[tokio::test]
async fn every_slides_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    // The round trip: create, add a slide with text, read it back.
    let created = ok(&client, "create_presentation", json!({"title": "Atlas retro"})).await;
    let deck = id_after(&created, "Id: ");
    let reply = ok(
        &client,
        "batch_update_presentation",
        json!({"presentation_id": deck, "requests": [
        {"createSlide": {"objectId": "retro_slide_2", "slideLayoutReference": {"predefinedLayout": "TITLE_AND_BODY"},
            "placeholderIdMappings": [{"layoutPlaceholder": {"type": "TITLE"}, "objectId": "retro_title"}]}},
        {"insertText": {"objectId": "retro_title", "text": "What went well"}}]}),
    )
    .await;
    assert!(reply.contains("createSlide -> object id retro_slide_2"), "{reply}");
    let sent = requests_for(&sb, "slides.presentations.batchUpdate").pop().unwrap();
    assert_eq!(sent.path, format!("/v1/presentations/{deck}:batchUpdate"));
    let back = ok(&client, "get_presentation", json!({"presentation_id": deck})).await;
    assert!(back.contains("Slides: 2") && back.contains("placeholder TITLE): \"What went well\""), "{back}");
    let page = ok(
        &client,
        "get_page",
        json!({"presentation_id": deck, "page_object_id": "retro_slide_2",
        "include_geometry": true}),
    )
    .await;
    assert!(page.contains("What went well") && page.contains("translate="), "{page}");

    // A page rendered to a PNG, as image content with its link.
    let r = call(
        &client,
        "render_page_to_image",
        json!({"presentation_id": ids::KICKOFF_DECK,
        "page_object_id": ids::TIMELINE_SLIDE}),
    )
    .await;
    assert_ne!(r.is_error, Some(true));
    let image = r.content.iter().find_map(|c| c.as_image()).expect("an image block");
    assert_eq!(image.mime_type, "image/png");
    let png = base64::engine::general_purpose::STANDARD.decode(&image.data).unwrap();
    assert_eq!(wsmcp_sandbox_kit::assets::png_size(&png), Some((800, 450)));
    let thumb = requests_for(&sb, "slides.presentations.pages.getThumbnail").pop().unwrap();
    assert_eq!(thumb.query_param("thumbnailProperties.thumbnailSize"), Some("MEDIUM"));

    // Comments on the seeded deck, through Drive.
    let listed = ok(&client, "list_presentation_comments", json!({"presentation_id": ids::KICKOFF_DECK})).await;
    assert!(listed.starts_with("2 comment(s)") && listed.contains("Priya Shah"), "{listed}");
    let made = ok(
        &client,
        "manage_presentation_comment",
        json!({"presentation_id": ids::KICKOFF_DECK,
        "action": "create", "comment_content": "Looks good"}),
    )
    .await;
    let comment = id_after(&made, "Comment ");
    ok(
        &client,
        "manage_presentation_comment",
        json!({"presentation_id": ids::KICKOFF_DECK, "action": "resolve",
        "comment_id": comment}),
    )
    .await;
    assert_eq!(requests_for(&sb, "drive.replies.create")[0].body.clone().unwrap(), json!({"action": "resolve"}));

    // An error path per tool.
    let e = err(&client, "get_presentation", json!({"presentation_id": "1NoSuchDeck"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "get_page", json!({"presentation_id": deck, "page_object_id": "nope_page"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(
        &client,
        "batch_update_presentation",
        json!({"presentation_id": deck,
        "requests": [{"insertText": {"objectId": "ghost_shape", "text": "x"}}]}),
    )
    .await;
    assert!(e.contains("The object (ghost_shape) could not be found."), "{e}");
    let e = err(&client, "render_page_to_image", json!({"presentation_id": deck, "page_object_id": "nope_page"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "list_presentation_comments", json!({"presentation_id": "1NoSuchDeck"})).await;
    assert!(e.contains("404"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "create_presentation", json!({"title": "  "})).await;
    assert!(e.contains("title"), "{e}");
    let e = err(&client, "manage_presentation_comment", json!({"presentation_id": deck, "action": "reply"})).await;
    assert!(e.contains("comment_id"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
