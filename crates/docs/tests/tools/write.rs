//! create_doc and find_and_replace_doc.

use super::*;

#[tokio::test]
async fn create_with_content_then_read_it() {
    let env = Env::new().await;
    let out =
        env.ok("create_doc", json!({"title": "Atlas retro", "content": "Went well: 同期 🚀\nNext: offline"})).await;
    let id = id_after(&out, "(document_id: ");
    assert_eq!(env.last("docs.documents.create").body.clone().unwrap(), json!({"title": "Atlas retro"}));
    let insert = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(insert["requests"][0]["insertText"]["location"], json!({"index": 1}));
    assert!(out.contains("Content: 30 characters inserted at index 1."), "{out}");
    assert!(out.contains(&format!("Link: https://docs.google.com/document/d/{id}/edit")), "{out}");
    assert!(env.requests("drive.files.update").is_empty(), "root needs no move");
    let text = env.ok("get_doc_content", json!({"document_id": id})).await;
    assert!(text.ends_with("--- TAB: Tab 1 (tab_id: t.0) ---\nWent well: 同期 🚀\nNext: offline\n"), "{text}");
    // A blank document makes no batchUpdate.
    let before = env.requests("docs.documents.batchUpdate").len();
    env.ok("create_doc", json!({"title": "Blank"})).await;
    assert_eq!(env.requests("docs.documents.batchUpdate").len(), before);
    env.done();
}

#[tokio::test]
async fn create_errors_say_what_happened() {
    let env = Env::new().await;
    env.refused("create_doc", &[json!({"title": "  "}), json!({"title": "x", "folder_id": ""})]).await;
    // A folder that does not exist: the move fails after the document was made, and the error
    // names the new document.
    let e = env.err("create_doc", json!({"title": "Filed", "folder_id": "1NoSuchFolder"})).await;
    let update = env.last("drive.files.update");
    assert_eq!(update.query_param("addParents"), Some("1NoSuchFolder"));
    assert_eq!(update.query_param("removeParents"), Some("root"));
    assert!(is_google(&e, 404) && e.to_string().contains("The document was created (document_id: "), "{e}");
    env.done();
}

#[tokio::test]
async fn replace_counts_in_one_tab_or_all() {
    let env = Env::new().await;
    let args = |tab: Option<&str>| {
        let mut a = json!({"document_id": ids::ATLAS_PLAN_DOC, "find_text": "alex rivera", "replace_text": "Alex R."});
        if let Some(t) = tab {
            a["tab_id"] = json!(t);
        }
        a
    };
    let out = env.ok("find_and_replace_doc", args(Some(RISKS_TAB))).await;
    assert!(
        out.starts_with(&format!("Replaced 2 occurrence(s) of \"alex rivera\" with \"Alex R.\" in tab {RISKS_TAB}")),
        "{out}"
    );
    let req = env.last("docs.documents.batchUpdate").body.clone().unwrap();
    assert_eq!(req["requests"][0]["replaceAllText"]["tabsCriteria"], json!({"tabIds": [RISKS_TAB]}));
    assert_eq!(
        req["requests"][0]["replaceAllText"]["containsText"],
        json!({"text": "alex rivera", "matchCase": false})
    );
    let out = env.ok("find_and_replace_doc", args(None)).await;
    assert!(out.starts_with("Replaced 1 occurrence(s)") && out.contains("in every tab"), "{out}");
    let mut exact = args(None);
    exact["match_case"] = json!(true);
    let out = env.ok("find_and_replace_doc", exact).await;
    assert!(out.starts_with("Replaced 0 occurrence(s)") && out.contains("try match_case: false"), "{out}");
    let content = env.ok("get_doc_content", json!({"document_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(content.contains("Owner: Alex R.. Reviewed") && !content.contains("Alex Rivera"), "{content}");
    env.done();
}

#[tokio::test]
async fn replace_errors() {
    let env = Env::new().await;
    env.refused(
        "find_and_replace_doc",
        &[
            json!({"document_id": ids::ATLAS_PLAN_DOC, "find_text": "", "replace_text": "x"}),
            json!({"document_id": ids::ATLAS_PLAN_DOC, "find_text": "a\nb", "replace_text": "x"}),
        ],
    )
    .await;
    let args = json!({"document_id": ids::TRAVEL_POLICY_DOC, "find_text": "EUR", "replace_text": "euros"});
    assert!(is_google(&env.err("find_and_replace_doc", args).await, 403));
    let args = json!({"document_id": ids::ATLAS_PLAN_DOC, "find_text": "a", "replace_text": "b", "tab_id": "t.nope"});
    assert!(is_google(&env.err("find_and_replace_doc", args).await, 400));
    env.done();
}
