//! The index files the search page reads, one set per language:
//!
//! - `index.json`: what the page needs first — the path the records' URLs
//!   are relative to, the number of records, the folder of this version's
//!   files, each collection's key, name and first record number, and the
//!   first word of each word chunk.
//! - `<version>/w<n>.json`: the words, folded as the page folds a query
//!   (lower case, no tone marks, `đ` as `d`), in byte order and cut into
//!   chunks of a few kilobytes, each word with the records it is found in.
//!   A word's records are numbers in ascending order, each written as
//!   `(number − previous) × 4 + field`, where field says where the word
//!   stands in the record: 3 its name, 2 its other names, 1 the names of
//!   what it belongs with or where it is, 0 its description.
//! - `<version>/d<n>.json`: records [`GROUP`] at a time, each as `[url,
//!   name, other names, related names, place, description, thumbnail]`.
//!
//! A query word loads only the chunks its words can be in, and a result
//! only its record's group. `<version>` is a hash of the files, so a
//! browser that cached an older `index.json` never mixes its numbers with
//! newer records.

use super::{Document, SEARCHED};
use crate::content::slug;
use crate::render::svg::digits;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The index's files: path under the output root, bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// Records per file of records: a page of 20 results loads at most 20
/// such files, each small.
pub const GROUP: usize = 8;

/// A word chunk is closed once it holds this many bytes of JSON; a single
/// word with more records makes a larger one.
const CHUNK_BYTES: usize = 8 * 1024;
/// Records whose words are found together.
const WORDS_BLOCK: usize = 1024;

/// Where a word stands in a record, from most to least telling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Text = 0,
    Related = 1,
    Alias = 2,
    Name = 3,
}

/// Where the words of `folded` text are, as the search page splits a
/// query: cut at everything but ASCII letters and digits.
fn word_spans(folded: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = None;
    folded
        .char_indices()
        .chain(std::iter::once((folded.len(), ' ')))
        .filter_map(move |(i, c)| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                start.get_or_insert(i);
                None
            } else {
                start.take().map(|s| s..i)
            }
        })
}

/// The words of `s` as the search page splits a query: folded, then cut
/// at everything but ASCII letters and digits.
#[cfg(test)]
fn words(s: &str) -> Vec<String> {
    let folded = slug::fold(s);
    word_spans(&folded)
        .map(|at| folded[at].to_string())
        .collect()
}

/// A record's words, folded into one text: each word once, as where it
/// stands in `text`, with the most telling field it is found in.
struct RecordWords {
    text: String,
    words: Vec<(std::ops::Range<usize>, Field)>,
}

impl RecordWords {
    fn iter(&self) -> impl Iterator<Item = (&str, Field)> {
        self.words
            .iter()
            .map(|(at, f)| (self.text.get(at.clone()).unwrap_or_default(), *f))
    }
}

/// Each word of a record once, with the most telling field it is found in.
/// The words are places in one folded text, not a string each: a record
/// has hundreds, and most are already in the index.
fn record_words(d: &Document) -> RecordWords {
    let mut text = String::new();
    let mut words = Vec::new();
    let mut add = |part: &str, f: Field| {
        let start = text.len();
        text.push_str(&slug::fold(part));
        text.push(' ');
        words.extend(word_spans(&text[start..]).map(|at| (start + at.start..start + at.end, f)));
    };
    add(&d.title, Field::Name);
    for a in &d.aliases {
        add(a, Field::Alias);
    }
    for r in &d.related {
        add(r, Field::Related);
    }
    if let Some(p) = &d.place {
        add(p, Field::Related);
    }
    if let Some(s) = &d.summary {
        add(s, Field::Text);
    }
    // The best field of each word first, then one entry per word.
    let word = |at: &std::ops::Range<usize>| text.get(at.clone()).unwrap_or_default();
    words.sort_unstable_by(|a, b| word(&a.0).cmp(word(&b.0)).then(b.1.cmp(&a.1)));
    words.dedup_by(|later, first| word(&later.0) == word(&first.0));
    RecordWords { text, words }
}

/// Builds one index for each of `languages` from its documents among
/// `docs` (a language without any still gets an empty index, which its
/// search page can read) and returns the files, paths under [`super::DIR`].
pub fn index(languages: &[String], docs: &[Document], base_path: &str) -> Files {
    languages
        .iter()
        .flat_map(|lang| {
            let mine: Vec<&Document> = docs.iter().filter(|d| d.lang == *lang).collect();
            index_one(lang, &mine, base_path)
        })
        .collect()
}

