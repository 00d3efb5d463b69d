//! The plan of pages: one entry per URL, in every language.

use super::urls::Urls;
use crate::content::collection::Collection;
use crate::site::Site;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    /// The listing of a collection (not `pages`).
    List(Collection),
    /// The products listing narrowed to one filter choice
    /// (`site.filters[i]`).
    Filter(usize),
    /// One record's page.
    Detail(Collection, usize),
    Progress,
    Search,
    OpenData,
    NotFound,
}

#[derive(Debug, Clone)]
pub struct Planned {
    pub lang: String,
    pub kind: PageKind,
}

/// Collections with a listing page and a page per record.
pub const LISTED: [Collection; 9] = [
    Collection::Products,
    Collection::Brands,
    Collection::Producers,
    Collection::Communes,
    Collection::Chains,
    Collection::Directives,
    Collection::Agencies,
    Collection::Indicators,
    Collection::Reports,
];

pub fn count(site: &Site, c: Collection) -> usize {
    site.content.len(c)
}

pub fn plan(site: &Site) -> Vec<Planned> {
    let mut out = Vec::new();
    for lang in &site.config.languages {
        let mut push = |kind| {
            out.push(Planned {
                lang: lang.clone(),
                kind,
            })
        };
        push(PageKind::Home);
        for c in LISTED {
            push(PageKind::List(c));
            if c == Collection::Products {
                for i in 0..site.filters.len() {
                    push(PageKind::Filter(i));
                }
            }
            for i in 0..count(site, c) {
                push(PageKind::Detail(c, i));
            }
        }
        for i in 0..site.content.pages.len() {
            push(PageKind::Detail(Collection::Pages, i));
        }
        push(PageKind::Progress);
        push(PageKind::Search);
        push(PageKind::OpenData);
        push(PageKind::NotFound);
    }
    out
}

/// The site-relative folder path of a page (`en/products/na/`), or for
/// the 404 page its file path.
pub fn path(site: &Site, kind: PageKind, lang: &str) -> String {
    let cfg = &site.config;
    match kind {
        PageKind::Home => cfg.lang_prefix(lang),
        PageKind::List(c) => {
            let key = super::urls::section_of(c).unwrap_or("pages");
            Urls::section(cfg, lang, key)
        }
        PageKind::Detail(c, i) => {
            let slug = site.content.slug_at(c, i).unwrap_or("");
            Urls::record(cfg, lang, c, slug)
        }
        PageKind::Filter(i) => {
            let rest = site
                .filters
                .get(i)
                .map(|f| f.path(lang))
                .unwrap_or_default();
            format!("{}{rest}", Urls::section(cfg, lang, "products"))
        }
        PageKind::Progress => Urls::section(cfg, lang, "progress"),
        PageKind::Search => Urls::section(cfg, lang, "search"),
        PageKind::OpenData => Urls::section(cfg, lang, "open_data"),
        PageKind::NotFound => format!("{}404.html", cfg.lang_prefix(lang)),
    }
}

/// The file a page is written to.
pub fn file(site: &Site, kind: PageKind, lang: &str) -> String {
    let p = path(site, kind, lang);
    if p.ends_with(".html") {
        p
    } else {
        format!("{p}index.html")
    }
}

pub fn template(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home.html",
        PageKind::List(_) | PageKind::Filter(_) => "list.html",
        PageKind::Detail(c, _) => match c {
            Collection::Products => "product.html",
            Collection::Brands => "brand.html",
            Collection::Producers => "producer.html",
            Collection::Communes => "commune.html",
            Collection::Agencies => "agency.html",
            Collection::Chains => "chain.html",
            Collection::Directives => "directive.html",
            Collection::Indicators => "indicator.html",
            Collection::Reports => "report.html",
            Collection::Pages => "page.html",
        },
        PageKind::Progress => "progress.html",
        PageKind::Search => "search.html",
        PageKind::OpenData => "open_data.html",
        PageKind::NotFound => "404.html",
    }
}
