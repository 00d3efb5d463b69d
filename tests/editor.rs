//! The editor's workflow: live preview with incremental rebuilds, record
//! skeletons, JSON Schemas.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::fixture;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nongsan"))
        .args(["serve", "--port", "0", "--lang", "en", "--root"])
        .arg(root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("the server prints its address")
            .unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining the server's messages so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

/// A plain HTTP/1.0 GET: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let (status, body) = get_bytes(port, path);
    (status, String::from_utf8_lossy(&body).to_string())
}

fn get_bytes(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return (0, Vec::new());
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, raw[split + 4..].to_vec())
}

/// Polls `path` until `pred` holds or `within` passes.
fn wait_for(
    port: u16,
    path: &str,
    within: Duration,
    pred: impl Fn(u16, &str) -> bool,
) -> Option<String> {
    let started = Instant::now();
    while started.elapsed() < within {
        let (status, body) = get(port, path);
        if pred(status, &body) {
            return Some(body);
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    None
}

fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__nongsan/status").1).unwrap()
}

#[test]
fn serve_rebuilds_what_changed_and_shows_errors() {
    let site = fixture("valid");
    let server = start(site.root());
    let port = server.port;
    let page = "/en/products/na-chi-lang/";
    let (code, body) = get(port, page);
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("Chi Lăng custard apple"), "{body}");
    // The live-reload script is there when serving, and never in `build`.
    assert!(body.contains("/__nongsan/reload.js"));
    let total = status(port)["total"].as_u64().unwrap();

    // Rename the product: the new name is served within 2 s.
    let file = "content/products/na-chi-lang.md";
    let original = site.read(file);
    let version = status(port)["version"].as_u64().unwrap();
    site.write(
        file,
        original.replace("en: Chi Lăng custard apple", "en: Chi Lăng sugar apple"),
    );
    let body = wait_for(port, page, Duration::from_secs(2), |c, b| {
        c == 200 && b.contains("Chi Lăng sugar apple")
    });
    assert!(body.is_some(), "the new name was not served within 2 s");
    // The product's page is served first; the rebuild is over when the
    // version moves.
    let started = Instant::now();
    while status(port)["version"].as_u64().unwrap() == version
        && started.elapsed() < Duration::from_secs(5)
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    // Only the pages that show the product were rendered again.
    let rendered = status(port)["rendered"].as_u64().unwrap();
    assert!(
        rendered > 0 && rendered * 2 < total,
        "re-rendered {rendered} of {total} pages"
    );
    // Pages that show it (the producer, the chain) have the new name too.
    let (_, producer) = get(port, "/en/producers/htx-dong-banh/");
    assert!(producer.contains("Chi Lăng sugar apple"));

    // Broken YAML: every page becomes the diagnostics, with status 200.
    site.write(file, "---\nname: [oops\ncategory: fruit\n---\n");
    let body = wait_for(port, page, Duration::from_secs(2), |c, b| {
        c == 200 && b.contains("E00")
    });
    let body = body.expect("the diagnostics page is served");
    assert!(body.contains("content/products/na-chi-lang.md"), "{body}");
    assert!(status(port)["errors"].as_bool().unwrap());

    // Fixed: the site comes back.
    site.write(file, &original);
    let body = wait_for(port, page, Duration::from_secs(2), |c, b| {
        c == 200 && b.contains("Chi Lăng custard apple")
    });
    assert!(body.is_some(), "the site did not come back");
    assert!(!status(port)["errors"].as_bool().unwrap());

    // A template change re-renders the pages that use it.
    site.write("themes/default/templates/product.html", "{% extends \"base.html\" %}{% block content %}<h1>{{ product.name | loc }}</h1><p>override</p>{% endblock content %}");
    let body = wait_for(port, page, Duration::from_secs(2), |c, b| {
        c == 200 && b.contains("<p>override</p>")
    });
    assert!(body.is_some(), "the template change was not served");
    let (_, other) = get(port, "/en/brands/na-lang-son/");
    assert!(!other.contains("<p>override</p>"));

    drop(server);
    // `build` output never carries the reload script.
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(
        !site
            .read("output/en/products/na-chi-lang/index.html")
            .contains("__nongsan")
    );
}

