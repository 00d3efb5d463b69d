//! Pictures: every `<img>` of the sample portal sized, described and
//! responsive; renditions cached across builds and byte-identical; EXIF
//! (with GPS) stripped and orientation applied.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Site, assert_no_panic, fixture, snapshot};
use scraper::{Html, Selector};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

fn is_raster(url: &str) -> bool {
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| url.to_ascii_lowercase().ends_with(e))
}

/// The files a `srcset` names.
fn srcset_urls(srcset: &str) -> Vec<&str> {
    srcset
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .collect()
}

#[test]
fn every_img_of_the_sample_is_sized_described_and_responsive() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("output");
    let out = Command::new(env!("CARGO_BIN_EXE_nongsan"))
        .args(["build", "--root"])
        .arg(root)
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
    let img = Selector::parse("img").unwrap();
    let source = Selector::parse("picture > source").unwrap();
    let main_img = Selector::parse("main img").unwrap();
    let exists = |url: &str| {
        let rel = url.strip_prefix('/').unwrap_or(url);
        out_dir.join(rel).is_file()
    };
    let mut pages = Vec::new();
    html_files(&out_dir, &mut pages);
    let (mut checked, mut raster, mut photo_pages) = (0, 0, 0);
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        let doc = Html::parse_document(&html);
        let shown = page.strip_prefix(&out_dir).unwrap().display().to_string();
        for el in doc.select(&img) {
            let a = |n: &str| el.value().attr(n);
            let src = a("src").unwrap_or_else(|| panic!("{shown}: <img> without src"));
            assert!(a("alt").is_some(), "{shown}: {src} has no alt");
            for dim in ["width", "height"] {
                let v: u32 = a(dim)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| panic!("{shown}: {src} has no numeric {dim}"));
                assert!(v > 0);
            }
            assert!(exists(src), "{shown}: {src} is not in the output");
            if is_raster(src) {
                raster += 1;
                let set = a("srcset").unwrap_or_else(|| panic!("{shown}: {src} has no srcset"));
                assert!(a("sizes").is_some(), "{shown}: {src} has no sizes");
                for u in srcset_urls(set) {
                    assert!(exists(u), "{shown}: {u} of the srcset is not in the output");
                }
            }
            checked += 1;
        }
        for el in doc.select(&source) {
            let set = el.value().attr("srcset").unwrap();
            assert_eq!(el.value().attr("type"), Some("image/webp"));
            for u in srcset_urls(set) {
                assert!(exists(u), "{shown}: {u} is not in the output");
            }
        }
        // A product photo: the first picture is fetched first, the others
        // lazily.
        // (a product's own page, not the filtered listing `san-pham/dang-mua/`).
        if shown.starts_with("san-pham/")
            && shown.matches('/').count() == 2
            && html.contains("<article class=\"record product\">")
        {
            let imgs: Vec<_> = doc.select(&main_img).collect();
            if let Some(first) = imgs
                .first()
                .filter(|i| is_raster(i.value().attr("src").unwrap()))
            {
                photo_pages += 1;
                assert_eq!(first.value().attr("fetchpriority"), Some("high"), "{shown}");
                assert_eq!(first.value().attr("loading"), None, "{shown}");
                for i in &imgs[1..] {
                    assert_eq!(i.value().attr("loading"), Some("lazy"), "{shown}");
                    assert_eq!(i.value().attr("decoding"), Some("async"), "{shown}");
                }
            }
        }
    }
    assert!(
        checked > 300 && raster > 20,
        "{checked} images, {raster} raster"
    );
    assert!(photo_pages >= 4, "{photo_pages} product pages with a photo");
    // The phone photos themselves are not published at full size.
    let (w, _) = image::image_dimensions(out_dir.join("media/hoa-hoi-phoi.jpg")).unwrap();
    assert!(w <= 1600, "media/hoa-hoi-phoi.jpg is {w} px wide");
}

