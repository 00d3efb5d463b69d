//! schema.org JSON-LD for every page: a `WebPage` in a `@graph` with the
//! site (`WebSite`), its publisher (`GovernmentOrganization`), the
//! breadcrumbs (`BreadcrumbList`) and the page's main thing: `Product`,
//! `Organization` (producers), `GovernmentOrganization` (agencies),
//! `Brand`, `AdministrativeArea`, `Legislation`, `Report`, or a
//! `DataCatalog` of `Dataset`s on the open-data page.
//!
//! Written straight as text ([`super::json_writer`]), each object's keys
//! in byte order.

use super::json_writer::{self, Object};
use super::open_data::{self, LICENCE_URL, OpenData};
use crate::content::collection::Collection;
use crate::render::plan::PageKind;
use crate::render::urls::Urls;
use crate::render::value::Fields;
use crate::render::views::View;

/// What the graph of one page is built from.
pub struct PageInfo<'a> {
    pub kind: PageKind,
    pub title: &'a str,
    pub canonical: &'a str,
    pub description: Option<&'a str>,
    /// `{name, url}` with root-relative URLs, as the page shows them.
    pub breadcrumbs: &'a [crate::render::value::Value],
}

fn website_id(urls: &Urls) -> String {
    format!("{}#website", urls.base_url)
}

fn publisher_id(urls: &Urls) -> String {
    format!("{}#publisher", urls.base_url)
}

/// A root-relative URL as the page uses it, made absolute.
fn absolute_of(urls: &Urls, href: &str) -> String {
    match href.strip_prefix(urls.base_path.as_str()) {
        Some(rel) => urls.absolute(rel),
        None => href.to_string(),
    }
}

fn record_url(v: &View, c: Collection, slug: &str) -> String {
    v.urls
        .absolute(&Urls::record(&v.site.config, v.lang, c, slug))
}

fn publisher(v: &View, o: &mut Object) {
    let site = v.site;
    let contact = site.config.contact.as_ref();
    let agency = contact
        .and_then(|c| c.agency.as_deref())
        .and_then(|a| site.index.get(Collection::Agencies, a));
    o.str("@id", &publisher_id(v.urls))
        .str("@type", "GovernmentOrganization")
        .opt_str("email", contact.and_then(|c| c.email.as_deref()))
        .str(
            "name",
            match agency {
                Some(i) => v.text(&site.content.agencies[i].data.name),
                None => v.text(&site.config.title),
            },
        )
        .opt_str("telephone", contact.and_then(|c| c.phone.as_deref()))
        .str(
            "url",
            &match agency {
                Some(i) => record_url(v, Collection::Agencies, &site.content.agencies[i].slug),
                None => v.urls.base_url.clone(),
            },
        );
}

/// `{"@type": kind, "name", "url"}` of the record `slug` of `c`; None when
/// there is no such record.
fn reference_of(
    v: &View,
    c: Collection,
    kind: &'static str,
    slug: &str,
) -> Option<impl FnOnce(&mut Object)> {
    let i = v.site.index.get(c, slug)?;
    let name = match c {
        Collection::Producers => v.text(&v.site.content.producers[i].data.name),
        _ => v.text(&v.site.content.agencies[i].data.name),
    };
    let url = record_url(v, c, slug);
    Some(move |o: &mut Object| {
        o.str("@type", kind).str("name", name).str("url", &url);
    })
}

/// An agency by slug as `GovernmentOrganization`, or `null`.
fn agency_ref(v: &View, o: &mut Object, key: &'static str, slug: &str) {
    match reference_of(v, Collection::Agencies, "GovernmentOrganization", slug) {
        Some(fill) => o.object(key, fill),
        None => o.str_or_null(key, None),
    };
}

