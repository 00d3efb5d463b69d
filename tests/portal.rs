//! What the portal computes, seen in the built pages: overdue tasks on the
//! dashboard, indicator charts that draw the numbers of their tables,
//! expired OCOP ratings and certifications flagged, and every page linked to
//! its translation with `hreflang` alternates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Site, assert_no_panic, fixture};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn build(site: &Site, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.all());
}

/// The element that starts at `id="…"` up to the end of its section, a
/// rough but sufficient cut of one part of a page.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section #{id}"));
    let rest = &html[start + 1..];
    let end = rest
        .find("<section id=")
        .map_or(html.len(), |e| start + 1 + e);
    &html[start..end]
}

/// Every text of elements with `class`, in order: `<x class="cls" …>text<`.
fn texts_of_class(html: &str, tag: &str, class: &str) -> Vec<String> {
    let mut out = Vec::new();
    let open = format!("<{tag} class=\"{class}\"");
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        let gt = rest.find('>').unwrap();
        let lt = rest[gt..].find('<').unwrap();
        out.push(rest[gt + 1..gt + lt].to_string());
    }
    out
}

#[test]
fn an_overdue_task_appears_as_overdue_on_the_dashboard() {
    let site = fixture("valid");
    // Task 2 of cv-2026 is due at the end of July 2026, in progress.
    build(&site, &["--as-of", "2026-11-28"]);
    for (page, title) in [
        ("output/tien-do/index.html", "Xây dựng kế hoạch"),
        ("output/en/progress/index.html", "Draft the plan"),
    ] {
        let html = site.read(page);
        let overdue = section(&html, "overdue");
        assert!(overdue.contains(title), "{page}: not in the overdue list");
        assert!(overdue.contains("data-state=\"overdue\""), "{page}");
        // It is counted, and it is also listed under its lead agency, still
        // marked overdue.
        let counts = section(&html, "counts");
        let at = counts.find("count-overdue").unwrap();
        assert!(
            counts[at..].contains("<span class=\"count-value\">1</span>"),
            "{page}: overdue count"
        );
        let by_agency = section(&html, "by-agency");
        let at = by_agency.find(title).unwrap();
        let before = &by_agency[..at];
        let tag = &before[before.rfind("<article").unwrap()..];
        assert!(tag.contains("data-state=\"overdue\""), "{page}: {tag}");
        // Its progress bar is an accessible picture in the overdue colour.
        assert!(overdue.contains("class=\"bar-fill bar-overdue\""), "{page}");
    }

    // Before its deadline it is not overdue, and the list says so.
    build(&site, &["--as-of", "2026-06-01"]);
    let html = site.read("output/en/progress/index.html");
    let overdue = section(&html, "overdue");
    assert!(!overdue.contains("data-state=\"overdue\""));
    assert!(!overdue.contains("Draft the plan"));
}

/// The numbers an indicator's chart writes on its bars, and the numbers of
/// its table, as sets of the strings shown.
fn chart_and_table(html: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let chart_at = html.find("class=\"chart-svg\"").expect("a chart");
    let chart = &html[chart_at..chart_at + html[chart_at..].find("</svg>").unwrap()];
    let table_at = html
        .find("class=\"data indicator-table\"")
        .expect("a table");
    let table = &html[table_at..table_at + html[table_at..].find("</table>").unwrap()];
    let drawn: BTreeSet<String> = texts_of_class(chart, "text", "bar-value")
        .into_iter()
        .collect();
    let listed: BTreeSet<String> = texts_of_class(table, "td", "num")
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    (drawn, listed)
}

#[test]
fn an_indicator_chart_draws_the_numbers_of_its_table() {
    let site = fixture("valid");
    // An indicator with thousands, decimals and a year with two values.
    site.write(
        "content/indicators/dien-tich.yaml",
        "name: { vi: Diện tích, en: Area }\nunit: ha\nbaseline: { year: 2020, value: 1250.5 }\n\
         actuals:\n  - { year: 2022, value: 4000, source: a }\n  - { year: 2025, value: 112.18, source: b }\n\
         targets:\n  - { year: 2025, value: 5000 }\n  - { year: 2030, value: 12000 }\n",
    );
    build(&site, &[]);
    for (page, expect) in [
        (
            "output/chi-tieu/dien-tich/index.html",
            ["1.250,5", "4.000", "112,18", "5.000", "12.000"],
        ),
        (
            "output/en/indicators/dien-tich/index.html",
            ["1,250.5", "4,000", "112.18", "5,000", "12,000"],
        ),
    ] {
        let html = site.read(page);
        let (drawn, listed) = chart_and_table(&html);
        assert_eq!(drawn, listed, "{page}");
        let expect: BTreeSet<String> = expect.iter().map(|s| s.to_string()).collect();
        assert_eq!(drawn, expect, "{page}");
        // The chart is an accessible picture that names its numbers.
        assert!(html.contains("role=\"img\" aria-labelledby=\"chart-dien-tich-t\""));
    }
    // The same holds for each chart on the dashboard.
    let html = site.read("output/en/progress/index.html");
    let cards: Vec<&str> = html.split("class=\"chart-card\"").skip(1).collect();
    assert_eq!(cards.len(), 2, "one chart per indicator");
    for card in cards {
        let (drawn, listed) = chart_and_table(card);
        assert!(!drawn.is_empty());
        assert_eq!(drawn, listed);
    }
}

