//! The home page and the progress dashboard: figures gathered across
//! collections.

use super::value::{Fields, Value, null, value};
use super::views::View;
use crate::content::collection::Collection;
use crate::content::model::TaskStatus;
use crate::site::Lead;

impl View<'_> {
    pub fn home(&self) -> Value {
        let k = &self.site.content;
        let mut featured: Vec<usize> = (0..k.products.len())
            .filter(|i| k.products[*i].data.featured)
            .collect();
        if featured.is_empty() {
            featured = (0..k.products.len().min(8)).collect();
        }
        let mut featured: Vec<Value> = featured.into_iter().map(|i| self.product_card(i)).collect();
        super::views::sort_by_name(&mut featured);
        let mut reports: Vec<usize> = (0..k.reports.len()).collect();
        reports.sort_by(|a, b| {
            k.reports[*b]
                .data
                .date
                .cmp(&k.reports[*a].data.date)
                .then(a.cmp(b))
        });
        let latest: Vec<Value> = reports
            .into_iter()
            .take(5)
            .map(|i| {
                let r = &k.reports[i].data;
                let mut v = self.link_at(Collection::Reports, i);
                let mut e = v.edit();
                e.set("date", Value::from(self.date(&r.date)));
                e.set(
                    "kind",
                    self.t(&format!("report_kind_{}", super::views::enum_key(&r.kind))),
                );
                e.set("summary", self.loc_opt(r.summary.as_ref()));
                drop(e);
                v
            })
            .collect();
        let brands = self.brand_cards();
        // Headline figures: the latest actual of each indicator, with its
        // year and source, in the order of the indicators.
        let headline: Vec<Value> = (0..k.indicators.len())
            .filter_map(|i| {
                let ind = &k.indicators[i].data;
                let (year, value) = self.site.indicators[i].latest?;
                let source = ind
                    .actuals
                    .iter()
                    .rev()
                    .find(|a| a.year == year)
                    .and_then(|a| a.source.as_ref());
                let mut v = self.link_at(Collection::Indicators, i);
                let mut e = v.edit();
                e.set("value", value!(self.number(value)));
                e.set("unit", self.loc(&ind.unit));
                e.set("year", value!(year));
                e.set("source", self.loc_opt(source));
                drop(e);
                Some(v)
            })
            .collect();
        value!({
            "featured": featured,
            "brands": brands,
            "latest_reports": latest,
            "headline": headline,
            "status": self.status_summary("home-status"),
            "figures": value!([
                value!({"label": self.t("figure_products"), "value": k.products.len(), "url": self.section_href("products")}),
                value!({"label": self.t("figure_brands"), "value": k.brands.len(), "url": self.section_href("brands")}),
                value!({"label": self.t("figure_producers"), "value": k.producers.len(), "url": self.section_href("producers")}),
                value!({"label": self.t("figure_chains"), "value": k.chains.len(), "url": self.section_href("chains")}),
            ]),
        })
    }

    /// Tasks counted by status (overdue and due soon apart), and the same
    /// counts as a stacked bar.
    pub fn status_summary(&self, id: &str) -> Value {
        let states: Vec<&crate::site::TaskState> = self.site.tasks.iter().flatten().collect();
        let count =
            |f: &dyn Fn(&crate::site::TaskState) -> bool| states.iter().filter(|s| f(s)).count();
        let counts: Vec<Value> = TaskStatus::ALL
            .iter()
            .map(|s| {
                value!({
                    "status": s.as_str(),
                    "label": self.t(&format!("status_{}", s.as_str())),
                    "count": count(&|x| x.status == *s),
                })
            })
            .collect();
        let overdue = count(&|x| x.overdue);
        let due_soon = count(&|x| x.due_soon);
        // The bar: each task once, an overdue task as overdue.
        let parts: Vec<(&str, String, usize)> = vec![
            (
                "done",
                self.t("status_done"),
                count(&|x| x.status == TaskStatus::Done),
            ),
            (
                "in_progress",
                self.t("status_in_progress"),
                count(&|x| x.status == TaskStatus::InProgress && !x.overdue),
            ),
            (
                "not_started",
                self.t("status_not_started"),
                count(&|x| x.status == TaskStatus::NotStarted && !x.overdue),
            ),
            ("overdue", self.t("overdue"), overdue),
            (
                "cancelled",
                self.t("status_cancelled"),
                count(&|x| x.status == TaskStatus::Cancelled),
            ),
        ];
        let desc: Vec<String> = parts
            .iter()
            .filter(|p| p.2 > 0)
            .map(|p| format!("{}: {}", p.1, p.2))
            .collect();
        let label = super::svg::Label {
            id: id.to_string(),
            title: self
                .t("status_chart_title")
                .replace("{n}", &states.len().to_string()),
            desc: format!("{}.", desc.join("; ")),
        };
        let segments: Vec<super::svg::bar::Segment> = parts
            .iter()
            .map(|p| super::svg::bar::Segment {
                class: p.0,
                count: p.2,
            })
            .collect();
        value!({
            "total": states.len(),
            "counts": counts,
            "overdue": overdue,
            "due_soon": due_soon,
            "svg": super::svg::bar::stacked(&label, &segments),
            "legend": parts.iter().map(|p| value!({"class": p.0, "label": p.1.as_str(), "count": p.2})).collect::<Vec<_>>(),
        })
    }

    /// Every brand as a card: its kind, protected name and number of
    /// products, sorted by name.
    pub fn brand_cards(&self) -> Vec<Value> {
        let k = &self.site.content;
        let mut brands: Vec<Value> = (0..k.brands.len())
            .map(|i| {
                let b = &k.brands[i].data;
                let kind = super::views::enum_key(&b.kind);
                let mut v = self.link_at(Collection::Brands, i);
                let mut e = v.edit();
                e.set(
                    "kind",
                    value!({"label": self.t(&format!("brand_kind_{kind}")), "key": kind}),
                );
                e.set("protected_name", b.protected_name.as_deref());
                e.set("products", value!(self.site.links.brand_products[i].len()));
                drop(e);
                v
            })
            .collect();
        super::views::sort_by_name(&mut brands);
        brands
    }

    /// Products grouped by category, in the order of `site.yaml`, names
    /// sorted within each group: (category key, its name, the products).
    pub fn product_group_order(&self) -> Vec<(String, Value, Vec<usize>)> {
        let k = &self.site.content;
        let mut keys: Vec<&str> = self
            .site
            .config
            .categories
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        // Categories not in site.yaml (a check error elsewhere) go last.
        for p in &k.products {
            if !keys.contains(&p.data.category.as_str()) {
                keys.push(p.data.category.as_str());
            }
        }
        let mut out = Vec::new();
        for key in keys {
            let members: Vec<usize> = (0..k.products.len())
                .filter(|i| k.products[*i].data.category == key)
                .collect();
            if members.is_empty() {
                continue;
            }
            let members = self.by_name(Collection::Products, &members);
            let name = self
                .site
                .config
                .category(key)
                .map_or_else(|| value!({"text": key, "lang": null()}), |c| self.loc(c));
            out.push((key.to_string(), name, members));
        }
        out
    }

    /// A product's card as the listing and filter pages show it, with its
    /// filter values.
    pub fn listed_product_card(&self, i: usize) -> Value {
        self.memo
            .listed_card(i)
            .get_or_init(|| self.listed_of(self.make_product_card(i), i))
            .clone()
    }

    fn listed_of(&self, mut card: Value, i: usize) -> Value {
        card.set("facets", self.card_facets(i));
        self.with_card_html(card)
    }

    /// Makes both of a product's cards (see [`View::product_card`] and
    /// [`View::listed_product_card`]), their values once.
    pub fn make_product_cards(&self, i: usize) {
        let card = self.make_product_card(i);
        self.memo
            .listed_card(i)
            .get_or_init(|| self.listed_of(card.clone(), i));
        self.memo
            .cards_html(i)
            .get_or_init(|| self.with_card_html(card));
    }

    /// A product's card: its link, stars, season, brand, place, category
    /// and first picture; made once per language.
    pub fn product_card(&self, i: usize) -> Value {
        self.memo
            .cards_html(i)
            .get_or_init(|| self.with_card_html(self.make_product_card(i)))
            .clone()
    }

    fn make_product_card(&self, i: usize) -> Value {
        let r = &self.site.content.products[i];
        let p = &r.data;
        let mut card = self.link_at(Collection::Products, i);
        let mut v = card.edit();
        v.set("stars", p.ocop.as_ref().map_or(null(), |o| value!(o.stars)));
        v.set(
            "stars_svg",
            p.ocop.as_ref().map_or(null(), |o| {
                Value::from(self.stars_svg(o.stars, &format!("stars-{}", r.slug), 16.0))
            }),
        );
        v.set(
            "ocop_expired",
            value!(p.ocop.as_ref().is_some_and(|o| {
                self.site
                    .is_expired(Some(&crate::site::Site::ocop_expiry(&o.date)))
            })),
        );
        v.set("in_season", self.in_season_label(p));
        v.set(
            "brand_kind",
            p.brand.as_deref().map_or(null(), |b| {
                self.site
                    .index
                    .get(Collection::Brands, b)
                    .map_or(null(), |bi| {
                        let kind = super::views::enum_key(&self.site.content.brands[bi].data.kind);
                        value!({"label": self.t(&format!("brand_kind_{kind}")), "key": kind})
                    })
            }),
        );
        let communes: Vec<Value> = p
            .communes
            .iter()
            .map(|c| self.link(Collection::Communes, c))
            .filter(|l| !l.is_none())
            .collect();
        v.set(
            "place",
            match communes.split_first() {
                Some((first, rest)) => {
                    let mut s = first
                        .at("name")
                        .at("text")
                        .as_str()
                        .unwrap_or("")
                        .to_string();
                    if !rest.is_empty() {
                        s.push_str(&self.t("and_n_more").replace("{n}", &rest.len().to_string()));
                    }
                    Value::from(s)
                }
                None => null(),
            },
        );
        v.set(
            "category",
            self.site
                .config
                .category(&p.category)
                .map_or(null(), |c| self.loc(c)),
        );
        v.set(
            "image",
            p.images.first().map_or(null(), |im| self.image(im)),
        );
        drop(v);
        card
    }

    pub fn progress(&self) -> Value {
        let all = self.all_tasks();
        let states: Vec<_> = all.iter().map(|(d, t)| &self.site.tasks[*d][*t]).collect();
        let counts: Vec<Value> = TaskStatus::ALL
            .iter()
            .map(|s| {
                value!({
                    "status": s.as_str(),
                    "label": self.t(&format!("status_{}", s.as_str())),
                    "count": states.iter().filter(|x| x.status == *s).count(),
                })
            })
            .collect();
        let mut overdue: Vec<(i64, Value)> = Vec::new();
        let mut due_soon: Vec<(i64, Value)> = Vec::new();
        for ((d, t), st) in all.iter().zip(&states) {
            if st.overdue {
                overdue.push((st.days_left.unwrap_or(0), self.task_in(*d, *t, "overdue-")));
            } else if st.due_soon {
                due_soon.push((st.days_left.unwrap_or(0), self.task_in(*d, *t, "soon-")));
            }
        }
        // Most urgent first; stable for equal days.
        overdue.sort_by_key(|x| x.0);
        due_soon.sort_by_key(|x| x.0);

        // Tasks grouped by lead: agencies in name order, then the groups of
        // all communes and all departments.
        let mut groups: Vec<(String, Value, Vec<Value>)> = Vec::new();
        for (d, t) in &all {
            let lead = &self.site.content.directives[*d].data.tasks[*t].lead;
            let (key, head) = match Lead::parse(lead) {
                Lead::Agency(a) => {
                    let l = self.link(Collection::Agencies, &a);
                    let name = l.at("name").at("text").as_str().unwrap_or(&a).to_string();
                    (format!("0{}", crate::content::slug::fold(&name)), l)
                }
                Lead::AllDepartments => (
                    "1".to_string(),
                    value!({"name": value!({"text": self.t("all_departments"), "lang": null()}), "url": null()}),
                ),
                Lead::AllCommunes => (
                    "2".to_string(),
                    value!({"name": value!({"text": self.t("all_communes"), "lang": null()}), "url": null()}),
                ),
            };
            let task = self.task_in(*d, *t, "by-agency-");
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.2.push(task),
                None => groups.push((key, head, vec![task])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        let by_agency: Vec<Value> = groups
            .into_iter()
            .map(|(_, head, tasks)| value!({"agency": head, "tasks": tasks}))
            .collect();
        let indicators: Vec<Value> = (0..self.site.content.indicators.len())
            .map(|i| self.indicator(i))
            .collect();
        value!({
            "status": self.status_summary("dashboard-status"),
            "total": all.len(),
            "counts": counts,
            "overdue": overdue.into_iter().map(|x| x.1).collect::<Vec<_>>(),
            "due_soon": due_soon.into_iter().map(|x| x.1).collect::<Vec<_>>(),
            "by_agency": by_agency,
            "indicators": indicators,
        })
    }
}