/// A JPEG of `w` × `h` pixels, a gradient shifted by `seed`.
fn jpeg(w: u32, h: u32, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            (x * 255 / w) as u8 ^ seed,
            (y * 255 / h) as u8,
            ((x + y) % 256) as u8,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// The valid fixture with a product showing two pictures.
fn photo_site() -> Site {
    let site = fixture("valid");
    site.write("content/media/na.jpg", jpeg(1200, 900, 0));
    site.write("content/media/la.jpg", jpeg(700, 500, 0));
    site.write(
        "content/products/anh.yaml",
        "name: { vi: Ảnh, en: Photos }\ncategory: fruit\nproducers: [htx-dong-banh]\nimages:\n  - { src: media/na.jpg, alt: na }\n  - { src: media/la.jpg, alt: lá }\n",
    );
    site
}

/// (processed, from cache) from the build's summary line.
fn counts(run: &common::Run) -> (usize, usize) {
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("(images: "))
        .unwrap_or_else(|| panic!("no image counts in:\n{}", run.all()));
    let rest = line.split("(images: ").nth(1).unwrap();
    let processed = rest.split(' ').next().unwrap().parse().unwrap();
    let cached = rest
        .split(", ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    (processed, cached)
}

#[test]
fn a_second_build_with_unchanged_pictures_encodes_none() {
    let site = photo_site();
    let build = |out: &str| {
        let run = site.run(&["build", "--lang", "en", "--output", out]);
        assert_no_panic(&run);
        assert_eq!(run.code, 0, "{}", run.all());
        run
    };
    let a = site.path("a");
    let b = site.path("b");
    assert_eq!(counts(&build(a.to_str().unwrap())), (2, 0));
    assert!(site.path(".nongsan-cache/images").is_dir());
    assert_eq!(counts(&build(b.to_str().unwrap())), (0, 2));
    // From the cache or not, the output is the same, byte for byte.
    assert_eq!(snapshot(&a), snapshot(&b));
    fs::remove_dir_all(site.path(".nongsan-cache")).unwrap();
    let c = site.path("c");
    assert_eq!(counts(&build(c.to_str().unwrap())), (2, 0));
    assert_eq!(snapshot(&a), snapshot(&c), "encoding is not deterministic");
    // One picture changed: it alone is encoded again, under a new name.
    site.write("content/media/la.jpg", jpeg(700, 500, 0x55));
    assert_eq!(counts(&build(a.to_str().unwrap())), (1, 1));
    let page = site.read("a/san-pham/anh/index.html");
    let old = snapshot(&b);
    let old_name = old
        .iter()
        .map(|(n, _)| n)
        .find(|n| n.starts_with("media/la-480."))
        .unwrap();
    assert!(!page.contains(old_name.as_str()), "{old_name} still shown");
    assert!(page.contains("media/la-480."));
    // The cache lives outside the output, and content/ is not walked into
    // it: nothing of it is published.
    assert!(
        !snapshot(&a)
            .iter()
            .any(|(n, _)| n.contains("nongsan-cache") || n.contains("manifest.json"))
    );
}

/// `tests/fixtures/images/gps-orientation-6.jpg` was made once with
/// Pillow: 40 × 20 pixels stored, blue with the stored top-left 10 × 10
/// corner red, EXIF orientation 6 (shown turned 90° clockwise, so 20 × 40
/// upright, red at the top right), camera make `SecretPhoneMaker` and a GPS
/// position (21° 50′ N, 106° 45′ E). See tests/fixtures/images/README.md.
#[test]
fn exif_and_gps_are_stripped_and_photos_stand_upright() {
    let site = fixture("valid");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    let original = fs::read(fixture.join("gps-orientation-6.jpg")).unwrap();
    // The fixture does hold what must be removed.
    let has = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    assert!(has(&original, b"Exif\0\0") && has(&original, b"SecretPhoneMaker"));
    site.write("content/media/gps.jpg", &original);
    site.write(
        "content/products/anh.yaml",
        "name: { vi: Ảnh, en: Photo }\ncategory: fruit\nproducers: [htx-dong-banh]\nimages:\n  - { src: media/gps.jpg, alt: ảnh }\n",
    );
    let run = site.run(&["build"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.all());
    let published: Vec<(String, Vec<u8>)> = snapshot(&site.path("output/media"))
        .into_iter()
        .filter(|(n, _)| n.starts_with("gps"))
        .collect();
    let names: Vec<&str> = published.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"gps.jpg"), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".jpg") && *n != "gps.jpg"));
    for (name, bytes) in &published {
        assert!(!has(bytes, b"Exif"), "{name} has an EXIF block");
        assert!(
            !has(bytes, b"SecretPhoneMaker"),
            "{name} has the camera make"
        );
        assert!(!has(bytes, b"GPS"), "{name} mentions GPS");
        let img = image::load_from_memory(bytes).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (20, 40), "{name} is not upright");
        let red = |p: &image::Rgb<u8>| p.0[0] > 180 && p.0[2] < 90;
        let blue = |p: &image::Rgb<u8>| p.0[2] > 180 && p.0[0] < 90;
        assert!(red(img.get_pixel(15, 4)), "{name}: top right is not red");
        assert!(blue(img.get_pixel(4, 4)), "{name}: top left is not blue");
        assert!(
            blue(img.get_pixel(15, 35)),
            "{name}: bottom right is not blue"
        );
    }
    let page = site.read("output/san-pham/anh/index.html");
    assert!(page.contains("width=\"20\" height=\"40\""), "{page}");
}

#[test]
fn check_reports_a_picture_cut_short_and_build_leaves_the_output() {
    let site = photo_site();
    let first = site.run(&["build"]);
    assert_eq!(first.code, 0, "{}", first.all());
    let before = snapshot(&site.path("output"));
    let cut =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/truncated.jpg"))
            .unwrap();
    site.write("content/media/la.jpg", cut);
    for cmd in ["check", "build"] {
        let run = site.run(&[cmd, "--format", "json"]);
        assert_no_panic(&run);
        assert_eq!(run.code, 1, "{cmd}: {}", run.all());
        let diags: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        let d = diags
            .iter()
            .find(|d| d["code"] == "E036")
            .unwrap_or_else(|| panic!("{cmd}: no E036 in {diags:#?}"));
        assert_eq!(d["file"], "content/products/anh.yaml");
        assert_eq!(d["line"], 6);
        assert_eq!(d["field"], "images[1].src");
    }
    assert_eq!(before, snapshot(&site.path("output")));
}
