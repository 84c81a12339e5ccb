//! Filters: list and manage (create, update, apply, delete), plus retries.

use super::*;

// ---------------------------------------------------------------- filters

#[tokio::test]
async fn list_filters_readably() {
    let env = Env::new().await;
    let out = env.ok("list_gmail_filters", json!({})).await;
    assert!(out.text.contains("Filter ID: ANe1BmjSandboxReceiptsFilter01"), "{}", out.text);
    assert!(out.text.contains("Matches: from \"receipts@skyline-air.example\""));
    assert!(
        out.text.contains("Adds labels: Receipts (Label_2)") && out.text.contains("Removes labels: INBOX"),
        "{}",
        out.text
    );
    env.handle.inject(Fault::status("/settings/filters", 403));
    assert!(matches!(env.err("list_gmail_filters", json!({})).await, ToolError::Google(_)));
    env.done();
}

#[tokio::test]
async fn manage_filter_create_update_apply_delete() {
    let env = Env::new().await;
    let out = env
        .ok("manage_gmail_filter", json!({"action": "create", "criteria": {"from": "orders@beanleaf.example"}, "filter_action": {"addLabelIds": ["STARRED"]}}))
        .await;
    let id = out.text.split("Created filter ").nth(1).unwrap().split('.').next().unwrap().to_string();
    assert_eq!(
        env.requests("gmail.users.settings.filters.create")[0].body.clone().unwrap(),
        json!({"criteria": {"from": "orders@beanleaf.example"}, "action": {"addLabelIds": ["STARRED"]}})
    );

    let out = env
        .ok(
            "manage_gmail_filter",
            json!({"action": "update", "filter_id": id, "filter_action": {"add_label_ids": ["IMPORTANT"]}}),
        )
        .await;
    let new_id = out.text.split("New filter ID: ").nth(1).unwrap().lines().next().unwrap().to_string();
    assert_ne!(new_id, id);
    assert_eq!(env.requests("gmail.users.settings.filters.create").len(), 2);
    let deleted = env.requests("gmail.users.settings.filters.delete");
    assert!(deleted[0].path.ends_with(&id), "old filter deleted after the new one exists");
    let new = api::users_settings_filters_get(&env.g(), &new_id).await.unwrap();
    assert_eq!(new.criteria.from.as_deref(), Some("orders@beanleaf.example"), "criteria kept");
    assert_eq!(new.action.add_label_ids, vec!["IMPORTANT"]);

    let dry = env.ok("manage_gmail_filter", json!({"action": "apply", "filter_id": new_id, "dry_run": true})).await;
    assert!(
        dry.text.contains("Search query: from:orders@beanleaf.example")
            && dry.text.contains("Dry run: 1 message(s) match"),
        "{}",
        dry.text
    );
    assert!(env.requests("gmail.users.messages.batchModify").is_empty());
    let applied = env.ok("manage_gmail_filter", json!({"action": "apply", "filter_id": new_id})).await;
    assert!(applied.text.contains("to 1 message(s)"), "{}", applied.text);
    let bm = env.requests("gmail.users.messages.batchModify").pop().unwrap();
    assert_eq!(bm.body.as_ref().unwrap()["addLabelIds"], json!(["IMPORTANT"]));
    let (mid, _) = env.find("from:orders@beanleaf.example").await.remove(0);
    assert!(
        api::users_messages_get(&env.g(), &mid, Format::Minimal)
            .await
            .unwrap()
            .label_ids
            .contains(&"IMPORTANT".to_string())
    );

    let adhoc = env
        .ok("manage_gmail_filter", json!({"action": "apply", "criteria": {"from": "receipts@skyline-air.example"}, "filter_action": {"addLabelIds": ["STARRED"], "forward": "x@evil.example"}, "max_messages": 1}))
        .await;
    assert!(adhoc.text.contains("Forwarding is never applied"), "{}", adhoc.text);

    env.ok("manage_gmail_filter", json!({"action": "delete", "filter_id": new_id})).await;
    assert!(api::users_settings_filters_get(&env.g(), &new_id).await.is_err());
    env.done();
}

#[tokio::test]
async fn manage_filter_errors() {
    let env = Env::new().await;
    let cases = [
        json!({"action": "create", "criteria": {"from": "a@x.example"}}),
        json!({"action": "create", "criteria": {"hasTheWord": "x"}, "filter_action": {"addLabelIds": ["STARRED"]}}),
        json!({"action": "create", "criteria": {"size": 10, "sizeComparison": "bigger"}, "filter_action": {"addLabelIds": ["STARRED"]}}),
        json!({"action": "delete"}),
        json!({"action": "update", "filter_id": "f"}),
        json!({"action": "apply"}),
        json!({"action": "apply", "criteria": {"from": "a@x.example"}, "filter_action": {"addLabelIds": ["A"]}, "max_messages": 0}),
        json!({"action": "toggle"}),
    ];
    for args in cases {
        assert!(is_invalid(&env.err("manage_gmail_filter", args.clone()).await), "{args}");
    }
    assert!(env.handle.requests().is_empty());
    let e = env.err("manage_gmail_filter", json!({"action": "delete", "filter_id": "no-such-filter"})).await;
    assert!(matches!(&e, ToolError::Google(g) if g.status == Some(404)), "{e}");
    env.done();
}

#[tokio::test]
async fn transient_errors_are_retried() {
    let env = Env::new().await;
    env.handle.inject(Fault::status("/labels", 503));
    env.ok("list_gmail_labels", json!({})).await;
    assert_eq!(env.requests("gmail.users.labels.list").len(), 1, "the faulted attempt is answered before routing");
    env.done();
}
