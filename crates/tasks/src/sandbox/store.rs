//! The emulated account: task lists in creation order and their tasks, behind one mutex.
//! Siblings (same list, same parent) are ordered by `pos`, served as Google's 20-digit
//! `position` string. Deleted tasks stay as tombstones (`showDeleted` lists them); cleared
//! completed tasks become `hidden`.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, Shared};

pub type SharedStore = Shared<Store>;

#[derive(Debug, Clone)]
pub struct TaskListRec {
    pub id: String,
    pub title: String,
    pub updated: DateTime<Utc>,
}

#[derive(Debug, Clone, Default)]
pub struct TaskRec {
    pub id: String,
    pub list: String,
    pub title: String,
    pub notes: Option<String>,
    /// `true` is "completed", `false` "needsAction".
    pub done: bool,
    /// The due date: Google keeps the date only, at midnight UTC.
    pub due: Option<chrono::NaiveDate>,
    pub completed: Option<DateTime<Utc>>,
    pub parent: Option<String>,
    pub pos: u64,
    pub updated: DateTime<Utc>,
    pub hidden: bool,
    pub deleted: bool,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    pub lists: Vec<TaskListRec>,
    pub tasks: Vec<TaskRec>,
}

/// Google's timestamp shape: milliseconds and `Z`.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// A Tasks-like id (Google's are 22 URL-safe characters).
pub fn new_id() -> String {
    wsmcp_sandbox_kit::ids::alphanumeric(22)
}

impl Store {
    /// The list `id` names; `@default` is the user's first list.
    pub fn list_id(&self, id: &str) -> Result<String, GoogleError> {
        let found = if id == "@default" { self.lists.first() } else { self.lists.iter().find(|l| l.id == id) };
        found.map(|l| l.id.clone()).ok_or_else(GoogleError::not_found)
    }

    pub fn list_mut(&mut self, id: &str) -> Result<&mut TaskListRec, GoogleError> {
        let id = self.list_id(id)?;
        self.lists.iter_mut().find(|l| l.id == id).ok_or_else(GoogleError::not_found)
    }

    pub fn task(&self, list: &str, id: &str) -> Result<&TaskRec, GoogleError> {
        self.tasks.iter().find(|t| t.list == list && t.id == id).ok_or_else(GoogleError::not_found)
    }

    pub fn task_mut(&mut self, list: &str, id: &str) -> Result<&mut TaskRec, GoogleError> {
        self.tasks.iter_mut().find(|t| t.list == list && t.id == id).ok_or_else(GoogleError::not_found)
    }

    /// Live siblings under `parent` in `list`, in position order (excluding `except`).
    pub fn siblings(&self, list: &str, parent: Option<&str>, except: &str) -> Vec<String> {
        let mut s: Vec<&TaskRec> = self
            .tasks
            .iter()
            .filter(|t| t.list == list && t.parent.as_deref() == parent && !t.deleted && t.id != except)
            .collect();
        s.sort_by_key(|t| t.pos);
        s.into_iter().map(|t| t.id.clone()).collect()
    }

    /// Checks a placement as Google does: the parent is a live, visible task of the list (not
    /// the task itself nor one of its subtasks); the previous task is a sibling under it.
    pub fn check_placement(
        &self,
        list: &str,
        task: &str,
        parent: Option<&str>,
        previous: Option<&str>,
    ) -> Result<(), GoogleError> {
        if let Some(p) = parent {
            let bad = || GoogleError::bad_request(format!("Invalid parent task: {p}"));
            let pt = self.task(list, p).map_err(|_| bad())?;
            if pt.deleted || pt.hidden || p == task || self.is_descendant(list, p, task) {
                return Err(bad());
            }
        }
        if let Some(prev) = previous {
            let ok = self.task(list, prev).is_ok_and(|t| !t.deleted && !t.hidden && t.parent.as_deref() == parent);
            if !ok || prev == task {
                return Err(GoogleError::bad_request(format!("Invalid previous task: {prev}")));
            }
        }
        Ok(())
    }

