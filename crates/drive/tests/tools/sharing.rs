//! Sharing: manage_drive_access, set_drive_file_permissions, and the three tools that
//! read sharing state.

use super::*;

async fn permissions(env: &Env, id: &str) -> Vec<Value> {
    let v: Value = env
        .g()
        .get(&wsmcp_core::google::ApiInfo::DRIVE, format!("/drive/v3/files/{id}/permissions"))
        .query("supportsAllDrives", "true")
        .query("fields", "permissions(id, type, role, emailAddress, domain, expirationTime)")
        .send()
        .await
        .unwrap();
    v["permissions"].as_array().cloned().unwrap_or_default()
}

fn has(perms: &[Value], kind: &str, who: &str, role: &str) -> bool {
    perms.iter().any(|p| {
        p["type"] == kind && p["role"] == role && (p["emailAddress"] == who || p["domain"] == who || kind == "anyone")
    })
}

#[tokio::test]
async fn grant_update_revoke_and_batch() {
    let env = Env::new().await;
    let out = env
        .ok("manage_drive_access", json!({"file_id": ids::NOTES_MD, "action": "grant", "share_with": "kenji.watanabe@example.jp", "role": "commenter", "email_message": "FYI"}))
        .await;
    assert!(out.text.contains("granted commenter: user kenji.watanabe@example.jp"), "{}", out.text);
    let create = env.requests("drive.permissions.create").pop().unwrap();
    assert_eq!(create.query_param("sendNotificationEmail"), Some("true"));
    assert_eq!(create.query_param("emailMessage"), Some("FYI"));
    assert_eq!(
        create.body.as_ref().unwrap(),
        &json!({"type": "user", "role": "commenter", "emailAddress": "kenji.watanabe@example.jp"})
    );
    assert!(has(&permissions(&env, ids::NOTES_MD).await, "user", "kenji.watanabe@example.jp", "commenter"));

    let perm_id = permissions(&env, ids::NOTES_MD)
        .await
        .into_iter()
        .find(|p| p["emailAddress"] == "kenji.watanabe@example.jp")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let expiry = (wsmcp_testkit::now() + chrono::Duration::days(30)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let out = env.ok("manage_drive_access", json!({"file_id": ids::NOTES_MD, "action": "update", "permission_id": perm_id, "role": "writer", "expiration_time": expiry})).await;
    assert!(
        out.text.contains("writer: user kenji.watanabe@example.jp") && out.text.contains("expires"),
        "{}",
        out.text
    );
    assert_eq!(
        env.requests("drive.permissions.update").pop().unwrap().body.unwrap(),
        json!({"role": "writer", "expirationTime": expiry})
    );
    env.ok("manage_drive_access", json!({"file_id": ids::NOTES_MD, "action": "revoke", "permission_id": perm_id}))
        .await;
    assert!(!has(&permissions(&env, ids::NOTES_MD).await, "user", "kenji.watanabe@example.jp", "writer"));

    let out = env
        .ok(
            "manage_drive_access",
            json!({"file_id": ids::NOTES_MD, "action": "grant_batch", "send_notification": false, "recipients": [
                {"email": "lena.fischer@example.com", "role": "writer"},
                {"domain": "example.com"},
                {"email": "dana.whitfield@northwind.example", "share_type": "user"}
            ]}),
        )
        .await;
    assert!(out.text.contains("3 granted, 0 failed"), "{}", out.text);
    let perms = permissions(&env, ids::NOTES_MD).await;
    assert!(
        has(&perms, "user", "lena.fischer@example.com", "writer") && has(&perms, "domain", "example.com", "reader"),
        "{perms:?}"
    );
    let creates = env.requests("drive.permissions.create");
    assert!(creates.iter().rev().take(3).all(|r| r.query_param("sendNotificationEmail") != Some("true")));
    env.done();
}

#[tokio::test]
async fn access_is_checked_before_any_change() {
    let env = Env::new().await;
    for args in [
        json!({"file_id": ids::NOTES_MD, "action": "share"}),
        json!({"file_id": ids::NOTES_MD, "action": "grant"}),
        json!({"file_id": ids::NOTES_MD, "action": "grant", "share_with": "not-an-email"}),
        json!({"file_id": ids::NOTES_MD, "action": "grant", "share_with": "a@b.io", "role": "owner"}),
        json!({"file_id": ids::NOTES_MD, "action": "grant", "share_with": "a@b.io", "expiration_time": "tomorrow"}),
        json!({"file_id": ids::NOTES_MD, "action": "grant", "share_with": "a@b.io", "expiration_time": "2999-01-01T00:00:00Z"}),
        json!({"file_id": ids::NOTES_MD, "action": "grant", "share_type": "anyone", "share_with": "a@b.io"}),
        json!({"file_id": ids::NOTES_MD, "action": "grant_batch"}),
        json!({"file_id": ids::NOTES_MD, "action": "grant_batch", "recipients": [{"email": "ok@b.io"}, {"email": "bad"}]}),
        json!({"file_id": ids::NOTES_MD, "action": "update", "role": "reader"}),
        json!({"file_id": ids::NOTES_MD, "action": "update", "permission_id": "p"}),
        json!({"file_id": ids::NOTES_MD, "action": "revoke"}),
        json!({"file_id": ids::NOTES_MD, "action": "transfer_owner"}),
    ] {
        let e = env.err("manage_drive_access", args.clone()).await;
        assert!(is_invalid(&e), "{args}: {e}");
    }
    assert!(env.requests("drive.permissions.create").is_empty(), "a bad batch entry shares with nobody");
    let e = env
        .err(
            "manage_drive_access",
            json!({"file_id": ids::NOTES_MD, "action": "revoke", "permission_id": "no-such-permission"}),
        )
        .await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    let e = env
        .err(
            "manage_drive_access",
            json!({"file_id": ids::FINANCE_FORECAST_SHEET, "action": "grant", "share_with": "a@b.io"}),
        )
        .await;
    assert_eq!(google_status(&e), Some(403), "a reader cannot share: {e}");
    env.done();
}

#[tokio::test]
async fn ownership_transfer() {
    let env = Env::new().await;
    let out = env.ok("manage_drive_access", json!({"file_id": ids::NOTES_MD, "action": "transfer_owner", "new_owner_email": "lena.fischer@example.com"})).await;
    assert!(out.text.contains("Transferred ownership") && out.text.contains("alex.rivera@example.com"), "{}", out.text);
    let create = env.requests("drive.permissions.create").pop().unwrap();
    assert_eq!(create.query_param("transferOwnership"), Some("true"));
    assert_eq!(
        create.body.unwrap(),
        json!({"type": "user", "role": "owner", "emailAddress": "lena.fischer@example.com"})
    );
    env.done();
}

#[tokio::test]
async fn link_sharing_and_settings() {
    let env = Env::new().await;
    let out = env.ok("set_drive_file_permissions", json!({"file_id": ids::NOTES_MD, "link_sharing": "reader"})).await;
    assert!(out.text.contains("link sharing: on, anyone with the link is a reader"), "{}", out.text);
    assert_eq!(
        env.requests("drive.permissions.create").pop().unwrap().body.unwrap(),
        json!({"type": "anyone", "role": "reader", "allowFileDiscovery": false})
    );
    let out =
        env.ok("set_drive_file_permissions", json!({"file_id": ids::NOTES_MD, "link_sharing": "commenter"})).await;
    assert!(out.text.contains("changed to commenter"), "{}", out.text);
    assert!(has(&permissions(&env, ids::NOTES_MD).await, "anyone", "", "commenter"));
    let out = env.ok("set_drive_file_permissions", json!({"file_id": ids::NOTES_MD, "link_sharing": "off"})).await;
    assert!(out.text.contains("link sharing: off"), "{}", out.text);
    assert!(!permissions(&env, ids::NOTES_MD).await.iter().any(|p| p["type"] == "anyone"));
    let out = env.ok("set_drive_file_permissions", json!({"file_id": ids::NOTES_MD, "link_sharing": "off"})).await;
    assert!(out.text.contains("already off"), "{}", out.text);

    env.ok(
        "set_drive_file_permissions",
        json!({"file_id": ids::NOTES_MD, "writers_can_share": false, "copy_requires_writer_permission": true}),
    )
    .await;
    assert_eq!(
        env.requests("drive.files.update").pop().unwrap().body.unwrap(),
        json!({"writersCanShare": false, "copyRequiresWriterPermission": true})
    );
    let meta = file_json(&env, ids::NOTES_MD, "writersCanShare, copyRequiresWriterPermission").await;
    assert_eq!(meta, json!({"writersCanShare": false, "copyRequiresWriterPermission": true}));

    let e = env.err("set_drive_file_permissions", json!({"file_id": ids::NOTES_MD})).await;
    assert!(is_invalid(&e));
    let e = env.err("set_drive_file_permissions", json!({"file_id": ids::NOTES_MD, "link_sharing": "public"})).await;
    assert!(is_invalid(&e));
    env.done();
}

#[tokio::test]
async fn reading_sharing_state() {
    let env = Env::new().await;
    let out = env.ok("get_drive_shareable_link", json!({"file_id": ids::ATLAS_FAQ_PUBLIC_DOC})).await;
    assert!(
        out.text.contains("Anyone with the link can open it (reader)") && out.text.contains("View: https://"),
        "{}",
        out.text
    );
    let out = env.ok("get_drive_shareable_link", json!({"file_id": ids::ATLAS_PLAN_DOC})).await;
    assert!(out.text.contains("Only the people below"), "{}", out.text);

    let out = env.ok("get_drive_file_permissions", json!({"file_id": ids::FOLDER_ATLAS})).await;
    for expected in ["priya.shah@example.com", "atlas-team@example.com", "Owners: ", "Public: no."] {
        assert!(out.text.contains(expected), "{expected}:\n{}", out.text);
    }
    // Shared-drive items carry no inline permissions: they are listed.
    let before = env.requests("drive.permissions.list").len();
    let out = env.ok("get_drive_file_permissions", json!({"file_id": ids::TEAM_CHECKLIST_DOC})).await;
    assert!(
        out.text.contains(&format!("Shared drive: {}", ids::ATLAS_TEAM_DRIVE)) && out.text.contains("organizer"),
        "{}",
        out.text
    );
    assert_eq!(env.requests("drive.permissions.list").len(), before + 1);

    let out = env.ok("check_drive_file_public_access", json!({"file_name": "Atlas public FAQ"})).await;
    assert!(out.text.contains("Public access: YES") && out.text.contains(ids::ATLAS_FAQ_PUBLIC_DOC), "{}", out.text);
    let list = env.requests("drive.files.list").pop().unwrap();
    assert_eq!(list.query_param("q"), Some("name = 'Atlas public FAQ' and trashed = false"));
    let out = env
        .ok(
            "check_drive_file_public_access",
            json!({"file_name": "Launch checklist", "drive_id": ids::ATLAS_TEAM_DRIVE}),
        )
        .await;
    assert!(out.text.contains("Public access: NO"), "{}", out.text);
    assert_eq!(env.requests("drive.files.list").pop().unwrap().query_param("corpora"), Some("drive"));
    let out = env.ok("check_drive_file_public_access", json!({"file_name": "Nothing called this"})).await;
    assert!(out.text.starts_with("No file is named"), "{}", out.text);

    let e = env.err("get_drive_file_permissions", json!({"file_id": ids::PRIYA_PRIVATE_DOC})).await;
    assert_eq!(google_status(&e), Some(404), "{e}");
    let e = env.err("check_drive_file_public_access", json!({"file_name": ""})).await;
    assert!(is_invalid(&e));
    env.done();
}
