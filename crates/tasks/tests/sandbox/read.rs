//! tasklists.list/get, tasks.list (flags, bounds, paging, order) and tasks.get.

use serde_json::json;
use wsmcp_testkit::enc;

use crate::support::*;

#[tokio::test]
async fn the_seed_has_two_lists_and_the_default_alias() {
    let api = start().await;
    let lists = api.ok("/users/@me/lists").await;
    assert_eq!(lists["kind"], "tasks#taskLists");
    let titles: Vec<_> = items(&lists).iter().map(|l| l["title"].clone()).collect();
    assert_eq!(titles, [json!("My Tasks"), json!("Personal")]);
    let default = api.ok("/users/@me/lists/@default").await;
    assert_eq!(default["id"], MY_TASKS);
    let page = api.ok("/users/@me/lists?maxResults=1").await;
    assert_eq!(items(&page).len(), 1);
    let next =
        api.ok(&format!("/users/@me/lists?maxResults=1&pageToken={}", page["nextPageToken"].as_str().unwrap())).await;
    assert_eq!(items(&next)[0]["id"], PERSONAL);
    assert!(next.get("nextPageToken").is_none());
    let (status, _) = api.get("/users/@me/lists/unknown").await;
    assert_eq!(status, 404);
    api.assert_valid();
}

#[tokio::test]
async fn tasks_come_parent_first_in_position_order_with_google_fields() {
    let api = start().await;
    let body = api.ok(&format!("/lists/{MY_TASKS}/tasks")).await;
    let tasks = items(&body);
    assert_eq!(tasks[0]["id"], LAUNCH_TASK);
    assert_eq!(tasks[1]["parent"], LAUNCH_TASK, "subtasks follow their parent");
    assert!(tasks[1]["position"].as_str().unwrap().len() == 20);
    assert!(tasks[1]["position"].as_str() < tasks[2]["position"].as_str());
    let launch = &tasks[0];
    assert_eq!(launch["kind"], "tasks#task");
    assert_eq!(launch["status"], "needsAction");
    assert!(launch["due"].as_str().unwrap().ends_with("T00:00:00.000Z"), "only the date of due: {launch}");
    assert!(launch.get("completed").is_none());
    let done = tasks.iter().find(|t| t["status"] == "completed").unwrap();
    assert!(done["completed"].as_str().is_some(), "{done}");
    let got = api.ok(&format!("/lists/{MY_TASKS}/tasks/{LAUNCH_TASK}")).await;
    assert_eq!(&got, launch);
    api.assert_valid();
}

#[tokio::test]
async fn show_flags_bounds_and_paging() {
    let api = start().await;
    let default = api.titles(MY_TASKS, "").await;
    assert_eq!(default.len(), 7, "{default:?}");
    assert!(!default.iter().any(|t| t.contains("hotel") || t.contains("password")));
    let open = api.titles(MY_TASKS, "?showCompleted=false").await;
    assert_eq!(open.len(), 6, "{open:?}");
    let everything = api.titles(MY_TASKS, "?showHidden=true&showDeleted=true").await;
    assert_eq!(everything.len(), 9, "{everything:?}");
    // Completed and hidden: showCompleted=false hides it whatever showHidden says.
    let no_done = api.titles(MY_TASKS, "?showHidden=true&showCompleted=false").await;
    assert!(!no_done.iter().any(|t| t.contains("hotel")), "{no_done:?}");

    let today = wsmcp_core::clock::now().date_naive();
    let day = |d: i64| enc(&format!("{}T00:00:00Z", today + chrono::Duration::days(d)));
    let overdue = api.titles(MY_TASKS, &format!("?dueMax={}", day(0))).await;
    assert_eq!(overdue, ["Send Lena the October budget overview"]);
    let recent = api.titles(MY_TASKS, &format!("?completedMin={}&showHidden=true", day(-5))).await;
    assert_eq!(recent, ["Review design mockups v2"]);
    let (status, body) = api.get(&format!("/lists/{MY_TASKS}/tasks?dueMin=tomorrow")).await;
    assert_eq!(status, 400, "{body}");

    let first = api.ok(&format!("/lists/{MY_TASKS}/tasks?maxResults=4")).await;
    assert_eq!(items(&first).len(), 4);
    let token = first["nextPageToken"].as_str().unwrap();
    let rest = api.ok(&format!("/lists/{MY_TASKS}/tasks?maxResults=4&pageToken={token}")).await;
    assert_eq!(items(&rest).len(), 3);
    assert!(rest.get("nextPageToken").is_none());
    let (status, _) = api.get(&format!("/lists/{MY_TASKS}/tasks?pageToken=bogus")).await;
    assert_eq!(status, 400);
    api.assert_valid();
}
