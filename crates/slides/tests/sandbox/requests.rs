//! batchUpdate: each emulated request, Google's refusals, atomicity and writeControl.

use super::*;

#[tokio::test]
async fn shapes_tables_images_transforms_duplicates_and_deletes() {
    let s = start().await;
    let slide = ids::WHY_SLIDE;
    let (status, r) = batch(&s, json!([
        {"createShape": {"objectId": "why_box_1", "shapeType": "RECTANGLE", "elementProperties": {"pageObjectId": slide,
            "size": {"width": {"magnitude": 100, "unit": "PT"}, "height": {"magnitude": 50, "unit": "PT"}},
            "transform": {"scaleX": 1, "scaleY": 1, "translateX": 10, "translateY": 20, "unit": "PT"}}}},
        {"insertText": {"objectId": "why_box_1", "text": "Hours lost"}},
        {"deleteText": {"objectId": "why_box_1", "textRange": {"type": "FIXED_RANGE", "startIndex": 0, "endIndex": 6}}},
        {"createTable": {"objectId": "why_table", "rows": 1, "columns": 3, "elementProperties": {"pageObjectId": slide}}},
        {"insertTableRows": {"tableObjectId": "why_table", "cellLocation": {"rowIndex": 0}, "insertBelow": true, "number": 2}},
        {"createImage": {"url": "https://example.com/chart.png", "elementProperties": {"pageObjectId": slide}}},
        {"updatePageElementTransform": {"objectId": "why_box_1", "applyMode": "RELATIVE",
            "transform": {"scaleX": 1, "scaleY": 1, "translateX": 12700, "translateY": 0, "unit": "EMU"}}},
        {"duplicateObject": {"objectId": "why_box_1", "objectIds": {"why_box_1": "why_box_2"}}},
        {"deleteObject": {"objectId": "atlas_kickoff_s2_body"}}
    ])).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["replies"][0], json!({"createShape": {"objectId": "why_box_1"}}));
    assert_eq!(r["replies"][7], json!({"duplicateObject": {"objectId": "why_box_2"}}));
    let image_id = r["replies"][5]["createImage"]["objectId"].as_str().unwrap().to_string();
    let (_, page) = s.get(&format!("{}/pages/{slide}", deck())).await;
    let els = page["pageElements"].as_array().unwrap();
    let by_id = |id: &str| els.iter().find(|e| e["objectId"] == id).cloned().unwrap_or(Value::Null);
    let box1 = by_id("why_box_1");
    assert_eq!(box1["shape"]["text"]["textElements"][1]["textRun"]["content"], "lost\n");
    assert_eq!(box1["transform"]["translateX"], 10.0 * 12_700.0 + 12_700.0);
    assert_eq!(box1["size"]["width"]["magnitude"], 100.0 * 12_700.0);
    assert_eq!(by_id("why_table")["table"]["rows"], 3);
    assert_eq!(by_id(&image_id)["image"]["sourceUrl"], "https://example.com/chart.png");
    assert!(by_id("why_box_2").is_object());
    assert!(by_id("atlas_kickoff_s2_body").is_null());
    s.assert_valid();
}

#[tokio::test]
async fn refusals_are_atomic_and_worded_as_google_words_them() {
    let s = start().await;
    let (_, before) = s.get(&deck()).await;
    let cases = [
        (json!({"insertText": {"objectId": "ghost_1", "text": "x"}}), "The object (ghost_1) could not be found."),
        (json!({"createSlide": {"objectId": ids::TITLE_SLIDE}}), "should be unique among all pages and page elements"),
        (json!({"createSlide": {"objectId": "abc"}}), "should be 5 to 50 characters long"),
        (
            json!({"insertText": {"objectId": "atlas_kickoff_s1_title", "text": "x", "insertionIndex": 500}}),
            "insertion index must be inside the bounds",
        ),
        (
            json!({"deleteText": {"objectId": "atlas_kickoff_s1_title",
            "textRange": {"type": "FIXED_RANGE", "startIndex": 0, "endIndex": 500}}}),
            "should not be greater than",
        ),
        (
            json!({"createShape": {"shapeType": "RECTANGLE", "elementProperties": {"pageObjectId": "no_such_slide"}}}),
            "The object (no_such_slide) could not be found.",
        ),
    ];
    for (request, reason) in cases {
        let (status, e) =
            batch(&s, json!([{"replaceAllText": {"containsText": {"text": "Atlas"}, "replaceText": "X"}}, request]))
                .await;
        assert_eq!(status, 400, "{e}");
        let message = e["error"]["message"].as_str().unwrap();
        assert!(message.starts_with("Invalid requests[1].") && message.contains(reason), "{message}");
    }
    let (_, after) = s.get(&deck()).await;
    assert_eq!(before, after, "a failed batch changed nothing");
    s.assert_valid();
}

#[tokio::test]
async fn write_control_and_create() {
    let s = start().await;
    let (_, p) = s.get(&deck()).await;
    let rev = p["revisionId"].as_str().unwrap().to_string();
    let edit = json!([{"insertText": {"objectId": "atlas_kickoff_s4_notes_body", "text": "Remind Lena. ", "insertionIndex": 0}}]);
    let body = json!({"requests": edit, "writeControl": {"requiredRevisionId": rev}});
    let (status, r) = s.post(&format!("{}:batchUpdate", deck()), body.clone()).await;
    assert_eq!(status, 200, "{r}");
    assert_ne!(r["writeControl"]["requiredRevisionId"], rev.as_str());
    let (status, _) = s.post(&format!("{}:batchUpdate", deck()), body).await;
    assert_eq!(status, 400, "a stale revision is refused");
    let (_, notes) = s.get(&format!("{}/pages/atlas_kickoff_s4_notes", deck())).await;
    assert_eq!(notes["pageType"], "NOTES");
    let text = notes["pageElements"][0]["shape"]["text"]["textElements"][1]["textRun"]["content"].as_str().unwrap();
    assert!(text.starts_with("Remind Lena. Ask for volunteers"), "{text}");

    let (status, created) = s.post("", json!({"title": "Fresh deck"})).await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["slides"].as_array().unwrap().len(), 1);
    assert_eq!(created["slides"][0]["pageElements"][0]["shape"]["placeholder"]["type"], "CENTERED_TITLE");
    let id = created["presentationId"].as_str().unwrap();
    let (status, _) = s.get(&format!("/{id}")).await;
    assert_eq!(status, 200);
    s.assert_valid();
}
