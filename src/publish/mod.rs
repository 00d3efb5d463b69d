//! Files for the host and for machines rather than for readers: security
//! headers, the sitemap and `robots.txt`, Atom feeds, open data, QR codes
//! and label sheets; and the structured data pages carry in their head.

pub mod feed;
pub mod headers;
pub mod jsonld;
pub mod labels;
pub mod meta;
pub mod open_data;
pub mod qr;
pub mod sitemap;

use crate::content::collection::Collection;
use crate::diagnostics::Diagnostic;
use crate::render::urls::Urls;
use crate::render::views::View;
use crate::render::{Renderer, Sink};

/// Every published file, by its path in the output, in a fixed order.
pub fn files(r: &Renderer) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let site = r.site;
    let urls = &r.urls;
    let default = site.default_language();
    let mut out: Vec<(String, Vec<u8>)> = vec![
        (
            "sitemap.xml".into(),
            sitemap::sitemap(site, urls).into_bytes(),
        ),
        ("robots.txt".into(), sitemap::robots(urls).into_bytes()),
    ];
    let mut errors = Vec::new();
    let publisher = open_data::publisher_name(site);
    for lang in &site.config.languages {
        let strings = r.theme.strings_for(lang, default);
        let v = View {
            site,
            lang,
            urls,
            strings: &strings,
        };
        out.push((feed::path(&v), feed::atom(&v, &publisher).into_bytes()));
        for c in [Collection::Products, Collection::Producers] {
            for i in 0..site.content.len(c) {
                let slug = site.content.slug_at(c, i).unwrap_or_default();
                let rel = Urls::record(&site.config, lang, c, slug);
                let name = match c {
                    Collection::Products => v.text(&site.content.products[i].data.name),
                    _ => v.text(&site.content.producers[i].data.name),
                };
                let alt = v.t("qr_alt").replace("{name}", name);
                match qr::svg(&urls.absolute(&rel), &alt) {
                    Ok(svg) => out.push((format!("{rel}{}", meta::QR_FILE), svg.into_bytes())),
                    Err(d) => errors.push(d),
                }
                if c == Collection::Products {
                    match labels::sheet(&v, i) {
                        Ok(svg) => out.push((format!("{rel}{}", labels::FILE), svg.into_bytes())),
                        Err(d) => errors.push(d),
                    }
                }
            }
        }
    }
    match open_data::build(site, urls) {
        Ok(data) => out.extend(
            data.files()
                .into_iter()
                .map(|(p, b)| (p.to_string(), b.to_vec())),
        ),
        Err(d) => errors.push(d),
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Writes every published file into `sink`.
pub fn write_all(r: &Renderer, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = files(r)?
        .iter()
        .filter_map(|(path, bytes)| sink.write(path, bytes).err())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
