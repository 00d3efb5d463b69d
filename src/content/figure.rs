//! Figures: a bare number, or `{value, year, source}` as public figures
//! should be.

use super::localised::Localised;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub year: Option<i32>,
    pub source: Option<Localised>,
}

impl Figure {
    pub fn is_sourced(&self) -> bool {
        self.year.is_some() && self.source.is_some()
    }

    /// Which of year and source is missing, for the warning.
    pub fn missing(&self) -> Option<&'static str> {
        match (self.year.is_some(), self.source.is_some()) {
            (true, true) => None,
            (false, true) => Some("a year"),
            (true, false) => Some("a source"),
            (false, false) => Some("a year and a source"),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureMap {
    value: f64,
    year: Option<i32>,
    source: Option<Localised>,
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Figure;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or {value, year, source}")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                Ok(Figure {
                    value: v as f64,
                    year: None,
                    source: None,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                Ok(Figure {
                    value: v as f64,
                    year: None,
                    source: None,
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                if v.is_finite() {
                    Ok(Figure {
                        value: v,
                        year: None,
                        source: None,
                    })
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Figure, A::Error> {
                let m = FigureMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if !m.value.is_finite() {
                    return Err(de::Error::invalid_value(
                        de::Unexpected::Float(m.value),
                        &self,
                    ));
                }
                Ok(Figure {
                    value: m.value,
                    year: m.year,
                    source: m.source,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Figure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Figure".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number, or {value, year, source}: public figures need a year and a source",
            "anyOf": [
                { "type": "number" },
                {
                    "type": "object",
                    "properties": {
                        "value": { "type": "number" },
                        "year": { "type": "integer" },
                        "source": generator.subschema_for::<Localised>()
                    },
                    "required": ["value"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_or_map() {
        let f: Figure = serde_yaml::from_str("2300").unwrap();
        assert_eq!(f.value, 2300.0);
        assert_eq!(f.missing(), Some("a year and a source"));
        let f: Figure = serde_yaml::from_str("{value: 2300, year: 2023, source: baomoi}").unwrap();
        assert!(f.is_sourced());
        assert!(serde_yaml::from_str::<Figure>("{value: 1, yaer: 2}").is_err());
        assert!(serde_yaml::from_str::<Figure>("lots").is_err());
    }
}
