//! Sharing: permissions list/get/create/update/delete for users, groups, domains and
//! anyone with the link; ownership transfer; expirations; what non-sharers may not do.

use serde_json::json;

use crate::support::{ids, start};

fn perm_path(file: &str, rest: &str) -> String {
    format!("/drive/v3/files/{file}/permissions{rest}")
}

#[tokio::test]
async fn list_get_create_update_delete() {
    let d = start().await;
    let file = ids::NOTES_MD;
    let list = d.ok(&perm_path(file, "")).await;
    assert_eq!(list["kind"], "drive#permissionList");
    let perms = list["permissions"].as_array().unwrap();
    assert_eq!(perms.len(), 1);
    assert_eq!(perms[0]["role"], "owner");
    assert_eq!(perms[0]["emailAddress"], "alex.rivera@example.com");

    let r = d
        .post(
            &perm_path(file, "?sendNotificationEmail=true&emailMessage=For%20review"),
            json!({"type": "user", "role": "writer", "emailAddress": "lena.fischer@example.com"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let lena = r.json();
    assert_eq!((lena["role"].as_str(), lena["displayName"].as_str()), (Some("writer"), Some("Lena Fischer")));
    let lena_id = lena["id"].as_str().unwrap().to_string();
    assert_eq!(lena_id.len(), 20);
    let got = d.ok(&perm_path(file, &format!("/{lena_id}?fields=id,role,emailAddress"))).await;
    assert_eq!(got, json!({"id": lena_id, "role": "writer", "emailAddress": "lena.fischer@example.com"}));

    let link = d.post(&perm_path(file, ""), json!({"type": "anyone", "role": "reader"})).await.json();
    assert_eq!((link["id"].as_str(), link["allowFileDiscovery"].as_bool()), (Some("anyoneWithLink"), Some(false)));
    let shared = d.file(file, "shared,permissionIds").await;
    assert_eq!(shared["shared"], true);
    assert_eq!(shared["permissionIds"].as_array().unwrap().len(), 3);
    let public = d.names(&[("q", "visibility = 'anyoneWithLink'")]).await;
    assert!(public.contains(&"notes.md".to_string()));
    let domain = d
        .post(
            &perm_path(file, ""),
            json!({"type": "domain", "role": "commenter", "domain": "example.com", "allowFileDiscovery": true}),
        )
        .await
        .json();
    assert!(domain["id"].as_str().unwrap().ends_with('k'));
    let group = d
        .post(
            &perm_path(file, "?sendNotificationEmail=false"),
            json!({"type": "group", "role": "reader", "emailAddress": "atlas-team@example.com"}),
        )
        .await;
    assert_eq!(group.status, 200, "{}", group.text());

    let expires = (wsmcp_testkit::now() + chrono::Duration::days(7)).to_rfc3339();
    let upd = d
        .patch(&perm_path(file, &format!("/{lena_id}")), json!({"role": "commenter", "expirationTime": expires}))
        .await;
    assert_eq!(upd.status, 200, "{}", upd.text());
    assert_eq!(upd.json()["role"], "commenter");
    assert!(upd.json()["expirationTime"].is_string());
    let cleared = d.patch(&perm_path(file, &format!("/{lena_id}?removeExpiration=true")), json!({})).await.json();
    assert!(cleared.get("expirationTime").is_none());
    let r = d.patch(&perm_path(file, &format!("/{lena_id}")), json!({"emailAddress": "x@example.com"})).await;
    assert_eq!((r.status, r.reason()), (403, "fieldNotWritable".to_string()));

    assert_eq!(d.delete(&perm_path(file, "/anyoneWithLink")).await.status, 204);
    assert_eq!(d.delete(&perm_path(file, &format!("/{lena_id}"))).await.status, 204);
    let r = d.get(&perm_path(file, &format!("/{lena_id}"))).await;
    assert_eq!(
        (r.status, r.json()["error"]["message"].clone()),
        (404, json!(format!("Permission not found: {lena_id}.")))
    );
    let page = d.ok(&perm_path(file, "?pageSize=1")).await;
    assert_eq!(page["permissions"].as_array().unwrap().len(), 1);
    assert!(page["nextPageToken"].is_string());
    d.assert_valid();
}

#[tokio::test]
async fn ownership_and_refusals() {
    let d = start().await;
    let file = ids::UEBERSICHT_TXT;
    let body = json!({"type": "user", "role": "owner", "emailAddress": "priya.shah@example.com"});
    let r = d.post(&perm_path(file, ""), body.clone()).await;
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json()["error"]["message"],
        "The transferOwnership parameter must be enabled when the permission role is 'owner'."
    );
    let r = d
        .post(
            &perm_path(file, "?transferOwnership=true"),
            json!({"type": "user", "role": "owner", "emailAddress": "dana.whitfield@northwind.example"}),
        )
        .await;
    assert_eq!((r.status, r.reason()), (403, "invalidSharingRequest".to_string()));
    let r = d.post(&perm_path(file, "?transferOwnership=true"), body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let meta = d.file(file, "owners(emailAddress),ownedByMe,capabilities(canShare,canDelete)").await;
    assert_eq!(meta["owners"][0]["emailAddress"], "priya.shah@example.com");
    assert_eq!(meta["ownedByMe"], false);
    assert_eq!(meta["capabilities"], json!({"canShare": true, "canDelete": false}));
    let me = d.ok(&perm_path(file, "")).await;
    assert!(
        me["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["emailAddress"] == "alex.rivera@example.com" && p["role"] == "writer")
    );

    let r = d.post(&perm_path(ids::NOTES_MD, ""), json!({"type": "user", "role": "writer"})).await;
    assert_eq!((r.status, r.reason()), (400, "required".to_string()));
    let r = d
        .post(&perm_path(ids::NOTES_MD, ""), json!({"type": "user", "role": "boss", "emailAddress": "a@example.com"}))
        .await;
    assert_eq!(r.status, 400);
    let r = d
        .post(
            &perm_path(ids::NOTES_MD, ""),
            json!({"type": "user", "role": "organizer", "emailAddress": "a@example.com"}),
        )
        .await;
    assert_eq!(r.status, 400, "organizer exists only in shared drives");
    let r = d
        .post(
            &perm_path(ids::NOTES_MD, "?sendNotificationEmail=false"),
            json!({"type": "user", "role": "reader", "emailAddress": "someone@nowhere.example"}),
        )
        .await;
    assert_eq!((r.status, r.reason()), (400, "invalidSharingRequest".to_string()));
    let past = (wsmcp_testkit::now() - chrono::Duration::days(1)).to_rfc3339();
    let r = d
        .post(&perm_path(ids::NOTES_MD, ""), json!({"type": "user", "role": "reader", "emailAddress": "marco.bianchi@example.com", "expirationTime": past}))
        .await;
    assert_eq!((r.status, r.reason()), (400, "expirationDatesMustBeInTheFuture".to_string()));
    let r = d.post(&perm_path(ids::MOCKUPS_PNG, ""), json!({"type": "anyone", "role": "reader"})).await;
    assert_eq!((r.status, r.reason()), (403, "insufficientFilePermissions".to_string()));
    let owner_id = d.ok(&perm_path(ids::NOTES_MD, "")).await["permissions"][0]["id"].as_str().unwrap().to_string();
    let r = d.delete(&perm_path(ids::NOTES_MD, &format!("/{owner_id}"))).await;
    assert_eq!((r.status, r.reason()), (403, "cannotDeletePermission".to_string()));
    // Inherited from the Atlas folder: change it on the folder, not on the file.
    let inherited = d.ok(&perm_path(ids::ATLAS_BUDGET_SHEET, "")).await;
    let priya = inherited["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["emailAddress"] == "priya.shah@example.com")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = d.delete(&perm_path(ids::ATLAS_BUDGET_SHEET, &format!("/{priya}"))).await;
    assert_eq!(r.status, 403);
    // Shared drive items need supportsAllDrives and list the drive's members.
    assert_eq!(d.get(&perm_path(ids::TEAM_OKRS_SHEET, "")).await.status, 404);
    let team = d.ok(&perm_path(ids::TEAM_OKRS_SHEET, "?supportsAllDrives=true")).await;
    let members = team["permissions"].as_array().unwrap();
    assert_eq!(members.len(), 4);
    assert_eq!(members[0]["permissionDetails"][0]["inherited"], true);
    let r = d
        .post(
            &perm_path(ids::TEAM_OKRS_SHEET, "?supportsAllDrives=true"),
            json!({"type": "user", "role": "fileOrganizer", "emailAddress": "kenji.watanabe@example.jp"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    d.assert_valid();
}
