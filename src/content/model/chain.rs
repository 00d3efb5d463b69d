use crate::content::date::Date;
use crate::content::figure::Figure;
use crate::content::localised::Localised;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chain {
    pub name: Localised,
    pub products: Vec<String>,
    /// The producer that leads the chain; a participant whether listed or not.
    pub lead: String,
    #[serde(default)]
    pub participants: Vec<Participant>,
    pub period: Option<Period>,
    pub contract: Option<String>,
    pub area_ha: Option<Figure>,
    pub volume_tons: Option<Figure>,
    pub value_vnd: Option<Figure>,
    #[serde(default)]
    pub support: Vec<Support>,
    pub status: ChainStatus,
    #[serde(default)]
    pub draft: bool,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    InputSupply,
    Production,
    Processing,
    Distribution,
    Retail,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::InputSupply,
        Role::Production,
        Role::Processing,
        Role::Distribution,
        Role::Retail,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::InputSupply => "input_supply",
            Role::Production => "production",
            Role::Processing => "processing",
            Role::Distribution => "distribution",
            Role::Retail => "retail",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub producer: Option<String>,
    pub name: Option<Localised>,
    pub role: Role,
    pub households: Option<Figure>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Support {
    pub policy: Localised,
    pub amount_vnd: Option<f64>,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChainStatus {
    Planned,
    Active,
    Ended,
}
