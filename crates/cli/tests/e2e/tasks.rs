//! The 6 Tasks tools through the real binary over stdio, against the seeded task lists of
//! alex.rivera@example.com (My Tasks with the Project Atlas launch checklist, Personal). One
//! test walks every tool once: the round trip of a new list and task, a move under a parent,
//! completion, and an error path; it checks the Tasks requests the sandbox saw.

use serde_json::json;
use wsmcp_tasks::sandbox::seed::{LAUNCH_TASK, MY_TASKS};

use crate::harness::{USER, assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

/// The text after `key` up to the next `)`, space, `|` or line end.
fn id_after(text: &str, key: &str) -> String {
    let rest = text.split(key).nth(1).unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
    rest.split([')', ' ', '\n', '|']).next().unwrap().to_string()
}

#[tokio::test]
async fn every_tasks_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;

    // list_task_lists and get_task_list on the seed.
    let lists = ok(&client, "list_task_lists", json!({})).await;
    assert!(lists.starts_with(&format!("2 task list(s) for {USER}:")), "{lists}");
    assert!(lists.contains(&format!("\"My Tasks\" (ID: {MY_TASKS})")), "{lists}");
    let one = ok(&client, "get_task_list", json!({"task_list_id": MY_TASKS})).await;
    assert!(one.contains("\"My Tasks\""), "{one}");

    // manage_task_list: a new list.
    let out = ok(&client, "manage_task_list", json!({"action": "create", "title": "Atlas 1.1"})).await;
    let list = id_after(&out, "(ID: ");
    assert_eq!(requests_for(&sb, "tasks.tasklists.insert")[0].body.clone().unwrap(), json!({"title": "Atlas 1.1"}));

    // manage_task: a parent and a task, then the task moved under the parent and completed.
    let create = |title: &str| json!({"action": "create", "task_list_id": list, "title": title});
    let parent = id_after(&ok(&client, "manage_task", create("Plan 1.1")).await, "(ID: ");
    let mut args = create("Collect launch feedback");
    args["due"] = json!("2032-01-15");
    let task = id_after(&ok(&client, "manage_task", args).await, "(ID: ");
    let moved =
        ok(&client, "manage_task", json!({"action": "move", "task_list_id": list, "task_id": task, "parent": parent}))
            .await;
    assert!(moved.contains(&format!("- Parent: {parent}")), "{moved}");
    let mv = requests_for(&sb, "tasks.tasks.move").pop().unwrap();
    assert_eq!(mv.path, format!("/tasks/v1/lists/{list}/tasks/{task}/move"));
    assert_eq!(mv.query_param("parent"), Some(parent.as_str()));
    let done = ok(
        &client,
        "manage_task",
        json!({"action": "update", "task_list_id": list, "task_id": task, "status": "completed"}),
    )
    .await;
    assert!(done.contains("- Status: completed") && done.contains("- Completed: "), "{done}");

    // list_tasks shows the tree; get_task the details.
    let tree = ok(&client, "list_tasks", json!({"task_list_id": list})).await;
    assert!(
        tree.contains(&format!("- \"Plan 1.1\" (ID: {parent}) | needsAction\n  - \"Collect launch feedback\"")),
        "{tree}"
    );
    assert!(tree.contains("| due 2032-01-15 | completed "), "{tree}");
    let req = requests_for(&sb, "tasks.tasks.list").pop().unwrap();
    assert_eq!(req.query_param("maxResults"), Some("20"));
    let got = ok(&client, "get_task", json!({"task_list_id": MY_TASKS, "task_id": LAUNCH_TASK})).await;
    assert!(got.starts_with("Task \"Project Atlas launch\""), "{got}");

    // An error path per tool: Google's refusals come back as tool errors, and bad input is
    // refused before any request.
    let e = err(&client, "get_task", json!({"task_list_id": list, "task_id": LAUNCH_TASK})).await;
    assert!(e.contains("404") || e.to_lowercase().contains("not found"), "{e}");
    let e = err(&client, "get_task_list", json!({"task_list_id": "nope"})).await;
    assert!(e.contains("404"), "{e}");
    let e = err(&client, "manage_task_list", json!({"action": "delete", "task_list_id": MY_TASKS})).await;
    assert!(e.contains("400"), "the default list cannot be deleted: {e}");
    let e = err(&client, "manage_task", json!({"action": "delete", "task_list_id": MY_TASKS, "task_id": "nope"})).await;
    assert!(e.contains("404"), "{e}");
    let before = sb.requests().len();
    let e = err(&client, "list_task_lists", json!({"max_results": 0})).await;
    assert!(e.contains("max_results"), "{e}");
    let e = err(&client, "list_tasks", json!({"task_list_id": MY_TASKS, "max_results": 0})).await;
    assert!(e.contains("max_results"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
