//! get_script_version, manage_script_version, list_script_deployments, manage_deployment.

use super::*;

#[tokio::test]
async fn versions_are_listed_read_and_created() {
    let env = Env::new().await;
    let out = env.ok("get_script_version", json!({"action": "list", "script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.starts_with("2 version(s)") && out.contains("- Version 1: First weekly report"), "{out}");
    let one = env
        .ok("get_script_version", json!({"action": "get", "script_id": ATLAS_REPORT_SCRIPT, "version_number": 1}))
        .await;
    assert!(one.contains("- Version 1") && one.contains("Code.gs") && !one.contains("ReportTemplate"), "{one}");
    assert_eq!(env.last("script.projects.getContent").query_param("versionNumber"), Some("1"));

    let out = env
        .ok(
            "manage_script_version",
            json!({"action": "create", "script_id": ATLAS_REPORT_SCRIPT, "description": "Q3 numbers"}),
        )
        .await;
    assert!(out.starts_with("Created version 3") && out.contains("Q3 numbers"), "{out}");
    assert_eq!(env.last("script.projects.versions.create").body.unwrap(), json!({"description": "Q3 numbers"}));
    env.done();
}

#[tokio::test]
async fn version_errors() {
    let env = Env::new().await;
    env.refused(
        "get_script_version",
        &[
            json!({"action": "get", "script_id": ATLAS_REPORT_SCRIPT}),
            json!({"action": "get", "script_id": ATLAS_REPORT_SCRIPT, "version_number": 0}),
            json!({"action": "list", "script_id": ""}),
        ],
    )
    .await;
    env.refused("manage_script_version", &[json!({"action": "create", "script_id": " "})]).await;
    let e = env
        .err("get_script_version", json!({"action": "get", "script_id": ATLAS_REPORT_SCRIPT, "version_number": 9}))
        .await;
    assert!(is_google(&e, 404), "{e}");
    let e = env.err("manage_script_version", json!({"action": "create", "script_id": "1nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn deployments_are_created_listed_moved_and_deleted() {
    let env = Env::new().await;
    let out = env.ok("list_script_deployments", json!({"script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(out.contains(&format!("- {HEAD_DEPLOYMENT} | HEAD")), "{out}");
    assert!(
        out.contains(&format!(
            "- {API_DEPLOYMENT} | version 2 | \"Weekly report API\" | API executable, access MYSELF"
        )),
        "{out}"
    );

    let args = json!({"action": "create", "script_id": ATLAS_REPORT_SCRIPT, "description": "Board demo"});
    let out = env.ok("manage_deployment", args).await;
    assert!(out.starts_with("Created version 3 and deployed it:"), "{out}");
    assert!(out.contains("run_script_function can call it"), "{out}");
    let dep = id_after(&out, "- ");
    assert_eq!(env.last("script.projects.versions.create").body.unwrap(), json!({"description": "Board demo"}));
    let body = env.last("script.projects.deployments.create").body.unwrap();
    assert_eq!(
        body,
        json!({"scriptId": ATLAS_REPORT_SCRIPT, "versionNumber": 3, "manifestFileName": "appsscript", "description": "Board demo"})
    );
    let listed = env.ok("list_script_deployments", json!({"script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(
        listed.starts_with("3 deployment(s)") && listed.contains(&format!("{dep} | version 3 | \"Board demo\"")),
        "{listed}"
    );

    let args = json!({"action": "update", "script_id": ATLAS_REPORT_SCRIPT, "deployment_id": dep, "version_number": 1});
    let out = env.ok("manage_deployment", args).await;
    assert!(out.contains(&format!("{dep} | version 1 | \"Board demo\"")), "description kept: {out}");
    let put = env.last("script.projects.deployments.update").body.unwrap();
    assert_eq!(put["deploymentConfig"]["versionNumber"], 1);

    let args = json!({"action": "delete", "script_id": ATLAS_REPORT_SCRIPT, "deployment_id": dep});
    let out = env.ok("manage_deployment", args).await;
    assert!(out.starts_with(&format!("Deleted deployment {dep}")), "{out}");
    let listed = env.ok("list_script_deployments", json!({"script_id": ATLAS_REPORT_SCRIPT})).await;
    assert!(!listed.contains(&dep), "{listed}");
    env.done();
}

#[tokio::test]
async fn deployment_errors() {
    let env = Env::new().await;
    let id = ATLAS_REPORT_SCRIPT;
    env.refused(
        "manage_deployment",
        &[
            json!({"action": "create", "script_id": id}),
            json!({"action": "update", "script_id": id, "version_number": 1}),
            json!({"action": "update", "script_id": id, "deployment_id": API_DEPLOYMENT}),
            json!({"action": "update", "script_id": id, "deployment_id": API_DEPLOYMENT, "version_number": -1}),
            json!({"action": "delete", "script_id": id}),
        ],
    )
    .await;
    env.refused("list_script_deployments", &[json!({"script_id": ""})]).await;
    // Google keeps the HEAD deployment as it is.
    for args in [
        json!({"action": "delete", "script_id": id, "deployment_id": HEAD_DEPLOYMENT}),
        json!({"action": "update", "script_id": id, "deployment_id": HEAD_DEPLOYMENT, "description": "x"}),
    ] {
        let e = env.err("manage_deployment", args).await;
        assert!(is_google(&e, 400) && e.to_string().contains("Read-only deployments"), "{e}");
    }
    let args = json!({"action": "update", "script_id": id, "deployment_id": API_DEPLOYMENT, "version_number": 7});
    let e = env.err("manage_deployment", args).await;
    assert!(is_google(&e, 400) && e.to_string().contains("Version 7 does not exist"), "{e}");
    let e = env.err("list_script_deployments", json!({"script_id": "1nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
