//! Publishing outputs of the sample portal built under a sub-path
//! (`https://example.org/nongsan/`): the sitemap against the sitemaps.org
//! schema, the Atom feeds, every page's JSON-LD, the open-data CSV and
//! JSON files, QR codes decoded back to their URL, and every internal link.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const BASE_URL: &str = "https://example.org/nongsan/";
const BASE_PATH: &str = "/nongsan/";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample portal, built once for every test of this file.
fn output() -> &'static Path {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = BUILT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let run = Command::new(env!("CARGO_BIN_EXE_nongsan"))
            .args(["build", "--base-url", BASE_URL, "--root"])
            .arg(root())
            .arg("--output")
            .arg(&out)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "the sample does not build:\n{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        (tmp, out)
    });
    out
}

fn read(rel: &str) -> String {
    fs::read_to_string(output().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every HTML page of the output, by its path relative to it.
fn pages() -> Vec<String> {
    let mut all = Vec::new();
    files(output(), &mut all);
    let mut v: Vec<String> = all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            p.strip_prefix(output())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

/// The absolute URL of a page file (`en/products/x/index.html`).
fn url_of(rel: &str) -> String {
    format!(
        "{BASE_URL}{}",
        rel.strip_suffix("index.html").unwrap_or(rel)
    )
}

/// The output file an absolute URL of the site points at.
fn file_of(url: &str) -> PathBuf {
    let rel = url
        .strip_prefix(BASE_URL)
        .unwrap_or_else(|| panic!("{url} is not under {BASE_URL}"));
    let rel = rel.split(['#', '?']).next().unwrap();
    if rel.is_empty() || rel.ends_with('/') {
        output().join(rel).join("index.html")
    } else {
        output().join(rel)
    }
}

fn json(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Published records of a collection of the sample (drafts are left out).
fn record_count(collection: &str) -> usize {
    let mut all = Vec::new();
    files(&root().join("content").join(collection), &mut all);
    all.iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let stem = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".md"));
            stem.is_some_and(|s| !s.contains('.') && !s.starts_with('.'))
                && !fs::read_to_string(p)
                    .unwrap_or_default()
                    .lines()
                    .any(|l| l.trim() == "draft: true")
        })
        .count()
}

// ---- 1. sitemap, robots, feeds ---------------------------------------------

#[test]
fn the_sitemap_is_valid_against_the_sitemaps_org_schema() {
    let schema = root().join("tests/fixtures/schemas/sitemap-with-alternates.xsd");
    let run = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(output().join("sitemap.xml"))
        .output()
        .expect("xmllint runs (Debian package libxml2-utils)");
    assert!(
        run.status.success(),
        "sitemap.xml is not valid:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// `<loc>` → (hreflang → href) for every `<url>` of the sitemap.
fn sitemap_entries() -> BTreeMap<String, BTreeMap<String, String>> {
    let xml = read("sitemap.xml");
    let mut out = BTreeMap::new();
    for chunk in xml.split("<url>").skip(1) {
        let loc = chunk
            .split("<loc>")
            .nth(1)
            .and_then(|s| s.split("</loc>").next())
            .unwrap()
            .to_string();
        let mut alts = BTreeMap::new();
        for link in chunk.split("<xhtml:link ").skip(1) {
            let attr = |name: &str| {
                link.split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .unwrap()
                    .to_string()
            };
            assert_eq!(attr("rel"), "alternate");
            alts.insert(attr("hreflang"), attr("href"));
        }
        assert!(out.insert(loc.clone(), alts).is_none(), "{loc} twice");
    }
    out
}

#[test]
fn the_sitemap_lists_every_page_with_its_alternates() {
    let entries = sitemap_entries();
    let listed: BTreeSet<String> = pages()
        .iter()
        .filter(|p| !p.ends_with("404.html"))
        .map(|p| url_of(p))
        .collect();
    let in_map: BTreeSet<String> = entries.keys().cloned().collect();
    assert_eq!(
        listed, in_map,
        "pages and sitemap differ (left: pages, right: sitemap)"
    );
    for (loc, alts) in &entries {
        assert_eq!(
            alts.keys().collect::<Vec<_>>(),
            ["en", "vi", "x-default"],
            "{loc}"
        );
        assert_eq!(alts["x-default"], alts["vi"], "{loc}");
        assert!(
            alts.values().any(|h| h == loc),
            "{loc} is not its own alternate"
        );
        for href in alts.values() {
            assert!(
                entries.contains_key(href),
                "{loc}: alternate {href} not listed"
            );
        }
        // The page declares the same alternates in its head.
        let html = fs::read_to_string(file_of(loc)).unwrap();
        let doc = Html::parse_document(&html);
        let sel = Selector::parse("link[rel=alternate][hreflang]").unwrap();
        let head: BTreeMap<String, String> = doc
            .select(&sel)
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap().to_string(),
                    e.value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(&head, alts, "{loc}: head and sitemap disagree");
    }
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let robots = read("robots.txt");
    assert!(robots.contains("User-agent: *"));
    assert!(robots.contains(&format!("Sitemap: {BASE_URL}sitemap.xml")));
}

#[test]
fn the_atom_feeds_hold_every_report_in_each_language() {
    let reports = json("data/reports.json");
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), record_count("reports"));
    assert!(!reports.is_empty());
    // Fewer than a feed holds (more: see tests/portal.rs).
    assert!(reports.len() <= 50);
    for (file, lang) in [("feed.xml", "vi"), ("en/feed.xml", "en")] {
        let feed = feed_rs::parser::parse(read(file).as_bytes())
            .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
        assert_eq!(feed.entries.len(), reports.len(), "{file}");
        let want: BTreeSet<&str> = reports
            .iter()
            .map(|r| r[format!("url_{lang}")].as_str().unwrap())
            .collect();
        let got: BTreeSet<&str> = feed
            .entries
            .iter()
            .map(|e| e.links[0].href.as_str())
            .collect();
        assert_eq!(want, got, "{file}");
        for e in &feed.entries {
            assert!(!e.title.as_ref().unwrap().content.is_empty());
            assert!(e.updated.is_some() && e.published.is_some());
            assert!(file_of(&e.links[0].href).is_file());
        }
        // Newest first.
        let dates: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{file}");
        // Every page links to its language's feed.
        let home = read(if lang == "vi" {
            "index.html"
        } else {
            "en/index.html"
        });
        assert!(home.contains(&format!(
            "type=\"application/atom+xml\" href=\"{BASE_PATH}{file}\""
        )));
    }
}

