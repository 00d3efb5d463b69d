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
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// A record, by collection and slug.
type Key = (Collection, String);

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
    let mut watcher = notify::recommended_watcher(move |res| {
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
        while let Ok(first) = rx.recv() {
            let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
            collect(first, &mut changed);
            // Debounce: editors write a file in several steps.
            while let Ok(more) = rx.recv_timeout(Duration::from_millis(40)) {
                collect(more, &mut changed);
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

fn collect(event: notify::Result<notify::Event>, into: &mut BTreeSet<PathBuf>) {
    if let Ok(e) = event {
        if matches!(e.kind, notify::EventKind::Access(_)) {
            return;
        }
        into.extend(e.paths);
    }
}

/// Editors' swap and backup files.
fn is_noise(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913"
}

struct Builder {
    opts: Options,
    lang: Lang,
    cache: content::Cache,
    site: Option<Site>,
    theme: Option<Theme>,
    /// Page file → the records it shows.
    deps: HashMap<String, HashSet<Key>>,
    /// What the search index was last built from.
    search_docs: Vec<search::Document>,
    /// Hands documents to the search indexer's thread.
    indexer: Option<mpsc::Sender<(Vec<search::Document>, String)>>,
}

impl Builder {
    fn new(opts: Options, lang: Lang) -> Builder {
        Builder {
            opts,
            lang,
            cache: content::Cache::default(),
            site: None,
            theme: None,
            deps: HashMap::new(),
            search_docs: Vec::new(),
            indexer: None,
        }
    }

    fn fail(&self, diags: &[Diagnostic], state: &RwLock<State>) {
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

        let checked = build::check_cached(&self.opts, &mut self.cache);
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
        // encoded again.
        let images = crate::images::process(root, &site.content, &|_| None);
        if !images.diagnostics.is_empty() {
            let mut d = images.diagnostics;
            content::locate_fields(root, &mut d);
            diagnostics::sort(&mut d);
            self.fail(&d, state);
            return;
        }
        let renderer = match Renderer::new(&site, theme) {
            Ok(r) => r.with_images(&images.images),
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
            || self
                .site
                .as_ref()
                .is_some_and(|old| slugs_differ(old, &site) || choices_differ(old, &site))
            || state.read().map(|s| s.errors.is_some()).unwrap_or(true);
        // The pages of the records edited are rendered and served first;
        // the pages that list or link to them follow.
        let edited: HashSet<Key> = if full {
            HashSet::new()
        } else {
            changed
                .iter()
                .filter_map(|p| p.strip_prefix(&content_dir).ok())
                .filter_map(key_of)
                .collect()
        };
        let is_edited = |p: &Planned| own_key(&site, p.kind).is_some_and(|k| edited.contains(&k));
        let first: Vec<&Planned> = all.iter().filter(|p| is_edited(p)).collect();
        let first_html: Vec<Result<(String, String), Diagnostic>> = first
            .par_iter()
            .map(|p| Ok((plan::file(&site, p.kind, &p.lang), renderer.render_page(p)?)))
            .collect();
        if first_html.iter().all(Result::is_ok)
            && let Ok(mut s) = state.write()
        {
            // Served at once; open pages reload when the rest is done.
            for (file, html) in first_html.iter().flatten() {
                s.files.insert(file.clone(), html.clone().into_bytes());
            }
        }
        let pages: Vec<&Planned> = if full {
            all.iter().collect()
        } else {
            let mut keys: HashSet<Key> = edited.clone();
            // A changed picture: the records that show it (its file name
            // changes with its content).
            for p in changed
                .iter()
                .filter_map(|p| p.strip_prefix(&content_dir).ok())
            {
                let rel = p.to_string_lossy().replace('\\', "/");
                if crate::images::is_image(&rel) {
                    keys.extend(crate::images::shown_by(&site.content, &rel));
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
            all.iter()
                .filter(|p| {
                    let file = plan::file(&site, p.kind, &p.lang);
                    leaves.contains(&plan::template(p.kind))
                        || matches!(p.kind, PageKind::Filter(i) if refiltered.contains(&i))
                        || own_key(&site, p.kind).is_some_and(|k| keys.contains(&k))
                        || self
                            .deps
                            .get(&file)
                            .is_some_and(|d| d.iter().any(|k| keys.contains(k)))
                })
                .filter(|p| !is_edited(p))
                .collect()
        };
        let urls = record_urls(&site);
        let base = Urls::new(&site.config).base_path;
        // Each page: its file, its HTML, and the records it shows (its own,
        // and those it links to), found while still in parallel.
        type Page = (String, String, HashSet<Key>);
        let with_deps = |file: String, html: String, kind: PageKind| -> Page {
            let mut deps = links_in(&html, &base, &urls);
            deps.extend(own_key(&site, kind));
            (file, html, deps)
        };
        let mut rendered: Vec<Result<Page, Diagnostic>> = first_html
            .into_iter()
            .zip(&first)
            .map(|(r, p)| r.map(|(file, html)| with_deps(file, html, p.kind)))
            .collect();
        rendered.par_extend(pages.par_iter().map(|p| {
            let html = renderer.render_page(p)?;
            Ok(with_deps(plan::file(&site, p.kind, &p.lang), html, p.kind))
        }));
        let mut files = Vec::with_capacity(rendered.len());
        let mut failures = Vec::new();
        for r in rendered {
            match r {
                Ok((file, html, deps)) => {
                    self.deps.insert(file.clone(), deps);
                    files.push((file, html));
                }
                Err(d) => failures.push(d),
            }
        }
        if !failures.is_empty() {
            self.fail(&failures, state);
            return;
        }
        let n = files.len();
        if let Ok(mut s) = state.write() {
            if full {
                // The search index stays until its replacement is ready.
                s.files.retain(|k, _| k.starts_with(search::DIR));
                self.deps.retain(|f, _| files.iter().any(|(g, _)| g == f));
            }
            for (file, html) in files {
                s.files.insert(file, html.into_bytes());
            }
            for (name, bytes) in &theme.statics {
                s.files.insert(format!("assets/{name}"), bytes.clone());
            }
            // Renditions, and each picture's own path without its metadata:
            // they take precedence over the files under content/.
            for (rel, bytes) in images.files {
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
        }
        let ms = started.elapsed().as_millis();
        match self.lang {
            Lang::Vi => eprintln!("đã dựng lại {n}/{} trang trong {ms} ms", all.len()),
            Lang::En => eprintln!("rebuilt {n} of {} pages in {ms} ms", all.len()),
        }
        // The pages are served already; the search index follows in the
        // background, built only when what it holds changed.
        let docs = search::documents(&renderer);
        if docs != self.search_docs {
            self.search_docs = docs.clone();
            let tx = self
                .indexer
                .get_or_insert_with(|| search_indexer(Arc::clone(state)));
            let _ = tx.send((docs, base));
        }
        self.site = Some(site);
    }
}

/// How long changes must pause before the search index is rebuilt.
const SEARCH_QUIET: Duration = Duration::from_millis(1000);

/// The thread that keeps the search index: one index at a time, from the
/// newest documents once changes pause, outside the pool that renders
/// pages.
fn search_indexer(state: Arc<RwLock<State>>) -> mpsc::Sender<(Vec<search::Document>, String)> {
    let (tx, rx) = mpsc::channel::<(Vec<search::Document>, String)>();
    std::thread::spawn(move || {
        while let Ok(mut job) = rx.recv() {
            loop {
                match rx.recv_timeout(SEARCH_QUIET) {
                    Ok(newer) => job = newer,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let (docs, base) = job;
            if let Ok(files) = search::index(&docs, &base)
                && let Ok(mut s) = state.write()
            {
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
fn own_key(site: &Site, kind: PageKind) -> Option<Key> {
    match kind {
        PageKind::Detail(c, i) => site.content.slug_at(c, i).map(|s| (c, s.to_string())),
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
fn derived_changes(old: &Site, new: &Site) -> Vec<Key> {
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
    out.into_iter()
        .filter_map(|(c, i)| new.content.slug_at(c, i).map(|s| (c, s.to_string())))
        .collect()
}

/// Site-relative path of every record's page, in every language → record.
fn record_urls(site: &Site) -> HashMap<String, Key> {
    let mut m = HashMap::new();
    for c in Collection::ALL {
        for i in 0..site.content.len(c) {
            let Some(s) = site.content.slug_at(c, i) else {
                continue;
            };
            for lang in &site.config.languages {
                m.insert(Urls::record(&site.config, lang, c, s), (c, s.to_string()));
            }
        }
    }
    m
}

/// The records a page links to: what it shows of other records is linked
/// to them, so the links are its dependencies.
fn links_in(html: &str, base: &str, urls: &HashMap<String, Key>) -> HashSet<Key> {
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
            out.insert(k.clone());
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
