//! Shapes shared by several collections.

use crate::content::date::Date;
use crate::content::figure::Figure;
use crate::content::localised::{Localised, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
pub enum CertificationKind {
    VietGAP,
    GlobalGAP,
    #[serde(rename = "organic")]
    Organic,
    HACCP,
    ISO22000,
    ISO9001,
    FSSC22000,
    #[serde(rename = "halal")]
    Halal,
    #[serde(rename = "other")]
    Other,
}

impl CertificationKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            CertificationKind::VietGAP => "VietGAP",
            CertificationKind::GlobalGAP => "GlobalGAP",
            CertificationKind::Organic => "organic",
            CertificationKind::HACCP => "HACCP",
            CertificationKind::ISO22000 => "ISO22000",
            CertificationKind::ISO9001 => "ISO9001",
            CertificationKind::FSSC22000 => "FSSC22000",
            CertificationKind::Halal => "halal",
            CertificationKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub kind: CertificationKind,
    pub name: Option<Localised>,
    pub number: Option<Text>,
    pub issuer: Option<Localised>,
    pub issued: Option<Date>,
    pub expires: Option<Date>,
    pub area_ha: Option<Figure>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub src: String,
    pub alt: Localised,
    pub credit: Option<Localised>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaRef {
    pub src: String,
}