#[test]
fn an_expired_ocop_rating_or_certification_is_flagged_on_its_product_page() {
    let site = fixture("valid");
    // The custard apple's OCOP rating dates from 1 December 2022 (valid 36
    // months) and its VietGAP certificate expires on 31 December 2025; a
    // second product holds a rating and a certificate still valid.
    site.write(
        "content/products/hoi-moi.yaml",
        "name: { vi: Hồi mới, en: New anise }\ncategory: spices\nproducers: [ho-hoi]\n\
         ocop: { stars: 3, group: food, decision: 9/QĐ-UBND, date: 2025-06-01 }\n\
         certifications:\n  - { kind: organic, expires: 2027-06-30 }\n",
    );
    build(&site, &["--as-of", "2026-11-28"]);
    for page in [
        "output/san-pham/na-chi-lang/index.html",
        "output/en/products/na-chi-lang/index.html",
    ] {
        let html = site.read(page);
        let ocop = &html[html.find("id=\"ocop-h\"").unwrap()..];
        let ocop = &ocop[..ocop.find("</section>").unwrap()];
        assert!(ocop.contains("class=\"badge expired\""), "{page}: OCOP");
        assert!(
            ocop.contains("class=\"notice is-bad\""),
            "{page}: OCOP notice"
        );
        // Flagged at the top of the page too, beside the stars.
        let head = &html[..html.find("class=\"product-top\"").unwrap()];
        assert!(head.contains("class=\"badge expired\""), "{page}: header");
        assert!(
            html.contains("class=\"cert is-expired\""),
            "{page}: VietGAP"
        );
    }
    for page in [
        "output/san-pham/hoi-moi/index.html",
        "output/en/products/hoi-moi/index.html",
    ] {
        let html = site.read(page);
        assert!(!html.contains("class=\"badge expired\""), "{page}");
        assert!(!html.contains("is-expired"), "{page}");
        assert!(html.contains("class=\"cert\""), "{page}");
    }

    // Before the custard apple's rating ran out, nothing is flagged.
    build(&site, &["--as-of", "2025-01-15"]);
    let html = site.read("output/en/products/na-chi-lang/index.html");
    assert!(!html.contains("class=\"badge expired\""));
    assert!(!html.contains("is-expired"));
}

