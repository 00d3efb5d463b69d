//! Bad inputs: each must make both `check` and `build` exit 1 with a
//! diagnostic that names the file, the line and the field, and never panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Site, assert_no_panic, fixture};
use serde_json::Value;

struct Case {
    name: &'static str,
    /// Changes to the valid fixture: (path, content); empty content removes.
    files: Vec<(&'static str, Vec<u8>)>,
    code: &'static str,
    file: &'static str,
    line: Option<u64>,
    field: Option<&'static str>,
    /// Text the message or hint must contain.
    contains: Option<&'static str>,
}

fn case(name: &'static str, path: &'static str, content: &str, code: &'static str) -> Case {
    Case {
        name,
        files: vec![(path, content.as_bytes().to_vec())],
        code,
        file: path,
        line: None,
        field: None,
        contains: None,
    }
}

impl Case {
    fn line(mut self, l: u64) -> Self {
        self.line = Some(l);
        self
    }
    fn field(mut self, f: &'static str) -> Self {
        self.field = Some(f);
        self
    }
    fn contains(mut self, s: &'static str) -> Self {
        self.contains = Some(s);
        self
    }
    fn also(mut self, path: &'static str, content: &str) -> Self {
        self.files.push((path, content.as_bytes().to_vec()));
        self
    }
}

const PRODUCT: &str =
    "name: { vi: Hồng, en: Persimmon }\ncategory: fruit\nproducers: [htx-dong-banh]\n";

fn cases() -> Vec<Case> {
    vec![
        case("yaml syntax error", "content/products/bad.yaml", "name: Hồng\ncategory: fruit: spices\n", "E001").line(2),
        case("tab indentation", "content/products/tabs.yaml", "name: Hồng\nocop:\n\tstars: 4\n", "E001").line(3),
        case("wrong type", "content/producers/p.yaml", "name: P\nkind: cooperative\ncommune: chi-lang\nmembers: lots\n", "E002")
            .line(4)
            .field("members"),
        case("unknown enum value", "content/producers/p.yaml", "name: P\nkind: cooperativ\ncommune: chi-lang\n", "E004")
            .line(2)
            .field("kind")
            .contains("cooperative"),
        case("unknown reference", "content/products/p.yaml", "name: P\ncategory: fruit\nproducers: [htx-dong-ban]\n", "E010")
            .line(3)
            .field("producers[0]")
            .contains("htx-dong-banh"),
        case("unknown category", "content/products/p.yaml", "name: P\ncategory: fruits\nproducers: [ho-hoi]\n", "E010")
            .line(2)
            .field("category")
            .contains("fruit"),
        case("missing required field", "content/products/p.yaml", "name: P\nproducers: [ho-hoi]\n", "E005").line(1).field("category"),
        case("unknown field", "content/products/p.yaml", &format!("{PRODUCT}colour: red\n"), "E006")
            .line(4)
            .field("colour")
            .contains("category"),
        case("duplicate slug", "content/products/na-chi-lang.yaml", PRODUCT, "E011").line(1).contains("na-chi-lang"),
        case("bad file name", "content/products/Hồng Bảo Lâm.yaml", PRODUCT, "E012").line(1).contains("hong-bao-lam.yaml"),
        case("unclosed front matter", "content/products/p.md", "---\nname: P\ncategory: fruit\n\nBody\n", "E009").line(1),
        Case {
            files: vec![("content/products/p.yaml", b"name: H\xf4ng\ncategory: fruit\nproducers: [ho-hoi]\n".to_vec())],
            ..case("invalid UTF-8", "content/products/p.yaml", "", "E008").line(1)
        },
        case(
            "image without alt",
            "content/products/p.yaml",
            &format!("{PRODUCT}images:\n  - src: media/x.jpg\n"),
            "E005",
        )
        .line(5)
        .field("images[0].alt"),
        case(
            "media path outside content",
            "content/products/p.yaml",
            &format!("{PRODUCT}images:\n  - {{ src: ../../etc/passwd, alt: x }}\n"),
            "E016",
        )
        .line(5)
        .field("images[0].src"),
        case(
            "absolute media path",
            "content/products/p.yaml",
            &format!("{PRODUCT}images:\n  - {{ src: /etc/passwd, alt: x }}\n"),
            "E016",
        )
        .line(5)
        .field("images[0].src"),
        case("impossible date", "content/reports/r.yaml", "title: R\ndate: 2026-02-30\n", "E003").line(2).field("date"),
        case("translation without its record", "content/products/ghost.en.md", "A ghost.\n", "E013").line(1),
        case(
            "report naming a task its directive lacks",
            "content/reports/r.yaml",
            "title: R\ndate: 2026-06-21\ndirective: cv-2026\ntasks: [\"9\"]\n",
            "E018",
        )
        .line(4)
        .field("tasks[0]"),
        case("report tasks without directive", "content/reports/r.yaml", "title: R\ndate: 2026-06-21\ntasks: [\"1\"]\n", "E019")
            .line(3)
            .field("tasks"),
        case("unknown language", "content/products/p.yaml", "name: { vi: P, fr: P }\ncategory: fruit\nproducers: [ho-hoi]\n", "E015")
            .line(1)
            .field("name"),
        case("localised text without the default language", "content/products/p.yaml", "name: { en: P }\ncategory: fruit\nproducers: [ho-hoi]\n", "E021")
            .line(1)
            .field("name"),
        case("duplicate key", "content/products/p.yaml", &format!("{PRODUCT}category: spices\n"), "E007").line(4).field("category"),
        case("reference to a draft", "content/products/p.yaml", "name: P\ncategory: fruit\nproducers: [hidden]\n", "E022")
            .line(3)
            .field("producers[0]")
            .also("content/producers/hidden.yaml", "name: H\nkind: cooperative\ncommune: chi-lang\ndraft: true\n"),
        case("reserved page slug", "content/pages/san-pham.md", "---\ntitle: Sản phẩm\n---\nX\n", "E023").line(1),
        case(
            "participant with both producer and name",
            "content/chains/c.yaml",
            "name: C\nproducts: [na-chi-lang]\nlead: htx-dong-banh\nstatus: active\nparticipants:\n  - { producer: ho-hoi, name: X, role: retail }\n",
            "E024",
        )
        .line(6)
        .field("participants[0]"),
        case("commune code not five digits", "content/communes/x.yaml", "name: X\nkind: xa\ncode: \"6463\"\n", "E003").line(3).field("code"),
        case("duplicate commune code", "content/communes/x.yaml", "name: X\nkind: xa\ncode: \"06463\"\n", "E025").line(3).field("code"),
        case("empty file", "content/products/p.yaml", "", "E026").line(1),
        case("front matter only, missing fields", "content/products/p.md", "---\nname: P\n---\n", "E005").line(2).field("category"),
        case("translation with front matter", "content/products/na-chi-lang.en.md", "---\nname: X\n---\nBody\n", "E014").line(1),
        case("unknown internal link", "content/pages/p.md", "---\ntitle: P\n---\nSee [x](@/products/na-chi-lan).\n", "E010")
            .line(4)
            .contains("na-chi-lang"),
        case("task id used twice", "content/directives/d.yaml", "number: \"1\"\nkind: cong_van\ntitle: D\nissuer: so-nn\nsigned: 2026-01\ntasks:\n  - { id: 1, title: A, lead: so-nn }\n  - { id: \"1\", title: B, lead: all-communes }\n", "E020")
            .line(8)
            .field("tasks[1].id"),
        case("ocop stars out of range", "content/products/p.yaml", &format!("{PRODUCT}ocop: {{ stars: 6, group: food, decision: \"1\", date: 2025-01-01 }}\n"), "E003")
            .line(4)
            .field("ocop.stars"),
    ]
}

fn apply(site: &Site, c: &Case) {
    for (path, content) in &c.files {
        site.write(path, content);
    }
}

fn find<'a>(diags: &'a [Value], c: &Case) -> Option<&'a Value> {
    diags
        .iter()
        .find(|d| d["code"] == c.code && d["file"] == c.file)
}