// ---- 2. JSON-LD --------------------------------------------------------------

fn str_of<'a>(v: &'a Value, key: &str, ctx: &str) -> &'a str {
    v[key]
        .as_str()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| panic!("{ctx}: `{key}` missing in {v}"))
}

fn absolute_in_site(url: &str, ctx: &str) {
    assert!(url.starts_with(BASE_URL), "{ctx}: {url} is not absolute");
    assert!(file_of(url).is_file(), "{ctx}: {url} does not exist");
}

/// The required schema.org properties of each type the portal uses.
fn check_node(n: &Value, ctx: &str) {
    let ty = str_of(n, "@type", ctx);
    let ctx = &format!("{ctx} {ty}");
    match ty {
        "WebPage" => {
            str_of(n, "name", ctx);
            absolute_in_site(str_of(n, "url", ctx), ctx);
            str_of(n, "inLanguage", ctx);
        }
        "WebSite" => {
            str_of(n, "name", ctx);
            assert_eq!(str_of(n, "url", ctx), BASE_URL);
        }
        "Product" => {
            str_of(n, "name", ctx);
            absolute_in_site(str_of(n, "url", ctx), ctx);
            let makers = n["manufacturer"].as_array().expect("manufacturer");
            assert!(!makers.is_empty(), "{ctx}: no manufacturer");
            for m in makers {
                assert_eq!(m["@type"], "Organization");
                str_of(m, "name", ctx);
                absolute_in_site(str_of(m, "url", ctx), ctx);
            }
            if !n["brand"].is_null() {
                assert_eq!(n["brand"]["@type"], "Brand");
                str_of(&n["brand"], "name", ctx);
            }
            if !n["offers"].is_null() {
                let o = &n["offers"];
                assert_eq!(o["priceCurrency"], "VND", "{ctx}");
                match o["@type"].as_str() {
                    Some("Offer") => assert!(o["price"].is_number(), "{ctx}"),
                    Some("AggregateOffer") => {
                        assert!(o["lowPrice"].as_f64() < o["highPrice"].as_f64(), "{ctx}")
                    }
                    other => panic!("{ctx}: offers of type {other:?}"),
                }
            }
        }
        "Organization" => {
            str_of(n, "name", ctx);
            absolute_in_site(str_of(n, "url", ctx), ctx);
            assert_eq!(n["address"]["@type"], "PostalAddress", "{ctx}");
            str_of(&n["address"], "addressLocality", ctx);
        }
        "GovernmentOrganization" => {
            str_of(n, "name", ctx);
            absolute_in_site(str_of(n, "url", ctx), ctx);
        }
        "BreadcrumbList" => {
            let items = n["itemListElement"].as_array().unwrap();
            assert!(items.len() >= 2, "{ctx}");
            for (i, it) in items.iter().enumerate() {
                assert_eq!(it["@type"], "ListItem");
                assert_eq!(it["position"], i + 1, "{ctx}");
                str_of(it, "name", ctx);
                absolute_in_site(str_of(it, "item", ctx), ctx);
            }
        }
        "DataCatalog" => {
            assert!(!n["dataset"].as_array().unwrap().is_empty());
            for d in n["dataset"].as_array().unwrap() {
                check_node(d, ctx);
            }
        }
        "Dataset" => {
            str_of(n, "name", ctx);
            assert!(str_of(n, "description", ctx).chars().count() >= 50, "{ctx}");
            assert!(str_of(n, "license", ctx).starts_with("https://"));
            let dist = n["distribution"].as_array().unwrap();
            assert_eq!(dist.len(), 2, "{ctx}");
            for d in dist {
                assert_eq!(d["@type"], "DataDownload");
                str_of(d, "encodingFormat", ctx);
                absolute_in_site(str_of(d, "contentUrl", ctx), ctx);
            }
        }
        "Report" | "NewsArticle" => {
            str_of(n, "headline", ctx);
            str_of(n, "datePublished", ctx);
            absolute_in_site(str_of(n, "url", ctx), ctx);
        }
        "Brand" | "AdministrativeArea" | "Legislation" => {
            str_of(n, "name", ctx);
            absolute_in_site(str_of(n, "url", ctx), ctx);
        }
        other => panic!("{ctx}: unexpected type {other}"),
    }
}

