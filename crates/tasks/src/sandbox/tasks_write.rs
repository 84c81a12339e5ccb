//! `tasks.insert`, `patch`, `update` (PUT), `delete`, `move` and `clear`, with Google's rules: a due time
//! keeps its date only; `status: completed` stamps `completed` (unless given) and
//! `needsAction` clears it; delete leaves a tombstone (subtasks too); move takes the
//! subtasks along, within the list or into another; clear hides completed tasks.

use axum::extract::{Path, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, QueryParams};

use super::store::{SharedStore, TaskRec, new_id, task_json};
use super::tasklists::no_content;
use super::{Reply, ok};

fn text(body: &Value, name: &str, max: usize) -> Result<Option<Option<String>>, GoogleError> {
    match body.get(name) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) if s.chars().count() > max => {
            Err(GoogleError::bad_request(format!("Invalid value for {name}: longer than {max} characters")))
        }
        Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
        Some(other) => Err(GoogleError::bad_request(format!("Invalid value for {name}: {other}"))),
    }
}

fn instant(value: &str, name: &str) -> Result<DateTime<Utc>, GoogleError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| GoogleError::bad_request(format!("Invalid value for {name}: {value}")))
}

/// The fields a write may set; `None` leaves a field as it is.
struct Changes {
    title: Option<String>,
    notes: Option<Option<String>>,
    done: Option<bool>,
    due: Option<Option<NaiveDate>>,
    completed: Option<Option<DateTime<Utc>>>,
    deleted: Option<bool>,
}

impl Changes {
    fn parse(body: &Value) -> Result<Changes, GoogleError> {
        let done = match text(body, "status", 32)? {
            None | Some(None) => None,
            Some(Some(s)) if s == "completed" => Some(true),
            Some(Some(s)) if s == "needsAction" => Some(false),
            Some(Some(s)) => return Err(GoogleError::bad_request(format!("Invalid value for status: {s}"))),
        };
        // Google records only the date of `due`: the UTC date of the instant given.
        let due = text(body, "due", 64)?
            .map(|d| d.map(|d| instant(&d, "due").map(|t| t.date_naive())).transpose())
            .transpose()?;
        let completed =
            text(body, "completed", 64)?.map(|c| c.map(|c| instant(&c, "completed")).transpose()).transpose()?;
        let deleted = match body.get("deleted") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => return Err(GoogleError::bad_request(format!("Invalid value for deleted: {other}"))),
        };
        Ok(Changes {
            title: text(body, "title", 1024)?.map(Option::unwrap_or_default),
            notes: text(body, "notes", 8192)?,
            done,
            due,
            completed,
            deleted,
        })
    }

    /// A PUT replaces the resource: a writable field it leaves out is cleared.
    fn replacing(self) -> Changes {
        Changes {
            title: Some(self.title.unwrap_or_default()),
            notes: Some(self.notes.flatten()),
            done: Some(self.done.unwrap_or(false)),
            due: Some(self.due.flatten()),
            ..self
        }
    }

    fn apply(self, t: &mut TaskRec, now: DateTime<Utc>) {
        if let Some(title) = self.title {
            t.title = title;
        }
        if let Some(notes) = self.notes {
            t.notes = notes.filter(|n| !n.is_empty());
        }
        if let Some(due) = self.due {
            t.due = due;
        }
        if let Some(d) = self.deleted {
            t.deleted = d;
        }
        match self.done {
            Some(true) => {
                t.done = true;
                t.completed = self.completed.flatten().or(t.completed).or(Some(now));
            }
            Some(false) => {
                t.done = false;
                t.completed = None;
                t.hidden = false;
            }
            None => {}
        }
        t.updated = now;
    }
}

fn placement(q: &QueryParams) -> (Option<String>, Option<String>) {
    let p = |n: &str| q.get(n).filter(|v| !v.is_empty()).map(str::to_string);
    (p("parent"), p("previous"))
}

pub async fn tasks_insert(
    State(store): State<SharedStore>,
    Path(list): Path<String>,
    q: QueryParams,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let changes = Changes::parse(&body)?;
    let (parent, previous) = placement(&q);
    let now = wsmcp_core::clock::now();
    let mut s = store.lock();
    let list = s.list_id(&list)?;
    let id = new_id();
    s.check_placement(&list, &id, parent.as_deref(), previous.as_deref())?;
    let mut t = TaskRec { id: id.clone(), list: list.clone(), updated: now, ..Default::default() };
    changes.apply(&mut t, now);
    s.tasks.push(t);
    s.place(&list, &id, parent.as_deref(), previous.as_deref());
    ok(task_json(s.task(&list, &id)?))
}

pub async fn tasks_patch(
    State(store): State<SharedStore>,
    Path((list, task)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    change_task(&store, &list, &task, Changes::parse(&body)?)
}

pub async fn tasks_update(
    State(store): State<SharedStore>,
    Path((list, task)): Path<(String, String)>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    change_task(&store, &list, &task, Changes::parse(&body)?.replacing())
}

/// PATCH and PUT differ only in what an omitted field means (see [`Changes::replacing`]).
fn change_task(store: &SharedStore, list: &str, task: &str, changes: Changes) -> Reply {
    let now = wsmcp_core::clock::now();
    let mut s = store.lock();
    let list = s.list_id(list)?;
    let t = s.task_mut(&list, task)?;
    changes.apply(t, now);
    ok(task_json(t))
}

pub async fn tasks_delete(State(store): State<SharedStore>, Path((list, task)): Path<(String, String)>) -> Reply {
    let now = wsmcp_core::clock::now();
    let mut s = store.lock();
    let list = s.list_id(&list)?;
    s.task(&list, &task)?;
    for id in s.subtree(&list, &task) {
        let t = s.task_mut(&list, &id)?;
        t.deleted = true;
        t.updated = now;
    }
    Ok(no_content())
}

pub async fn tasks_move(
    State(store): State<SharedStore>,
    Path((list, task)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let (parent, previous) = placement(&q);
    let now = wsmcp_core::clock::now();
    let mut s = store.lock();
    let from = s.list_id(&list)?;
    if s.task(&from, &task)?.deleted {
        return Err(GoogleError::not_found());
    }
    let to = match q.get("destinationTasklist").filter(|v| !v.is_empty()) {
        Some(dest) => s.list_id(dest).map_err(|_| GoogleError::bad_request(format!("Invalid task list: {dest}")))?,
        None => from.clone(),
    };
    // Checked before anything changes, so a refused move leaves the task where it was.
    s.check_placement(&to, &task, parent.as_deref(), previous.as_deref())?;
    if to != from {
        // The task and its subtasks change lists; it arrives at the top level unless a
        // parent in the destination is named.
        for id in s.subtree(&from, &task) {
            s.task_mut(&from, &id)?.list = to.clone();
        }
    }
    s.place(&to, &task, parent.as_deref(), previous.as_deref());
    let t = s.task_mut(&to, &task)?;
    t.updated = now;
    ok(task_json(t))
}

pub async fn tasks_clear(State(store): State<SharedStore>, Path(list): Path<String>) -> Reply {
    let now = wsmcp_core::clock::now();
    let mut s = store.lock();
    let list = s.list_id(&list)?;
    for t in s.tasks.iter_mut().filter(|t| t.list == list && t.done && !t.hidden && !t.deleted) {
        t.hidden = true;
        t.updated = now;
    }
    Ok(no_content())
}