#[test]
fn every_bad_input_gives_a_located_error() {
    let mut failures = Vec::new();
    for c in cases() {
        let site = fixture("valid");
        apply(&site, &c);
        let check = site.run(&["check", "--format", "json"]);
        assert_no_panic(&check);
        let diags: Vec<Value> = match serde_json::from_str(&check.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!(
                    "{}: output is not JSON ({e}): {}",
                    c.name,
                    check.all()
                ));
                continue;
            }
        };
        if check.code != 1 {
            failures.push(format!("{}: check exited {}", c.name, check.code));
        }
        match find(&diags, &c) {
            None => failures.push(format!(
                "{}: no {} in {}: {}",
                c.name, c.code, c.file, check.stdout
            )),
            Some(d) => {
                for key in ["file", "line", "column", "severity", "code", "message"] {
                    if d.get(key).is_none() {
                        failures.push(format!("{}: no `{key}` in {d}", c.name));
                    }
                }
                if d["severity"] != "error" {
                    failures.push(format!("{}: not an error: {d}", c.name));
                }
                if let Some(l) = c.line {
                    if d["line"].as_u64() != Some(l) {
                        failures.push(format!(
                            "{}: line {} instead of {l}: {d}",
                            c.name, d["line"]
                        ));
                    }
                }
                if let Some(f) = c.field {
                    if d["field"].as_str() != Some(f) {
                        failures.push(format!(
                            "{}: field {} instead of {f}: {d}",
                            c.name, d["field"]
                        ));
                    }
                }
                if let Some(s) = c.contains {
                    let text = format!("{} {}", d["message"], d["hint"]);
                    if !text.contains(s) {
                        failures.push(format!("{}: `{s}` not in {text}", c.name));
                    }
                }
            }
        }
        let build = site.run(&["build"]);
        assert_no_panic(&build);
        if build.code != 1 {
            failures.push(format!("{}: build exited {}", c.name, build.code));
        }
        if !build.stderr.contains(c.file) || !build.stderr.contains(c.code) {
            failures.push(format!(
                "{}: build output does not name {} and {}: {}",
                c.name, c.file, c.code, build.stderr
            ));
        }
        if site.path("output").exists() {
            failures.push(format!("{}: a failed build wrote output/", c.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn all_errors_of_a_run_are_reported() {
    let site = fixture("valid");
    site.write(
        "content/products/a.yaml",
        "name: A\ncategory: nope\nproducers: [ho-hoi]\n",
    );
    site.write(
        "content/products/b.yaml",
        "name: B\ncategory: fruit\nproducers: [nobody]\n",
    );
    site.write(
        "content/producers/c.yaml",
        "name: C\nkind: cooperativ\ncommune: chi-lang\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    let diags: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 3, "{}", run.stdout);
}

#[test]
fn warnings_do_not_fail_the_check() {
    let site = fixture("valid");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let diags: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    // The fixture's OCOP rating (12/2022) and VietGAP certificate (2025) have expired.
    assert!(codes.contains(&"W003"), "{codes:?}");
    assert!(codes.contains(&"W004"), "{codes:?}");
}

#[test]
fn warns_about_missing_translations_and_unsourced_figures() {
    let site = fixture("valid");
    site.remove("content/products/na-chi-lang.en.md");
    site.write(
        "content/products/p.yaml",
        "name: P\ncategory: fruit\nproducers: [ho-hoi]\narea_ha: 12\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let diags: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let has = |code: &str, file: &str, field: &str| {
        diags
            .iter()
            .any(|d| d["code"] == code && d["file"] == file && d["field"] == field)
    };
    assert!(
        has("W001", "content/products/na-chi-lang.md", "body"),
        "{}",
        run.stdout
    );
    assert!(
        has("W001", "content/products/p.yaml", "name"),
        "{}",
        run.stdout
    );
    assert!(
        has("W002", "content/products/p.yaml", "area_ha"),
        "{}",
        run.stdout
    );
}

#[test]
fn github_format_annotates_files() {
    let site = fixture("valid");
    site.write(
        "content/products/p.yaml",
        "name: P\ncategory: fruit\nproducers: [htx-dong-ban]\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("::error file=content/products/p.yaml,line=3,col="),
        "{}",
        run.stdout
    );
}

#[test]
fn human_format_shows_the_hint() {
    let site = fixture("valid");
    site.write(
        "content/products/p.yaml",
        "name: P\ncategory: fruit\nproducers: [htx-dong-ban]\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/products/p.yaml:3:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `htx-dong-banh`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unquoted_code_keeps_its_leading_zero() {
    // The fixture's dong-kinh.yaml writes `code: 05977` without quotes.
    let site = fixture("valid");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(
        site.read("output/xa-phuong/dong-kinh/index.html")
            .contains("05977")
    );
}
