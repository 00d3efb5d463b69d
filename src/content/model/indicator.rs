use crate::content::localised::Localised;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: Localised,
    pub unit: Localised,
    pub directive: Option<String>,
    pub higher_is_better: Option<bool>,
    pub baseline: Option<YearValue>,
    #[serde(default)]
    pub targets: Vec<YearValue>,
    #[serde(default)]
    pub actuals: Vec<Actual>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearValue {
    pub year: i32,
    pub value: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    pub year: i32,
    pub value: f64,
    pub source: Option<Localised>,
}
