//! What templates see: each record turned into plain values in one
//! language — localised text resolved (with its real language when it fell
//! back), references turned into links, dates and numbers formatted, and
//! everything computed in `site/` handed over as is.

use super::format;
use super::markdown;
use super::urls::Urls;
use super::value::{Fields, Value, null, value};
use crate::content::collection::Collection;
use crate::content::date::Date;
use crate::content::figure::Figure;
use crate::content::localised::Localised;
use crate::content::model::*;
use crate::content::{Record, slug};
use crate::images::Images;
use crate::site::{Lead, Site, TaskState};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

pub struct View<'a> {
    pub site: &'a Site,
    pub lang: &'a str,
    pub urls: &'a Urls,
    pub strings: &'a BTreeMap<String, String>,
    pub images: &'a Images,
    /// Values made once for the language.
    pub memo: &'a Memo,
    /// The templates, when the theme has pieces rendered once per record
    /// (see [`View::with_card_html`]).
    pub pieces: Option<&'a tera::Tera>,
}

/// The theme's template of a product card, rendered once per product and
/// language: pages place the card's `html`.
pub const PRODUCT_CARD: &str = "cards/product.html";

/// What a language's pages show many times over, made once: links to
/// records, product cards, the products' filters, and the order of records
/// by name. By
/// collection (in [`Collection::ALL`]'s order), then record.
pub struct Memo {
    links: Vec<Vec<OnceLock<Value>>>,
    ranks: Vec<OnceLock<Vec<u32>>>,
    /// Product cards with their HTML, and those of the listing and filter
    /// pages (with their filter values).
    cards_html: Vec<OnceLock<Value>>,
    listed_cards: Vec<OnceLock<Value>>,
    filters: OnceLock<Vec<super::filters::FacetChoices>>,
    /// Harvest calendars' drawings by the months of their two seasons.
    calendars: Mutex<HashMap<(u16, u16), Arc<str>>>,
    /// The UI strings as templates see them (`t`), for pieces.
    strings: OnceLock<Value>,
    /// What went wrong rendering a piece, until a page reports it.
    piece_errors: Mutex<Vec<String>>,
}

impl Memo {
    pub fn new(site: &Site) -> Memo {
        fn slots<T>(n: usize) -> Vec<OnceLock<T>> {
            (0..n).map(|_| OnceLock::new()).collect()
        }
        Memo {
            links: Collection::ALL
                .iter()
                .map(|c| slots(site.content.len(*c)))
                .collect(),
            ranks: slots(Collection::ALL.len()),
            cards_html: slots(site.content.products.len()),
            listed_cards: slots(site.content.products.len()),
            filters: OnceLock::new(),
            calendars: Mutex::default(),
            strings: OnceLock::new(),
            piece_errors: Mutex::default(),
        }
    }

    /// Lets go of the product cards (made again when asked for): once the
    /// pages are written, a build has no more use for them, and kept, they
    /// would take what comes after (the search index, QR codes and label
    /// sheets) to the build's peak of memory. They are handed back, to be
    /// freed elsewhere: freeing thousands of values takes milliseconds.
    pub fn forget_cards(&mut self) -> [Vec<OnceLock<Value>>; 2] {
        let fresh = |v: &mut Vec<OnceLock<Value>>| {
            let n = v.len();
            std::mem::replace(v, (0..n).map(|_| OnceLock::new()).collect())
        };
        [fresh(&mut self.cards_html), fresh(&mut self.listed_cards)]
    }

