//! manage_task: create, update (PATCH of the given fields), delete, or move a task.

use chrono::{DateTime, NaiveDate};
use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{given, nonblank, required};
use crate::api::{self, Placement};
use crate::render;
use crate::wire::Task;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TaskAction {
    Create,
    Update,
    Delete,
    Move,
}

// Arguments of `manage_task`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageTaskParams {
    /// create, update, delete, or move (to another parent, position or list).
    pub action: TaskAction,
    /// Id of the task list holding the task (where a new task goes).
    pub task_list_id: String,
    /// The task to change; required for update, delete and move.
    pub task_id: Option<String>,
    /// Title; required for create.
    pub title: Option<String>,
    /// Notes (create, update; on update "" clears them).
    pub notes: Option<String>,
    /// "needsAction" or "completed" (update; also accepted on create). Completing sets the
    /// completion time, needsAction clears it.
    pub status: Option<String>,
    /// Due date: '2026-12-31' or an RFC 3339 time whose date is used (Google keeps only the
    /// date of a task's due time).
    pub due: Option<String>,
    /// Parent task id: create or move the task as its subtask (move without parent puts it
    /// at the top level).
    pub parent: Option<String>,
    /// Sibling task id to place the task after (create, move); first among its siblings
    /// when omitted.
    pub previous: Option<String>,
    /// Move the task (and its subtasks) into this task list.
    pub destination_task_list: Option<String>,
}

pub fn manage_task() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_task",
            title: "Manage Task",
            description: "Create, update, delete or move a task: set title, notes, due date and status (completed \
                or needsAction), make it a subtask of another task, reorder it, or move it to another list.",
            service: Service::Tasks,
            tier: Tier::Core,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::TASKS],
        },
        manage,
    )
}

/// A due argument as Google stores it: the date at midnight UTC. A time with an offset
/// keeps the date it names, not the UTC date of that instant, which is what the user meant.
pub fn due_value(text: &str) -> Result<String, ToolError> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| DateTime::parse_from_rfc3339(text).ok().map(|t| t.date_naive()))
        .ok_or_else(|| {
            ToolError::invalid(format!("due must be a date (2026-12-31) or an RFC 3339 time, got '{text}'"))
        })?;
    Ok(format!("{}T00:00:00.000Z", date.format("%Y-%m-%d")))
}

fn status_value(text: &str) -> Result<String, ToolError> {
    match text {
        "needsAction" | "completed" => Ok(text.to_string()),
        other => Err(ToolError::invalid(format!("status must be \"needsAction\" or \"completed\", got '{other}'"))),
    }
}

/// The fields a create or update sets.
fn fields(p: &ManageTaskParams) -> Result<Task, ToolError> {
    Ok(Task {
        title: given(p.title.as_deref()).map(str::to_string),
        notes: p.notes.clone(),
        status: given(p.status.as_deref()).map(status_value).transpose()?,
        due: given(p.due.as_deref()).map(due_value).transpose()?,
        ..Default::default()
    })
}

async fn manage(ctx: ToolCtx, p: ManageTaskParams) -> Result<ToolOutput, ToolError> {
    let list_id = nonblank(&p.task_list_id, "task_list_id")?;
    let task_id = || required(p.task_id.as_deref(), "task_id is required for update, delete and move");
    let at = Placement { parent: given(p.parent.as_deref()), previous: given(p.previous.as_deref()) };
    let out = match p.action {
        TaskAction::Create => {
            required(p.title.as_deref(), "title is required to create a task")?;
            let body = fields(&p)?;
            let g = ctx.google().await?;
            let t = api::tasks_insert(&g, list_id, &body, at).await?;
            format!("Created task in list {list_id}:\n{}", render::task_details(&t))
        }
        TaskAction::Update => {
            let id = task_id()?;
            let body = fields(&p)?;
            if body.title.is_none() && body.notes.is_none() && body.status.is_none() && body.due.is_none() {
                return Err(ToolError::invalid("update needs at least one of title, notes, status or due"));
            }
            let g = ctx.google().await?;
            let t = api::tasks_patch(&g, list_id, id, &body).await?;
            format!("Updated task:\n{}", render::task_details(&t))
        }
        TaskAction::Delete => {
            let id = task_id()?;
            let g = ctx.google().await?;
            api::tasks_delete(&g, list_id, id).await?;
            format!("Deleted task {id} from list {list_id}.\n")
        }
        TaskAction::Move => {
            let id = task_id()?;
            let destination = given(p.destination_task_list.as_deref());
            let g = ctx.google().await?;
            let t = api::tasks_move(&g, list_id, id, at, destination).await?;
            let list = destination.unwrap_or(list_id);
            format!("Moved task in list {list}:\n{}", render::task_details(&t))
        }
    };
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_keeps_the_named_date() {
        assert_eq!(due_value("2026-12-31").unwrap(), "2026-12-31T00:00:00.000Z");
        assert_eq!(due_value("2026-12-31T23:59:59-05:00").unwrap(), "2026-12-31T00:00:00.000Z");
        assert!(due_value("next week").is_err());
        assert!(status_value("done").is_err());
    }
}
