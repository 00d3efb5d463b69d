//! Rendering: the plan of pages, Tera templates, Markdown, and the values
//! templates see. A pure function of (Site, theme): it never opens a content
//! file, and pages are rendered in parallel and handed to a [`Sink`].

pub mod collate;
pub mod dashboard;
pub mod filters;
pub mod format;
pub mod graphics;
pub mod markdown;
pub mod plan;
pub mod svg;
pub mod theme;
pub mod urls;
pub mod value;
pub mod views;

use crate::content::collection::Collection;
use crate::diagnostics::{Code, Diagnostic};
use crate::images::Images;
use crate::publish::open_data::OpenData;
use crate::site::Site;
use plan::{PageKind, Planned};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::OnceLock;
use tera::{Kwargs, State, Tera};
use theme::Theme;
use urls::Urls;
use value::{Fields, Value, null, value};
use views::View;

/// Writes a file's pieces as `make` produces them.
pub type Make<'a> = &'a mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

/// Where rendered files go.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// Writes a file that `make` produces piece by piece, and returns its
    /// size. By default the pieces are gathered and handed to
    /// [`Sink::write`]; a sink that writes to disk streams them, so that a
    /// large file (an open-data table) is never held whole.
    fn write_with(&self, rel: &str, make: Make) -> Result<u64, Diagnostic> {
        let mut bytes = Vec::new();
        make(&mut bytes).map_err(|e| {
            Diagnostic::new(Code::Output).detail(format!("cannot write {rel}: {e}"))
        })?;
        self.write(rel, &bytes)?;
        Ok(bytes.len() as u64)
    }
}

/// A sink that keeps nothing: for what the open data would be, without
/// writing it.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn write_with(&self, rel: &str, make: Make) -> Result<u64, Diagnostic> {
        let mut counted = Counted::new(std::io::sink());
        make(&mut counted).map_err(|e| {
            Diagnostic::new(Code::Output).detail(format!("cannot write {rel}: {e}"))
        })?;
        Ok(counted.count)
    }
}

/// A writer that counts the bytes written through it.
pub struct Counted<W> {
    inner: W,
    pub count: u64,
}

impl<W: std::io::Write> Counted<W> {
    pub fn new(inner: W) -> Self {
        Counted { inner, count: 0 }
    }
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// `{{ x | loc }}`: localised text from a view (`{text, lang}`), escaped,
/// wrapped in `<span lang>` when it is in another language than the page.
fn loc_filter(v: &tera::Value, _: Kwargs, _: &State) -> tera::Value {
    let text = v
        .get_from_path("text")
        .and_then(|t| t.as_str())
        .or_else(|| v.as_str());
    let Some(text) = text else {
        return tera::Value::safe_string("");
    };
    let lang = v
        .get_from_path("lang")
        .and_then(|l| l.as_str())
        .filter(|l| !l.is_empty());
    // Written once into one string: this filter runs for most names.
    let mut out = String::with_capacity(text.len() + 32);
    if let Some(lang) = lang {
        out.push_str("<span lang=\"");
        push_escaped(&mut out, lang);
        out.push_str("\">");
    }
    push_escaped(&mut out, text);
    if lang.is_some() {
        out.push_str("</span>");
    }
    tera::Value::safe_string(&out)
}

/// Appends `s` to `out` HTML-escaped, as Tera's autoescape escapes it
/// (with its `fast` feature, through the same function).
fn push_escaped(out: &mut String, s: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, s);
}

/// HTML-escapes text the way Tera's autoescape does.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Builds the Tera instance from the theme's templates.
pub fn templates(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ""]);
    tera.register_filter("loc", loc_filter);
    let list: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    tera.add_raw_templates(list).map_err(|e| {
        vec![
            Diagnostic::new(Code::Template)
                .file("themes/default/templates")
                .detail(tera_error(&e)),
        ]
    })?;
    Ok(tera)
}