/// The JSON-LD graph of a page.
fn graph_of(rel: &str) -> Vec<Value> {
    let doc = Html::parse_document(&read(rel));
    let sel = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let scripts: Vec<_> = doc.select(&sel).collect();
    assert_eq!(scripts.len(), 1, "{rel}: one JSON-LD block");
    let text: String = scripts[0].text().collect();
    assert!(!text.contains('<'), "{rel}: `<` inside JSON-LD");
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(v["@context"], "https://schema.org", "{rel}");
    v["@graph"].as_array().unwrap().clone()
}

fn main_entity<'a>(graph: &'a [Value], rel: &str) -> &'a Value {
    let page = graph.iter().find(|n| n["@type"] == "WebPage").unwrap();
    let id = page["mainEntity"]["@id"]
        .as_str()
        .unwrap_or_else(|| panic!("{rel}: no mainEntity"));
    graph.iter().find(|n| n["@id"] == id).unwrap()
}

#[test]
fn every_page_carries_valid_json_ld() {
    let pages = pages();
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    for rel in &pages {
        let graph = graph_of(rel);
        for n in &graph {
            check_node(n, rel);
            *types
                .entry(n["@type"].as_str().unwrap().to_string())
                .or_default() += 1;
            for d in n["dataset"].as_array().into_iter().flatten() {
                *types.entry("Dataset".to_string()).or_default() +=
                    usize::from(d["@type"] == "Dataset");
            }
        }
        if rel.ends_with("404.html") {
            continue;
        }
        let page = graph.iter().find(|n| n["@type"] == "WebPage").unwrap();
        assert_eq!(page["url"], url_of(rel), "{rel}");
        let canonical = Html::parse_document(&read(rel))
            .select(&Selector::parse("link[rel=canonical]").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap()
            .to_string();
        assert_eq!(canonical, url_of(rel), "{rel}: canonical");
        // Open Graph says the same.
        let html = read(rel);
        assert!(html.contains(&format!(
            "<meta property=\"og:url\" content=\"{canonical}\">"
        )));
        assert!(html.contains("<meta name=\"twitter:card\""));
    }
    for ty in [
        "WebPage",
        "WebSite",
        "Product",
        "Organization",
        "GovernmentOrganization",
        "BreadcrumbList",
        "Dataset",
    ] {
        assert!(types.contains_key(ty), "no {ty} anywhere: {types:?}");
    }
}

#[test]
fn products_producers_agencies_and_open_data_have_their_main_entity() {
    let products = json("data/products.json");
    for p in products.as_array().unwrap() {
        for lang in ["vi", "en"] {
            let url = p[format!("url_{lang}")].as_str().unwrap();
            let rel = file_of(url)
                .strip_prefix(output())
                .unwrap()
                .to_string_lossy()
                .to_string();
            let graph = graph_of(&rel);
            let main = main_entity(&graph, &rel);
            assert_eq!(main["@type"], "Product", "{rel}");
            assert_eq!(main["url"], url);
            assert_eq!(
                main["award"].is_string(),
                !p["ocop_stars"].is_null(),
                "{rel}"
            );
            let priced = !p["price_min"].is_null() || !p["price_max"].is_null();
            assert_eq!(main["offers"].is_object(), priced, "{rel}");
            assert_eq!(main["brand"].is_object(), !p["brand"].is_null(), "{rel}");
        }
    }
    for (collection, ty) in [
        ("producers", "Organization"),
        ("agencies", "GovernmentOrganization"),
    ] {
        for r in json(&format!("data/{collection}.json")).as_array().unwrap() {
            let url = r["url_vi"].as_str().unwrap();
            let rel = file_of(url)
                .strip_prefix(output())
                .unwrap()
                .to_string_lossy()
                .to_string();
            let graph = graph_of(&rel);
            assert_eq!(main_entity(&graph, &rel)["@type"], ty, "{rel}");
        }
    }
    let exports = csv_exports();
    for rel in ["du-lieu/index.html", "en/open-data/index.html"] {
        let graph = graph_of(rel);
        let catalog = main_entity(&graph, rel);
        assert_eq!(catalog["@type"], "DataCatalog");
        let datasets = catalog["dataset"].as_array().unwrap();
        assert_eq!(
            datasets.len(),
            exports.len(),
            "{rel}: one Dataset per export"
        );
    }
}

// ---- 3. open data ------------------------------------------------------------

/// The table names of the CSV exports (`data/<name>.csv`, the dictionary
/// aside).
fn csv_exports() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(output().join("data"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            name.strip_suffix(".csv").map(str::to_string)
        })
        .filter(|n| n != "dictionary")
        .collect();
    v.sort();
    v
}