/// A JPEG of 900 × 600 pixels; `seed` changes its pixels.
#[test]
fn serve_keeps_search_and_filter_pages_up_to_date() {
    let site = fixture("valid");
    let server = start(site.root());
    let port = server.port;
    // The search index is served (built in the background after the pages).
    let count = |lang: &str| -> Option<u64> {
        let (code, body) = get(port, &format!("/search-index/{lang}/index.json"));
        (code == 200)
            .then(|| serde_json::from_str::<serde_json::Value>(&body).ok())
            .flatten()
            .and_then(|v| v["docs"].as_u64())
    };
    let started = Instant::now();
    while count("en").is_none() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let before = count("en").expect("the search index is served");
    let (code, _) = get(port, "/en/search/");
    assert_eq!(code, 200);

    // A new product in another category: that category's filter page
    // lists it, and the index grows.
    let file = "content/products/na-chi-lang.md";
    let copy = site
        .read(file)
        .replace("category: fruit", "category: spices")
        .replace("en: Chi Lăng custard apple", "en: Chi Lăng dried anise");
    site.write("content/products/hoi-kho.md", copy);
    let page = wait_for(
        port,
        "/en/products/category/spices/",
        Duration::from_secs(5),
        |c, b| c == 200 && b.contains("Chi Lăng dried anise"),
    );
    assert!(
        page.is_some(),
        "the filter page did not list the new product"
    );
    let started = Instant::now();
    while count("en") == Some(before) && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        count("en"),
        Some(before + 1),
        "the search index was not rebuilt"
    );

    // Moving it to fruit: the fruit page lists it, the spices page no
    // longer does (it was not linked from there before the change).
    let moved = site
        .read("content/products/hoi-kho.md")
        .replace("category: spices", "category: fruit");
    site.write("content/products/hoi-kho.md", moved);
    let page = wait_for(
        port,
        "/en/products/category/fruit/",
        Duration::from_secs(5),
        |c, b| c == 200 && b.contains("Chi Lăng dried anise"),
    );
    assert!(page.is_some(), "the fruit filter page did not follow");
    let (code, spices) = get(port, "/en/products/category/spices/");
    assert_eq!(code, 200);
    assert!(!spices.contains("Chi Lăng dried anise"));
}

