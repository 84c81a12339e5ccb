//! manage_script_content: merge and replace, and the checks before Google.

use super::*;

#[tokio::test]
async fn merge_keeps_other_files_and_replace_sets_them_all() {
    let env = Env::new().await;
    let files = json!([{"name": "Code", "type": "SERVER_JS", "source": "function ping() {\n  return 'pong!';\n}\n"}]);
    let out = env
        .ok("manage_script_content", json!({"action": "update", "script_id": ATLAS_REPORT_SCRIPT, "files": files}))
        .await;
    assert!(out.contains("3 file(s)") && out.contains("ReportTemplate.html"), "{out}");
    assert_eq!(env.requests("script.projects.getContent").len(), 1, "merge reads the current files first");

    let manifest = json!({"name": "appsscript", "source": "{\"timeZone\": \"UTC\"}"});
    let files = json!([manifest, {"name": "Only.gs", "source": "function only() {}"}]);
    let args = json!({"action": "update", "script_id": ATLAS_REPORT_SCRIPT, "files": files, "merge": false});
    let out = env.ok("manage_script_content", args).await;
    assert!(out.contains("2 file(s)") && !out.contains("ReportTemplate"), "{out}");
    assert_eq!(env.requests("script.projects.getContent").len(), 1, "replace does not read");
    let read = env.ok("get_script_project", json!({"action": "get", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(read.contains("2 file(s)") && read.contains("function only() {}"), "{read}");
    env.done();
}

#[tokio::test]
async fn content_errors() {
    let env = Env::new().await;
    let id = ATLAS_REPORT_SCRIPT;
    env.refused(
        "manage_script_content",
        &[
            json!({"action": "update", "script_id": id}),
            json!({"action": "update", "script_id": id, "files": []}),
            json!({"action": "update", "script_id": " ", "files": [{"name": "A", "source": ""}]}),
            json!({"action": "update", "script_id": id, "files": [{"name": "A", "source": "x"}], "merge": false}),
            json!({"action": "update", "script_id": id, "files": [{"name": "A", "source": "x"}, {"name": "A.gs", "source": "y"}]}),
            json!({"action": "update", "script_id": id, "files": [{"name": "Data", "type": "JSON", "source": "{}"}]}),
        ],
    )
    .await;
    let e = env
        .err(
            "manage_script_content",
            json!({"action": "update", "script_id": "1nope", "files": [{"name": "A", "source": "x"}]}),
        )
        .await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
