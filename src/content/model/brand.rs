use super::common::Image;
use crate::content::date::Date;
use crate::content::localised::{Localised, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    pub name: Localised,
    pub kind: BrandKind,
    pub protected_name: Option<String>,
    pub registration: Option<Registration>,
    /// Free text: bodies that held titles may no longer exist.
    pub holder: Option<Localised>,
    /// The agency that manages the title now.
    pub manager: Option<String>,
    #[serde(default)]
    pub communes: Vec<String>,
    pub international: Option<Localised>,
    pub logo: Option<Image>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BrandKind {
    GeographicalIndication,
    CollectiveMark,
    CertificationMark,
    Trademark,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub number: Option<Text>,
    pub decision: Option<Text>,
    pub date: Option<Date>,
    pub authority: Option<Localised>,
}
