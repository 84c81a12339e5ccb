//! search_docs and list_docs_in_folder: Drive's files.list over Google Docs.

use super::*;

const DOC_MIME: &str = "application/vnd.google-apps.document";

#[tokio::test]
async fn search_finds_docs_by_name_or_text_in_every_drive() {
    let env = Env::new().await;
    let out = env.ok("search_docs", json!({"query": "atlas"})).await;
    assert!(out.starts_with("Google Docs matching \"atlas\" ("), "{out}");
    for id in [ids::ATLAS_PLAN_DOC, ids::ATLAS_FAQ_PUBLIC_DOC, ids::HIRING_PLAN_DOC] {
        assert!(out.contains(&format!("(document_id: {id}")), "{id} missing:\n{out}");
    }
    assert!(!out.contains(ids::ATLAS_BUDGET_SHEET) && !out.contains(ids::REQUIREMENTS_DOCX), "Docs only:\n{out}");
    let sent = env.last("drive.files.list");
    assert_eq!(
        sent.query_param("q"),
        Some(&*format!(
            "(name contains 'atlas' or fullText contains 'atlas') and mimeType = '{DOC_MIME}' and trashed = false"
        ))
    );
    assert_eq!(sent.query_param("corpora"), Some("allDrives"));
    assert_eq!(sent.query_param("includeItemsFromAllDrives"), Some("true"));
    assert_eq!(sent.query_param("pageSize"), Some("10"));
    // Text only the checklist holds, in one shared drive; quotes in the words are escaped.
    let out = env.ok("search_docs", json!({"query": "launch", "drive_id": ids::ATLAS_TEAM_DRIVE})).await;
    assert!(out.contains(ids::TEAM_CHECKLIST_DOC) && out.contains("shared drive"), "{out}");
    assert!(!out.contains(ids::ATLAS_PLAN_DOC), "My Drive stays out of a drive search:\n{out}");
    let sent = env.last("drive.files.list");
    assert_eq!(
        (sent.query_param("corpora"), sent.query_param("driveId")),
        (Some("drive"), Some(ids::ATLAS_TEAM_DRIVE))
    );
    let out = env.ok("search_docs", json!({"query": "Priya's", "page_size": 2})).await;
    assert!(out.starts_with("No Google Docs matching"), "{out}");
    assert!(env.last("drive.files.list").query_param("q").unwrap().starts_with(r"(name contains 'Priya\'s'"));
    env.done();
}

#[tokio::test]
async fn search_pages_with_the_token() {
    let env = Env::new().await;
    let first = env.ok("search_docs", json!({"query": "atlas", "page_size": 1})).await;
    let token = first.split("page_token \"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let second = env.ok("search_docs", json!({"query": "atlas", "page_size": 1, "page_token": token})).await;
    assert_eq!(env.last("drive.files.list").query_param("pageToken"), Some(&*token));
    assert_ne!(first.lines().nth(1), second.lines().nth(1), "another document:\n{first}\n{second}");
    env.done();
}

#[tokio::test]
async fn search_errors() {
    let env = Env::new().await;
    env.refused(
        "search_docs",
        &[
            json!({"query": " "}),
            json!({"query": "x", "page_size": 0}),
            json!({"query": "x", "corpora": "drive"}),
            json!({"query": "x", "corpora": "user", "drive_id": ids::ATLAS_TEAM_DRIVE}),
            json!({"query": "x", "corpora": "everything"}),
        ],
    )
    .await;
    // A shared drive the user is not a member of.
    let e = env.err("search_docs", json!({"query": "x", "drive_id": "0ANoSuchDrive"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn list_shows_the_docs_of_one_folder() {
    let env = Env::new().await;
    let out = env.ok("list_docs_in_folder", json!({"folder_id": ids::FOLDER_ATLAS})).await;
    assert!(out.starts_with(&format!("Google Docs in folder {} (3):", ids::FOLDER_ATLAS)), "{out}");
    for id in [ids::ATLAS_PLAN_DOC, ids::ATLAS_FAQ_PUBLIC_DOC, ids::MEETING_NOTES_JA_DOC] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    assert!(!out.contains(ids::ATLAS_BUDGET_SHEET) && !out.contains(ids::ROADMAP_PDF), "{out}");
    let sent = env.last("drive.files.list");
    assert_eq!(
        sent.query_param("q"),
        Some(&*format!("'{}' in parents and mimeType = '{DOC_MIME}' and trashed = false", ids::FOLDER_ATLAS))
    );
    assert_eq!(sent.query_param("pageSize"), Some("100"));
    // A shared drive folder lists too; My Drive's top level has no Docs of the seed.
    let out = env.ok("list_docs_in_folder", json!({"folder_id": ids::TEAM_LAUNCH_FOLDER})).await;
    assert!(out.contains(ids::TEAM_CHECKLIST_DOC), "{out}");
    let out = env.ok("list_docs_in_folder", json!({})).await;
    assert_eq!(out, "No Google Docs in folder root.\n");
    env.done();
}

#[tokio::test]
async fn list_errors() {
    let env = Env::new().await;
    env.refused(
        "list_docs_in_folder",
        &[json!({"folder_id": ""}), json!({"folder_id": ids::FOLDER_ATLAS, "page_size": -1})],
    )
    .await;
    env.inject(wsmcp_sandbox_kit::Fault::status("/drive/v3/files", 403).method("GET"));
    let e = env.err("list_docs_in_folder", json!({"folder_id": ids::FOLDER_ATLAS})).await;
    assert!(is_google(&e, 403), "{e}");
    env.done();
}
