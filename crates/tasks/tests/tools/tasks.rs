//! list_tasks, get_task, manage_task.

use super::*;

#[tokio::test]
async fn list_tasks_shows_the_seed_as_a_tree_with_google_filters() {
    let env = Env::new().await;
    let out = env.ok("list_tasks", json!({"task_list_id": MY_TASKS})).await;
    let req = env.last("tasks.tasks.list");
    assert_eq!(req.query_param("maxResults"), Some("20"));
    assert_eq!(req.query_param("showCompleted"), Some("true"));
    assert_eq!(req.query_param("showHidden"), Some("false"));
    assert_eq!(req.query_param("showDeleted"), Some("false"));
    assert!(out.contains(&format!("- \"Project Atlas launch\" (ID: {LAUNCH_TASK}) | needsAction | due ")), "{out}");
    assert!(out.contains("\n  - \"Write the 1.0 release notes\""), "subtasks are indented:\n{out}");
    assert!(out.contains("\"Review design mockups v2\"") && out.contains("| completed "), "{out}");
    assert!(!out.contains("Book the hotel"), "hidden by default:\n{out}");
    assert!(!out.contains("expiring password"), "deleted by default:\n{out}");

    let open = env.ok("list_tasks", json!({"task_list_id": MY_TASKS, "show_completed": false})).await;
    assert!(!open.contains("Review design mockups v2"), "{open}");
    let all = env.ok("list_tasks", json!({"task_list_id": MY_TASKS, "show_hidden": true, "show_deleted": true})).await;
    assert!(all.contains("Book the hotel") && all.contains("needsAction | deleted"), "{all}");

    let today = wsmcp_core::clock::now().date_naive();
    let due_min = format!("{}T00:00:00Z", today + chrono::Duration::days(2));
    let due_max = format!("{}T00:00:00Z", today + chrono::Duration::days(4));
    let soon = env.ok("list_tasks", json!({"task_list_id": MY_TASKS, "due_min": due_min, "due_max": due_max})).await;
    assert_eq!(env.last("tasks.tasks.list").query_param("dueMin"), Some(due_min.as_str()));
    assert!(soon.contains("München agenda"), "{soon}");
    assert!(!soon.contains("Contoso"), "no due date, outside a due range:\n{soon}");
    env.done();
}

#[tokio::test]
async fn list_tasks_pages_and_reads_past_googles_page_size() {
    let env = Env::new().await;
    let first = env.ok("list_tasks", json!({"task_list_id": MY_TASKS, "max_results": 2})).await;
    assert!(first.starts_with("2 task(s)"), "{first}");
    let token = id_after(&first, "page_token: ");
    let second = env.ok("list_tasks", json!({"task_list_id": MY_TASKS, "max_results": 2, "page_token": token})).await;
    assert_eq!(env.last("tasks.tasks.list").query_param("pageToken"), Some(token.as_str()));
    assert!(second.starts_with("2 task(s)"), "{second}");
    assert_ne!(first.lines().nth(1), second.lines().nth(1), "the second page moves on");

    // 120 tasks: more than one Google page of 100.
    let list = id_after(&env.ok("manage_task_list", json!({"action": "create", "title": "Bulk"})).await, "(ID: ");
    for i in 0..120 {
        env.ok("manage_task", json!({"action": "create", "task_list_id": list, "title": format!("t{i}")})).await;
    }
    let before = env.requests("tasks.tasks.list").len();
    let out = env.ok("list_tasks", json!({"task_list_id": list, "max_results": 110})).await;
    assert!(out.starts_with("110 task(s)"), "{}", out.lines().next().unwrap());
    let reqs = env.requests("tasks.tasks.list");
    assert_eq!(reqs.len() - before, 2);
    assert_eq!(reqs[before].query_param("maxResults"), Some("100"));
    assert_eq!(reqs[before + 1].query_param("maxResults"), Some("10"));
    assert!(out.contains("page_token: "), "10 more to come");
    env.done();
}

