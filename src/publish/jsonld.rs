//! schema.org JSON-LD for every page: a `WebPage` in a `@graph` with the
//! site (`WebSite`), its publisher (`GovernmentOrganization`), the
//! breadcrumbs (`BreadcrumbList`) and the page's main thing: `Product`,
//! `Organization` (producers), `GovernmentOrganization` (agencies),
//! `Brand`, `AdministrativeArea`, `Legislation`, `Report`, or a
//! `DataCatalog` of `Dataset`s on the open-data page.

use super::open_data::{self, LICENCE_URL, OpenData};
use crate::content::collection::Collection;
use crate::render::plan::PageKind;
use crate::render::urls::Urls;
use crate::render::value::Fields;
use crate::render::views::View;
use serde_json::{Value, json};

/// What the graph of one page is built from.
pub struct PageInfo<'a> {
    pub kind: PageKind,
    pub title: &'a str,
    pub canonical: &'a str,
    pub description: Option<&'a str>,
    /// `{name, url}` with root-relative URLs, as the page shows them.
    pub breadcrumbs: &'a [crate::render::value::Value],
}

/// Serialises for a `<script type="application/ld+json">` block: `<`, `>`
/// and `&` are written as JSON escapes so that no text from a record can
/// close the element or open another.
pub fn to_script(v: &Value) -> String {
    let json = serde_json::to_vec(v).unwrap_or_default();
    String::from_utf8(escape_for_script(json)).unwrap_or_default()
}