/// Reads a CSV export: checks the BOM, returns the header and rows.
fn read_csv(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = fs::read(output().join(format!("data/{name}.csv"))).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{name}.csv has no UTF-8 byte order mark"
    );
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// A JSON value as the CSV writes it.
fn as_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(as_cell).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

#[test]
fn every_collection_is_exported_as_csv_and_json_with_the_same_records() {
    let exports = csv_exports();
    for c in [
        "products",
        "brands",
        "producers",
        "communes",
        "agencies",
        "chains",
        "directives",
        "indicators",
        "reports",
        "pages",
        "tasks",
    ] {
        assert!(exports.iter().any(|e| e == c), "no export of {c}");
    }
    for name in &exports {
        let (header, rows) = read_csv(name);
        let records = json(&format!("data/{name}.json"));
        let records = records.as_array().unwrap();
        assert_eq!(rows.len(), records.len(), "{name}: CSV and JSON counts");
        if name == "tasks" {
            let tasks: usize = json("data/directives.json")
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["tasks"].as_array().unwrap().len())
                .sum();
            assert_eq!(rows.len(), tasks, "tasks");
        } else {
            assert_eq!(
                rows.len(),
                record_count(name),
                "{name}: records in content/"
            );
        }
        let mut columns = header.clone();
        columns.sort();
        for (row, rec) in rows.iter().zip(records) {
            let obj = rec.as_object().unwrap();
            let keys: Vec<&String> = obj.keys().collect();
            assert_eq!(keys, columns.iter().collect::<Vec<_>>(), "{name}: keys");
            for (cell, key) in row.iter().zip(&header) {
                assert_eq!(cell, &as_cell(&obj[key]), "{name}.{key}");
                assert_eq!(cell.nfc().collect::<String>(), *cell, "{name}: not NFC");
            }
        }
    }
}

#[test]
fn vietnamese_text_survives_the_csv() {
    let (header, rows) = read_csv("products");
    let col = header.iter().position(|h| h == "name_vi").unwrap();
    let slug = header.iter().position(|h| h == "slug").unwrap();
    let mut accented = 0;
    for row in &rows {
        let name = &row[col];
        if !name.is_ascii() {
            accented += 1;
        }
        // The page shows the same name.
        let html = read(&format!("san-pham/{}/index.html", row[slug]));
        let h1: String = Html::parse_document(&html)
            .select(&Selector::parse("h1").unwrap())
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(h1.trim(), name);
    }
    assert!(accented > 0, "no product name with Vietnamese letters");
    let all = read("data/producers.csv");
    assert!(all.contains("Hợp tác xã"), "Vietnamese text altered");
}