fn photo(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(900, 600, |x, y| {
        image::Rgb([(x % 256) as u8 ^ seed, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// The first 480 px rendition a page names for `stem`
/// (`media/na-480.1a2b3c4d.webp`).
fn rendition(page: &str, stem: &str) -> Option<String> {
    let start = page.find(&format!("/media/{stem}-480."))?;
    let rest = &page[start + 1..];
    let end = rest.find([' ', '"', ','])?;
    Some(rest[..end].to_string())
}

#[test]
fn serve_publishes_pictures_and_reprocesses_a_changed_one() {
    let site = fixture("valid");
    site.write("content/media/na.jpg", photo(0));
    site.write(
        "content/products/anh.yaml",
        "name: { vi: Ảnh, en: Photo }\ncategory: fruit\nproducers: [htx-dong-banh]\nimages:\n  - { src: media/na.jpg, alt: na }\n",
    );
    let server = start(site.root());
    let port = server.port;
    let page = "/en/products/anh/";
    let (code, body) = get(port, page);
    assert_eq!(code, 200, "{body}");
    let first = rendition(&body, "na").expect("the page names a 480 px rendition");
    let (code, _) = get(port, &format!("/{first}"));
    assert_eq!(code, 200, "{first} is not served");
    // The picture's own path serves it without its metadata.
    let (code, own) = get(port, "/media/na.jpg");
    assert_eq!(code, 200);
    assert!(!own.contains("Exif"));

    // A new picture under the same name: encoded again, under a new name.
    site.write("content/media/na.jpg", photo(0x5a));
    let body = wait_for(port, page, Duration::from_secs(10), |c, b| {
        c == 200 && rendition(b, "na").is_some_and(|r| r != first)
    })
    .expect("the changed picture was not shown within 10 s");
    let second = rendition(&body, "na").unwrap();
    assert_eq!(get(port, &format!("/{second}")).0, 200);
    let rendered = status(port)["rendered"].as_u64().unwrap();
    let total = status(port)["total"].as_u64().unwrap();
    assert!(
        rendered * 2 < total,
        "re-rendered {rendered} of {total} pages"
    );

    // A record saved in place that brings a new filter choice re-renders
    // every page: the pictures stay served.
    let version = status(port)["version"].as_u64().unwrap();
    let rated = format!(
        "{}ocop: {{ stars: 3, group: food, decision: 9/QĐ-UBND, date: 2025-06-01 }}\n",
        site.read("content/products/anh.yaml")
    );
    site.write("content/products/anh.yaml", rated);
    let s = next_version(port, version);
    assert!(s["patched"].as_bool().unwrap(), "{s}");
    assert_eq!(s["rendered"], s["total"], "{s}");
    assert_eq!(get(port, &format!("/{second}")).0, 200, "{second} is gone");
    assert_eq!(get(port, "/media/na.jpg").0, 200);
}

#[test]
fn new_writes_a_skeleton_that_checks_once_filled() {
    let site = fixture("valid");
    let run = site.run(&["new", "product", "quyt-bac-son"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let path = "content/products/quyt-bac-son.md";
    let text = site.read(path);
    // Every field is there, with a comment in both languages.
    for field in [
        "name:",
        "category:",
        "producers:",
        "# brand:",
        "# ocop:",
        "# season:",
        "# images:",
        "# draft:",
    ] {
        assert!(text.contains(field), "no {field} in\n{text}");
    }
    assert!(text.contains("Tên sản phẩm") && text.contains("Product name"));
    // Required fields come first.
    assert!(text.find("producers:").unwrap() < text.find("# brand:").unwrap());

    // Unfilled, it does not check; filled, it does.
    assert_eq!(site.run(&["check"]).code, 1);
    let filled = text
        .replacen(
            "name:",
            "name: { vi: Quýt Bắc Sơn, en: Bắc Sơn mandarin }",
            1,
        )
        .replacen("category:", "category: fruit", 1)
        .replacen("producers: []", "producers: [ho-hoi]", 1);
    site.write(path, filled);
    site.write("content/products/quyt-bac-son.en.md", "Golden mandarins.\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.all());

    // It never overwrites, and a bad slug gets a proposal.
    let run = site.run(&["new", "products", "quyt-bac-son"]);
    assert_eq!(run.code, 1);
    assert!(site.read(path).contains("Quýt Bắc Sơn"));
    let run = site.run(&["new", "producer", "HTX Quýt Vàng", "--lang", "en"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("htx-quyt-vang.md"), "{}", run.stderr);
    // A collection without a body gets a `.yaml` skeleton.
    assert_eq!(site.run(&["new", "commune", "bac-son"]).code, 0);
    assert!(
        site.read("content/communes/bac-son.yaml")
            .starts_with("# yaml-language-server: $schema=")
    );
}

/// Every sample record's fields, as JSON (front matter for `.md`).
fn sample_records() -> Vec<(String, String, serde_json::Value)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() || dir.file_name().unwrap() == "media" {
            continue;
        }
        let collection = dir.file_name().unwrap().to_string_lossy().to_string();
        for f in std::fs::read_dir(&dir).unwrap() {
            let p = f.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.matches('.').count() > 1 {
                continue; // translations hold no fields
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let yaml = if name.ends_with(".md") {
                text.split("\n---")
                    .next()
                    .unwrap()
                    .trim_start_matches("---\n")
                    .to_string()
            } else {
                text
            };
            let v: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
            out.push((collection.clone(), name, v));
        }
    }
    out
}

#[test]
fn every_sample_record_validates_against_the_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nongsan"))
        .args(["schema", "--out"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let load = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join(name)).unwrap()).unwrap()
    };
    let site: serde_json::Value = serde_yaml::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/site.yaml"),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(jsonschema::is_valid(&load("site.schema.json"), &site));
    let records = sample_records();
    assert!(records.len() > 100);
    for (collection, name, value) in &records {
        let schema = load(&format!("{collection}.schema.json"));
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{collection}/{name}: {errors:?}");
    }
    // A bad record fails: an unknown field, a wrong enum value, a missing name.
    let schema = load("products.schema.json");
    for bad in [
        serde_json::json!({"name": "X", "category": "fruit", "producers": ["a"], "colour": "red"}),
        serde_json::json!({"name": "X", "category": "fruit", "producers": ["a"], "ocop": {"stars": 4, "group": "snacks", "decision": "1", "date": "2024-01-01"}}),
        serde_json::json!({"category": "fruit", "producers": ["a"]}),
        serde_json::json!({"name": "X", "category": "fruit", "producers": ["a"], "certifications": [{"kind": "VietGAP", "expires": "2024-13-01"}]}),
    ] {
        assert!(!jsonschema::is_valid(&schema, &bad), "{bad}");
    }
}

#[test]
fn pages_show_when_their_record_last_changed_in_git() {
    let site = fixture("valid");
    // Outside a git repository the line is simply absent.
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(
        !site
            .read("output/san-pham/na-chi-lang/index.html")
            .contains("class=\"updated\"")
    );

    let git = |args: &[&str], date: &str| {
        let ok = Command::new("git")
            .args([
                "-c",
                "user.name=Biên tập",
                "-c",
                "user.email=editor@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(site.root())
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"], "2026-06-01T08:00:00Z");
    git(&["add", "content"], "2026-06-01T08:00:00Z");
    git(&["commit", "-q", "-m", "Sample"], "2026-06-01T08:00:00Z");
    site.write(
        "content/products/na-chi-lang.en.md",
        "Sweet custard apples, newly described.\n",
    );
    git(
        &["commit", "-q", "-am", "English text"],
        "2026-06-21T09:30:00Z",
    );

    assert_eq!(site.run(&["build"]).code, 0);
    // The product changed last through its translation; the brand in the first commit.
    assert!(
        site.read("output/san-pham/na-chi-lang/index.html")
            .contains("Cập nhật 21/6/2026")
    );
    assert!(
        site.read("output/en/products/na-chi-lang/index.html")
            .contains("Updated 21 June 2026")
    );
    assert!(
        site.read("output/thuong-hieu/na-lang-son/index.html")
            .contains("Cập nhật 1/6/2026")
    );
}

/// Waits until the server finished a rebuild after `version`, and what
/// follows the whole site (made once saves pause).
fn next_version(port: u16, version: u64) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let s = status(port);
        if s["version"].as_u64().unwrap() > version && !s["stale"].as_bool().unwrap() {
            return s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no rebuild after version {version}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn records_edited_in_place_give_the_pages_a_fresh_build_gives() {
    let site = fixture("valid");
    let server = start(site.root());
    let port = server.port;
    // Edits that change names, references (and so reverse links), bodies
    // and a translation: each is put in place in the content already
    // loaded, without listing `content/` again.
    let edits: Vec<(&str, String)> = vec![
        (
            "content/products/na-chi-lang.md",
            site.read("content/products/na-chi-lang.md")
                .replace("en: Chi Lăng custard apple", "en: Chi Lăng sugar apple")
                .replace(
                    "producers: [htx-dong-banh]",
                    "producers: [htx-dong-banh, ho-hoi]",
                )
                .replace("Na Chi Lăng ngọt.", "Na Chi Lăng rất ngọt."),
        ),
        (
            "content/products/na-chi-lang.en.md",
            "Very sweet custard apples. See [the chain](@/chains/chuoi-na).\n".into(),
        ),
        (
            "content/producers/ho-hoi.yaml",
            site.read("content/producers/ho-hoi.yaml").replace(
                "en: Hồi Xanh household business",
                "en: Green Anise household",
            ),
        ),
        (
            "content/reports/bc-716.md",
            site.read("content/reports/bc-716.md")
                .replace("Báo cáo.", "Báo cáo kết quả quý hai."),
        ),
    ];
    // A new file cannot be put in place: everything is loaded again.
    let version = status(port)["version"].as_u64().unwrap();
    site.write(
        "content/pages/lien-he.md",
        "---\ntitle: { vi: Liên hệ, en: Contact }\n---\nGọi cho chúng tôi.\n",
    );
    let s = next_version(port, version);
    assert!(!s["patched"].as_bool().unwrap(), "{s}");
    let mut version = s["version"].as_u64().unwrap();
    for (n, (file, text)) in edits.iter().enumerate() {
        if n == 2 {
            // Saved as many editors do: written beside, renamed over.
            let tmp = format!("{file}.tmp1234");
            site.write(&tmp, text);
            std::fs::rename(site.path(&tmp), site.path(file)).unwrap();
        } else {
            site.write(file, text);
        }
        let s = next_version(port, version);
        assert!(s["patched"].as_bool().unwrap(), "{file}: {s}");
        assert!(!s["errors"].as_bool().unwrap(), "{file}: {s}");
        version = s["version"].as_u64().unwrap();
    }

    // Every file served is the file a fresh build of the same content
    // makes (but for the live-reload script in pages): pages, QR codes,
    // label sheets, open data, feeds, the sitemap. The search index is
    // rebuilt in the background, later.
    let base = format!("http://127.0.0.1:{port}/");
    let run = site.run(&["build", "--base-url", &base]);
    assert_eq!(run.code, 0, "{}", run.all());
    let files: Vec<(String, Vec<u8>)> = common::snapshot(&site.path("output"))
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with("search-index/") && !rel.starts_with(".nongsan"))
        .collect();
    assert!(
        files.iter().filter(|(r, _)| r.ends_with(".html")).count() > 20,
        "{} files",
        files.len()
    );
    assert!(files.iter().any(|(r, _)| r.ends_with("qr.svg")));
    let script = "<script src=\"/__nongsan/reload.js\"></script>\n";
    for (rel, built) in files {
        let path = format!("/{}", rel.trim_end_matches("index.html"));
        let (code, served) = get_bytes(port, &path);
        assert!(code == 200 || rel.ends_with("404.html"), "{path}: {code}");
        let served = if rel.ends_with(".html") {
            String::from_utf8(served)
                .unwrap()
                .replacen(script, "", 1)
                .into_bytes()
        } else {
            served
        };
        assert!(served == built, "{path} differs from a fresh build");
    }
    let (_, producer) = get(port, "/en/producers/ho-hoi/");
    assert!(producer.contains("Chi Lăng sugar apple"), "{producer}");

    // A folder of records moved out of content/ names only the folder:
    // everything is loaded again and its records are gone.
    let version = status(port)["version"].as_u64().unwrap();
    site.write(
        "content/pages/more/hoi-dap.md",
        "---\ntitle: { vi: Hỏi đáp, en: Questions }\n---\nHỏi và đáp.\n",
    );
    let version = next_version(port, version)["version"].as_u64().unwrap();
    assert_eq!(get(port, "/en/hoi-dap/").0, 200);
    std::fs::rename(site.path("content/pages/more"), site.path("moved-away")).unwrap();
    let s = next_version(port, version);
    assert!(!s["patched"].as_bool().unwrap(), "{s}");
    assert_eq!(get(port, "/en/hoi-dap/").0, 404);
}
