//! Task lists and tasks as text for the model. Pure functions.

use crate::wire::{Task, TaskList};

/// `- "Title" (ID: id) | updated ...`
pub fn task_list_line(l: &TaskList) -> String {
    let mut out = format!("- \"{}\" (ID: {})", l.title.as_deref().unwrap_or(""), l.id.as_deref().unwrap_or("?"));
    if let Some(u) = &l.updated {
        out.push_str(&format!(" | updated {u}"));
    }
    out
}

/// Google keeps only the date of `due` (the time is always midnight UTC), so show the date.
pub fn due_date(due: &str) -> &str {
    due.split('T').next().unwrap_or(due)
}

/// One task on one line, indented by `depth`.
pub fn task_line(t: &Task, depth: usize) -> String {
    let mut out = format!(
        "{}- \"{}\" (ID: {}) | {}",
        "  ".repeat(depth),
        t.title.as_deref().unwrap_or(""),
        t.id.as_deref().unwrap_or("?"),
        t.status.as_deref().unwrap_or("needsAction")
    );
    if let Some(d) = &t.due {
        out.push_str(&format!(" | due {}", due_date(d)));
    }
    if let Some(c) = &t.completed {
        out.push_str(&format!(" | completed {c}"));
    }
    if t.hidden {
        out.push_str(" | hidden");
    }
    if t.deleted {
        out.push_str(" | deleted");
    }
    out
}

/// Tasks as a tree: each task under its parent, siblings in Google's `position` order. A
/// subtask whose parent is not on this page is shown at the top level with its parent's id.
pub fn task_tree(tasks: &[Task]) -> String {
    let mut sorted: Vec<&Task> = tasks.iter().collect();
    sorted.sort_by(|a, b| a.position.cmp(&b.position));
    let present = |id: &str| tasks.iter().any(|t| t.id.as_deref() == Some(id));
    let mut out = String::new();
    for t in sorted.iter().filter(|t| t.parent.as_deref().is_none_or(|p| !present(p))) {
        let mut line = task_line(t, 0);
        if let Some(p) = &t.parent {
            line.push_str(&format!(" | subtask of {p}"));
        }
        out.push_str(&line);
        out.push('\n');
        children(&sorted, t, 1, &mut out);
    }
    out
}

fn children(sorted: &[&Task], parent: &Task, depth: usize, out: &mut String) {
    // Google allows one level of subtasks, but a deeper tree must not loop or vanish.
    if depth > 8 {
        return;
    }
    for c in sorted.iter().filter(|c| c.parent.is_some() && c.parent == parent.id) {
        out.push_str(&task_line(c, depth));
        out.push('\n');
        children(sorted, c, depth + 1, out);
    }
}

/// Every field of one task, one per line.
pub fn task_details(t: &Task) -> String {
    let mut out = format!(
        "Task \"{}\" (ID: {})\n- Status: {}\n",
        t.title.as_deref().unwrap_or(""),
        t.id.as_deref().unwrap_or("?"),
        t.status.as_deref().unwrap_or("needsAction")
    );
    let mut field = |name: &str, value: Option<&str>| {
        if let Some(v) = value {
            out.push_str(&format!("- {name}: {v}\n"));
        }
    };
    field("Due", t.due.as_deref().map(due_date));
    field("Completed", t.completed.as_deref());
    field("Parent", t.parent.as_deref());
    field("Position", t.position.as_deref());
    field("Updated", t.updated.as_deref());
    field("Notes", t.notes.as_deref());
    field("Link", t.web_view_link.as_deref());
    if t.hidden {
        out.push_str("- Hidden: yes (cleared from the list)\n");
    }
    if t.deleted {
        out.push_str("- Deleted: yes\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, parent: Option<&str>, position: &str) -> Task {
        Task {
            id: Some(id.into()),
            title: Some(id.to_uppercase()),
            parent: parent.map(String::from),
            position: Some(position.into()),
            ..Default::default()
        }
    }

    #[test]
    fn subtasks_sit_under_their_parent_in_position_order() {
        let tasks =
            [task("b", None, "2"), task("b2", Some("b"), "2"), task("a", None, "1"), task("b1", Some("b"), "1")];
        let text = task_tree(&tasks);
        let order: Vec<&str> = text.lines().map(|l| l.trim_start()).collect();
        assert!(order[0].starts_with("- \"A\""), "{text}");
        assert!(order[1].starts_with("- \"B\""), "{text}");
        assert!(text.contains("\n  - \"B1\""), "{text}");
        assert!(order[3].starts_with("- \"B2\""), "{text}");
    }

    #[test]
    fn orphans_name_their_parent_and_due_is_a_date() {
        let mut t = task("c", Some("gone"), "1");
        t.due = Some("2031-03-10T00:00:00.000Z".into());
        let text = task_tree(&[t]);
        assert!(text.contains("subtask of gone"), "{text}");
        assert!(text.contains("due 2031-03-10 "), "{text}");
    }
}
