//! The output is never lost, and hostile content never becomes active on a
//! page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_no_panic, fixture, snapshot};
use scraper::{Html, Selector};
use std::fs;
use std::path::Path;

#[test]
fn a_build_killed_mid_write_leaves_the_previous_output() {
    let site = fixture("valid");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("output"));

    site.write(
        "content/products/na-chi-lang.md",
        site.read("content/products/na-chi-lang.md")
            .replace("Na Chi Lăng", "Na Chi Lăng mới"),
    );
    // The build dies (SIGABRT) after writing five files.
    let killed = site.run_env(&["build"], &[("NONGSAN_FAULT_ABORT_AFTER_WRITES", "5")]);
    assert_ne!(
        killed.code,
        0,
        "the build was meant to die: {}",
        killed.all()
    );
    assert_eq!(
        snapshot(&site.path("output")),
        before,
        "the previous output changed"
    );

    // The next build cleans up after the dead one and succeeds.
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        site.read("output/san-pham/na-chi-lang/index.html")
            .contains("Na Chi Lăng mới")
    );
    let leftovers: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".output.") && !n.ends_with(".lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_output_carries_security_headers() {
    let site = fixture("valid");
    assert_eq!(site.run(&["build"]).code, 0);
    let h = site.read("output/_headers");
    assert!(h.contains("Content-Security-Policy: default-src 'self'"));
    assert!(h.contains("X-Content-Type-Options: nosniff"));
    assert!(h.contains("Referrer-Policy:"));
    // Hosts that ignore `_headers` still get the policy, from the page itself.
    let doc = Html::parse_document(&site.read("output/index.html"));
    let meta = Selector::parse("meta[http-equiv=Content-Security-Policy]").unwrap();
    let csp = doc
        .select(&meta)
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap_or_default();
    assert!(csp.starts_with("default-src 'self';"), "{csp}");
}

const PAYLOAD: &str = r#"<script>alert(1)</script><img src=x onerror=alert(1)> javascript:alert(1) {{ 7*7 }} {% if true %}yes{% endif %}"#;

/// A YAML double-quoted string holding the payload.
fn q(extra: &str) -> String {
    format!(
        "\"{}{}\"",
        PAYLOAD.replace('\\', "\\\\").replace('"', "\\\""),
        extra
    )
}

const BODY: &str = r#"Text {{ 7*7 }} and {% raw %} here.

<script>alert(1)</script>
<style>body { display: none }</style>
<iframe src="https://evil.example/"></iframe>
<object data="x.swf"></object>
<img src="x" onerror="alert(1)">
<a href="javascript:alert(1)" onclick="alert(1)">click</a>
<a href="data:text/html,<script>alert(1)</script>">data</a>
<svg onload="alert(1)"><script>alert(1)</script></svg>
<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>

[link](javascript:alert(1)) ![img](javascript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=)
"#;