fn tera_error(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub tera: Tera,
    pub urls: Urls,
    strings: BTreeMap<String, BTreeMap<String, String>>,
    /// The published sizes of every picture (none until given).
    pub images: &'a Images,
    /// The open-data files, made once: the open-data pages show their
    /// sizes and the build writes them.
    open_data: OnceLock<Result<OpenData, Diagnostic>>,
    /// Tells this renderer's values in a thread's [`SHARED`] from those
    /// of renderers before it (`serve` makes one per build).
    id: u64,
    /// Per language, the product cards, converted for Tera once: the
    /// listing and every filter page show them, most products on several.
    product_cards: BTreeMap<String, OnceLock<ProductCards>>,
    /// Per language, collection (in [`Collection::ALL`]'s order) and
    /// record, the record's description: its page and the search index
    /// both show it, and finding it parses the body.
    descriptions: BTreeMap<String, Vec<Vec<OnceLock<Option<String>>>>>,
    /// Per language, what pages show many times over: links to records,
    /// product cards, records in order of their names.
    memo: BTreeMap<String, views::Memo>,
    /// Whether the theme has partials (see [`Renderer::partials_of`]).
    has_partials: bool,
    /// Whether the theme has a product card template (see
    /// [`View::with_card_html`]).
    has_card: bool,
}

/// Where a theme's partials are, among its templates.
const PARTIALS: &str = "partials/";

/// What a [`Renderer`] made and kept for its pages, without its borrows of
/// the site: to be freed elsewhere.
pub struct Kept {
    _tera: Tera,
    _open_data: OnceLock<Result<OpenData, Diagnostic>>,
    _product_cards: BTreeMap<String, OnceLock<ProductCards>>,
    _descriptions: BTreeMap<String, Vec<Vec<OnceLock<Option<String>>>>>,
    _memo: BTreeMap<String, views::Memo>,
}

impl Renderer<'_> {
    /// Lets go of the product cards of every language, once every page is
    /// written (see [`views::Memo::forget_cards`]), and hands them back to
    /// be freed.
    pub fn forget_cards(&mut self) -> impl Send + 'static {
        let cards: Vec<_> = self.memo.values_mut().map(|m| m.forget_cards()).collect();
        let groups: Vec<_> = self.product_cards.values_mut().map(|c| c.take()).collect();
        (cards, groups)
    }

    /// Ends the renderer, handing over what it kept.
    pub fn into_kept(self) -> Kept {
        Kept {
            _tera: self.tera,
            _open_data: self.open_data,
            _product_cards: self.product_cards,
            _descriptions: self.descriptions,
            _memo: self.memo,
        }
    }
}

/// A language's product cards and how the listing groups them.
struct ProductCards {
    /// Category key, its name, its products sorted by name.
    groups: Vec<(String, Value, Vec<usize>)>,
    /// By product.
    cards: Vec<Value>,
}

/// The parts of a page's context that depend on its language only.
struct Shared {
    strings: Value,
    site: Value,
    footer_links: Value,
    /// The main menu with each section current (see [`nav_section`]), on
    /// the section's own page or below it.
    navs: Vec<(NavState, Value)>,
    /// The theme's partials, rendered for each state of the main menu met
    /// so far (see [`Renderer::partials_of`]).
    partials: std::cell::RefCell<Vec<(NavState, Value)>>,
}

impl Shared {
    /// A context in `lang` with what every page and partial sees alike.
    fn context(&self, lang: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert_value("t", self.strings.clone());
        ctx.insert_value("site", self.site.clone());
        ctx.insert_value("footer_links", self.footer_links.clone());
        ctx
    }
}

/// What the main menu shows as current: a section (or none), or a free
/// page; and whether the page is the current item's own page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NavState {
    Section(Option<&'static str>, bool),
    Page(usize),
}

/// The section of the main menu a page of `kind` is in, if any.
fn nav_section(kind: PageKind) -> Option<&'static str> {
    match kind {
        PageKind::List(c) | PageKind::Detail(c, _) => urls::section_of(c),
        PageKind::Filter(_) => Some("products"),
        PageKind::Progress => Some("progress"),
        PageKind::Search => Some("search"),
        PageKind::OpenData => Some("open_data"),
        _ => None,
    }
}

