//! Search and the products listing's filters in the built sample portal:
//! a pre-built page for every choice in use listing exactly the products
//! with that value, a search index per language, and a search page that
//! says what to do without JavaScript. The same pages in a browser are
//! tested by tests/browser/search.mjs and filters.mjs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;

const AS_OF: &str = "2026-11-15";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build(out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_nongsan"))
        .args(["build", "--as-of", AS_OF, "--output"])
        .arg(out)
        .arg("--root")
        .arg(root())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The product pages a listing page shows, by path.
fn cards(out: &Path, page: &str) -> BTreeSet<String> {
    let html = fs::read_to_string(out.join(page).join("index.html"))
        .unwrap_or_else(|e| panic!("no page {page}: {e}"));
    let doc = Html::parse_document(&html);
    let sel = Selector::parse("li.card .card-title a").unwrap();
    doc.select(&sel)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

/// The certification kinds of a product, read from its front matter.
fn certification_kinds(slug: &str) -> Vec<String> {
    let text = fs::read_to_string(root().join(format!("content/products/{slug}.md"))).unwrap();
    let front = text.split("---").nth(1).unwrap();
    let y: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    y.get("certifications")
        .and_then(|c| c.as_sequence())
        .map(|s| {
            s.iter()
                .filter_map(|c| c.get("kind")?.as_str().map(str::to_ascii_lowercase))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_filter_choice_in_use_has_a_page_listing_exactly_its_products() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&out);
    let products: Vec<Value> =
        serde_json::from_str(&fs::read_to_string(out.join("data/products.json")).unwrap()).unwrap();
    // Expected: value → products, per facet, from the open data.
    let mut expected: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let month = "11";
    for p in &products {
        let slug = p["slug"].as_str().unwrap().to_string();
        let mut add = |folder: &str, value: String| {
            expected
                .entry((folder.to_string(), value))
                .or_default()
                .insert(format!("/san-pham/{slug}/"));
        };
        add("danh-muc", p["category"].as_str().unwrap().to_string());
        for c in p["communes"].as_array().unwrap() {
            add("xa-phuong", c.as_str().unwrap().to_string());
        }
        if let Some(s) = p["ocop_stars"].as_u64() {
            add("ocop", format!("{s}-sao"));
        }
        for k in certification_kinds(&slug) {
            add("chung-nhan", k);
        }
        let months = |f: &str| {
            p[f].as_array()
                .unwrap()
                .iter()
                .any(|m| m.as_str() == Some(month))
        };
        if months("season") || months("off_season") {
            add("dang-mua", String::new());
        }
    }
    for folder in ["danh-muc", "xa-phuong", "ocop", "chung-nhan", "dang-mua"] {
        assert!(
            expected.keys().any(|(f, _)| f == folder),
            "the sample uses no {folder} choice"
        );
    }
    for ((folder, value), want) in &expected {
        let page = if value.is_empty() {
            format!("san-pham/{folder}")
        } else {
            format!("san-pham/{folder}/{value}")
        };
        assert_eq!(&cards(&out, &page), want, "/{page}/");
    }
    // Nothing more: every filter page is one of the choices in use.
    let mut pages = 0;
    for folder in ["danh-muc", "xa-phuong", "ocop", "chung-nhan"] {
        pages += fs::read_dir(out.join("san-pham").join(folder))
            .unwrap()
            .count();
    }
    pages += 1; // dang-mua
    assert_eq!(pages, expected.len());
    // The English pages list the same products.
    let en = cards(&out, "en/products/category/fruit");
    let vi = cards(&out, "san-pham/danh-muc/fruit");
    assert_eq!(
        en.iter()
            .map(|h| h.replace("/en/products/", "/san-pham/"))
            .collect::<BTreeSet<_>>(),
        vi
    );
    // The listing links to each choice's page and marks none as current;
    // a filter page marks its own.
    let listing = fs::read_to_string(out.join("san-pham/index.html")).unwrap();
    assert!(listing.contains(
        "href=\"/san-pham/danh-muc/fruit/\" data-facet=\"category\" data-value=\"fruit\">"
    ));
    let fruit = fs::read_to_string(out.join("san-pham/danh-muc/fruit/index.html")).unwrap();
    assert!(fruit.contains("data-value=\"fruit\" aria-current=\"page\""));
    assert!(fruit.contains("<h1>Sản phẩm: Trái cây</h1>"));
}

#[test]
fn search_has_an_index_per_language_and_works_from_a_plain_form() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&out);
    let searchable: usize = [
        "products",
        "brands",
        "producers",
        "chains",
        "communes",
        "reports",
    ]
    .iter()
    .map(|c| {
        fs::read_dir(root().join("content").join(c))
            .unwrap()
            .filter(|e| {
                let n = e
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .to_string();
                (n.ends_with(".md") || n.ends_with(".yaml")) && n.matches('.').count() == 1
            })
            .count()
    })
    .sum();
    for lang in ["vi", "en"] {
        let meta: Value = serde_json::from_str(
            &fs::read_to_string(out.join(format!("search-index/{lang}/index.json"))).unwrap(),
        )
        .unwrap();
        // Every searchable record once in each language's index.
        assert_eq!(
            meta["docs"].as_u64(),
            Some(searchable as u64),
            "{lang} index"
        );
        let version = meta["version"].as_str().unwrap();
        let groups = fs::read_dir(out.join(format!("search-index/{lang}/{version}")))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with('d')
            })
            .count();
        let group = meta["group"].as_u64().unwrap() as usize;
        assert_eq!(groups, searchable.div_ceil(group), "{lang} record files");
    }
    // The Vietnamese name of Hoa hồi is in the Vietnamese index, the
    // English one in the English index.
    let record = |lang: &str, url: &str| -> Value {
        let dir = out.join(format!("search-index/{lang}"));
        let meta: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
        let version = meta["version"].as_str().unwrap();
        for e in fs::read_dir(dir.join(version)).unwrap() {
            let e = e.unwrap();
            if !e.file_name().to_string_lossy().starts_with('d') {
                continue;
            }
            let group: Value =
                serde_json::from_str(&fs::read_to_string(e.path()).unwrap()).unwrap();
            if let Some(r) = group.as_array().unwrap().iter().find(|r| r[0] == url) {
                return r.clone();
            }
        }
        panic!("{url} is not in the {lang} index");
    };
    assert_eq!(
        record("vi", "san-pham/hoa-hoi-lang-son/")[1],
        "Hoa hồi Lạng Sơn"
    );
    assert_eq!(
        record("en", "en/products/hoa-hoi-lang-son/")[1],
        "Lạng Sơn star anise"
    );

    // Every page's header has a plain GET form to the search page.
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains(
        "<form class=\"site-search\" role=\"search\" action=\"/tim-kiem/\" method=\"get\">"
    ));
    assert!(home.contains("name=\"q\""));
    // Only the search page loads search code.
    assert!(!home.contains("search.js") && !home.contains("search-index"));
    let search = fs::read_to_string(out.join("tim-kiem/index.html")).unwrap();
    assert!(search.contains("<script type=\"module\" src=\"/assets/search.js\"></script>"));
    assert!(search.contains("data-bundle=\"/search-index/vi/\""));
    // Without JavaScript, the page says so and leads to the listings.
    assert!(search.contains("id=\"search-needs-js\""));
    assert!(search.contains("href=\"/san-pham/\""));
    let en = fs::read_to_string(out.join("en/search/index.html")).unwrap();
    assert!(en.contains("Search needs JavaScript"));
}