fn product(v: &View, i: usize, info: &PageInfo, o: &mut Object) {
    let site = v.site;
    let r = &site.content.products[i];
    let p = &r.data;
    o.str("@id", &format!("{}#product", info.canonical))
        .str("@type", "Product");
    if let Some(ocop) = &p.ocop {
        o.str(
            "award",
            &format!(
                "{} ({})",
                v.t("stars_title").replace("{n}", &ocop.stars.to_string()),
                ocop.decision
            ),
        );
    }
    if let Some(b) = p
        .brand
        .as_deref()
        .and_then(|b| site.index.get(Collection::Brands, b))
    {
        let brand = &site.content.brands[b];
        o.object("brand", |o| {
            o.str("@type", "Brand")
                .str("name", v.text(&brand.data.name))
                .str("url", &record_url(v, Collection::Brands, &brand.slug));
        });
    }
    o.opt_str(
        "category",
        site.config.category(&p.category).map(|c| v.text(c)),
    )
    .opt_str("description", info.description);
    if !p.images.is_empty() {
        o.array("image", |a| {
            for m in &p.images {
                a.str(&v.urls.absolute(&m.src));
            }
        });
    }
    o.array("manufacturer", |a| {
        for s in &p.producers {
            if let Some(fill) = reference_of(v, Collection::Producers, "Organization", s) {
                a.object(fill);
            }
        }
    })
    .str("name", v.text(&p.name));
    if let Some(price) = &p.price {
        let offer = match (price.min, price.max) {
            (Some(lo), Some(hi)) if lo != hi => Some(("AggregateOffer", Some((lo, hi)), None)),
            (Some(x), _) | (None, Some(x)) => Some(("Offer", None, Some(x))),
            (None, None) => None,
        };
        if let Some((kind, range, single)) = offer {
            o.object("offers", |o| {
                o.str("@type", kind).object("eligibleQuantity", |q| {
                    q.str("@type", "QuantitativeValue")
                        .str("unitText", &price.unit)
                        .value("value", &1);
                });
                if let Some((lo, hi)) = range {
                    o.value("highPrice", &open_data::model::number_value(hi))
                        .value("lowPrice", &open_data::model::number_value(lo));
                }
                if let Some(x) = single {
                    o.value("price", &open_data::model::number_value(x));
                }
                o.str("priceCurrency", "VND").str("url", info.canonical);
            });
        }
    }
    o.str("productID", &r.slug).str("url", info.canonical);
}

fn producer(v: &View, i: usize, info: &PageInfo, o: &mut Object) {
    let site = v.site;
    let r = &site.content.producers[i];
    let p = &r.data;
    let contact = p.contact.as_ref();
    o.str("@id", &format!("{}#organization", info.canonical))
        .str("@type", "Organization")
        .object("address", |a| {
            a.str("@type", "PostalAddress")
                .str("addressCountry", "VN")
                .opt_str(
                    "addressLocality",
                    site.index
                        .get(Collection::Communes, &p.commune)
                        .map(|c| v.text(&site.content.communes[c].data.name)),
                )
                .opt_str("streetAddress", p.address.as_ref().map(|a| v.text(a)));
        })
        .opt_str("description", info.description)
        .opt_str("email", contact.and_then(|c| c.email.as_deref()))
        .opt_str(
            "foundingDate",
            p.established.as_ref().map(|d| d.to_string()).as_deref(),
        )
        .opt_str("identifier", p.registration_no.as_ref().map(|n| n.as_str()));
    if let Some(l) = p.location {
        o.object("location", |o| {
            o.str("@type", "Place").object("geo", |g| {
                g.str("@type", "GeoCoordinates")
                    .value("latitude", &l.lat)
                    .value("longitude", &l.lon);
            });
        });
    }
    let products = &site.links.producer_products[i];
    if !products.is_empty() {
        o.array("makesOffer", |a| {
            for &k in products {
                let pr = &site.content.products[k];
                a.object(|o| {
                    o.str("@type", "Offer").object("itemOffered", |p| {
                        p.str("@type", "Product")
                            .str("name", v.text(&pr.data.name))
                            .str("url", &record_url(v, Collection::Products, &pr.slug));
                    });
                });
            }
        });
    }
    o.str("name", v.text(&p.name));
    if let Some(w) = contact.and_then(|c| c.website.as_deref()) {
        o.strs("sameAs", [w]);
    }
    o.opt_str(
        "telephone",
        contact.and_then(|c| c.phone.as_ref().map(|p| p.as_str())),
    )
    .str("url", info.canonical);
}