/// Every value [`nav_section`] gives.
const NAV_SECTIONS: [Option<&str>; 13] = [
    None,
    Some("products"),
    Some("brands"),
    Some("producers"),
    Some("communes"),
    Some("agencies"),
    Some("chains"),
    Some("directives"),
    Some("indicators"),
    Some("reports"),
    Some("progress"),
    Some("search"),
    Some("open_data"),
];

/// Numbers the renderers (see [`Renderer::id`]).
static RENDERERS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

thread_local! {
    /// This thread's copies of what every page sees alike, by renderer and
    /// language (see [`Renderer::shared`]).
    static SHARED: std::cell::RefCell<Vec<(u64, String, Rc<Shared>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// What a page's buffer starts with: a detail page of the portal's theme
/// is 10–30 KB.
const PAGE_BYTES: usize = 32 * 1024;

/// What a renderer without processed pictures shows: images as written.
static NO_IMAGES: Images = Images::new();

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Result<Self, Vec<Diagnostic>> {
        let tera = templates(theme)?;
        let default = site.default_language();
        let strings = site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), theme.strings_for(l, default)))
            .collect();
        let has_partials = theme.templates.keys().any(|t| t.starts_with(PARTIALS));
        Ok(Renderer {
            site,
            theme,
            has_partials,
            has_card: theme.templates.contains_key(views::PRODUCT_CARD),
            tera,
            urls: Urls::new(&site.config),
            strings,
            images: &NO_IMAGES,
            open_data: OnceLock::new(),
            id: RENDERERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            product_cards: site
                .config
                .languages
                .iter()
                .map(|l| (l.clone(), OnceLock::new()))
                .collect(),
            descriptions: site
                .config
                .languages
                .iter()
                .map(|l| {
                    let slots = Collection::ALL
                        .iter()
                        .map(|c| (0..site.content.len(*c)).map(|_| OnceLock::new()).collect())
                        .collect();
                    (l.clone(), slots)
                })
                .collect(),
            memo: site
                .config
                .languages
                .iter()
                .map(|l| (l.clone(), views::Memo::new(site)))
                .collect(),
        })
    }

    /// A page's short description (see [`crate::publish::meta::description`]),
    /// found once per record and language.
    pub fn description(&self, v: &View, kind: PageKind) -> Option<String> {
        let slot = match kind {
            PageKind::Detail(c, i) => Collection::ALL
                .iter()
                .position(|x| *x == c)
                .and_then(|n| self.descriptions.get(v.lang)?.get(n)?.get(i)),
            _ => None,
        };
        match slot {
            Some(s) => s
                .get_or_init(|| crate::publish::meta::description(v, kind))
                .clone(),
            None => crate::publish::meta::description(v, kind),
        }
    }

    /// Product cards grouped by category, in the order of `site.yaml`;
    /// names sorted within each group. `only`: the products to show (in
    /// file order), or all; cards carry their filter values.
    fn product_groups(&self, v: &View, only: Option<&[usize]>) -> Value {
        let Some(cached) = self.product_cards.get(v.lang) else {
            return Value::from(Vec::<Value>::new());
        };
        // Made on one thread: the pages that need them wait, which is
        // cheaper than each making its own.
        let cached = cached.get_or_init(|| ProductCards {
            groups: v.product_group_order().into_iter().collect(),
            cards: (0..v.site.content.products.len())
                .map(|i| v.listed_product_card(i))
                .collect(),
        });
        let groups: Vec<Value> = cached
            .groups
            .iter()
            .filter_map(|(key, name, members)| {
                let cards: Vec<Value> = members
                    .iter()
                    .filter(|i| only.is_none_or(|o| o.binary_search(i).is_ok()))
                    .map(|i| cached.cards[*i].clone())
                    .collect();
                (!cards.is_empty())
                    .then(|| value!({ "key": key.as_str(), "name": name.clone(), "cards": cards }))
            })
            .collect();
        Value::from(groups)
    }

    /// A product card's template failed (see [`View::with_card_html`]).
    fn piece_error(&self, detail: &str) -> Diagnostic {
        Diagnostic::new(Code::Template)
            .file(format!("themes/default/templates/{}", views::PRODUCT_CARD))
            .detail(format!("while rendering a product card: {detail}"))
    }

    /// What the site's open-data files are (their paths, sizes, tables),
    /// made and written by [`Renderer::publish_open_data`]; made here, and
    /// not written, if nothing published them first.
    pub fn open_data(&self) -> Result<&OpenData, Diagnostic> {
        self.open_data
            .get_or_init(|| crate::publish::open_data::build(self.site, &self.urls, &Discard))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Makes the open-data files and writes each into `sink` as it is
    /// made. Called before the pages that show the files' sizes render.
    pub fn publish_open_data(&self, sink: &dyn Sink) -> Result<&OpenData, Diagnostic> {
        let mut written = false;
        let data = self.open_data.get_or_init(|| {
            written = true;
            crate::publish::open_data::build(self.site, &self.urls, sink)
        });
        // Made earlier without being written: made again to be written.
        if !written && data.is_ok() {
            crate::publish::open_data::build(self.site, &self.urls, sink)?;
        }
        data.as_ref().map_err(Clone::clone)
    }

    /// Shows pictures at the sizes `images` holds.
    pub fn with_images(mut self, images: &'a Images) -> Self {
        self.images = images;
        self
    }

    /// What templates and published files in `lang` read the site through.
    pub fn view<'b>(&'b self, lang: &'b str) -> View<'b> {
        View {
            site: self.site,
            lang,
            urls: &self.urls,
            strings: &self.strings[lang],
            images: self.images,
            memo: &self.memo[lang],
            pieces: self.has_card.then_some(&self.tera),
        }
    }

    /// Renders every page and static file into `sink`; returns the number
    /// of pages.
    pub fn render_all(&self, sink: &dyn Sink) -> Result<usize, Vec<Diagnostic>> {
        let pages = plan::plan(self.site);
        // Product cards first, on every core: listings, filter pages and
        // the pages of brands, producers and communes show them.
        for lang in &self.site.config.languages {
            let v = self.view(lang);
            (0..self.site.content.products.len())
                .into_par_iter()
                .for_each(|i| v.make_product_cards(i));
        }
        // One error per failure, not per card it failed on.
        let failed: std::collections::BTreeSet<String> = self
            .memo
            .values()
            .flat_map(|m| m.take_piece_errors())
            .collect();
        let mut errors: Vec<Diagnostic> = failed.iter().map(|e| self.piece_error(e)).collect();
        // Listings, filter pages and the dashboard first: each is one long
        // task (a listing of thousands of cards), and one left for the end
        // would keep a core waiting.
        let mut order: Vec<&Planned> = pages.iter().collect();
        order.sort_by_key(|p| matches!(p.kind, PageKind::Detail(..)));
        let rendered: Vec<Diagnostic> = order
            .par_iter()
            .filter_map(|p| {
                let file = plan::file(self.site, p.kind, &p.lang);
                match self.render_page_bytes(p) {
                    Ok(html) => sink.write(&file, &html).err(),
                    Err(d) => Some(d),
                }
            })
            .collect();
        errors.extend(rendered);
        // A partial that fails, fails on every page alike: said once.
        crate::diagnostics::sort(&mut errors);
        errors.dedup();
        for (name, bytes) in &self.theme.statics {
            if let Err(d) = sink.write(&format!("assets/{name}"), bytes) {
                errors.push(d);
            }
        }
        if errors.is_empty() {
            Ok(pages.len())
        } else {
            Err(errors)
        }
    }

    /// When a record's page last changed, from git history.
    fn last_changed(&self, kind: PageKind) -> Option<crate::content::date::Date> {
        let k = &self.site.content;
        let PageKind::Detail(c, i) = kind else {
            return None;
        };
        match c {
            Collection::Products => k.last_changed(&k.products[i]),
            Collection::Brands => k.last_changed(&k.brands[i]),
            Collection::Producers => k.last_changed(&k.producers[i]),
            Collection::Communes => k.last_changed(&k.communes[i]),
            Collection::Agencies => k.last_changed(&k.agencies[i]),
            Collection::Chains => k.last_changed(&k.chains[i]),
            Collection::Directives => k.last_changed(&k.directives[i]),
            Collection::Indicators => k.last_changed(&k.indicators[i]),
            Collection::Reports => k.last_changed(&k.reports[i]),
            Collection::Pages => k.last_changed(&k.pages[i]),
        }
    }

    /// The title of a page in plain text.
    fn title(&self, v: &View, kind: PageKind) -> String {
        let k = &self.site.content;
        match kind {
            PageKind::Home => v.text(&self.site.config.title).to_string(),
            PageKind::List(c) => v.t(&format!(
                "section_{}",
                urls::section_of(c).unwrap_or("pages")
            )),
            PageKind::Filter(i) => {
                let name = self
                    .site
                    .filters
                    .get(i)
                    .map(|c| v.choice_name(c))
                    .unwrap_or_default();
                format!("{}: {name}", v.t("section_products"))
            }
            PageKind::Detail(c, i) => match c {
                Collection::Products => v.text(&k.products[i].data.name).to_string(),
                Collection::Brands => v.text(&k.brands[i].data.name).to_string(),
                Collection::Producers => v.text(&k.producers[i].data.name).to_string(),
                Collection::Communes => v.text(&k.communes[i].data.name).to_string(),
                Collection::Agencies => v.text(&k.agencies[i].data.name).to_string(),
                Collection::Chains => v.text(&k.chains[i].data.name).to_string(),
                Collection::Directives => {
                    let d = &k.directives[i].data;
                    format!(
                        "{} {}",
                        v.t(&format!("directive_kind_{}", views::enum_key(&d.kind))),
                        d.number
                    )
                }
                Collection::Indicators => v.text(&k.indicators[i].data.name).to_string(),
                Collection::Reports => v.text(&k.reports[i].data.title).to_string(),
                Collection::Pages => v.text(&k.pages[i].data.title).to_string(),
            },
            PageKind::Progress => v.t("section_progress"),
            PageKind::Search => v.t("section_search"),
            PageKind::OpenData => v.t("section_open_data"),
            PageKind::NotFound => v.t("not_found_title"),
        }
    }

    fn breadcrumbs(&self, v: &View, kind: PageKind) -> Vec<Value> {
        let home = value!({"name": v.t("home"), "url": self.urls.href(&self.site.config.lang_prefix(v.lang))});
        match kind {
            PageKind::Home | PageKind::NotFound => vec![],
            PageKind::Filter(_) => vec![
                home,
                value!({"name": v.t("section_products"), "url": v.section_href("products")}),
            ],
            PageKind::Detail(c, _) => match urls::section_of(c) {
                Some(key) => vec![
                    home,
                    value!({"name": v.t(&format!("section_{key}")), "url": v.section_href(key)}),
                ],
                None => vec![home],
            },
            _ => vec![home],
        }
    }

    /// What the main menu of a page of `kind` at `url` shows as current.
    fn nav_state(v: &View, kind: PageKind, url: &str) -> NavState {
        match kind {
            PageKind::Detail(Collection::Pages, i) => NavState::Page(i),
            _ => {
                let key = nav_section(kind);
                NavState::Section(key, key.is_some_and(|k| v.section_href(k) == url))
            }
        }
    }

    /// The main menu in `state`: made once per language and state, except
    /// on free pages (which may be in the menu).
    fn nav_of(&self, v: &View, shared: &Shared, state: NavState) -> Value {
        match shared.navs.iter().find(|(k, _)| *k == state) {
            Some((_, nav)) => nav.clone(),
            None => Value::from(self.nav(v, state)),
        }
    }

    /// The theme's partials (templates under `partials/`) for a page whose
    /// main menu is `nav`, in `state`: each rendered once per thread,
    /// language and state of the menu, with what every page sees alike but
    /// not the page itself. `partials.<name>` in the page's templates.
    fn partials_of(
        &self,
        shared: &Shared,
        state: NavState,
        lang: &str,
        nav: &Value,
    ) -> Result<Value, Diagnostic> {
        if let Some((_, made)) = shared.partials.borrow().iter().find(|(k, _)| *k == state) {
            return Ok(made.clone());
        }
        let mut ctx = shared.context(lang);
        ctx.insert_value("nav", nav.clone());
        let mut rendered = Vec::new();
        for template in self.tera.get_template_names() {
            let Some(name) = template
                .strip_prefix(PARTIALS)
                .and_then(|n| n.strip_suffix(".html"))
            else {
                continue;
            };
            let html = self.tera.render(template, &ctx).map_err(|e| {
                Diagnostic::new(Code::Template)
                    .file(format!("themes/default/templates/{template}"))
                    .detail(format!("while rendering a partial: {}", tera_error(&e)))
            })?;
            // The file's last line end is the file's, not the piece's.
            let html = html.strip_suffix('\n').unwrap_or(&html);
            rendered.push((name.to_string(), Value::safe_string(html)));
        }
        let made = value::map_owned(rendered);
        shared.partials.borrow_mut().push((state, made.clone()));
        Ok(made)
    }

    /// The main menu with the section or free page of `state` current.
    fn nav(&self, v: &View, state: NavState) -> Vec<Value> {
        let (current_key, current_page, here) = match state {
            NavState::Section(key, here) => (key, None, here),
            NavState::Page(i) => (None, Some(i), true),
        };
        let mut items: Vec<Value> = [
            "products",
            "brands",
            "producers",
            "chains",
            "progress",
            "reports",
        ]
        .iter()
        .map(|key| {
            value!({
                "key": *key,
                "name": v.t(&format!("section_{key}")),
                "url": v.section_href(key),
                "current": current_key == Some(key),
                "here": here && current_key == Some(key),
            })
        })
        .collect();
        let mut pages: Vec<(i32, usize)> = self
            .site
            .content
            .pages
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.data.menu.map(|m| (m, i)))
            .collect();
        pages.sort();
        for (_, i) in pages {
            let mut l = v.link_at(Collection::Pages, i);
            l.set("current", current_page == Some(i));
            l.set("here", current_page == Some(i));
            let name = l.at("name").at("text").as_str().unwrap_or("").to_string();
            l.set("name", name);
            items.push(l);
        }
        // Phones have no room for the search form: search is a menu item.
        items.push(value!({
            "key": "search",
            "name": v.t("section_search"),
            "url": v.section_href("search"),
            "current": current_key == Some("search"),
            "here": here && current_key == Some("search"),
        }));
        items
    }

    /// The footer's links: the sections the main menu leaves out, and the
    /// pages not in the menu.
    fn footer_links(&self, v: &View) -> Vec<Value> {
        let mut items: Vec<Value> = [
            "directives",
            "indicators",
            "agencies",
            "communes",
            "open_data",
            "search",
        ]
        .iter()
        .map(|key| value!({"name": v.t(&format!("section_{key}")), "url": v.section_href(key)}))
        .collect();
        for (i, p) in self.site.content.pages.iter().enumerate() {
            if p.data.menu.is_none() {
                let l = v.link_at(Collection::Pages, i);
                items.push(
                    value!({"name": l.at("name").at("text").clone(), "url": l.at("url").clone()}),
                );
            }
        }
        items
    }

    /// What every page in `v`'s language sees alike.
    /// What every page in `v`'s language sees alike, made once per thread:
    /// templates clone these values many times a page, and a count of
    /// references shared by both cores made each clone wait on the other.
    fn shared(&self, v: &View) -> Rc<Shared> {
        SHARED.with(|cell| {
            let mut made = cell.borrow_mut();
            if let Some((_, _, s)) = made
                .iter()
                .find(|(id, lang, _)| *id == self.id && lang == v.lang)
            {
                return s.clone();
            }
            made.retain(|(id, _, _)| *id == self.id);
            let s = Rc::new(self.shared_for(v));
            made.push((self.id, v.lang.to_string(), s.clone()));
            s
        })
    }

    fn shared_for(&self, v: &View) -> Shared {
        let site = self.site;
        let cfg = &site.config;
        let contact_agency = cfg
            .contact
            .as_ref()
            .and_then(|c| c.agency.as_deref())
            .map_or(null(), |a| v.link(Collection::Agencies, a));
        let site_value = value!({
            "title": v.loc(&cfg.title),
            "description": v.loc_opt(cfg.description.as_ref()),
            "base_url": cfg.base_url.as_str(),
            "home": self.urls.href(&cfg.lang_prefix(v.lang)),
            "assets": self.urls.href("assets/"),
            "csp": crate::publish::headers::CONTENT_SECURITY_POLICY,
            "as_of": v.date(&site.as_of),
            "contact": value!({
                "agency": contact_agency,
                "address": v.loc_opt(cfg.contact.as_ref().and_then(|c| c.address.as_ref())),
                "phone": cfg.contact.as_ref().and_then(|c| c.phone.clone()),
                "email": cfg.contact.as_ref().and_then(|c| c.email.clone()),
            }),
            "search_url": v.section_href("search"),
            "sections": value::map_of(crate::config::SECTIONS
                .iter()
                .map(|(key, _, _)| (*key, Value::from(v.section_href(key))))),
        });
        let navs = NAV_SECTIONS
            .iter()
            .flat_map(|key| [false, true].map(|here| NavState::Section(*key, here)))
            .map(|state| (state, Value::from(self.nav(v, state))))
            .collect();
        Shared {
            strings: Value::from_serializable(&self.strings[v.lang]),
            site: site_value,
            footer_links: Value::from(self.footer_links(v)),
            navs,
            partials: Default::default(),
        }
    }

    pub fn render_page(&self, p: &Planned) -> Result<String, Diagnostic> {
        let html = self.render_page_bytes(p)?;
        // Templates and values are text: this cannot fail.
        Ok(String::from_utf8(html)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    /// The page as bytes, as it is written: not checked again as UTF-8
    /// (Tera writes text only), which a build of thousands of pages feels.
    pub fn render_page_bytes(&self, p: &Planned) -> Result<Vec<u8>, Diagnostic> {
        let v = self.view(&p.lang);
        let site = self.site;
        let cfg = &site.config;
        let rel = plan::path(site, p.kind, &p.lang);
        let alternates: Vec<Value> = cfg
            .languages
            .iter()
            .map(|l| {
                let r = plan::path(site, p.kind, l);
                value!({
                    "lang": l.as_str(),
                    "url": self.urls.href(&r),
                    "absolute": self.urls.absolute(&r),
                    "name": self.strings[l].get("language_name").cloned().unwrap_or_else(|| l.clone()),
                    "current": *l == p.lang,
                })
            })
            .collect();
        let shared = self.shared(&v);
        let mut ctx = shared.context(&p.lang);
        let url = self.urls.href(&rel);
        let mut page = value!({
            "title": self.title(&v, p.kind),
            "url": url.clone(),
            "canonical": self.urls.absolute(&rel),
            "alternates": alternates,
            "breadcrumbs": self.breadcrumbs(&v, p.kind),
            "is_home": p.kind == PageKind::Home,
            "updated": self.last_changed(p.kind).map(|d| v.date(&d)),
        });
        // JSON-LD, Open Graph, description, QR code and feed, added to `page`.
        crate::publish::meta::extend_page(self, &v, p.kind, &mut page);
        ctx.insert_value("page", page);
        let state = Self::nav_state(&v, p.kind, &url);
        let nav = self.nav_of(&v, &shared, state);
        if self.has_partials {
            ctx.insert_value("partials", self.partials_of(&shared, state, &p.lang, &nav)?);
        }
        ctx.insert_value("nav", nav);
        match p.kind {
            PageKind::Home => ctx.insert_value("home", v.home()),
            PageKind::List(c) => {
                ctx.insert("filterable", &false);
                ctx.insert_value("filters", null());
                ctx.insert("collection", c.dir());
                ctx.insert_value("items", Value::from(v.list(c)));
                if c == Collection::Products {
                    ctx.insert_value("groups", self.product_groups(&v, None));
                    ctx.insert_value("filters", Value::from(v.filters(None)));
                    ctx.insert("filterable", &true);
                    ctx.insert("filtered", &false);
                }
                if c == Collection::Brands {
                    ctx.insert_value("brand_cards", Value::from(v.brand_cards()));
                }
            }
            PageKind::Filter(i) => {
                let only = site.filters.get(i).map(|c| c.products.as_slice());
                ctx.insert("collection", Collection::Products.dir());
                ctx.insert("items", &only.unwrap_or_default());
                ctx.insert_value(
                    "groups",
                    self.product_groups(&v, Some(only.unwrap_or_default())),
                );
                ctx.insert_value("filters", Value::from(v.filters(Some(i))));
                ctx.insert("filtered", &true);
                ctx.insert("filterable", &false);
            }
            PageKind::Detail(c, i) => {
                let (name, value) = match c {
                    Collection::Products => ("product", v.product(i)),
                    Collection::Brands => ("brand", v.brand(i)),
                    Collection::Producers => ("producer", v.producer(i)),
                    Collection::Communes => ("commune", v.commune(i)),
                    Collection::Agencies => ("agency", v.agency(i)),
                    Collection::Chains => ("chain", v.chain(i)),
                    Collection::Directives => ("directive", v.directive(i)),
                    Collection::Indicators => ("indicator", v.indicator(i)),
                    Collection::Reports => ("report", v.report(i)),
                    Collection::Pages => ("record", v.page(i)),
                };
                ctx.insert_value(name, value);
            }
            PageKind::Progress => ctx.insert_value("progress", v.progress()),
            PageKind::Search | PageKind::OpenData | PageKind::NotFound => {
                let links: Vec<Value> = plan::LISTED
                    .iter()
                    .filter_map(|c| urls::section_of(*c))
                    .map(|key| value!({"name": v.t(&format!("section_{key}")), "url": v.section_href(key)}))
                    .collect();
                ctx.insert_value("sections", Value::from(links));
                if p.kind == PageKind::Search {
                    ctx.insert(
                        "search_bundle",
                        &self.urls.href(&crate::publish::search::bundle(&p.lang)),
                    );
                }
                if p.kind == PageKind::OpenData {
                    ctx.insert_value("open_data", crate::publish::meta::open_data_page(self, &v));
                }
            }
        }
        let template = plan::template(p.kind);
        // A product card the page made and could not render.
        if let Some(e) = v.memo.take_piece_errors().into_iter().next() {
            return Err(self.piece_error(&e));
        }
        // Room for most pages at once: growing the buffer page by page
        // copied each of them several times.
        let mut html = Vec::with_capacity(PAGE_BYTES);
        self.tera
            .render_to(template, &ctx, &mut html)
            .map_err(|e| {
                Diagnostic::new(Code::Template)
                    .file(format!("themes/default/templates/{template}"))
                    .detail(format!("while rendering /{rel}: {}", tera_error(&e)))
            })?;
        Ok(html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_the_templates_escape_it() {
        for s in [
            "Hồi Lạng Sơn",
            "a < b & c > d",
            "\"quoted\" and 'single'",
            "<script>alert('x')</script>",
            "",
            "&amp; already",
        ] {
            let mut tera_escaped = Vec::new();
            let _ = tera::escape_html(s, &mut tera_escaped);
            assert_eq!(escape(s).as_bytes(), tera_escaped.as_slice(), "{s}");
        }
    }

    #[test]
    fn loc_wraps_text_of_another_language_in_its_lang() {
        let mut tera = Tera::new();
        tera.register_filter("loc", loc_filter);
        tera.add_raw_template(
            "t",
            "{{ a | loc }}|{{ b | loc }}|{{ c | loc }}|{{ d | loc }}",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut ctx = tera::Context::new();
        ctx.insert_value("a", value!({ "text": "Na <Chi Lăng>", "lang": null() }));
        ctx.insert_value("b", value!({ "text": "Star anise & co", "lang": "en" }));
        ctx.insert("c", "plain \"text\"");
        ctx.insert_value("d", value!({ "text": "x", "lang": "" }));
        let out = tera.render("t", &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            "Na &lt;Chi Lăng&gt;|<span lang=\"en\">Star anise &amp; co</span>|plain &quot;text&quot;|x"
        );
    }
}
