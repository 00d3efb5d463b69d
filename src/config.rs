//! `content/site.yaml`: the site's title, languages, address, categories,
//! contact, the date progress is reported as of, and per-language section
//! path names.

use crate::content::date::Date;
use crate::content::localised::{Localised, with_languages};
use crate::content::slug;
use crate::content::yaml::{YamlSource, from_yaml};
use crate::diagnostics::{Code, Diagnostic};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

/// The sections of the portal that have their own path in each language.
pub const SECTIONS: &[(&str, &str, &str)] = &[
    // (key, vi default, en default)
    ("products", "san-pham", "products"),
    ("brands", "thuong-hieu", "brands"),
    ("producers", "chu-the", "producers"),
    ("communes", "xa-phuong", "communes"),
    ("chains", "chuoi-lien-ket", "chains"),
    ("progress", "tien-do", "progress"),
    ("directives", "chi-dao", "directives"),
    ("agencies", "co-quan", "agencies"),
    ("indicators", "chi-tieu", "indicators"),
    ("reports", "bao-cao", "reports"),
    ("search", "tim-kiem", "search"),
    ("open_data", "du-lieu", "open-data"),
];

/// `content/site.yaml`: the site as a whole.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "site")]
pub struct RawConfig {
    title: Localised,
    description: Option<Localised>,
    base_url: String,
    #[serde(default = "default_languages")]
    languages: Vec<String>,
    as_of: Option<Date>,
    #[serde(default)]
    categories: Ordered<Localised>,
    contact: Option<SiteContact>,
    #[serde(default)]
    paths: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Deserialize)]
struct LanguagesOnly {
    #[serde(default = "default_languages")]
    languages: Vec<String>,
}

fn default_languages() -> Vec<String> {
    vec!["vi".to_string(), "en".to_string()]
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteContact {
    pub agency: Option<String>,
    pub address: Option<Localised>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A map that keeps the order the editor wrote it in.
#[derive(Debug, Clone, Serialize)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V: schemars::JsonSchema> schemars::JsonSchema for Ordered<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "propertyNames": { "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
            "additionalProperties": generator.subschema_for::<V>(),
        })
    }
}

impl<V> Default for Ordered<V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Vis<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Ordered<V>, A::Error> {
                let mut out: Vec<(String, V)> = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, V>()? {
                    if out.iter().any(|(x, _)| *x == k) {
                        return Err(serde::de::Error::custom(format!("duplicate field `{k}`")));
                    }
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Vis(PhantomData))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: Localised,
    pub description: Option<Localised>,
    /// Always ends with `/`.
    pub base_url: String,
    /// The first is the default language.
    pub languages: Vec<String>,
    pub as_of: Option<Date>,
    pub categories: Vec<(String, Localised)>,
    pub contact: Option<SiteContact>,
    /// Section key → path name, per language.
    pub paths: BTreeMap<String, BTreeMap<String, String>>,
}

impl Config {
    pub fn default_language(&self) -> &str {
        self.languages.first().map(String::as_str).unwrap_or("vi")
    }

