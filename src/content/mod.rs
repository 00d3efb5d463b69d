//! Loading `content/`: walking the folders, reading each file, splitting
//! front matter, turning YAML into typed records, and gathering translated
//! bodies. Nothing here knows about URLs, templates or output.

pub mod collection;
pub mod date;
pub mod figure;
pub mod history;
pub mod links;
pub mod localised;
pub mod model;
mod patch;
pub mod slug;
pub mod source;
pub mod yaml;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic};
use collection::{Collection, Model};
use model::*;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;
use yaml::{YamlSource, from_yaml};

pub use patch::{collection_of, patch};

/// A Markdown body and where it sits.
#[derive(Debug, Clone)]
pub struct Body {
    /// Shared, so that a rebuild reuses unchanged bodies without copying.
    pub text: Arc<str>,
    pub file: PathBuf,
    /// The line of the file where the body starts.
    pub line: usize,
    /// Its `@/` links, found once when the file is read.
    pub links: Vec<links::InternalLink>,
}

impl Body {
    pub fn new(text: Arc<str>, file: PathBuf, line: usize) -> Body {
        let links = links::internal_links(&text);
        Body {
            text,
            file,
            line,
            links,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Record<T> {
    pub slug: String,
    /// The record's file, relative to the site folder.
    pub file: PathBuf,
    pub data: T,
    /// The body in the default language.
    pub body: Option<Body>,
    /// Bodies in other languages, by language.
    pub translations: BTreeMap<String, Body>,
}

impl<T> Record<T> {
    /// The body in `lang`, falling back to the default language; the flag
    /// says whether it is a fallback.
    pub fn body_in(&self, lang: &str) -> Option<(&Body, bool)> {
        match self.translations.get(lang) {
            Some(b) => Some((b, false)),
            None => self.body.as_ref().map(|b| (b, true)),
        }
    }
}

/// Every record of the site, each collection sorted by slug.
#[derive(Debug, Default)]
pub struct Content {
    pub products: Vec<Record<Product>>,
    pub brands: Vec<Record<Brand>>,
    pub producers: Vec<Record<Producer>>,
    pub communes: Vec<Record<Commune>>,
    pub agencies: Vec<Record<Agency>>,
    pub chains: Vec<Record<Chain>>,
    pub directives: Vec<Record<Directive>>,
    pub indicators: Vec<Record<Indicator>>,
    pub reports: Vec<Record<Report>>,
    pub pages: Vec<Record<Page>>,
    /// Slugs of draft records left out of this build, by collection.
    pub drafts: HashSet<(Collection, String)>,
    /// Records whose file has an error: they exist, so references to them
    /// are not reported a second time.
    pub broken: HashSet<(Collection, String)>,
    /// When each file was last changed, from git history (empty outside
    /// a git repository).
    pub changed: HashMap<PathBuf, date::Date>,
    /// Files under `content/` outside the collections (media), relative to
    /// `content/`, with `/` separators.
    pub media: BTreeSet<String>,
}

pub struct LoadOptions {
    pub drafts: bool,
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            drafts: false,
            max_file_bytes: source::DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// A file found in a collection folder.
struct Found {
    collection: Collection,
    path: PathBuf,
    shown: PathBuf,
    kind: FileKind,
}

#[derive(Clone)]
enum FileKind {
    Yaml(String),
    Markdown(String),
    Translation { slug: String, lang: String },
}

// Each value lives only between parsing and sorting into `Content`.
#[derive(Clone)]
#[allow(clippy::large_enum_variant)]
enum Parsed {
    Record {
        collection: Collection,
        slug: String,
        shown: PathBuf,
        any: AnyRecord,
    },
    Translation {
        collection: Collection,
        slug: String,
        lang: String,
        body: Body,
    },
}

#[derive(Clone)]
#[allow(clippy::large_enum_variant)]
enum AnyRecord {
    Products(Record<Product>),
    Brands(Record<Brand>),
    Producers(Record<Producer>),
    Communes(Record<Commune>),
    Agencies(Record<Agency>),
    Chains(Record<Chain>),
    Directives(Record<Directive>),
    Indicators(Record<Indicator>),
    Reports(Record<Report>),
    Pages(Record<Page>),
}

fn shown_path(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Loads every record under `root/content`.
pub fn load(root: &Path, config: &Config, opts: &LoadOptions) -> (Content, Vec<Diagnostic>) {
    load_cached(root, config, opts, &mut Cache::default())
}

/// What a file parsed to, kept between loads so that a rebuild re-parses
/// only the files that changed (by size and modification time). The
/// default cache keeps nothing: a single build has no use for a second copy
/// of every record.
#[derive(Default)]
pub struct Cache {
    files: HashMap<PathBuf, CachedFile>,
    /// Git history, read once per cache.
    history: Option<HashMap<PathBuf, date::Date>>,
    keep: bool,
}

#[derive(Clone)]
struct CachedFile {
    len: u64,
    modified: Option<std::time::SystemTime>,
    parsed: Result<Parsed, Diagnostic>,
}

impl Cache {
    /// A cache that keeps what each file parsed to between loads.
    pub fn keeping() -> Self {
        Cache {
            keep: true,
            ..Cache::default()
        }
    }

    /// Forgets everything, e.g. after `site.yaml` changed.
    pub fn clear(&mut self) {
        self.files.clear();
        self.history = None;
    }
}

fn stamp(path: &Path) -> (u64, Option<std::time::SystemTime>) {
    match std::fs::metadata(path) {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(_) => (0, None),
    }
}

/// Like [`load`], re-parsing only files that changed since `cache` saw
/// them.
pub fn load_cached(
    root: &Path,
    config: &Config,
    opts: &LoadOptions,
    cache: &mut Cache,
) -> (Content, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let content_dir = root.join("content");
    let mut content = Content::default();
    // Git's history is read while the files are: it is another process,
    // and takes a while in a repository of many commits.
    let history = cache.history.is_none().then(|| {
        let root = root.to_path_buf();
        std::thread::Builder::new()
            .name("history".into())
            .spawn(move || history::last_changed(&root))
    });
    let found = walk(root, &content_dir, config, &mut content.media, &mut diags);
    let results: Vec<Result<Parsed, Diagnostic>> = if cache.keep {
        reuse(&found, config, opts, cache)
    } else {
        found
            .par_iter()
            .map(|f| parse_file(f, config, opts.max_file_bytes))
            .collect()
    };
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::new(Code::MissingContent)
                .file("content")
                .detail(format!("{} is not a folder", content_dir.display())),
        );
        return (content, diags);
    }

    let mut translations: Vec<(Collection, String, String, Body)> = Vec::new();
    // Each collection's records moved into place once: they are large.
    for c in Collection::ALL {
        let records = found
            .iter()
            .filter(|f| f.collection == c && !matches!(f.kind, FileKind::Translation { .. }))
            .count();
        content.reserve(c, records);
    }
    let mut seen: HashMap<(Collection, String), PathBuf> = HashMap::new();
    for (f, r) in found.iter().zip(results) {
        match r {
            Err(d) => {
                if let FileKind::Yaml(slug) | FileKind::Markdown(slug) = &f.kind {
                    content.broken.insert((f.collection, slug.clone()));
                }
                diags.push(d)
            }
            Ok(Parsed::Translation {
                collection,
                slug,
                lang,
                body,
            }) => translations.push((collection, slug, lang, body)),
            Ok(Parsed::Record {
                collection,
                slug,
                shown,
                any,
            }) => {
                if let Some(other) = seen.get(&(collection, slug.clone())) {
                    diags.push(
                        Diagnostic::new(Code::DuplicateSlug)
                            .file(&shown)
                            .at(1, 1)
                            .found(&slug)
                            .expected(format!("content/{}/", collection.dir()))
                            .param("other", other.to_string_lossy().replace('\\', "/")),
                    );
                    continue;
                }
                seen.insert((collection, slug), shown);
                content.push(any, opts.drafts);
            }
        }
    }
    // Sorted first, so that each translation finds its record by binary
    // search.
    content.sort();
    for (collection, slug, lang, body) in translations {
        let file = body.file.clone();
        if !content.attach_translation(collection, &slug, &lang, body) {
            if content.drafts.contains(&(collection, slug.clone()))
                || content.broken.contains(&(collection, slug.clone()))
            {
                continue;
            }
            let base = format!("{slug}.yaml` / `{slug}.md");
            diags.push(
                Diagnostic::new(Code::OrphanTranslation)
                    .file(&file)
                    .at(1, 1)
                    .found(
                        file.file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_default(),
                    )
                    .expected(base),
            );
        }
    }
    if let Some(Ok(Ok(h))) = history.map(|t| t.map(std::thread::JoinHandle::join)) {
        cache.history = Some(h);
    }
    content.changed = cache
        .history
        .get_or_insert_with(|| history::last_changed(root))
        .clone();
    (content, diags)
}

/// The record files of `content/`, in the order of their paths; other
/// files go into `media`, and what is wrong with what was found (stray
/// files, links, names that are no record's) into `diags`.
fn walk(
    root: &Path,
    content_dir: &Path,
    config: &Config,
    media: &mut BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let mut found = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e
                    .path()
                    .map(|p| shown_path(root, p))
                    .unwrap_or_else(|| PathBuf::from("content"));
                let d = if e.loop_ancestor().is_some() {
                    Diagnostic::new(Code::Symlink).detail("a symbolic link loop")
                } else {
                    Diagnostic::new(Code::ReadFailed).detail(e.to_string())
                };
                diags.push(d.file(shown));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        let shown = shown_path(root, path);
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::new(Code::Symlink)
                    .file(&shown)
                    .detail("replace the link with the file itself"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = path.strip_prefix(content_dir).unwrap_or(path);
        let mut comps = rel.components();
        let first = comps
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .unwrap_or_default();
        let rest_is_empty = comps.next().is_none();
        if rest_is_empty {
            // A file directly in content/.
            if first != "site.yaml" {
                diags.push(
                    Diagnostic::new(Code::StrayFile)
                        .file(&shown)
                        .at(1, 1)
                        .found(&first)
                        .detail("records go in a collection folder such as content/products/"),
                );
            }
            continue;
        }
        match Collection::from_dir(&first) {
            Some(collection) => {
                let name = entry.file_name().to_string_lossy().to_string();
                match classify_name(&name, config) {
                    Ok(kind) => found.push(Found {
                        collection,
                        path: path.to_path_buf(),
                        shown,
                        kind,
                    }),
                    Err(Some(d)) => diags.push(d.file(&shown).at(1, 1)),
                    Err(None) => diags.push(
                        Diagnostic::new(Code::StrayFile)
                            .file(&shown)
                            .found(&name)
                            .detail("records are `<slug>.yaml`, `<slug>.md` or `<slug>.<lang>.md`"),
                    ),
                }
            }
            None => {
                // Media and other files that records may reference.
                let rel = rel.to_string_lossy().replace('\\', "/");
                media.insert(rel);
            }
        }
    }
    found
}

/// What each of `found` parsed to, taken from `cache` where the file is
/// unchanged; the cache then holds what was parsed now.
fn reuse(
    found: &[Found],
    config: &Config,
    opts: &LoadOptions,
    cache: &mut Cache,
) -> Vec<Result<Parsed, Diagnostic>> {
    let stamps: Vec<(u64, Option<std::time::SystemTime>)> =
        found.par_iter().map(|f| stamp(&f.path)).collect();
    // (what the file parsed to, whether the cache already had it)
    let parsed: Vec<(Result<Parsed, Diagnostic>, bool)> = found
        .par_iter()
        .zip(stamps.par_iter())
        .map(|(f, (len, modified))| match cache.files.get(&f.path) {
            Some(c) if c.len == *len && c.modified == *modified && modified.is_some() => {
                (c.parsed.clone(), true)
            }
            _ => (parse_file(f, config, opts.max_file_bytes), false),
        })
        .collect();
    // The new cache keeps unchanged entries as they are (moved, not
    // copied) and stores what was parsed now.
    let mut old = std::mem::take(&mut cache.files);
    let mut results = Vec::with_capacity(parsed.len());
    for ((f, (len, modified)), (r, hit)) in found.iter().zip(stamps).zip(parsed) {
        let entry = match old.remove(&f.path) {
            Some(e) if hit => e,
            _ => CachedFile {
                len,
                modified,
                parsed: r.clone(),
            },
        };
        cache.files.insert(f.path.clone(), entry);
        results.push(r);
    }
    results
}

/// What a file name in a collection folder says it is.
fn classify_name(name: &str, config: &Config) -> Result<FileKind, Option<Diagnostic>> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some(x) => x,
        None => return Err(None),
    };
    let bad_name = |stem: &str, ext: &str| {
        Some(
            Diagnostic::new(Code::BadFileName)
                .found(name)
                .detail(slug::problem(stem))
                .hint(format!("{}.{ext}", slug::propose(stem))),
        )
    };
    match ext {
        "yaml" => {
            if slug::is_valid(stem) {
                Ok(FileKind::Yaml(stem.to_string()))
            } else {
                Err(bad_name(stem, "yaml"))
            }
        }
        "md" => {
            if slug::is_valid(stem) {
                return Ok(FileKind::Markdown(stem.to_string()));
            }
            if let Some((base, lang)) = stem.rsplit_once('.') {
                let looks_like_lang =
                    (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
                if looks_like_lang && slug::is_valid(base) {
                    let default = config.default_language();
                    if lang == default || !config.languages.iter().any(|l| l == lang) {
                        let others: Vec<&str> = config
                            .languages
                            .iter()
                            .map(String::as_str)
                            .filter(|l| *l != default)
                            .collect();
                        return Err(Some(
                            Diagnostic::new(Code::UnknownLanguage).found(lang).expected(
                                if others.is_empty() {
                                    "none".to_string()
                                } else {
                                    others.join(", ")
                                },
                            ),
                        ));
                    }
                    return Ok(FileKind::Translation {
                        slug: base.to_string(),
                        lang: lang.to_string(),
                    });
                }
            }
            Err(bad_name(stem, "md"))
        }
        "yml" => Err(Some(
            Diagnostic::new(Code::BadFileName)
                .found(name)
                .detail(slug::YML)
                .hint(format!("{}.yaml", slug::propose(stem))),
        )),
        _ => Err(None),
    }
}

fn parse_file(f: &Found, config: &Config, max_bytes: u64) -> Result<Parsed, Diagnostic> {
    let text = source::read_text(&f.path, &f.shown, max_bytes)?;
    parse_text(f, text, config)
}

/// Parses one file's bytes as a record of `collection` named `file_name`,
/// exactly as the loader would, without touching the disk (for tools and
/// fuzzing).
pub fn parse_bytes(
    collection: Collection,
    file_name: &str,
    bytes: Vec<u8>,
    config: &Config,
) -> Result<(), Diagnostic> {
    let shown = PathBuf::from(format!("content/{}/{file_name}", collection.dir()));
    let kind = classify_name(file_name, config)
        .map_err(|d| d.unwrap_or_else(|| Diagnostic::new(Code::StrayFile).found(file_name)))?;
    let text = source::decode(bytes, &shown)?;
    let found = Found {
        collection,
        path: shown.clone(),
        shown,
        kind,
    };
    parse_text(&found, text, config).map(|_| ())
}

fn parse_text(f: &Found, text: String, config: &Config) -> Result<Parsed, Diagnostic> {
    match &f.kind {
        FileKind::Translation { slug, lang } => {
            if source::has_front_matter(&text) {
                return Err(Diagnostic::new(Code::TranslationFrontMatter)
                    .file(&f.shown)
                    .at(1, 1));
            }
            Ok(Parsed::Translation {
                collection: f.collection,
                slug: slug.clone(),
                lang: lang.clone(),
                body: Body::new(text.into(), f.shown.clone(), 1),
            })
        }
        FileKind::Yaml(slug) => {
            let src = YamlSource {
                text: &text,
                file: &f.shown,
                first_line: 1,
            };
            let any = parse_any(f.collection, &src, config, slug, None)?;
            Ok(Parsed::Record {
                collection: f.collection,
                slug: slug.clone(),
                shown: f.shown.clone(),
                any,
            })
        }
        FileKind::Markdown(slug) => {
            let split = source::split_front_matter(&text).map_err(|e| match e {
                source::SplitError::Missing => Diagnostic::new(Code::MissingFrontMatter)
                    .file(&f.shown)
                    .at(1, 1),
                source::SplitError::Unclosed => Diagnostic::new(Code::UnclosedFrontMatter)
                    .file(&f.shown)
                    .at(1, 1),
            })?;
            let src = YamlSource {
                text: split.front_matter,
                file: &f.shown,
                first_line: split.front_matter_line,
            };
            let body = if split.body.trim().is_empty() {
                None
            } else {
                // Copied once, straight into its shared string.
                Some(Body::new(
                    Arc::from(split.body),
                    f.shown.clone(),
                    split.body_line,
                ))
            };
            let any = parse_any(f.collection, &src, config, slug, body)?;
            Ok(Parsed::Record {
                collection: f.collection,
                slug: slug.clone(),
                shown: f.shown.clone(),
                any,
            })
        }
    }
}

fn record<T: Model>(
    src: &YamlSource,
    config: &Config,
    slug: &str,
    body: Option<Body>,
) -> Result<Record<T>, Diagnostic> {
    let data: T = from_yaml(src, &config.languages)?;
    Ok(Record {
        slug: slug.to_string(),
        file: src.file.to_path_buf(),
        data,
        body,
        translations: BTreeMap::new(),
    })
}

fn parse_any(
    c: Collection,
    src: &YamlSource,
    config: &Config,
    slug: &str,
    body: Option<Body>,
) -> Result<AnyRecord, Diagnostic> {
    Ok(match c {
        Collection::Products => AnyRecord::Products(record(src, config, slug, body)?),
        Collection::Brands => AnyRecord::Brands(record(src, config, slug, body)?),
        Collection::Producers => AnyRecord::Producers(record(src, config, slug, body)?),
        Collection::Communes => AnyRecord::Communes(record(src, config, slug, body)?),
        Collection::Agencies => AnyRecord::Agencies(record(src, config, slug, body)?),
        Collection::Chains => AnyRecord::Chains(record(src, config, slug, body)?),
        Collection::Directives => AnyRecord::Directives(record(src, config, slug, body)?),
        Collection::Indicators => AnyRecord::Indicators(record(src, config, slug, body)?),
        Collection::Reports => AnyRecord::Reports(record(src, config, slug, body)?),
        Collection::Pages => AnyRecord::Pages(record(src, config, slug, body)?),
    })
}

fn push_record<T: Model>(
    list: &mut Vec<Record<T>>,
    drafts: &mut HashSet<(Collection, String)>,
    r: Record<T>,
    keep_drafts: bool,
) {
    if r.data.is_draft() && !keep_drafts {
        drafts.insert((T::COLLECTION, r.slug));
    } else {
        list.push(r);
    }
}

/// Attaches a translated body to its record; `list` is sorted by slug.
fn attach<T>(list: &mut [Record<T>], slug: &str, lang: &str, body: Body) -> bool {
    match list.binary_search_by(|r| r.slug.as_str().cmp(slug)) {
        Ok(i) => {
            list[i].translations.insert(lang.to_string(), body);
            true
        }
        Err(_) => false,
    }
}

impl Content {
    fn push(&mut self, any: AnyRecord, keep_drafts: bool) {
        let d = &mut self.drafts;
        match any {
            AnyRecord::Products(r) => push_record(&mut self.products, d, r, keep_drafts),
            AnyRecord::Brands(r) => push_record(&mut self.brands, d, r, keep_drafts),
            AnyRecord::Producers(r) => push_record(&mut self.producers, d, r, keep_drafts),
            AnyRecord::Communes(r) => push_record(&mut self.communes, d, r, keep_drafts),
            AnyRecord::Agencies(r) => push_record(&mut self.agencies, d, r, keep_drafts),
            AnyRecord::Chains(r) => push_record(&mut self.chains, d, r, keep_drafts),
            AnyRecord::Directives(r) => push_record(&mut self.directives, d, r, keep_drafts),
            AnyRecord::Indicators(r) => push_record(&mut self.indicators, d, r, keep_drafts),
            AnyRecord::Reports(r) => push_record(&mut self.reports, d, r, keep_drafts),
            AnyRecord::Pages(r) => push_record(&mut self.pages, d, r, keep_drafts),
        }
    }

    fn attach_translation(&mut self, c: Collection, slug: &str, lang: &str, body: Body) -> bool {
        match c {
            Collection::Products => attach(&mut self.products, slug, lang, body),
            Collection::Brands => attach(&mut self.brands, slug, lang, body),
            Collection::Producers => attach(&mut self.producers, slug, lang, body),
            Collection::Communes => attach(&mut self.communes, slug, lang, body),
            Collection::Agencies => attach(&mut self.agencies, slug, lang, body),
            Collection::Chains => attach(&mut self.chains, slug, lang, body),
            Collection::Directives => attach(&mut self.directives, slug, lang, body),
            Collection::Indicators => attach(&mut self.indicators, slug, lang, body),
            Collection::Reports => attach(&mut self.reports, slug, lang, body),
            Collection::Pages => attach(&mut self.pages, slug, lang, body),
        }
    }

    fn sort(&mut self) {
        fn by_slug<T>(v: &mut [Record<T>]) {
            v.sort_by(|a, b| a.slug.cmp(&b.slug));
        }
        by_slug(&mut self.products);
        by_slug(&mut self.brands);
        by_slug(&mut self.producers);
        by_slug(&mut self.communes);
        by_slug(&mut self.agencies);
        by_slug(&mut self.chains);
        by_slug(&mut self.directives);
        by_slug(&mut self.indicators);
        by_slug(&mut self.reports);
        by_slug(&mut self.pages);
    }

    /// The date a record (its file or a translation) last changed.
    pub fn last_changed<T>(&self, r: &Record<T>) -> Option<date::Date> {
        std::iter::once(&r.file)
            .chain(r.translations.values().map(|b| &b.file))
            .filter_map(|f| self.changed.get(f))
            .max()
            .copied()
    }

    /// The slug of the `i`th record of a collection.
    pub fn slug_at(&self, c: Collection, i: usize) -> Option<&str> {
        fn s<T>(v: &[Record<T>], i: usize) -> Option<&str> {
            v.get(i).map(|r| r.slug.as_str())
        }
        match c {
            Collection::Products => s(&self.products, i),
            Collection::Brands => s(&self.brands, i),
            Collection::Producers => s(&self.producers, i),
            Collection::Communes => s(&self.communes, i),
            Collection::Agencies => s(&self.agencies, i),
            Collection::Chains => s(&self.chains, i),
            Collection::Directives => s(&self.directives, i),
            Collection::Indicators => s(&self.indicators, i),
            Collection::Reports => s(&self.reports, i),
            Collection::Pages => s(&self.pages, i),
        }
    }

    /// How many records a collection holds.
    pub fn len(&self, c: Collection) -> usize {
        match c {
            Collection::Products => self.products.len(),
            Collection::Brands => self.brands.len(),
            Collection::Producers => self.producers.len(),
            Collection::Communes => self.communes.len(),
            Collection::Agencies => self.agencies.len(),
            Collection::Chains => self.chains.len(),
            Collection::Directives => self.directives.len(),
            Collection::Indicators => self.indicators.len(),
            Collection::Reports => self.reports.len(),
            Collection::Pages => self.pages.len(),
        }
    }

    /// Room for `n` more records of `c`.
    fn reserve(&mut self, c: Collection, n: usize) {
        match c {
            Collection::Products => self.products.reserve(n),
            Collection::Brands => self.brands.reserve(n),
            Collection::Producers => self.producers.reserve(n),
            Collection::Communes => self.communes.reserve(n),
            Collection::Agencies => self.agencies.reserve(n),
            Collection::Chains => self.chains.reserve(n),
            Collection::Directives => self.directives.reserve(n),
            Collection::Indicators => self.indicators.reserve(n),
            Collection::Reports => self.reports.reserve(n),
            Collection::Pages => self.pages.reserve(n),
        }
    }

    pub fn is_empty(&self) -> bool {
        Collection::ALL.iter().all(|c| self.len(*c) == 0)
    }

    /// The slugs of a collection, for suggestions.
    pub fn slugs(&self, c: Collection) -> Vec<&str> {
        fn s<T>(v: &[Record<T>]) -> Vec<&str> {
            v.iter().map(|r| r.slug.as_str()).collect()
        }
        match c {
            Collection::Products => s(&self.products),
            Collection::Brands => s(&self.brands),
            Collection::Producers => s(&self.producers),
            Collection::Communes => s(&self.communes),
            Collection::Agencies => s(&self.agencies),
            Collection::Chains => s(&self.chains),
            Collection::Directives => s(&self.directives),
            Collection::Indicators => s(&self.indicators),
            Collection::Reports => s(&self.reports),
            Collection::Pages => s(&self.pages),
        }
    }
}

/// Fills in the line and column of diagnostics that name a file and a field
/// but no position (those raised after loading, such as unknown
/// references), by finding the field in the file's YAML.
pub fn locate_fields(root: &Path, diags: &mut [Diagnostic]) {
    let mut cache: HashMap<PathBuf, Option<(String, usize)>> = HashMap::new();
    for d in diags.iter_mut() {
        if d.line.is_some() {
            continue;
        }
        let (Some(file), Some(field)) = (d.file.clone(), d.field.clone()) else {
            continue;
        };
        let entry = cache.entry(file.clone()).or_insert_with(|| {
            let text =
                source::read_text(&root.join(&file), &file, source::DEFAULT_MAX_FILE_BYTES).ok()?;
            if file.extension().is_some_and(|e| e == "md") {
                let split = source::split_front_matter(&text).ok()?;
                Some((split.front_matter.to_string(), split.front_matter_line))
            } else {
                Some((text, 1))
            }
        });
        if let Some((yaml, first)) = entry
            && let Some((l, c)) = yaml::locate(yaml, &field)
        {
            d.line = Some(l + *first - 1);
            d.column = Some(c);
        }
    }
}
