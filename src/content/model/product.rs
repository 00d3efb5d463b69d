use super::common::{Certification, Image};
use crate::content::date::Date;
use crate::content::figure::Figure;
use crate::content::localised::{Localised, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub name: Localised,
    /// A key of `site.yaml` categories.
    pub category: String,
    pub brand: Option<String>,
    pub producers: Vec<String>,
    #[serde(default)]
    pub communes: Vec<String>,
    pub historic_area: Option<Localised>,
    pub ocop: Option<Ocop>,
    #[serde(default)]
    pub certifications: Vec<Certification>,
    /// Harvest months, 1–12.
    #[serde(default)]
    pub season: Vec<u8>,
    #[serde(default)]
    pub off_season: Vec<u8>,
    pub area_ha: Option<Figure>,
    pub output_tons: Option<Figure>,
    pub value_vnd: Option<Figure>,
    pub price: Option<Price>,
    #[serde(default)]
    pub images: Vec<Image>,
    #[serde(default)]
    pub buy: Vec<Buy>,
    pub traceability: Option<Traceability>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub featured: bool,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OcopGroup {
    Food,
    Beverage,
    Herbal,
    Handicraft,
    Ornamental,
    Tourism,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OcopStatus {
    New,
    Upgraded,
    ReRecognised,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ocop {
    #[schemars(range(min = 3, max = 5))]
    pub stars: u8,
    pub group: OcopGroup,
    pub score: Option<f64>,
    pub decision: Text,
    pub date: Date,
    pub round: Option<Text>,
    pub status: Option<OcopStatus>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Buy {
    pub name: Localised,
    pub url: Option<String>,
    pub phone: Option<Text>,
    pub address: Option<Localised>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Traceability {
    pub code: Option<Text>,
    pub url: Option<String>,
}