fn agency(v: &View, i: usize, info: &PageInfo, o: &mut Object) {
    let a = &v.site.content.agencies[i].data;
    o.str("@id", &format!("{}#organization", info.canonical))
        .str("@type", "GovernmentOrganization")
        .opt_str("alternateName", a.short.as_deref())
        .str("name", v.text(&a.name));
    if let Some(w) = &a.website {
        o.strs("sameAs", [w.as_str()]);
    }
    o.str("url", info.canonical);
}

/// The `@id` of the page's main thing, when it has one.
fn main_entity_id(info: &PageInfo, data: Option<&OpenData>) -> Option<String> {
    let suffix = match info.kind {
        PageKind::Detail(Collection::Products, _) => "#product",
        PageKind::Detail(Collection::Producers | Collection::Agencies, _) => "#organization",
        PageKind::OpenData if data.is_some() => "#catalog",
        _ => return None,
    };
    Some(format!("{}{suffix}", info.canonical))
}

/// Writes the page's main thing as a node of the graph, if it has one.
fn main_entity(v: &View, info: &PageInfo, data: Option<&OpenData>, nodes: &mut json_writer::Array) {
    let site = v.site;
    let k = &site.content;
    match info.kind {
        PageKind::Detail(Collection::Products, i) => {
            nodes.object(|o| product(v, i, info, o));
        }
        PageKind::Detail(Collection::Producers, i) => {
            nodes.object(|o| producer(v, i, info, o));
        }
        PageKind::Detail(Collection::Agencies, i) => {
            nodes.object(|o| agency(v, i, info, o));
        }
        PageKind::Detail(Collection::Brands, i) => {
            let b = &k.brands[i].data;
            nodes.object(|o| {
                o.str("@type", "Brand")
                    .opt_str(
                        "logo",
                        b.logo.as_ref().map(|l| v.urls.absolute(&l.src)).as_deref(),
                    )
                    .str("name", v.text(&b.name))
                    .str("url", info.canonical);
            });
        }
        PageKind::Detail(Collection::Communes, i) => {
            let c = &k.communes[i].data;
            nodes.object(|o| {
                o.str("@type", "AdministrativeArea");
                if let Some(l) = c.location {
                    o.object("geo", |g| {
                        g.str("@type", "GeoCoordinates")
                            .value("latitude", &l.lat)
                            .value("longitude", &l.lon);
                    });
                }
                o.str("identifier", c.code.as_str())
                    .str("name", v.text(&c.name))
                    .str("url", info.canonical);
            });
        }
        PageKind::Detail(Collection::Directives, i) => {
            let d = &k.directives[i].data;
            nodes.object(|o| {
                o.str("@type", "Legislation")
                    .str("legislationDate", &d.signed.to_string())
                    .str("legislationIdentifier", d.number.as_str());
                agency_ref(v, o, "legislationPassedBy", &d.issuer);
                o.str("name", v.text(&d.title)).str("url", info.canonical);
            });
        }
        PageKind::Detail(Collection::Reports, i) => {
            let r = &k.reports[i].data;
            nodes.object(|o| {
                o.str(
                    "@type",
                    if r.kind == crate::content::model::ReportKind::News {
                        "NewsArticle"
                    } else {
                        "Report"
                    },
                );
                if let Some(a) = r.agency.as_deref() {
                    agency_ref(v, o, "author", a);
                }
                o.str("datePublished", &r.date.to_string())
                    .opt_str("description", info.description)
                    .str("headline", v.text(&r.title))
                    .str("inLanguage", v.lang)
                    .str("name", v.text(&r.title))
                    .reference("publisher", &publisher_id(v.urls))
                    .opt_str("reportNumber", r.number.as_ref().map(|n| n.as_str()))
                    .str("url", info.canonical);
            });
        }
        PageKind::OpenData => {
            if let Some(d) = data {
                nodes.object(|o| catalogue(v, info, d, o));
            }
        }
        _ => {}
    }
}

