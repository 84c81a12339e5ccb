//! The 11 Apps Script tools through the real binary over stdio, against the seeded "Atlas
//! weekly report" script of alex.rivera@example.com (a Drive file too). One test walks every
//! tool: a new project whose content is written and read back, a version and a deployment
//! listed, functions of the seeded script run, activity, triggers, the pure trigger-code
//! generator, and an error path per tool; it checks the requests the sandbox saw.

use serde_json::json;
use wsmcp_appscript::sandbox::seed::{API_DEPLOYMENT, ATLAS_REPORT_SCRIPT, HEAD_DEPLOYMENT, WEEKLY_TRIGGER};

use crate::harness::{assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

/// The text after `key` up to the next `)`, space, `|` or line end.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', '|']).next().unwrap().to_string()
}

#[tokio::test]
async fn every_appscript_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    // get_script_project: the listing comes from Drive, the project from Apps Script.
    let list = ok(&client, "get_script_project", json!({"action": "list"})).await;
    assert!(list.contains(&format!("\"Atlas weekly report\" (Script ID: {ATLAS_REPORT_SCRIPT})")), "{list}");
    let q = requests_for(&sb, "drive.files.list").pop().unwrap();
    assert_eq!(q.query_param("q"), Some("mimeType='application/vnd.google-apps.script' and trashed=false"));

    // Round trip: create a project, write its code (with an API executable manifest), read it back.
    let out = ok(&client, "manage_script_project", json!({"action": "create", "title": "Atlas helpers"})).await;
    let id = id_after(&out, "(Script ID: ");
    let manifest = r#"{"timeZone": "Europe/Berlin", "runtimeVersion": "V8", "executionApi": {"access": "MYSELF"}}"#;
    let files = json!([
        {"name": "Code.gs", "source": "function hello() {\n  return 'hi';\n}\n"},
        {"name": "appsscript", "type": "JSON", "source": manifest},
    ]);
    let out = ok(&client, "manage_script_content", json!({"action": "update", "script_id": id, "files": files})).await;
    assert!(out.contains("2 file(s)"), "{out}");
    let read = ok(&client, "get_script_project", json!({"action": "get", "script_id": id})).await;
    assert!(read.contains("Project \"Atlas helpers\"") && read.contains("return 'hi';"), "{read}");
    assert!(read.contains("\"Europe/Berlin\""), "{read}");

    // Versions and deployments: create, list.
    let out =
        ok(&client, "manage_script_version", json!({"action": "create", "script_id": id, "description": "v1"})).await;
    assert!(out.starts_with("Created version 1"), "{out}");
    let versions = ok(&client, "get_script_version", json!({"action": "list", "script_id": id})).await;
    assert!(versions.starts_with("1 version(s)") && versions.contains("- Version 1: v1"), "{versions}");
    let one = ok(&client, "get_script_version", json!({"action": "get", "script_id": id, "version_number": 1})).await;
    assert!(one.contains("Code.gs"), "{one}");
    let out =
        ok(&client, "manage_deployment", json!({"action": "create", "script_id": id, "description": "API"})).await;
    assert!(out.starts_with("Created version 2 and deployed it:"), "{out}");
    let dep = id_after(&out, "- ");
    let deps = ok(&client, "list_script_deployments", json!({"script_id": id})).await;
    assert!(deps.starts_with("2 deployment(s)") && deps.contains(&format!("{dep} | version 2 | \"API\"")), "{deps}");
    let args = json!({"action": "update", "script_id": id, "deployment_id": dep, "version_number": 1});
    let out = ok(&client, "manage_deployment", args).await;
    assert!(out.contains(&format!("{dep} | version 1")), "{out}");

    // Runs: the new project's deployment, then the seeded script's functions.
    let out = ok(&client, "run_script_function", json!({"script_id": id, "function_name": "hello"})).await;
    assert!(out.contains(&format!("on deployment {dep}")) && out.contains("Result:\nhi"), "{out}");
    let out =
        ok(&client, "run_script_function", json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "ping"})).await;
    assert!(out.contains(&format!("on deployment {API_DEPLOYMENT}")) && out.contains("pong"), "{out}");
    let args = json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "buildWeeklyReport", "dev_mode": true});
    let out = ok(&client, "run_script_function", args).await;
    assert!(out.contains("\"project\": \"Atlas\""), "{out}");
    let run = requests_for(&sb, "script.scripts.run").pop().unwrap();
    assert_eq!(run.path, format!("/v1/scripts/{ATLAS_REPORT_SCRIPT}:run"));
    assert_eq!(run.body.unwrap(), json!({"function": "buildWeeklyReport", "devMode": true}));

    // Activity: the runs above, newest first; metrics.
    let out =
        ok(&client, "get_script_activity", json!({"action": "processes", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(
        out.lines().nth(1).unwrap().contains("buildWeeklyReport in \"Atlas weekly report\" | EXECUTION_API"),
        "{out}"
    );
    let out = ok(&client, "get_script_activity", json!({"action": "metrics", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with("DAILY metrics") && out.lines().last().unwrap().contains(": 2 executions"), "{out}");

    // Triggers: listed and deleted through the helper file.
    let out = ok(&client, "manage_script_trigger", json!({"action": "list", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.contains(&format!("- {WEEKLY_TRIGGER} | calls buildWeeklyReport")), "{out}");
    let args = json!({"action": "delete", "script_id": ATLAS_REPORT_SCRIPT, "trigger_id": WEEKLY_TRIGGER});
    let out = ok(&client, "manage_script_trigger", args).await;
    assert!(out.starts_with("Deleted 1 trigger(s)"), "{out}");
    let code = ok(
        &client,
        "generate_trigger_code",
        json!({"trigger_type": "time_weekly", "function_name": "buildWeeklyReport", "schedule": "MONDAY"}),
    )
    .await;
    assert!(code.contains(".onWeekDay(ScriptApp.WeekDay.MONDAY)"), "{code}");

    // Deleting the deployment, then the project (through Drive).
    let out =
        ok(&client, "manage_deployment", json!({"action": "delete", "script_id": id, "deployment_id": dep})).await;
    assert!(out.starts_with("Deleted deployment"), "{out}");
    let out = ok(&client, "manage_script_project", json!({"action": "delete", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with("Deleted Apps Script project"), "{out}");
    assert_eq!(requests_for(&sb, "drive.files.delete").len(), 1);

    // An error path per tool.
    let e = err(&client, "get_script_project", json!({"action": "get", "script_id": "1nope"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "manage_script_project", json!({"action": "delete", "script_id": "1nope"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(
        &client,
        "manage_script_content",
        json!({"action": "update", "script_id": "1nope", "files": [{"name": "A", "source": ""}]}),
    )
    .await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "run_script_function", json!({"script_id": id, "function_name": "nosuch", "dev_mode": true}))
        .await;
    assert!(e.contains("Script function not found: nosuch"), "{e}");
    let e = err(&client, "get_script_activity", json!({"action": "metrics", "script_id": "1nope"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "get_script_version", json!({"action": "get", "script_id": id, "version_number": 9})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "list_script_deployments", json!({"script_id": "1nope"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(
        &client,
        "manage_deployment",
        json!({"action": "delete", "script_id": ATLAS_REPORT_SCRIPT, "deployment_id": HEAD_DEPLOYMENT}),
    )
    .await;
    assert!(e.contains("Read-only deployments"), "{e}");
    let e = err(&client, "manage_script_version", json!({"action": "create", "script_id": "1nope"})).await;
    assert!(e.contains("404"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "manage_script_trigger", json!({"action": "delete", "script_id": id})).await;
    assert!(e.contains("trigger_id or handler_function"), "{e}");
    let e = err(
        &client,
        "generate_trigger_code",
        json!({"trigger_type": "time_minutes", "function_name": "f", "schedule": "7"}),
    )
    .await;
    assert!(e.contains("1, 5, 10, 15, 30"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