fn index_one(lang: &str, docs: &[&Document], base_path: &str) -> Files {
    // Word → records, ascending, each as record × 4 + field (as the index
    // writes them, but not yet as differences): four bytes where a pair
    // took sixteen, hundreds of thousands of times on a large site.
    // Found in parallel a block at a time: every record's words at once
    // would hold tens of megabytes.
    // Hashed with ahash: the words are the site's own, and the order is
    // the sort's below, not the map's.
    let mut postings: ahash::AHashMap<String, Vec<u32>> = ahash::AHashMap::new();
    for (b, block) in docs.chunks(WORDS_BLOCK).enumerate() {
        let each: Vec<RecordWords> = block.par_iter().map(|d| record_words(d)).collect();
        for (k, words) in each.iter().enumerate() {
            for (w, f) in words.iter() {
                let entry = ((b * WORDS_BLOCK + k) as u32) << 2 | f as u32;
                match postings.get_mut(w) {
                    Some(list) => list.push(entry),
                    None => {
                        postings.insert(w.to_string(), vec![entry]);
                    }
                }
            }
        }
    }
    let mut postings: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut chunks: Vec<(String, String)> = Vec::new();
    let mut current = String::new();
    let mut first_word = String::new();
    for (word, list) in &postings {
        if current.is_empty() {
            first_word.clone_from(word);
            current.push('{');
        } else {
            current.push(',');
        }
        // Words are ASCII letters and digits: nothing to escape.
        let _ = write!(current, "\"{word}\":[");
        let mut previous = 0;
        for (k, entry) in list.iter().enumerate() {
            if k > 0 {
                current.push(',');
            }
            let doc = entry >> 2;
            let mut buf = [0u8; 20];
            let n = digits(u64::from((doc - previous) * 4 + (entry & 3)), &mut buf);
            // Digits are ASCII.
            current.push_str(std::str::from_utf8(n).unwrap_or_default());
            previous = doc;
        }
        current.push(']');
        if current.len() >= CHUNK_BYTES {
            current.push('}');
            chunks.push((
                std::mem::take(&mut first_word),
                std::mem::take(&mut current),
            ));
        }
    }
    if !current.is_empty() {
        current.push('}');
        chunks.push((first_word, current));
    }
    let groups: Vec<String> = docs.par_chunks(GROUP).map(group_json).collect();

    let mut hash = Sha256::new();
    for (_, c) in &chunks {
        hash.update(c.as_bytes());
    }
    for g in &groups {
        hash.update(g.as_bytes());
    }
    let version: String = hash.finalize()[..5]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    let dir = super::bundle(lang);
    let mut collections = Vec::new();
    for c in SEARCHED {
        let key = crate::render::urls::section_of(c).unwrap_or("pages");
        if let Some(start) = docs.iter().position(|d| d.collection == key) {
            collections.push(serde_json::json!([key, docs[start].kind, start]));
        }
    }
    let meta = serde_json::json!({
        "base": base_path,
        "docs": docs.len(),
        "group": GROUP,
        "version": format!("{version}/"),
        "collections": collections,
        "chunks": chunks.iter().map(|(w, _)| w).collect::<Vec<_>>(),
    });
    let mut files: Files = Vec::with_capacity(chunks.len() + groups.len() + 1);
    files.push((format!("{dir}index.json"), meta.to_string().into_bytes()));
    for (n, (_, c)) in chunks.into_iter().enumerate() {
        files.push((format!("{dir}{version}/w{n}.json"), c.into_bytes()));
    }
    for (n, g) in groups.into_iter().enumerate() {
        files.push((format!("{dir}{version}/d{n}.json"), g.into_bytes()));
    }
    files
}

