use super::common::MediaRef;
use crate::content::date::Date;
use crate::content::localised::{Localised, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Directive {
    /// May be partial, as drafts are (`/UBND-KTCN`).
    pub number: Text,
    pub kind: DirectiveKind,
    pub title: Localised,
    pub issuer: String,
    pub signed: Date,
    pub signer: Option<Localised>,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default)]
    pub based_on: Vec<String>,
    pub document: Option<MediaRef>,
    #[serde(default)]
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectiveKind {
    CongVan,
    QuyetDinh,
    NghiQuyet,
    KeHoach,
    ChiThi,
    ThongBao,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: Text,
    pub title: Localised,
    /// An agency slug, or `all-communes` / `all-departments`.
    pub lead: String,
    #[serde(default)]
    pub support: Vec<String>,
    /// None: ongoing, no deadline.
    pub deadline: Option<Date>,
    #[serde(default)]
    pub updates: Vec<Update>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub date: Date,
    pub status: TaskStatus,
    /// Per cent done, 0–100 (checked after loading, so that a wrong value
    /// gets its own message).
    #[schemars(range(min = 0, max = 100))]
    pub progress: Option<u32>,
    pub note: Option<Localised>,
    pub report: Option<String>,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
    Cancelled,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 4] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Done,
        TaskStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::Cancelled => "cancelled",
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::Cancelled)
    }
}
