//! Projects, content, versions and deployments.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn the_seeded_script_is_the_drive_seeds_file() {
    assert_eq!(ATLAS_REPORT_SCRIPT, wsmcp_drive::sandbox::seed::ids::ATLAS_REPORT_SCRIPT);
    let s = start().await;
    let p = s.ok(&format!("/projects/{ATLAS_REPORT_SCRIPT}")).await;
    assert_eq!(p["title"], "Atlas weekly report");
    assert_eq!(p["creator"]["email"], USER);
    let c = s.ok(&format!("/projects/{ATLAS_REPORT_SCRIPT}/content")).await;
    let names: Vec<&str> = c["files"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["appsscript", "Code", "ReportTemplate"]);
    let functions = &c["files"][1]["functionSet"]["values"];
    assert_eq!(functions, &json!([{"name": "buildWeeklyReport"}, {"name": "ping"}, {"name": "weekStart_"}]));
    s.assert_valid();
}

#[tokio::test]
async fn content_must_keep_one_manifest() {
    let s = start().await;
    let p = s.created("/projects", json!({"title": "Scratch"})).await;
    let id = p["scriptId"].as_str().unwrap().to_string();
    assert!(id.starts_with('1') && id.len() == 57, "{id}");
    let path = format!("/projects/{id}/content");
    let c = s.ok(&path).await;
    assert_eq!(c["files"][0]["name"], "appsscript");

    let code = json!({"name": "Code", "type": "SERVER_JS", "source": "function a() {}"});
    for (files, want) in [
        (json!([code]), "must include a manifest file named appsscript"),
        (json!([code, {"name": "data", "type": "JSON", "source": "{}"}]), "only the manifest may be JSON"),
        (json!([{"name": "appsscript", "type": "JSON", "source": "not json"}]), "Invalid manifest"),
        (json!([code, code, {"name": "appsscript", "type": "JSON", "source": "{}"}]), "duplicate file name Code"),
    ] {
        let (status, body) = s.put(&path, json!({"files": files})).await;
        assert_eq!(status, 400, "{body}");
        assert!(message(&body).contains(want), "{body}");
    }
    let files = json!([{"name": "appsscript", "type": "JSON", "source": "{}"}, code]);
    let (status, body) = s.put(&path, json!({"scriptId": id, "files": files})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(s.ok(&path).await["files"][1]["source"], "function a() {}");
    s.assert_valid();
}

#[tokio::test]
async fn versions_snapshot_the_saved_code() {
    let s = start().await;
    let base = format!("/projects/{ATLAS_REPORT_SCRIPT}");
    let v = s.created(&format!("{base}/versions"), json!({"description": "three"})).await;
    assert_eq!(v["versionNumber"], 3);
    // Later edits do not change the version.
    let files = json!([{"name": "appsscript", "type": "JSON", "source": "{}"}]);
    let (status, _) = s.put(&format!("{base}/content"), json!({"files": files})).await;
    assert_eq!(status, 200);
    let snap = s.ok(&format!("{base}/content?versionNumber=3")).await;
    assert_eq!(snap["files"].as_array().unwrap().len(), 3);
    let (status, _) = s.get(&format!("{base}/versions/4")).await;
    assert_eq!(status, 404);
    let page = s.ok(&format!("{base}/versions?pageSize=2")).await;
    assert_eq!(page["versions"].as_array().unwrap().len(), 2);
    let token = page["nextPageToken"].as_str().unwrap();
    let rest = s.ok(&format!("{base}/versions?pageSize=2&pageToken={token}")).await;
    assert_eq!(rest["versions"][0]["versionNumber"], 3);
    assert!(rest.get("nextPageToken").is_none());
    s.assert_valid();
}

#[tokio::test]
async fn deployments_follow_google_rules() {
    let s = start().await;
    let base = format!("/projects/{ATLAS_REPORT_SCRIPT}/deployments");
    let list = s.ok(&base).await;
    let head = &list["deployments"][0];
    assert_eq!(head["deploymentId"], HEAD_DEPLOYMENT);
    assert!(head["deploymentConfig"].get("versionNumber").is_none());
    assert_eq!(list["deployments"][1]["entryPoints"][0]["entryPointType"], "EXECUTION_API");

    for (status, body) in [
        s.delete(&format!("{base}/{HEAD_DEPLOYMENT}")).await,
        s.put(&format!("{base}/{HEAD_DEPLOYMENT}"), json!({"deploymentConfig": {"versionNumber": 1}})).await,
    ] {
        assert_eq!(status, 400, "{body}");
        assert_eq!(message(&body), "Read-only deployments may not be modified.");
    }
    let (status, body) = s.post(&base, json!({"description": "no version"})).await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = s.post(&base, json!({"versionNumber": 9})).await;
    assert!(status == 400 && message(&body).contains("Version 9 does not exist"), "{body}");

    let d = s.created(&base, json!({"versionNumber": 1, "description": "old"})).await;
    let id = d["deploymentId"].as_str().unwrap();
    assert!(id.starts_with("AKfycb"));
    let (status, moved) = s.put(&format!("{base}/{id}"), json!({"deploymentConfig": {"versionNumber": 2}})).await;
    assert_eq!(status, 200);
    assert_eq!(moved["deploymentConfig"]["versionNumber"], 2);
    let (status, _) = s.delete(&format!("{base}/{id}")).await;
    assert_eq!(status, 200);
    let (status, _) = s.get(&format!("{base}/{id}")).await;
    assert_eq!(status, 404);
    s.assert_valid();
}
