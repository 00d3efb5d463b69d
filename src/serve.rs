//! `nongsan serve`: builds the site into memory, serves it on 127.0.0.1,
//! watches `content/` and `themes/`, and after each change re-parses only
//! the changed files and re-renders only the pages that show what changed.
//! Open pages reload themselves through a small script that is added to
//! pages only here, never to `build` output. A broken record turns every
//! page into the list of diagnostics until it is fixed; the server keeps
//! running.

use crate::build::{self, Options};
use crate::content::collection::Collection;
use crate::content::{self, slug};
use crate::diagnostics::{self, Diagnostic, Format, Lang};
use crate::publish::search;
use crate::render::plan::{self, PageKind, Planned};
use crate::render::theme::Theme;
use crate::render::urls::Urls;
use crate::render::{Renderer, escape};
use crate::site::Site;
use notify::{RecursiveMode, Watcher};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// A record, by collection and slug.
type Key = (Collection, String);
/// A record, by collection and position in the site.
type Ref = (Collection, usize);

/// What the server hands out; replaced piece by piece by rebuilds.
#[derive(Default)]
pub struct State {
    /// Output path (`en/products/x/index.html`) → bytes.
    files: HashMap<String, Vec<u8>>,
    /// Files under `content/` that may be served as they are (media).
    media: HashSet<String>,
    /// Bumped after every rebuild; open pages poll it and reload.
    version: u64,
    /// Pages rendered by the last rebuild, and pages in the site.
    rendered: usize,
    total: usize,
    /// The diagnostics page, while the content has errors.
    errors: Option<String>,
    /// Whether the last rebuild put the changed records in place in the
    /// content already loaded, rather than loading it all again.
    patched: bool,
    /// Whether the sitemap, feeds and open data wait for changes to pause.
    stale: bool,
}

const RELOAD_PATH: &str = "/__nongsan/reload.js";
const VERSION_PATH: &str = "/__nongsan/version";
const STATUS_PATH: &str = "/__nongsan/status";

/// Polls the version and reloads the page when it changes. An external
/// script, so the pages' Content-Security-Policy allows it.
const RELOAD_JS: &str = "(function(){var v=null;function poll(){fetch('/__nongsan/version',{cache:'no-store'})\
.then(function(r){return r.text()}).then(function(t){if(v===null){v=t}else if(t!==v){location.reload();return}\
setTimeout(poll,300)}).catch(function(){setTimeout(poll,1000)})}poll()})();\n";

pub fn serve(opts: &Options, port: u16, lang: Lang) -> Result<(), String> {
    let mut opts = opts.clone();
    // Watch events name absolute paths: compare them with an absolute root.
    opts.root =
        std::fs::canonicalize(&opts.root).map_err(|e| format!("{}: {e}", opts.root.display()))?;
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| format!("127.0.0.1:{port}: {e}"))?;
    let actual = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(port);
    opts.base_url = Some(format!("http://127.0.0.1:{actual}/"));
    let state = Arc::new(RwLock::new(State::default()));
    let mut builder = Builder::new(opts.clone(), lang);
    builder.rebuild(&[], &state);

    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let saved = Arc::clone(&builder.saved);
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if res.as_ref().is_ok_and(is_write) {
            saved.store(true, Ordering::Relaxed);
        }
        let _ = tx.send(res);
    })
    .map_err(|e| e.to_string())?;
    for dir in [opts.root.join("content"), opts.root.join("themes")] {
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    // The site folder itself, not recursively: to notice a `themes/`
    // folder that appears after the server started.
    let themes = opts.root.join("themes");
    let content = opts.root.join("content");
    let mut themes_watched = themes.is_dir();
    watcher
        .watch(&opts.root, RecursiveMode::NonRecursive)
        .map_err(|e| e.to_string())?;
    let watch_state = Arc::clone(&state);
    std::thread::spawn(move || {
        let mut watcher = watcher;
        loop {
            // What follows the whole site waits for changes to pause.
            let first = if builder.stale {
                match rx.recv_timeout(PUBLISH_QUIET) {
                    Ok(e) => e,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        builder.publish(&watch_state);
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            } else {
                match rx.recv() {
                    Ok(e) => e,
                    Err(_) => break,
                }
            };
            let mut changes = Changes::default();
            changes.add(first);
            // Debounce: editors write a file in several steps. Once every
            // file written has been closed (or renamed into place) the
            // save is complete, and a short pause is enough.
            loop {
                let wait = if changes.complete() {
                    SETTLED
                } else {
                    DEBOUNCE
                };
                match rx.recv_timeout(wait) {
                    Ok(more) => changes.add(more),
                    Err(_) => break,
                }
            }
            let mut changed = changes.paths;
            if changed.is_empty() {
                continue;
            }
            if !themes_watched
                && themes.is_dir()
                && watcher.watch(&themes, RecursiveMode::Recursive).is_ok()
            {
                themes_watched = true;
                // Files written before the watch began count as changed.
                changed.extend(
                    walkdir::WalkDir::new(&themes)
                        .into_iter()
                        .flatten()
                        .map(|e| e.into_path()),
                );
            }
            let changed: Vec<PathBuf> = changed
                .into_iter()
                .filter(|p| !is_noise(p) && (p.starts_with(&content) || p.starts_with(&themes)))
                .collect();
            if !changed.is_empty() {
                builder.saved.store(false, Ordering::Relaxed);
                builder.rebuild(&changed, &watch_state);
            }
        }
    });

    match lang {
        Lang::Vi => eprintln!("đang phục vụ tại http://127.0.0.1:{actual}/ (Ctrl+C để dừng)"),
        Lang::En => eprintln!("serving at http://127.0.0.1:{actual}/ (Ctrl+C to stop)"),
    }
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        let content_dir = opts.root.join("content");
        std::thread::spawn(move || respond(request, &state, &content_dir));
    }
    Ok(())
}