    /// What went wrong rendering pieces since the last call.
    pub fn take_piece_errors(&self) -> Vec<String> {
        std::mem::take(
            &mut *self
                .piece_errors
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// The calendar drawing kept for `seasons`, drawn by `draw` the first
    /// time.
    pub(super) fn calendar_drawing(
        &self,
        seasons: (u16, u16),
        draw: impl FnOnce() -> String,
    ) -> Arc<str> {
        let mut kept = self
            .calendars
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.entry(seasons).or_insert_with(|| draw().into()).clone()
    }

    fn link(&self, c: Collection, i: usize) -> &OnceLock<Value> {
        &self.links[collection_number(c)][i]
    }

    pub(super) fn cards_html(&self, i: usize) -> &OnceLock<Value> {
        &self.cards_html[i]
    }

    pub(super) fn listed_card(&self, i: usize) -> &OnceLock<Value> {
        &self.listed_cards[i]
    }

    pub(super) fn filters(&self) -> &OnceLock<Vec<super::filters::FacetChoices>> {
        &self.filters
    }
}

fn collection_number(c: Collection) -> usize {
    Collection::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or_default()
}

impl View<'_> {
    /// `card` with its `html` from the theme's [`PRODUCT_CARD`], when the
    /// theme has one: a product's card is the same on every page that
    /// lists it. The template sees `card`, `lang` and `t`. A failure is
    /// kept for the page to report (see [`Memo::take_piece_errors`]).
    pub(super) fn with_card_html(&self, mut card: Value) -> Value {
        let Some(tera) = self.pieces else {
            return card;
        };
        let strings = self
            .memo
            .strings
            .get_or_init(|| Value::from_serializable(self.strings));
        let mut ctx = tera::Context::new();
        ctx.insert("lang", self.lang);
        ctx.insert_value("t", strings.clone());
        ctx.insert_value("card", card.clone());
        match tera.render(PRODUCT_CARD, &ctx) {
            Ok(html) => card.set("html", Value::safe_string(&html)),
            Err(e) => {
                // Pages show no card rather than a second error about it.
                card.set("html", "");
                if let Ok(mut errors) = self.memo.piece_errors.lock() {
                    errors.push(super::tera_error(&e));
                }
            }
        }
        card
    }

    fn default_lang(&self) -> &str {
        self.site.default_language()
    }

    /// A UI string of the theme.
    pub fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    pub fn loc(&self, l: &Localised) -> Value {
        let r = l.get(self.lang, self.default_lang());
        value!({ "text": r.text, "lang": r.lang })
    }

    pub fn loc_opt(&self, l: Option<&Localised>) -> Value {
        l.map_or(null(), |l| self.loc(l))
    }

    /// Plain text in the page's language (for `<title>` and sorting).
    pub fn text<'b>(&'b self, l: &'b Localised) -> &'b str {
        l.get(self.lang, self.site.default_language()).text
    }

    pub fn date(&self, d: &Date) -> String {
        format::date(d, self.lang)
    }

    pub fn date_opt(&self, d: Option<&Date>) -> Value {
        d.map_or(null(), |d| Value::from(self.date(d)))
    }

    pub fn number(&self, v: f64) -> String {
        format::number(v, self.lang)
    }

    pub fn figure(&self, f: Option<&Figure>, money: bool) -> Value {
        let Some(f) = f else { return null() };
        let value = if money {
            format::vnd(f.value, self.lang)
        } else {
            self.number(f.value)
        };
        value!({ "value": value, "year": f.year, "source": self.loc_opt(f.source.as_ref()) })
    }

    pub fn href(&self, c: Collection, slug: &str) -> String {
        self.urls
            .href(&Urls::record(&self.site.config, self.lang, c, slug))
    }

    pub fn section_href(&self, key: &str) -> String {
        self.urls
            .href(&Urls::section(&self.site.config, self.lang, key))
    }

    pub fn media(&self, src: &str) -> String {
        self.urls.href(src)
    }

    /// A picture as templates show it: `src` (a rendition wide enough for
    /// a phone), `width` and `height` of that rendition, `srcset` of the
    /// fallback and `webp_srcset` (empty for SVG drawings, and where WebP
    /// does not help), `alt` and `credit`. Without processed pictures
    /// (tests of templates), the file as written, sized 4:3.
    pub fn image(&self, im: &Image) -> Value {
        let mut v = value!({
            "src": self.media(&im.src),
            "alt": self.loc(&im.alt),
            "credit": self.loc_opt(im.credit.as_ref()),
            "width": 800,
            "height": 600,
            "srcset": null(),
            "webp_srcset": null(),
        });
        let Some(p) = self.images.get(&im.src) else {
            return v;
        };
        let set = |rs: &[crate::images::Rendition]| {
            (!rs.is_empty()).then(|| {
                rs.iter()
                    .map(|r| format!("{} {}w", self.media(&r.path), r.width))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        };
        let mut e = v.edit();
        if let Some(r) = p.src() {
            e.set("src", value!(self.media(&r.path)));
            e.set("width", value!(r.width));
            e.set("height", value!(r.height));
        }
        if !p.is_svg() {
            e.set("srcset", value!(set(&p.fallback)));
            e.set("webp_srcset", value!(set(&p.webp)));
        }
        drop(e);
        v
    }

    /// A link to the record `slug` of `c`, or null when it does not exist.
    pub fn link(&self, c: Collection, slug: &str) -> Value {
        let Some(i) = self.site.index.get(c, slug) else {
            return null();
        };
        self.link_at(c, i)
    }

    pub fn link_at(&self, c: Collection, i: usize) -> Value {
        self.memo
            .link(c, i)
            .get_or_init(|| self.make_link(c, i))
            .clone()
    }

    fn make_link(&self, c: Collection, i: usize) -> Value {
        let (slug, name) = self.slug_and_name(c, i);
        value!({ "name": self.loc(name), "url": self.href(c, slug), "slug": slug })
    }

    /// The slug of record `i` of `c`, and the name its links show.
    fn slug_and_name(&self, c: Collection, i: usize) -> (&str, &Localised) {
        let k = &self.site.content;
        match c {
            Collection::Products => (&k.products[i].slug, &k.products[i].data.name),
            Collection::Brands => (&k.brands[i].slug, &k.brands[i].data.name),
            Collection::Producers => (&k.producers[i].slug, &k.producers[i].data.name),
            Collection::Communes => (&k.communes[i].slug, &k.communes[i].data.name),
            Collection::Agencies => (&k.agencies[i].slug, &k.agencies[i].data.name),
            Collection::Chains => (&k.chains[i].slug, &k.chains[i].data.name),
            Collection::Directives => (&k.directives[i].slug, &k.directives[i].data.title),
            Collection::Indicators => (&k.indicators[i].slug, &k.indicators[i].data.name),
            Collection::Reports => (&k.reports[i].slug, &k.reports[i].data.title),
            Collection::Pages => (&k.pages[i].slug, &k.pages[i].data.title),
        }
    }

    /// Records `idx` of `c` in the order [`sort_by_name`] puts their links:
    /// by a rank of every record's name made once per language.
    pub(super) fn by_name(&self, c: Collection, idx: &[usize]) -> Vec<usize> {
        let ranks = self.memo.ranks[collection_number(c)].get_or_init(|| {
            let keys: Vec<_> = (0..self.site.content.len(c))
                .map(|i| super::collate::key(self.text(self.slug_and_name(c, i).1)))
                .collect();
            let mut order: Vec<usize> = (0..keys.len()).collect();
            order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
            // Equal names share a rank, so that the sort below keeps them
            // in the order given, as sorting the links themselves did.
            let mut ranks = vec![0u32; keys.len()];
            let mut rank = 0;
            for (n, &i) in order.iter().enumerate() {
                if n > 0 && keys[i] != keys[order[n - 1]] {
                    rank += 1;
                }
                ranks[i] = rank;
            }
            ranks
        });
        let mut idx = idx.to_vec();
        idx.sort_by_key(|i| ranks[*i]);
        idx
    }

    fn links(&self, c: Collection, slugs: &[String]) -> Vec<Value> {
        slugs
            .iter()
            .map(|s| self.link(c, s))
            .filter(|v| !v.is_none())
            .collect()
    }

    fn links_at(&self, c: Collection, idx: &[usize]) -> Vec<Value> {
        self.by_name(c, idx)
            .into_iter()
            .map(|i| self.link_at(c, i))
            .collect()
    }

    /// Product cards for products at `idx`, sorted by name.
    fn cards_at(&self, idx: &[usize]) -> Vec<Value> {
        self.by_name(Collection::Products, idx)
            .into_iter()
            .map(|i| self.product_card(i))
            .collect()
    }

    pub fn body<T>(&self, r: &Record<T>) -> Value {
        let Some((b, fallback)) = r.body_in(self.lang) else {
            return null();
        };
        let resolve = |c: &str, s: &str| {
            let c = Collection::from_dir(c)?;
            self.site.index.get(c, s)?;
            Some(self.href(c, s))
        };
        let media = |m: &str| self.media(m);
        let picture = |m: &str| {
            let p = self.images.get(m)?;
            let r = p.src()?;
            Some(markdown::Picture {
                src: self.media(&r.path),
                srcset: (!p.is_svg()).then(|| {
                    p.fallback
                        .iter()
                        .map(|r| format!("{} {}w", self.media(&r.path), r.width))
                        .collect::<Vec<_>>()
                        .join(", ")
                }),
                width: r.width,
                height: r.height,
            })
        };
        let html = markdown::to_html_with(&b.text, &resolve, &media, &picture);
        value!({ "html": html, "lang": if fallback && self.lang != self.default_lang() { Some(self.default_lang()) } else { None } })
    }

    fn certifications(&self, certs: &[Certification]) -> Vec<Value> {
        certs
            .iter()
            .map(|c| {
                value!({
                    "kind": c.kind.as_str(),
                    "label": if matches!(c.kind, CertificationKind::Other) { null() } else { Value::from(self.t(&format!("cert_{}", c.kind.as_str()))) },
                    "name": self.loc_opt(c.name.as_ref()),
                    "number": c.number.as_ref().map(|n| n.as_str()),
                    "issuer": self.loc_opt(c.issuer.as_ref()),
                    "issued": self.date_opt(c.issued.as_ref()),
                    "expires": self.date_opt(c.expires.as_ref()),
                    "expired": self.site.is_expired(c.expires.as_ref()),
                    "area_ha": self.figure(c.area_ha.as_ref(), false),
                })
            })
            .collect()
    }

    pub fn product(&self, i: usize) -> Value {
        let r = &self.site.content.products[i];
        let p = &r.data;
        let ocop = p.ocop.as_ref().map(|o| {
            let expires = Site::ocop_expiry(&o.date);
            value!({
                "stars": o.stars,
                "group": self.t(&format!("ocop_group_{}", enum_key(&o.group))),
                "score": o.score.map(|s| self.number(s)),
                "decision": o.decision.as_str(),
                "date": self.date(&o.date),
                "round": o.round.as_ref().map(|r| r.as_str()),
                "status": o.status.map(|s| self.t(&format!("ocop_status_{}", enum_key(&s)))),
                "expires": self.date(&expires),
                "expired": self.site.is_expired(Some(&expires)),
                "svg": self.stars_svg(o.stars, "ocop-stars", 24.0),
                "svg_badge": self.stars_svg(o.stars, "ocop-stars-badge", 16.0),
            })
        });
        let (calendar, season_main, season_off) = if p.season.is_empty() && p.off_season.is_empty()
        {
            (null(), String::new(), String::new())
        } else {
            let (svg, main, off) = self.calendar_svg(p, self.text(&p.name));
            (Value::from(svg), main, off)
        };
        let price = p.price.as_ref().map(|pr| {
            value!({
                "min": pr.min.map(|v| format::vnd(v, self.lang)),
                "max": pr.max.map(|v| format::vnd(v, self.lang)),
                "unit": pr.unit.as_str(),
            })
        });
        value!({
            "slug": r.slug.as_str(),
            "name": self.loc(&p.name),
            "url": self.href(Collection::Products, &r.slug),
            "category": self.site.config.category(&p.category).map(|c| self.loc(c)),
            "brand": p.brand.as_deref().map_or(null(), |b| self.brand_badge(b)),
            "producers": self.links(Collection::Producers, &p.producers),
            "communes": self.links(Collection::Communes, &p.communes),
            "historic_area": self.loc_opt(p.historic_area.as_ref()),
            "ocop": ocop,
            "certifications": self.certifications(&p.certifications),
            "calendar": calendar,
            "season_main": season_main,
            "season_off": season_off,
            "in_season": self.in_season_label(p),
            "area_ha": self.figure(p.area_ha.as_ref(), false),
            "output_tons": self.figure(p.output_tons.as_ref(), false),
            "value_vnd": self.figure(p.value_vnd.as_ref(), true),
            "price": price,
            "images": p.images.iter().map(|im| self.image(im)).collect::<Vec<_>>(),
            "buy": p.buy.iter().map(|b| value!({
                "name": self.loc(&b.name), "url": b.url.as_deref(), "phone": b.phone.as_ref().map(|x| x.as_str()),
                "address": self.loc_opt(b.address.as_ref())
            })).collect::<Vec<_>>(),
            "traceability": p.traceability.as_ref().map(|t| value!({"code": t.code.as_ref().map(|c| c.as_str()), "url": t.url.as_deref()})),
            "tags": p.tags.clone(),
            "featured": p.featured,
            "chains": self.links_at(Collection::Chains, &self.site.links.product_chains[i]),
            "body": self.body(r),
        })
    }

    fn brand_badge(&self, slug: &str) -> Value {
        let Some(i) = self.site.index.get(Collection::Brands, slug) else {
            return null();
        };
        let b = &self.site.content.brands[i];
        let mut v = self.link_at(Collection::Brands, i);
        let mut e = v.edit();
        e.set(
            "kind",
            Value::from(self.t(&format!("brand_kind_{}", enum_key(&b.data.kind)))),
        );
        e.set("kind_key", Value::from(enum_key(&b.data.kind)));
        drop(e);
        v
    }

    pub fn brand(&self, i: usize) -> Value {
        let r = &self.site.content.brands[i];
        let b = &r.data;
        value!({
            "slug": r.slug.as_str(),
            "name": self.loc(&b.name),
            "kind": self.t(&format!("brand_kind_{}", enum_key(&b.kind))),
            "kind_key": enum_key(&b.kind),
            "protected_name": b.protected_name.as_deref(),
            "registration": b.registration.as_ref().map(|g| value!({
                "number": g.number.as_ref().map(|x| x.as_str()),
                "decision": g.decision.as_ref().map(|x| x.as_str()),
                "date": self.date_opt(g.date.as_ref()),
                "authority": self.loc_opt(g.authority.as_ref()),
            })),
            "holder": self.loc_opt(b.holder.as_ref()),
            "manager": b.manager.as_deref().map_or(null(), |m| self.link(Collection::Agencies, m)),
            "communes": self.links(Collection::Communes, &b.communes),
            "international": self.loc_opt(b.international.as_ref()),
            "logo": b.logo.as_ref().map(|l| self.image(l)),
            "products": self.links_at(Collection::Products, &self.site.links.brand_products[i]),
            "product_cards": self.cards_at(&self.site.links.brand_products[i]),
            "body": self.body(r),
        })
    }

    pub fn producer(&self, i: usize) -> Value {
        let r = &self.site.content.producers[i];
        let p = &r.data;
        value!({
            "slug": r.slug.as_str(),
            "name": self.loc(&p.name),
            "kind": self.t(&format!("producer_kind_{}", enum_key(&p.kind))),
            "commune": self.link(Collection::Communes, &p.commune),
            "address": self.loc_opt(p.address.as_ref()),
            "established": self.date_opt(p.established.as_ref()),
            "registration_no": p.registration_no.as_ref().map(|x| x.as_str()),
            "members": self.figure(p.members.as_ref(), false),
            "representative": p.representative.as_ref().map(|x| value!({"name": self.loc(&x.name), "title": self.loc_opt(x.title.as_ref())})),
            "contact": p.contact.as_ref().map(|c| value!({"phone": c.phone.as_ref().map(|x| x.as_str()), "email": c.email.as_deref(), "website": c.website.as_deref()})),
            "certifications": self.certifications(&p.certifications),
            "location": p.location.map(|l| value!({"lat": l.lat, "lon": l.lon})),
            "illustrative": p.illustrative,
            "products": self.links_at(Collection::Products, &self.site.links.producer_products[i]),
            "product_cards": self.cards_at(&self.site.links.producer_products[i]),
            "chains": self.links_at(Collection::Chains, &self.site.links.producer_chains[i]),
            "body": self.body(r),
        })
    }

    pub fn commune(&self, i: usize) -> Value {
        let r = &self.site.content.communes[i];
        let c = &r.data;
        value!({
            "slug": r.slug.as_str(),
            "name": self.loc(&c.name),
            "kind": self.t(&format!("commune_kind_{}", enum_key(&c.kind))),
            "code": c.code.as_str(),
            "former_units": c.former_units.iter().map(|u| value!({
                "name": self.loc(&u.name),
                "kind": self.t(&format!("former_kind_{}", enum_key(&u.kind))),
                "district": u.district.as_deref(),
            })).collect::<Vec<_>>(),
            "area_km2": self.figure(c.area_km2.as_ref(), false),
            "population": self.figure(c.population.as_ref(), false),
            "producers": self.links_at(Collection::Producers, &self.site.links.commune_producers[i]),
            "products": self.links_at(Collection::Products, &self.site.links.commune_products[i]),
            "product_cards": self.cards_at(&self.site.links.commune_products[i]),
            "brands": self.links_at(Collection::Brands, &self.site.links.commune_brands[i]),
            "body": self.body(r),
        })
    }

    pub fn chain(&self, i: usize) -> Value {
        let r = &self.site.content.chains[i];
        let c = &r.data;
        let lead_listed = c
            .participants
            .iter()
            .any(|p| p.producer.as_deref() == Some(c.lead.as_str()));
        let stages: Vec<Value> = Role::ALL
            .iter()
            .map(|role| {
                let mut items: Vec<Value> = c
                    .participants
                    .iter()
                    .filter(|p| p.role == *role)
                    .map(|p| {
                        let (name, url) = match (&p.producer, &p.name) {
                            (Some(s), _) => {
                                let l = self.link(Collection::Producers, s);
                                (l.at("name").clone(), l.at("url").clone())
                            }
                            (None, Some(n)) => (self.loc(n), null()),
                            (None, None) => (null(), null()),
                        };
                        value!({
                            "name": name, "url": url,
                            "lead": p.producer.as_deref() == Some(c.lead.as_str()),
                            "households": self.figure(p.households.as_ref(), false),
                        })
                    })
                    .collect();
                if !lead_listed && *role == Role::Production {
                    let l = self.link(Collection::Producers, &c.lead);
                    items.insert(0, value!({"name": l.at("name").clone(), "url": l.at("url").clone(), "lead": true, "households": null()}));
                }
                value!({ "role": role.as_str(), "label": self.t(&format!("role_{}", role.as_str())), "participants": items })
            })
            .collect();
        let (flow_wide, flow_narrow) = self.flow_svgs(c, &r.slug);
        let households: f64 = c
            .participants
            .iter()
            .filter_map(|p| p.households.as_ref().map(|h| h.value))
            .sum();
        value!({
            "slug": r.slug.as_str(),
            "name": self.loc(&c.name),
            "flow_wide": flow_wide,
            "flow_narrow": flow_narrow,
            "households": (households > 0.0).then(|| self.number(households)),
            "products": self.links(Collection::Products, &c.products),
            "lead": self.link(Collection::Producers, &c.lead),
            "stages": stages,
            "period": c.period.as_ref().map(|p| value!({"from": self.date_opt(p.from.as_ref()), "to": self.date_opt(p.to.as_ref())})),
            "contract": c.contract.as_deref(),
            "area_ha": self.figure(c.area_ha.as_ref(), false),
            "volume_tons": self.figure(c.volume_tons.as_ref(), false),
            "value_vnd": self.figure(c.value_vnd.as_ref(), true),
            "support": c.support.iter().map(|s| value!({
                "policy": self.loc(&s.policy),
                "amount": s.amount_vnd.map(|a| format::vnd(a, self.lang)),
                "year": s.year,
            })).collect::<Vec<_>>(),
            "status": self.t(&format!("chain_status_{}", enum_key(&c.status))),
            "status_key": enum_key(&c.status),
            "body": self.body(r),
        })
    }

    fn lead(&self, s: &str) -> Value {
        match Lead::parse(s) {
            Lead::AllCommunes => {
                value!({"name": value!({"text": self.t("all_communes"), "lang": null()}), "url": null()})
            }
            Lead::AllDepartments => {
                value!({"name": value!({"text": self.t("all_departments"), "lang": null()}), "url": null()})
            }
            Lead::Agency(a) => self.link(Collection::Agencies, &a),
        }
    }

    pub fn task(&self, d: usize, t: usize) -> Value {
        self.task_in(d, t, "")
    }

    /// A task as shown in one place of a page; `prefix` keeps the ids of
    /// its pictures unique when the same task is shown twice (the
    /// dashboard lists an overdue task first, then under its agency).
    pub fn task_in(&self, d: usize, t: usize, prefix: &str) -> Value {
        let dir = &self.site.content.directives[d];
        let task = &dir.data.tasks[t];
        let st: &TaskState = &self.site.tasks[d][t];
        let reports = self.links_at(Collection::Reports, &self.site.links.task_reports[d][t]);
        let anchor = format!("task-{}", slug::propose(task.id.as_str()));
        let bar = self.progress_svg(st, &format!("{prefix}{}-{anchor}-bar", dir.slug));
        value!({
            "id": task.id.as_str(),
            "anchor": anchor,
            "bar": bar,
            "title": self.loc(&task.title),
            "directive": self.link_at(Collection::Directives, d),
            "directive_number": dir.data.number.as_str(),
            "lead": self.lead(&task.lead),
            "support": task.support.iter().map(|s| self.lead(s)).collect::<Vec<_>>(),
            "deadline": self.date_opt(task.deadline.as_ref()),
            // Without a deadline, an open task is ongoing; a closed one simply
            // had none.
            "no_deadline": self.t(if st.status.is_closed() { "no_deadline_set" } else { "no_deadline" }),
            "status": st.status.as_str(),
            "status_label": self.t(&format!("status_{}", st.status.as_str())),
            "progress": st.progress,
            "overdue": st.overdue,
            "due_soon": st.due_soon,
            "days_left": st.days_left,
            "updates": task.updates.iter().map(|u| value!({
                "date": self.date(&u.date),
                "status": u.status.as_str(),
                "status_label": self.t(&format!("status_{}", u.status.as_str())),
                "progress": u.progress,
                "note": self.loc_opt(u.note.as_ref()),
                "report": u.report.as_deref().map_or(null(), |r| self.link(Collection::Reports, r)),
            })).collect::<Vec<_>>(),
            "reports": reports,
        })
    }

    pub fn directive(&self, i: usize) -> Value {
        let r = &self.site.content.directives[i];
        let d = &r.data;
        let l = &self.site.links;
        value!({
            "slug": r.slug.as_str(),
            "number": d.number.as_str(),
            "kind": self.t(&format!("directive_kind_{}", enum_key(&d.kind))),
            "title": self.loc(&d.title),
            "issuer": self.link(Collection::Agencies, &d.issuer),
            "signed": self.date(&d.signed),
            "signer": self.loc_opt(d.signer.as_ref()),
            "references": self.links(Collection::Directives, &d.references),
            "referenced_by": self.links_at(Collection::Directives, &l.directive_referenced_by[i]),
            "based_on": self.links(Collection::Reports, &d.based_on),
            "document": d.document.as_ref().map(|x| self.media(&x.src)),
            "tasks": (0..d.tasks.len()).map(|t| self.task(i, t)).collect::<Vec<_>>(),
            "reports": self.links_at(Collection::Reports, &l.directive_reports[i]),
            "indicators": self.links_at(Collection::Indicators, &l.directive_indicators[i]),
            "body": self.body(r),
        })
    }

    /// Every task, each with the directive it belongs to.
    pub fn all_tasks(&self) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        for (d, dir) in self.site.content.directives.iter().enumerate() {
            for t in 0..dir.data.tasks.len() {
                v.push((d, t));
            }
        }
        v
    }

    pub fn agency(&self, i: usize) -> Value {
        let r = &self.site.content.agencies[i];
        let a = &r.data;
        let l = &self.site.links;
        let tasks: Vec<Value> = self
            .all_tasks()
            .into_iter()
            .filter_map(|(d, t)| {
                let task = &self.site.content.directives[d].data.tasks[t];
                let role = if task.lead == r.slug {
                    "lead"
                } else if task.support.contains(&r.slug) {
                    "support"
                } else {
                    return None;
                };
                let mut v = self.task(d, t);
                v.set("role", Value::from(self.t(&format!("task_role_{role}"))));
                Some(v)
            })
            .collect();
        value!({
            "slug": r.slug.as_str(),
            "name": self.loc(&a.name),
            "short": a.short.as_deref(),
            "kind": self.t(&format!("agency_kind_{}", enum_key(&a.kind))),
            "website": a.website.as_deref(),
            "tasks": tasks,
            "directives": self.links_at(Collection::Directives, &l.agency_directives[i]),
            "reports": self.links_at(Collection::Reports, &l.agency_reports[i]),
            "brands": self.links_at(Collection::Brands, &l.agency_brands[i]),
            "body": self.body(r),
        })
    }

    pub fn indicator(&self, i: usize) -> Value {
        let r = &self.site.content.indicators[i];
        let ind = &r.data;
        let prog = &self.site.indicators[i];
        // Per year: baseline, actual, target, and the actual's source.
        type Row<'s> = (Option<f64>, Option<f64>, Option<f64>, Option<&'s Localised>);
        let mut years: BTreeMap<i32, Row> = BTreeMap::new();
        if let Some(b) = ind.baseline {
            years.entry(b.year).or_default().0 = Some(b.value);
        }
        for a in &ind.actuals {
            let e = years.entry(a.year).or_default();
            e.1 = Some(a.value);
            e.3 = a.source.as_ref();
        }
        for t in &ind.targets {
            years.entry(t.year).or_default().2 = Some(t.value);
        }
        let rows: Vec<Value> = years
            .iter()
            .map(|(y, (b, a, t, s))| {
                value!({
                    "year": *y,
                    "baseline": b.map(|v| self.number(v)),
                    "actual": a.map(|v| self.number(v)),
                    "target": t.map(|v| self.number(v)),
                    "source": self.loc_opt(*s),
                })
            })
            .collect();
        value!({
            "slug": r.slug.as_str(),
            "name": self.loc(&ind.name),
            "url": self.href(Collection::Indicators, &r.slug),
            "unit": self.loc(&ind.unit),
            "directive": ind.directive.as_deref().map_or(null(), |d| self.link(Collection::Directives, d)),
            "higher_is_better": ind.higher_is_better.unwrap_or(true),
            "rows": rows,
            "chart": self.chart_svg(ind, &r.slug),
            "latest": prog.latest.map(|(y, v)| value!({"year": y, "value": self.number(v)})),
            "target": prog.target.map(|(y, v)| value!({"year": y, "value": self.number(v)})),
            "progress": prog.ratio.map(|x| value!({
                "percent": format::percent(x, self.lang),
                "bar": self.ratio_svg(x, prog.target.map_or(0, |t| t.0), &format!("ind-{}-bar", r.slug)),
            })),
            "body": self.body(r),
        })
    }

    pub fn report(&self, i: usize) -> Value {
        let r = &self.site.content.reports[i];
        let rep = &r.data;
        let dir_idx = rep
            .directive
            .as_deref()
            .and_then(|d| self.site.index.get(Collection::Directives, d));
        let tasks: Vec<Value> = match dir_idx {
            Some(d) => rep
                .tasks
                .iter()
                .filter_map(|id| {
                    self.site.content.directives[d]
                        .data
                        .tasks
                        .iter()
                        .position(|t| t.id == *id)
                })
                .map(|t| self.task(d, t))
                .collect(),
            None => Vec::new(),
        };
        value!({
            "slug": r.slug.as_str(),
            "title": self.loc(&rep.title),
            "date": self.date(&rep.date),
            "number": rep.number.as_ref().map(|n| n.as_str()),
            "agency": rep.agency.as_deref().map_or(null(), |a| self.link(Collection::Agencies, a)),
            "directive": dir_idx.map_or(null(), |d| self.link_at(Collection::Directives, d)),
            "tasks": tasks,
            "summary": self.loc_opt(rep.summary.as_ref()),
            "kind": self.t(&format!("report_kind_{}", enum_key(&rep.kind))),
            "basis_of": self.links_at(Collection::Directives, &self.site.links.report_basis_of[i]),
            "body": self.body(r),
        })
    }

    pub fn page(&self, i: usize) -> Value {
        let r = &self.site.content.pages[i];
        value!({ "slug": r.slug.as_str(), "title": self.loc(&r.data.title), "body": self.body(r) })
    }

    /// The listing of a collection: every record as a link with a few facts.
    pub fn list(&self, c: Collection) -> Vec<Value> {
        let k = &self.site.content;
        let all: Vec<usize> = (0..super::plan::count(self.site, c)).collect();
        // The order first, from the records themselves: sorting the values
        // looked each one's record up again at every comparison.
        let order = match c {
            Collection::Reports => {
                newest_first(all, |i| (k.reports[i].data.date, &k.reports[i].slug))
            }
            Collection::Directives => newest_first(all, |i| {
                (k.directives[i].data.signed, &k.directives[i].slug)
            }),
            _ => self.by_name(c, &all),
        };
        order
            .into_iter()
            .map(|i| {
                let mut v = self.link_at(c, i);
                let meta: Vec<Value> = match c {
                    Collection::Products => {
                        let p = &k.products[i].data;
                        let mut m = vec![];
                        if let Some(cat) = self.site.config.category(&p.category) {
                            m.push(self.loc(cat));
                        }
                        if let Some(o) = &p.ocop {
                            m.push(value!({"text": format!("{} {}", o.stars, self.t("ocop_stars")), "lang": null()}));
                        }
                        m
                    }
                    Collection::Brands => vec![value!({"text": self.t(&format!("brand_kind_{}", enum_key(&k.brands[i].data.kind))), "lang": null()})],
                    Collection::Producers => {
                        let p = &k.producers[i].data;
                        let mut m = vec![value!({"text": self.t(&format!("producer_kind_{}", enum_key(&p.kind))), "lang": null()})];
                        let cl = self.link(Collection::Communes, &p.commune);
                        if !cl.is_none() {
                            m.push(cl.at("name").clone());
                        }
                        m
                    }
                    Collection::Communes => {
                        let cm = &k.communes[i].data;
                        let mut m = vec![value!({"text": format!("{} · {}", self.t(&format!("commune_kind_{}", enum_key(&cm.kind))), cm.code), "lang": null()})];
                        // The former districts, so that old addresses still
                        // lead somewhere.
                        let mut districts: Vec<&str> = Vec::new();
                        for d in cm.former_units.iter().filter_map(|u| u.district.as_deref()) {
                            if !districts.contains(&d) {
                                districts.push(d);
                            }
                        }
                        if !districts.is_empty() {
                            let text = self.t("formerly_in").replace("{districts}", &districts.join(", "));
                            m.push(value!({"text": text, "lang": null()}));
                        }
                        m
                    }
                    Collection::Chains => vec![value!({"text": self.t(&format!("chain_status_{}", enum_key(&k.chains[i].data.status))), "lang": null()})],
                    Collection::Directives => {
                        let d = &k.directives[i].data;
                        vec![value!({"text": format!("{} {} · {}", self.t(&format!("directive_kind_{}", enum_key(&d.kind))), d.number, self.date(&d.signed)), "lang": null()})]
                    }
                    Collection::Reports => {
                        let r = &k.reports[i].data;
                        let mut s = self.date(&r.date);
                        if let Some(n) = &r.number {
                            s = format!("{n} · {s}");
                        }
                        vec![value!({"text": s, "lang": null()})]
                    }
                    _ => vec![],
                };
                v.set("meta", Value::from(meta));
                v
            })
            .collect()
    }
}

/// The serde name of an enum value (`geographical_indication`).
pub fn enum_key<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Records `idx` newest first by the date `of` gives with their slug;
/// records of the same date by slug.
fn newest_first<'a, D: Ord>(mut idx: Vec<usize>, of: impl Fn(usize) -> (D, &'a str)) -> Vec<usize> {
    idx.sort_by(|&a, &b| {
        let ((da, sa), (db, sb)) = (of(a), of(b));
        db.cmp(&da).then_with(|| sa.cmp(sb))
    });
    idx
}

/// Sorts links by their name in Vietnamese alphabetical order (which also
/// orders English names as English does).
pub fn sort_by_name(v: &mut [Value]) {
    v.sort_by_cached_key(|x| super::collate::key(x.at("name").at("text").as_str().unwrap_or("")));
}