#[tokio::test]
async fn get_task_and_its_errors() {
    let env = Env::new().await;
    let out = env.ok("get_task", json!({"task_list_id": MY_TASKS, "task_id": "YXRsYXMtcmVsZWFzZS1ub3Rlcw"})).await;
    assert!(out.starts_with("Task \"Write the 1.0 release notes\""), "{out}");
    assert!(out.contains(&format!("- Parent: {LAUNCH_TASK}")), "{out}");
    assert!(out.contains("- Link: https://tasks.google.com/task/"), "{out}");
    assert_eq!(
        env.last("tasks.tasks.get").path,
        format!("/tasks/v1/lists/{MY_TASKS}/tasks/YXRsYXMtcmVsZWFzZS1ub3Rlcw")
    );
    env.refused("get_task", &[json!({"task_list_id": MY_TASKS, "task_id": ""})]).await;
    let e = env.err("get_task", json!({"task_list_id": PERSONAL, "task_id": LAUNCH_TASK})).await;
    assert!(is_google(&e, 404), "a task is found in its own list only: {e}");
    env.refused(
        "list_tasks",
        &[
            json!({"task_list_id": MY_TASKS, "max_results": 0}),
            json!({"task_list_id": MY_TASKS, "max_results": 10001}),
            json!({"task_list_id": MY_TASKS, "due_min": "next week"}),
        ],
    )
    .await;
    env.inject(fail("/tasks/v1/lists/", 403));
    let e = env.err("list_tasks", json!({"task_list_id": MY_TASKS})).await;
    assert!(is_google(&e, 403), "{e}");
    env.done();
}

#[tokio::test]
async fn manage_task_updates_completes_reopens_and_deletes() {
    let env = Env::new().await;
    let task = "Y29udG9zby1wcm9wb3NhbA";
    let out = env
        .ok(
            "manage_task",
            json!({"action": "update", "task_list_id": MY_TASKS, "task_id": task, "notes": "Ask Priya first", "due": "2031-03-10T23:30:00-05:00"}),
        )
        .await;
    assert_eq!(
        env.last("tasks.tasks.patch").body.unwrap(),
        json!({"notes": "Ask Priya first", "due": "2031-03-10T00:00:00.000Z"})
    );
    assert!(out.contains("- Due: 2031-03-10\n") && out.contains("- Notes: Ask Priya first"), "{out}");

    let done = env
        .ok(
            "manage_task",
            json!({"action": "update", "task_list_id": MY_TASKS, "task_id": task, "status": "completed"}),
        )
        .await;
    assert_eq!(env.last("tasks.tasks.patch").body.unwrap(), json!({"status": "completed"}));
    assert!(done.contains("- Status: completed") && done.contains("- Completed: "), "{done}");

    let reopened = env
        .ok(
            "manage_task",
            json!({"action": "update", "task_list_id": MY_TASKS, "task_id": task, "status": "needsAction"}),
        )
        .await;
    assert!(reopened.contains("- Status: needsAction") && !reopened.contains("- Completed:"), "{reopened}");

    let out = env.ok("manage_task", json!({"action": "delete", "task_list_id": MY_TASKS, "task_id": task})).await;
    assert!(out.starts_with(&format!("Deleted task {task}")), "{out}");
    let listed = env.ok("list_tasks", json!({"task_list_id": MY_TASKS})).await;
    assert!(!listed.contains("Contoso"), "{listed}");
    env.done();
}

#[tokio::test]
async fn manage_task_errors() {
    let env = Env::new().await;
    env.refused(
        "manage_task",
        &[
            json!({"action": "create", "task_list_id": MY_TASKS}),
            json!({"action": "create", "task_list_id": MY_TASKS, "title": "x", "due": "soon"}),
            json!({"action": "update", "task_list_id": MY_TASKS, "title": "x"}),
            json!({"action": "update", "task_list_id": MY_TASKS, "task_id": LAUNCH_TASK}),
            json!({"action": "update", "task_list_id": MY_TASKS, "task_id": LAUNCH_TASK, "status": "done"}),
            json!({"action": "delete", "task_list_id": MY_TASKS}),
            json!({"action": "move", "task_list_id": " ", "task_id": LAUNCH_TASK}),
        ],
    )
    .await;
    // Google refuses a parent that does not exist and a task under itself.
    let e = env
        .err("manage_task", json!({"action": "create", "task_list_id": MY_TASKS, "title": "x", "parent": "missing"}))
        .await;
    assert!(is_google(&e, 400), "{e}");
    let e = env
        .err(
            "manage_task",
            json!({"action": "move", "task_list_id": MY_TASKS, "task_id": LAUNCH_TASK, "parent": "YXRsYXMtcmVsZWFzZS1ub3Rlcw"}),
        )
        .await;
    assert!(is_google(&e, 400), "{e}");
    let e = env.err("manage_task", json!({"action": "delete", "task_list_id": MY_TASKS, "task_id": "nope"})).await;
    assert!(is_google(&e, 404), "{e}");
    env.done();
}
