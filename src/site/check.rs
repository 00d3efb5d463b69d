//! Rules that span records: references, uniqueness, ranges, drafts, media
//! paths, `@/` links in bodies; and the warnings (missing translations,
//! unsourced figures, expired certifications and OCOP ratings).

use super::tasks::Lead;
use super::{Index, OCOP_VALID_MONTHS};
use crate::config::Config;
use crate::content::collection::Collection;
use crate::content::date::Date;
use crate::content::figure::Figure;
use crate::content::localised::Localised;
use crate::content::model::*;
use crate::content::{Body, Content, Record, slug};
use crate::diagnostics::{Code, Diagnostic};
use std::collections::HashMap;
use std::path::Path;

/// Slugs no page may take: they would clash with sections and output
/// folders.
pub const RESERVED_PAGE_SLUGS: &[&str] = &["en", "404", "media", "data", "assets", "search-index"];

struct Checker<'a> {
    content: &'a Content,
    config: &'a Config,
    index: &'a Index,
    as_of: Date,
    diags: &'a mut Vec<Diagnostic>,
}

pub fn check(
    content: &Content,
    config: &Config,
    index: &Index,
    as_of: Date,
    diags: &mut Vec<Diagnostic>,
) {
    use rayon::prelude::*;
    // The parts on every core, their findings gathered in this order.
    let parts: [fn(&mut Checker<'_>); 11] = [
        |c| c.products(),
        |c| c.brands(),
        |c| c.producers(),
        |c| c.communes(),
        |c| c.agencies(),
        |c| c.chains(),
        |c| c.directives(),
        |c| c.indicators(),
        |c| c.reports(),
        |c| c.pages(),
        |c| c.bodies(),
    ];
    let found: Vec<Vec<Diagnostic>> = parts
        .par_iter()
        .map(|part| {
            let mut found = Vec::new();
            part(&mut Checker {
                content,
                config,
                index,
                as_of,
                diags: &mut found,
            });
            found
        })
        .collect();
    diags.extend(found.into_iter().flatten());
}

impl Checker<'_> {
    fn at(&self, file: &Path, field: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Code::InvalidValue).file(file).field(field)
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Checks that `slug` names a published record of `c`.
    fn reference(&mut self, file: &Path, field: String, c: Collection, slug: &str) {
        if self.index.get(c, slug).is_some() || self.content.broken.contains(&(c, slug.to_string()))
        {
            return;
        }
        if self.content.drafts.contains(&(c, slug.to_string())) {
            self.push(
                Diagnostic::new(Code::ReferenceToDraft)
                    .file(file)
                    .field(field)
                    .expected(c.singular())
                    .found(slug),
            );
            return;
        }
        let slugs = self.content.slugs(c);
        let mut d = Diagnostic::new(Code::UnknownReference)
            .file(file)
            .field(field)
            .expected(c.singular())
            .found(slug);
        if let Some(n) = slug::nearest(slug, slugs.iter().copied()) {
            d = d.hint(n);
        }
        self.push(d);
    }

    fn references(&mut self, file: &Path, field: &str, c: Collection, slugs: &[String]) {
        for (i, s) in slugs.iter().enumerate() {
            self.reference(file, format!("{field}[{i}]"), c, s);
        }
    }

    fn lead(&mut self, file: &Path, field: String, s: &str) {
        if let Lead::Agency(a) = Lead::parse(s) {
            if self.index.get(Collection::Agencies, &a).is_none()
                && !self
                    .content
                    .drafts
                    .contains(&(Collection::Agencies, a.clone()))
            {
                let mut cands = self.content.slugs(Collection::Agencies);
                cands.push(Lead::ALL_COMMUNES);
                cands.push(Lead::ALL_DEPARTMENTS);
                let mut d = Diagnostic::new(Code::UnknownReference)
                    .file(file)
                    .field(field)
                    .expected("agency (or `all-communes`, `all-departments`)")
                    .found(&a);
                if let Some(n) = slug::nearest(&a, cands) {
                    d = d.hint(n);
                }
                self.push(d);
            } else {
                self.reference(file, field, Collection::Agencies, &a);
            }
        }
    }

    fn media(&mut self, file: &Path, field: String, src: &str) {
        let problem = if src.starts_with('/') || src.starts_with('\\') || src.contains(':') {
            Some("is absolute: give it relative to content/ (media/photo.jpg)")
        } else if src.split(['/', '\\']).any(|p| p == ".." || p == ".") {
            Some("points outside content/")
        } else if src.contains('\\') {
            Some("uses `\\`: separate folders with `/`")
        } else if !self.content.media.contains(src) {
            Some("does not exist under content/")
        } else {
            None
        };
        if let Some(p) = problem {
            self.push(
                Diagnostic::new(Code::BadMediaPath)
                    .file(file)
                    .field(field)
                    .found(src)
                    .detail(p),
            );
        }
    }

    /// Links editors give must be web addresses: a `javascript:` or
    /// `data:` URL would run in the reader's browser.
    fn url(&mut self, file: &Path, field: String, url: &str) {
        let lower = url.trim().to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://"))
            || url.chars().any(char::is_whitespace)
        {
            let d = self
                .at(file, field)
                .found(url)
                .expected("a web address starting with https:// or http://");
            self.push(d);
        }
    }

    fn months(&mut self, file: &Path, field: &str, months: &[u8]) {
        for (i, m) in months.iter().enumerate() {
            if !(1..=12).contains(m) {
                let d = self
                    .at(file, format!("{field}[{i}]"))
                    .found(m.to_string())
                    .expected("a month, 1 to 12");
                self.push(d);
            }
        }
    }

    fn figure(&mut self, file: &Path, field: &str, f: Option<&Figure>) {
        if let Some(missing) = f.and_then(Figure::missing) {
            self.push(
                Diagnostic::new(Code::FigureWithoutSource)
                    .file(file)
                    .field(field)
                    .expected(missing),
            );
        }
    }

    fn certifications(&mut self, file: &Path, certs: &[Certification]) {
        for (i, c) in certs.iter().enumerate() {
            self.figure(
                file,
                &format!("certifications[{i}].area_ha"),
                c.area_ha.as_ref(),
            );
            if let Some(e) = &c.expires
                && e.last_day() < self.as_of.first_day()
            {
                self.push(
                    Diagnostic::new(Code::CertificationExpired)
                        .file(file)
                        .field(format!("certifications[{i}].expires"))
                        .found(e.to_string()),
                );
            }
            if let (Some(a), Some(b)) = (&c.issued, &c.expires)
                && b < a
            {
                let d = self
                    .at(file, format!("certifications[{i}].expires"))
                    .found(b.to_string())
                    .expected(format!("a date after `issued` ({a})"));
                self.push(d);
            }
        }
    }

    /// Warns when a name or title has no text in another language.
    fn translated(&mut self, file: &Path, field: &str, text: &Localised) {
        let default = self.config.default_language().to_string();
        for lang in self.config.languages.iter().skip(1) {
            if !text.has(lang, &default) {
                self.push(
                    Diagnostic::new(Code::MissingTranslation)
                        .file(file)
                        .field(field)
                        .expected(lang.as_str())
                        .hint("add the language to the field: {vi: …, en: …}"),
                );
            }
        }
    }

    fn products(&mut self) {
        for r in &self.content.products {
            let f = r.file.as_path();
            let p = &r.data;
            // The filter pages live beside the products' own pages.
            if super::filters::Facet::reserved_segments().contains(&r.slug.as_str()) {
                self.push(
                    Diagnostic::new(Code::ReservedSlug)
                        .file(f)
                        .at(1, 1)
                        .found(&r.slug)
                        .detail("it is the path of the products listing's filters"),
                );
            }
            if self.config.category(&p.category).is_none() {
                let keys: Vec<&str> = self
                    .config
                    .categories
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect();
                let mut d = Diagnostic::new(Code::UnknownReference)
                    .file(f)
                    .field("category")
                    .expected("category (from site.yaml)")
                    .found(&p.category);
                if let Some(n) = slug::nearest(&p.category, keys) {
                    d = d.hint(n);
                }
                self.push(d);
            }
            if let Some(b) = &p.brand {
                self.reference(f, "brand".into(), Collection::Brands, b);
            }
            if p.producers.is_empty() {
                let d = self
                    .at(f, "producers")
                    .found("an empty list")
                    .expected("at least one producer");
                self.push(d);
            }
            self.references(f, "producers", Collection::Producers, &p.producers);
            self.references(f, "communes", Collection::Communes, &p.communes);
            if let Some(o) = &p.ocop {
                if !(3..=5).contains(&o.stars) {
                    let d = self
                        .at(f, "ocop.stars")
                        .found(o.stars.to_string())
                        .expected("3, 4 or 5 stars");
                    self.push(d);
                }
                if let Some(s) = o.score
                    && !(0.0..=100.0).contains(&s)
                {
                    let d = self
                        .at(f, "ocop.score")
                        .found(s.to_string())
                        .expected("a score from 0 to 100");
                    self.push(d);
                }
                let expiry = o.date.add_months(OCOP_VALID_MONTHS);
                if expiry.last_day() < self.as_of.first_day() {
                    self.push(
                        Diagnostic::new(Code::OcopExpired)
                            .file(f)
                            .field("ocop.date")
                            .found(o.date.to_string())
                            .expected(expiry.to_string()),
                    );
                }
            }
            self.certifications(f, &p.certifications);
            self.months(f, "season", &p.season);
            self.months(f, "off_season", &p.off_season);
            self.figure(f, "area_ha", p.area_ha.as_ref());
            self.figure(f, "output_tons", p.output_tons.as_ref());
            self.figure(f, "value_vnd", p.value_vnd.as_ref());
            if let Some(price) = &p.price {
                match (price.min, price.max) {
                    (None, None) => {
                        let d = self
                            .at(f, "price")
                            .found("no amount")
                            .expected("`min`, `max` or both");
                        self.push(d);
                    }
                    (Some(a), Some(b)) if b < a => {
                        let d = self
                            .at(f, "price.max")
                            .found(b.to_string())
                            .expected(format!("at least `min` ({a})"));
                        self.push(d);
                    }
                    _ => {}
                }
            }
            for (i, img) in p.images.iter().enumerate() {
                self.media(f, format!("images[{i}].src"), &img.src);
            }
            for (i, b) in p.buy.iter().enumerate() {
                if let Some(u) = &b.url {
                    self.url(f, format!("buy[{i}].url"), u);
                }
                if b.url.is_none() && b.phone.is_none() && b.address.is_none() {
                    let d = self
                        .at(f, format!("buy[{i}]"))
                        .found("only a name")
                        .expected("a `url`, `phone` or `address` as well");
                    self.push(d);
                }
            }
            if let Some(u) = p.traceability.as_ref().and_then(|t| t.url.as_ref()) {
                self.url(f, "traceability.url".into(), u);
            }
            self.translated(f, "name", &p.name);
        }
    }

    fn brands(&mut self) {
        for r in &self.content.brands {
            let f = r.file.as_path();
            let b = &r.data;
            if let Some(m) = &b.manager {
                self.reference(f, "manager".into(), Collection::Agencies, m);
            }
            self.references(f, "communes", Collection::Communes, &b.communes);
            if let Some(logo) = &b.logo {
                self.media(f, "logo.src".into(), &logo.src);
            }
            self.translated(f, "name", &b.name);
        }
    }

    fn producers(&mut self) {
        for r in &self.content.producers {
            let f = r.file.as_path();
            let p = &r.data;
            self.reference(f, "commune".into(), Collection::Communes, &p.commune);
            self.figure(f, "members", p.members.as_ref());
            self.certifications(f, &p.certifications);
            if let Some(loc) = &p.location {
                self.location(f, "location", loc);
            }
            if let Some(u) = p.contact.as_ref().and_then(|c| c.website.as_ref()) {
                self.url(f, "contact.website".into(), u);
            }
        }
    }

    fn location(&mut self, f: &Path, field: &str, loc: &Location) {
        if !(-90.0..=90.0).contains(&loc.lat) {
            let d = self
                .at(f, format!("{field}.lat"))
                .found(loc.lat.to_string())
                .expected("a latitude, -90 to 90");
            self.push(d);
        }
        if !(-180.0..=180.0).contains(&loc.lon) {
            let d = self
                .at(f, format!("{field}.lon"))
                .found(loc.lon.to_string())
                .expected("a longitude, -180 to 180");
            self.push(d);
        }
    }

    fn communes(&mut self) {
        let mut codes: HashMap<&str, &Record<Commune>> = HashMap::new();
        for r in &self.content.communes {
            let f = r.file.as_path();
            let c = &r.data;
            let code = c.code.as_str();
            if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
                let d = self
                    .at(f, "code")
                    .found(code)
                    .expected("a five-digit code, quoted (\"06463\")");
                self.push(d);
            } else if let Some(other) = codes.get(code) {
                let d = Diagnostic::new(Code::DuplicateCode)
                    .file(f)
                    .field("code")
                    .found(code)
                    .param("other", other.file.to_string_lossy().replace('\\', "/"));
                self.push(d);
            } else {
                codes.insert(code, r);
            }
            self.figure(f, "area_km2", c.area_km2.as_ref());
            self.figure(f, "population", c.population.as_ref());
            if let Some(loc) = &c.location {
                self.location(f, "location", loc);
            }
        }
    }

    fn agencies(&mut self) {
        for r in &self.content.agencies {
            if let Some(u) = &r.data.website {
                self.url(&r.file, "website".into(), u);
            }
            self.translated(&r.file, "name", &r.data.name);
        }
    }

    fn chains(&mut self) {
        for r in &self.content.chains {
            let f = r.file.as_path();
            let c = &r.data;
            if c.products.is_empty() {
                let d = self
                    .at(f, "products")
                    .found("an empty list")
                    .expected("at least one product");
                self.push(d);
            }
            self.references(f, "products", Collection::Products, &c.products);
            self.reference(f, "lead".into(), Collection::Producers, &c.lead);
            for (i, p) in c.participants.iter().enumerate() {
                match (&p.producer, &p.name) {
                    (Some(s), None) => self.reference(
                        f,
                        format!("participants[{i}].producer"),
                        Collection::Producers,
                        s,
                    ),
                    (None, Some(_)) => {}
                    _ => self.push(
                        Diagnostic::new(Code::ParticipantIdentity)
                            .file(f)
                            .field(format!("participants[{i}]")),
                    ),
                }
                self.figure(
                    f,
                    &format!("participants[{i}].households"),
                    p.households.as_ref(),
                );
            }
            if let Some(Period {
                from: Some(a),
                to: Some(b),
            }) = &c.period
                && b < a
            {
                let d = self
                    .at(f, "period.to")
                    .found(b.to_string())
                    .expected(format!("a date after `from` ({a})"));
                self.push(d);
            }
            self.figure(f, "area_ha", c.area_ha.as_ref());
            self.figure(f, "volume_tons", c.volume_tons.as_ref());
            self.figure(f, "value_vnd", c.value_vnd.as_ref());
            self.translated(f, "name", &c.name);
        }
    }

    fn directives(&mut self) {
        for r in &self.content.directives {
            let f = r.file.as_path();
            let d = &r.data;
            self.reference(f, "issuer".into(), Collection::Agencies, &d.issuer);
            self.references(f, "references", Collection::Directives, &d.references);
            self.references(f, "based_on", Collection::Reports, &d.based_on);
            if let Some(doc) = &d.document {
                self.media(f, "document.src".into(), &doc.src);
            }
            let mut ids: HashMap<&str, usize> = HashMap::new();
            for (ti, t) in d.tasks.iter().enumerate() {
                let base = format!("tasks[{ti}]");
                if ids.insert(t.id.as_str(), ti).is_some() {
                    self.push(
                        Diagnostic::new(Code::DuplicateTaskId)
                            .file(f)
                            .field(format!("{base}.id"))
                            .found(t.id.as_str()),
                    );
                }
                self.lead(f, format!("{base}.lead"), &t.lead);
                for (si, s) in t.support.iter().enumerate() {
                    self.lead(f, format!("{base}.support[{si}]"), s);
                }
                let mut prev: Option<&Date> = None;
                for (ui, u) in t.updates.iter().enumerate() {
                    if let Some(p) = u.progress
                        && p > 100
                    {
                        let dg = self
                            .at(f, format!("{base}.updates[{ui}].progress"))
                            .found(p.to_string())
                            .expected("a percentage, 0 to 100");
                        self.push(dg);
                    }
                    if let Some(rep) = &u.report {
                        self.reference(
                            f,
                            format!("{base}.updates[{ui}].report"),
                            Collection::Reports,
                            rep,
                        );
                    }
                    if let Some(p) = prev
                        && u.date < *p
                    {
                        self.push(
                            Diagnostic::new(Code::UpdatesOutOfOrder)
                                .file(f)
                                .field(format!("{base}.updates[{ui}].date"))
                                .found(u.date.to_string())
                                .expected(p.to_string()),
                        );
                    }
                    prev = Some(&u.date);
                }
                self.translated(f, &format!("{base}.title"), &t.title);
            }
            self.translated(f, "title", &d.title);
        }
    }

    fn indicators(&mut self) {
        for r in &self.content.indicators {
            let f = r.file.as_path();
            if let Some(d) = &r.data.directive {
                self.reference(f, "directive".into(), Collection::Directives, d);
            }
            self.translated(f, "name", &r.data.name);
        }
    }

    fn reports(&mut self) {
        for r in &self.content.reports {
            let f = r.file.as_path();
            let rep = &r.data;
            if let Some(a) = &rep.agency {
                self.reference(f, "agency".into(), Collection::Agencies, a);
            }
            if let Some(d) = &rep.directive {
                self.reference(f, "directive".into(), Collection::Directives, d);
            }
            if !rep.tasks.is_empty() {
                match &rep.directive {
                    None => self.push(
                        Diagnostic::new(Code::TasksWithoutDirective)
                            .file(f)
                            .field("tasks"),
                    ),
                    Some(d) => {
                        if let Some(di) = self.index.get(Collection::Directives, d) {
                            let dir = &self.content.directives[di].data;
                            for (i, t) in rep.tasks.iter().enumerate() {
                                if !dir.tasks.iter().any(|x| x.id == *t) {
                                    let ids: Vec<&str> =
                                        dir.tasks.iter().map(|x| x.id.as_str()).collect();
                                    let mut dg = Diagnostic::new(Code::UnknownTask)
                                        .file(f)
                                        .field(format!("tasks[{i}]"))
                                        .found(t.as_str())
                                        .expected(d.as_str());
                                    dg = dg.hint(if ids.is_empty() {
                                        "the directive has no tasks".to_string()
                                    } else {
                                        format!("its tasks are {}", ids.join(", "))
                                    });
                                    self.push(dg);
                                }
                            }
                        }
                    }
                }
            }
            self.translated(f, "title", &rep.title);
        }
    }

    fn pages(&mut self) {
        let sections = self.config.all_section_paths();
        let mut langs: Vec<&str> = self.config.languages.iter().map(String::as_str).collect();
        langs.retain(|l| *l != self.config.default_language());
        for r in &self.content.pages {
            let s = r.slug.as_str();
            let why = if sections.contains(&s) {
                Some("it is the path of a section")
            } else if RESERVED_PAGE_SLUGS.contains(&s) || langs.contains(&s) {
                Some("it is used by the portal itself")
            } else {
                None
            };
            if let Some(why) = why {
                self.push(
                    Diagnostic::new(Code::ReservedSlug)
                        .file(&r.file)
                        .at(1, 1)
                        .found(s)
                        .detail(why),
                );
            }
            self.translated(&r.file, "title", &r.data.title);
        }
    }

    /// `@/` links in every body, and missing body translations.
    fn bodies(&mut self) {
        #[allow(clippy::type_complexity)]
        fn each<'a, T>(
            list: &'a [Record<T>],
            out: &mut Vec<(&'a Path, Option<&'a Body>, Vec<&'a Body>, Vec<String>)>,
        ) {
            for r in list {
                out.push((
                    r.file.as_path(),
                    r.body.as_ref(),
                    r.translations.values().collect(),
                    r.translations.keys().cloned().collect(),
                ));
            }
        }
        let c = self.content;
        let mut all = Vec::new();
        each(&c.products, &mut all);
        each(&c.brands, &mut all);
        each(&c.producers, &mut all);
        each(&c.communes, &mut all);
        each(&c.agencies, &mut all);
        each(&c.chains, &mut all);
        each(&c.directives, &mut all);
        each(&c.indicators, &mut all);
        each(&c.reports, &mut all);
        each(&c.pages, &mut all);
        for (file, body, translations, langs) in all {
            if let Some(b) = body {
                self.links_in(b);
                for lang in self.config.languages.iter().skip(1) {
                    if !langs.contains(lang) {
                        self.push(
                            Diagnostic::new(Code::MissingTranslation)
                                .file(file)
                                .at(b.line, 1)
                                .field("body")
                                .expected(lang.as_str())
                                .hint("create `<slug>.<lang>.md` beside the record"),
                        );
                    }
                }
            }
            for t in translations {
                self.links_in(t);
            }
        }
    }

    fn links_in(&mut self, body: &Body) {
        for link in &body.links {
            // Where the link is, for its diagnostics only: a body has many
            // links, nearly all of them good.
            let place = || {
                let before = &body.text[..link.offset];
                let line = body.line + before.matches('\n').count();
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                (line, col)
            };
            match Collection::from_dir(&link.collection) {
                None => {
                    let names: Vec<&str> = Collection::ALL.iter().map(|c| c.dir()).collect();
                    let (line, col) = place();
                    let mut d = Diagnostic::new(Code::UnknownCollection)
                        .file(&body.file)
                        .at(line, col)
                        .field("body")
                        .found(&link.collection)
                        .expected(names.join(", "));
                    if let Some(n) = slug::nearest(&link.collection, names) {
                        d = d.hint(format!("did you mean `{n}`?"));
                    }
                    self.push(d);
                }
                Some(c) => {
                    let before = self.diags.len();
                    self.reference(&body.file, "body".into(), c, &link.slug);
                    if self.diags.len() > before {
                        let (line, col) = place();
                        for d in &mut self.diags[before..] {
                            d.line = Some(line);
                            d.column = Some(col);
                        }
                    }
                }
            }
        }
    }
}
