//! list_task_lists, get_task_list, manage_task_list.

use super::*;

#[tokio::test]
async fn lists_are_listed_paged_and_read() {
    let env = Env::new().await;
    let all = env.ok("list_task_lists", json!({})).await;
    assert!(all.starts_with(&format!("2 task list(s) for {USER}:")), "{all}");
    assert!(all.contains(&format!("- \"My Tasks\" (ID: {MY_TASKS})")), "{all}");
    assert!(all.contains(&format!("- \"Personal\" (ID: {PERSONAL})")), "{all}");
    assert_eq!(env.last("tasks.tasklists.list").query_param("maxResults"), Some("1000"));

    let first = env.ok("list_task_lists", json!({"max_results": 1})).await;
    assert!(first.contains("My Tasks") && !first.contains("Personal"), "{first}");
    let token = id_after(&first, "page_token: ");
    let second = env.ok("list_task_lists", json!({"max_results": 1, "page_token": token})).await;
    assert_eq!(env.last("tasks.tasklists.list").query_param("pageToken"), Some(token.as_str()));
    assert!(second.contains("Personal") && !second.contains("page_token"), "{second}");

    let one = env.ok("get_task_list", json!({"task_list_id": PERSONAL})).await;
    assert!(one.contains(&format!("\"Personal\" (ID: {PERSONAL})")), "{one}");
    assert_eq!(env.last("tasks.tasklists.get").path, format!("/tasks/v1/users/@me/lists/{PERSONAL}"));
    env.done();
}

#[tokio::test]
async fn list_errors() {
    let env = Env::new().await;
    env.refused("list_task_lists", &[json!({"max_results": 0}), json!({"max_results": 1001})]).await;
    env.refused("get_task_list", &[json!({"task_list_id": " "})]).await;
    let e = env.err("get_task_list", json!({"task_list_id": "nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.inject(fail("/tasks/v1/users/@me/lists", 403));
    let e = env.err("list_task_lists", json!({})).await;
    assert!(is_google(&e, 403), "{e}");
    env.done();
}

#[tokio::test]
async fn manage_task_list_creates_renames_clears_and_deletes() {
    let env = Env::new().await;
    let out = env.ok("manage_task_list", json!({"action": "create", "title": "Atlas follow-ups"})).await;
    let id = id_after(&out, "(ID: ");
    assert_eq!(env.last("tasks.tasklists.insert").body.unwrap(), json!({"title": "Atlas follow-ups"}));

    let out = env.ok("manage_task_list", json!({"action": "update", "task_list_id": id, "title": "Atlas 1.1"})).await;
    assert!(out.contains(&format!("\"Atlas 1.1\" (ID: {id})")), "{out}");
    assert_eq!(env.last("tasks.tasklists.patch").body.unwrap(), json!({"title": "Atlas 1.1"}));

    // clear_completed hides the completed subtask of the launch checklist.
    let out = env.ok("manage_task_list", json!({"action": "clear_completed", "task_list_id": MY_TASKS})).await;
    assert!(out.contains("hidden"), "{out}");
    assert_eq!(env.last("tasks.tasks.clear").path, format!("/tasks/v1/lists/{MY_TASKS}/clear"));
    let listed = env.ok("list_tasks", json!({"task_list_id": MY_TASKS})).await;
    assert!(!listed.contains("Review design mockups v2"), "{listed}");
    let hidden = env.ok("list_tasks", json!({"task_list_id": MY_TASKS, "show_hidden": true})).await;
    assert!(hidden.contains("Review design mockups v2") && hidden.contains("| hidden"), "{hidden}");

    let out = env.ok("manage_task_list", json!({"action": "delete", "task_list_id": id})).await;
    assert!(out.starts_with(&format!("Deleted task list {id}")), "{out}");
    let e = env.err("get_task_list", json!({"task_list_id": id})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}

#[tokio::test]
async fn manage_task_list_errors() {
    let env = Env::new().await;
    env.refused(
        "manage_task_list",
        &[
            json!({"action": "create"}),
            json!({"action": "update", "task_list_id": MY_TASKS}),
            json!({"action": "update", "title": "x"}),
            json!({"action": "delete"}),
            json!({"action": "clear_completed", "task_list_id": ""}),
        ],
    )
    .await;
    let e = env.call("manage_task_list", json!({"action": "archive", "task_list_id": MY_TASKS})).await.unwrap_err();
    assert!(matches!(e, ToolError::InvalidInput(_)), "{e}");
    // Google keeps the default list.
    let e = env.err("manage_task_list", json!({"action": "delete", "task_list_id": MY_TASKS})).await;
    assert!(is_google(&e, 400), "{e}");
    env.done();
}
