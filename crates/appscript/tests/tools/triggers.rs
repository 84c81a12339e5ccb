//! manage_script_trigger (through the helper file and scripts.run) and generate_trigger_code.

use super::*;
use wsmcp_appscript::trigger_code::helper::{HELPER_FILE, HELPER_SOURCE};

#[tokio::test]
async fn triggers_are_listed_and_deleted_through_the_helper() {
    let env = Env::new().await;
    let out = env.ok("manage_script_trigger", json!({"action": "list", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with(&format!("(Wrote the helper file {HELPER_FILE}.gs")), "{out}");
    assert!(out.contains(&format!("- {WEEKLY_TRIGGER} | calls buildWeeklyReport | CLOCK from CLOCK")), "{out}");
    let written = env.last("script.projects.updateContent").body.unwrap();
    let files = written["files"].as_array().unwrap();
    assert_eq!(files.len(), 4, "helper added, other files kept");
    assert_eq!(files[3], json!({"name": HELPER_FILE, "type": "SERVER_JS", "source": HELPER_SOURCE}));
    let run = env.last("script.scripts.run");
    assert_eq!(run.path, format!("/v1/scripts/{ATLAS_REPORT_SCRIPT}:run"));
    assert_eq!(run.body.unwrap(), json!({"function": "workspaceMcpListTriggers", "devMode": true}));

    // The helper is there now: no second write.
    let args = json!({"action": "delete", "script_id": ATLAS_REPORT_SCRIPT, "handler_function": "buildWeeklyReport"});
    let out = env.ok("manage_script_trigger", args).await;
    assert_eq!(out, format!("Deleted 1 trigger(s) on project {ATLAS_REPORT_SCRIPT}: {WEEKLY_TRIGGER}\n"));
    assert_eq!(env.requests("script.projects.updateContent").len(), 1);
    let body = env.last("script.scripts.run").body.unwrap();
    assert_eq!(body["parameters"], json!([null, "buildWeeklyReport"]));
    let out = env.ok("manage_script_trigger", json!({"action": "list", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with("No installable triggers"), "{out}");
    env.done();
}

#[tokio::test]
async fn trigger_errors() {
    let env = Env::new().await;
    let id = ATLAS_REPORT_SCRIPT;
    env.refused(
        "manage_script_trigger",
        &[
            json!({"action": "delete", "script_id": id}),
            json!({"action": "delete", "script_id": id, "trigger_id": "1", "handler_function": "f"}),
            json!({"action": "list", "script_id": id, "deployment_id": API_DEPLOYMENT}),
            json!({"action": "list", "script_id": " "}),
        ],
    )
    .await;
    // The deployed version 2 has no helper: Google's "not found", with what to do.
    let e = env.err("manage_script_trigger", json!({"action": "list", "script_id": id, "dev_mode": false})).await;
    let text = e.to_string();
    assert!(text.contains("Script function not found") && text.contains("run once with dev_mode=true"), "{text}");
    assert_eq!(env.last("script.scripts.run").path, format!("/v1/scripts/{API_DEPLOYMENT}:run"));
    assert!(env.requests("script.projects.updateContent").is_empty(), "dev_mode=false never writes");
    env.done();
}

#[tokio::test]
async fn trigger_code_is_generated_without_google() {
    let env = Env::new().await;
    let args = json!({"trigger_type": "time_daily", "function_name": "sendDailyReport", "schedule": "9"});
    let out = env.ok("generate_trigger_code", args).await;
    assert!(out.contains("function createTrigger_sendDailyReport() {"), "{out}");
    assert!(out.contains("ScriptApp.newTrigger('sendDailyReport')\n    .timeBased()\n    .atHour(9)\n    .everyDays(1)\n    .create();"), "{out}");
    let out = env.ok("generate_trigger_code", json!({"trigger_type": "on_open", "function_name": "addMenu"})).await;
    assert!(out.contains("function onOpen(e) {\n  addMenu(e);\n}"), "{out}");
    env.refused(
        "generate_trigger_code",
        &[
            json!({"trigger_type": "time_minutes", "function_name": "f", "schedule": "2"}),
            json!({"trigger_type": "time_weekly", "function_name": "f"}),
            json!({"trigger_type": "yearly", "function_name": "f"}),
            json!({"trigger_type": "on_edit", "function_name": "private_"}),
        ],
    )
    .await;
    assert!(env.handle.requests().is_empty(), "no Google call");
    env.done();
}
