use crate::content::date::Date;
use crate::content::localised::{Localised, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub title: Localised,
    pub date: Date,
    pub number: Option<Text>,
    pub agency: Option<String>,
    pub directive: Option<String>,
    /// Task ids in `directive`.
    #[serde(default)]
    pub tasks: Vec<Text>,
    pub summary: Option<Localised>,
    #[serde(default)]
    pub kind: ReportKind,
    #[serde(default)]
    pub draft: bool,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    #[default]
    Report,
    News,
}
