//! Sharing through the binary: manage_drive_access (grant, update, revoke),
//! set_drive_file_permissions (anyone with the link), and the three readers of sharing
//! state: get_drive_shareable_link, get_drive_file_permissions and
//! check_drive_file_public_access.

use serde_json::json;
use wsmcp_drive::sandbox::seed::ids;

use super::{all_drives_everywhere, refused};
use crate::harness::{HttpServer, assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

const KENJI: &str = "kenji.watanabe@example.jp";

/// The permission id on the line of get_drive_file_permissions that names `who`.
fn permission_id(listing: &str, who: &str) -> Option<String> {
    let line = listing.lines().find(|l| l.contains(who))?;
    let rest = line.split("[id: ").nth(1)?;
    Some(rest.split([',', ']']).next()?.to_string())
}

/// Kenji is granted comment access to notes.md (permissions.create with the notification
/// and its message), promoted to writer (a PATCH of the role alone) and revoked (DELETE);
/// get_drive_file_permissions shows each state. A bad address is refused before any
/// request, an unknown permission is Drive's 404, and a reader cannot share (403).
#[tokio::test]
async fn grant_update_and_revoke_access_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    let grant = json!({"file_id": ids::NOTES_MD, "action": "grant", "share_with": KENJI, "role": "commenter", "email_message": "Notes from the sync"});
    let out = ok(&client, "manage_drive_access", grant).await;
    assert!(
        out.starts_with(&format!("Sharing \"notes.md\" (id: {}):\n  - granted commenter: user {KENJI}", ids::NOTES_MD)),
        "{out}"
    );
    let create = requests_for(&sb, "drive.permissions.create").pop().unwrap();
    assert_eq!(
        (create.method.as_str(), create.path.clone()),
        ("POST", format!("/drive/v3/files/{}/permissions", ids::NOTES_MD))
    );
    assert_eq!(create.body.clone().unwrap(), json!({"type": "user", "role": "commenter", "emailAddress": KENJI}));
    assert_eq!(create.query_param("sendNotificationEmail"), Some("true"));
    assert_eq!(create.query_param("emailMessage"), Some("Notes from the sync"));

    let listed = ok(&client, "get_drive_file_permissions", json!({"file_id": ids::NOTES_MD})).await;
    assert!(listed.contains(&format!("commenter: user {KENJI}")), "{listed}");
    let pid = permission_id(&listed, KENJI).unwrap_or_else(|| panic!("no permission id for {KENJI}:\n{listed}"));
    assert!(out.contains(&format!("[id: {pid}")), "the grant named the same permission:\n{out}");

    let out = ok(
        &client,
        "manage_drive_access",
        json!({"file_id": ids::NOTES_MD, "action": "update", "permission_id": pid, "role": "writer"}),
    )
    .await;
    assert!(
        out.starts_with("Updated a permission on \"notes.md\"") && out.contains(&format!("writer: user {KENJI}")),
        "{out}"
    );
    let update = requests_for(&sb, "drive.permissions.update").pop().unwrap();
    assert_eq!(
        (update.method.as_str(), update.path.clone()),
        ("PATCH", format!("/drive/v3/files/{}/permissions/{pid}", ids::NOTES_MD))
    );
    assert_eq!(update.body.clone().unwrap(), json!({"role": "writer"}));
    let listed = ok(&client, "get_drive_file_permissions", json!({"file_id": ids::NOTES_MD})).await;
    assert!(
        listed.contains(&format!("writer: user {KENJI}")) && !listed.contains(&format!("commenter: user {KENJI}")),
        "{listed}"
    );

    let out =
        ok(&client, "manage_drive_access", json!({"file_id": ids::NOTES_MD, "action": "revoke", "permission_id": pid}))
            .await;
    assert_eq!(out, format!("Revoked permission {pid} on \"notes.md\" (id: {}).\n", ids::NOTES_MD));
    let delete = requests_for(&sb, "drive.permissions.delete").pop().unwrap();
    assert_eq!(
        (delete.method.as_str(), delete.path.clone(), delete.status),
        ("DELETE", format!("/drive/v3/files/{}/permissions/{pid}", ids::NOTES_MD), 204)
    );
    let listed = ok(&client, "get_drive_file_permissions", json!({"file_id": ids::NOTES_MD})).await;
    assert!(!listed.contains(KENJI) && listed.contains("owner: user alex.rivera@example.com"), "{listed}");

    let bad = json!({"file_id": ids::NOTES_MD, "action": "grant", "share_with": "kenji at example.jp"});
    refused(
        &client,
        &sb,
        "manage_drive_access",
        bad,
        &["Invalid input: \"kenji at example.jp\" is not an email address"],
    )
    .await;
    let e = err(
        &client,
        "manage_drive_access",
        json!({"file_id": ids::NOTES_MD, "action": "revoke", "permission_id": "no-such-permission"}),
    )
    .await;
    assert!(e.contains("404"), "{e}");
    assert_eq!(requests_for(&sb, "drive.permissions.delete").pop().unwrap().status, 404);
    let e = err(
        &client,
        "manage_drive_access",
        json!({"file_id": ids::FINANCE_FORECAST_SHEET, "action": "grant", "share_with": KENJI}),
    )
    .await;
    assert!(e.contains("403"), "a reader of the Finance drive cannot share: {e}");
    assert_eq!(requests_for(&sb, "drive.permissions.create").pop().unwrap().status, 403);
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}

