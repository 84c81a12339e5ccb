//! Changing Drive: folders and metadata-only files, copy, update (rename, star,
//! properties, moves), trash, empty trash, delete, generated ids, and the refusals on each.

use serde_json::{Value, json};

use crate::support::{enc, ids, start};

#[tokio::test]
async fn folders_and_metadata_only_files() {
    let d = start().await;
    let r = d
        .post(
            "/drive/v3/files?fields=id,name,mimeType,parents,owners(emailAddress),webViewLink",
            json!({"name": "Offsite 2026", "mimeType": "application/vnd.google-apps.folder", "parents": [ids::FOLDER_PROJECTS]}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let folder = r.json();
    let folder_id = folder["id"].as_str().unwrap().to_string();
    assert_eq!(folder_id.len(), 33);
    assert_eq!(folder["parents"][0], ids::FOLDER_PROJECTS);
    assert!(folder["webViewLink"].as_str().unwrap().ends_with(&format!("/drive/folders/{folder_id}")));
    let doc = d
        .post(
            "/drive/v3/files",
            json!({"name": "Agenda", "mimeType": "application/vnd.google-apps.document", "parents": [folder_id]}),
        )
        .await
        .json();
    assert_eq!(doc.as_object().unwrap().len(), 4, "default fields: {doc}");
    let exported = d.get(&format!("/drive/v3/files/{}/export?mimeType=text/plain", doc["id"].as_str().unwrap())).await;
    assert_eq!(exported.status, 200);
    let untitled = d.post("/drive/v3/files?fields=name,mimeType,parents", json!({})).await.json();
    assert_eq!(untitled["name"], "Untitled");
    assert_eq!(untitled["parents"][0], ids::MY_DRIVE_ROOT);

    let r = d.post("/drive/v3/files", json!({"name": "x", "parents": ["1NoSuchFolder"]})).await;
    assert_eq!((r.status, r.json()["error"]["message"].clone()), (404, Value::from("File not found: 1NoSuchFolder.")));
    let r = d.post("/drive/v3/files", json!({"name": "x", "parents": [ids::NOTES_MD]})).await;
    assert_eq!(r.status, 400, "a file is not a folder");
    let r = d.post("/drive/v3/files", json!({"name": "x", "parents": [ids::FOLDER_ATLAS, ids::FOLDER_RECEIPTS]})).await;
    assert_eq!((r.status, r.reason()), (403, "cannotAddParent".to_string()));
    let r = d.post("/drive/v3/files", json!({"name": "x", "size": "10"})).await;
    assert_eq!((r.status, r.reason()), (403, "fieldNotWritable".to_string()));
    let r = d.post("/drive/v3/files", json!({"name": "x", "parents": [ids::TEAM_LAUNCH_FOLDER]})).await;
    assert_eq!(r.status, 404, "shared drive parent without supportsAllDrives");
    let r = d
        .post(
            "/drive/v3/files?supportsAllDrives=true&fields=driveId,owners",
            json!({"name": "x", "parents": [ids::TEAM_LAUNCH_FOLDER]}),
        )
        .await;
    assert_eq!(r.json()["driveId"], ids::ATLAS_TEAM_DRIVE);
    let r =
        d.post("/drive/v3/files?supportsAllDrives=true", json!({"name": "x", "parents": [ids::FINANCE_DRIVE]})).await;
    assert_eq!((r.status, r.reason()), (403, "insufficientParentPermissions".to_string()));
    let r = d.post("/drive/v3/files", json!({"name": "x", "color": "red"})).await;
    assert_eq!(r.status, 400, "unknown field refused by Discovery");
    assert_eq!(d.handle.validation_failures(), 1);
}

#[tokio::test]
async fn copy_update_move_trash_delete() {
    let d = start().await;
    let f = "fields=id,name,parents,starred,trashed,explicitlyTrashed,properties,description,modifiedTime,version";
    let copy = d.post(&format!("/drive/v3/files/{}/copy?{f}", ids::ATLAS_PLAN_DOC), json!({})).await.json();
    assert_eq!(copy["name"], "Copy of Atlas Q3 plan");
    assert_eq!(copy["parents"][0], ids::FOLDER_ATLAS);
    assert_eq!(copy["starred"], false);
    let copy_id = copy["id"].as_str().unwrap().to_string();
    let text = d.get(&format!("/drive/v3/files/{copy_id}/export?mimeType=text/plain")).await.text();
    assert!(text.contains("Sync engine v2"));
    let named = d
        .post(
            &format!("/drive/v3/files/{}/copy?fields=name,parents", ids::HIRING_PLAN_DOC),
            json!({"name": "My hiring notes", "parents": [ids::FOLDER_PERSONAL]}),
        )
        .await
        .json();
    assert_eq!(named["parents"][0], ids::FOLDER_PERSONAL);
    let r = d.post(&format!("/drive/v3/files/{}/copy", ids::MOCKUPS_PNG), json!({})).await;
    assert_eq!((r.status, r.reason()), (403, "cannotCopyFile".to_string()));
    let r = d.post(&format!("/drive/v3/files/{}/copy", ids::FOLDER_ATLAS), json!({})).await;
    assert_eq!(r.status, 403, "folders cannot be copied");

    let before = d.file(&copy_id, "modifiedTime,version").await;
    let upd = d
        .patch(&format!("/drive/v3/files/{copy_id}?{f}"), json!({"name": "Atlas Q4 plan", "description": "Next quarter", "starred": true, "properties": {"quarter": "Q4", "project": null}}))
        .await;
    assert_eq!(upd.status, 200, "{}", upd.text());
    let upd = upd.json();
    assert_eq!(upd["name"], "Atlas Q4 plan");
    assert_eq!(upd["properties"], json!({"quarter": "Q4"}));
    assert!(upd["modifiedTime"].as_str() >= before["modifiedTime"].as_str());
    assert_ne!(upd["version"], before["version"]);

    let moved = d
        .patch(
            &format!(
                "/drive/v3/files/{copy_id}?addParents={}&removeParents={}&{f}",
                ids::FOLDER_PERSONAL,
                ids::FOLDER_ATLAS
            ),
            json!({}),
        )
        .await
        .json();
    assert_eq!(moved["parents"], json!([ids::FOLDER_PERSONAL]));
    let r = d.patch(&format!("/drive/v3/files/{copy_id}?addParents={}", ids::FOLDER_RECEIPTS), json!({})).await;
    assert_eq!((r.status, r.reason()), (403, "cannotAddParent".to_string()));
    let r = d.patch(&format!("/drive/v3/files/{copy_id}"), json!({"parents": [ids::FOLDER_RECEIPTS]})).await;
    assert_eq!((r.status, r.reason()), (403, "fieldNotWritable".to_string()));
    let r = d
        .patch(
            &format!(
                "/drive/v3/files/{}?addParents={}&removeParents={}",
                ids::FOLDER_PROJECTS,
                ids::FOLDER_ATLAS_DESIGN,
                ids::MY_DRIVE_ROOT
            ),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 400, "a folder cannot move into its own subfolder");

    // Into the shared drive: the drive takes ownership.
    let team = d
        .patch(&format!("/drive/v3/files/{copy_id}?supportsAllDrives=true&addParents={}&removeParents={}&fields=driveId,owners,parents", ids::TEAM_LAUNCH_FOLDER, ids::FOLDER_PERSONAL), json!({}))
        .await;
    assert_eq!(team.status, 200, "{}", team.text());
    assert_eq!(team.json()["driveId"], ids::ATLAS_TEAM_DRIVE);
    assert!(team.json().get("owners").is_none());

    // Commenters and readers cannot rename; anyone with access can star.
    let r = d.patch(&format!("/drive/v3/files/{}", ids::MOCKUPS_PNG), json!({"name": "mine"})).await;
    assert_eq!((r.status, r.reason()), (403, "insufficientFilePermissions".to_string()));
    let r = d.patch(&format!("/drive/v3/files/{}?fields=starred", ids::MOCKUPS_PNG), json!({"starred": true})).await;
    assert_eq!(r.json()["starred"], true);
    let r = d.patch(&format!("/drive/v3/files/{}", ids::HIRING_PLAN_DOC), json!({"trashed": true})).await;
    assert_eq!(r.status, 403, "only the owner trashes in My Drive");

    // Trash a folder: its files follow; restore brings them back.
    let atlas = ids::FOLDER_ATLAS;
    let t = d.patch(&format!("/drive/v3/files/{atlas}?{f}"), json!({"trashed": true})).await.json();
    assert_eq!((t["trashed"].clone(), t["explicitlyTrashed"].clone()), (json!(true), json!(true)));
    let child = d.file(ids::ATLAS_BUDGET_SHEET, "trashed,explicitlyTrashed").await;
    assert_eq!(child, json!({"trashed": true, "explicitlyTrashed": false}));
    let trashed = d.names(&[("q", "trashed = true")]).await;
    assert!(trashed.len() >= 12, "{trashed:?}");
    d.patch(&format!("/drive/v3/files/{atlas}"), json!({"trashed": false})).await;
    assert_eq!(d.file(ids::ATLAS_BUDGET_SHEET, "trashed").await["trashed"], false);

    // Empty trash removes what the user trashed; delete removes at once.
    let r = d.delete("/drive/v3/files/trash").await;
    assert_eq!(r.status, 204);
    assert_eq!(d.get(&format!("/drive/v3/files/{}", ids::TRASHED_DRAFT_TXT)).await.status, 404);
    let r = d.delete(&format!("/drive/v3/files/{}", ids::FOLDER_RECEIPTS)).await;
    assert_eq!(r.status, 204);
    assert_eq!(d.get(&format!("/drive/v3/files/{}", ids::SKYLINE_RECEIPT_PDF)).await.status, 404);
    let r = d.delete(&format!("/drive/v3/files/{}", ids::HIRING_PLAN_DOC)).await;
    assert_eq!((r.status, r.reason()), (403, "insufficientFilePermissions".to_string()));
    let r = d.delete("/drive/v3/files/1NoSuchFile").await;
    assert_eq!(r.status, 404);
    d.assert_valid();
}

#[tokio::test]
async fn generated_ids_and_reset() {
    let d = start().await;
    let ids_reply = d.ok("/drive/v3/files/generateIds?count=2").await;
    assert_eq!(ids_reply["kind"], "drive#generatedIds");
    let id = ids_reply["ids"][0].as_str().unwrap().to_string();
    let made = d.post("/drive/v3/files?fields=id", json!({"id": id, "name": "pre-made id"})).await.json();
    assert_eq!(made["id"], id.as_str());
    let r = d.post("/drive/v3/files", json!({"id": id, "name": "again"})).await;
    assert_eq!(r.status, 400, "an id is used once");
    let r = d.post("/drive/v3/files", json!({"id": "1MadeUpIdThatWasNeverGenerated0000", "name": "x"})).await;
    assert_eq!(r.status, 400);
    d.handle.reset();
    assert_eq!(d.get(&format!("/drive/v3/files/{}", enc(&id))).await.status, 404);
    assert_eq!(d.file(ids::NOTES_MD, "name").await["name"], "notes.md");
    d.assert_valid();
}
