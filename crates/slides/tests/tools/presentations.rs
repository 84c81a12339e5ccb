//! create_presentation, get_presentation, batch_update_presentation, get_page.

use super::*;

#[tokio::test]
async fn get_the_seeded_deck_with_notes_geometry_and_raw() {
    let env = Env::new().await;
    let text = env.ok("get_presentation", json!({"presentation_id": ids::KICKOFF_DECK})).await;
    assert!(text.contains("Presentation \"Atlas kickoff deck\""), "{text}");
    assert!(text.contains("Slides: 4"), "{text}");
    assert!(text.contains("- shape atlas_kickoff_s3_title (TEXT_BOX, placeholder TITLE): \"Timeline\""), "{text}");
    assert!(
        text.contains("\"July: sync engine v2\\nAugust: dashboard redesign\\nSeptember: offline mode beta\""),
        "{text}"
    );
    assert!(text.contains("- image atlas_kickoff_logo"), "{text}");
    assert!(!text.contains("Speaker notes"));
    let notes = env
        .ok(
            "get_presentation",
            json!({"presentation_id": ids::KICKOFF_DECK, "include_speaker_notes": true,
            "include_geometry": true}),
        )
        .await;
    assert!(notes.contains("Speaker notes (shape atlas_kickoff_s3_notes_body): Dates are targets"), "{notes}");
    assert!(notes.contains("translate=(311700, 445025) EMU, size=8520600 x 572700 EMU"), "{notes}");
    let raw = env.ok("get_presentation", json!({"presentation_id": ids::KICKOFF_DECK, "raw": true})).await;
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["slides"].as_array().unwrap().len(), 4);
    assert_eq!(env.requests("slides.presentations.get").len(), 3);
    let e = env.err("get_presentation", json!({"presentation_id": "nope-deck"})).await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    env.refused("get_presentation", &[json!({"presentation_id": "  "})]).await;
    env.done();
}

#[tokio::test]
async fn get_page_and_its_errors() {
    let env = Env::new().await;
    let text = env
        .ok("get_page", json!({"presentation_id": ids::KICKOFF_DECK, "page_object_id": ids::NEXT_STEPS_SLIDE}))
        .await;
    assert!(text.starts_with("Page atlas_kickoff_s4 (SLIDE)"), "{text}");
    assert!(text.contains("Pilot with Northwind in September"), "{text}");
    assert!(text.contains("Speaker notes (shape atlas_kickoff_s4_notes_body): Ask for volunteers"), "{text}");
    let req = env.last("slides.presentations.pages.get");
    assert_eq!(req.path, format!("/v1/presentations/{}/pages/{}", ids::KICKOFF_DECK, ids::NEXT_STEPS_SLIDE));
    let e = env.err("get_page", json!({"presentation_id": ids::KICKOFF_DECK, "page_object_id": "missing_page"})).await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    env.refused("get_page", &[json!({"presentation_id": ids::KICKOFF_DECK, "page_object_id": ""})]).await;
    env.done();
}

#[tokio::test]
async fn batch_update_is_checked_and_atomic() {
    let env = Env::new().await;
    env.refused(
        "batch_update_presentation",
        &[
            json!({"presentation_id": ids::KICKOFF_DECK, "requests": []}),
            json!({"presentation_id": ids::KICKOFF_DECK, "requests": [{}]}),
            json!({"presentation_id": ids::KICKOFF_DECK, "requests": [{"insertText": {}, "deleteText": {}}]}),
        ],
    )
    .await;
    // The second request names an unknown object: nothing of the first lands.
    let e = env
        .err(
            "batch_update_presentation",
            json!({"presentation_id": ids::KICKOFF_DECK, "requests": [
                {"replaceAllText": {"containsText": {"text": "Atlas"}, "replaceText": "Orion"}},
                {"insertText": {"objectId": "ghost_shape", "text": "x"}}]}),
        )
        .await;
    assert_eq!(google_status(&e), Some(400));
    assert!(
        e.to_string().contains("Invalid requests[1].insertText: The object (ghost_shape) could not be found."),
        "{e}"
    );
    let after = env.ok("get_presentation", json!({"presentation_id": ids::KICKOFF_DECK})).await;
    assert!(after.contains("\"Atlas kickoff\"") && !after.contains("Orion"), "{after}");
    // A duplicate object id and an out-of-range index, each with Google's reason.
    let dup = env
        .err(
            "batch_update_presentation",
            json!({"presentation_id": ids::KICKOFF_DECK,
            "requests": [{"createSlide": {"objectId": ids::WHY_SLIDE}}]}),
        )
        .await;
    assert!(dup.to_string().contains("should be unique among all pages and page elements"), "{dup}");
    let range = env
        .err(
            "batch_update_presentation",
            json!({"presentation_id": ids::KICKOFF_DECK,
            "requests": [{"insertText": {"objectId": "atlas_kickoff_s2_title", "text": "!", "insertionIndex": 99}}]}),
        )
        .await;
    assert!(range.to_string().contains("insertion index must be inside the bounds"), "{range}");
    let ok = env
        .ok(
            "batch_update_presentation",
            json!({"presentation_id": ids::KICKOFF_DECK, "requests": [
            {"replaceAllText": {"containsText": {"text": "atlas", "matchCase": false}, "replaceText": "Atlas 2"}}]}),
        )
        .await;
    assert!(ok.contains("replaceAllText -> 2 occurrence(s) changed"), "{ok}");
    let req = env.last("slides.presentations.batchUpdate");
    assert_eq!(req.body.clone().unwrap()["requests"][0]["replaceAllText"]["replaceText"], "Atlas 2");
    env.done();
}
