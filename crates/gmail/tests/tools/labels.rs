//! Labels: list, manage, modify one message, batch modify.

use super::*;

// ---------------------------------------------------------------- labels

#[tokio::test]
async fn list_labels_compact_prefix_and_user_only() {
    let env = Env::new().await;
    let out = env.ok("list_gmail_labels", json!({"compact": true})).await;
    let v: Value = serde_json::from_str(&out.text).unwrap();
    let names: Vec<&str> = v["labels"].as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(v["count"], names.len());
    assert!(names.contains(&"INBOX") && names.contains(&"Projects/Atlas"));

    let prefixed = env.ok("list_gmail_labels", json!({"prefix": "Projects/", "compact": true})).await;
    assert_eq!(
        serde_json::from_str::<Value>(&prefixed.text).unwrap()["labels"],
        json!([{"id": "Label_1", "name": "Projects/Atlas"}])
    );
    let user = env.ok("list_gmail_labels", json!({"include_system": false})).await;
    assert!(user.text.contains("Receipts (id: Label_2)") && !user.text.contains("INBOX"), "{}", user.text);

    env.handle.inject(Fault::status("/labels", 403));
    let e = env.err("list_gmail_labels", json!({})).await;
    assert!(matches!(&e, ToolError::Google(g) if g.status == Some(403)), "{e}");
    env.done();
}

#[tokio::test]
async fn manage_label_create_update_clear_delete() {
    let env = Env::new().await;
    let out = env
        .ok(
            "manage_gmail_label",
            json!({"action": "create", "name": "Clients/ACME", "background_color": "#FB4C2F", "text_color": "#ffffff"}),
        )
        .await;
    let id = out.text.split("(id: ").nth(1).unwrap().split(')').next().unwrap().to_string();
    let create = env.requests("gmail.users.labels.create").pop().unwrap();
    assert_eq!(
        create.body.unwrap(),
        json!({"name": "Clients/ACME", "labelListVisibility": "labelShow", "messageListVisibility": "show", "color": {"textColor": "#ffffff", "backgroundColor": "#fb4c2f"}})
    );

    let out = env
        .ok(
            "manage_gmail_label",
            json!({"action": "update", "label_id": id, "name": "Clients/ACME Corp", "message_list_visibility": "show"}),
        )
        .await;
    assert!(out.text.contains("Updated label") && out.text.contains(": name."), "{}", out.text);
    let patch = env.requests("gmail.users.labels.patch").pop().unwrap();
    assert_eq!(patch.body.unwrap(), json!({"name": "Clients/ACME Corp"}), "only what changed is sent");

    env.ok("manage_gmail_label", json!({"action": "update", "label_id": id, "clear_color": true})).await;
    // A full update without `color` is how a color is dropped (PATCH keeps absent fields).
    let put = env.requests("gmail.users.labels.update").pop().unwrap();
    let put = put.body.unwrap();
    assert!(put.get("color").is_none(), "{put}");
    assert_eq!(put["name"], "Clients/ACME Corp");
    assert_eq!(put["labelListVisibility"], "labelShow");

    let same =
        env.ok("manage_gmail_label", json!({"action": "update", "label_id": id, "name": "Clients/ACME Corp"})).await;
    assert!(same.text.starts_with("Nothing to change"));

    env.ok("manage_gmail_label", json!({"action": "delete", "label_id": id})).await;
    assert!(api::users_labels_get(&env.g(), &id).await.is_err());
    env.done();
}

