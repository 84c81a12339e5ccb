//! `tasks.list` (with Google's show/hide flags, time bounds and paging) and `tasks.get`.

use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, QueryParams, page_size, paginate};

use super::store::{SharedStore, TaskRec, task_json};
use super::{Reply, ok};

/// An RFC 3339 bound parameter.
fn bound(q: &QueryParams, name: &str) -> Result<Option<DateTime<Utc>>, GoogleError> {
    q.get(name)
        .map(|v| {
            DateTime::parse_from_rfc3339(v)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| GoogleError::bad_request(format!("Invalid value for {name}: {v}")))
        })
        .transpose()
}

/// A flag whose default is `default` when absent.
fn flag(q: &QueryParams, name: &str, default: bool) -> Result<bool, GoogleError> {
    if q.get(name).is_none() { Ok(default) } else { q.flag(name) }
}

struct Filter {
    show_completed: bool,
    show_deleted: bool,
    show_hidden: bool,
    completed_min: Option<DateTime<Utc>>,
    completed_max: Option<DateTime<Utc>>,
    due_min: Option<DateTime<Utc>>,
    due_max: Option<DateTime<Utc>>,
    updated_min: Option<DateTime<Utc>>,
}

impl Filter {
    fn parse(q: &QueryParams) -> Result<Filter, GoogleError> {
        Ok(Filter {
            show_completed: flag(q, "showCompleted", true)?,
            show_deleted: flag(q, "showDeleted", false)?,
            show_hidden: flag(q, "showHidden", false)?,
            completed_min: bound(q, "completedMin")?,
            completed_max: bound(q, "completedMax")?,
            due_min: bound(q, "dueMin")?,
            due_max: bound(q, "dueMax")?,
            updated_min: bound(q, "updatedMin")?,
        })
    }

    fn keeps(&self, t: &TaskRec) -> bool {
        let due = t.due.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc());
        // A bound excludes tasks that lack the field it bounds, as Google does.
        let within = |v: Option<DateTime<Utc>>, min: Option<DateTime<Utc>>, max: Option<DateTime<Utc>>| {
            (min.is_none() && max.is_none())
                || v.is_some_and(|v| min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m))
        };
        (self.show_completed || !t.done)
            && (self.show_deleted || !t.deleted)
            && (self.show_hidden || !t.hidden)
            && within(t.completed, self.completed_min, self.completed_max)
            && within(due, self.due_min, self.due_max)
            && self.updated_min.is_none_or(|m| t.updated >= m)
    }
}

pub async fn tasks_list(State(store): State<SharedStore>, Path(list): Path<String>, q: QueryParams) -> Reply {
    let size = page_size(q.uint("maxResults")?, 20, 100);
    let filter = Filter::parse(&q)?;
    let s = store.lock();
    let list = s.list_id(&list)?;
    let all: Vec<Value> = s.ordered(&list).into_iter().filter(|t| filter.keeps(t)).map(task_json).collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    let mut out = json!({ "kind": "tasks#tasks", "items": page.items });
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn tasks_get(State(store): State<SharedStore>, Path((list, task)): Path<(String, String)>) -> Reply {
    let s = store.lock();
    let list = s.list_id(&list)?;
    ok(task_json(s.task(&list, &task)?))
}
