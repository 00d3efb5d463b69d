//! `nongsan build` on a valid fixture site: pages in both languages,
//! reproducible output, the previous output kept on failure, NFC text, and
//! task status as of a date.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_no_panic, fixture, snapshot};
use unicode_normalization::UnicodeNormalization;

#[test]
fn builds_every_record_in_both_languages() {
    let site = fixture("valid");
    let run = site.run(&["build"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.all());

    let pages = [
        (
            "output/index.html",
            "output/en/index.html",
            "Nông sản Thử nghiệm",
            "Test Farm Portal",
        ),
        (
            "output/san-pham/na-chi-lang/index.html",
            "output/en/products/na-chi-lang/index.html",
            "Na Chi Lăng",
            "Chi Lăng custard apple",
        ),
        (
            "output/san-pham/hoi-van-quan/index.html",
            "output/en/products/hoi-van-quan/index.html",
            "Hồi Văn Quan",
            "Văn Quan star anise",
        ),
        (
            "output/thuong-hieu/na-lang-son/index.html",
            "output/en/brands/na-lang-son/index.html",
            "Chỉ dẫn địa lý Na Lạng Sơn",
            "Lạng Sơn custard apple GI",
        ),
        (
            "output/chu-the/htx-dong-banh/index.html",
            "output/en/producers/htx-dong-banh/index.html",
            "Hợp tác xã Đồng Bành",
            "Đồng Bành Cooperative",
        ),
        (
            "output/chu-the/ho-hoi/index.html",
            "output/en/producers/ho-hoi/index.html",
            "Hộ kinh doanh Hồi Xanh",
            "Hồi Xanh household business",
        ),
        (
            "output/xa-phuong/chi-lang/index.html",
            "output/en/communes/chi-lang/index.html",
            "Chi Lăng",
            "Chi Lăng",
        ),
        (
            "output/xa-phuong/dong-kinh/index.html",
            "output/en/communes/dong-kinh/index.html",
            "Đông Kinh",
            "Đông Kinh",
        ),
        (
            "output/co-quan/so-nn/index.html",
            "output/en/agencies/so-nn/index.html",
            "Sở Nông nghiệp và Môi trường",
            "Department of Agriculture and Environment",
        ),
        (
            "output/chuoi-lien-ket/chuoi-na/index.html",
            "output/en/chains/chuoi-na/index.html",
            "Chuỗi liên kết na",
            "Custard apple chain",
        ),
        (
            "output/chi-dao/cv-2026/index.html",
            "output/en/directives/cv-2026/index.html",
            "Tiếp tục thực hiện Đề án",
            "Continuing the project",
        ),
        (
            "output/chi-tieu/ocop/index.html",
            "output/en/indicators/ocop/index.html",
            "Sản phẩm OCOP",
            "OCOP products",
        ),
        (
            "output/bao-cao/bc-716/index.html",
            "output/en/reports/bc-716/index.html",
            "Báo cáo kết quả",
            "Results report",
        ),
        (
            "output/gioi-thieu/index.html",
            "output/en/gioi-thieu/index.html",
            "Giới thiệu",
            "About",
        ),
    ];
    for (vi, en, vi_name, en_name) in pages {
        let v = site.read(vi);
        let e = site.read(en);
        assert!(v.contains(vi_name), "{vi} lacks {vi_name}");
        assert!(e.contains(en_name), "{en} lacks {en_name}");
        assert!(
            v.contains("<html lang=\"vi\""),
            "{vi} is not marked Vietnamese"
        );
        assert!(
            e.contains("<html lang=\"en\""),
            "{en} is not marked English"
        );
        assert!(
            v.contains("hreflang=\"en\""),
            "{vi} has no English alternate"
        );
    }
    for listing in [
        "san-pham",
        "thuong-hieu",
        "chu-the",
        "xa-phuong",
        "chuoi-lien-ket",
        "chi-dao",
        "co-quan",
        "chi-tieu",
        "bao-cao",
        "tien-do",
        "tim-kiem",
        "du-lieu",
    ] {
        assert!(
            site.path(&format!("output/{listing}/index.html")).is_file(),
            "no /{listing}/"
        );
    }
    for listing in [
        "products",
        "brands",
        "producers",
        "communes",
        "chains",
        "directives",
        "agencies",
        "indicators",
        "reports",
        "progress",
        "search",
        "open-data",
    ] {
        assert!(
            site.path(&format!("output/en/{listing}/index.html"))
                .is_file(),
            "no /en/{listing}/"
        );
    }
    assert!(site.path("output/404.html").is_file());
    // Bodies are rendered, and `@/` links point at the page in the same language.
    let en = site.read("output/en/products/na-chi-lang/index.html");
    assert!(en.contains("Sweet custard apples."));
    assert!(en.contains("href=\"/en/chains/chuoi-na/\""));
    let vi = site.read("output/san-pham/na-chi-lang/index.html");
    assert!(vi.contains("href=\"/chuoi-lien-ket/chuoi-na/\""));
}

#[test]
fn builds_are_byte_identical() {
    let site = fixture("valid");
    let a = site.root().join("a");
    let b = site.root().join("b");
    let r1 = site.run(&["build", "--output", a.to_str().unwrap()]);
    let r2 = site.run(&["build", "--output", b.to_str().unwrap()]);
    assert_eq!((r1.code, r2.code), (0, 0), "{}{}", r1.all(), r2.all());
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 40);
    assert_eq!(sa, sb);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = fixture("valid");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("output"));
    site.write(
        "content/products/broken.yaml",
        "name: Broken\ncategory: nope\nproducers: [nobody]\n",
    );
    let run = site.run(&["build"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 1);
    assert_eq!(snapshot(&site.path("output")), before);
    // No staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = fixture("valid");
    site.write("output/keep-me.txt", "precious");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.all().contains("not made by nongsan"), "{}", run.all());
    assert_eq!(site.read("output/keep-me.txt"), "precious");
}