fn hostile_site() -> common::Site {
    let site = fixture("valid");
    let p = q("");
    site.write(
        "content/products/hostile.md",
        format!(
            "---\nname: {{ vi: {p}, en: {p} }}\ncategory: fruit\nproducers: [ho-hoi]\nhistoric_area: {p}\ntags: [{p}]\n\
             certifications:\n  - {{ kind: other, name: {p}, number: {p}, issuer: {p} }}\n\
             price: {{ min: 1, max: 2, unit: {p} }}\nbuy:\n  - {{ name: {p}, phone: {p}, address: {p} }}\n\
             traceability: {{ code: {p} }}\nimages: []\n---\n{BODY}"
        ),
    );
    site.write("content/products/hostile.en.md", BODY);
    site.write(
        "content/producers/hostile.yaml",
        format!(
            "name: {p}\nkind: cooperative\ncommune: chi-lang\naddress: {p}\nregistration_no: {p}\n\
             representative: {{ name: {p}, title: {p} }}\ncontact: {{ phone: {p}, email: {p} }}\n"
        ),
    );
    site.write(
        "content/reports/hostile.md",
        format!("---\ntitle: {p}\ndate: 2026-01-01\nnumber: {p}\nsummary: {p}\n---\n{BODY}"),
    );
    site.write("content/reports/hostile.en.md", BODY);
    site.write(
        "content/directives/hostile.yaml",
        format!(
            "number: {p}\nkind: cong_van\ntitle: {p}\nissuer: so-nn\nsigned: 2026-01\nsigner: {p}\n\
             tasks:\n  - id: {p}\n    title: {p}\n    lead: so-nn\n    updates:\n      - {{ date: 2026-02-01, status: in_progress, note: {p} }}\n"
        ),
    );
    site.write(
        "content/chains/hostile.yaml",
        format!(
            "name: {p}\nproducts: [hostile]\nlead: hostile\nstatus: active\ncontract: {p}\n\
             participants:\n  - {{ name: {p}, role: retail }}\nsupport:\n  - {{ policy: {p}, year: 2024 }}\n"
        ),
    );
    site.write(
        "content/communes/hostile.yaml",
        format!("name: {p}\nkind: xa\ncode: \"99999\"\nformer_units:\n  - {{ name: {p}, kind: xa, district: {p} }}\n"),
    );
    site.write(
        "content/indicators/hostile.yaml",
        format!("name: {p}\nunit: {p}\nbaseline: {{ year: 2020, value: 1 }}\nactuals:\n  - {{ year: 2021, value: 2, source: {p} }}\ntargets:\n  - {{ year: 2022, value: 3 }}\n"),
    );
    site.write(
        "content/pages/hostile.md",
        format!("---\ntitle: {p}\n---\n{BODY}"),
    );
    site.write("content/pages/hostile.en.md", BODY);
    site
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

#[test]
fn hostile_content_is_never_active() {
    let site = hostile_site();
    let run = site.run(&["build"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.all());

    let mut files = Vec::new();
    html_files(&site.path("output"), &mut files);
    let all = Selector::parse("*").unwrap();
    let dangerous = Selector::parse(
        "script, style, iframe, object, embed, frame, base, meta[http-equiv=refresh]",
    )
    .unwrap();
    let mut problems = Vec::new();
    let mut literal_seen = 0;
    for f in &files {
        let html = fs::read_to_string(f).unwrap();
        let doc = Html::parse_document(&html);
        let name = f
            .strip_prefix(site.path("output"))
            .unwrap()
            .display()
            .to_string();
        for el in doc.select(&dangerous) {
            let tag = el.value().name();
            // The theme may load its own scripts and styles by URL, never inline.
            let external = (tag == "script"
                && el.value().attr("src").is_some()
                && el.inner_html().trim().is_empty())
                || tag == "meta";
            // JSON-LD is data, never run: it must parse as JSON and hold no
            // `<` that could close the element.
            let text: String = el.text().collect();
            let json_ld = tag == "script"
                && el.value().attr("type") == Some("application/ld+json")
                && !text.contains('<')
                && serde_json::from_str::<serde_json::Value>(&text).is_ok();
            if !external && !json_ld {
                problems.push(format!("{name}: <{tag}> element"));
            }
        }
        for el in doc.select(&all) {
            for (attr, value) in el.value().attrs() {
                let a = attr.to_ascii_lowercase();
                let v = value.trim().to_ascii_lowercase();
                if a.starts_with("on") {
                    problems.push(format!("{name}: event handler {attr}=\"{value}\""));
                }
                let is_url = matches!(
                    a.as_str(),
                    "href" | "src" | "action" | "formaction" | "data" | "xlink:href" | "poster"
                );
                if is_url
                    && (v.starts_with("javascript:")
                        || v.starts_with("data:")
                        || v.starts_with("vbscript:"))
                {
                    problems.push(format!("{name}: {attr}=\"{value}\""));
                }
            }
        }
        if name.contains("hostile") {
            let text: String = doc.root_element().text().collect();
            if text.contains("{{ 7*7 }}") {
                literal_seen += 1;
            }
            if text.contains("49") {
                problems.push(format!(
                    "{name}: `49` in the text: a template was evaluated"
                ));
            }
            if text.contains("yes{% endif") || !text.contains("{% if true %}") {
                // The tag must stay as written.
                if !text.contains("{% if true %}yes{% endif %}") {
                    problems.push(format!("{name}: `{{% if %}}` was not printed literally"));
                }
            }
        }
    }
    assert!(
        literal_seen >= 10,
        "the payload was printed on only {literal_seen} pages"
    );
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
