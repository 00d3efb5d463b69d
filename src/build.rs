//! The whole road, from `content/` to `output/`: load, link, then (for a
//! build) render into a staging folder and swap it into place.

use crate::config::{self, Config};
use crate::content::date::{self, Date};
use crate::content::{self, LoadOptions};
use crate::diagnostics::{self, Code, Diagnostic};
use crate::output::{self, Staging};
use crate::render::theme::Theme;
use crate::render::{Renderer, Sink};
use crate::site::{self, Site};
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site folder, holding `content/` and optionally `themes/`.
    pub root: PathBuf,
    /// Defaults to `root/output`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub as_of: Option<Date>,
    pub drafts: bool,
    /// Files above this size are refused (default 10 MB).
    pub max_file_bytes: Option<u64>,
}

impl Options {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }
}

pub struct Checked {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The site's default language, read cheaply from `site.yaml` when it can
/// be; used to choose the language messages are given in.
pub fn site_language(root: &std::path::Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Languages {
        languages: Option<Vec<String>>,
    }
    let text = std::fs::read_to_string(root.join("content").join("site.yaml")).ok()?;
    let l: Languages = serde_yaml::from_str(&text).ok()?;
    Some(
        l.languages
            .and_then(|v| v.into_iter().next())
            .unwrap_or_else(|| "vi".to_string()),
    )
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

fn load_config(opts: &Options) -> Result<Config, Vec<Diagnostic>> {
    let path = opts.root.join("content").join("site.yaml");
    if !path.is_file() {
        let what = if opts.root.join("content").is_dir() {
            "content/site.yaml is missing: every site needs one (title, base_url, languages)"
        } else {
            "no content/ folder here: run nongsan in a site folder or give --root"
        };
        return Err(vec![
            Diagnostic::new(Code::MissingContent)
                .file("content/site.yaml")
                .detail(what),
        ]);
    }
    let max = opts
        .max_file_bytes
        .unwrap_or(content::source::DEFAULT_MAX_FILE_BYTES);
    let mut cfg = config::load(&path, std::path::Path::new("content/site.yaml"), max)?;
    if let Some(url) = &opts.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(vec![
                Diagnostic::new(Code::InvalidValue)
                    .field("--base-url")
                    .found(url)
                    .expected("an absolute URL such as https://example.org/"),
            ]);
        }
        cfg.base_url = if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        };
    }
    Ok(cfg)
}

/// Loads and links the site, collecting every diagnostic; writes nothing.
pub fn check(opts: &Options) -> Checked {
    check_with(opts, &mut content::Cache::default(), true)
}

/// Like [`check`], re-parsing only the files that changed since `cache`
/// last saw them.
pub fn check_cached(opts: &Options, cache: &mut content::Cache) -> Checked {
    check_with(opts, cache, false)
}

/// The date progress is reported as of: --as-of, then site.yaml, then
/// SOURCE_DATE_EPOCH, then today.
fn as_of(opts: &Options, config: &Config) -> Date {
    opts.as_of.or(config.as_of).unwrap_or_else(date::today)
}

fn load_options(opts: &Options) -> LoadOptions {
    LoadOptions {
        drafts: opts.drafts,
        max_file_bytes: opts
            .max_file_bytes
            .unwrap_or(content::source::DEFAULT_MAX_FILE_BYTES),
    }
}

/// Like [`check_cached`] when only the files `changed` were modified since
/// `site` was checked without errors: their records are put in place in
/// the site's content, without listing `content/` again, and the site is
/// linked anew; `site` keeps the rest (for comparing the two). None, with
/// `site` as it was, when that cannot be done: a file is new, gone, broken
/// or a draft, or is not a record (`site.yaml`, a picture).
pub fn check_patched(
    opts: &Options,
    cache: &mut content::Cache,
    site: &mut Site,
    changed: &[PathBuf],
) -> Option<Checked> {
    if changed
        .iter()
        .any(|p| content::collection_of(&opts.root, p).is_none())
    {
        return None;
    }
    let mut content = std::mem::take(&mut site.content);
    let load_opts = load_options(opts);
    if !content::patch(
        &opts.root,
        &site.config,
        &load_opts,
        cache,
        &mut content,
        changed,
    ) {
        site.content = content;
        return None;
    }
    let as_of = as_of(opts, &site.config);
    let (site, mut diags) = site::link(content, site.config.clone(), as_of);
    // Every picture was sound when `site` was checked and none changed.
    diags.extend(crate::images::check_fields(&site.content));
    Some(checked(&opts.root, site, diags))
}

/// With `decode_images`, new pictures are decoded to find corrupt ones
/// (for `check`); `build` and `serve` decode them next anyway, and report
/// the same diagnostics then.
fn check_with(opts: &Options, cache: &mut content::Cache, decode_images: bool) -> Checked {
    let config = match load_config(opts) {
        Ok(c) => c,
        Err(mut d) => {
            diagnostics::sort(&mut d);
            return Checked {
                site: None,
                diagnostics: d,
            };
        }
    };
    let as_of = as_of(opts, &config);
    let (content, mut diags) =
        content::load_cached(&opts.root, &config, &load_options(opts), cache);
    let (site, more) = site::link(content, config, as_of);
    diags.extend(more);
    diags.extend(crate::images::check(
        &opts.root,
        &site.content,
        decode_images,
    ));
    checked(&opts.root, site, diags)
}

/// A linked site and its diagnostics, placed in their files and in order.
fn checked(root: &std::path::Path, site: Site, mut diags: Vec<Diagnostic>) -> Checked {
    content::locate_fields(root, &mut diags);
    diagnostics::sort(&mut diags);
    diags.dedup();
    Checked {
        site: Some(site),
        diagnostics: diags,
    }
}