    /// The path name of a section in a language (`products` → `san-pham`).
    pub fn section<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.paths
            .get(lang)
            .and_then(|m| m.get(key))
            .map(String::as_str)
            .unwrap_or(key)
    }

    /// The URL prefix of a language: `` for the default, `en/` for others.
    pub fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.default_language() {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    pub fn category(&self, key: &str) -> Option<&Localised> {
        self.categories
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Every section path name in every language, for the reserved-slug rule.
    pub fn all_section_paths(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .paths
            .values()
            .flat_map(|m| m.values().map(String::as_str))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

pub fn load(root: &Path, shown: &Path, max_bytes: u64) -> Result<Config, Vec<Diagnostic>> {
    let text = crate::content::source::read_text(root, shown, max_bytes).map_err(|d| vec![d])?;
    parse(&text, shown)
}

pub fn parse(text: &str, shown: &Path) -> Result<Config, Vec<Diagnostic>> {
    let src = YamlSource {
        text,
        file: shown,
        first_line: 1,
    };
    let langs: LanguagesOnly = from_yaml(&src, &[]).map_err(|d| vec![d])?;
    let mut diags = Vec::new();
    if langs.languages.is_empty() {
        diags.push(
            Diagnostic::new(Code::SiteConfig)
                .file(shown)
                .field("languages")
                .detail("at least one language is needed"),
        );
        return Err(diags);
    }
    for (i, l) in langs.languages.iter().enumerate() {
        if !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()) {
            diags.push(
                Diagnostic::new(Code::InvalidValue)
                    .file(shown)
                    .field(format!("languages[{i}]"))
                    .found(l)
                    .expected("a language code such as `vi` or `en`"),
            );
        }
    }
    let raw: RawConfig = with_languages(&langs.languages, || from_yaml(&src, &langs.languages))
        .map_err(|d| vec![d])?;
    let mut base_url = raw.base_url.trim().to_string();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
        diags.push(
            Diagnostic::new(Code::InvalidValue)
                .file(shown)
                .field("base_url")
                .found(&base_url)
                .expected("an absolute URL such as https://example.org/"),
        );
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    for (k, _) in &raw.categories.0 {
        if !slug::is_valid(k) {
            diags.push(
                Diagnostic::new(Code::InvalidValue)
                    .file(shown)
                    .field(format!("categories.{k}"))
                    .found(k)
                    .expected("a category key of lowercase ASCII letters, digits and `-`")
                    .hint(slug::propose(k)),
            );
        }
    }
    let mut paths: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for lang in &langs.languages {
        let given = raw.paths.get(lang);
        let mut m = BTreeMap::new();
        for (key, vi, en) in SECTIONS {
            let default = if lang == "vi" { *vi } else { *en };
            let name = given
                .and_then(|g| g.get(*key))
                .map(String::as_str)
                .unwrap_or(default);
            if !slug::is_valid(name) {
                diags.push(
                    Diagnostic::new(Code::InvalidValue)
                        .file(shown)
                        .field(format!("paths.{lang}.{key}"))
                        .found(name)
                        .expected("a path name of lowercase ASCII letters, digits and `-`"),
                );
            }
            m.insert(key.to_string(), name.to_string());
        }
        if let Some(g) = given {
            for k in g.keys() {
                if !SECTIONS.iter().any(|(s, _, _)| s == k) {
                    let known: Vec<String> =
                        SECTIONS.iter().map(|(s, _, _)| format!("`{s}`")).collect();
                    diags.push(
                        Diagnostic::new(Code::UnknownField)
                            .file(shown)
                            .field(format!("paths.{lang}.{k}"))
                            .found(k)
                            .expected(known.join(", ")),
                    );
                }
            }
        }
        paths.insert(lang.clone(), m);
    }
    for lang in raw.paths.keys() {
        if !langs.languages.contains(lang) {
            diags.push(
                Diagnostic::new(Code::UnknownLanguage)
                    .file(shown)
                    .field(format!("paths.{lang}"))
                    .found(lang)
                    .expected(langs.languages.join(", ")),
            );
        }
    }
    if !diags.is_empty() {
        for d in &mut diags {
            if d.line.is_none()
                && let Some(f) = &d.field
                && let Some((l, c)) = crate::content::yaml::locate(text, f)
            {
                d.line = Some(l);
                d.column = Some(c);
            }
        }
        return Err(diags);
    }
    Ok(Config {
        title: raw.title,
        description: raw.description,
        base_url,
        languages: langs.languages,
        as_of: raw.as_of,
        categories: raw.categories.0,
        contact: raw.contact,
        paths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_paths() {
        let c = parse(
            "title: {vi: Nông sản, en: Farm}\nbase_url: https://x.org/sub\ncategories:\n  fruit: {vi: Trái cây, en: Fruit}\n  spices: Gia vị\n",
            Path::new("site.yaml"),
        )
        .unwrap();
        assert_eq!(c.languages, ["vi", "en"]);
        assert_eq!(c.base_url, "https://x.org/sub/");
        assert_eq!(c.section("vi", "products"), "san-pham");
        assert_eq!(c.section("en", "open_data"), "open-data");
        assert_eq!(c.categories[0].0, "fruit");
        assert_eq!(c.lang_prefix("en"), "en/");
        assert_eq!(c.lang_prefix("vi"), "");
    }

    #[test]
    fn rejects_bad_config() {
        let e = parse("title: A\nbase_url: x.org\n", Path::new("site.yaml")).unwrap_err();
        assert_eq!(e[0].code, Code::InvalidValue);
        assert_eq!(e[0].line, Some(2));
        let e = parse("title: A\n", Path::new("site.yaml")).unwrap_err();
        assert_eq!(e[0].code, Code::MissingField);
    }
}
