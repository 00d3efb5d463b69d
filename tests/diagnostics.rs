//! Bad inputs: each must make both `check` and `build` exit 1 with a
//! diagnostic that names the file, the line and the field, and never panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Site, assert_no_panic, fixture};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// One case of the corpus in `tests/corpus/<name>/`: `files/` holds what
/// is laid over the valid fixture site, `expect.json` what must come out.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The diagnostic code that must be reported (an error).
    code: Option<String>,
    file: Option<String>,
    line: Option<u64>,
    field: Option<String>,
    /// Text the message or hint must contain.
    contains: Option<String>,
    /// Files of the fixture to remove first.
    #[serde(default)]
    remove: Vec<String>,
    /// The case must build, and this page must contain `page_contains`.
    #[serde(default)]
    builds: bool,
    page: Option<String>,
    page_contains: Option<String>,
}

fn overlay(from: &Path, to: &Path) {
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            fs::create_dir_all(&dest).unwrap();
            overlay(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Runs `check --format json` and `build` on `site` and compares with
/// `expect`; returns what went wrong.
fn verify(name: &str, site: &Site, expect: &Expect) -> Vec<String> {
    let mut failures = Vec::new();
    let started = Instant::now();
    let check = site.run(&["check", "--format", "json"]);
    assert_no_panic(&check);
    let diags: Vec<Value> = match serde_json::from_str(&check.stdout) {
        Ok(v) => v,
        Err(e) => return vec![format!("{name}: output is not JSON ({e}): {}", check.all())],
    };
    let build = site.run(&["build"]);
    assert_no_panic(&build);
    if started.elapsed() > Duration::from_secs(10) {
        failures.push(format!("{name}: took {:?}", started.elapsed()));
    }
    if expect.builds {
        if check.code != 0 || build.code != 0 {
            failures.push(format!(
                "{name}: must build, but exited {}/{}: {}",
                check.code,
                build.code,
                build.all()
            ));
        }
        if let (Some(page), Some(text)) = (&expect.page, &expect.page_contains) {
            match fs::read_to_string(site.path("output").join(page)) {
                Ok(html) if html.contains(text.as_str()) => {}
                Ok(_) => failures.push(format!("{name}: {page} lacks `{text}`")),
                Err(e) => failures.push(format!("{name}: no {page}: {e}")),
            }
        }
        return failures;
    }
    let code = expect.code.as_deref().unwrap_or("?");
    let file = expect.file.as_deref().unwrap_or("?");
    if check.code != 1 {
        failures.push(format!("{name}: check exited {}", check.code));
    }
    match diags
        .iter()
        .find(|d| d["code"] == code && d["file"] == file)
    {
        None => failures.push(format!("{name}: no {code} in {file}: {}", check.stdout)),
        Some(d) => {
            for key in ["file", "line", "column", "severity", "code", "message"] {
                if d.get(key).is_none() {
                    failures.push(format!("{name}: no `{key}` in {d}"));
                }
            }
            if d["severity"] != "error" {
                failures.push(format!("{name}: not an error: {d}"));
            }
            if let Some(l) = expect.line
                && d["line"].as_u64() != Some(l)
            {
                failures.push(format!("{name}: line {} instead of {l}: {d}", d["line"]));
            }
            if let Some(f) = &expect.field
                && d["field"].as_str() != Some(f.as_str())
            {
                failures.push(format!("{name}: field {} instead of {f}: {d}", d["field"]));
            }
            if let Some(s) = &expect.contains {
                let text = format!("{} {}", d["message"], d["hint"]);
                if !text.contains(s.as_str()) {
                    failures.push(format!("{name}: `{s}` not in {text}"));
                }
            }
        }
    }
    if build.code != 1 {
        failures.push(format!("{name}: build exited {}", build.code));
    }
    if !build.stderr.contains(file) || !build.stderr.contains(code) {
        failures.push(format!(
            "{name}: build output does not name {file} and {code}: {}",
            build.stderr
        ));
    }
    if site.path("output").exists() {
        failures.push(format!("{name}: a failed build wrote output/"));
    }
    failures
}

#[test]
fn every_corpus_case_gives_its_diagnostic() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<_> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 40, "the corpus holds {} cases", names.len());
    let mut failures = Vec::new();
    for name in names {
        let name = name.to_string_lossy().to_string();
        let dir = corpus.join(&name);
        let expect: Expect =
            serde_json::from_str(&fs::read_to_string(dir.join("expect.json")).unwrap())
                .unwrap_or_else(|e| panic!("{name}/expect.json: {e}"));
        let site = fixture("valid");
        for r in &expect.remove {
            site.remove(r);
        }
        if dir.join("files").is_dir() {
            overlay(&dir.join("files"), site.root());
        }
        failures.extend(verify(&name, &site, &expect));
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Inputs too big or too odd to keep as files: made when the test runs.
#[test]
fn generated_hostile_inputs_give_errors_not_crashes() {
    let error = |code: &str, file: &str| Expect {
        code: Some(code.into()),
        file: Some(file.into()),
        line: Some(1),
        ..Expect::default()
    };
    let mut failures = Vec::new();

    // A "billion laughs" alias bomb.
    let site = fixture("valid");
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in [
        ("a", "b"),
        ("b", "c"),
        ("c", "d"),
        ("d", "e"),
        ("e", "f"),
        ("f", "g"),
        ("g", "h"),
        ("h", "i"),
    ] {
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("name: *i\ncategory: fruit\nproducers: [ho-hoi]\n");
    site.write("content/products/bomb.yaml", &bomb);
    failures.extend(verify(
        "alias bomb",
        &site,
        &Expect {
            line: None,
            ..error("E006", "content/products/bomb.yaml")
        },
    ));

    // Nesting 10,000 deep.
    let site = fixture("valid");
    let deep = format!(
        "name: {}{}\ncategory: fruit\nproducers: [ho-hoi]\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    site.write("content/products/deep.yaml", &deep);
    failures.extend(verify(
        "nesting 10,000 deep",
        &site,
        &error("E002", "content/products/deep.yaml"),
    ));

    // Nesting 10,000 deep under an unknown field, so that the error's
    // position is looked up in the deep document.
    let site = fixture("valid");
    let deep = format!(
        "name: N\ncategory: fruit\nproducers: [ho-hoi]\ncolour: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    site.write("content/products/deep.yaml", &deep);
    failures.extend(verify(
        "nesting 10,000 deep, located",
        &site,
        &Expect {
            line: Some(4),
            ..error("E006", "content/products/deep.yaml")
        },
    ));

    // A 20 MB body.
    let site = fixture("valid");
    let mut big = String::from("---\nname: Big\ncategory: fruit\nproducers: [ho-hoi]\n---\n");
    let line = "Hoa hồi Lạng Sơn thơm ngon nổi tiếng khắp nơi, xuất khẩu sang nhiều nước.\n";
    while big.len() < 20 * 1024 * 1024 {
        big.push_str(line);
    }
    site.write("content/products/big.md", &big);
    failures.extend(verify(
        "20 MB body",
        &site,
        &Expect {
            line: None,
            ..error("E028", "content/products/big.md")
        },
    ));

    #[cfg(unix)]
    {
        // A symbolic link loop, and a link to a file outside the site.
        let site = fixture("valid");
        std::os::unix::fs::symlink("..", site.path("content/products/loop")).unwrap();
        failures.extend(verify(
            "symlink loop",
            &site,
            &Expect {
                line: None,
                ..error("E029", "content/products/loop")
            },
        ));

        let site = fixture("valid");
        std::os::unix::fs::symlink("/etc/passwd", site.path("content/products/passwd.yaml"))
            .unwrap();
        failures.extend(verify(
            "symlink to a file outside",
            &site,
            &Expect {
                line: None,
                ..error("E029", "content/products/passwd.yaml")
            },
        ));
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_file_size_limit_is_configurable() {
    let site = fixture("valid");
    let mut body = String::from("---\ntitle: { vi: Dài, en: Long }\n---\n");
    while body.len() < 2 * 1024 * 1024 {
        body.push_str("Một dòng văn bản dài.\n");
    }
    site.write("content/pages/long.md", &body);
    site.write("content/pages/long.en.md", "Long.\n");
    assert_eq!(site.run(&["check"]).code, 0);
    let run = site.run(&["check", "--max-file-mb", "1"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("E028") && run.stderr.contains("content/pages/long.md"),
        "{}",
        run.stderr
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
fn human_format_speaks_the_sites_language_unless_told() {
    let site = fixture("valid");
    site.write(
        "content/products/p.yaml",
        "name: P\ncategory: fruit\nproducers: [htx-dong-ban]\n",
    );
    // The site's default language is Vietnamese.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/products/p.yaml:3:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("lỗi[E010]: không tìm thấy chủ thể `htx-dong-ban`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("có phải ý bạn là `htx-dong-banh`?"),
        "{}",
        run.stderr
    );
    let run = site.run(&["check", "--lang", "en"]);
    assert!(
        run.stderr
            .contains("error[E010]: unknown producer `htx-dong-ban`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `htx-dong-banh`?"),
        "{}",
        run.stderr
    );
    // JSON messages follow the same choice.
    let run = site.run(&["check", "--format", "json", "--lang", "en"]);
    assert!(run.stdout.contains("unknown producer"), "{}", run.stdout);
}

#[test]
fn a_broken_record_does_not_cascade() {
    let site = fixture("valid");
    // The product breaks; the chain and translation that name it must not
    // add errors of their own.
    site.write("content/products/na-chi-lang.md", "---\nname: [oops\n---\n");
    let run = site.run(&["check", "--format", "json"]);
    let diags: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{}", run.stdout);
    assert_eq!(errors[0]["file"], "content/products/na-chi-lang.md");
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
