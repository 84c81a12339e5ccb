//! Reading tasks: list_tasks (a list's tasks as a tree, with Google's filters, paged), get_task.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, given, nonblank, timestamp};
use crate::api::{self, TaskQuery};
use crate::render;

/// Google serves at most 100 tasks per page; larger `max_results` are read page by page.
const GOOGLE_PAGE_MAX: u32 = 100;

fn twenty() -> i64 {
    20
}
fn yes() -> bool {
    true
}

// Arguments of `list_tasks`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListTasksParams {
    /// Id of the task list (from list_task_lists; "@default" is the user's default list).
    pub task_list_id: String,
    /// Most tasks to return (1-10000); more than 100 are read in several requests.
    #[serde(default = "twenty")]
    pub max_results: i64,
    /// page_token from the previous reply, for the next page.
    pub page_token: Option<String>,
    /// Include completed tasks. Tasks completed in Google's own apps are also hidden, so
    /// show_hidden must be true to see those.
    #[serde(default = "yes")]
    pub show_completed: bool,
    /// Include deleted tasks.
    #[serde(default)]
    pub show_deleted: bool,
    /// Include hidden tasks (completed tasks that were cleared).
    #[serde(default)]
    pub show_hidden: bool,
    /// Include tasks assigned to the user from Docs or Chat spaces.
    #[serde(default)]
    pub show_assigned: bool,
    /// Only tasks completed at or before this RFC 3339 time.
    pub completed_max: Option<String>,
    /// Only tasks completed at or after this RFC 3339 time.
    pub completed_min: Option<String>,
    /// Only tasks due at or before this RFC 3339 time.
    pub due_max: Option<String>,
    /// Only tasks due at or after this RFC 3339 time.
    pub due_min: Option<String>,
    /// Only tasks changed at or after this RFC 3339 time.
    pub updated_min: Option<String>,
}

pub fn list_tasks() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_tasks",
            title: "List Tasks",
            description: "List the tasks of one task list as a tree (subtasks under their parent, in list order), \
                with status, due date and completion time; filter by completion, due or update time.",
            service: Service::Tasks,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::TASKS_READONLY],
        },
        list,
    )
}

async fn list(ctx: ToolCtx, p: ListTasksParams) -> Result<ToolOutput, ToolError> {
    let list_id = nonblank(&p.task_list_id, "task_list_id")?;
    let wanted = bounded(p.max_results, 10_000, "max_results")?;
    let filters = TaskQuery {
        max_results: None,
        page_token: None,
        show_completed: p.show_completed,
        show_deleted: p.show_deleted,
        show_hidden: p.show_hidden,
        show_assigned: p.show_assigned,
        completed_max: timestamp(p.completed_max.as_deref(), "completed_max")?,
        completed_min: timestamp(p.completed_min.as_deref(), "completed_min")?,
        due_max: timestamp(p.due_max.as_deref(), "due_max")?,
        due_min: timestamp(p.due_min.as_deref(), "due_min")?,
        updated_min: timestamp(p.updated_min.as_deref(), "updated_min")?,
    };
    let g = ctx.google().await?;
    let mut tasks = Vec::new();
    let mut token = given(p.page_token.as_deref()).map(str::to_string);
    loop {
        let taken = u32::try_from(tasks.len()).unwrap_or(u32::MAX);
        // The last page asks for exactly what is missing, so Google's next token resumes
        // right after the last task shown.
        let size = wanted.saturating_sub(taken).min(GOOGLE_PAGE_MAX);
        let query = TaskQuery { max_results: Some(size), page_token: token.as_deref(), ..filters.clone() };
        let page = api::tasks_list(&g, list_id, &query).await?;
        tasks.extend(page.items);
        token = page.next_page_token;
        if token.is_none() || tasks.len() >= usize::try_from(wanted).unwrap_or(usize::MAX) {
            break;
        }
    }
    if tasks.is_empty() {
        return Ok(ToolOutput::text(format!("No tasks in list {list_id} for {}.", g.user())));
    }
    let mut out = format!("{} task(s) in list {list_id} for {}:\n", tasks.len(), g.user());
    out.push_str(&render::task_tree(&tasks));
    out.push_str(&super::pagination(token.as_deref()));
    Ok(ToolOutput::text(out))
}

// Arguments of `get_task`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetTaskParams {
    /// Id of the task list holding the task.
    pub task_list_id: String,
    /// Id of the task (from list_tasks).
    pub task_id: String,
}

pub fn get_task() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_task",
            title: "Get Task",
            description: "Show one task in full: title, status, notes, due date, completion time, parent task, \
                position and link.",
            service: Service::Tasks,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[scope::TASKS_READONLY],
        },
        get,
    )
}

async fn get(ctx: ToolCtx, p: GetTaskParams) -> Result<ToolOutput, ToolError> {
    let list_id = nonblank(&p.task_list_id, "task_list_id")?;
    let task_id = nonblank(&p.task_id, "task_id")?;
    let g = ctx.google().await?;
    let t = api::tasks_get(&g, list_id, task_id).await?;
    Ok(ToolOutput::text(render::task_details(&t)))
}
