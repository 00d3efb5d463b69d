//! Markdown bodies to safe HTML: pulldown-cmark, `@/` links resolved to
//! the page in the current language, media paths made absolute, then made
//! safe so that raw HTML cannot carry scripts.
//!
//! A body with raw HTML (or a construct below that is not written
//! directly) goes through ammonia, which parses the HTML and keeps only
//! what it allows. Most bodies have none: their HTML is written as ammonia
//! would leave it (links with `rel`, no classes or inline styles, only
//! allowed URL schemes), without parsing it again, which costs a fraction
//! of the time. A test holds the two ways to the same output.

use crate::content::links::{markdown_options, parse};
use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd, html,
};
use std::sync::LazyLock;

/// The URL schemes links and images may use.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(SCHEMES.into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        // No `style` attributes: the site's Content-Security-Policy forbids
        // inline styles, so table alignment is left to the stylesheet.
        .add_generic_attributes(["id", "lang"])
        .add_tag_attributes("img", ["loading", "decoding", "srcset", "sizes"])
        .url_relative(ammonia::UrlRelative::PassThrough);
    b
});

/// A picture of `content/` as a Markdown body shows it: the renditions of
/// a photo, or an SVG drawing with its size.
#[derive(Debug, Clone)]
pub struct Picture {
    pub src: String,
    /// `url 320w, url 480w, …`; none for a drawing.
    pub srcset: Option<String>,
    pub width: u32,
    pub height: u32,
}

/// How wide a picture in a body is shown: the width of `.prose`.
const BODY_SIZES: &str = "(max-width: 46rem) calc(100vw - 2rem), 44rem";

/// Renders `text`; `resolve` turns `(collection, slug)` into a URL (None
/// when the target is unknown, which `check` has reported already), and
/// `media` turns a path relative to `content/` into a URL.
pub fn to_html(
    text: &str,
    resolve: &dyn Fn(&str, &str) -> Option<String>,
    media: &dyn Fn(&str) -> String,
) -> String {
    to_html_with(text, resolve, media, &|_| None)
}

/// Like [`to_html`]; an image whose path `picture` knows is shown at its
/// published sizes, with `width`, `height`, lazy loading and (for photos)
/// a `srcset`.
pub fn to_html_with(
    text: &str,
    resolve: &dyn Fn(&str, &str) -> Option<String>,
    media: &dyn Fn(&str) -> String,
    picture: &dyn Fn(&str) -> Option<Picture>,
) -> String {
    render(text, resolve, media, picture, false).0
}

fn render(
    text: &str,
    resolve: &dyn Fn(&str, &str) -> Option<String>,
    media: &dyn Fn(&str) -> String,
    picture: &dyn Fn(&str) -> Option<Picture>,
    always_sanitise: bool,
) -> (String, bool) {
    // A known picture, its alt text gathered from the events inside it, and
    // how many images are open inside that alt text.
    let mut pending: Option<(Picture, String, usize)> = None;
    // Whether the body has raw HTML of its own (the pictures' tags are ours).
    let mut raw_html = false;
    let events = Parser::new_ext(text, markdown_options()).filter_map(|event| {
        if let Some((_, alt, depth)) = pending.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::Start(Tag::Image { .. }) => *depth += 1,
                Event::End(TagEnd::Image) if *depth > 0 => *depth -= 1,
                Event::End(TagEnd::Image) => {
                    let (p, alt, _) = pending.take()?;
                    return Some(Event::Html(CowStr::from(img_tag(&p, &alt))));
                }
                _ => {}
            }
            return None;
        }
        if let Event::Start(Tag::Image { dest_url, .. }) = &event
            && let Some(p) = picture(dest_url)
        {
            pending = Some((p, String::new(), 0));
            return None;
        }
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            raw_html = true;
        }
        Some(event)
    });
    let parser = events.map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = rewrite(&dest_url, resolve, media);
            Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = rewrite(&dest_url, resolve, media);
            Event::Start(Tag::Image {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        other => other,
    });
    let events: Vec<Event> = parser.collect();
    let mut out = String::with_capacity(text.len() * 3 / 2);
    if !always_sanitise && !raw_html && events.iter().all(written_directly) {
        html::push_html(&mut out, direct(events).into_iter());
        (out, true)
    } else {
        html::push_html(&mut out, events.into_iter());
        (SANITIZER.clean(&out).to_string(), false)
    }
}

