//! Typed Tasks calls: one function per REST method, named after its Discovery id
//! (`tasks.tasks.list` -> `tasks_list`, `tasks.tasklists.get` -> `tasklists_get`).

use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError, segment};

use crate::wire::*;

/// The Tasks API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "tasks.googleapis.com",
    title: "Google Tasks API",
    console_id: "tasks.googleapis.com",
    batch_path: "/batch",
};
const BASE: &str = "/tasks/v1";

fn list_path(tasklist: &str) -> String {
    format!("{BASE}/users/@me/lists/{}", segment(tasklist))
}

fn tasks_path(tasklist: &str) -> String {
    format!("{BASE}/lists/{}/tasks", segment(tasklist))
}

fn task_path(tasklist: &str, task: &str) -> String {
    format!("{}/{}", tasks_path(tasklist), segment(task))
}

pub async fn tasklists_list(
    g: &GoogleCtx,
    max_results: Option<u32>,
    page_token: Option<&str>,
) -> Result<TaskLists, GoogleError> {
    g.get(API, format!("{BASE}/users/@me/lists"))
        .query_opt("maxResults", max_results)
        .query_opt("pageToken", page_token)
        .send()
        .await
}

pub async fn tasklists_get(g: &GoogleCtx, tasklist: &str) -> Result<TaskList, GoogleError> {
    g.get(API, list_path(tasklist)).send().await
}

pub async fn tasklists_insert(g: &GoogleCtx, list: &TaskList) -> Result<TaskList, GoogleError> {
    g.post(API, format!("{BASE}/users/@me/lists")).json(list).send().await
}

pub async fn tasklists_patch(g: &GoogleCtx, tasklist: &str, list: &TaskList) -> Result<TaskList, GoogleError> {
    g.patch(API, list_path(tasklist)).json(list).send().await
}

pub async fn tasklists_delete(g: &GoogleCtx, tasklist: &str) -> Result<(), GoogleError> {
    g.delete(API, list_path(tasklist)).idempotent().send_empty().await
}

/// `tasks.clear`: hides the list's completed tasks.
pub async fn tasks_clear(g: &GoogleCtx, tasklist: &str) -> Result<(), GoogleError> {
    g.post(API, format!("{BASE}/lists/{}/clear", segment(tasklist))).idempotent().send_empty().await
}

/// The query of a tasks.list call (the `show*` flags are always sent, so Google's own
/// defaults never decide what the user sees).
#[derive(Debug, Clone, Default)]
pub struct TaskQuery<'a> {
    pub max_results: Option<u32>,
    pub page_token: Option<&'a str>,
    pub show_completed: bool,
    pub show_deleted: bool,
    pub show_hidden: bool,
    pub show_assigned: bool,
    pub completed_max: Option<&'a str>,
    pub completed_min: Option<&'a str>,
    pub due_max: Option<&'a str>,
    pub due_min: Option<&'a str>,
    pub updated_min: Option<&'a str>,
}

pub async fn tasks_list(g: &GoogleCtx, tasklist: &str, q: &TaskQuery<'_>) -> Result<Tasks, GoogleError> {
    g.get(API, tasks_path(tasklist))
        .query_opt("maxResults", q.max_results)
        .query_opt("pageToken", q.page_token)
        .query("showCompleted", q.show_completed)
        .query("showDeleted", q.show_deleted)
        .query("showHidden", q.show_hidden)
        .query("showAssigned", q.show_assigned)
        .query_opt("completedMax", q.completed_max)
        .query_opt("completedMin", q.completed_min)
        .query_opt("dueMax", q.due_max)
        .query_opt("dueMin", q.due_min)
        .query_opt("updatedMin", q.updated_min)
        .send()
        .await
}

pub async fn tasks_get(g: &GoogleCtx, tasklist: &str, task: &str) -> Result<Task, GoogleError> {
    g.get(API, task_path(tasklist, task)).send().await
}

/// Where a task goes: under `parent` (top level when `None`), after `previous` (first when
/// `None`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement<'a> {
    pub parent: Option<&'a str>,
    pub previous: Option<&'a str>,
}

pub async fn tasks_insert(g: &GoogleCtx, tasklist: &str, task: &Task, at: Placement<'_>) -> Result<Task, GoogleError> {
    g.post(API, tasks_path(tasklist))
        .query_opt("parent", at.parent)
        .query_opt("previous", at.previous)
        .json(task)
        .send()
        .await
}

pub async fn tasks_patch(g: &GoogleCtx, tasklist: &str, task_id: &str, task: &Task) -> Result<Task, GoogleError> {
    g.patch(API, task_path(tasklist, task_id)).json(task).send().await
}

pub async fn tasks_delete(g: &GoogleCtx, tasklist: &str, task: &str) -> Result<(), GoogleError> {
    g.delete(API, task_path(tasklist, task)).idempotent().send_empty().await
}

/// `tasks.move`: to a new parent and/or after a sibling, optionally into another list.
pub async fn tasks_move(
    g: &GoogleCtx,
    tasklist: &str,
    task: &str,
    at: Placement<'_>,
    destination_tasklist: Option<&str>,
) -> Result<Task, GoogleError> {
    g.post(API, format!("{}/move", task_path(tasklist, task)))
        .query_opt("parent", at.parent)
        .query_opt("previous", at.previous)
        .query_opt("destinationTasklist", destination_tasklist)
        .send()
        .await
}
