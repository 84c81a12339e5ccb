//! The task lists every sandbox starts with, dated relative to now and matching the mailbox
//! and calendar: "My Tasks" (the default list) with the Atlas 1.0 launch checklist, due by
//! the launch (next Tuesday, as in the calendar seed) with subtasks, the Munich customer
//! visit and the budget follow-up; a "Personal" list; one completed task already cleared
//! (hidden) and one deleted.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::store::{Store, TaskListRec, TaskRec};

/// Fixed ids, so tests and examples can name them.
pub const MY_TASKS: &str = "MTI4NzY1NDMyMTAxMjM0NTY3ODk";
pub const PERSONAL: &str = "UGVyc29uYWxMaXN0MDAwMDAwMDE";
pub const LAUNCH_TASK: &str = "YXRsYXMtbGF1bmNoLWNoZWNrbGlz";

/// The Atlas 1.0 launch: next Tuesday (a week ahead when today is Tuesday).
pub fn launch_day(today: NaiveDate) -> NaiveDate {
    let ahead = (7 + 1 - i64::from(today.weekday().num_days_from_monday())) % 7;
    today + Duration::days(if ahead == 0 { 7 } else { ahead })
}

struct Seeder {
    store: Store,
    now: DateTime<Utc>,
    today: NaiveDate,
}

impl Seeder {
    fn list(&mut self, id: &str, title: &str, age_days: i64) {
        let updated = self.now - Duration::days(age_days);
        self.store.lists.push(TaskListRec { id: id.into(), title: title.into(), updated });
    }

    /// A task placed after its existing siblings; `due` in days from today. `add` stores it.
    fn task(&self, list: &str, id: &str, title: &str, parent: Option<&str>, due: Option<i64>) -> TaskRec {
        let pos = self.store.siblings(list, parent, "").len() as u64 * 1024 + 1024;
        TaskRec {
            id: id.into(),
            list: list.into(),
            title: title.into(),
            due: due.map(|d| self.today + Duration::days(d)),
            parent: parent.map(String::from),
            pos,
            updated: self.now - Duration::hours(20),
            ..Default::default()
        }
    }

    fn add(&mut self, t: TaskRec) {
        self.store.tasks.push(t);
    }
}

/// `t`, completed at `at`.
fn completed(mut t: TaskRec, at: DateTime<Utc>) -> TaskRec {
    t.done = true;
    t.completed = Some(at);
    t.updated = at;
    t
}

fn with_notes(mut t: TaskRec, notes: &str) -> TaskRec {
    t.notes = Some(notes.into());
    t
}

pub fn account(user: &str, now: DateTime<Utc>) -> Store {
    let today = now.date_naive();
    let mut s = Seeder { store: Store { user: user.into(), lists: Vec::new(), tasks: Vec::new() }, now, today };
    let launch = (launch_day(today) - today).num_days();
    s.list(MY_TASKS, "My Tasks", 90);
    s.list(PERSONAL, "Personal", 30);

    let launch_task = s.task(MY_TASKS, LAUNCH_TASK, "Project Atlas launch", None, Some(launch));
    s.add(with_notes(launch_task, "Everything that must be done before the Atlas 1.0 launch announcement goes out."));
    s.add(s.task(
        MY_TASKS,
        "YXRsYXMtcmVsZWFzZS1ub3Rlcw",
        "Write the 1.0 release notes",
        Some(LAUNCH_TASK),
        // Two days before launch, but never today or earlier: on a Sunday or Monday the launch
        // is one or two days off, and an overdue subtask would change what "overdue" lists.
        Some((launch - 2).max(1)),
    ));
    let mockups = s.task(MY_TASKS, "YXRsYXMtbW9ja3Vwcy12Mg", "Review design mockups v2", Some(LAUNCH_TASK), None);
    s.add(completed(mockups, now - Duration::days(2)));
    s.add(s.task(
        MY_TASKS,
        "YXRsYXMtbG9hZC10ZXN0",
        "Load test the sync API (API limits question)",
        Some(LAUNCH_TASK),
        Some(launch - 1),
    ));
    let munich = s.task(MY_TASKS, "bXVuaWNoLWN1c3RvbWVy", "Prepare the Kundentermin München agenda", None, Some(3));
    s.add(with_notes(munich, "Northwind: bring the Q3 roadmap and the delayed activation keys (order #4471)."));
    s.add(s.task(MY_TASKS, "YnVkZ2V0LWZvbGxvdy11cA", "Send Lena the October budget overview", None, Some(-1)));
    s.add(s.task(MY_TASKS, "Y29udG9zby1wcm9wb3NhbA", "Reply to the Contoso partnership proposal", None, None));
    // Done before the offsite and cleared since: hidden.
    let offsite = s.task(MY_TASKS, "b2Zmc2l0ZS1ob3RlbA", "Book the hotel for the München offsite", None, Some(-10));
    s.add(TaskRec { hidden: true, ..completed(offsite, now - Duration::days(9)) });
    let password = s.task(MY_TASKS, "b2xkLXBhc3N3b3Jk", "Change the expiring password", None, None);
    s.add(TaskRec { deleted: true, ..password });

    s.add(s.task(PERSONAL, "bGVuYS1iaXJ0aGRheQ", "Buy a present for Lena's birthday", None, Some(5)));
    s.add(s.task(PERSONAL, "dGFsay1zbGlkZXM", "Slides for \"Offline-first sync in Rust\"", None, Some(14)));
    s.store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launch_is_the_next_tuesday() {
        let tue = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(launch_day(tue), NaiveDate::from_ymd_opt(2026, 12, 8).unwrap());
        let fri = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(launch_day(fri), NaiveDate::from_ymd_opt(2026, 12, 8).unwrap());
    }
}
