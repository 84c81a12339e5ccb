//! modify_doc_text and update_paragraph_style: one batchUpdate per call, the tab named in the
//! answer, the styles read back as Docs serves them.

use super::*;

/// A new document holding `text`; its id.
async fn doc_with(env: &Env, text: &str) -> String {
    let out = env.ok("create_doc", json!({"title": "Styling", "content": text})).await;
    id_after(&out, "(document_id: ")
}

/// The first tab's body content as Docs serves it.
async fn body(env: &Env, id: &str) -> Vec<Value> {
    let doc = env.g().get(wsmcp_docs::api::API, format!("/v1/documents/{id}")).query("includeTabsContent", true);
    let doc: Value = doc.send().await.unwrap();
    doc["tabs"][0]["documentTab"]["body"]["content"].as_array().unwrap().clone()
}

fn runs(el: &Value) -> Vec<(String, Value)> {
    el["paragraph"]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["textRun"]["content"].as_str().unwrap().to_string(), e["textRun"]["textStyle"].clone()))
        .collect()
}

#[tokio::test]
async fn modify_inserts_replaces_and_formats_in_one_update() {
    let env = Env::new().await;
    let id = doc_with(&env, "Plan for launch\nNotes").await;
    let updates = env.requests("docs.documents.batchUpdate").len();
    // "Plan for launch\n" is 1..17: replace "launch" (10..16) with "liftoff", bold, in one update.
    let out = env
        .ok(
            "modify_doc_text",
            json!({"document_id": id, "start_index": 10, "end_index": 16, "text": "liftoff", "bold": true, "text_color": "#CC0000"}),
        )
        .await;
    assert!(out.contains("tab \"Tab 1\" (tab_id: t.0; no tab_id was given, so the first tab)"), "{out}");
    assert!(out.contains("replaced [10, 16) with 7 characters at index 10"), "{out}");
    assert!(out.contains("formatted [10, 17): bold, text_color #CC0000"), "{out}");
    assert_eq!(env.requests("docs.documents.batchUpdate").len(), updates + 1, "one update per call");
    let sent = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    let kinds: Vec<&str> = sent["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_object().unwrap().keys().next().unwrap().as_str())
        .collect();
    assert_eq!(kinds, ["deleteContentRange", "insertText", "updateTextStyle"]);
    assert_eq!(sent["requests"][2]["updateTextStyle"]["fields"], "bold,foregroundColor");
    assert_eq!(sent["requests"][0]["deleteContentRange"]["range"]["tabId"], "t.0");
    let content = body(&env, &id).await;
    let r = runs(&content[1]);
    assert_eq!(r[0], ("Plan for ".into(), json!({})));
    assert_eq!(r[1].0, "liftoff");
    assert_eq!(r[1].1["bold"], true);
    assert_eq!(r[1].1["foregroundColor"]["color"]["rgbColor"]["red"], 0.8);
    assert!(r[1].1["foregroundColor"]["color"]["rgbColor"].get("green").is_none(), "proto3 drops zeros");
    // Append with italics, no index arithmetic; then format a range without text.
    let out = env
        .ok(
            "modify_doc_text",
            json!({"document_id": id, "end_of_segment": true, "text": " (draft)", "italic": true, "tab_id": "t.0"}),
        )
        .await;
    assert!(out.contains("appended 8 characters at the end (index 23)") && !out.contains("no tab_id"), "{out}");
    assert!(
        env.last("docs.documents.batchUpdate").body.clone().unwrap()["requests"][0]["insertText"]
            .get("endOfSegmentLocation")
            .is_some()
    );
    env.ok("modify_doc_text", json!({"document_id": id, "start_index": 0, "end_index": 5, "font_size": 18, "font_family": "Roboto", "font_weight": 700, "link_url": "https://example.com/plan"})).await;
    let content = body(&env, &id).await;
    let first = runs(&content[1]);
    assert_eq!(first[0].0, "Plan");
    assert_eq!(first[0].1["weightedFontFamily"], json!({"fontFamily": "Roboto", "weight": 700}));
    assert_eq!(first[0].1["link"]["url"], "https://example.com/plan");
    assert_eq!(first[0].1["underline"], true, "a link is underlined as in the editor");
    assert_eq!(
        runs(&content[2]),
        [("Notes".into(), json!({})), (" (draft)".into(), json!({"italic": true})), ("\n".into(), json!({}))]
    );
    env.done();
}

#[tokio::test]
async fn modify_refuses_bad_input_and_reports_googles_errors() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    env.refused(
        "modify_doc_text",
        &[
            json!({"document_id": doc, "start_index": 1}),
            json!({"document_id": doc, "start_index": 1, "text": "x", "font_weight": 700}),
            json!({"document_id": doc, "start_index": 1, "text": "x", "text_color": "red"}),
            json!({"document_id": doc, "start_index": 1, "text": "x", "link_url": "https://e.example", "clear_link": true}),
            json!({"document_id": doc, "heading": "Goals", "start_index": 3, "bold": true}),
        ],
    )
    .await;
    let e = env.err("modify_doc_text", json!({"document_id": doc, "text": "x"})).await;
    assert!(e.to_string().contains("start_index is required"), "{e}");
    let e =
        env.err("modify_doc_text", json!({"document_id": doc, "start_index": 5, "end_index": 5, "bold": true})).await;
    assert!(e.to_string().contains("greater than start_index"), "{e}");
    let e = env
        .err("modify_doc_text", json!({"document_id": doc, "start_index": 1, "text": "x", "tab_id": "t.nope"}))
        .await;
    assert!(e.to_string().contains("Its tabs:"), "{e}");
    // A reader cannot edit; an index past the end is Google's 400.
    let e =
        env.err("modify_doc_text", json!({"document_id": ids::TRAVEL_POLICY_DOC, "start_index": 1, "text": "x"})).await;
    assert!(is_google(&e, 403), "{e}");
    let e = env.err("modify_doc_text", json!({"document_id": doc, "start_index": 100000, "text": "x"})).await;
    assert!(is_google(&e, 400) && e.to_string().contains("must be less than the end index"), "{e}");
    let e = env
        .err(
            "modify_doc_text",
            json!({"document_id": doc, "heading": "No such heading", "text": "x", "tab_id": PLAN_TAB}),
        )
        .await;
    assert!(e.to_string().contains("No heading \"No such heading\""), "{e}");
    let e = env.err("modify_doc_text", json!({"document_id": doc, "heading": "Goals", "text": "x"})).await;
    assert!(e.to_string().contains("several tabs"), "{e}");
    env.done();
}

