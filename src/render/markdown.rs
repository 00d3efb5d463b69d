//! Markdown bodies to safe HTML: pulldown-cmark, `@/` links resolved to
//! the page in the current language, media paths made absolute, then
//! sanitised with ammonia so raw HTML cannot carry scripts.

use crate::content::links::{markdown_options, parse};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};
use std::sync::LazyLock;

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
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
    // A known picture, its alt text gathered from the events inside it, and
    // how many images are open inside that alt text.
    let mut pending: Option<(Picture, String, usize)> = None;
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
    let mut raw = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    SANITIZER.clean(&raw).to_string()
}

fn img_tag(p: &Picture, alt: &str) -> String {
    let esc = super::escape;
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

    #[test]
    fn template_syntax_is_just_text() {
        let h = render("{{ site.title }} {% raw %}");
        assert!(h.contains("{{ site.title }} {% raw %}"));
    }
}
