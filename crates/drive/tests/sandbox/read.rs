//! Reading: corpora and the shared drive flags, metadata and `fields`, access, downloads,
//! exports, drives and about.

use serde_json::Value;

use crate::support::{USER, enc, ids, start};

fn has(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

#[tokio::test]
async fn corpora_and_shared_drive_flags() {
    let d = start().await;
    let drive = ids::ATLAS_TEAM_DRIVE;
    let r =
        d.get(&format!("/drive/v3/files?driveId={drive}&includeItemsFromAllDrives=true&supportsAllDrives=true")).await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(r.reason(), "teamDriveIdRequiresTeamDriveCorpora");
    let r = d.get(&format!("/drive/v3/files?corpora=drive&driveId={drive}")).await;
    assert_eq!(r.status, 403, "{}", r.text());
    assert!(r.text().contains("includeItemsFromAllDrives parameter must be set to true"));
    let r = d.get(&format!("/drive/v3/files?corpora=drive&driveId={drive}&includeItemsFromAllDrives=true")).await;
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(r.json()["error"]["errors"][0]["location"], "supportsAllDrives");
    let r = d.get("/drive/v3/files?corpora=drive&includeItemsFromAllDrives=true&supportsAllDrives=true").await;
    assert_eq!(r.status, 400);
    let r = d.get("/drive/v3/files?corpora=everything").await;
    assert_eq!(r.status, 400);

    let team = d
        .names(&[
            ("corpora", "drive"),
            ("driveId", drive),
            ("includeItemsFromAllDrives", "true"),
            ("supportsAllDrives", "true"),
        ])
        .await;
    let mut team_sorted = team.clone();
    team_sorted.sort();
    assert_eq!(team_sorted, ["Atlas OKRs", "Launch", "Launch checklist", "press-kit.pdf"]);
    let all = d
        .names(&[("corpora", "allDrives"), ("includeItemsFromAllDrives", "true"), ("supportsAllDrives", "true")])
        .await;
    assert!(has(&all, "2026 forecast") && has(&all, "Launch checklist") && has(&all, "notes.md"));
    let domain = d.names(&[("corpora", "domain")]).await;
    assert!(has(&domain, "Example.com travel policy 2026") && has(&domain, "notes.md"));

    let id = ids::TEAM_CHECKLIST_DOC;
    let r = d.get(&format!("/drive/v3/files/{id}")).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["message"], format!("File not found: {id}."));
    assert_eq!(r.json()["error"]["errors"][0]["location"], "fileId");
    let f = d.file(id, "id,driveId,parents,owners,capabilities/canDelete,capabilities/canReadDrive").await;
    assert_eq!(f["driveId"], drive);
    assert_eq!(f["parents"][0], ids::TEAM_LAUNCH_FOLDER);
    assert!(f.get("owners").is_none(), "shared drive files have no owners");
    assert_eq!(f["capabilities"]["canReadDrive"], true);
    let reader = d.file(ids::FINANCE_FORECAST_SHEET, "capabilities(canEdit,canShare)").await;
    assert_eq!(reader["capabilities"], serde_json::json!({"canEdit": false, "canShare": false}));

    let drives = d.ok("/drive/v3/drives").await;
    assert_eq!(drives["kind"], "drive#driveList");
    let list: Vec<&str> = drives["drives"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(list, ["Atlas Team", "Finance"]);
    assert_eq!(drives["drives"][0].as_object().unwrap().len(), 3, "default fields kind,id,name");
    let found = d.ok(&format!("/drive/v3/drives?q={}", enc("name contains 'atlas' and hidden = false"))).await;
    assert_eq!(found["drives"].as_array().unwrap().len(), 1);
    let got = d.ok(&format!("/drive/v3/drives/{drive}?fields=id,name,capabilities/canManageMembers")).await;
    assert_eq!(got["capabilities"]["canManageMembers"], true);
    let r = d.get("/drive/v3/drives/0ANoSuchDriveUk9PVA").await;
    assert_eq!((r.status, r.reason()), (404, "notFound".to_string()));
    d.assert_valid();
}

#[tokio::test]
async fn metadata_fields_and_access() {
    let d = start().await;
    let logo = d
        .file(ids::LOGO_PNG, "id,name,size,imageMediaMetadata,webContentLink,webViewLink,owners,capabilities/canShare,sha256Checksum,parents")
        .await;
    assert_eq!(logo["imageMediaMetadata"]["width"], 64);
    assert!(logo["size"].as_str().unwrap().parse::<u64>().unwrap() > 100);
    assert_eq!(logo["owners"][0]["emailAddress"], USER);
    assert_eq!(logo["owners"][0]["me"], true);
    assert_eq!(logo["capabilities"]["canShare"], true);
    assert_eq!(logo["sha256Checksum"].as_str().unwrap().len(), 64);
    assert!(logo["webContentLink"].as_str().unwrap().contains(ids::LOGO_PNG));
    assert_eq!(logo["parents"][0], ids::FOLDER_ATLAS_DESIGN);

    let plan = d.file(ids::ATLAS_PLAN_DOC, "*").await;
    assert_eq!(
        plan["webViewLink"],
        format!("https://docs.google.com/document/d/{}/edit?usp=drivesdk", ids::ATLAS_PLAN_DOC)
    );
    assert_eq!(plan["lastModifyingUser"]["displayName"], "Priya Shah");
    assert_eq!(plan["shared"], true);
    assert!(plan.get("webContentLink").is_none() && plan.get("size").is_none());
    assert!(plan["exportLinks"]["application/pdf"].as_str().is_some());
    let perms = plan["permissions"].as_array().unwrap();
    assert!(
        perms.iter().any(|p| p["emailAddress"] == "priya.shah@example.com" && p["role"] == "writer"),
        "inherited from the Atlas folder"
    );
    assert_eq!(plan["properties"]["quarter"], "Q3");

    let hiring = d
        .file(
            ids::HIRING_PLAN_DOC,
            "owners,sharingUser,sharedWithMeTime,parents,capabilities(canEdit,canDelete,canShare,canTrash)",
        )
        .await;
    assert_eq!(hiring["owners"][0]["emailAddress"], "priya.shah@example.com");
    assert_eq!(hiring["sharingUser"]["displayName"], "Priya Shah");
    assert!(hiring.get("parents").is_none(), "Priya's folder is not visible");
    assert_eq!(
        hiring["capabilities"],
        serde_json::json!({"canEdit": true, "canDelete": false, "canShare": true, "canTrash": false})
    );

    let public = d.file(ids::ATLAS_FAQ_PUBLIC_DOC, "permissions(id,type,role,allowFileDiscovery)").await;
    assert!(
        public["permissions"].as_array().unwrap().iter().any(|p| p["id"] == "anyoneWithLink" && p["type"] == "anyone")
    );
    let root = d.file("root", "id,name,mimeType").await;
    assert_eq!(root["id"], ids::MY_DRIVE_ROOT);
    let r = d.get(&format!("/drive/v3/files/{}", ids::PRIYA_PRIVATE_DOC)).await;
    assert_eq!((r.status, r.reason()), (404, "notFound".to_string()));
    let travel = d.file(ids::TRAVEL_POLICY_DOC, "capabilities/canEdit").await;
    assert_eq!(travel["capabilities"]["canEdit"], false);
    let r = d.get("/drive/v3/files?fields=files(id,nmae)").await;
    assert_eq!(r.status, 400, "a misspelt field is refused like Google does");
    assert_eq!(d.handle.validation_failures(), 1);
}

#[tokio::test]
async fn downloads_and_exports() {
    let d = start().await;
    let pdf = d.get(&format!("/drive/v3/files/{}?alt=media", ids::ROADMAP_PDF)).await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type").as_deref(), Some("application/pdf"));
    assert!(pdf.bytes.starts_with(b"%PDF-1.4"));
    let part = d
        .send(
            d.client
                .get(d.url(&format!("/drive/v3/files/{}?alt=media", ids::ROADMAP_PDF)))
                .header("range", "bytes=0-3"),
        )
        .await;
    assert_eq!((part.status, part.bytes.as_slice()), (206, &b"%PDF"[..]));
    assert_eq!(part.header("content-range"), Some(format!("bytes 0-3/{}", pdf.bytes.len())));
    let txt = d.get(&format!("/drive/v3/files/{}?alt=media", ids::UEBERSICHT_TXT)).await;
    assert!(txt.text().starts_with("Übersicht 2026"));

    let r = d.get(&format!("/drive/v3/files/{}?alt=media", ids::ATLAS_PLAN_DOC)).await;
    assert_eq!((r.status, r.reason()), (403, "fileNotDownloadable".to_string()));
    let r = d.get(&format!("/drive/v3/files/{}?alt=media", ids::MOCKUPS_PNG)).await;
    assert_eq!((r.status, r.reason()), (403, "cannotDownloadFile".to_string()));

    let export = |id: &str, mime: &str| format!("/drive/v3/files/{id}/export?mimeType={}", enc(mime));
    let plain = d.get(&export(ids::ATLAS_PLAN_DOC, "text/plain")).await;
    assert_eq!(plain.status, 200);
    let text = plain.text();
    assert!(text.starts_with('\u{feff}'), "Docs' text export starts with a BOM");
    assert!(text.contains("Goals\r\n* Sync engine v2 ships in July."), "{text}");
    assert!(text.contains("Dashboard design in Figma") && !text.contains("figma.com"));
    let md = d.get(&export(ids::ATLAS_PLAN_DOC, "text/markdown")).await.text();
    assert!(
        md.contains("# Goals")
            && md.contains("[Dashboard design in Figma](https://www.figma.com/file/atlas-dashboard-v2)"),
        "{md}"
    );
    let html = d.get(&export(ids::ATLAS_PLAN_DOC, "text/html")).await;
    assert!(html.text().contains("<h1>Goals</h1>"));
    assert_eq!(html.header("content-type").as_deref(), Some("text/html"));
    let as_pdf = d.get(&export(ids::ATLAS_PLAN_DOC, "application/pdf")).await;
    assert!(as_pdf.bytes.starts_with(b"%PDF"));
    let docx = d
        .get(&export(ids::ATLAS_PLAN_DOC, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        .await;
    assert!(docx.bytes.starts_with(b"PK") && docx.bytes.windows(17).any(|w| w == b"word/document.xml"));
    let csv = d.get(&export(ids::ATLAS_BUDGET_SHEET, "text/csv")).await.text();
    assert_eq!(csv.lines().next(), Some("Category,Planned (EUR),Actual (EUR),Owner,Notes"));
    assert!(csv.contains("Total,21000,20865,,"));
    let slides = d.get(&export(ids::ATLAS_KICKOFF_SLIDES, "text/plain")).await.text();
    assert!(slides.contains("Timeline\nJuly: sync engine v2"), "{slides}");
    let ja = d.get(&export(ids::MEETING_NOTES_JA_DOC, "text/plain")).await.text();
    assert!(ja.contains("議題"));

    let r = d.get(&export(ids::ATLAS_PLAN_DOC, "text/csv")).await;
    assert_eq!(
        (r.status, r.json()["error"]["message"].clone()),
        (400, Value::from("The requested conversion is not supported."))
    );
    let r = d.get(&export(ids::ROADMAP_PDF, "text/plain")).await;
    assert_eq!((r.status, r.reason()), (403, "fileNotExportable".to_string()));
    let r = d.get(&format!("/drive/v3/files/{}/export", ids::ATLAS_PLAN_DOC)).await;
    assert_eq!(r.status, 400, "mimeType is required");
    assert_eq!(d.handle.validation_failures(), 1);
}

#[tokio::test]
async fn about_needs_fields() {
    let d = start().await;
    let r = d.get("/drive/v3/about").await;
    assert_eq!((r.status, r.reason()), (400, "required".to_string()));
    let about = d.ok("/drive/v3/about?fields=user,storageQuota,exportFormats,importFormats").await;
    assert_eq!(about["user"]["emailAddress"], USER);
    assert_eq!(about["user"]["me"], true);
    assert!(about["storageQuota"]["usage"].as_str().unwrap().parse::<u64>().unwrap() > 1000);
    assert!(
        about["exportFormats"]["application/vnd.google-apps.document"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "text/markdown")
    );
    assert!(
        about["importFormats"]["text/csv"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "application/vnd.google-apps.spreadsheet")
    );
    assert!(about.get("kind").is_none(), "only the asked fields");
    d.assert_valid();
}