/// How long to wait for more events while a file may still be being
/// written, and once every file written is complete.
const DEBOUNCE: Duration = Duration::from_millis(40);
const SETTLED: Duration = Duration::from_millis(3);

/// The paths events named since a rebuild, and which of them may still be
/// being written.
#[derive(Default)]
struct Changes {
    paths: BTreeSet<PathBuf>,
    open: BTreeSet<PathBuf>,
}

impl Changes {
    fn add(&mut self, event: notify::Result<notify::Event>) {
        use notify::EventKind;
        use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
        let Ok(e) = event else { return };
        let done = match e.kind {
            // Closed after writing, renamed into place or away, or removed:
            // nothing more will come.
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(
                RenameMode::To | RenameMode::From | RenameMode::Both,
            ))
            | EventKind::Remove(_) => true,
            // Reading a file changes nothing.
            EventKind::Access(_) => return,
            // Created or written, metadata, or an event the platform does
            // not describe: more may come, so wait the full pause.
            _ => false,
        };
        for p in e.paths {
            if done {
                self.open.remove(&p);
            } else {
                self.open.insert(p.clone());
            }
            self.paths.insert(p);
        }
    }

    /// Whether every file written has been closed or moved into place.
    fn complete(&self) -> bool {
        self.open.is_empty()
    }
}

/// Whether an event may change what is served (reading files does not).
fn is_write(e: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode};
    match e.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => e.paths.iter().any(|p| !is_noise(p)),
    }
}

/// Editors' swap, backup and autosave files.
fn is_noise(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name == "4913"
}

struct Builder {
    opts: Options,
    lang: Lang,
    cache: content::Cache,
    site: Option<Site>,
    theme: Option<Theme>,
    /// By the page's place in the plan: the records it shows.
    deps: Vec<HashSet<Ref>>,
    /// The site-relative path of every record's page → the record.
    urls: HashMap<String, Ref>,
    /// The pictures' published sizes, as last processed, and the files
    /// made of them.
    images: crate::images::Images,
    picture_paths: HashSet<String>,
    /// Whether what follows the whole site is older than the pages.
    stale: bool,
    /// Set by the watcher when files change: pages that are not the
    /// edited record's own wait for the next rebuild then.
    saved: Arc<AtomicBool>,
    /// Pages (by place in the plan) left for the next rebuild.
    pending: BTreeSet<usize>,
    /// What the search index was last built from.
    search_docs: Vec<search::Document>,
    /// Hands documents to the search indexer's thread.
    indexer: Option<mpsc::Sender<SearchJob>>,
}

