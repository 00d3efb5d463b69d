//! Generates a deterministic synthetic site in nongsan's content format, for
//! benchmarks: every collection, Vietnamese bodies of about 650 words with
//! English translations, references between records. With `--hugo DIR` it
//! also writes the same Markdown bodies as a Hugo site (one page per
//! record, one listing, a home page with the 20 newest), and with
//! `--languages vi` the nongsan site has one language, so that both build
//! the same number of pages.
//!
//! cargo run --release --example gen-site -- --records 10000 --out /dev/shm/site [--hugo /dev/shm/hugo] [--languages vi]

// A benchmark tool: an I/O error here ends the run with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A small deterministic generator (SplitMix64): the same seed always
/// gives the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VI_WORDS: &[&str] = &[
    "hồi",
    "quế",
    "na",
    "quýt",
    "hồng",
    "thạch",
    "đen",
    "mật",
    "ong",
    "chè",
    "rau",
    "nông",
    "sản",
    "hợp",
    "tác",
    "xã",
    "chuỗi",
    "liên",
    "kết",
    "thương",
    "hiệu",
    "chỉ",
    "dẫn",
    "địa",
    "lý",
    "sản",
    "xuất",
    "tiêu",
    "thụ",
    "vùng",
    "trồng",
    "thu",
    "hoạch",
    "chế",
    "biến",
    "đóng",
    "gói",
    "chất",
    "lượng",
    "an",
    "toàn",
    "thực",
    "phẩm",
    "người",
    "dân",
    "nông",
    "dân",
    "doanh",
    "nghiệp",
    "thị",
    "trường",
    "xuất",
    "khẩu",
    "giá",
    "trị",
    "năm",
    "tháng",
    "mùa",
    "vụ",
    "đồi",
    "núi",
    "đá",
    "vôi",
    "khí",
    "hậu",
    "mát",
    "mẻ",
    "thơm",
    "ngọt",
    "đặc",
    "sản",
    "Lạng",
    "Sơn",
    "tỉnh",
    "huyện",
    "cũ",
    "mới",
    "hỗ",
    "trợ",
    "kỹ",
    "thuật",
    "canh",
    "tác",
    "hữu",
    "cơ",
    "VietGAP",
    "OCOP",
    "sao",
    "tiêu",
    "chuẩn",
    "bền",
    "vững",
];

const EN_WORDS: &[&str] = &[
    "star",
    "anise",
    "cinnamon",
    "custard",
    "apple",
    "mandarin",
    "persimmon",
    "jelly",
    "honey",
    "tea",
    "greens",
    "farm",
    "produce",
    "cooperative",
    "commune",
    "linkage",
    "chain",
    "brand",
    "geographical",
    "indication",
    "growers",
    "buyers",
    "harvest",
    "processing",
    "packing",
    "quality",
    "food",
    "safety",
    "households",
    "enterprise",
    "market",
    "export",
    "value",
    "year",
    "month",
    "season",
    "hills",
    "limestone",
    "climate",
    "fragrant",
    "sweet",
    "specialty",
    "province",
    "district",
    "support",
    "organic",
    "standard",
    "sustainable",
    "certified",
    "yield",
    "fresh",
    "dried",
    "oil",
];