pub struct Built {
    pub diagnostics: Vec<Diagnostic>,
    /// Pages written (0 when the build failed).
    pub pages: usize,
    pub output: PathBuf,
    /// Raster pictures encoded by this build, and taken from the cache.
    pub images: crate::images::Counts,
}

impl Built {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks, then renders the whole site beside the old output and swaps it
/// into place. On any error the previous output is left untouched.
pub fn build(opts: &Options) -> Built {
    let output = opts.output_dir();
    let checked = check_with(opts, &mut content::Cache::default(), false);
    let mut diagnostics = checked.diagnostics;
    let fail = |diagnostics: Vec<Diagnostic>| Built {
        diagnostics,
        pages: 0,
        output: output.clone(),
        images: Default::default(),
    };
    let site = match checked.site {
        Some(s) if !diagnostics.iter().any(Diagnostic::is_error) => s,
        _ => return fail(diagnostics),
    };
    let theme = match Theme::load(&opts.root, &site.config.languages) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.extend(d);
            return fail(diagnostics);
        }
    };
    let images = crate::images::process(&opts.root, &site.content, &|n| {
        progress_bar(n, PROGRESS_MIN_IMAGES)
    });
    if !images.diagnostics.is_empty() {
        let mut d = images.diagnostics;
        content::locate_fields(&opts.root, &mut d);
        diagnostics.extend(d);
        diagnostics::sort(&mut diagnostics);
        return fail(diagnostics);
    }
    let mut renderer = match Renderer::new(&site, &theme) {
        Ok(r) => r.with_images(&images.images),
        Err(d) => {
            diagnostics.extend(d);
            return fail(diagnostics);
        }
    };
    let staging = match Staging::new(&output, &opts.root) {
        Ok(s) => s,
        Err(d) => {
            diagnostics.push(d);
            return fail(diagnostics);
        }
    };
    // The open data first: the open-data page shows each file's size.
    if let Err(d) = renderer.publish_open_data(&staging) {
        diagnostics.push(d);
        return fail(diagnostics);
    }
    let planned = crate::render::plan::plan(&site).len();
    let progress = Progress::new(&staging, planned);
    let rendered = renderer.render_all(&progress);
    progress.finish();
    let pages = match rendered {
        Ok(n) => n,
        Err(d) => {
            diagnostics.extend(d);
            diagnostics::sort(&mut diagnostics);
            return fail(diagnostics);
        }
    };
    // Freed beside what comes next, not before it.
    let cards = renderer.forget_cards();
    rayon::spawn(move || drop(cards));
    // Sitemap, feeds, QR codes and label sheets, beside the search index.
    let (published, search) = rayon::join(
        || crate::publish::write_all(&renderer, &staging),
        || {
            let files = crate::publish::search::index(
                &site.config.languages,
                &crate::publish::search::documents(&renderer),
                &renderer.urls.base_path,
            );
            files
                .par_iter()
                .filter_map(|(rel, bytes)| staging.write(rel, bytes).err())
                .collect::<Vec<Diagnostic>>()
        },
    );
    if let Err(d) = published {
        diagnostics.extend(d);
        return fail(diagnostics);
    }
    if !search.is_empty() {
        diagnostics.extend(search);
        return fail(diagnostics);
    }
    if let Err(d) = staging.write(
        "_headers",
        crate::publish::headers::headers_file().as_bytes(),
    ) {
        diagnostics.push(d);
        return fail(diagnostics);
    }
    for (rel, bytes) in &images.files {
        if let Err(d) = staging.write(rel, bytes) {
            diagnostics.push(d);
            return fail(diagnostics);
        }
    }
    let content_dir = opts.root.join("content");
    // Images were published above, resized and without their metadata;
    // other media (PDF documents…) are copied as they are.
    for m in site
        .content
        .media
        .iter()
        .filter(|m| !crate::images::is_image(m))
    {
        if let Err(d) = output::copy_into(&staging, m, &content_dir.join(m)) {
            diagnostics.push(d);
            return fail(diagnostics);
        }
    }
    if let Err(d) = staging.commit() {
        diagnostics.push(d);
        return fail(diagnostics);
    }
    let counts = images.counts;
    // Freeing everything a large build made takes tens of milliseconds on
    // one core. A thread of its own does it: a process that ends with the
    // build (`nongsan build`) does not wait for it, and one that goes on
    // gets the memory back all the same. Should no thread be had, all is
    // freed here, as before.
    let kept = renderer.into_kept();
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop((kept, site, theme, images.images, images.files)));
    Built {
        diagnostics,
        pages,
        output,
        images: counts,
    }
}

/// Shows a progress bar while a large site is written, when stderr is a
/// terminal; otherwise stays quiet.
struct Progress<'a> {
    inner: &'a Staging,
    bar: Option<indicatif::ProgressBar>,
}

/// Below this many pages a build is too quick for a bar to help.
const PROGRESS_MIN_PAGES: usize = 2000;
/// Encoding a large photo takes about a second: a handful is worth a bar.
const PROGRESS_MIN_IMAGES: usize = 8;

/// A progress bar of `len` steps when there are at least `min` and stderr
/// is a terminal.
fn progress_bar(len: usize, min: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (len >= min && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(len as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
        {
            bar.set_style(style);
        }
        bar
    })
}

impl<'a> Progress<'a> {
    fn new(inner: &'a Staging, pages: usize) -> Progress<'a> {
        Progress {
            inner,
            bar: progress_bar(pages, PROGRESS_MIN_PAGES),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Sink for Progress<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
        self.inner.write(rel, bytes)
    }

    fn write_with(&self, rel: &str, make: crate::render::Make) -> Result<u64, Diagnostic> {
        self.inner.write_with(rel, make)
    }
}