/// The open-data page as a `DataCatalog` holding one `Dataset` per export.
fn catalogue(v: &View, info: &PageInfo, d: &OpenData, o: &mut Object) {
    let vi = v.lang == "vi";
    let publisher = publisher_id(v.urls);
    o.str("@id", &format!("{}#catalog", info.canonical))
        .str("@type", "DataCatalog")
        .array("dataset", |sets| {
            for e in &d.exports {
                let (name, about) = if vi {
                    (e.table.title_vi, e.table.about_vi)
                } else {
                    (e.table.title_en, e.table.about_en)
                };
                let id = format!("{}#data-{}", info.canonical, e.table.key);
                sets.object(|o| {
                    o.str("@id", &id)
                        .str("@type", "Dataset")
                        .reference("creator", &publisher)
                        .str("dateModified", &v.site.as_of.to_string())
                        .str("description", about)
                        .array("distribution", |a| {
                            for f in [&e.csv, &e.json] {
                                a.object(|o| {
                                    o.str("@type", "DataDownload")
                                        .str("contentSize", &format!("{} B", f.size))
                                        .str("contentUrl", &f.url(v.urls))
                                        .str("encodingFormat", f.media_type);
                                });
                            }
                        })
                        .strs(
                            "inLanguage",
                            v.site.config.languages.iter().map(String::as_str),
                        )
                        .value("isAccessibleForFree", &true)
                        .str("license", LICENCE_URL)
                        .str("name", name)
                        .reference("publisher", &publisher)
                        .str("url", &id)
                        .strs("variableMeasured", e.fields.iter().map(|f| f.name.as_str()));
                });
            }
        })
        .str("license", LICENCE_URL)
        .str("name", info.title)
        .reference("publisher", &publisher)
        .str("url", info.canonical);
}

/// The page's whole JSON-LD graph, as text for a `<script>` element.
pub fn script(v: &View, info: &PageInfo, data: Option<&OpenData>) -> String {
    let site = v.site;
    let mut out = String::with_capacity(4096);
    let breadcrumbs_id = format!("{}#breadcrumbs", info.canonical);
    json_writer::object(&mut out, |root| {
        root.str("@context", "https://schema.org")
            .array("@graph", |nodes| {
                nodes.object(|page| {
                    page.str("@id", info.canonical).str("@type", "WebPage");
                    if !info.breadcrumbs.is_empty() {
                        page.reference("breadcrumb", &breadcrumbs_id);
                    }
                    page.opt_str("description", info.description)
                        .str("inLanguage", v.lang)
                        .reference("isPartOf", &website_id(v.urls));
                    if let Some(id) = main_entity_id(info, data) {
                        page.reference("mainEntity", &id);
                    }
                    page.str("name", info.title).str("url", info.canonical);
                });
                nodes.object(|o| {
                    o.str("@id", &website_id(v.urls))
                        .str("@type", "WebSite")
                        .strs(
                            "inLanguage",
                            site.config.languages.iter().map(String::as_str),
                        )
                        .str("name", v.text(&site.config.title))
                        .reference("publisher", &publisher_id(v.urls))
                        .str("url", &v.urls.base_url);
                });
                nodes.object(|o| publisher(v, o));
                if !info.breadcrumbs.is_empty() {
                    nodes.object(|o| {
                        o.str("@id", &breadcrumbs_id)
                            .str("@type", "BreadcrumbList")
                            .array("itemListElement", |items| {
                                for (n, b) in info.breadcrumbs.iter().enumerate() {
                                    items.object(|o| {
                                        o.str("@type", "ListItem")
                                            .str(
                                                "item",
                                                &absolute_of(
                                                    v.urls,
                                                    b.at("url").as_str().unwrap_or(""),
                                                ),
                                            )
                                            .str_or_null("name", b.at("name").as_str())
                                            .value("position", &(n + 1));
                                    });
                                }
                                items.object(|o| {
                                    o.str("@type", "ListItem")
                                        .str("item", info.canonical)
                                        .str("name", info.title)
                                        .value("position", &(info.breadcrumbs.len() + 1));
                                });
                            });
                    });
                }
                main_entity(v, info, data, nodes);
            });
    });
    out
}
