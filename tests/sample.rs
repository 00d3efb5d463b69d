//! The sample Lạng Sơn portal in `content/`: it checks clean, holds what the
//! portal promises, and builds a page for every record in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The slugs of a collection of the sample content (records, not
/// translations).
fn slugs(collection: &str) -> Vec<String> {
    let mut v: Vec<String> = walk(&root().join("content").join(collection))
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().to_string();
            let stem = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".md"))?;
            (!stem.contains('.')).then(|| stem.to_string())
        })
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_sample_checks_without_errors() {
    let out = Command::new(env!("CARGO_BIN_EXE_nongsan"))
        .args(["check", "--format", "json", "--root"])
        .arg(root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_sample_holds_what_the_portal_promises() {
    let communes = slugs("communes");
    assert_eq!(
        communes.len(),
        65,
        "Lạng Sơn has 65 communes and wards since 7/2025"
    );
    let mut codes = HashSet::new();
    let (mut xa, mut phuong) = (0, 0);
    for c in &communes {
        let text = fs::read_to_string(root().join(format!("content/communes/{c}.yaml"))).unwrap();
        let code = text
            .lines()
            .find_map(|l| l.strip_prefix("code:"))
            .unwrap()
            .trim()
            .trim_matches('"')
            .to_string();
        assert_eq!(code.len(), 5, "{c}: {code}");
        assert!(codes.insert(code), "{c}: duplicate code");
        match text
            .lines()
            .find_map(|l| l.strip_prefix("kind:"))
            .map(str::trim)
        {
            Some("xa") => xa += 1,
            Some("phuong") => phuong += 1,
            other => panic!("{c}: kind {other:?}"),
        }
    }
    assert_eq!((xa, phuong), (61, 4));
    assert!(slugs("brands").len() >= 5);
    assert!(slugs("products").len() >= 8);
    assert!(slugs("producers").len() >= 6);
    assert!(slugs("chains").len() >= 2);
    assert!(slugs("indicators").len() >= 3);
    assert!(slugs("reports").len() >= 2);
    for d in [
        "cv-tiep-tuc-de-an-2026",
        "qd-1029-2021",
        "nq-24-nq-tu-2026",
        "nq-02-2026-nq-hdnd",
    ] {
        assert!(
            slugs("directives").contains(&d.to_string()),
            "no directive {d}"
        );
    }
    assert!(slugs("reports").contains(&"bc-716-bc-snnmt-2026".to_string()));
    let seed =
        fs::read_to_string(root().join("content/directives/cv-tiep-tuc-de-an-2026.md")).unwrap();
    assert_eq!(
        seed.matches("  - id:").count(),
        2,
        "the seed letter has two tasks"
    );
}

#[test]
fn the_sample_builds_a_page_for_every_record_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("output");
    let out = Command::new(env!("CARGO_BIN_EXE_nongsan"))
        .args(["build", "--root"])
        .arg(root())
        .arg("--output")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sections = [
        ("products", "san-pham", "products"),
        ("brands", "thuong-hieu", "brands"),
        ("producers", "chu-the", "producers"),
        ("communes", "xa-phuong", "communes"),
        ("chains", "chuoi-lien-ket", "chains"),
        ("directives", "chi-dao", "directives"),
        ("agencies", "co-quan", "agencies"),
        ("indicators", "chi-tieu", "indicators"),
        ("reports", "bao-cao", "reports"),
    ];
    let mut count = 0;
    for (collection, vi, en) in sections {
        for slug in slugs(collection) {
            for path in [
                format!("{vi}/{slug}/index.html"),
                format!("en/{en}/{slug}/index.html"),
            ] {
                assert!(out_dir.join(&path).is_file(), "no page {path}");
                count += 1;
            }
        }
    }
    for slug in slugs("pages") {
        assert!(out_dir.join(format!("{slug}/index.html")).is_file());
        assert!(out_dir.join(format!("en/{slug}/index.html")).is_file());
    }
    for page in [
        "index.html",
        "en/index.html",
        "tien-do/index.html",
        "en/progress/index.html",
        "404.html",
    ] {
        assert!(out_dir.join(page).is_file(), "no {page}");
    }
    assert!(count > 200);
}
