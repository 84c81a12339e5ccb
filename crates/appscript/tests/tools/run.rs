//! run_script_function and get_script_activity.

use super::*;

#[tokio::test]
async fn runs_the_newest_api_deployment_or_the_saved_code() {
    let env = Env::new().await;
    let out = env.ok("run_script_function", json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "ping"})).await;
    assert!(out.contains(&format!("on deployment {API_DEPLOYMENT}")) && out.contains("Result:\npong"), "{out}");
    assert_eq!(env.requests("script.projects.deployments.list").len(), 1);
    let run = env.last("script.scripts.run");
    assert_eq!(run.path, format!("/v1/scripts/{API_DEPLOYMENT}:run"));
    assert_eq!(run.body.unwrap(), json!({"function": "ping", "devMode": false}));

    let args = json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "buildWeeklyReport", "dev_mode": true, "parameters": [1, "x"]});
    let out = env.ok("run_script_function", args).await;
    assert!(out.contains("saved code (dev mode)") && out.contains("\"project\": \"Atlas\""), "{out}");
    let run = env.last("script.scripts.run");
    assert_eq!(run.path, format!("/v1/scripts/{ATLAS_REPORT_SCRIPT}:run"));
    assert_eq!(run.body.unwrap(), json!({"function": "buildWeeklyReport", "parameters": [1, "x"], "devMode": true}));

    let args = json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "ping", "deployment_id": API_DEPLOYMENT});
    env.ok("run_script_function", args).await;
    assert_eq!(env.requests("script.projects.deployments.list").len(), 1, "a given deployment skips the lookup");
    env.done();
}

#[tokio::test]
async fn script_errors_become_advice() {
    let env = Env::new().await;
    let e = env.err("run_script_function", json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "nosuch"})).await;
    let text = e.to_string();
    assert!(text.contains("Script function not found: nosuch") && text.contains("top-level function"), "{text}");

    let id = env.project_with("Thrower", "function fail() {\n  throw new Error('quota gone');\n}\n").await;
    let e = env.err("run_script_function", json!({"script_id": id, "function_name": "fail", "dev_mode": true})).await;
    let text = e.to_string();
    assert!(text.contains("Error: quota gone") && text.contains("Stack: fail (line 1)"), "{text}");

    // No versioned API executable deployment yet: the tool says how to make one.
    let e = env.err("run_script_function", json!({"script_id": id, "function_name": "fail"})).await;
    assert!(matches!(e, ToolError::InvalidInput(_)) && e.to_string().contains("manage_deployment"), "{e}");

    // A project whose manifest has no executionApi: Google's 404, explained.
    let out = env.ok("manage_script_project", json!({"action": "create", "title": "Plain"})).await;
    let plain = id_after(&out, "(Script ID: ");
    let e = env.err("run_script_function", json!({"script_id": plain, "function_name": "x", "dev_mode": true})).await;
    assert!(is_google(&e, 404) && e.to_string().contains("API executable"), "{e}");

    env.refused(
        "run_script_function",
        &[
            json!({"script_id": "", "function_name": "ping"}),
            json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "weekStart_"}),
            json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "a b"}),
            json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "ping", "dev_mode": true, "deployment_id": API_DEPLOYMENT}),
        ],
    )
    .await;
    env.done();
}

#[tokio::test]
async fn activity_shows_runs_and_metrics() {
    let env = Env::new().await;
    env.ok("run_script_function", json!({"script_id": ATLAS_REPORT_SCRIPT, "function_name": "ping"})).await;
    let out = env.ok("get_script_activity", json!({"action": "processes", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with(&format!("5 recent execution(s) of project {ATLAS_REPORT_SCRIPT}")), "{out}");
    let first = out.lines().nth(1).unwrap();
    assert!(first.contains("ping in \"Atlas weekly report\" | EXECUTION_API | COMPLETED"), "newest first: {out}");
    assert!(out.contains("buildWeeklyReport in \"Atlas weekly report\" | TIME_DRIVEN | FAILED"), "{out}");
    assert_eq!(env.last("script.processes.listScriptProcesses").query_param("scriptId"), Some(ATLAS_REPORT_SCRIPT));

    let out = env.ok("get_script_activity", json!({"action": "processes", "page_size": 2})).await;
    assert!(
        out.starts_with("2 recent execution(s) of alex.rivera@example.com's scripts") && out.contains("More"),
        "{out}"
    );
    assert_eq!(env.last("script.processes.list").query_param("pageSize"), Some("2"));

    let out = env.ok("get_script_activity", json!({"action": "metrics", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with("DAILY metrics") && out.lines().count() == 8, "{out}");
    // Today holds just the run above (the seeded runs are a day or more old).
    assert!(out.lines().last().unwrap().contains(": 1 executions, 0 failed, 1 active users"), "{out}");
    let out = env
        .ok(
            "get_script_activity",
            json!({"action": "metrics", "script_id": ATLAS_REPORT_SCRIPT, "metrics_granularity": "WEEKLY"}),
        )
        .await;
    assert_eq!(env.last("script.projects.getMetrics").query_param("metricsGranularity"), Some("WEEKLY"));
    // The week holds today's run and yesterday's seeded one, not the failure of 8 days ago (and,
    // depending on the hour, the editor run of 6 days ago).
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains(" executions, 0 failed, 1 active users") && !out.contains(": 1 executions"), "{out}");
    env.done();
}

#[tokio::test]
async fn activity_errors() {
    let env = Env::new().await;
    env.refused(
        "get_script_activity",
        &[
            json!({"action": "metrics"}),
            json!({"action": "processes", "page_size": 0}),
            json!({"action": "processes", "page_size": 201}),
        ],
    )
    .await;
    let e = env
        .call("get_script_activity", json!({"action": "metrics", "script_id": "x", "metrics_granularity": "HOURLY"}))
        .await;
    assert!(matches!(e, Err(ToolError::InvalidInput(_))));
    let e = env.err("get_script_activity", json!({"action": "metrics", "script_id": "1nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
