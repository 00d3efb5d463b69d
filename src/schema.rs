//! JSON Schemas of every collection and of `site.yaml`, derived from the
//! Rust model so that they never drift from what `check` accepts. Editors
//! point their YAML editor at them for completion and errors while typing.

use crate::config::RawConfig;
use crate::content::model::*;
use crate::diagnostics::{Code, Diagnostic};
use schemars::{JsonSchema, generate::SchemaSettings};
use std::path::{Path, PathBuf};

/// The schema of one record type, as pretty JSON.
pub fn schema_for<T: JsonSchema>(title: &str) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

/// Every schema: (file name, JSON).
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        (
            "site.schema.json",
            schema_for::<RawConfig>("content/site.yaml"),
        ),
        (
            "products.schema.json",
            schema_for::<Product>("content/products/"),
        ),
        ("brands.schema.json", schema_for::<Brand>("content/brands/")),
        (
            "producers.schema.json",
            schema_for::<Producer>("content/producers/"),
        ),
        (
            "communes.schema.json",
            schema_for::<Commune>("content/communes/"),
        ),
        (
            "agencies.schema.json",
            schema_for::<Agency>("content/agencies/"),
        ),
        ("chains.schema.json", schema_for::<Chain>("content/chains/")),
        (
            "directives.schema.json",
            schema_for::<Directive>("content/directives/"),
        ),
        (
            "indicators.schema.json",
            schema_for::<Indicator>("content/indicators/"),
        ),
        (
            "reports.schema.json",
            schema_for::<Report>("content/reports/"),
        ),
        ("pages.schema.json", schema_for::<Page>("content/pages/")),
    ]
}

pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::new(Code::Output).detail(format!("cannot create {}: {e}", dir.display()))
    })?;
    let mut written = Vec::new();
    for (name, json) in all() {
        let path = dir.join(name);
        std::fs::write(&path, json).map_err(|e| {
            Diagnostic::new(Code::Output).detail(format!("cannot write {}: {e}", path.display()))
        })?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_name_required_fields_and_refuse_unknown_ones() {
        let s: serde_json::Value = serde_json::from_str(&schema_for::<Product>("p")).unwrap();
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for f in ["name", "category", "producers"] {
            assert!(required.contains(&f), "{f} not required: {required:?}");
        }
        assert_eq!(s["additionalProperties"], false);
        assert!(all().len() == 11);
    }
}
