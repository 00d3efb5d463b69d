//! Files for the host and for machines rather than for readers: security
//! headers, the sitemap and `robots.txt`, Atom feeds, open data, QR codes
//! and label sheets, the search index (built apart, see `build.rs`); and the
//! structured data pages carry in their head.

pub mod feed;
pub mod headers;
mod json_writer;
pub mod jsonld;
pub mod labels;
pub mod meta;
pub mod open_data;
pub mod qr;
pub mod search;
pub mod sitemap;

use crate::content::collection::Collection;
use crate::diagnostics::Diagnostic;
use crate::render::urls::Urls;
use crate::render::{Renderer, Sink};
use rayon::prelude::*;

/// The records that have a QR code (and, for products, a label sheet).
pub fn coded_records(r: &Renderer) -> Vec<(Collection, usize)> {
    let content = &r.site.content;
    [Collection::Products, Collection::Producers]
        .into_iter()
        .flat_map(|c| (0..content.len(c)).map(move |i| (c, i)))
        .collect()
}

/// The files made from the whole site: sitemap, `robots.txt` and feeds
/// (the open data is written apart, before the pages, by
/// [`Renderer::publish_open_data`]).
pub fn site_files(r: &Renderer) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let site = r.site;
    let urls = &r.urls;
    let mut out: Vec<(String, Vec<u8>)> = vec![
        (
            "sitemap.xml".into(),
            sitemap::sitemap(site, urls).into_bytes(),
        ),
        ("robots.txt".into(), sitemap::robots(urls).into_bytes()),
    ];
    let publisher = open_data::publisher_name(site);
    for lang in &site.config.languages {
        let v = r.view(lang);
        out.push((feed::path(&v), feed::atom(&v, &publisher).into_bytes()));
    }
    Ok(out)
}

/// The QR code of each of `items` (products and producers) in every
/// language, and each product's label sheet.
pub fn record_files(
    r: &Renderer,
    items: &[(Collection, usize)],
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let out = std::sync::Mutex::new(Vec::new());
    each_record_file(r, items, &|path, bytes| {
        if let Ok(mut v) = out.lock() {
            v.push((path, bytes));
        }
        Ok(())
    })?;
    let mut out = out.into_inner().unwrap_or_default();
    out.sort();
    Ok(out)
}

/// Makes the QR codes and label sheets of `items` and hands each file to
/// `put` as soon as it is made, so that a build holds none of them for long.
fn each_record_file(
    r: &Renderer,
    items: &[(Collection, usize)],
    put: &(dyn Fn(String, Vec<u8>) -> Result<(), Diagnostic> + Sync),
) -> Result<(), Vec<Diagnostic>> {
    let site = r.site;
    let urls = &r.urls;
    let mut errors = Vec::new();
    for lang in &site.config.languages {
        let v = r.view(lang);
        // Encoding QR codes is the costly part: each page's code is encoded
        // once, for its QR file and its label sheet, in parallel.
        let failed: Vec<Diagnostic> = items
            .par_iter()
            .filter(|(c, _)| matches!(c, Collection::Products | Collection::Producers))
            .filter_map(|&(c, i)| {
                let made = (|| {
                    let slug = site.content.slug_at(c, i).unwrap_or_default();
                    let rel = Urls::record(&site.config, lang, c, slug);
                    let name = match c {
                        Collection::Products => v.text(&site.content.products[i].data.name),
                        _ => v.text(&site.content.producers[i].data.name),
                    };
                    let alt = v.t("qr_alt").replace("{name}", name);
                    let m = qr::encode(&urls.absolute(&rel))?;
                    put(
                        format!("{rel}{}", meta::QR_FILE),
                        qr::svg_of(&m, &alt).into_bytes(),
                    )?;
                    if c == Collection::Products {
                        put(
                            format!("{rel}{}", labels::FILE),
                            labels::sheet_with(&v, i, &m)?.into_bytes(),
                        )?;
                    }
                    Ok(())
                })();
                made.err()
            })
            .collect();
        errors.extend(failed);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Collects what is written into it, for `serve`, which serves files from
/// memory.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<(String, Vec<u8>)>>);

impl Collect {
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.0.into_inner().unwrap_or_default()
    }
}

impl Sink for Collect {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if let Ok(mut v) = self.0.lock() {
            v.push((rel.to_string(), bytes.to_vec()));
        }
        Ok(())
    }
}

/// Writes every published file but the open data (see
/// [`Renderer::publish_open_data`]) into `sink`.
pub fn write_all(r: &Renderer, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let mut errors: Vec<Diagnostic> = site_files(r)?
        .par_iter()
        .filter_map(|(path, bytes)| sink.write(path, bytes).err())
        .collect();
    if let Err(e) = each_record_file(r, &coded_records(r), &|path, bytes| {
        sink.write(&path, &bytes)
    }) {
        errors.extend(e);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