/// Whether `url` is one ammonia keeps: relative, or with an allowed scheme.
/// It checks the URL as the written `href` holds it.
fn allowed_url(url: &str) -> bool {
    let mut href = String::with_capacity(url.len());
    let _ = pulldown_cmark_escape::escape_href(&mut href, url);
    let href = href.replace("&amp;", "&").replace("&#x27;", "'");
    match url::Url::parse(&href) {
        Ok(u) => SCHEMES.contains(&u.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// Whether an event is one [`direct`] writes safely. Raw HTML is checked
/// apart (an `Html` event here is a picture's tag).
fn written_directly(event: &Event) -> bool {
    match event {
        Event::Start(tag) => match tag {
            Tag::Paragraph
            | Tag::BlockQuote(None)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell => true,
            Tag::Heading {
                id: None,
                classes,
                attrs,
                ..
            } => classes.is_empty() && attrs.is_empty(),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => *link_type != LinkType::Email && allowed_url(dest_url),
            Tag::Image { dest_url, .. } => allowed_url(dest_url),
            _ => false,
        },
        // Only the ends of what was let in above come.
        Event::End(_) => true,
        Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::Rule
        | Event::Html(_) => true,
        _ => false,
    }
}

/// Text (or, `in_attribute`, an attribute value) escaped as ammonia writes
/// it.
fn escape_as_ammonia(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '<' if !in_attribute => out.push_str("&lt;"),
            '>' if !in_attribute => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn attr(s: &str) -> String {
    escape_as_ammonia(s, true)
}

/// A link's or image's ` title="…"`, or nothing.
fn title_attr(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", attr(title))
    }
}

/// A link or image address as ammonia writes it: pulldown-cmark's escaping
/// of the URL, with `'` left as it is.
fn href(url: &str) -> String {
    let mut href = String::with_capacity(url.len());
    let _ = pulldown_cmark_escape::escape_href(&mut href, url);
    href.replace("&#x27;", "'")
}

/// The text of an image's description, up to the end of the image.
fn alt_text<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    let mut depth = 0;
    for event in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// The events of a body with no raw HTML, changed so that pulldown-cmark
/// writes what ammonia would leave of its HTML.
fn direct(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        out.push(match event {
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => Event::Html(CowStr::from(format!(
                "<a href=\"{}\"{} rel=\"noopener noreferrer\">",
                href(&dest_url),
                title_attr(&title)
            ))),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt = alt_text(&mut events);
                Event::Html(CowStr::from(format!(
                    "<img src=\"{}\" alt=\"{}\"{}>",
                    href(&dest_url),
                    attr(&alt),
                    title_attr(&title)
                )))
            }
            // Classes and inline styles are not kept.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::from(""))))
            }
            Event::Start(Tag::Table(alignments)) => {
                Event::Start(Tag::Table(vec![Alignment::None; alignments.len()]))
            }
            Event::HardBreak => Event::Html(CowStr::from("<br>\n")),
            Event::Rule => Event::Html(CowStr::from("<hr>\n")),
            Event::Text(t) if t.contains('\u{a0}') => {
                Event::Html(CowStr::from(escape_as_ammonia(&t, false)))
            }
            Event::Code(t) if t.contains('\u{a0}') => Event::Html(CowStr::from(format!(
                "<code>{}</code>",
                escape_as_ammonia(&t, false)
            ))),
            other => other,
        });
    }
    out
}

fn img_tag(p: &Picture, alt: &str) -> String {
    let esc = attr;
    let srcset = p.srcset.as_deref().map_or(String::new(), |s| {
        format!(" srcset=\"{}\" sizes=\"{BODY_SIZES}\"", esc(s))
    });
    format!(
        "<img src=\"{}\"{srcset} alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\">",
        esc(&p.src),
        esc(alt),
        p.width,
        p.height
    )
}