/// `json` with `<`, `>` and `&` written as JSON escapes. They are ASCII,
/// so in JSON text they only occur inside strings, where the escapes mean
/// the same characters.
fn escape_for_script(json: Vec<u8>) -> Vec<u8> {
    let special = |b: &u8| matches!(b, b'<' | b'>' | b'&');
    // Most graphs have none: one pass that the compiler can vectorise.
    if !json.iter().fold(false, |any, b| any | special(b)) {
        return json;
    }
    let mut out = Vec::with_capacity(json.len() + 64);
    for b in &json {
        match b {
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b'&' => out.extend_from_slice(b"\\u0026"),
            _ => out.push(*b),
        }
    }
    out
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

fn publisher(v: &View) -> Value {
    let site = v.site;
    let agency = site
        .config
        .contact
        .as_ref()
        .and_then(|c| c.agency.as_deref())
        .and_then(|a| site.index.get(Collection::Agencies, a));
    let mut node = json!({
        "@type": "GovernmentOrganization",
        "@id": publisher_id(v.urls),
        "name": match agency {
            Some(i) => v.text(&site.content.agencies[i].data.name).to_string(),
            None => v.text(&site.config.title).to_string(),
        },
        "url": match agency {
            Some(i) => record_url(v, Collection::Agencies, &site.content.agencies[i].slug),
            None => v.urls.base_url.clone(),
        },
    });
    if let Some(c) = &site.config.contact {
        if let Some(e) = &c.email {
            node["email"] = json!(e);
        }
        if let Some(p) = &c.phone {
            node["telephone"] = json!(p);
        }
    }
    node
}

fn organization_ref(v: &View, slug: &str) -> Value {
    match v.site.index.get(Collection::Producers, slug) {
        Some(i) => json!({
            "@type": "Organization",
            "name": v.text(&v.site.content.producers[i].data.name),
            "url": record_url(v, Collection::Producers, slug),
        }),
        None => Value::Null,
    }
}

fn agency_ref(v: &View, slug: &str) -> Value {
    match v.site.index.get(Collection::Agencies, slug) {
        Some(i) => json!({
            "@type": "GovernmentOrganization",
            "name": v.text(&v.site.content.agencies[i].data.name),
            "url": record_url(v, Collection::Agencies, slug),
        }),
        None => Value::Null,
    }
}

fn product(v: &View, i: usize, info: &PageInfo) -> Value {
    let site = v.site;
    let r = &site.content.products[i];
    let p = &r.data;
    let mut node = json!({
        "@type": "Product",
        "@id": format!("{}#product", info.canonical),
        "name": v.text(&p.name),
        "url": info.canonical,
        "productID": r.slug,
    });
    node["manufacturer"] = Value::Array(
        p.producers
            .iter()
            .map(|s| organization_ref(v, s))
            .filter(|x| !x.is_null())
            .collect(),
    );
    if let Some(d) = info.description {
        node["description"] = json!(d);
    }
    if let Some(c) = site.config.category(&p.category) {
        node["category"] = json!(v.text(c));
    }
    if !p.images.is_empty() {
        node["image"] = json!(
            p.images
                .iter()
                .map(|m| v.urls.absolute(&m.src))
                .collect::<Vec<_>>()
        );
    }
    if let Some(b) = p
        .brand
        .as_deref()
        .and_then(|b| site.index.get(Collection::Brands, b))
    {
        let brand = &site.content.brands[b];
        node["brand"] = json!({
            "@type": "Brand",
            "name": v.text(&brand.data.name),
            "url": record_url(v, Collection::Brands, &brand.slug),
        });
    }
    if let Some(o) = &p.ocop {
        node["award"] = json!(format!(
            "{} ({})",
            v.t("stars_title").replace("{n}", &o.stars.to_string()),
            o.decision
        ));
    }
    if let Some(price) = &p.price {
        let offer = match (price.min, price.max) {
            (Some(lo), Some(hi)) if lo != hi => Some(json!({
                "@type": "AggregateOffer",
                "lowPrice": open_data::model::number_value(lo),
                "highPrice": open_data::model::number_value(hi),
            })),
            (Some(x), _) | (None, Some(x)) => Some(json!({
                "@type": "Offer",
                "price": open_data::model::number_value(x),
            })),
            (None, None) => None,
        };
        if let Some(mut offer) = offer {
            offer["priceCurrency"] = json!("VND");
            offer["url"] = json!(info.canonical);
            offer["eligibleQuantity"] =
                json!({"@type": "QuantitativeValue", "value": 1, "unitText": price.unit});
            node["offers"] = offer;
        }
    }
    node
}

fn producer(v: &View, i: usize, info: &PageInfo) -> Value {
    let site = v.site;
    let r = &site.content.producers[i];
    let p = &r.data;
    let mut address = json!({"@type": "PostalAddress", "addressCountry": "VN"});
    if let Some(a) = &p.address {
        address["streetAddress"] = json!(v.text(a));
    }
    if let Some(c) = site.index.get(Collection::Communes, &p.commune) {
        address["addressLocality"] = json!(v.text(&site.content.communes[c].data.name));
    }
    let mut node = json!({
        "@type": "Organization",
        "@id": format!("{}#organization", info.canonical),
        "name": v.text(&p.name),
        "url": info.canonical,
    });
    node["address"] = address;
    if let Some(d) = info.description {
        node["description"] = json!(d);
    }
    if let Some(c) = &p.contact {
        if let Some(ph) = &c.phone {
            node["telephone"] = json!(ph.as_str());
        }
        if let Some(e) = &c.email {
            node["email"] = json!(e);
        }
        if let Some(w) = &c.website {
            node["sameAs"] = json!([w]);
        }
    }
    if let Some(d) = &p.established {
        node["foundingDate"] = json!(d.to_string());
    }
    if let Some(n) = &p.registration_no {
        node["identifier"] = json!(n.as_str());
    }
    if let Some(l) = p.location {
        node["location"] = json!({"@type": "Place", "geo": {"@type": "GeoCoordinates", "latitude": l.lat, "longitude": l.lon}});
    }
    let products: Vec<Value> = site.links.producer_products[i]
        .iter()
        .map(|&k| {
            let pr = &site.content.products[k];
            json!({"@type": "Offer", "itemOffered": {"@type": "Product", "name": v.text(&pr.data.name), "url": record_url(v, Collection::Products, &pr.slug)}})
        })
        .collect();
    if !products.is_empty() {
        node["makesOffer"] = Value::Array(products);
    }
    node
}

fn agency(v: &View, i: usize, info: &PageInfo) -> Value {
    let a = &v.site.content.agencies[i].data;
    let mut node = json!({
        "@type": "GovernmentOrganization",
        "@id": format!("{}#organization", info.canonical),
        "name": v.text(&a.name),
        "url": info.canonical,
    });
    if let Some(s) = &a.short {
        node["alternateName"] = json!(s);
    }
    if let Some(w) = &a.website {
        node["sameAs"] = json!([w]);
    }
    node
}

fn main_entity(v: &View, info: &PageInfo, data: Option<&OpenData>) -> Option<Value> {
    let site = v.site;
    let k = &site.content;
    match info.kind {
        PageKind::Detail(Collection::Products, i) => Some(product(v, i, info)),
        PageKind::Detail(Collection::Producers, i) => Some(producer(v, i, info)),
        PageKind::Detail(Collection::Agencies, i) => Some(agency(v, i, info)),
        PageKind::Detail(Collection::Brands, i) => {
            let b = &k.brands[i].data;
            let mut node =
                json!({"@type": "Brand", "name": v.text(&b.name), "url": info.canonical});
            if let Some(l) = &b.logo {
                node["logo"] = json!(v.urls.absolute(&l.src));
            }
            Some(node)
        }
        PageKind::Detail(Collection::Communes, i) => {
            let c = &k.communes[i].data;
            let mut node = json!({"@type": "AdministrativeArea", "name": v.text(&c.name), "url": info.canonical, "identifier": c.code.as_str()});
            if let Some(l) = c.location {
                node["geo"] =
                    json!({"@type": "GeoCoordinates", "latitude": l.lat, "longitude": l.lon});
            }
            Some(node)
        }
        PageKind::Detail(Collection::Directives, i) => {
            let d = &k.directives[i].data;
            let mut node = json!({
                "@type": "Legislation",
                "name": v.text(&d.title),
                "url": info.canonical,
                "legislationIdentifier": d.number.as_str(),
                "legislationDate": d.signed.to_string(),
            });
            node["legislationPassedBy"] = agency_ref(v, &d.issuer);
            Some(node)
        }
        PageKind::Detail(Collection::Reports, i) => {
            let r = &k.reports[i].data;
            let mut node = json!({
                "@type": if r.kind == crate::content::model::ReportKind::News { "NewsArticle" } else { "Report" },
                "headline": v.text(&r.title),
                "name": v.text(&r.title),
                "url": info.canonical,
                "datePublished": r.date.to_string(),
                "inLanguage": v.lang,
                "publisher": {"@id": publisher_id(v.urls)},
            });
            if let Some(a) = r.agency.as_deref() {
                node["author"] = agency_ref(v, a);
            }
            if let Some(n) = &r.number {
                node["reportNumber"] = json!(n.as_str());
            }
            if let Some(d) = info.description {
                node["description"] = json!(d);
            }
            Some(node)
        }
        PageKind::OpenData => data.map(|d| catalogue(v, info, d)),
        _ => None,
    }
}

/// The open-data page as a `DataCatalog` holding one `Dataset` per export.
fn catalogue(v: &View, info: &PageInfo, d: &OpenData) -> Value {
    let vi = v.lang == "vi";
    let datasets: Vec<Value> = d
        .exports
        .iter()
        .map(|e| {
            let distribution: Vec<Value> = [&e.csv, &e.json]
                .iter()
                .map(|f| {
                    json!({
                        "@type": "DataDownload",
                        "encodingFormat": f.media_type,
                        "contentUrl": f.url(v.urls),
                        "contentSize": format!("{} B", f.size),
                    })
                })
                .collect();
            let (name, about) = if vi {
                (e.table.title_vi, e.table.about_vi)
            } else {
                (e.table.title_en, e.table.about_en)
            };
            let mut set = json!({
                "@type": "Dataset",
                "@id": format!("{}#data-{}", info.canonical, e.table.key),
                "name": name,
                "description": about,
                "url": format!("{}#data-{}", info.canonical, e.table.key),
                "license": LICENCE_URL,
                "isAccessibleForFree": true,
                "inLanguage": v.site.config.languages,
                "dateModified": v.site.as_of.to_string(),
                "creator": {"@id": publisher_id(v.urls)},
                "publisher": {"@id": publisher_id(v.urls)},
                "variableMeasured": e.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
            });
            set["distribution"] = Value::Array(distribution);
            set
        })
        .collect();
    let mut node = json!({
        "@type": "DataCatalog",
        "@id": format!("{}#catalog", info.canonical),
        "name": info.title,
        "url": info.canonical,
        "license": LICENCE_URL,
        "publisher": {"@id": publisher_id(v.urls)},
    });
    node["dataset"] = Value::Array(datasets);
    node
}

/// The page's whole JSON-LD graph.
pub fn graph(v: &View, info: &PageInfo, data: Option<&OpenData>) -> Value {
    let site = v.site;
    let mut page = json!({
        "@type": "WebPage",
        "@id": info.canonical,
        "url": info.canonical,
        "name": info.title,
        "inLanguage": v.lang,
        "isPartOf": {"@id": website_id(v.urls)},
    });
    if let Some(d) = info.description {
        page["description"] = json!(d);
    }
    let mut nodes = vec![
        json!({
            "@type": "WebSite",
            "@id": website_id(v.urls),
            "name": v.text(&site.config.title),
            "url": v.urls.base_url,
            "inLanguage": site.config.languages,
            "publisher": {"@id": publisher_id(v.urls)},
        }),
        publisher(v),
    ];
    if !info.breadcrumbs.is_empty() {
        let mut items: Vec<Value> = info
            .breadcrumbs
            .iter()
            .enumerate()
            .map(|(n, b)| {
                json!({
                    "@type": "ListItem",
                    "position": n + 1,
                    "name": b.at("name").as_str(),
                    "item": absolute_of(v.urls, b.at("url").as_str().unwrap_or("")),
                })
            })
            .collect();
        items.push(json!({
            "@type": "ListItem",
            "position": items.len() + 1,
            "name": info.title,
            "item": info.canonical,
        }));
        page["breadcrumb"] = json!({"@id": format!("{}#breadcrumbs", info.canonical)});
        let mut list = json!({
            "@type": "BreadcrumbList",
            "@id": format!("{}#breadcrumbs", info.canonical),
        });
        list["itemListElement"] = Value::Array(items);
        nodes.push(list);
    }
    if let Some(main) = main_entity(v, info, data) {
        if let Some(id) = main.get("@id").cloned() {
            page["mainEntity"] = json!({"@id": id});
        }
        nodes.push(main);
    }
    nodes.insert(0, page);
    // Values put in `json!` are serialised again: the nodes are moved in.
    let mut graph = json!({"@context": "https://schema.org"});
    graph["@graph"] = Value::Array(nodes);
    graph
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_element() {
        let v = json!({"name": "</script><script>alert(1)</script> & co"});
        let s = to_script(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn script_text_escapes_only_the_three_characters() {
        let v = json!({"a <b>": "x & y \"é\"", "n": [1, "</"]});
        assert_eq!(
            to_script(&v),
            r#"{"a \u003cb\u003e":"x \u0026 y \"é\"","n":[1,"\u003c/"]}"#
        );
    }
}