impl Builder {
    fn new(opts: Options, lang: Lang) -> Builder {
        Builder {
            opts,
            lang,
            cache: content::Cache::keeping(),
            site: None,
            theme: None,
            deps: Vec::new(),
            urls: HashMap::new(),
            images: Default::default(),
            picture_paths: HashSet::new(),
            stale: false,
            saved: Arc::new(AtomicBool::new(false)),
            pending: BTreeSet::new(),
            search_docs: Vec::new(),
            indexer: None,
        }
    }

    fn fail(&mut self, diags: &[Diagnostic], state: &RwLock<State>) {
        // Nothing is published from content with errors; the rebuild that
        // follows the fix is a full one.
        self.stale = false;
        eprint!("{}", diagnostics::render(diags, Format::Human, self.lang));
        let page = error_page(diags, self.lang);
        if let Ok(mut s) = state.write() {
            s.errors = Some(page);
            s.version += 1;
        }
    }

    /// Rebuilds after `changed` (empty: the first, full build).
    fn rebuild(&mut self, changed: &[PathBuf], state: &Arc<RwLock<State>>) {
        let started = Instant::now();
        let root = &self.opts.root;
        let content_dir = root.join("content");
        let themes_dir = root.join("themes");
        let site_yaml = content_dir.join("site.yaml");
        let config_changed = changed
            .iter()
            .any(|p| p.ends_with("content/site.yaml") || *p == site_yaml);
        if config_changed {
            self.cache.clear();
        }
        let theme_changes: Vec<String> = changed
            .iter()
            .filter_map(|p| p.strip_prefix(themes_dir.join("default")).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();

        let errors_shown = state.read().map(|s| s.errors.is_some()).unwrap_or(true);
        // Records that were only modified are put in place in the content
        // already loaded; anything else (a new or deleted file, a picture,
        // site.yaml, a page of errors to clear) loads it all again.
        let content_changes: Vec<PathBuf> = changed
            .iter()
            .filter(|p| p.starts_with(&content_dir))
            .cloned()
            .collect();
        let patched = match self.site.as_mut() {
            Some(old) if !errors_shown && !config_changed && !changed.is_empty() => {
                build::check_patched(&self.opts, &mut self.cache, old, &content_changes)
            }
            _ => None,
        };
        let is_patch = patched.is_some();
        let checked = patched.unwrap_or_else(|| build::check_cached(&self.opts, &mut self.cache));
        let has_errors = checked.has_errors();
        let Some(site) = checked.site.filter(|_| !has_errors) else {
            self.fail(&checked.diagnostics, state);
            return;
        };
        if self.theme.is_none() || !theme_changes.is_empty() || config_changed {
            match Theme::load(root, &site.config.languages) {
                Ok(t) => self.theme = Some(t),
                Err(d) => {
                    self.fail(&d, state);
                    return;
                }
            }
        }
        let Some(theme) = self.theme.as_ref() else {
            return;
        };
        // Pictures go through the image cache: only new or changed ones are
        // encoded again. A change to records alone leaves them as they were.
        let mut picture_files = Vec::new();
        if !is_patch {
            let images = crate::images::process(root, &site.content, &|_| None);
            if !images.diagnostics.is_empty() {
                let mut d = images.diagnostics;
                content::locate_fields(root, &mut d);
                diagnostics::sort(&mut d);
                self.fail(&d, state);
                return;
            }
            self.images = images.images;
            self.picture_paths = images.files.iter().map(|(p, _)| p.clone()).collect();
            picture_files = images.files;
        }
        let images = &self.images;
        let renderer = match Renderer::new(&site, theme) {
            Ok(r) => r.with_images(images),
            Err(d) => {
                self.fail(&d, state);
                return;
            }
        };
        let all = plan::plan(&site);
        let full = self.site.is_none()
            || config_changed
            || theme_changes
                .iter()
                .any(|t| !t.starts_with("static/") && leaf_template(t).is_none())
            || self.site.as_ref().is_some_and(|old| {
                (!is_patch && slugs_differ(old, &site)) || choices_differ(old, &site)
            })
            || errors_shown;
        if full {
            self.urls = record_urls(&site);
            self.deps = vec![HashSet::new(); all.len()];
        }
        // The pages of the records edited are rendered and served first;
        // the pages that list or link to them follow.
        let edited: HashSet<Ref> = if full {
            HashSet::new()
        } else {
            changed
                .iter()
                .filter_map(|p| p.strip_prefix(&content_dir).ok())
                .filter_map(key_of)
                .filter_map(|(c, slug)| site.index.get(c, &slug).map(|i| (c, i)))
                .collect()
        };
        let is_edited = |p: &Planned| own(p.kind).is_some_and(|r| edited.contains(&r));
        let first: Vec<(usize, &Planned)> = all
            .iter()
            .enumerate()
            .filter(|(_, p)| is_edited(p))
            .collect();
        let first_html: Vec<Result<(String, String), Diagnostic>> = first
            .par_iter()
            .map(|(_, p)| Ok((plan::file(&site, p.kind, &p.lang), renderer.render_page(p)?)))
            .collect();
        if first_html.iter().all(Result::is_ok)
            && let Ok(mut s) = state.write()
        {
            // Served at once; open pages reload when the rest is done.
            for (file, html) in first_html.iter().flatten() {
                s.files.insert(file.clone(), html.clone().into_bytes());
            }
        }
        let pages: Vec<(usize, &Planned)> = if full {
            all.iter().enumerate().collect()
        } else {
            let mut keys: HashSet<Ref> = edited.clone();
            // A changed picture: the records that show it (its file name
            // changes with its content).
            for p in changed
                .iter()
                .filter_map(|p| p.strip_prefix(&content_dir).ok())
            {
                let rel = p.to_string_lossy().replace('\\', "/");
                if crate::images::is_image(&rel) {
                    keys.extend(
                        crate::images::shown_by(&site.content, &rel)
                            .into_iter()
                            .filter_map(|(c, slug)| site.index.get(c, &slug).map(|i| (c, i))),
                    );
                }
            }
            if let Some(old) = &self.site {
                keys.extend(derived_changes(old, &site));
            }
            let leaves: Vec<&str> = theme_changes
                .iter()
                .filter_map(|t| leaf_template(t))
                .collect();
            // Filter pages whose products changed (a product that joins a
            // choice is not yet linked from its page).
            let refiltered: HashSet<usize> = self.site.as_ref().map_or_else(HashSet::new, |old| {
                (0..site.filters.len())
                    .filter(|i| old.filters.get(*i) != site.filters.get(*i))
                    .collect()
            });
            // Pages keep their place in the plan: a change that moves them
            // (a record added or removed) makes a full rebuild.
            all.iter()
                .enumerate()
                .filter(|(i, p)| {
                    leaves.contains(&plan::template(p.kind))
                        || matches!(p.kind, PageKind::Filter(f) if refiltered.contains(&f))
                        || own(p.kind).is_some_and(|r| keys.contains(&r))
                        || self.pending.contains(i)
                        || self
                            .deps
                            .get(*i)
                            .is_some_and(|d| keys.iter().any(|k| d.contains(k)))
                })
                .filter(|(_, p)| !is_edited(p))
                .collect()
        };
        let base = Urls::new(&site.config).base_path;
        // Each page: its place in the plan, its file, its HTML, and the
        // records it shows (its own, and those it links to), found while
        // still in parallel.
        type Page = (usize, String, String, HashSet<Ref>);
        let urls = &self.urls;
        let with_deps = |i: usize, file: String, html: String, kind: PageKind| -> Page {
            let deps = shown_by(&html, kind, &base, urls);
            (i, file, html, deps)
        };
        let mut rendered: Vec<Result<Option<Page>, Diagnostic>> = first_html
            .into_iter()
            .zip(&first)
            .map(|(r, (i, p))| r.map(|(file, html)| Some(with_deps(*i, file, html, p.kind))))
            .collect();
        // Once another save comes, the pages left wait for its rebuild (or
        // for saves to pause): a listing of thousands of records must not
        // hold up the next record's page.
        let saved = &self.saved;
        rendered.par_extend(pages.par_iter().map(|(i, p)| {
            if !full && saved.load(Ordering::Relaxed) {
                return Ok(None);
            }
            let html = renderer.render_page(p)?;
            Ok(Some(with_deps(
                *i,
                plan::file(&site, p.kind, &p.lang),
                html,
                p.kind,
            )))
        }));
        let skipped: BTreeSet<usize> = pages
            .iter()
            .zip(&rendered[first.len()..])
            .filter(|(_, r)| matches!(r, Ok(None)))
            .map(|((i, _), _)| *i)
            .collect();
        self.pending = skipped;
        let mut files = Vec::with_capacity(rendered.len());
        let mut failures = Vec::new();
        for r in rendered {
            match r {
                Ok(None) => {}
                Ok(Some((i, file, html, deps))) => {
                    if let Some(d) = self.deps.get_mut(i) {
                        *d = deps;
                    }
                    files.push((file, html));
                }
                Err(d) => failures.push(d),
            }
        }
        if !failures.is_empty() {
            self.fail(&failures, state);
            return;
        }
        // QR codes and label sheets of the records whose pages were
        // rendered again.
        let coded: Vec<(Collection, usize)> = if full {
            crate::publish::coded_records(&renderer)
        } else {
            first
                .iter()
                .chain(&pages)
                .filter_map(|(_, p)| match p.kind {
                    PageKind::Detail(c @ (Collection::Products | Collection::Producers), i) => {
                        Some((c, i))
                    }
                    _ => None,
                })
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let published = match crate::publish::record_files(&renderer, &coded) {
            Ok(f) => f,
            Err(d) => {
                self.fail(&d, state);
                return;
            }
        };
        let n = files.len();
        if let Ok(mut s) = state.write() {
            if full {
                // The search index stays until its replacement is ready;
                // pictures not processed again stay as they were.
                let pictures = &self.picture_paths;
                s.files.retain(|k, _| {
                    k.starts_with(search::DIR) || (is_patch && pictures.contains(k))
                });
            }
            for (file, html) in files {
                s.files.insert(file, html.into_bytes());
            }
            s.files.extend(published);
            for (name, bytes) in &theme.statics {
                s.files.insert(format!("assets/{name}"), bytes.clone());
            }
            // Renditions, and each picture's own path without its metadata:
            // they take precedence over the files under content/.
            for (rel, bytes) in picture_files {
                s.files.insert(rel, bytes);
            }
            s.files.insert(
                "_headers".into(),
                crate::publish::headers::headers_file().into_bytes(),
            );
            s.media = site
                .content
                .media
                .iter()
                .filter(|m| !crate::images::is_image(m))
                .cloned()
                .collect();
            s.errors = None;
            s.version += 1;
            s.rendered = n;
            s.total = all.len();
            s.patched = is_patch;
            s.stale = true;
        }
        let ms = started.elapsed().as_millis();
        match self.lang {
            Lang::Vi => eprintln!("đã dựng lại {n}/{} trang trong {ms} ms", all.len()),
            Lang::En => eprintln!("rebuilt {n} of {} pages in {ms} ms", all.len()),
        }
        self.site = Some(site);
        // What is made from the whole site (sitemap, feeds, open data,
        // the search index) is made now after a full build, and otherwise
        // once changes pause, so that quick saves are not held up by it.
        self.stale = true;
        if full {
            self.publish(state);
        }
    }

    /// Makes what follows the whole site: the sitemap, feeds, open data
    /// and its pages, and (on its own thread) the search index.
    fn publish(&mut self, state: &Arc<RwLock<State>>) {
        let (Some(site), Some(theme)) = (self.site.as_ref(), self.theme.as_ref()) else {
            return;
        };
        let Ok(renderer) = Renderer::new(site, theme) else {
            return;
        };
        let renderer = renderer.with_images(&self.images);
        // A save that comes meanwhile goes first: what is left waits for
        // the next pause.
        self.saved.store(false, Ordering::Relaxed);
        let saved = || self.saved.load(Ordering::Relaxed);
        // The pages a save interrupted, and the open data pages (which give
        // the size of each export).
        let data = crate::publish::Collect::default();
        if let Err(d) = renderer.publish_open_data(&data) {
            drop(renderer);
            self.fail(&[d], state);
            return;
        }
        let base = renderer.urls.base_path.clone();
        type Page = (usize, String, String, HashSet<Ref>);
        let pages: Result<Vec<Page>, Diagnostic> = plan::plan(site)
            .par_iter()
            .enumerate()
            .filter(|(i, p)| p.kind == PageKind::OpenData || self.pending.contains(i))
            .map(|(i, p)| {
                let html = renderer.render_page(p)?;
                let deps = shown_by(&html, p.kind, &base, &self.urls);
                Ok((i, plan::file(site, p.kind, &p.lang), html, deps))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let pages = match pages {
            Ok(p) => p,
            Err(d) => {
                drop(renderer);
                self.fail(&[d], state);
                return;
            }
        };
        let files = if saved() {
            None
        } else {
            match crate::publish::site_files(&renderer) {
                Ok(mut f) => {
                    f.extend(data.into_files());
                    Some(f)
                }
                Err(d) => {
                    drop(renderer);
                    self.fail(&d, state);
                    return;
                }
            }
        };
        // The search index is rebuilt only when what it holds changed.
        let docs = (files.is_some() && !saved()).then(|| search::documents(&renderer));
        drop(renderer);
        if let Ok(mut s) = state.write() {
            for (i, file, html, deps) in pages {
                self.pending.remove(&i);
                if let Some(d) = self.deps.get_mut(i) {
                    *d = deps;
                }
                s.files.insert(file, html.into_bytes());
            }
            if let Some(files) = files {
                s.files.extend(files);
            }
            s.version += 1;
            self.stale = docs.is_none();
            s.stale = self.stale;
        }
        if let Some(docs) = docs
            && docs != self.search_docs
        {
            self.search_docs = docs.clone();
            let base = Urls::new(&site.config).base_path;
            let tx = self
                .indexer
                .get_or_insert_with(|| search_indexer(Arc::clone(state)));
            let _ = tx.send((docs, base, site.config.languages.clone()));
        }
    }
}

/// How long changes must pause before what follows the whole site is made
/// again.
const PUBLISH_QUIET: Duration = Duration::from_millis(400);

/// How long changes must pause before the search index is rebuilt.
const SEARCH_QUIET: Duration = Duration::from_millis(1000);

/// What the search index is made from: the documents, the base path and
/// the site's languages.
type SearchJob = (Vec<search::Document>, String, Vec<String>);

/// The thread that keeps the search index: one index at a time, from the
/// newest documents once changes pause, outside the pool that renders
/// pages.
fn search_indexer(state: Arc<RwLock<State>>) -> mpsc::Sender<SearchJob> {
    let (tx, rx) = mpsc::channel::<SearchJob>();
    std::thread::spawn(move || {
        while let Ok(mut job) = rx.recv() {
            loop {
                match rx.recv_timeout(SEARCH_QUIET) {
                    Ok(newer) => job = newer,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let (docs, base, languages) = job;
            let files = search::index(&languages, &docs, &base);
            if let Ok(mut s) = state.write() {
                s.files.retain(|k, _| !k.starts_with(search::DIR));
                s.files.extend(files);
            }
        }
    });
    tx
}

/// Whether the products listing's filter choices differ (not only their
/// products): then the plan of pages changed.
fn choices_differ(a: &Site, b: &Site) -> bool {
    a.filters.len() != b.filters.len()
        || a.filters
            .iter()
            .zip(&b.filters)
            .any(|(x, y)| x.facet != y.facet || x.value != y.value)
}

/// A template used by one kind of page only: changing it re-renders those
/// pages alone. Anything else (base layout, components, UI strings) touches
/// every page.
fn leaf_template(theme_path: &str) -> Option<&'static str> {
    let name = theme_path.strip_prefix("templates/")?;
    [
        "home.html",
        "list.html",
        "product.html",
        "brand.html",
        "producer.html",
        "commune.html",
        "chain.html",
        "directive.html",
        "agency.html",
        "indicator.html",
        "report.html",
        "page.html",
        "progress.html",
        "search.html",
        "open_data.html",
        "404.html",
    ]
    .into_iter()
    .find(|t| *t == name)
}

/// The record a file under `content/` holds (`products/na.en.md` →
/// products, na).
fn key_of(rel: &Path) -> Option<Key> {
    let mut comps = rel.components();
    let collection = Collection::from_dir(&comps.next()?.as_os_str().to_string_lossy())?;
    let name = rel.file_name()?.to_string_lossy().to_string();
    let stem = name.split('.').next()?.to_string();
    slug::is_valid(&stem).then_some((collection, stem))
}

/// The record whose own page this is.
fn own(kind: PageKind) -> Option<Ref> {
    match kind {
        PageKind::Detail(c, i) => Some((c, i)),
        _ => None,
    }
}

fn slugs_differ(a: &Site, b: &Site) -> bool {
    a.config.languages != b.config.languages
        || Collection::ALL
            .iter()
            .any(|c| a.content.slugs(*c) != b.content.slugs(*c))
}

/// Records whose derived facts changed: reverse links, task status,
/// indicator progress.
fn derived_changes(old: &Site, new: &Site) -> Vec<Ref> {
    let mut out: Vec<(Collection, usize)> = new.links.changed_owners(&old.links);
    for (d, tasks) in new.tasks.iter().enumerate() {
        if old.tasks.get(d) != Some(tasks) {
            out.push((Collection::Directives, d));
        }
    }
    for (i, p) in new.indicators.iter().enumerate() {
        if old.indicators.get(i) != Some(p) {
            out.push((Collection::Indicators, i));
        }
    }
    out
}

/// Site-relative path of every record's page, in every language → record.
fn record_urls(site: &Site) -> HashMap<String, Ref> {
    let mut m = HashMap::new();
    for c in Collection::ALL {
        for i in 0..site.content.len(c) {
            let Some(s) = site.content.slug_at(c, i) else {
                continue;
            };
            for lang in &site.config.languages {
                m.insert(Urls::record(&site.config, lang, c, s), (c, i));
            }
        }
    }
    m
}

/// The records a page shows: its own, and those it links to.
fn shown_by(html: &str, kind: PageKind, base: &str, urls: &HashMap<String, Ref>) -> HashSet<Ref> {
    let mut deps = links_in(html, base, urls);
    deps.extend(own(kind));
    deps
}

/// The records a page links to: what it shows of other records is linked
/// to them, so the links are its dependencies.
fn links_in(html: &str, base: &str, urls: &HashMap<String, Ref>) -> HashSet<Ref> {
    let mut out = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find("href=\"") {
        rest = &rest[i + 6..];
        let Some(end) = rest.find('"') else { break };
        let href = &rest[..end];
        rest = &rest[end..];
        let path = href.split('#').next().unwrap_or("");
        if let Some(rel) = path.strip_prefix(base)
            && let Some(k) = urls.get(rel)
        {
            out.insert(*k);
        }
    }
    out
}

fn error_page(diags: &[Diagnostic], lang: Lang) -> String {
    let text = diagnostics::render(diags, Format::Human, lang);
    let title = lang.pick("Nội dung có lỗi", "The content has errors");
    let help = lang.pick(
        "Sửa tệp được nêu dưới đây và lưu lại: trang sẽ tự tải lại.",
        "Fix the file named below and save it: the page reloads by itself.",
    );
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{help}</p>\n<pre>{}</pre>\n</main>\n</body>\n</html>\n",
        lang.pick("vi", "en"),
        escape(&text)
    )
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script to a page.
fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_PATH}\"></script>\n");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: tiny_http::Request, state: &RwLock<State>, content_dir: &Path) {
    let url = request.url().split('?').next().unwrap_or("/").to_string();
    let path = percent_decode(&url);
    let (status, ctype, body) = answer(&path, state, content_dir);
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    for h in [
        header("Content-Type", ctype),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

fn answer(path: &str, state: &RwLock<State>, content_dir: &Path) -> (u16, &'static str, Vec<u8>) {
    let Ok(s) = state.read() else {
        return (500, "text/plain; charset=utf-8", b"busy".to_vec());
    };
    match path {
        RELOAD_PATH => {
            return (
                200,
                "text/javascript; charset=utf-8",
                RELOAD_JS.as_bytes().to_vec(),
            );
        }
        VERSION_PATH => {
            return (
                200,
                "text/plain; charset=utf-8",
                s.version.to_string().into_bytes(),
            );
        }
        STATUS_PATH => {
            let json = serde_json::json!({
                "version": s.version,
                "rendered": s.rendered,
                "total": s.total,
                "errors": s.errors.is_some(),
                "patched": s.patched,
                "stale": s.stale,
            });
            return (200, "application/json", json.to_string().into_bytes());
        }
        _ => {}
    }
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|p| p == "..") {
        return (404, "text/plain; charset=utf-8", b"not found".to_vec());
    }
    let mut candidates = vec![rel.to_string()];
    if rel.is_empty() || rel.ends_with('/') {
        candidates = vec![format!("{rel}index.html")];
    } else if !rel.rsplit('/').next().unwrap_or("").contains('.') {
        candidates.push(format!("{rel}/index.html"));
    }
    for c in &candidates {
        if let Some(bytes) = s.files.get(c) {
            let ctype = content_type(c);
            if ctype.starts_with("text/html") {
                let page = match &s.errors {
                    Some(e) => e.as_bytes(),
                    None => bytes.as_slice(),
                };
                return (200, ctype, inject(page));
            }
            return (200, ctype, bytes.clone());
        }
    }
    if s.media.contains(rel)
        && let Ok(bytes) = std::fs::read(content_dir.join(rel))
    {
        return (200, content_type(rel), bytes);
    }
    if let Some(e) = &s.errors {
        return (200, "text/html; charset=utf-8", inject(e.as_bytes()));
    }
    let not_found = if rel.starts_with("en/") {
        "en/404.html"
    } else {
        "404.html"
    };
    let body = s
        .files
        .get(not_found)
        .map(|b| inject(b))
        .unwrap_or_else(|| b"not found".to_vec());
    (404, "text/html; charset=utf-8", body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_content_files() {
        assert_eq!(
            key_of(Path::new("products/na.en.md")),
            Some((Collection::Products, "na".into()))
        );
        assert_eq!(
            key_of(Path::new("products/sub/na.yaml")),
            Some((Collection::Products, "na".into()))
        );
        assert_eq!(key_of(Path::new("media/na.jpg")), None);
    }

    #[test]
    fn a_save_is_complete_once_its_files_are_closed_or_renamed_into_place() {
        use notify::EventKind;
        use notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RenameMode,
        };
        let ev = |kind: EventKind, p: &str| Ok(notify::Event::new(kind).add_path(PathBuf::from(p)));
        let file = "/site/content/products/na.md";
        let mut c = Changes::default();
        c.add(ev(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            file,
        ));
        assert!(!c.complete(), "still being written");
        c.add(ev(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            file,
        ));
        assert!(c.complete());
        assert_eq!(c.paths.len(), 1);

        // Written beside, then renamed over the record.
        let tmp = "/site/content/products/na.md.tmp";
        let mut c = Changes::default();
        c.add(ev(EventKind::Create(CreateKind::File), tmp));
        c.add(ev(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            tmp,
        ));
        assert!(!c.complete());
        c.add(ev(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            tmp,
        ));
        c.add(ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            tmp,
        ));
        c.add(ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            file,
        ));
        assert!(c.complete());

        // Reading files (as a rebuild does) is no change.
        let mut c = Changes::default();
        c.add(ev(
            EventKind::Access(AccessKind::Open(AccessMode::Read)),
            file,
        ));
        c.add(ev(
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            file,
        ));
        assert!(c.paths.is_empty());
        let read = notify::Event::new(EventKind::Access(AccessKind::Open(AccessMode::Read)))
            .add_path(PathBuf::from(file));
        assert!(!is_write(&read));
        let swap = notify::Event::new(EventKind::Modify(ModifyKind::Data(DataChange::Any)))
            .add_path(PathBuf::from("/site/content/products/.na.md.swp"));
        assert!(!is_write(&swap));
    }

    #[test]
    fn injects_the_reload_script_once() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert_eq!(out.matches(RELOAD_PATH).count(), 1);
        assert!(out.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/media/a%20b.jpg"), "/media/a b.jpg");
        assert_eq!(percent_decode("/x%2"), "/x%2");
        assert_eq!(percent_decode("/%aé"), "/%aé");
    }
}
