//! tasks.insert/patch/delete/move/clear and tasklists.insert/patch/delete.

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn completion_sets_and_clears_the_completed_time_and_due_keeps_the_date() {
    let api = start().await;
    let t = api.insert(MY_TASKS, "", json!({"title": "Ship", "due": "2031-05-06T18:45:00+00:00"})).await;
    assert_eq!(t["due"], "2031-05-06T00:00:00.000Z");
    let id = t["id"].as_str().unwrap();
    let path = format!("/lists/{MY_TASKS}/tasks/{id}");
    let (status, done) = api.patch(&path, json!({"status": "completed"})).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["status"], "completed");
    assert!(done["completed"].as_str().is_some());
    let (_, reopened) = api.patch(&path, json!({"status": "needsAction"})).await;
    assert!(reopened.get("completed").is_none(), "{reopened}");
    let (_, cleared) = api.patch(&path, json!({"due": null, "notes": "n"})).await;
    assert!(cleared.get("due").is_none() && cleared["notes"] == "n", "{cleared}");
    assert_eq!(cleared["title"], "Ship", "PATCH keeps what it does not name");
    let (status, body) = api.patch(&path, json!({"status": "done"})).await;
    assert_eq!(status, 400, "{body}");
    // PUT replaces: what it leaves out is cleared.
    api.patch(&path, json!({"status": "completed", "due": "2031-05-06T00:00:00Z"})).await;
    let (status, put) = api.put(&path, json!({"title": "Ship it"})).await;
    assert_eq!(status, 200, "{put}");
    assert_eq!(put["title"], "Ship it");
    assert_eq!(put["status"], "needsAction");
    assert!(put.get("notes").is_none() && put.get("due").is_none() && put.get("completed").is_none(), "{put}");
    api.assert_valid();
}

#[tokio::test]
async fn placement_and_move_as_google_does() {
    let api = start().await;
    let list = api.post("/users/@me/lists", json!({"title": "Order"})).await.1["id"].as_str().unwrap().to_string();
    let a = api.insert(&list, "", json!({"title": "A"})).await["id"].as_str().unwrap().to_string();
    // New tasks go first; `previous` puts one after a sibling.
    let b = api.insert(&list, "", json!({"title": "B"})).await["id"].as_str().unwrap().to_string();
    api.insert(&list, &format!("?previous={b}"), json!({"title": "C"})).await;
    assert_eq!(api.titles(&list, "").await, ["B", "C", "A"]);

    let (status, moved) = api.post_empty(&format!("/lists/{list}/tasks/{a}/move?parent={b}")).await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["parent"], b.as_str());
    assert_eq!(api.titles(&list, "").await, ["B", "A", "C"]);
    // Back to the top level, first.
    let (_, top) = api.post_empty(&format!("/lists/{list}/tasks/{a}/move")).await;
    assert!(top.get("parent").is_none(), "{top}");
    assert_eq!(api.titles(&list, "").await, ["A", "B", "C"]);

    // Google's refusals: a parent that is the task itself or under it, a foreign previous.
    api.post_empty(&format!("/lists/{list}/tasks/{a}/move?parent={b}")).await;
    for query in [format!("parent={b}&previous=nope"), format!("parent={a}")] {
        let (status, body) = api.post_empty(&format!("/lists/{list}/tasks/{b}/move?{query}")).await;
        assert_eq!(status, 400, "{query}: {body}");
    }
    let (status, _) = api.post(&format!("/lists/{list}/tasks?parent=nope"), json!({"title": "x"})).await;
    assert_eq!(status, 400);

    // Into another list with its subtasks.
    let (status, _) = api.post_empty(&format!("/lists/{list}/tasks/{b}/move?destinationTasklist={PERSONAL}")).await;
    assert_eq!(status, 200);
    assert_eq!(api.titles(&list, "").await, ["C"]);
    let personal = api.titles(PERSONAL, "").await;
    assert_eq!(&personal[..2], ["B", "A"], "{personal:?}");
    api.assert_valid();
}

#[tokio::test]
async fn clear_hides_completed_and_delete_leaves_tombstones() {
    let api = start().await;
    let (status, _) = api.post_empty(&format!("/lists/{MY_TASKS}/clear")).await;
    assert_eq!(status, 204);
    let visible = api.titles(MY_TASKS, "").await;
    assert!(!visible.contains(&"Review design mockups v2".to_string()), "{visible:?}");
    let hidden = api.ok(&format!("/lists/{MY_TASKS}/tasks?showHidden=true")).await;
    let mockups = items(&hidden).into_iter().find(|t| t["title"] == "Review design mockups v2").unwrap();
    assert_eq!(mockups["hidden"], true);

    let (status, _) = api.delete(&format!("/lists/{MY_TASKS}/tasks/{LAUNCH_TASK}")).await;
    assert_eq!(status, 204);
    let left = api.titles(MY_TASKS, "").await;
    assert!(!left.iter().any(|t| t.contains("Atlas launch") || t.contains("release notes")), "{left:?}");
    let gone = api.ok(&format!("/lists/{MY_TASKS}/tasks/{LAUNCH_TASK}")).await;
    assert_eq!(gone["deleted"], true);
    let (status, _) = api.delete(&format!("/lists/{MY_TASKS}/tasks/unknown")).await;
    assert_eq!(status, 404);
    api.assert_valid();
}

#[tokio::test]
async fn task_lists_are_created_renamed_and_deleted() {
    let api = start().await;
    let (status, body) = api.post("/users/@me/lists", json!({})).await;
    assert_eq!(status, 400, "a title is required: {body}");
    let (_, list) = api.post("/users/@me/lists", json!({"title": "Atlas 1.1"})).await;
    assert_eq!(list["kind"], "tasks#taskList");
    let path = format!("/users/@me/lists/{}", list["id"].as_str().unwrap());
    let (_, renamed) = api.patch(&path, json!({"title": "Atlas 1.2"})).await;
    assert_eq!(renamed["title"], "Atlas 1.2");
    let (status, _) = api.delete(&path).await;
    assert_eq!(status, 204);
    let (status, _) = api.get(&path).await;
    assert_eq!(status, 404);
    let (status, _) = api.delete(&format!("/users/@me/lists/{MY_TASKS}")).await;
    assert_eq!(status, 400, "the default list stays");
    api.assert_valid();
}
