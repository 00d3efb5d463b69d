//! Markdown bodies to safe HTML: pulldown-cmark, `@/` links resolved to
//! the page in the current language, media paths made absolute, then
//! sanitised with ammonia so raw HTML cannot carry scripts.

use crate::content::links::{markdown_options, parse};
use pulldown_cmark::{CowStr, Event, Parser, Tag, html};
use std::sync::LazyLock;

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        // No `style` attributes: the site's Content-Security-Policy forbids
        // inline styles, so table alignment is left to the stylesheet.
        .add_generic_attributes(["id", "lang"])
        .add_tag_attributes("img", ["loading", "decoding"])
        .url_relative(ammonia::UrlRelative::PassThrough);
    b
});

/// Renders `text`; `resolve` turns `(collection, slug)` into a URL (None
/// when the target is unknown, which `check` has reported already), and
/// `media` turns a path relative to `content/` into a URL.
pub fn to_html(
    text: &str,
    resolve: &dyn Fn(&str, &str) -> Option<String>,
    media: &dyn Fn(&str) -> String,
) -> String {
    let parser = Parser::new_ext(text, markdown_options()).map(|event| match event {
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
