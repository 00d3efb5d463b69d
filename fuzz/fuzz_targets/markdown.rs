//! Markdown rendering never panics, and what it outputs holds no script
//! element, no event handler and no `javascript:` link, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nongsan::render::markdown::to_html;

/// Every tag of sanitised HTML as (name, [(attribute, value)]). Text `<` is
/// escaped in the output, so each `<` opens a tag; values are quoted.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        rest = &rest[name.len()..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let key: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '=' && *c != '>')
                .collect();
            if key.is_empty() {
                rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
                continue;
            }
            rest = &rest[key.len()..];
            let mut value = String::new();
            if let Some(r) = rest.strip_prefix("=\"") {
                let end = r.find('"').unwrap_or(r.len());
                value = r[..end].to_string();
                rest = &r[(end + 1).min(r.len())..];
            }
            attrs.push((key.to_ascii_lowercase(), value.to_ascii_lowercase()));
        }
        out.push((name.to_ascii_lowercase(), attrs));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = to_html(text, &|c, s| Some(format!("/{c}/{s}/")), &|m| {
        format!("/{m}")
    });
    for (name, attrs) in tags(&html) {
        assert!(
            !matches!(
                name.as_str(),
                "script" | "style" | "iframe" | "object" | "embed"
            ),
            "{html}"
        );
        for (k, v) in attrs {
            assert!(!k.starts_with("on"), "{html}");
            let v = v.trim_start();
            assert!(
                !(v.starts_with("javascript:") || v.starts_with("data:")),
                "{html}"
            );
        }
    }
});