/// Every `.html` file under `dir`, relative to it.
fn pages(dir: &Path, base: &Path, out: &mut Vec<String>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            pages(&p, base, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(
                p.strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

/// The value of attribute `name` in the tag `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Every tag `<name …>` of `html`.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').unwrap();
        out.push(&rest[i..i + end]);
        rest = &rest[i + end..];
    }
    out
}

/// The file a site URL is written to.
fn file_of(url: &str, base: &str) -> String {
    let path = url
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{url} is not under {base}"));
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[test]
fn every_page_links_to_its_translation_and_declares_hreflang_alternates() {
    let site = fixture("valid");
    build(&site, &[]);
    let out = site.path("output");
    let mut all = Vec::new();
    pages(&out, &out, &mut all);
    assert!(all.len() > 40, "{} pages", all.len());
    for page in &all {
        let html = site.read(&format!("output/{page}"));
        let lang = attr(tags(&html, "html")[0], "lang").unwrap();
        let own_url = attr(
            tags(&html, "link")
                .into_iter()
                .find(|t| attr(t, "rel") == Some("canonical"))
                .unwrap(),
            "href",
        )
        .unwrap()
        .to_string();
        assert_eq!(file_of(&own_url, "https://test.example.org/"), *page);
        // One alternate per language, the page itself among them, and a
        // default.
        let alternates: Vec<(String, String)> = tags(&html, "link")
            .into_iter()
            .filter(|t| attr(t, "rel") == Some("alternate"))
            .filter_map(|t| {
                Some((
                    attr(t, "hreflang")?.to_string(),
                    attr(t, "href")?.to_string(),
                ))
            })
            .collect();
        let langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["vi", "en", "x-default"], "{page}");
        let own = alternates.iter().find(|(l, _)| l == lang).unwrap();
        assert_eq!(own.1, own_url, "{page}: its own alternate");
        // The other language: the switcher links to it, the file exists, and
        // it points back.
        let (other_lang, other_url) = alternates
            .iter()
            .find(|(l, _)| l != lang && l != "x-default")
            .unwrap();
        let other = file_of(other_url, "https://test.example.org/");
        let switch = tags(&html, "a")
            .into_iter()
            .find(|t| attr(t, "hreflang") == Some(other_lang.as_str()))
            .unwrap_or_else(|| panic!("{page}: no link to its {other_lang} translation"));
        assert_eq!(
            attr(switch, "href").unwrap(),
            format!("/{}", other.trim_end_matches("index.html")),
            "{page}"
        );
        let back = site.read(&format!("output/{other}"));
        assert!(
            back.contains(&format!("hreflang=\"{lang}\" href=\"{own_url}\"")),
            "{other} does not point back to {page}"
        );
    }
}

#[test]
fn a_records_products_are_listed_in_vietnamese_order_with_equal_names_in_file_order() {
    let site = fixture("valid");
    for (slug, name) in [
        ("z-na", "Na dai"),
        ("a-na", "Na dai"),
        ("dao", "Đào"),
        ("dua", "Dưa"),
    ] {
        site.write(
            &format!("content/products/{slug}.md"),
            format!(
                "---\nname: {{ vi: {name} }}\ncategory: fruit\nbrand: na-lang-son\n\
                 producers: [htx-dong-banh]\ncommunes: [chi-lang]\n---\nX.\n"
            ),
        );
    }
    build(&site, &["--as-of", "2026-11-28"]);
    // d before đ, then by the next letters; the two "Na dai" as their
    // files come.
    let expected = ["dua", "dao", "na-chi-lang", "a-na", "z-na"];
    for page in [
        "output/thuong-hieu/na-lang-son/index.html",
        "output/chu-the/htx-dong-banh/index.html",
        "output/xa-phuong/chi-lang/index.html",
    ] {
        let html = site.read(page);
        let mut shown: Vec<&str> = Vec::new();
        let mut rest = html.as_str();
        while let Some(i) = rest.find("href=\"/san-pham/") {
            rest = &rest[i + "href=\"/san-pham/".len()..];
            let slug = &rest[..rest.find('"').unwrap()];
            if let Some(s) = slug.strip_suffix('/')
                && !s.is_empty()
                && !s.contains('/')
                && !shown.contains(&s)
            {
                shown.push(s);
            }
        }
        assert_eq!(shown, expected, "{page}");
    }
}

#[test]
fn a_feed_holds_the_fifty_newest_reports() {
    let site = fixture("valid");
    // 60 more reports, one a day through March and April 2026.
    for n in 0..60u32 {
        let (month, day) = if n < 31 { (3, n + 1) } else { (4, n - 30) };
        site.write(
            &format!("content/reports/r-{n:02}.md"),
            format!(
                "---\ntitle: {{ vi: Báo cáo {n}, en: Report {n} }}\n\
                 date: 2026-{month:02}-{day:02}\nagency: so-nn\n---\nNội dung {n}.\n"
            ),
        );
    }
    build(&site, &["--as-of", "2026-11-28"]);
    for file in ["output/feed.xml", "output/en/feed.xml"] {
        let feed = feed_rs::parser::parse(site.read(file).as_bytes()).unwrap();
        assert_eq!(feed.entries.len(), 50, "{file}");
        let dates: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{file}: newest first"
        );
        let urls: Vec<&str> = feed
            .entries
            .iter()
            .map(|e| e.links[0].href.as_str())
            .collect();
        // The fixture's June report is the newest; the oldest March days
        // are left out.
        assert!(urls[0].ends_with("/bc-716/"), "{file}: {}", urls[0]);
        assert!(urls.iter().any(|u| u.ends_with("/r-59/")));
        for old in ["/r-00/", "/r-09/"] {
            assert!(!urls.iter().any(|u| u.ends_with(old)), "{file} has {old}");
        }
    }
    // The reports page still lists every one, newest first.
    let list = site.read("output/bao-cao/index.html");
    assert!(list.contains("/bao-cao/r-00/"));
    let at = |slug: &str| {
        list.find(&format!("href=\"/bao-cao/{slug}/\""))
            .unwrap_or_else(|| panic!("{slug} not listed"))
    };
    let order: Vec<usize> = ["bc-716", "r-59", "r-45", "r-31", "r-30", "r-10", "r-00"]
        .iter()
        .map(|s| at(s))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn reports_of_the_same_day_are_listed_by_their_file_name() {
    let site = fixture("valid");
    for slug in ["tin-c", "tin-a", "tin-b"] {
        site.write(
            &format!("content/reports/{slug}.md"),
            format!(
                "---\ntitle: {{ vi: Tin {slug}, en: News {slug} }}\n\
                 date: 2026-05-05\nagency: so-nn\n---\nNội dung.\n"
            ),
        );
    }
    build(&site, &["--as-of", "2026-11-28"]);
    for (file, dir) in [
        ("output/bao-cao/index.html", "/bao-cao/"),
        ("output/en/reports/index.html", "/en/reports/"),
    ] {
        let list = site.read(file);
        let at: Vec<usize> = ["tin-a", "tin-b", "tin-c"]
            .iter()
            .map(|s| list.find(&format!("href=\"{dir}{s}/\"")).expect(s))
            .collect();
        assert!(at[0] < at[1] && at[1] < at[2], "{file}: {at:?}");
    }
}
