//! The theme: Tera templates, static files and UI strings per language.
//!
//! The default theme is compiled into the binary, so any site folder builds
//! without a copy of it. A site overrides any file by placing its own at the
//! same path under its `themes/default/` folder.

use crate::diagnostics::{Code, Diagnostic};
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[ $( ($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8]), )* ]
    };
}

/// Every file of the default theme, by its path inside the theme.
pub const DEFAULT_THEME: &[(&str, &[u8])] = embed!(
    "templates/base.html",
    "templates/macros.html",
    "templates/home.html",
    "templates/list.html",
    "templates/product.html",
    "templates/brand.html",
    "templates/producer.html",
    "templates/commune.html",
    "templates/chain.html",
    "templates/directive.html",
    "templates/agency.html",
    "templates/indicator.html",
    "templates/report.html",
    "templates/page.html",
    "templates/progress.html",
    "templates/search.html",
    "templates/open_data.html",
    "templates/404.html",
    "templates/partials/masthead.html",
    "templates/partials/menu.html",
    "templates/partials/footer.html",
    "templates/cards/product.html",
    "static/style.css",
    "static/favicon.svg",
    "static/logo.svg",
    "static/hero.svg",
    "static/filters.js",
    "static/search.js",
    "i18n/vi.yaml",
    "i18n/en.yaml",
);

pub struct Theme {
    /// Template name (path under `templates/`) → source.
    pub templates: BTreeMap<String, String>,
    /// Path under `static/` → bytes, copied to `assets/`.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Language → key → UI string.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
}

impl Theme {
    pub fn load(root: &Path, languages: &[String]) -> Result<Theme, Vec<Diagnostic>> {
        let mut files: BTreeMap<String, (String, Vec<u8>)> = DEFAULT_THEME
            .iter()
            .map(|(p, b)| (p.to_string(), (format!("(built-in theme)/{p}"), b.to_vec())))
            .collect();
        let mut diags = Vec::new();
        let dir = root.join("themes").join("default");
        if dir.is_dir() {
            for entry in WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        diags.push(
                            Diagnostic::new(Code::ReadFailed)
                                .file("themes/default")
                                .detail(e.to_string()),
                        );
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let rel_s = rel.to_string_lossy().replace('\\', "/");
                if rel_s.split('/').any(|p| p.starts_with('.')) {
                    continue;
                }
                match std::fs::read(entry.path()) {
                    Ok(b) => {
                        let shown = format!("themes/default/{rel_s}");
                        files.insert(rel_s, (shown, b));
                    }
                    Err(e) => diags.push(
                        Diagnostic::new(Code::ReadFailed)
                            .file(format!("themes/default/{rel_s}"))
                            .detail(e.to_string()),
                    ),
                }
            }
        }
        let mut theme = Theme {
            templates: BTreeMap::new(),
            statics: BTreeMap::new(),
            strings: BTreeMap::new(),
        };
        for (rel, (shown, bytes)) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                match String::from_utf8(bytes) {
                    Ok(s) => {
                        theme.templates.insert(name.to_string(), s);
                    }
                    Err(_) => diags.push(Diagnostic::new(Code::InvalidUtf8).file(shown).found("?")),
                }
            } else if let Some(name) = rel.strip_prefix("static/") {
                theme.statics.insert(name.to_string(), bytes);
            } else if let Some(name) = rel.strip_prefix("i18n/") {
                let Some(lang) = name.strip_suffix(".yaml") else {
                    continue;
                };
                let text = match String::from_utf8(bytes) {
                    Ok(s) => s,
                    Err(_) => {
                        diags.push(Diagnostic::new(Code::InvalidUtf8).file(shown).found("?"));
                        continue;
                    }
                };
                match serde_yaml::from_str::<BTreeMap<String, String>>(&text) {
                    Ok(m) => {
                        theme.strings.insert(lang.to_string(), m);
                    }
                    Err(e) => {
                        let mut d = Diagnostic::new(Code::YamlSyntax)
                            .file(shown)
                            .detail(e.to_string());
                        if let Some(l) = e.location() {
                            d = d.at(l.line(), l.column());
                        }
                        diags.push(d);
                    }
                }
            }
        }
        // Every language needs UI strings; a missing key falls back to the
        // first language that has it, so check the default covers them all.
        for lang in languages {
            if !theme.strings.contains_key(lang) {
                diags.push(
                    Diagnostic::new(Code::Template)
                        .file(format!("themes/default/i18n/{lang}.yaml"))
                        .detail(format!(
                            "the theme has no UI strings for the language `{lang}`"
                        )),
                );
            }
        }
        if diags.is_empty() {
            Ok(theme)
        } else {
            Err(diags)
        }
    }

    /// UI strings for `lang`, with keys missing there taken from `fallback`.
    pub fn strings_for(&self, lang: &str, fallback: &str) -> BTreeMap<String, String> {
        let mut m = self.strings.get(fallback).cloned().unwrap_or_default();
        if let Some(own) = self.strings.get(lang) {
            m.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for e in WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = e
                .path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            assert!(
                DEFAULT_THEME.iter().any(|(p, _)| *p == rel),
                "{rel} is not in DEFAULT_THEME"
            );
        }
    }

    #[test]
    fn languages_have_the_same_keys() {
        let t = Theme::load(Path::new("/nonexistent"), &["vi".into(), "en".into()]).unwrap();
        let vi: Vec<_> = t.strings["vi"].keys().collect();
        let en: Vec<_> = t.strings["en"].keys().collect();
        assert_eq!(vi, en);
    }
}
