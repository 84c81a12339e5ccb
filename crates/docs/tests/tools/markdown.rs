//! get_doc_as_markdown.

use wsmcp_core::google::ApiInfo;

use super::*;

/// A comment on `file` quoting `quote`, as the Docs editor makes one (through Drive).
async fn comment_on(env: &Env, file: &str, quote: &str, text: &str) -> String {
    let body = json!({"content": text, "quotedFileContent": {"mimeType": "text/html", "value": quote}});
    let made: Value = env
        .g()
        .post(&ApiInfo::DRIVE, format!("/drive/v3/files/{file}/comments"))
        .query("fields", "id")
        .json(&body)
        .send()
        .await
        .unwrap();
    made["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn every_tab_with_comments_next_to_what_they_quote() {
    let env = Env::new().await;
    let mine = comment_on(&env, ids::ATLAS_PLAN_DOC, "Offline mode beta in September.", "Which customers?").await;
    let out = env.ok("get_doc_as_markdown", json!({"document_id": ids::ATLAS_PLAN_DOC})).await;
    let get = env.last("docs.documents.get");
    assert_eq!(get.query_param("includeTabsContent"), Some("true"));
    assert_eq!(get.query_param("suggestionsViewMode"), Some("DEFAULT_FOR_CURRENT_ACCESS"));
    let list = env.last("drive.comments.list");
    assert!(list.query_param("fields").unwrap().contains("quotedFileContent(value)"));
    assert!(
        out.starts_with(&format!(
            "<!-- tab: \"Plan\" (tab_id: {PLAN_TAB}) -->\n\n# Atlas Q3 plan\n\nOwner: Alex Rivera."
        )),
        "{out}"
    );
    assert!(out.contains("\n\n# Goals\n\n- Sync engine v2 ships in July.\n"), "{out}");
    // The thread follows the list holding its quote, its reference on the item itself.
    assert!(out.contains("- Offline mode beta in September.[^c1]\n\n[^c1]: **Alex Rivera (you)** ("), "{out}");
    assert!(
        out.contains(&format!(
            "comment {mine}) on \"Offline mode beta in September.\": Which customers?\n\n# Milestones"
        )),
        "{out}"
    );
    assert!(out.contains("[Atlas budget](https://docs.google.com/spreadsheets/d/"), "{out}");
    assert!(out.contains(&format!("<!-- tab: \"Risks\" (tab_id: {RISKS_TAB}) -->\n\n# 🚧 Risk register\n")), "{out}");
    assert!(
        out.contains("| Risk | Owner | Mitigation |\n| --- | --- | --- |\n| Offline mode slips | Alex Rivera | Keep the conflict UI minimal |\n"),
        "{out}"
    );
    // The seeded thread quotes text the plan no longer holds: it goes last; the resolved one is left out.
    let (body, rest) = out.split_once("## Other comments\n").unwrap();
    assert!(rest.contains("comment AAABatlasPlanMilestones)\n> August: dashboard redesign\n"), "{rest}");
    assert!(!out.contains("AAABatlasPlanRisks") && body.ends_with("Next review: Thursday sync.\n\n"), "{out}");

    // Appendix: every thread at the end with its quote, resolved ones too when asked.
    let args = json!({"document_id": ids::ATLAS_PLAN_DOC, "comment_mode": "appendix", "include_resolved": true});
    let out = env.ok("get_doc_as_markdown", args).await;
    assert!(!out.contains("[^c1]"), "{out}");
    let (_, comments) = out.split_once("\n## Comments\n").unwrap();
    assert!(
        comments.contains("comment AAABatlasPlanRisks, resolved)\n\nThe offline mode risk needs an owner."),
        "{comments}"
    );
    assert!(
        comments.contains(&format!("comment {mine})\n> Offline mode beta in September.\n\nWhich customers?")),
        "{comments}"
    );

    // No comments asked for: Drive is not called.
    let before = env.requests("drive.comments.list").len();
    let out = env.ok("get_doc_as_markdown", json!({"document_id": ids::ATLAS_PLAN_DOC, "comment_mode": "none"})).await;
    let out2 =
        env.ok("get_doc_as_markdown", json!({"document_id": ids::ATLAS_PLAN_DOC, "include_comments": false})).await;
    assert_eq!(env.requests("drive.comments.list").len(), before);
    assert!(!out.contains("comment") && out == out2, "{out}");
    env.done();
}

#[tokio::test]
async fn one_tab_alone_with_comments_at_the_end() {
    let env = Env::new().await;
    comment_on(&env, ids::ATLAS_PLAN_DOC, "Share rooms", "Cheaper hotel?").await;
    let url = format!("https://docs.google.com/document/d/{}/edit?tab={RISKS_TAB}", ids::ATLAS_PLAN_DOC);
    let args = json!({"document_id": url, "suggestions_view_mode": "PREVIEW_WITHOUT_SUGGESTIONS"});
    let out = env.ok("get_doc_as_markdown", args).await;
    assert_eq!(env.last("docs.documents.get").query_param("suggestionsViewMode"), Some("PREVIEW_WITHOUT_SUGGESTIONS"));
    // No tab marker, no other tab, no child tabs; the tab alone cannot place a quote.
    assert!(
        out.starts_with("# 🚧 Risk register\n\nReviewed weekly by Priya Shah and Alex Rivera.\n\n- Conflict"),
        "{out}"
    );
    assert!(!out.contains("Atlas Q3 plan") && !out.contains("[^c1]"), "{out}");
    assert!(out.contains("| Share rooms |\n\nNext review: Thursday sync.\n\n## Comments\n"), "{out}");
    assert!(out.contains("> Share rooms\n\nCheaper hotel?"), "{out}");
    // "" reads every tab despite the URL.
    let all = env.ok("get_doc_as_markdown", json!({"document_id": url, "tab_id": "", "include_comments": false})).await;
    assert!(all.contains("# Atlas Q3 plan") && all.contains("# 🚧 Risk register"), "{all}");
    env.done();
}

#[tokio::test]
async fn markdown_errors() {
    let env = Env::new().await;
    env.refused(
        "get_doc_as_markdown",
        &[
            json!({"document_id": " "}),
            json!({"document_id": "https://example.com/a?b"}),
            json!({"document_id": ids::ATLAS_PLAN_DOC, "comment_mode": "sideways"}),
        ],
    )
    .await;
    let e = env.err("get_doc_as_markdown", json!({"document_id": ids::ATLAS_PLAN_DOC, "tab_id": "t.nope"})).await;
    assert!(
        matches!(&e, ToolError::InvalidInput(m) if m.contains("has no tab 't.nope'") && m.contains(RISKS_TAB)),
        "{e}"
    );
    let e = env.err("get_doc_as_markdown", json!({"document_id": "1NoSuchDoc"})).await;
    assert!(is_google(&e, 404), "{e}");
    // Comments that cannot be read do not cost the document: the reason comes with it.
    let made = env.ok("create_doc", json!({"title": "Fresh", "content": "Hello 👋"})).await;
    let id = id_after(&made, "(document_id: ");
    env.inject(wsmcp_sandbox_kit::Fault::status("/comments", 403).times(1));
    let out = env.ok("get_doc_as_markdown", json!({"document_id": id})).await;
    assert!(out.starts_with("Hello 👋\n\n<!-- Comments could not be read: "), "{out}");
    env.done();
}
