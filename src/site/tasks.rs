//! Task status as of a date: the latest update gives the status; a task past
//! its deadline and neither done nor cancelled is overdue; one due within
//! [`DUE_SOON_DAYS`](super::DUE_SOON_DAYS) is due soon.

use super::DUE_SOON_DAYS;
use crate::content::Content;
use crate::content::date::Date;
use crate::content::model::TaskStatus;

/// Who leads or supports a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lead {
    Agency(String),
    AllCommunes,
    AllDepartments,
}

impl Lead {
    pub const ALL_COMMUNES: &'static str = "all-communes";
    pub const ALL_DEPARTMENTS: &'static str = "all-departments";

    pub fn parse(s: &str) -> Lead {
        match s {
            Self::ALL_COMMUNES => Lead::AllCommunes,
            Self::ALL_DEPARTMENTS => Lead::AllDepartments,
            other => Lead::Agency(other.to_string()),
        }
    }
}

/// A task by its directive and its position in that directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TaskRef {
    pub directive: usize,
    pub task: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskState {
    pub status: TaskStatus,
    /// Progress of the latest update that gave one (0–100); 100 when done.
    pub progress: Option<u8>,
    pub last_update: Option<Date>,
    /// The day the deadline falls on: a month-only deadline is the month's
    /// last day.
    pub due: Option<time::Date>,
    pub overdue: bool,
    pub due_soon: bool,
    /// Days until the deadline (negative: days late).
    pub days_left: Option<i64>,
}

pub fn state(task: &crate::content::model::directive::Task, as_of: Date) -> TaskState {
    // Updates dated after the reporting date have not happened yet as of
    // it. Among the rest, the latest by date; among equal dates, the later
    // in the list.
    let today = as_of.first_day();
    let known = || task.updates.iter().filter(|u| u.date.first_day() <= today);
    let latest = known()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.date.cmp(&b.date).then(ia.cmp(ib)))
        .map(|(_, u)| u);
    let status = latest.map_or(TaskStatus::NotStarted, |u| u.status);
    let progress = if status == TaskStatus::Done {
        Some(100)
    } else {
        // The last figure given, by date then list order: an update that
        // only changes the status keeps the progress reported before.
        known()
            .enumerate()
            .filter(|(_, u)| u.progress.is_some())
            .max_by(|(ia, a), (ib, b)| a.date.cmp(&b.date).then(ia.cmp(ib)))
            .and_then(|(_, u)| u.progress)
            .map(|p| p.min(100) as u8)
    };
    let due = task.deadline.map(|d| d.last_day());
    let days_left = due.map(|d| (d - today).whole_days());
    let open = !status.is_closed();
    let overdue = open && days_left.is_some_and(|d| d < 0);
    let due_soon = open && days_left.is_some_and(|d| (0..=DUE_SOON_DAYS).contains(&d));
    TaskState {
        status,
        progress,
        last_update: latest.map(|u| u.date),
        due,
        overdue,
        due_soon,
        days_left,
    }
}

pub fn compute(content: &Content, as_of: Date) -> Vec<Vec<TaskState>> {
    content
        .directives
        .iter()
        .map(|d| d.data.tasks.iter().map(|t| state(t, as_of)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::directive::Task;

    fn task(yaml: &str) -> Task {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn month_deadline_is_due_at_month_end() {
        let t = task("id: 2\ntitle: Plan\nlead: so\ndeadline: 2026-07\n");
        let s = state(&t, d("2026-07-31"));
        assert!(!s.overdue);
        assert!(s.due_soon);
        assert_eq!(s.days_left, Some(0));
        let s = state(&t, d("2026-08-01"));
        assert!(s.overdue);
        assert_eq!(s.status, TaskStatus::NotStarted);
    }

    #[test]
    fn done_tasks_are_never_overdue() {
        let t = task(
            "id: 1\ntitle: x\nlead: so\ndeadline: 2026-01-10\nupdates:\n  - {date: 2026-01-05, status: done}\n",
        );
        let s = state(&t, d("2026-11-28"));
        assert_eq!(s.status, TaskStatus::Done);
        assert!(!s.overdue && !s.due_soon);
        assert_eq!(s.progress, Some(100));
    }

    #[test]
    fn latest_update_by_date_then_list_order() {
        let t = task(
            "id: 1\ntitle: x\nlead: so\nupdates:\n  - {date: 2026-03-01, status: in_progress, progress: 50}\n  - {date: 2026-02-01, status: not_started}\n  - {date: 2026-03-01, status: cancelled}\n",
        );
        let s = state(&t, d("2026-11-28"));
        assert_eq!(s.status, TaskStatus::Cancelled);
        assert!(!s.overdue);
        // The latest update gave no progress: the last figure given stays.
        assert_eq!(s.progress, Some(50));
    }

    #[test]
    fn updates_after_the_reporting_date_do_not_count_yet() {
        let t = task(
            "id: 1\ntitle: x\nlead: so\ndeadline: 2026-07\nupdates:\n  - {date: 2026-06-01, status: in_progress, progress: 30}\n  - {date: 2026-08-15, status: done}\n",
        );
        let s = state(&t, d("2026-08-01"));
        assert_eq!(s.status, TaskStatus::InProgress);
        assert_eq!(s.progress, Some(30));
        assert!(s.overdue);
        assert_eq!(state(&t, d("2026-08-15")).status, TaskStatus::Done);
    }

    #[test]
    fn no_deadline_is_never_overdue() {
        let t = task("id: 1\ntitle: x\nlead: all-departments\n");
        let s = state(&t, d("2030-01-01"));
        assert!(!s.overdue && !s.due_soon);
        assert_eq!(s.due, None);
    }
}
