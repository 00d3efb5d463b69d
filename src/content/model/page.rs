use crate::content::localised::Localised;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: Localised,
    /// Position in the main menu; absent: not in the menu.
    pub menu: Option<i32>,
    #[serde(default)]
    pub draft: bool,
}
