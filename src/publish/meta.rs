//! What a page's `<head>` and a few of its blocks need from publishing:
//! JSON-LD, Open Graph and Twitter card values, the QR code of product and
//! producer pages, the language's feed, and the open-data page's
//! downloads and dictionary.

use super::open_data::{self, OpenData};
use super::{feed, jsonld, labels};
use crate::content::Record;
use crate::content::collection::Collection;
use crate::render::plan::{self, PageKind};
use crate::render::value::{Fields, Value, null, value};
use crate::render::views::View;
use crate::render::{Renderer, format};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Longest description in link previews and structured data.
const DESCRIPTION_CHARS: usize = 200;
/// The QR code's side on the page, in CSS pixels.
pub const QR_PX: u32 = 160;
/// The QR code's file beside a product's or producer's page.
pub const QR_FILE: &str = "qr.svg";

/// The first paragraph of a Markdown body as plain text, cut at a word
/// near [`DESCRIPTION_CHARS`].
pub fn first_paragraph(markdown: &str) -> Option<String> {
    // The parser reads every block of a text before its first event, and
    // bodies run to pages. Blocks before a blank line do not depend on what
    // follows it, so texts cut at a blank line (the first, then one past
    // each look-ahead) are tried first, and one is taken when its first
    // paragraph ends in it. Only link reference definitions (`[x]: url`)
    // reach back from later on.
    if !markdown.contains("]:") {
        let mut tried = 0;
        for ahead in PARAGRAPH_LOOKAHEADS {
            let Some(at) = markdown
                .get(ahead.max(tried)..)
                .and_then(|rest| rest.find("\n\n"))
                .map(|i| ahead.max(tried) + i + 2)
            else {
                break;
            };
            if let Some(found) = paragraph_in(&markdown[..at]) {
                return found;
            }
            tried = at;
        }
    }
    paragraph_in(markdown).flatten()
}

/// Where [`first_paragraph`] looks for blank lines to cut at, in bytes.
const PARAGRAPH_LOOKAHEADS: [usize; 3] = [0, 256, 1024];

