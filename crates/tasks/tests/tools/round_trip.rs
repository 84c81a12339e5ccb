//! The round trip of the issue: create a task list and a task, list it; move a task under a
//! parent; complete it; then move it to another list.

use super::*;

#[tokio::test]
async fn create_list_move_under_a_parent_complete_and_move_across_lists() {
    let env = Env::new().await;
    let list = id_after(&env.ok("manage_task_list", json!({"action": "create", "title": "Atlas 1.1"})).await, "(ID: ");
    let create = |title: &str| json!({"action": "create", "task_list_id": list, "title": title});
    let parent = id_after(&env.ok("manage_task", create("Plan 1.1")).await, "(ID: ");
    let mut args = create("Collect feedback");
    args["notes"] = json!("From the launch announcement thread");
    args["due"] = json!("2031-04-01");
    let child = id_after(&env.ok("manage_task", args).await, "(ID: ");
    let req = env.last("tasks.tasks.insert");
    assert_eq!(
        req.body.clone().unwrap(),
        json!({"title": "Collect feedback", "notes": "From the launch announcement thread", "due": "2031-04-01T00:00:00.000Z"})
    );
    assert_eq!(req.query_param("parent"), None);

    let listed = env.ok("list_tasks", json!({"task_list_id": list})).await;
    assert!(listed.starts_with("2 task(s)"), "{listed}");
    // A new task goes first among its siblings, as in Google Tasks.
    let first = listed.lines().nth(1).unwrap();
    assert!(first.contains("Collect feedback") && first.contains("due 2031-04-01"), "{listed}");

    let moved = env
        .ok("manage_task", json!({"action": "move", "task_list_id": list, "task_id": child, "parent": parent}))
        .await;
    assert_eq!(env.last("tasks.tasks.move").query_param("parent"), Some(parent.as_str()));
    assert!(moved.contains(&format!("- Parent: {parent}")), "{moved}");
    let tree = env.ok("list_tasks", json!({"task_list_id": list})).await;
    assert!(tree.contains(&format!("- \"Plan 1.1\" (ID: {parent}) | needsAction\n  - \"Collect feedback\"")), "{tree}");

    // A second subtask placed after the first.
    let mut second = create("Triage bugs");
    second["parent"] = json!(parent);
    second["previous"] = json!(child);
    env.ok("manage_task", second).await;
    let req = env.last("tasks.tasks.insert");
    assert_eq!(req.query_param("previous"), Some(child.as_str()));
    let tree = env.ok("list_tasks", json!({"task_list_id": list})).await;
    let feedback = tree.find("Collect feedback").unwrap();
    assert!(tree.find("Triage bugs").unwrap() > feedback, "{tree}");

    let done = env
        .ok("manage_task", json!({"action": "update", "task_list_id": list, "task_id": child, "status": "completed"}))
        .await;
    assert!(done.contains("- Completed: "), "{done}");
    let open = env.ok("list_tasks", json!({"task_list_id": list, "show_completed": false})).await;
    assert!(!open.contains("Collect feedback"), "{open}");

    // Out to the default list, at the top level there.
    let out = env
        .ok(
            "manage_task",
            json!({"action": "move", "task_list_id": list, "task_id": parent, "destination_task_list": MY_TASKS}),
        )
        .await;
    assert_eq!(env.last("tasks.tasks.move").query_param("destinationTasklist"), Some(MY_TASKS));
    assert!(out.contains(&format!("Moved task in list {MY_TASKS}")) && !out.contains("- Parent:"), "{out}");
    let mine = env.ok("list_tasks", json!({"task_list_id": MY_TASKS})).await;
    assert!(mine.contains("Plan 1.1") && mine.contains("  - \"Triage bugs\""), "subtasks move along:\n{mine}");
    let left = env.ok("list_tasks", json!({"task_list_id": list})).await;
    assert!(left.starts_with("No tasks"), "{left}");
    env.done();
}