fn rewrite<'a>(
    dest: &CowStr<'a>,
    resolve: &dyn Fn(&str, &str) -> Option<String>,
    media: &dyn Fn(&str) -> String,
) -> CowStr<'a> {
    if let Some((collection, slug, anchor)) = parse(dest) {
        let mut url = resolve(&collection, &slug).unwrap_or_else(|| "#".to_string());
        if let Some(a) = anchor {
            url.push('#');
            url.push_str(&a);
        }
        return CowStr::from(url);
    }
    let d: &str = dest;
    let is_relative_file = !d.is_empty()
        && !d.starts_with('#')
        && !d.starts_with('/')
        && !d.contains(':')
        && !d.starts_with("..");
    if is_relative_file {
        return CowStr::from(media(d));
    }
    dest.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &str) -> String {
        to_html(
            t,
            &|c, s| (c == "products").then(|| format!("/san-pham/{s}/")),
            &|m| format!("/{m}"),
        )
    }

    #[test]
    fn resolves_internal_links_and_media() {
        let h = render("[na](@/products/na#mua) ![a](media/x.jpg)");
        assert!(h.contains(r#"href="/san-pham/na/#mua""#), "{h}");
        assert!(h.contains(r#"src="/media/x.jpg""#), "{h}");
    }

    #[test]
    fn known_pictures_are_sized_and_responsive() {
        let h = to_html_with(
            "Vườn na: ![Na *chín* & ![ngon](media/x.png)](media/na.jpg) và ![x](media/khac.jpg)",
            &|_, _| None,
            &|m| format!("/{m}"),
            &|m| {
                (m == "media/na.jpg").then(|| Picture {
                    src: "/media/na-720.ab.jpg".into(),
                    srcset: Some("/media/na-320.ab.jpg 320w, /media/na-720.ab.jpg 720w".into()),
                    width: 720,
                    height: 540,
                })
            },
        );
        assert!(h.contains(r#"src="/media/na-720.ab.jpg""#), "{h}");
        assert!(
            h.contains(r#"srcset="/media/na-320.ab.jpg 320w, /media/na-720.ab.jpg 720w""#),
            "{h}"
        );
        assert!(
            h.contains(r#"width="720" height="540" loading="lazy""#),
            "{h}"
        );
        assert!(h.contains(r#"alt="Na chín &amp; ngon""#), "{h}");
        // An unknown file is linked as written.
        assert!(h.contains(r#"src="/media/khac.jpg""#), "{h}");
    }

    #[test]
    fn strips_scripts_and_handlers() {
        let h = render(
            "<script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">x</a><iframe src=x></iframe><style>p{}</style>",
        );
        assert!(!h.contains("<script"));
        assert!(!h.contains("javascript:"));
        assert!(!h.contains("onclick"));
        assert!(!h.contains("<iframe"));
        assert!(!h.contains("<style"));
    }

    /// Both ways of making a body safe, with the links and pictures of a
    /// page: (written directly, through ammonia, whether the direct way
    /// was taken).
    fn both_ways(t: &str) -> (String, String, bool) {
        let resolve = |c: &str, s: &str| (c == "products").then(|| format!("/san-pham/{s}/"));
        let media = |m: &str| format!("/{m}");
        let picture = |m: &str| {
            (m == "media/na.jpg").then(|| Picture {
                src: "/media/na-720.ab.jpg".into(),
                srcset: Some("/media/na-320.ab.jpg 320w, /media/na-720.ab.jpg 720w".into()),
                width: 720,
                height: 540,
            })
        };
        let (direct, taken) = super::render(t, &resolve, &media, &picture, false);
        let (sanitised, _) = super::render(t, &resolve, &media, &picture, true);
        (direct, sanitised, taken)
    }

    #[test]
    fn bodies_written_directly_are_what_ammonia_would_leave() {
        let snippets = [
            "# Tiêu đề\n\nĐoạn *nghiêng*, **đậm**, ~~gạch~~, `mã & <thẻ>` và \"ngoặc\" 'đơn'.",
            "Dòng một  \ndòng hai\\\nba\n\n---\n\n> trích dẫn\n> > lồng",
            "1. một\n2. hai\n\n3) ba\n4) bốn\n\n- a\n  - b\n\n* [ ] c",
            "```rust\nfn main() { let a = 1 < 2 && 3 > 2; }\n```\n\n    thụt lề & <x>",
            "| Cột | Số |\n|:---|---:|\n| Hồi | 1.000 |\n| Quế *khô* | 2 |",
            "[trong](@/products/na#mua) [ngoài](https://example.org/a?b=1&c='2' \"Tiêu đề & \\\"x\\\"\") [thư](mailto:a@b.vn) [gọi](tel:+84123) [neo](#phan-2) [tương đối](../x y) <https://example.org/tự-động>",
            "![Na *chín* & ngon](media/na.jpg \"ảnh\") ![khác](media/x.png) ![ngoài](https://example.org/a.png)",
            "Không\u{a0}ngắt và `mã\u{a0}x` và [liên\u{a0}kết](https://example.org/a\u{a0}b)",
            "[xấu](javascript:alert(1)) [dữ liệu](data:text/html,x) [lỗi](http://[::1)",
            "Văn bản <b>đậm</b> và <script>alert(1)</script>",
            "Chú thích[^1].\n\n[^1]: Ở đây.",
            "<mail@example.org> và [x](<đường dẫn>) & &amp; &copy; &#39;",
        ];
        for t in snippets {
            let (direct, sanitised, _) = both_ways(t);
            assert_eq!(direct, sanitised, "{t}");
        }
        // Plain bodies take the direct way; raw HTML and bad schemes do not.
        assert!(both_ways(snippets[0]).2 && both_ways(snippets[5]).2 && both_ways(snippets[6]).2);
        assert!(!both_ways(snippets[8]).2 && !both_ways(snippets[9]).2);
        assert!(!both_ways(snippets[8]).0.contains("javascript"));

        // Every Markdown file of the sample portal.
        let mut direct_bodies = 0;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "md") {
                let t = std::fs::read_to_string(entry.path()).unwrap();
                let (direct, sanitised, taken) = both_ways(&t);
                assert_eq!(direct, sanitised, "{}", entry.path().display());
                direct_bodies += usize::from(taken);
            }
        }
        assert!(
            direct_bodies > 100,
            "{direct_bodies} bodies written directly"
        );
    }

    #[test]
    fn template_syntax_is_just_text() {
        let h = render("{{ site.title }} {% raw %}");
        assert!(h.contains("{{ site.title }} {% raw %}"));
    }
}