/// One file of records.
fn group_json(docs: &[&Document]) -> String {
    let records: Vec<serde_json::Value> = docs
        .iter()
        .map(|d| {
            serde_json::json!([
                d.url, d.title, d.aliases, d.related, d.place, d.summary, d.image
            ])
        })
        .collect();
    serde_json::Value::Array(records).to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use serde_json::Value;
    use std::collections::{BTreeMap, BTreeSet};

    fn doc(lang: &str, collection: &'static str, title: &str) -> Document {
        Document {
            lang: lang.into(),
            url: format!("{collection}/{}/", slug::propose(title)),
            kind: collection.to_uppercase(),
            collection,
            title: title.into(),
            aliases: Vec::new(),
            related: Vec::new(),
            place: None,
            image: None,
            summary: None,
        }
    }

    /// Reads the index back as the search page does: every record whose
    /// words start with `q`, with the best field.
    fn lookup(files: &Files, lang: &str, q: &str) -> BTreeMap<usize, u64> {
        let get = |p: &str| -> Value {
            let (_, b) = files.iter().find(|(n, _)| n == p).expect(p);
            serde_json::from_slice(b).unwrap()
        };
        let meta = get(&format!("search-index/{lang}/index.json"));
        let version = meta["version"].as_str().unwrap();
        let chunks = meta["chunks"].as_array().unwrap();
        let mut found = BTreeMap::new();
        for (n, first) in chunks.iter().enumerate() {
            let chunk = get(&format!("search-index/{lang}/{version}w{n}.json"));
            for (w, list) in chunk.as_object().unwrap() {
                assert!(w.as_str() >= first.as_str().unwrap(), "{w} out of order");
                if !w.starts_with(q) {
                    continue;
                }
                let mut doc = 0;
                for v in list.as_array().unwrap() {
                    let v = v.as_u64().unwrap();
                    doc += (v >> 2) as usize;
                    let e = found.entry(doc).or_insert(0);
                    *e = (*e).max(v & 3);
                }
            }
        }
        found
    }

    #[test]
    fn words_fold_as_the_page_folds_a_query() {
        let w = words("Đào Bắc Sơn, hồi-2024 (ƯỚT)");
        assert_eq!(w, ["dao", "bac", "son", "hoi", "2024", "uot"]);
    }

    #[test]
    fn every_record_is_found_by_its_words_with_its_best_field() {
        let mut docs = Vec::new();
        // Enough records for several chunks and groups.
        for i in 0..400 {
            let mut d = doc("vi", "products", &format!("Hồi khô số{i}"));
            d.related.push("Nhãn hiệu Lạng Sơn".into());
            d.summary = Some(format!("Đặc sản {} của xứ Lạng", i % 7));
            docs.push(d);
        }
        let mut commune = doc("vi", "communes", "Đồng Đăng");
        commune.aliases.push("huyện Cao Lộc".into());
        commune.summary = Some("Cửa khẩu hồi".into());
        docs.push(commune);
        let mut en = doc("en", "products", "Star anise");
        en.aliases.push("Đồng Đăng".into());
        docs.push(en);

        let files = index(&["vi".into(), "en".into()], &docs, "/sub/");
        let found = lookup(&files, "vi", "hoi");
        // Every product by its name, the commune by its description.
        assert_eq!(found.len(), 401);
        assert!((0..400).all(|i| found[&i] == Field::Name as u64));
        assert_eq!(found[&400], Field::Text as u64);
        // `lang` is in every product's related names and descriptions.
        let lang = lookup(&files, "vi", "lang");
        assert_eq!(lang.len(), 400);
        assert!(lang.values().all(|f| *f == Field::Related as u64));
        // A prefix reaches longer words; numbers are words.
        assert_eq!(
            lookup(&files, "vi", "so3")
                .keys()
                .copied()
                .collect::<BTreeSet<_>>(),
            [3, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]
                .into_iter()
                .chain(300..400)
                .collect()
        );
        assert_eq!(
            lookup(&files, "vi", "dong").into_iter().collect::<Vec<_>>(),
            [(400, Field::Name as u64)]
        );
        assert!(lookup(&files, "vi", "star").is_empty());
        // English has its own index, numbered from 0.
        assert_eq!(
            lookup(&files, "en", "dang").into_iter().collect::<Vec<_>>(),
            [(0, Field::Alias as u64)]
        );

        let meta: Value = serde_json::from_slice(&files[0].1).unwrap();
        assert_eq!(meta["docs"], 401);
        assert_eq!(meta["base"], "/sub/");
        assert!(meta["chunks"].as_array().unwrap().len() > 1);
        assert_eq!(
            meta["collections"],
            serde_json::json!([["products", "PRODUCTS", 0], ["communes", "COMMUNES", 400]])
        );
        // Records by group: record 400 is the first of group 50.
        let version = meta["version"].as_str().unwrap();
        let (_, g) = files
            .iter()
            .find(|(n, _)| *n == format!("search-index/vi/{version}d50.json"))
            .unwrap();
        let g: Value = serde_json::from_slice(g).unwrap();
        assert_eq!(g[0][0], "communes/dong-dang/");
        assert_eq!(g[0][1], "Đồng Đăng");
        assert_eq!(g[0][2][0], "huyện Cao Lộc");
    }

    #[test]
    fn a_language_without_records_has_an_empty_index() {
        let files = index(
            &["vi".into(), "en".into()],
            &[doc("vi", "products", "Hồi")],
            "/",
        );
        let meta: Value = serde_json::from_slice(
            &files
                .iter()
                .find(|(n, _)| n == "search-index/en/index.json")
                .expect("an English index")
                .1,
        )
        .unwrap();
        assert_eq!(meta["docs"], 0);
        assert_eq!(meta["chunks"], serde_json::json!([]));
        assert!(lookup(&files, "en", "hoi").is_empty());
        assert_eq!(lookup(&files, "vi", "hoi").len(), 1);
    }

    #[test]
    fn the_version_follows_the_records() {
        let a = vec![doc("vi", "products", "Hồi")];
        let mut b = a.clone();
        b[0].summary = Some("Khô".into());
        let version = |f: &Files| {
            let meta: Value = serde_json::from_slice(&f[0].1).unwrap();
            meta["version"].as_str().unwrap().to_string()
        };
        let vi = ["vi".to_string()];
        assert_eq!(version(&index(&vi, &a, "/")), version(&index(&vi, &a, "/")));
        assert_ne!(version(&index(&vi, &a, "/")), version(&index(&vi, &b, "/")));
    }
}