fn sentence(rng: &mut Rng, words: &[&str], len: usize) -> String {
    let mut s = String::new();
    for i in 0..len {
        let w = rng.pick(words);
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// About `words` words of Markdown: paragraphs, a heading, a list and a
/// link to another record.
fn body(rng: &mut Rng, words: &[&str], target: usize, link: &str) -> String {
    let mut out = String::new();
    let mut n = 0;
    let mut para = 0;
    while n < target {
        if para == 2 {
            let _ = writeln!(
                out,
                "## {}\n",
                sentence(rng, words, 4).trim_end_matches('.')
            );
            for _ in 0..3 {
                let _ = writeln!(out, "- {}", sentence(rng, words, 6));
                n += 6;
            }
            out.push('\n');
        }
        let mut p = String::new();
        for _ in 0..5 {
            let len = 8 + rng.below(10);
            p.push_str(&sentence(rng, words, len));
            p.push(' ');
            n += len;
        }
        if para == 1 {
            let _ = write!(p, "[{}]({link}).", rng.pick(words));
        }
        let _ = writeln!(out, "{}\n", p.trim_end());
        para += 1;
    }
    out
}

/// Whether the site has English: set once from the arguments.
static ENGLISH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

struct Counts {
    products: usize,
    producers: usize,
    brands: usize,
    chains: usize,
    reports: usize,
    directives: usize,
    indicators: usize,
    agencies: usize,
    communes: usize,
    pages: usize,
}

fn counts(records: usize) -> Counts {
    let communes = 65.min(records / 10).max(1);
    let agencies = 20.min(records / 50).max(1);
    let pages = 5.min(records / 100).max(1);
    let rest = records.saturating_sub(communes + agencies + pages);
    let products = rest * 40 / 100;
    let producers = rest * 25 / 100;
    let reports = rest * 15 / 100;
    let brands = (rest * 6 / 100).max(1);
    let chains = (rest * 6 / 100).max(1);
    let directives = (rest * 4 / 100).max(1);
    let indicators = rest
        .saturating_sub(products + producers + reports + brands + chains + directives)
        .max(1);
    Counts {
        products,
        producers,
        brands,
        chains,
        reports,
        directives,
        indicators,
        agencies,
        communes,
        pages,
    }
}

/// Drops the English of `{ vi: …, en: … }` maps, for a one-language site.
fn vietnamese_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("{ vi: ") {
        let after = &rest[i + 6..];
        let Some(j) = after.find(", en: ") else { break };
        let Some(k) = after[j..].find(" }") else {
            break;
        };
        out.push_str(&rest[..i]);
        out.push_str(&after[..j]);
        rest = &after[j + k + 2..];
    }
    out.push_str(rest);
    out
}

fn write(path: &Path, text: &str) {
    let text = if ENGLISH.load(std::sync::atomic::Ordering::Relaxed) {
        text.to_string()
    } else {
        vietnamese_only(text)
    };
    let text = text.as_str();
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

struct Args {
    records: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
    languages: Vec<String>,
}

fn args() -> Args {
    let mut a = Args {
        records: 1000,
        out: PathBuf::from("/dev/shm/nongsan-site"),
        hugo: None,
        languages: vec!["vi".into(), "en".into()],
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().unwrap_or_default();
        match k.as_str() {
            "--records" => a.records = v.parse().expect("--records N"),
            "--out" => a.out = PathBuf::from(v),
            "--hugo" => a.hugo = Some(PathBuf::from(v)),
            "--languages" => a.languages = v.split(',').map(str::to_string).collect(),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn main() {
    let a = args();
    let c = counts(a.records);
    let mut rng = Rng(0x006E_6F6E_6773_616E);
    let root = &a.out;
    let _ = fs::remove_dir_all(root.join("content"));
    let english = a.languages.iter().any(|l| l == "en");
    ENGLISH.store(english, std::sync::atomic::Ordering::Relaxed);
    let langs = a.languages.join(", ");
    write(
        &root.join("content/site.yaml"),
        &format!(
            "title: {{ vi: Nông sản tổng hợp, en: Synthetic farm portal }}\nbase_url: https://bench.example.org/\nlanguages: [{langs}]\nas_of: 2026-11-28\ncategories:\n  fruit: {{ vi: Trái cây, en: Fruit }}\n  spices: {{ vi: Gia vị, en: Spices }}\n  honey: {{ vi: Mật ong, en: Honey }}\n  forest: {{ vi: Lâm sản, en: Forest products }}\n"
        ),
    );
    let cats = ["fruit", "spices", "honey", "forest"];
    let translate = |rng: &mut Rng, path: PathBuf, link: &str| {
        if english {
            let text = body(rng, EN_WORDS, 650, link);
            write(&path, &text);
        }
    };
    for i in 0..c.communes {
        write(
            &root.join(format!("content/communes/xa-{i}.yaml")),
            &format!(
                "name: Xã Số {i}\nkind: xa\ncode: \"{:05}\"\nformer_units:\n  - {{ name: Xã Cũ {i}, kind: xa, district: Huyện {} }}\n",
                10000 + i,
                i % 11
            ),
        );
    }
    for i in 0..c.agencies {
        write(
            &root.join(format!("content/agencies/co-quan-{i}.yaml")),
            &format!("name: {{ vi: Cơ quan số {i}, en: Agency {i} }}\nkind: department\n"),
        );
    }
    for i in 0..c.brands {
        let link = format!("@/communes/xa-{}", i % c.communes);
        let b = body(&mut rng, VI_WORDS, 200, &link);
        write(
            &root.join(format!("content/brands/thuong-hieu-{i}.md")),
            &format!(
                "---\nname: {{ vi: Thương hiệu {i}, en: Brand {i} }}\nkind: collective_mark\nmanager: co-quan-{}\ncommunes: [xa-{}]\n---\n{b}",
                i % c.agencies,
                i % c.communes
            ),
        );
        translate(
            &mut rng,
            root.join(format!("content/brands/thuong-hieu-{i}.en.md")),
            &link,
        );
    }
    for i in 0..c.producers {
        let link = format!("@/communes/xa-{}", i % c.communes);
        let b = body(&mut rng, VI_WORDS, 300, &link);
        write(
            &root.join(format!("content/producers/chu-the-{i}.md")),
            &format!(
                "---\nname: {{ vi: Hợp tác xã số {i}, en: Cooperative {i} }}\nkind: cooperative\ncommune: xa-{}\nmembers: {{ value: {}, year: 2025, source: bench }}\nillustrative: true\n---\n{b}",
                i % c.communes,
                7 + i % 50
            ),
        );
        translate(
            &mut rng,
            root.join(format!("content/producers/chu-the-{i}.en.md")),
            &link,
        );
    }
    for i in 0..c.products {
        let link = format!("@/producers/chu-the-{}", i % c.producers);
        let b = body(&mut rng, VI_WORDS, 650, &link);
        let month = 1 + i % 12;
        let name = sentence(&mut rng, VI_WORDS, 3);
        write(
            &root.join(format!("content/products/san-pham-{i}.md")),
            &format!(
                "---\nname: {{ vi: \"{} {i}\", en: Product {i} }}\ncategory: {}\nbrand: thuong-hieu-{}\nproducers: [chu-the-{}]\ncommunes: [xa-{}]\nseason: [{month}]\narea_ha: {{ value: {}, year: 2025, source: bench }}\nfeatured: {}\n---\n{b}",
                name.trim_end_matches('.'),
                cats[i % cats.len()],
                i % c.brands,
                i % c.producers,
                i % c.communes,
                10 + i % 900,
                i < 8
            ),
        );
        translate(
            &mut rng,
            root.join(format!("content/products/san-pham-{i}.en.md")),
            &link,
        );
    }
    for i in 0..c.chains {
        write(
            &root.join(format!("content/chains/chuoi-{i}.yaml")),
            &format!(
                "name: {{ vi: Chuỗi liên kết {i}, en: Chain {i} }}\nproducts: [san-pham-{}]\nlead: chu-the-{}\nparticipants:\n  - {{ name: Các hộ trồng, role: production, households: {{ value: {}, year: 2025, source: bench }} }}\nstatus: active\n",
                i % c.products.max(1),
                i % c.producers,
                20 + i % 200
            ),
        );
    }
    for i in 0..c.directives {
        let b = body(&mut rng, VI_WORDS, 300, "@/agencies/co-quan-0");
        write(
            &root.join(format!("content/directives/van-ban-{i}.md")),
            &format!(
                "---\nnumber: \"{i}/UBND\"\nkind: cong_van\ntitle: {{ vi: Văn bản số {i}, en: Directive {i} }}\nissuer: co-quan-0\nsigned: 2026-0{}\ntasks:\n  - {{ id: \"1\", title: {{ vi: Nhiệm vụ một, en: Task one }}, lead: co-quan-{}, deadline: 2026-{:02} }}\n  - {{ id: \"2\", title: {{ vi: Nhiệm vụ hai, en: Task two }}, lead: all-communes, updates: [{{ date: 2026-03-01, status: in_progress, progress: 40 }}] }}\n  - {{ id: \"3\", title: {{ vi: Nhiệm vụ ba, en: Task three }}, lead: co-quan-1, deadline: 2026-01, updates: [{{ date: 2026-01-10, status: done }}] }}\n---\n{b}",
                1 + i % 9,
                i % c.agencies,
                1 + i % 12
            ),
        );
        translate(
            &mut rng,
            root.join(format!("content/directives/van-ban-{i}.en.md")),
            "@/agencies/co-quan-0",
        );
    }
    for i in 0..c.indicators {
        write(
            &root.join(format!("content/indicators/chi-tieu-{i}.yaml")),
            &format!(
                "name: {{ vi: Chỉ tiêu {i}, en: Indicator {i} }}\nunit: {{ vi: sản phẩm, en: products }}\ndirective: van-ban-{}\nbaseline: {{ year: 2020, value: {} }}\nactuals:\n  - {{ year: 2025, value: {}, source: bench }}\ntargets:\n  - {{ year: 2030, value: {} }}\n",
                i % c.directives,
                10 + i,
                50 + i,
                100 + i
            ),
        );
    }
    for i in 0..c.reports {
        let link = format!("@/directives/van-ban-{}", i % c.directives);
        let b = body(&mut rng, VI_WORDS, 650, &link);
        write(
            &root.join(format!("content/reports/bao-cao-{i}.md")),
            &format!(
                "---\ntitle: {{ vi: Báo cáo số {i}, en: Report {i} }}\ndate: 20{:02}-{:02}-{:02}\nagency: co-quan-{}\ndirective: van-ban-{}\ntasks: [\"2\"]\n---\n{b}",
                20 + i % 7,
                1 + i % 12,
                1 + i % 28,
                i % c.agencies,
                i % c.directives
            ),
        );
        translate(
            &mut rng,
            root.join(format!("content/reports/bao-cao-{i}.en.md")),
            &link,
        );
    }
    for i in 0..c.pages {
        let b = body(&mut rng, VI_WORDS, 300, "@/products/san-pham-0");
        write(
            &root.join(format!("content/pages/trang-{i}.md")),
            &format!("---\ntitle: {{ vi: Trang {i}, en: Page {i} }}\nmenu: {i}\n---\n{b}"),
        );
        translate(
            &mut rng,
            root.join(format!("content/pages/trang-{i}.en.md")),
            "@/products/san-pham-0",
        );
    }
    let total = c.products
        + c.producers
        + c.brands
        + c.chains
        + c.reports
        + c.directives
        + c.indicators
        + c.agencies
        + c.communes
        + c.pages;
    eprintln!("wrote {total} records into {}", root.display());

    if let Some(hugo) = &a.hugo {
        write_hugo(hugo, &root.join("content"));
    }
}

/// The same Markdown bodies as a Hugo site: one page per record, one
/// listing, a home page with the 20 newest, minimal templates.
fn write_hugo(hugo: &Path, content: &Path) {
    let _ = fs::remove_dir_all(hugo);
    write(
        &hugo.join("hugo.toml"),
        "baseURL = 'https://bench.example.org/'\nlanguageCode = 'vi'\ntitle = 'Bench'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT']\n",
    );
    write(
        &hugo.join("layouts/_default/baseof.html"),
        "<!doctype html>\n<html lang=\"vi\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n<body>\n<main>{{ block \"main\" . }}{{ end }}</main>\n</body>\n</html>\n",
    );
    write(
        &hugo.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n",
    );
    write(
        &hugo.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    );
    write(
        &hugo.join("layouts/index.html"),
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1>\n<ul>{{ range first 20 (where .Site.RegularPages \"Type\" \"posts\").ByDate.Reverse }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    );
    let mut n = 0;
    for dir in fs::read_dir(content).expect("read content") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        for f in fs::read_dir(&dir).expect("read collection") {
            let p = f.expect("entry").path();
            let name = p
                .file_name()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            if !name.ends_with(".md") || name.matches('.').count() > 1 {
                continue;
            }
            let text = fs::read_to_string(&p).expect("read record");
            let body = text.splitn(3, "---\n").nth(2).unwrap_or("");
            let stem = name.trim_end_matches(".md");
            n += 1;
            let date = format!("2026-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
            write(
                &hugo.join(format!("content/posts/{stem}.md")),
                &format!("---\ntitle: \"{stem}\"\ndate: {date}\n---\n{body}"),
            );
        }
    }
    eprintln!("wrote {n} Hugo pages into {}", hugo.display());
}
