//! Task lists: list_task_lists, get_task_list, manage_task_list (create, update, delete,
//! clear_completed).

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, nonblank, required};
use crate::api;
use crate::render;
use crate::wire::TaskList;

fn thousand() -> i64 {
    1000
}

// Arguments of `list_task_lists`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListTaskListsParams {
    /// Task lists per page (1-1000).
    #[serde(default = "thousand")]
    pub max_results: i64,
    /// page_token from the previous reply, for the next page.
    pub page_token: Option<String>,
}

pub fn list_task_lists() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_task_lists",
            title: "List Task Lists",
            description: "List this account's Google Tasks lists with their ids (the task_list_id of the other \
                task tools).",
            service: Service::Tasks,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[scope::TASKS_READONLY],
        },
        list,
    )
}

async fn list(ctx: ToolCtx, p: ListTaskListsParams) -> Result<ToolOutput, ToolError> {
    let max = bounded(p.max_results, 1000, "max_results")?;
    let g = ctx.google().await?;
    let page = api::tasklists_list(&g, Some(max), given(p.page_token.as_deref())).await?;
    if page.items.is_empty() {
        return Ok(ToolOutput::text(format!("No task lists found for {}.", g.user())));
    }
    let mut out = format!("{} task list(s) for {}:\n", page.items.len(), g.user());
    for l in &page.items {
        out.push_str(&render::task_list_line(l));
        out.push('\n');
    }
    out.push_str(&super::pagination(page.next_page_token.as_deref()));
    Ok(ToolOutput::text(out))
}

// Arguments of `get_task_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetTaskListParams {
    /// Id of the task list (from list_task_lists).
    pub task_list_id: String,
}

pub fn get_task_list() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_task_list",
            title: "Get Task List",
            description: "Show one task list: its title, id and when it last changed.",
            service: Service::Tasks,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[scope::TASKS_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetTaskListParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.task_list_id, "task_list_id")?;
    let g = ctx.google().await?;
    let l = api::tasklists_get(&g, id).await?;
    Ok(ToolOutput::text(format!("Task list for {}:\n{}\n", g.user(), render::task_list_line(&l))))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskListAction {
    Create,
    Update,
    Delete,
    ClearCompleted,
}

// Arguments of `manage_task_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageTaskListParams {
    /// create, update (rename), delete (the list and all its tasks), or clear_completed
    /// (hide the list's completed tasks).
    pub action: TaskListAction,
    /// The list to change; required for update, delete and clear_completed.
    pub task_list_id: Option<String>,
    /// The list's title; required for create and update.
    pub title: Option<String>,
}

pub fn manage_task_list() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_task_list",
            title: "Manage Task List",
            description: "Create, rename or delete a task list, or clear its completed tasks (they become \
                hidden, as 'Delete all completed tasks' in Google Tasks).",
            service: Service::Tasks,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::TASKS],
        },
        manage,
    )
}

async fn manage(ctx: ToolCtx, p: ManageTaskListParams) -> Result<ToolOutput, ToolError> {
    let id = || required(p.task_list_id.as_deref(), "task_list_id is required for this action");
    let title = || required(p.title.as_deref(), "title is required for create and update");
    let out = match p.action {
        TaskListAction::Create => {
            let body = TaskList { title: Some(title()?.to_string()), ..Default::default() };
            let g = ctx.google().await?;
            let l = api::tasklists_insert(&g, &body).await?;
            format!("Created task list:\n{}\n", render::task_list_line(&l))
        }
        TaskListAction::Update => {
            let (id, body) = (id()?, TaskList { title: Some(title()?.to_string()), ..Default::default() });
            let g = ctx.google().await?;
            let l = api::tasklists_patch(&g, id, &body).await?;
            format!("Updated task list:\n{}\n", render::task_list_line(&l))
        }
        TaskListAction::Delete => {
            let id = id()?;
            let g = ctx.google().await?;
            api::tasklists_delete(&g, id).await?;
            format!("Deleted task list {id} and its tasks.\n")
        }
        TaskListAction::ClearCompleted => {
            let id = id()?;
            let g = ctx.google().await?;
            api::tasks_clear(&g, id).await?;
            format!(
                "Cleared completed tasks from list {id}: they are hidden now (list_tasks with show_hidden shows them).\n"
            )
        }
    };
    Ok(ToolOutput::text(out))
}