#[tokio::test]
async fn heading_mode_rewrites_and_extends_a_section() {
    let env = Env::new().await;
    let id = doc_with(&env, "Intro\nGoals\nold goal\nmore old\nRisks\nold risk").await;
    // "Intro\n" 1..7, "Goals\n" 7..13, "old goal\n" 13..22, "more old\n" 22..31, "Risks\n" 31..37.
    env.ok("update_paragraph_style", json!({"document_id": id, "start_index": 7, "end_index": 8, "heading_level": 2}))
        .await;
    env.ok(
        "update_paragraph_style",
        json!({"document_id": id, "start_index": 31, "end_index": 32, "heading_level": 2}),
    )
    .await;
    let out = env
        .ok(
            "modify_doc_text",
            json!({"document_id": id, "heading": "goals", "text": "Ship 🚀 offline\nHire two", "bold": true}),
        )
        .await;
    assert!(out.contains("removed the section under \"Goals\" ([13, 31))"), "{out}");
    let text = env.ok("get_doc_content", json!({"document_id": id, "preserve_context": true})).await;
    assert!(text.contains("[Heading 2] Goals\nShip 🚀 offline\nHire two\n[Heading 2] Risks\nold risk\n"), "{text}");
    // Append to the last section, then format its whole body.
    env.ok(
        "modify_doc_text",
        json!({"document_id": id, "heading": "Risks", "text": "new risk", "end_of_segment": true}),
    )
    .await;
    env.ok("modify_doc_text", json!({"document_id": id, "heading": "Risks", "italic": true})).await;
    let text = env.ok("get_doc_content", json!({"document_id": id, "preserve_context": true})).await;
    assert!(text.ends_with("[Heading 2] Risks\nold risk\nnew risk\n"), "{text}");
    let content = body(&env, &id).await;
    let last = content.last().unwrap();
    assert_eq!(last["paragraph"]["paragraphStyle"]["namedStyleType"], "NORMAL_TEXT");
    assert_eq!(runs(last)[0], ("new risk".into(), json!({"italic": true})));
    env.done();
}

