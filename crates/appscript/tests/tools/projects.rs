//! get_script_project and manage_script_project.

use super::*;

#[tokio::test]
async fn projects_are_listed_through_drive_and_read_with_their_files() {
    let env = Env::new().await;
    let out = env.ok("get_script_project", json!({"action": "list"})).await;
    assert!(out.contains(&format!("- \"Atlas weekly report\" (Script ID: {ATLAS_REPORT_SCRIPT})")), "{out}");
    let list = env.last("drive.files.list");
    assert_eq!(list.query_param("q"), Some("mimeType='application/vnd.google-apps.script' and trashed=false"));
    assert_eq!(list.query_param("pageSize"), Some("50"));

    let out = env.ok("get_script_project", json!({"action": "get", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with(&format!("Project \"Atlas weekly report\" (Script ID: {ATLAS_REPORT_SCRIPT})")), "{out}");
    assert!(out.contains("Created by: Alex Rivera <alex.rivera@example.com>"), "{out}");
    assert!(out.contains("3 file(s):") && out.contains("--- Code.gs (name: Code, type: SERVER_JS) ---"), "{out}");
    assert!(out.contains("function buildWeeklyReport()") && out.contains("<h2>Atlas weekly report</h2>"), "{out}");
    assert_eq!(env.last("script.projects.getContent").path, format!("/v1/projects/{ATLAS_REPORT_SCRIPT}/content"));

    let one = env
        .ok(
            "get_script_project",
            json!({"action": "get", "script_id": ATLAS_REPORT_SCRIPT, "file_name": "appsscript.json"}),
        )
        .await;
    assert!(one.contains("\"executionApi\"") && !one.contains("buildWeeklyReport"), "{one}");
    env.done();
}

#[tokio::test]
async fn project_read_errors() {
    let env = Env::new().await;
    env.refused(
        "get_script_project",
        &[
            json!({"action": "get"}),
            json!({"action": "list", "page_size": 0}),
            json!({"action": "list", "page_size": 1001}),
        ],
    )
    .await;
    let e = env.call("get_script_project", json!({"action": "show"})).await.unwrap_err();
    assert!(matches!(e, ToolError::InvalidInput(_)), "{e}");
    let e = env.err("get_script_project", json!({"action": "get", "script_id": "1nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    let e = env
        .err("get_script_project", json!({"action": "get", "script_id": ATLAS_REPORT_SCRIPT, "file_name": "Nope"}))
        .await;
    assert!(e.to_string().contains("has no file 'Nope'") && e.to_string().contains("Code.gs"), "{e}");
    env.done();
}

#[tokio::test]
async fn create_write_and_read_back_then_delete() {
    let env = Env::new().await;
    let out = env.ok("manage_script_project", json!({"action": "create", "title": "Atlas helpers"})).await;
    let id = id_after(&out, "(Script ID: ");
    assert_eq!(env.last("script.projects.create").body.unwrap(), json!({"title": "Atlas helpers"}));
    assert!(out.contains("only the appsscript.json manifest"), "{out}");

    let files = json!([{"name": "Util.gs", "source": "function hello() {\n  return 'hi';\n}\n"}]);
    let out = env.ok("manage_script_content", json!({"action": "update", "script_id": id, "files": files})).await;
    assert!(out.contains("Saved Util.gs") && out.contains("2 file(s)"), "{out}");
    let sent = env.last("script.projects.updateContent").body.unwrap();
    assert_eq!(sent["files"][0]["name"], "appsscript", "the manifest is kept: {sent}");
    assert_eq!(
        sent["files"][1],
        json!({"name": "Util", "type": "SERVER_JS", "source": "function hello() {\n  return 'hi';\n}\n"})
    );

    let read = env.ok("get_script_project", json!({"action": "get", "script_id": id, "file_name": "Util"})).await;
    assert!(read.contains("Project \"Atlas helpers\"") && read.contains("return 'hi';"), "{read}");

    let out = env.ok("manage_script_project", json!({"action": "delete", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with(&format!("Deleted Apps Script project {ATLAS_REPORT_SCRIPT}")), "{out}");
    let del = env.last("drive.files.delete");
    assert_eq!(del.path, format!("/drive/v3/files/{ATLAS_REPORT_SCRIPT}"));
    let listed = env.ok("get_script_project", json!({"action": "list"})).await;
    assert!(!listed.contains("Atlas weekly report"), "{listed}");
    env.done();
}

#[tokio::test]
async fn manage_project_errors() {
    let env = Env::new().await;
    env.refused(
        "manage_script_project",
        &[json!({"action": "create"}), json!({"action": "create", "title": "  "}), json!({"action": "delete"})],
    )
    .await;
    let e = env.err("manage_script_project", json!({"action": "delete", "script_id": "1missing"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
