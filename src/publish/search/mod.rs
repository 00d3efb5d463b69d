//! The search index: what each language's search page looks through, made
//! from products, brands, producers, chains, communes and reports and
//! written under `search-index/`, loaded by the search page only.
//!
//! Records are indexed from their names rather than their rendered pages:
//! the name weighs most, then other names the record goes by (a commune's
//! former units and districts, a brand's protected name), then the names of
//! what it belongs with (a product's brand and area) and where it is, then
//! a short description. How the index is laid out is in [`index`].

use crate::content::collection::Collection;
use crate::render::Renderer;
use crate::render::plan::PageKind;
use crate::render::urls::Urls;
use crate::render::views::View;
use rayon::prelude::*;

mod index;
pub use index::{Files, index};

/// The folder of the index in the output.
pub const DIR: &str = "search-index/";

/// The collections search covers, in the order results of equal weight
/// are shown.
pub const SEARCHED: [Collection; 6] = [
    Collection::Products,
    Collection::Brands,
    Collection::Producers,
    Collection::Chains,
    Collection::Communes,
    Collection::Reports,
];

/// One record as search sees it, in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub lang: String,
    /// Site-relative path of the record's page.
    pub url: String,
    pub kind: String,
    /// The collection's key (`products`), for ordering results.
    pub collection: &'static str,
    pub title: String,
    /// Other names of the record itself: a commune's former units and
    /// districts, a brand's protected name, a report's number.
    pub aliases: Vec<String>,
    /// Names of what it belongs with: a product's brand, area, category.
    pub related: Vec<String>,
    /// Where it is: commune names.
    pub place: Option<String>,
    pub image: Option<String>,
    pub summary: Option<String>,
}

/// Every searchable record in every language, in a fixed order.
pub fn documents(r: &Renderer) -> Vec<Document> {
    let site = r.site;
    let mut out = Vec::new();
    for lang in &site.config.languages {
        let v = r.view(lang);
        for c in SEARCHED {
            let docs: Vec<Document> = (0..site.content.len(c))
                .into_par_iter()
                .map(|i| document(r, &v, c, i))
                .collect();
            out.extend(docs);
        }
    }
    out
}

fn names<'a>(v: &View, c: Collection, slugs: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    slugs
        .into_iter()
        .filter_map(|s| v.site.index.get(c, s))
        .map(|i| {
            let k = &v.site.content;
            match c {
                Collection::Communes => v.text(&k.communes[i].data.name).to_string(),
                Collection::Brands => v.text(&k.brands[i].data.name).to_string(),
                Collection::Producers => v.text(&k.producers[i].data.name).to_string(),
                _ => String::new(),
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The smallest published size of a picture: results show it as a
/// thumbnail.
fn thumbnail(v: &View, src: &str) -> String {
    v.images
        .get(src)
        .and_then(|p| p.webp.first().or(p.fallback.first()))
        .map_or_else(|| v.media(src), |r| v.media(&r.path))
}

fn join(list: Vec<String>) -> Option<String> {
    (!list.is_empty()).then(|| list.join(", "))
}

fn document(r: &Renderer, v: &View, c: Collection, i: usize) -> Document {
    let k = &v.site.content;
    let slug = k.slug_at(c, i).unwrap_or_default();
    let key = crate::render::urls::section_of(c).unwrap_or("pages");
    let mut d = Document {
        lang: v.lang.to_string(),
        url: Urls::record(&v.site.config, v.lang, c, slug),
        kind: v.t(&format!("kind_{}", &key[..key.len() - 1])),
        collection: key,
        title: String::new(),
        aliases: Vec::new(),
        related: Vec::new(),
        place: None,
        image: None,
        summary: r.description(v, PageKind::Detail(c, i)),
    };
    // The site's own description stands in for records without one; it
    // says nothing about the record.
    let site_description = v.site.config.description.as_ref().map(|l| v.text(l));
    if d.summary.as_deref() == site_description {
        d.summary = None;
    }
    match c {
        Collection::Products => {
            let p = &k.products[i].data;
            d.title = v.text(&p.name).to_string();
            d.related
                .extend(names(v, Collection::Brands, p.brand.as_ref()));
            if let Some(a) = &p.historic_area {
                d.related.push(v.text(a).to_string());
            }
            if let Some(cat) = v.site.config.category(&p.category) {
                d.related.push(v.text(cat).to_string());
            }
            d.related.extend(p.tags.iter().cloned());
            d.place = join(names(v, Collection::Communes, &p.communes));
            d.image = p.images.first().map(|im| thumbnail(v, &im.src));
        }
        Collection::Brands => {
            let b = &k.brands[i].data;
            d.title = v.text(&b.name).to_string();
            d.aliases.extend(b.protected_name.iter().cloned());
            if let Some(h) = &b.holder {
                d.related.push(v.text(h).to_string());
            }
            d.place = join(names(v, Collection::Communes, &b.communes));
            d.image = b.logo.as_ref().map(|im| thumbnail(v, &im.src));
        }
        Collection::Producers => {
            let p = &k.producers[i].data;
            d.title = v.text(&p.name).to_string();
            d.related.push(v.t(&format!(
                "producer_kind_{}",
                crate::render::views::enum_key(&p.kind)
            )));
            d.place = join(names(v, Collection::Communes, std::iter::once(&p.commune)));
        }
        Collection::Chains => {
            let ch = &k.chains[i].data;
            d.title = v.text(&ch.name).to_string();
            d.related
                .extend(names(v, Collection::Producers, std::iter::once(&ch.lead)));
            let products: Vec<String> = ch
                .products
                .iter()
                .filter_map(|s| v.site.index.get(Collection::Products, s))
                .map(|j| v.text(&k.products[j].data.name).to_string())
                .collect();
            d.related.extend(products);
            // Where the chain is: its lead producer's commune.
            d.place = v
                .site
                .index
                .get(Collection::Producers, &ch.lead)
                .and_then(|j| {
                    join(names(
                        v,
                        Collection::Communes,
                        std::iter::once(&k.producers[j].data.commune),
                    ))
                });
        }
        Collection::Communes => {
            let cm = &k.communes[i].data;
            d.title = v.text(&cm.name).to_string();
            d.aliases.push(cm.code.as_str().to_string());
            let mut districts: Vec<&str> = Vec::new();
            for u in &cm.former_units {
                let unit = v.t(&format!(
                    "former_kind_{}",
                    crate::render::views::enum_key(&u.kind)
                ));
                d.aliases
                    .push(format!("{} {}", unit.to_lowercase(), v.text(&u.name)));
                if let Some(dist) = u.district.as_deref()
                    && !districts.contains(&dist)
                {
                    districts.push(dist);
                }
            }
            // Shown under the name: why `huyen chi lang` found it.
            if !districts.is_empty() {
                d.place = Some(
                    v.t("formerly_in")
                        .replace("{districts}", &districts.join(", ")),
                );
            }
            for dist in districts {
                // The district's own word, as people still write addresses.
                d.aliases.push(format!("huyện {dist}"));
                if v.lang != "vi" {
                    d.aliases.push(format!("{dist} district"));
                }
            }
        }
        Collection::Reports => {
            let rep = &k.reports[i].data;
            d.title = v.text(&rep.title).to_string();
            d.aliases
                .extend(rep.number.iter().map(|n| n.as_str().to_string()));
            d.place = Some(v.date(&rep.date));
        }
        _ => {}
    }
    d
}

/// The folder of one language's index in the output (`search-index/vi/`).
pub fn bundle(lang: &str) -> String {
    format!("{DIR}{lang}/")
}