#[test]
fn the_dictionary_describes_every_column_and_the_catalogue_every_file() {
    let dict = json("data/dictionary.json");
    let tables = dict["tables"].as_array().unwrap();
    assert_eq!(tables.len(), csv_exports().len());
    for t in tables {
        let name = t["table"].as_str().unwrap();
        let (header, _) = read_csv(name);
        let fields: Vec<&str> = t["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                assert!(!f["meaning"]["vi"].as_str().unwrap().is_empty());
                assert!(!f["meaning"]["en"].as_str().unwrap().is_empty());
                assert!(f["required"].is_boolean());
                assert!(!f["type"].as_str().unwrap().is_empty());
                f["name"].as_str().unwrap()
            })
            .collect();
        assert_eq!(fields, header, "{name}: dictionary and CSV columns");
    }
    let (dh, drows) = read_csv("dictionary");
    assert_eq!(dh[..2], ["table", "field"]);
    assert_eq!(
        drows.len(),
        tables
            .iter()
            .map(|t| t["fields"].as_array().unwrap().len())
            .sum::<usize>()
    );
    let cat = json("data.json");
    assert_eq!(cat["@type"], "dcat:Catalog");
    let datasets = cat["dataset"].as_array().unwrap();
    assert_eq!(datasets.len(), tables.len());
    for d in datasets {
        assert!(!d["title"].as_str().unwrap().is_empty());
        assert!(d["license"].as_str().unwrap().starts_with("https://"));
        for dist in d["distribution"].as_array().unwrap() {
            let url = dist["downloadURL"].as_str().unwrap();
            let size = fs::metadata(file_of(url)).unwrap().len();
            assert_eq!(dist["byteSize"], size, "{url}");
        }
    }
    assert!(read("data/LICENSE.txt").contains("CC BY 4.0"));
    // The open-data page lists every download.
    for rel in ["du-lieu/index.html", "en/open-data/index.html"] {
        let html = read(rel);
        for name in csv_exports() {
            assert!(
                html.contains(&format!("{BASE_PATH}data/{name}.csv\"")),
                "{rel}: {name}"
            );
            assert!(
                html.contains(&format!("{BASE_PATH}data/{name}.json\"")),
                "{rel}: {name}"
            );
        }
        assert!(html.contains("dictionary.csv") && html.contains("data.json"));
    }
}

// ---- 4. QR codes ---------------------------------------------------------------

/// Renders an SVG and decodes every QR code found in it; a grid the
/// detector pieced together from the finder patterns of two neighbouring
/// codes fails to decode and is left out.
fn decode_qr(svg: &str, scale: f32) -> Vec<String> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size().scale_by(scale).unwrap();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let w = pixmap.width() as usize;
    let px = pixmap.pixels();
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(w, pixmap.height() as usize, |x, y| {
            let p = px[y * w + x].demultiply();
            ((u16::from(p.red()) + u16::from(p.green()) + u16::from(p.blue())) / 3) as u8
        });
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

#[test]
fn product_and_producer_qr_codes_decode_to_their_page() {
    for collection in ["products", "producers"] {
        for r in json(&format!("data/{collection}.json")).as_array().unwrap() {
            for lang in ["vi", "en"] {
                let url = r[format!("url_{lang}")].as_str().unwrap();
                let page = file_of(url);
                let qr = page.with_file_name("qr.svg");
                let svg = fs::read_to_string(&qr).unwrap();
                assert_eq!(decode_qr(&svg, 1.0), [url], "{}", qr.display());
                // The page shows it.
                let html = fs::read_to_string(&page).unwrap();
                let src = format!("{}qr.svg", url.strip_prefix("https://example.org").unwrap());
                assert!(html.contains(&format!("<img src=\"{src}\"")), "{url}");
            }
        }
    }
}

