//! Open data: every collection as JSON and as CSV, the data dictionary,
//! the licence and a DCAT-style catalogue (`data.json`), all generated
//! from the one table in [`tables`].
//!
//! CSV files start with a UTF-8 byte order mark so that Excel, which
//! otherwise guesses a legacy code page, shows Vietnamese correctly; lists
//! are joined with `; `. JSON files are arrays of objects with the same
//! keys as the CSV columns.

pub mod model;
pub mod tables;

use crate::diagnostics::{Code, Diagnostic};
use crate::render::Sink;
use crate::render::urls::Urls;
use crate::site::Site;
use model::{Ctx, Field, Table};
use rayon::prelude::*;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Value, json};
use std::io::Write;

/// The folder of the downloads, at the root of the output (`data` is a
/// reserved slug).
pub const DIR: &str = "data";
/// The DCAT-style catalogue, at the root of the output as open-data
/// harvesters expect it.
pub const CATALOGUE: &str = "data.json";
pub const LICENCE_NAME: &str = "CC BY 4.0";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";
/// Between the items of a list in a CSV cell.
pub const LIST_SEPARATOR: &str = "; ";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One file of the open data, with the numbers the open-data page shows.
pub struct Download {
    pub path: String,
    /// Its size in bytes.
    pub size: usize,
    pub media_type: &'static str,
}

/// Where each file goes as it is made.
type Put<'a> = &'a dyn Sink;

impl Download {
    fn put(
        put: Put,
        path: String,
        bytes: Vec<u8>,
        media_type: &'static str,
    ) -> Result<Self, Diagnostic> {
        put.write(&path, &bytes)?;
        Ok(Download {
            path,
            size: bytes.len(),
            media_type,
        })
    }
}

/// A table's two downloads and its record count.
pub struct Export {
    pub table: Table,
    pub fields: Vec<Field>,
    pub records: usize,
    pub json: Download,
    pub csv: Download,
}

/// Everything the open data consists of.
pub struct OpenData {
    pub exports: Vec<Export>,
    pub dictionary_json: Download,
    pub dictionary_csv: Download,
    pub licence: Download,
    pub catalogue: Download,
}

/// An object whose keys keep the order of the fields.
struct Ordered<'a>(&'a [Field], &'a [Value]);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (f, v) in self.0.iter().zip(self.1) {
            m.serialize_entry(&f.name, v)?;
        }
        m.end()
    }
}

fn out_err(what: &str, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(Code::Output).detail(format!("cannot write {what}: {e}"))
}

/// Writes a table as JSON (an array of objects, into `json`) and as CSV
/// (into `csv`) one record at a time, so that neither every record's values
/// nor the files are held; returns the number of records.
fn write_table(
    table: &Table,
    fields: &[Field],
    ctx: &Ctx,
    json: &mut dyn Write,
    csv: &mut dyn Write,
) -> std::io::Result<usize> {
    let n = (table.len)(ctx.site);
    csv.write_all(BOM)?;
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(csv);
    csv.write_record(fields.iter().map(|f| &f.name))?;
    // serde_json writes a value a few bytes at a time: into a buffer of a
    // known type (each write a copy in place) rather than through `dyn`.
    let mut json = std::io::BufWriter::with_capacity(1 << 16, json);
    let mut ser = serde_json::Serializer::pretty(&mut json);
    let mut seq = ser.serialize_seq(Some(n))?;
    for i in 0..n {
        let row = table.row(ctx, i);
        seq.serialize_element(&Ordered(fields, &row))?;
        csv.write_record(row.iter().map(|v| Cell(csv_cell(v))))?;
    }
    SerializeSeq::end(seq)?;
    json.write_all(b"\n")?;
    json.flush()?;
    csv.flush()?;
    Ok(n)
}

/// A cell as the CSV writer takes it, without copying text cells.
struct Cell<'a>(std::borrow::Cow<'a, str>);

impl AsRef<[u8]> for Cell<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// A value as CSV writes it: lists joined, nothing for null.
pub fn csv_cell(v: &Value) -> std::borrow::Cow<'_, str> {
    match v {
        Value::Null => "".into(),
        Value::String(s) => s.as_str().into(),
        Value::Array(items) => items
            .iter()
            .map(csv_cell)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR)
            .into(),
        other => other.to_string().into(),
    }
}

/// CSV with a BOM and CRLF line ends (RFC 4180, and what Excel expects).
fn csv_bytes(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, Diagnostic> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(header).map_err(|e| out_err("CSV", e))?;
    for r in rows {
        w.write_record(r).map_err(|e| out_err("CSV", e))?;
    }
    w.into_inner().map_err(|e| out_err("CSV", e))
}

