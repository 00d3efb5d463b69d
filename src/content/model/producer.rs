use super::common::{Certification, Location};
use crate::content::date::Date;
use crate::content::figure::Figure;
use crate::content::localised::{Localised, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Producer {
    pub name: Localised,
    pub kind: ProducerKind,
    pub commune: String,
    pub address: Option<Localised>,
    pub established: Option<Date>,
    pub registration_no: Option<Text>,
    pub members: Option<Figure>,
    pub representative: Option<Representative>,
    pub contact: Option<Contact>,
    #[serde(default)]
    pub certifications: Vec<Certification>,
    pub location: Option<Location>,
    /// A sample record that is not a real producer; its page says so.
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProducerKind {
    Cooperative,
    CooperativeGroup,
    CooperativeUnion,
    Enterprise,
    HouseholdBusiness,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    pub name: Localised,
    pub title: Option<Localised>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub phone: Option<Text>,
    pub email: Option<String>,
    pub website: Option<String>,
}
