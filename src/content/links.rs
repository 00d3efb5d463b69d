//! `@/collection/slug#anchor` links in Markdown bodies.

use pulldown_cmark::{Event, Options, Parser, Tag};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Byte offset of the link in the body.
    pub offset: usize,
    pub collection: String,
    pub slug: String,
    pub anchor: Option<String>,
}

/// Splits `@/products/na-chi-lang#mua` into its parts.
pub fn parse(dest: &str) -> Option<(String, String, Option<String>)> {
    let rest = dest.strip_prefix("@/")?;
    let (path, anchor) = match rest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (rest, None),
    };
    let path = path.trim_end_matches('/');
    let (collection, slug) = path.split_once('/').unwrap_or((path, ""));
    Some((collection.to_string(), slug.to_string(), anchor))
}

pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Every `@/` link and image in a body.
pub fn internal_links(text: &str) -> Vec<InternalLink> {
    if !text.contains("@/") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && let Some((collection, slug, anchor)) = parse(&dest_url)
        {
            out.push(InternalLink {
                offset: range.start,
                collection,
                slug,
                anchor,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_with_offsets() {
        let t = "Xem [na](@/products/na-chi-lang#mua) và [x](https://a.b).\n\n[ref]: @/chains/c\n\nand [r][ref]";
        let l = internal_links(t);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].collection, "products");
        assert_eq!(l[0].slug, "na-chi-lang");
        assert_eq!(l[0].anchor.as_deref(), Some("mua"));
        assert_eq!(l[0].offset, 4);
        assert_eq!(l[1].slug, "c");
    }
}
