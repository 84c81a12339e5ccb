//! list_spaces, and the advice when the Cloud project has no Chat app.

use super::*;

#[tokio::test]
async fn list_spaces_lists_and_filters_by_type() {
    let env = Env::new().await;
    let all = env.ok("list_spaces", json!({})).await;
    assert!(all.starts_with("3 Chat space(s) for alex.rivera@example.com"), "{all}");
    assert!(all.contains(&format!("- \"Atlas team\" (ID: {ATLAS_TEAM}) | space")), "{all}");
    assert!(all.contains(&format!("- (unnamed) (ID: {DM_PRIYA}) | direct message")), "{all}");
    assert_eq!(env.last("chat.spaces.list").query_param("pageSize"), Some("100"));
    assert_eq!(env.last("chat.spaces.list").query_param("filter"), None);

    let dms = env.ok("list_spaces", json!({"space_type": "dm", "page_size": 5})).await;
    assert!(dms.starts_with("1 Chat space(s)") && dms.contains(DM_PRIYA), "{dms}");
    assert_eq!(env.last("chat.spaces.list").query_param("filter"), Some("spaceType = \"DIRECT_MESSAGE\""));
    let rooms = env.ok("list_spaces", json!({"space_type": "room"})).await;
    assert!(rooms.starts_with("1 Chat space(s)") && rooms.contains("Atlas team"), "{rooms}");

    env.refused(
        "list_spaces",
        &[json!({"space_type": "channel"}), json!({"page_size": 0}), json!({"page_size": 1001})],
    )
    .await;
    env.done();
}

#[tokio::test]
async fn a_project_without_a_chat_app_gets_the_setup_steps() {
    let env = Env::new().await;
    env.inject(wsmcp_chat::sandbox::app_not_configured(0));
    for (tool, args) in [
        ("list_spaces", json!({})),
        ("get_messages", json!({"space_id": ATLAS_TEAM})),
        ("send_message", json!({"space_id": ATLAS_TEAM, "message_text": "hi"})),
    ] {
        let e = env.err(tool, args).await;
        assert!(is_google(&e, 404), "{tool}: {e}");
        let text = e.to_string();
        assert!(text.contains("Google Chat app not found"), "{text}");
        assert!(text.contains("Configuration") && text.contains("App name") && text.contains("Avatar"), "{text}");
        assert!(text.contains("even calls made as the signed-in user"), "{text}");
    }
    env.done();
}
