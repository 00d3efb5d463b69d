use super::common::Location;
use crate::content::figure::Figure;
use crate::content::localised::{Localised, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commune {
    pub name: Localised,
    pub kind: CommuneKind,
    /// The five-digit national code.
    pub code: Text,
    #[serde(default)]
    pub former_units: Vec<FormerUnit>,
    pub area_km2: Option<Figure>,
    pub population: Option<Figure>,
    pub location: Option<Location>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    Xa,
    Phuong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FormerKind {
    Xa,
    Phuong,
    ThiTran,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormerUnit {
    pub name: Localised,
    pub kind: FormerKind,
    /// The former district's name, as text.
    pub district: Option<String>,
}