#[tokio::test]
async fn manage_label_errors() {
    let env = Env::new().await;
    let cases = [
        json!({"action": "create", "name": "X", "background_color": "#123456", "text_color": "#ffffff"}),
        json!({"action": "create", "name": "X", "background_color": "#fb4c2f"}),
        json!({"action": "create"}),
        json!({"action": "update", "name": "X"}),
        json!({"action": "update", "label_id": "Label_1", "clear_color": true, "text_color": "#ffffff"}),
        json!({"action": "delete"}),
        json!({"action": "rename", "label_id": "Label_1"}),
    ];
    for args in cases {
        assert!(is_invalid(&env.err("manage_gmail_label", args.clone()).await), "{args}");
    }
    let e = env
        .err(
            "manage_gmail_label",
            json!({"action": "create", "name": "X", "background_color": "#fb4c30", "text_color": "#fff"}),
        )
        .await;
    assert!(e.to_string().contains("nearest allowed color is #fb4c2f"), "{e}");
    assert!(env.handle.requests().is_empty(), "invalid input reaches no API");
    let e = env.err("manage_gmail_label", json!({"action": "delete", "label_id": "Label_999"})).await;
    assert!(matches!(&e, ToolError::Google(g) if g.status == Some(404)), "{e}");
    env.done();
}

#[tokio::test]
async fn modify_one_message() {
    let env = Env::new().await;
    let (id, _) = env.find("subject:(Action required: your password expires)").await.remove(0);
    let out = env
        .ok(
            "modify_gmail_message_labels",
            json!({"message_id": id, "add_label_ids": ["STARRED"], "remove_label_ids": ["UNREAD", "INBOX"]}),
        )
        .await;
    let now = out.text.split("Labels now: ").nth(1).unwrap();
    assert!(now.contains("STARRED") && !now.contains("UNREAD") && !now.contains("INBOX"), "{}", out.text);
    let req = env.requests("gmail.users.messages.modify").pop().unwrap();
    assert_eq!(req.body.unwrap(), json!({"addLabelIds": ["STARRED"], "removeLabelIds": ["UNREAD", "INBOX"]}));
    assert!(is_invalid(&env.err("modify_gmail_message_labels", json!({"message_id": id})).await));
    assert!(is_invalid(
        &env.err(
            "modify_gmail_message_labels",
            json!({"message_id": id, "add_label_ids": ["A"], "remove_label_ids": ["A"]})
        )
        .await
    ));
    env.done();
}

#[tokio::test]
async fn batch_modify_verifies_messages_and_reports_threads() {
    let env = Env::new().await;
    let found = env.find("label:Receipts").await;
    let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    let mut with_bogus: Vec<&str> = ids.clone();
    with_bogus.push("bogus-message");
    let (_, thread) = env.find("subject:(Atlas Q3 roadmap review)").await.remove(0);
    let out = env
        .ok(
            "batch_modify_gmail_message_labels",
            json!({"message_ids": with_bogus, "thread_ids": [thread, "bogus-thread"], "add_label_ids": ["STARRED"]}),
        )
        .await;
    assert!(out.text.contains(&format!("Verified: {} of {} message(s)", ids.len(), ids.len() + 1)), "{}", out.text);
    assert!(out.text.contains("Not found (Gmail skipped them): bogus-message"), "{}", out.text);
    assert!(out.text.contains(&format!("{thread}: updated (4 message(s))")), "{}", out.text);
    assert!(out.text.contains("bogus-thread: FAILED"), "{}", out.text);
    let bm = env.requests("gmail.users.messages.batchModify");
    assert_eq!(bm.len(), 1);
    assert_eq!(bm[0].body.as_ref().unwrap()["ids"].as_array().unwrap().len(), ids.len() + 1);
    assert!(
        env.requests("gmail.users.messages.get")
            .iter()
            .all(|r| r.in_batch && r.query_param("format") == Some("minimal"))
    );

    let quiet = env
        .ok(
            "batch_modify_gmail_message_labels",
            json!({"message_ids": ids, "remove_label_ids": ["STARRED"], "verify": false}),
        )
        .await;
    assert!(quiet.text.contains("Not verified"));
    assert!(is_invalid(&env.err("batch_modify_gmail_message_labels", json!({"add_label_ids": ["STARRED"]})).await));
    assert!(is_invalid(&env.err("batch_modify_gmail_message_labels", json!({"message_ids": ["a"]})).await));
    env.done();
}