/// The first paragraph of `markdown` as [`first_paragraph`] gives it; None
/// when no paragraph ends in the text.
fn paragraph_in(markdown: &str) -> Option<Option<String>> {
    let mut text = String::new();
    let mut inside = false;
    let mut ended = false;
    for ev in Parser::new(markdown) {
        match ev {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => {
                ended = true;
                break;
            }
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    if !ended {
        return None;
    }
    // Runs of white space as one space, none at either end.
    let mut words = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    if words.is_empty() {
        return Some(None);
    }
    Some(Some(shorten(&words, DESCRIPTION_CHARS)))
}

/// `text` if it has at most `max` characters, else its first `max` cut
/// back to a whole word, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let cut = &text[..end];
    let at = cut.rfind(' ').unwrap_or(cut.len());
    let mut out = cut[..at].trim_end_matches([',', ';', ':', '.']).to_string();
    out.push('…');
    out
}

fn body_text<T>(r: &Record<T>, lang: &str) -> Option<String> {
    r.body_in(lang).and_then(|(b, _)| first_paragraph(&b.text))
}

/// A short description of the page, for previews and JSON-LD: a report's
/// summary, else the first paragraph of the record's body, else the
/// site's description.
pub fn description(v: &View, kind: PageKind) -> Option<String> {
    let k = &v.site.content;
    let own = match kind {
        PageKind::Detail(c, i) => match c {
            Collection::Reports => k.reports[i]
                .data
                .summary
                .as_ref()
                .map(|s| shorten(v.text(s), DESCRIPTION_CHARS))
                .or_else(|| body_text(&k.reports[i], v.lang)),
            Collection::Products => body_text(&k.products[i], v.lang),
            Collection::Brands => body_text(&k.brands[i], v.lang),
            Collection::Producers => body_text(&k.producers[i], v.lang),
            Collection::Communes => body_text(&k.communes[i], v.lang),
            Collection::Agencies => body_text(&k.agencies[i], v.lang),
            Collection::Chains => body_text(&k.chains[i], v.lang),
            Collection::Directives => body_text(&k.directives[i], v.lang),
            Collection::Indicators => body_text(&k.indicators[i], v.lang),
            Collection::Pages => body_text(&k.pages[i], v.lang),
        },
        _ => None,
    };
    own.or_else(|| {
        v.site
            .config
            .description
            .as_ref()
            .map(|d| v.text(d).to_string())
    })
}

/// The image a link preview shows: the product's first photo or the
/// brand's logo.
fn image(v: &View, kind: PageKind) -> Option<String> {
    let k = &v.site.content;
    let src = match kind {
        PageKind::Detail(Collection::Products, i) => {
            k.products[i].data.images.first().map(|m| m.src.as_str())
        }
        PageKind::Detail(Collection::Brands, i) => {
            k.brands[i].data.logo.as_ref().map(|m| m.src.as_str())
        }
        _ => None,
    }?;
    Some(v.urls.absolute(src))
}

/// Open Graph's `language_TERRITORY` form.
fn og_locale(lang: &str) -> String {
    match lang {
        "vi" => "vi_VN".into(),
        "en" => "en_US".into(),
        other => other.to_string(),
    }
}

/// The QR code of a product's or producer's page, and the label sheet of
/// a product.
fn qr(v: &View, kind: PageKind, rel: &str) -> Value {
    let (name, sheet) = match kind {
        PageKind::Detail(Collection::Products, i) => {
            (v.text(&v.site.content.products[i].data.name), true)
        }
        PageKind::Detail(Collection::Producers, i) => {
            (v.text(&v.site.content.producers[i].data.name), false)
        }
        _ => return null(),
    };
    value!({
        "src": v.urls.href(&format!("{rel}{QR_FILE}")),
        "alt": v.t("qr_alt").replace("{name}", name),
        "size": QR_PX,
        "target": v.urls.absolute(rel),
        "label_sheet": if sheet { Value::from(v.urls.href(&format!("{rel}{}", labels::FILE))) } else { null() },
    })
}

/// Adds `jsonld`, `og`, `description`, `qr` and `feed` to a page's
/// context (`page`), reading the `title`, `canonical` and `breadcrumbs`
/// it already holds.
pub fn extend_page(r: &Renderer, v: &View, kind: PageKind, page: &mut Value) {
    let rel = plan::path(r.site, kind, v.lang);
    let title = page.at("title").as_str().unwrap_or_default().to_string();
    let canonical = page
        .at("canonical")
        .as_str()
        .unwrap_or_default()
        .to_string();
    let breadcrumbs = page
        .at("breadcrumbs")
        .as_array()
        .unwrap_or_default()
        .to_vec();
    let description = r.description(v, kind);
    let data = if kind == PageKind::OpenData {
        r.open_data().ok()
    } else {
        None
    };
    let info = jsonld::PageInfo {
        kind,
        title: &title,
        canonical: &canonical,
        description: description.as_deref(),
        breadcrumbs: &breadcrumbs,
    };
    let jsonld = jsonld::script(v, &info, data);
    let image = image(v, kind);
    let alternates: Vec<String> = r
        .site
        .config
        .languages
        .iter()
        .filter(|l| *l != v.lang)
        .map(|l| og_locale(l))
        .collect();
    let mut page = page.edit();
    page.set("jsonld", jsonld);
    page.set("description", description);
    page.set("og", value!({
        "type": if matches!(kind, PageKind::Detail(Collection::Reports, _)) { "article" } else { "website" },
        "site_name": v.text(&r.site.config.title),
        "locale": og_locale(v.lang),
        "locale_alternates": alternates,
        "twitter_card": if image.is_some() { "summary_large_image" } else { "summary" },
        "image": image,
    }));
    page.set("qr", qr(v, kind, &rel));
    page.set(
        "feed",
        value!({"url": v.urls.href(&feed::path(v)), "title": v.t("feed_title")}),
    );
}

/// A byte count as people read it: `12,3 kB` (vi), `12.3 kB` (en).
pub fn size(bytes: usize, lang: &str) -> String {
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let kb = (bytes as f64 / 100.0).round() / 10.0;
    if kb < 1000.0 {
        format!("{}\u{a0}kB", format::number(kb, lang))
    } else {
        format!(
            "{}\u{a0}MB",
            format::number((kb / 100.0).round() / 10.0, lang)
        )
    }
}

fn download(v: &View, d: &open_data::Download) -> Value {
    value!({
        "url": v.urls.href(&d.path),
        "format": d.format(),
        "size": size(d.size, v.lang),
    })
}

/// The open-data page's context: downloads with their sizes and record
/// counts, the dictionary per table, the licence and the catalogue.
pub fn open_data_page(r: &Renderer, v: &View) -> Value {
    let data: &OpenData = match r.open_data() {
        Ok(d) => d,
        Err(_) => return null(),
    };
    let vi = v.lang == "vi";
    let tables: Vec<Value> = data
        .exports
        .iter()
        .map(|e| {
            value!({
                "key": e.table.key,
                "anchor": format!("data-{}", e.table.key),
                "title": if vi { e.table.title_vi } else { e.table.title_en },
                "about": if vi { e.table.about_vi } else { e.table.about_en },
                "records": format::number(e.records as f64, v.lang),
                "json": download(v, &e.json),
                "csv": download(v, &e.csv),
                "fields": e.fields.iter().map(|f| value!({
                    "name": f.name.as_str(),
                    "type": v.t(&format!("data_type_{}", f.kind.token())),
                    "values": f.kind.values(),
                    "required": f.required,
                    "meaning": if vi { f.vi.as_str() } else { f.en.as_str() },
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    value!({
        "tables": tables,
        "dictionary": value!([download(v, &data.dictionary_json), download(v, &data.dictionary_csv)]),
        "catalogue": download(v, &data.catalogue),
        "licence": value!({
            "name": open_data::LICENCE_NAME,
            "url": open_data::LICENCE_URL,
            "file": download(v, &data.licence),
        }),
        "as_of": v.date(&r.site.as_of),
        "separator": open_data::LIST_SEPARATOR.trim(),
        "feed": v.urls.href(&feed::path(v)),
        "sitemap": v.urls.href("sitemap.xml"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_shortened_to_a_whole_word_within_the_limit() {
        assert_eq!(shorten("Hồi Lạng Sơn", 12), "Hồi Lạng Sơn");
        assert_eq!(shorten("Hồi Lạng Sơn", 11), "Hồi Lạng…");
        assert_eq!(shorten("Hồi, Lạng Sơn", 9), "Hồi…");
        assert_eq!(shorten("Hồi Lạng Sơn", 3), "Hồi…");
        assert_eq!(shorten("Hồi Lạng Sơn", 2), "Hồ…");
        assert_eq!(shorten("", 0), "");
        // The character count, not the bytes, decides (ồ, ạ and ơ are two
        // bytes each).
        for max in 0..16 {
            let text = "Hồi Lạng Sơn, quế";
            let short = shorten(text, max);
            if text.chars().count() <= max {
                assert_eq!(short, text);
            } else {
                assert!(
                    short.ends_with('…') && short.chars().count() <= max + 1,
                    "{short}"
                );
            }
        }
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        assert_eq!(
            first_paragraph("# Title\n\nHồi **Lạng Sơn** is [famous](x).\nReally.\n\nMore.")
                .as_deref(),
            Some("Hồi Lạng Sơn is famous. Really.")
        );
        assert_eq!(first_paragraph("# Only a title"), None);
        let long = "word ".repeat(100);
        let d = first_paragraph(&long).unwrap();
        assert!(d.chars().count() <= DESCRIPTION_CHARS + 1 && d.ends_with('…'));
    }

    /// The first paragraph as a parse of the whole text finds it.
    fn whole(markdown: &str) -> Option<String> {
        paragraph_in(markdown).flatten()
    }

    #[test]
    fn the_first_paragraph_is_found_as_in_the_whole_text() {
        let filler = "Một câu về hồi và quế Lạng Sơn. ".repeat(40);
        let mut texts: Vec<String> = vec![
            // A paragraph longer than the look-ahead.
            format!("{filler}\n\nSau."),
            // Blocks without paragraphs before the cut, the paragraph after.
            format!("# Tiêu đề\n\n- {filler}\n- b\n\n- c\n\nĐoạn đầu.\n\nĐoạn sau."),
            format!("```\n{filler}\n\n{filler}\n```\n\nĐoạn sau khối mã."),
            format!("<!--\n{filler}\n\n{filler}\n-->\n\nĐoạn sau chú thích."),
            format!("> {filler}\n\n> tiếp\n\nĐoạn."),
            format!("    mã thụt lề {filler}\n\n    tiếp\n\nĐoạn."),
            // A reference defined after the cut.
            format!("# T\n\n{filler}\n\nXem [hồi][h].\n\n{filler}\n\n[h]: https://example.org/"),
            format!("[h]\n\n{filler}\n\n[h]: https://example.org/"),
            // Setext heading, lazy continuation, empty paragraph.
            format!("{filler}\n===\n\n{filler}\n\nĐoạn."),
            format!("> trích\ntiếp lười\n\n{filler}\n\nĐoạn."),
            format!("![ảnh](a.png)\n\n{filler}\n\nĐoạn."),
            // Lists whose blank lines make them loose after a cut.
            "- a\n\n- b\n\nĐoạn.".into(),
            "- a\n- b\n\n  c\n\nĐoạn.".into(),
            "1. a\n\n   b\n\nĐoạn.".into(),
            "> a\n\n> b\n\nĐoạn.".into(),
            format!("# T\n\n## U\n\n- {filler}\n\n- x\n\nĐoạn."),
            String::new(),
            "# Chỉ tiêu đề".into(),
        ];
        // Every body of the sample site.
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(content).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md")
                && let Ok(t) = std::fs::read_to_string(entry.path())
            {
                texts.push(t);
            }
        }
        assert!(texts.len() > 20);
        for t in &texts {
            assert_eq!(first_paragraph(t), whole(t), "{t}");
            // Whatever the blank line cut at, a paragraph ended before it
            // is the whole text's first.
            if !t.contains("]:") {
                for (at, _) in t.match_indices("\n\n") {
                    if let Some(found) = paragraph_in(&t[..at + 2]) {
                        assert_eq!(found, whole(t), "{t} cut at {at}");
                    }
                }
            }
        }
    }

    #[test]
    fn sizes_per_language() {
        assert_eq!(size(999, "vi"), "999 B");
        assert_eq!(size(12_345, "vi"), "12,3\u{a0}kB");
        assert_eq!(size(12_345, "en"), "12.3\u{a0}kB");
        assert_eq!(size(2_500_000, "en"), "2.5\u{a0}MB");
    }
}
