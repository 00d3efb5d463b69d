//! Localised text: a plain string in the default language, or a map by
//! language (`{vi: Hoa hồi, en: Star anise}`).

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::fmt;

thread_local! {
    /// The site's languages (the first is the default) while records are
    /// being deserialized on this thread. Serde's derive gives no way to pass
    /// context down to a field, and localised maps must be checked against
    /// the site's languages where the field path is still known.
    static LANGUAGES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `languages` as the languages that localised maps are
/// checked against.
pub fn with_languages<R>(languages: &[String], f: impl FnOnce() -> R) -> R {
    let previous = LANGUAGES.with(|l| std::mem::replace(&mut *l.borrow_mut(), languages.to_vec()));
    let out = f();
    LANGUAGES.with(|l| *l.borrow_mut() = previous);
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Localised {
    /// Text in the site's default language.
    Plain(String),
    /// Text by language code, in the order written.
    Map(Vec<(String, String)>),
}

/// A piece of localised text resolved for one language: the text, and the
/// language it really is in when that differs from the one asked for (a
/// fallback), so that pages can mark it with `lang`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolved<'a> {
    pub text: &'a str,
    pub lang: Option<&'a str>,
}

impl Localised {
    /// The text in `lang`, falling back to `default`.
    pub fn get<'a>(&'a self, lang: &str, default: &'a str) -> Resolved<'a> {
        match self {
            Localised::Plain(s) => Resolved {
                text: s,
                lang: (lang != default).then_some(default),
            },
            Localised::Map(m) => {
                if let Some((_, t)) = m.iter().find(|(l, _)| l == lang) {
                    return Resolved {
                        text: t,
                        lang: None,
                    };
                }
                let (l, t) = m
                    .iter()
                    .find(|(l, _)| l == default)
                    .or_else(|| m.first())
                    .map(|(l, t)| (l.as_str(), t.as_str()))
                    .unwrap_or((default, ""));
                Resolved {
                    text: t,
                    lang: (l != lang).then_some(l),
                }
            }
        }
    }

    /// The text in the default language.
    pub fn default_text<'a>(&'a self, default: &'a str) -> &'a str {
        self.get(default, default).text
    }

    /// Whether the text is given in `lang` itself (not by fallback).
    pub fn has(&self, lang: &str, default: &str) -> bool {
        match self {
            Localised::Plain(_) => lang == default,
            Localised::Map(m) => m.iter().any(|(l, _)| l == lang),
        }
    }
}

impl<'de> Deserialize<'de> for Localised {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LocalisedVisitor)
    }
}

struct LocalisedVisitor;

impl<'de> Visitor<'de> for LocalisedVisitor {
    type Value = Localised;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a map of texts by language ({vi: …, en: …})")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Localised, E> {
        Ok(Localised::Plain(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Localised, E> {
        Ok(Localised::Plain(v))
    }

    // A bare number or boolean in a text field is almost always meant as
    // text (`name: 2024`); YAML typing should not punish the editor.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Localised, E> {
        Ok(Localised::Plain(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Localised, E> {
        Ok(Localised::Plain(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Localised, E> {
        Ok(Localised::Plain(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localised, A::Error> {
        let languages = LANGUAGES.with(|l| l.borrow().clone());
        let mut out: Vec<(String, String)> = Vec::new();
        while let Some(lang) = map.next_key::<String>()? {
            if !languages.is_empty() && !languages.contains(&lang) {
                return Err(de::Error::custom(format!(
                    "nongsan:E015:{}:{}",
                    lang,
                    languages.join(", ")
                )));
            }
            if out.iter().any(|(l, _)| *l == lang) {
                return Err(de::Error::custom(format!("duplicate field `{lang}`")));
            }
            let text: TextValue = map.next_value()?;
            out.push((lang, text.0));
        }
        if let Some(default) = languages.first()
            && !out.iter().any(|(l, _)| l == default)
        {
            return Err(de::Error::custom(format!("nongsan:E021:{default}")));
        }
        Ok(Localised::Map(out))
    }
}

/// A text inside a localised map: strings, and numbers read as text.
struct TextValue(String);

impl<'de> Deserialize<'de> for TextValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = TextValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TextValue, E> {
                Ok(TextValue(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<TextValue, E> {
                Ok(TextValue(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<TextValue, E> {
                Ok(TextValue(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<TextValue, E> {
                Ok(TextValue(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A string field that YAML might type as a number or boolean: codes,
/// registration numbers, phone numbers and task ids. The text is taken as
/// written, so an unquoted `05977` keeps its leading zero.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `deserialize_str` hands over the scalar exactly as written.
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl schemars::JsonSchema for Localised {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Localised".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Text in the default language, or a map by language: {vi: …, en: …}",
            "anyOf": [
                { "type": ["string", "number"] },
                {
                    "type": "object",
                    "propertyNames": { "pattern": "^[a-z]{2,3}$" },
                    "additionalProperties": { "type": ["string", "number"] },
                    "minProperties": 1
                }
            ]
        })
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // YAML reads an unquoted `05977` or `2` as a number; the text as
        // written is kept, so numbers are accepted here too.
        schemars::json_schema!({ "type": ["string", "number"] })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["vi".into(), "en".into()]
    }

    #[test]
    fn plain_and_map() {
        let l: Localised = with_languages(&langs(), || serde_yaml::from_str("Hồi").unwrap());
        assert_eq!(
            l.get("en", "vi"),
            Resolved {
                text: "Hồi",
                lang: Some("vi")
            }
        );
        let m: Localised = with_languages(&langs(), || {
            serde_yaml::from_str("{vi: Hồi, en: Star anise}").unwrap()
        });
        assert_eq!(m.get("en", "vi").text, "Star anise");
        assert_eq!(m.get("en", "vi").lang, None);
    }

    #[test]
    fn map_needs_the_default_and_known_languages() {
        let r: Result<Localised, _> =
            with_languages(&langs(), || serde_yaml::from_str("{en: Star anise}"));
        assert!(r.unwrap_err().to_string().contains("nongsan:E021:vi"));
        let r: Result<Localised, _> =
            with_languages(&langs(), || serde_yaml::from_str("{vi: Hồi, fr: Anis}"));
        assert!(r.unwrap_err().to_string().contains("nongsan:E015:fr"));
    }

    #[test]
    fn text_keeps_leading_zeros() {
        let t: Text = serde_yaml::from_str("05977").unwrap();
        assert_eq!(t.0, "05977");
        let t: Text = serde_yaml::from_str("2").unwrap();
        assert_eq!(t.0, "2");
    }
}