    /// Whether `id` sits (at any depth) under `ancestor`.
    fn is_descendant(&self, list: &str, id: &str, ancestor: &str) -> bool {
        let mut cur = self.task(list, id).ok().and_then(|t| t.parent.clone());
        let mut hops = 0;
        while let Some(p) = cur {
            if p == ancestor || hops > 64 {
                return true;
            }
            hops += 1;
            cur = self.task(list, &p).ok().and_then(|t| t.parent.clone());
        }
        false
    }

    /// Puts `task` under `parent` right after `previous` (first when `None`) and renumbers
    /// the siblings, as Google rewrites positions when it must.
    pub fn place(&mut self, list: &str, task: &str, parent: Option<&str>, previous: Option<&str>) {
        let mut order = self.siblings(list, parent, task);
        let at = previous.and_then(|p| order.iter().position(|id| id == p)).map_or(0, |i| i + 1);
        order.insert(at.min(order.len()), task.to_string());
        for (i, id) in order.iter().enumerate() {
            if let Ok(t) = self.task_mut(list, id) {
                t.pos = (i as u64 + 1) * 1024;
                if t.id == task {
                    t.parent = parent.map(str::to_string);
                }
            }
        }
    }

    /// `id` and every task under it, parents first.
    pub fn subtree(&self, list: &str, id: &str) -> Vec<String> {
        let mut out = vec![id.to_string()];
        let mut i = 0;
        while let Some(cur) = out.get(i).cloned() {
            for t in self.tasks.iter().filter(|t| t.list == list && t.parent.as_deref() == Some(cur.as_str())) {
                if !out.contains(&t.id) {
                    out.push(t.id.clone());
                }
            }
            i += 1;
        }
        out
    }

    /// The tasks of `list` in Google's order: each parent followed by its subtasks.
    pub fn ordered(&self, list: &str) -> Vec<&TaskRec> {
        let mut out = Vec::new();
        self.walk(list, None, &mut out, 0);
        out
    }

    fn walk<'a>(&'a self, list: &str, parent: Option<&str>, out: &mut Vec<&'a TaskRec>, depth: usize) {
        let mut level: Vec<&TaskRec> =
            self.tasks.iter().filter(|t| t.list == list && t.parent.as_deref() == parent).collect();
        level.sort_by_key(|t| (t.pos, t.id.clone()));
        for t in level {
            out.push(t);
            if depth < 64 {
                self.walk(list, Some(&t.id), out, depth + 1);
            }
        }
    }
}

pub fn list_json(l: &TaskListRec) -> Value {
    json!({
        "kind": "tasks#taskList",
        "id": l.id,
        "etag": format!("\"{}\"", l.updated.timestamp_millis()),
        "title": l.title,
        "updated": stamp(l.updated),
        "selfLink": format!("https://www.googleapis.com/tasks/v1/users/@me/lists/{}", l.id),
    })
}

pub fn task_json(t: &TaskRec) -> Value {
    let mut out = json!({
        "kind": "tasks#task",
        "id": t.id,
        "etag": format!("\"{}\"", t.updated.timestamp_millis()),
        "title": t.title,
        "updated": stamp(t.updated),
        "selfLink": format!("https://www.googleapis.com/tasks/v1/lists/{}/tasks/{}", t.list, t.id),
    });
    if let Some(p) = &t.parent {
        out["parent"] = json!(p);
    }
    out["position"] = json!(format!("{:020}", t.pos));
    if let Some(n) = &t.notes {
        out["notes"] = json!(n);
    }
    out["status"] = json!(if t.done { "completed" } else { "needsAction" });
    if let Some(d) = t.due {
        out["due"] = json!(format!("{}T00:00:00.000Z", d.format("%Y-%m-%d")));
    }
    if let Some(c) = t.completed {
        out["completed"] = json!(stamp(c));
    }
    if t.deleted {
        out["deleted"] = json!(true);
    }
    if t.hidden {
        out["hidden"] = json!(true);
    }
    out["links"] = json!([]);
    out["webViewLink"] = json!(format!("https://tasks.google.com/task/{}", t.id));
    out
}
