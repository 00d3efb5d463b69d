use crate::content::localised::Localised;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub name: Localised,
    pub short: Option<String>,
    pub kind: AgencyKind,
    pub website: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    ProvincialCommittee,
    Department,
    CommuneCommittee,
    Association,
    Other,
}
