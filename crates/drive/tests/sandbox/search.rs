//! Searching: the seed and Drive's default fields, the query language, paging and order.

use serde_json::Value;

use crate::support::{form, ids, start};

fn has(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

#[tokio::test]
async fn seed_and_default_fields() {
    let d = start().await;
    let body = d.ok("/drive/v3/files?pageSize=1000").await;
    assert_eq!(body["kind"], "drive#fileList");
    assert_eq!(body["incompleteSearch"], false);
    let files = body["files"].as_array().unwrap();
    // Without `fields`, Drive sends only kind, id, name and mimeType of each file.
    let first: Vec<&String> = files[0].as_object().unwrap().keys().collect();
    assert_eq!(first, ["kind", "id", "name", "mimeType"]);
    let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    for expected in [
        "Atlas Q3 plan",
        "Atlas budget",
        "Atlas kickoff deck",
        "会議メモ – Atlas Japan pilot",
        "Übersicht 2026.txt",
        "Atlas hiring plan",
        "Old offsite draft.txt",
        "Projects",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    // Not in the user's corpus: someone else's private file, a domain-shared file, shared
    // drive items (not asked for), the roots.
    for absent in ["Performance notes", "Example.com travel policy 2026", "Launch checklist", "My Drive"] {
        assert!(!names.contains(&absent), "{absent} should not be listed");
    }
    let everything = d
        .names(&[("corpora", "allDrives"), ("includeItemsFromAllDrives", "true"), ("supportsAllDrives", "true")])
        .await;
    assert!(everything.len() >= 28, "{}", everything.len());
    d.assert_valid();
}

#[tokio::test]
async fn query_language() {
    let d = start().await;
    let ago = |days: i64| {
        (wsmcp_testkit::now() - chrono::Duration::hours(days * 24 + 12)).format("%Y-%m-%dT%H:%M:%S").to_string()
    };
    let cases: Vec<(String, Vec<&str>, Vec<&str>)> = vec![
        (
            "name contains 'Atlas' and trashed = false".into(),
            vec!["Atlas Q3 plan", "Atlas-Q3-Roadmap.pdf", "Atlas"],
            vec!["Old offsite draft.txt"],
        ),
        ("name contains 'plan'".into(), vec!["Atlas Q3 plan", "Atlas hiring plan"], vec!["Atlas-Q3-Roadmap.pdf"]),
        ("name = 'notes.md'".into(), vec!["notes.md"], vec!["Atlas Q3 plan"]),
        (
            "fullText contains 'offline mode'".into(),
            vec!["Atlas Q3 plan", "Atlas kickoff deck", "Atlas-Q3-Roadmap.pdf"],
            vec!["Atlas budget"],
        ),
        (
            "fullText contains 'conflict resolution'".into(),
            vec!["Atlas requirements.docx", "Atlas Q3 plan"],
            vec!["notes.md"],
        ),
        ("fullText contains 'Reserved instances'".into(), vec!["Atlas budget"], vec![]),
        (
            "mimeType = 'application/vnd.google-apps.folder'".into(),
            vec!["Projects", "Atlas", "Design", "Receipts", "Personal"],
            vec!["Hiring", "notes.md"],
        ),
        (
            format!("'{}' in parents", ids::FOLDER_ATLAS),
            vec!["Atlas Q3 plan", "Design", "Atlas pitch.pptx"],
            vec!["Projects", "atlas-logo.png"],
        ),
        ("'root' in parents and trashed = false".into(), vec!["Projects", "Receipts", "Personal"], vec!["Atlas"]),
        ("trashed = true".into(), vec!["Old offsite draft.txt"], vec!["notes.md"]),
        ("starred = true".into(), vec!["Atlas Q3 plan", "Atlas-Q3-Roadmap.pdf"], vec!["Atlas budget"]),
        ("sharedWithMe".into(), vec!["Atlas hiring plan", "Dashboard mockups v2.png"], vec!["Atlas Q3 plan"]),
        (
            format!("modifiedTime > '{}'", ago(3)),
            vec!["Übersicht 2026.txt", "notes.md", "Atlas Q3 plan"],
            vec!["Atlas budget"],
        ),
        ("'priya.shah@example.com' in owners".into(), vec!["Atlas hiring plan"], vec!["Atlas Q3 plan"]),
        (
            "'priya.shah@example.com' in writers".into(),
            vec!["Atlas", "Atlas Q3 plan", "Atlas hiring plan"],
            vec!["notes.md"],
        ),
        ("'atlas-team@example.com' in readers".into(), vec!["Atlas budget"], vec!["notes.md"]),
        (
            "'me' in owners and name contains 'budget'".into(),
            vec!["Atlas budget", "budget-oktober.csv"],
            vec!["Atlas hiring plan"],
        ),
        ("visibility = 'anyoneWithLink'".into(), vec!["Atlas public FAQ"], vec!["Atlas Q3 plan"]),
        (
            "properties has { key='department' and value='engineering' }".into(),
            vec!["Atlas budget"],
            vec!["Atlas Q3 plan"],
        ),
        (
            "not mimeType contains 'google-apps' and name contains 'atlas'".into(),
            vec!["atlas-logo.png", "Atlas cost model.xlsx"],
            vec!["Atlas Q3 plan", "Atlas"],
        ),
        (
            format!("(name contains 'Bean' or name contains 'Skyline') and '{}' in parents", ids::FOLDER_RECEIPTS),
            vec!["Bean & Leaf order BL-20931.pdf", "Skyline Air e-ticket K7Q2XP.pdf"],
            vec![],
        ),
        ("name contains '会議'".into(), vec!["会議メモ – Atlas Japan pilot"], vec![]),
        ("name contains 'übersicht'".into(), vec!["Übersicht 2026.txt"], vec![]),
    ];
    for (q, wanted, unwanted) in &cases {
        let names = d.names(&[("q", q)]).await;
        for w in wanted {
            assert!(has(&names, w), "q={q}: {w} missing from {names:?}");
        }
        for u in unwanted {
            assert!(!has(&names, u), "q={q}: {u} should not match; got {names:?}");
        }
    }
    for bad in ["name = ", "parents = 'x'", "starred = 'yes'", "title contains 'x'", "(name = 'x'"] {
        let r = d.get(&format!("/drive/v3/files?{}", form(&[("q", bad)]))).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert_eq!(r.json()["error"]["message"], "Invalid Value");
        assert_eq!(r.json()["error"]["errors"][0]["location"], "q");
    }
    d.assert_valid();
}

#[tokio::test]
async fn paging_and_order() {
    let d = start().await;
    let all = d.names(&[("orderBy", "name")]).await;
    let mut sorted = all.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(all, sorted);
    let mut walked = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut params = vec![("pageSize", "5".to_string()), ("orderBy", "name".to_string())];
        if let Some(t) = &token {
            params.push(("pageToken", t.clone()));
        }
        let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let body = d.ok(&format!("/drive/v3/files?{}", form(&pairs))).await;
        let files = body["files"].as_array().unwrap();
        assert!(files.len() <= 5);
        walked.extend(files.iter().map(|f| f["name"].as_str().unwrap().to_string()));
        pages += 1;
        match body["nextPageToken"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    assert_eq!(walked, all);
    assert!(pages >= 4);
    let folders_first = d.names(&[("orderBy", "folder,name")]).await;
    assert_eq!(folders_first[0], "Atlas");
    let newest = d.names(&[("orderBy", "modifiedTime desc"), ("q", "trashed = false")]).await;
    assert_eq!(newest[0], "notes.md");
    let r = d.get("/drive/v3/files?orderBy=size").await;
    assert_eq!((r.status, r.json()["error"]["errors"][0]["location"].clone()), (400, Value::from("orderBy")));
    let r = d.get("/drive/v3/files?pageToken=bogus").await;
    assert_eq!(r.status, 400);
    d.assert_valid();
}