#[test]
fn a_product_label_sheet_carries_its_qr_code() {
    let products = json("data/products.json");
    let p = &products.as_array().unwrap()[0];
    let url = p["url_vi"].as_str().unwrap();
    let sheet = file_of(url).with_file_name("label-sheet.svg");
    let svg = fs::read_to_string(&sheet).unwrap();
    assert!(svg.contains("width=\"210mm\" height=\"297mm\""), "not A4");
    assert!(svg.contains("example.org/nongsan"), "no portal address");
    // An A4 sheet is 794 px wide at 96 dpi; twice that gives modules of
    // about 7 px.
    let codes = decode_qr(&svg, 2.0);
    assert!(!codes.is_empty(), "no QR code found on the sheet");
    assert!(codes.iter().all(|c| c == url), "{codes:?}");
    let html = fs::read_to_string(file_of(url)).unwrap();
    assert!(html.contains("label-sheet.svg\""));
    // Ten labels, each sheet in its own language, every product's sheet
    // with its own name.
    assert_eq!(svg.matches("<use href=\"#label\"").count(), 10);
    assert!(svg.contains("Quét mã để xem"));
    for p in products.as_array().unwrap() {
        let en = file_of(p["url_en"].as_str().unwrap()).with_file_name("label-sheet.svg");
        let en = fs::read_to_string(&en).unwrap();
        assert!(en.contains("Scan for product information"), "{en}");
        assert!(!en.contains("Quét mã"), "{en}");
        assert!(en.contains("example.org/nongsan"));
        let vi = file_of(p["url_vi"].as_str().unwrap()).with_file_name("label-sheet.svg");
        let vi = fs::read_to_string(&vi).unwrap();
        let name = p["name_vi"].as_str().unwrap();
        let first_word = name.split(' ').next().unwrap();
        assert!(vi.contains(first_word), "{name}: {vi}");
        assert!(vi.contains("Quét mã để xem"));
    }
}

// ---- 5. links under a sub-path ----------------------------------------------------

#[test]
fn every_internal_link_resolves_under_the_sub_path() {
    let sel = Selector::parse("a[href], link[href], img[src], script[src], form[action]").unwrap();
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    for rel in pages() {
        let html = read(&rel);
        let doc = Html::parse_document(&html);
        for el in doc.select(&sel) {
            let v = el.value();
            let Some(link) = v.attr("href").or(v.attr("src")).or(v.attr("action")) else {
                continue;
            };
            let target = if let Some(frag) = link.strip_prefix('#') {
                (output().join(&rel), frag.to_string())
            } else if link.starts_with('/') {
                if !link.starts_with(BASE_PATH) {
                    broken.push(format!("{rel}: {link} is outside {BASE_PATH}"));
                    continue;
                }
                let url = format!("https://example.org{link}");
                let frag = url
                    .split_once('#')
                    .map(|(_, f)| f.to_string())
                    .unwrap_or_default();
                (file_of(&url), frag)
            } else if link.starts_with(BASE_URL) {
                let frag = link
                    .split_once('#')
                    .map(|(_, f)| f.to_string())
                    .unwrap_or_default();
                (file_of(link), frag)
            } else {
                continue;
            };
            let (file, frag) = target;
            if !file.is_file() {
                broken.push(format!("{rel}: {link}"));
                continue;
            }
            if !frag.is_empty() && file.extension().is_some_and(|e| e == "html") {
                let known = ids.entry(file.clone()).or_insert_with(|| {
                    let d = Html::parse_document(&fs::read_to_string(&file).unwrap());
                    d.select(&Selector::parse("[id]").unwrap())
                        .map(|e| e.value().attr("id").unwrap().to_string())
                        .collect()
                });
                if !known.contains(&frag) {
                    broken.push(format!("{rel}: {link} (no #{frag})"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// The audit the portal is held to, on the same build: run with
/// `cargo test --test publish -- --ignored` where `../shared/tools/site-audit`
/// is installed (it fetches Chromium and npm packages on first use).
#[test]
#[ignore = "needs site-audit and its browser; run with --ignored"]
fn site_audit_finds_no_broken_links_under_the_sub_path() {
    let tool = root().join("../shared/tools/site-audit/site-audit");
    assert!(tool.is_file(), "no site-audit at {}", tool.display());
    let json_report = output().parent().unwrap().join("site-audit.json");
    let run = Command::new(&tool)
        .arg(output())
        .args(["--base-path", "/nongsan", "--site-url", BASE_URL])
        .args(["--pages", "5", "--lh-pages", "0", "--json"])
        .arg(&json_report)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&run.stdout).to_string();
    let summary = text
        .lines()
        .rev()
        .find(|l| l.starts_with("site-audit:"))
        .unwrap_or_else(|| {
            panic!(
                "no summary:\n{text}{}",
                String::from_utf8_lossy(&run.stderr)
            )
        });
    assert!(summary.contains(" broken_links=0 "), "{summary}");
}