#[tokio::test]
async fn paragraph_styles_borders_and_nested_lists() {
    let env = Env::new().await;
    let id = doc_with(&env, "Title line\nFirst item\nSecond item\nThird item").await;
    // "Title line\n" 1..12, "First item\n" 12..23, "Second item\n" 23..35, "Third item\n" 35..46.
    let out = env
        .ok(
            "update_paragraph_style",
            json!({"document_id": id, "start_index": 0, "end_index": 5, "named_style_type": "TITLE", "alignment": "center",
                   "line_spacing": 1.5, "space_below": 12, "border_edges": ["bottom"], "border_color": "#1A73E8"}),
        )
        .await;
    assert!(out.contains("styled the paragraphs of [1, 5): TITLE, alignment CENTER"), "{out}");
    let sent = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(
        sent["requests"][0]["updateParagraphStyle"]["fields"],
        "namedStyleType,alignment,lineSpacing,spaceBelow,borderBottom"
    );
    let out = env
        .ok("update_paragraph_style", json!({"document_id": id, "start_index": 12, "end_index": 36, "list_type": "ORDERED", "list_nesting_level": 1}))
        .await;
    assert!(out.contains("NUMBERED_DECIMAL_ALPHA_ROMAN list at nesting level 1"), "{out}");
    let sent = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    // One tab per paragraph first (last first), then the list over the range grown by them.
    let at: Vec<u64> = sent["requests"].as_array().unwrap()[..3]
        .iter()
        .map(|r| r["insertText"]["location"]["index"].as_u64().unwrap())
        .collect();
    assert_eq!(at, [35, 23, 12]);
    assert_eq!(sent["requests"][3]["createParagraphBullets"]["range"]["endIndex"], 39);
    let doc: Value = env
        .g()
        .get(wsmcp_docs::api::API, format!("/v1/documents/{id}"))
        .query("includeTabsContent", true)
        .send()
        .await
        .unwrap();
    let tab = &doc["tabs"][0]["documentTab"];
    let content = tab["body"]["content"].as_array().unwrap();
    let title = &content[1]["paragraph"]["paragraphStyle"];
    assert_eq!(
        (title["namedStyleType"].as_str(), title["alignment"].as_str(), title["lineSpacing"].as_f64()),
        (Some("TITLE"), Some("CENTER"), Some(150.0))
    );
    assert_eq!(title["borderBottom"]["dashStyle"], "SOLID");
    let list = content[2]["paragraph"]["bullet"]["listId"].as_str().unwrap();
    assert_eq!(content[2]["paragraph"]["bullet"]["nestingLevel"], 1);
    assert_eq!(runs(&content[2])[0].0, "First item\n", "Docs removed the leading tab");
    assert_eq!(content[4]["paragraph"]["bullet"]["listId"], list, "every touched paragraph, one list");
    assert_eq!(tab["lists"][list]["listProperties"]["nestingLevels"][1]["glyphType"], "ALPHA");
    assert_eq!(tab["lists"][list]["listProperties"]["nestingLevels"][0]["glyphType"], "DECIMAL");
    // NONE takes them out of the list again.
    env.ok(
        "update_paragraph_style",
        json!({"document_id": id, "start_index": 12, "end_index": 20, "list_type": "NONE"}),
    )
    .await;
    assert!(body(&env, &id).await[2]["paragraph"].get("bullet").is_none());
    env.done();
}

#[tokio::test]
async fn paragraph_style_errors() {
    let env = Env::new().await;
    let doc = ids::ATLAS_PLAN_DOC;
    let args = |extra: Value| {
        let mut a = json!({"document_id": doc, "start_index": 1, "end_index": 5});
        a.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        a
    };
    env.refused(
        "update_paragraph_style",
        &[
            args(json!({})),
            args(json!({"heading_level": 9})),
            args(json!({"heading_level": 1, "named_style_type": "TITLE"})),
            args(json!({"alignment": "LEFT"})),
            args(json!({"list_nesting_level": 2})),
            args(json!({"list_type": "STARS"})),
            args(json!({"list_type": "NONE", "bullet_preset": "BULLET_STAR_CIRCLE_SQUARE"})),
            args(json!({"border_edges": []})),
            json!({"document_id": doc, "start_index": 5, "end_index": 5, "heading_level": 1}),
        ],
    )
    .await;
    let e = env
        .err(
            "update_paragraph_style",
            json!({"document_id": doc, "start_index": 1, "end_index": 99999, "heading_level": 1}),
        )
        .await;
    assert!(is_google(&e, 400), "{e}");
    env.done();
}