#[test]
fn nfd_input_gives_nfc_output() {
    let site = fixture("valid");
    let raw = site.read("content/products/hoi-van-quan.md");
    assert!(
        !unicode_normalization::is_nfc(&raw),
        "the fixture must be NFD"
    );
    assert_eq!(site.run(&["build"]).code, 0);
    for page in [
        "output/san-pham/hoi-van-quan/index.html",
        "output/san-pham/index.html",
        "output/en/products/hoi-van-quan/index.html",
    ] {
        let html = site.read(page);
        assert!(unicode_normalization::is_nfc(&html), "{page} is not NFC");
    }
    let html = site.read("output/san-pham/hoi-van-quan/index.html");
    assert!(html.contains(&"Hồi Văn Quan".nfc().collect::<String>()));
    assert!(html.contains("Hoa hồi thơm."));
}

/// The `data-state` of the element with `id`, in `html`.
fn state_of(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    let tag = &html[start..end];
    let s = tag
        .find("data-state=\"")
        .unwrap_or_else(|| panic!("#{id} has no data-state: {tag}"))
        + "data-state=\"".len();
    tag[s..s + tag[s..].find('"').unwrap()].to_string()
}

#[test]
fn task_status_as_of_a_date() {
    let site = fixture("valid");
    let page = "output/en/directives/cv-2026/index.html";

    // Before the end of July: the month-only deadline 2026-07 is not passed.
    assert_eq!(site.run(&["build", "--as-of", "2026-07-31"]).code, 0);
    let html = site.read(page);
    assert_eq!(state_of(&html, "task-2"), "due-soon");
    assert_eq!(state_of(&html, "task-3"), "done");
    assert_eq!(state_of(&html, "task-1"), "not-started");

    // The day after the end of July it is overdue; a done task never is.
    assert_eq!(site.run(&["build", "--as-of", "2026-08-01"]).code, 0);
    let html = site.read(page);
    assert_eq!(state_of(&html, "task-2"), "overdue");
    assert_eq!(state_of(&html, "task-3"), "done");
    assert_eq!(state_of(&html, "task-1"), "not-started");

    // The dashboard lists it among the overdue tasks.
    let dash = site.read("output/en/progress/index.html");
    assert!(
        dash.contains("id=\"overdue\""),
        "the dashboard has no overdue section"
    );
    let overdue = &dash[dash.find("id=\"overdue\"").unwrap()..];
    assert!(overdue.contains("Draft the plan"));

    // Far earlier, it is neither due soon nor overdue, and its update of
    // 10 July has not happened yet.
    assert_eq!(site.run(&["build", "--as-of", "2026-06-01"]).code, 0);
    assert_eq!(state_of(&site.read(page), "task-2"), "not-started");
}

#[test]
fn as_of_comes_from_site_yaml_unless_overridden() {
    let site = fixture("valid");
    // site.yaml says 2026-11-28: task 2 (due end of July) is overdue.
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(
        state_of(
            &site.read("output/en/directives/cv-2026/index.html"),
            "task-2"
        ),
        "overdue"
    );
    assert!(
        site.read("output/en/index.html")
            .contains("28 November 2026")
    );
    assert!(site.read("output/index.html").contains("28/11/2026"));
}

#[test]
fn base_url_with_a_sub_path() {
    let site = fixture("valid");
    let run = site.run(&["build", "--base-url", "https://example.org/nongsan/"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let html = site.read("output/en/products/na-chi-lang/index.html");
    assert!(html.contains("href=\"/nongsan/en/chains/chuoi-na/\""));
    assert!(html.contains("https://example.org/nongsan/en/products/na-chi-lang/"));
}
