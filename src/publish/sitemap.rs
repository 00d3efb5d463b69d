//! `sitemap.xml`: every page in every language, each with its language
//! alternates (`xhtml:link rel="alternate" hreflang`), and `robots.txt`
//! pointing at it.

use super::qr::xml_escape;
use crate::render::plan::{self, PageKind};
use crate::render::urls::Urls;
use crate::site::Site;

/// The pages listed: all but the 404 page, which is not a place to send
/// anyone.
pub fn listed(kind: PageKind) -> bool {
    kind != PageKind::NotFound
}

pub fn sitemap(site: &Site, urls: &Urls) -> String {
    let cfg = &site.config;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for p in plan::plan(site).iter().filter(|p| listed(p.kind)) {
        let loc = urls.absolute(&plan::path(site, p.kind, &p.lang));
        out.push_str(&format!("<url><loc>{}</loc>", xml_escape(&loc)));
        for l in &cfg.languages {
            let href = urls.absolute(&plan::path(site, p.kind, l));
            out.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml_escape(l),
                xml_escape(&href)
            ));
        }
        let default = urls.absolute(&plan::path(site, p.kind, cfg.default_language()));
        out.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/></url>\n",
            xml_escape(&default)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// Everything may be crawled; the sitemap says where the pages are. A
/// crawler reads `robots.txt` only at a host's root: under a sub-path the
/// file is still written, for the host's own to include.
pub fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        urls.base_url
    )
}