/// The data dictionary, as JSON and as CSV (one row per field).
fn dictionary(exports: &[Export], put: Put) -> Result<(Download, Download), Diagnostic> {
    let tables: Vec<Value> = exports
        .iter()
        .map(|e| {
            json!({
                "table": e.table.key,
                "title": {"vi": e.table.title_vi, "en": e.table.title_en},
                "description": {"vi": e.table.about_vi, "en": e.table.about_en},
                "files": [e.json.path, e.csv.path],
                "fields": e.fields.iter().map(|f| json!({
                    "name": f.name,
                    "type": f.kind.token(),
                    "values": f.kind.values(),
                    "required": f.required,
                    "meaning": {"vi": f.vi, "en": f.en},
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "list_separator": LIST_SEPARATOR,
        "tables": tables,
    });
    let mut j = serde_json::to_vec_pretty(&doc).map_err(|e| out_err("JSON", e))?;
    j.push(b'\n');
    let header: Vec<String> = [
        "table",
        "field",
        "type",
        "values",
        "required",
        "meaning_vi",
        "meaning_en",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = exports
        .iter()
        .flat_map(|e| {
            e.fields.iter().map(|f| {
                vec![
                    e.table.key.to_string(),
                    f.name.clone(),
                    f.kind.token().to_string(),
                    f.kind.values(),
                    f.required.to_string(),
                    f.vi.clone(),
                    f.en.clone(),
                ]
            })
        })
        .collect();
    let c = csv_bytes(&header, &rows)?;
    Ok((
        Download::put(put, format!("{DIR}/dictionary.json"), j, "application/json")?,
        Download::put(put, format!("{DIR}/dictionary.csv"), c, "text/csv")?,
    ))
}

fn licence(site: &Site, urls: &Urls, put: Put) -> Result<Download, Diagnostic> {
    let title = site.config.title.default_text(site.default_language());
    let text = format!(
        "{title}\n{base}\n\n\
Dữ liệu mở của cổng được cấp phép theo giấy phép Creative Commons Ghi công 4.0 Quốc tế ({LICENCE_NAME}).\n\
Bạn được tự do sao chép, phân phối, chỉnh sửa và sử dụng dữ liệu, kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn: \"{title}, {base}\".\n\
Số liệu tính đến ngày {as_of}.\n\n\
The portal's open data is licensed under the Creative Commons Attribution 4.0 International licence ({LICENCE_NAME}).\n\
You are free to copy, share, adapt and use the data, also commercially, provided you credit the source: \"{title}, {base}\".\n\
Figures as of {as_of}.\n\n\
{LICENCE_URL}\n",
        base = urls.base_url,
        as_of = site.as_of,
    );
    Download::put(
        put,
        format!("{DIR}/LICENSE.txt"),
        text.into_bytes(),
        "text/plain",
    )
}

/// The open-data page's address in the default language.
pub fn landing_page(site: &Site, urls: &Urls) -> String {
    urls.absolute(&Urls::section(
        &site.config,
        site.default_language(),
        "open_data",
    ))
}

/// The agency that publishes the data (the site's contact agency), or the
/// site itself.
pub fn publisher_name(site: &Site) -> String {
    let default = site.default_language();
    site.config
        .contact
        .as_ref()
        .and_then(|c| c.agency.as_deref())
        .and_then(|a| {
            site.index
                .get(crate::content::collection::Collection::Agencies, a)
        })
        .map(|i| site.content.agencies[i].data.name.default_text(default))
        .unwrap_or_else(|| site.config.title.default_text(default))
        .to_string()
}

fn catalogue(
    site: &Site,
    urls: &Urls,
    exports: &[Export],
    dictionary: &Download,
    put: Put,
) -> Result<Download, Diagnostic> {
    let default = site.default_language();
    let landing = landing_page(site, urls);
    let publisher = json!({"@type": "org:Organization", "name": publisher_name(site)});
    let email = site.config.contact.as_ref().and_then(|c| c.email.clone());
    let contact = json!({
        "@type": "vcard:Contact",
        "fn": publisher_name(site),
        "hasEmail": email.map(|e| format!("mailto:{e}")),
    });
    let datasets: Vec<Value> = exports
        .iter()
        .map(|e| {
            let title = if default == "vi" {
                e.table.title_vi
            } else {
                e.table.title_en
            };
            let about = if default == "vi" {
                e.table.about_vi
            } else {
                e.table.about_en
            };
            json!({
                "@type": "dcat:Dataset",
                "identifier": urls.absolute(&format!("{DIR}/{}", e.table.key)),
                "title": title,
                "description": about,
                "keyword": [e.table.key, "Lạng Sơn", "OCOP", "open data"],
                "modified": site.as_of.to_string(),
                "publisher": publisher,
                "contactPoint": contact,
                "accessLevel": "public",
                "license": LICENCE_URL,
                "language": site.config.languages,
                "landingPage": format!("{landing}#data-{}", e.table.key),
                "describedBy": urls.absolute(&dictionary.path),
                "describedByType": "application/json",
                "distribution": [e.json.distribution(urls, title), e.csv.distribution(urls, title)],
            })
        })
        .collect();
    let doc = json!({
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "title": site.config.title.default_text(default),
        "homepage": urls.base_url,
        "dataset": datasets,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).map_err(|e| out_err("data.json", e))?;
    bytes.push(b'\n');
    Download::put(put, CATALOGUE.to_string(), bytes, "application/json")
}

impl Download {
    pub fn url(&self, urls: &Urls) -> String {
        urls.absolute(&self.path)
    }

    pub fn format(&self) -> &'static str {
        match self.media_type {
            "text/csv" => "CSV",
            "application/json" => "JSON",
            _ => "TXT",
        }
    }

    fn distribution(&self, urls: &Urls, title: &str) -> Value {
        json!({
            "@type": "dcat:Distribution",
            "title": format!("{title} ({})", self.format()),
            "downloadURL": self.url(urls),
            "mediaType": self.media_type,
            "format": self.format(),
            "byteSize": self.size,
        })
    }
}

/// Makes every open-data file, hands each to `put`, and keeps what the
/// open-data page and its structured data show of them.
pub fn build(site: &Site, urls: &Urls, put: Put) -> Result<OpenData, Diagnostic> {
    let ctx = Ctx { site, urls };
    let languages = &site.config.languages;
    // One table per collection, each made on its own.
    let exports = tables::tables()
        .into_par_iter()
        .map(|table| {
            let fields = table.fields(languages);
            let json_path = format!("{DIR}/{}.json", table.key);
            let csv_path = format!("{DIR}/{}.csv", table.key);
            // Both files are open at once: each record is made once for both.
            let (mut records, mut csv_size) = (0, 0);
            let mut csv_error = None;
            let json_size = put.write_with(&json_path, &mut |json| {
                let csv = put.write_with(&csv_path, &mut |csv| {
                    records = write_table(&table, &fields, &ctx, json, csv)?;
                    Ok(())
                });
                match csv {
                    Ok(n) => {
                        csv_size = n;
                        Ok(())
                    }
                    Err(d) => {
                        csv_error = Some(d);
                        Err(std::io::Error::other("the CSV file was not written"))
                    }
                }
            });
            if let Some(d) = csv_error {
                return Err(d);
            }
            let json_size = json_size?;
            Ok(Export {
                json: Download {
                    path: json_path,
                    size: json_size as usize,
                    media_type: "application/json",
                },
                csv: Download {
                    path: csv_path,
                    size: csv_size as usize,
                    media_type: "text/csv",
                },
                records,
                fields,
                table,
            })
        })
        .collect::<Result<Vec<Export>, Diagnostic>>()?;
    let (dictionary_json, dictionary_csv) = dictionary(&exports, put)?;
    let catalogue = catalogue(site, urls, &exports, &dictionary_json, put)?;
    Ok(OpenData {
        licence: licence(site, urls, put)?,
        exports,
        dictionary_json,
        dictionary_csv,
        catalogue,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_join_lists_and_leave_nulls_empty() {
        assert_eq!(csv_cell(&json!(["a", "b"])), "a; b");
        assert_eq!(csv_cell(&Value::Null), "");
        assert_eq!(csv_cell(&json!(2300)), "2300");
        assert_eq!(csv_cell(&json!(true)), "true");
        assert_eq!(csv_cell(&json!("Hồi")), "Hồi");
    }

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_it_must() {
        let b = csv_bytes(
            &["a".into(), "b".into()],
            &[vec!["x, y".into(), "Quýt \"vàng\"".into()]],
        )
        .unwrap();
        assert!(b.starts_with(BOM));
        let s = String::from_utf8(b[3..].to_vec()).unwrap();
        assert_eq!(s, "a,b\r\n\"x, y\",\"Quýt \"\"vàng\"\"\"\r\n");
    }
}