/// notes.md starts private; set_drive_file_permissions opens it to anyone with the link
/// (an `anyone` reader permission, not discoverable), which the shareable link, the
/// permissions view and the public-access check (searching all drives by exact name) then
/// report, and turning link sharing off closes it again. The seeded public FAQ reads as
/// public, and a shared-drive item's permissions come from permissions.list. A call with
/// nothing to set is refused; Priya's private doc is Drive's 404.
#[tokio::test]
async fn link_sharing_and_public_access_over_http() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let server = HttpServer::start(command(&sb, home.path())).await;
    let client = server.client().await;

    let out = ok(&client, "check_drive_file_public_access", json!({"file_name": "notes.md"})).await;
    assert!(
        out.starts_with(&format!("File: \"notes.md\" (id: {}, text/markdown)\nShared: no\n", ids::NOTES_MD)),
        "{out}"
    );
    assert!(
        out.contains("Public access: NO.") && out.contains("set_drive_file_permissions with link_sharing \"reader\""),
        "{out}"
    );
    let list = requests_for(&sb, "drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("q"), Some("name = 'notes.md' and trashed = false"));
    assert_eq!(
        (list.query_param("corpora"), list.query_param("includeItemsFromAllDrives")),
        (Some("allDrives"), Some("true"))
    );
    let link = ok(&client, "get_drive_shareable_link", json!({"file_id": ids::NOTES_MD})).await;
    assert!(link.contains("Shared: no") && link.contains("Only the people below can open the link."), "{link}");

    let out =
        ok(&client, "set_drive_file_permissions", json!({"file_id": ids::NOTES_MD, "link_sharing": "reader"})).await;
    assert!(out.contains("  - link sharing: on, anyone with the link is a reader\n"), "{out}");
    let create = requests_for(&sb, "drive.permissions.create").pop().unwrap();
    assert_eq!(create.path, format!("/drive/v3/files/{}/permissions", ids::NOTES_MD));
    assert_eq!(create.body.clone().unwrap(), json!({"type": "anyone", "role": "reader", "allowFileDiscovery": false}));

    let link = ok(&client, "get_drive_shareable_link", json!({"file_id": ids::NOTES_MD})).await;
    assert!(link.contains("Shared: yes") && link.contains("Anyone with the link can open it (reader)."), "{link}");
    assert!(link.contains("  View: https://") && link.contains("  Download: https://"), "{link}");
    assert!(link.contains("reader: anyone with the link [id: "), "{link}");
    let perms = ok(&client, "get_drive_file_permissions", json!({"file_id": ids::NOTES_MD})).await;
    assert!(perms.contains("Public: anyone with the link (reader)"), "{perms}");
    let out = ok(&client, "check_drive_file_public_access", json!({"file_name": "notes.md"})).await;
    assert!(out.contains("Public access: YES, anyone with the link:\n  - reader: anyone with the link"), "{out}");
    assert!(
        out.contains(&format!(
            "Direct image/content URL: https://drive.google.com/uc?export=view&id={}",
            ids::NOTES_MD
        )),
        "{out}"
    );

    let out = ok(&client, "set_drive_file_permissions", json!({"file_id": ids::NOTES_MD, "link_sharing": "off"})).await;
    assert!(out.contains("  - link sharing: off"), "{out}");
    assert_eq!(requests_for(&sb, "drive.permissions.delete").pop().unwrap().status, 204);
    assert!(
        ok(&client, "check_drive_file_public_access", json!({"file_name": "notes.md"}))
            .await
            .contains("Public access: NO.")
    );

    let faq = ok(&client, "get_drive_shareable_link", json!({"file_id": ids::ATLAS_FAQ_PUBLIC_DOC})).await;
    assert!(
        faq.starts_with(&format!("File: \"Atlas public FAQ\" (id: {}, Google Doc)", ids::ATLAS_FAQ_PUBLIC_DOC)),
        "{faq}"
    );
    assert!(faq.contains("Anyone with the link can open it (reader)."), "{faq}");

    let lists_before = requests_for(&sb, "drive.permissions.list").len();
    let team = ok(&client, "get_drive_file_permissions", json!({"file_id": ids::TEAM_CHECKLIST_DOC})).await;
    assert!(
        team.contains(&format!("Shared drive: {}", ids::ATLAS_TEAM_DRIVE))
            && team.contains("none listed (shared-drive items belong to the drive)"),
        "{team}"
    );
    assert!(team.contains("organizer: user alex.rivera@example.com") && team.contains("Public: no."), "{team}");
    let lists = requests_for(&sb, "drive.permissions.list");
    assert_eq!(lists.len(), lists_before + 1, "shared-drive permissions are listed");
    let list = lists.last().unwrap();
    assert_eq!(list.path, format!("/drive/v3/files/{}/permissions", ids::TEAM_CHECKLIST_DOC));
    assert_eq!(list.query_param("supportsAllDrives"), Some("true"));

    refused(
        &client,
        &sb,
        "set_drive_file_permissions",
        json!({"file_id": ids::NOTES_MD}),
        &["pass link_sharing, writers_can_share"],
    )
    .await;
    refused(&client, &sb, "check_drive_file_public_access", json!({"file_name": " "}), &["file_name is required"])
        .await;
    let e = err(&client, "get_drive_file_permissions", json!({"file_id": ids::PRIYA_PRIVATE_DOC})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "get_drive_shareable_link", json!({"file_id": ids::PRIYA_PRIVATE_DOC})).await;
    assert!(e.contains("404"), "{e}");
    client.cancel().await.unwrap();
    all_drives_everywhere(&sb);
    assert_valid(&sb);
}
