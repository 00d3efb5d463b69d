//! The home page and the progress dashboard: figures gathered across
//! collections.

use super::views::View;
use crate::content::collection::Collection;
use crate::content::model::TaskStatus;
use crate::site::Lead;
use serde_json::{Value, json};

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
                let mut v = self.link_at(Collection::Reports, i);
                v["date"] = Value::String(self.date(&k.reports[i].data.date));
                v
            })
            .collect();
        let mut brands: Vec<Value> = (0..k.brands.len())
            .map(|i| self.link_at(Collection::Brands, i))
            .collect();
        super::views::sort_by_name(&mut brands);
        let overdue = self
            .site
            .tasks
            .iter()
            .flatten()
            .filter(|t| t.overdue)
            .count();
        json!({
            "featured": featured,
            "brands": brands,
            "latest_reports": latest,
            "figures": [
                {"label": self.t("figure_products"), "value": k.products.len(), "url": self.section_href("products")},
                {"label": self.t("figure_brands"), "value": k.brands.len(), "url": self.section_href("brands")},
                {"label": self.t("figure_producers"), "value": k.producers.len(), "url": self.section_href("producers")},
                {"label": self.t("figure_chains"), "value": k.chains.len(), "url": self.section_href("chains")},
                {"label": self.t("figure_tasks_overdue"), "value": overdue, "url": self.section_href("progress")},
            ],
        })
    }

    pub fn product_card(&self, i: usize) -> Value {
        let p = &self.site.content.products[i].data;
        let mut v = self.link_at(Collection::Products, i);
        v["stars"] = p.ocop.as_ref().map_or(Value::Null, |o| json!(o.stars));
        v["category"] = self
            .site
            .config
            .category(&p.category)
            .map_or(Value::Null, |c| self.loc(c));
        v["image"] = p.images.first().map_or(
            Value::Null,
            |im| json!({"src": self.media(&im.src), "alt": self.loc(&im.alt)}),
        );
        v
    }

    pub fn progress(&self) -> Value {
        let all = self.all_tasks();
        let states: Vec<_> = all.iter().map(|(d, t)| &self.site.tasks[*d][*t]).collect();
        let counts: Vec<Value> = TaskStatus::ALL
            .iter()
            .map(|s| {
                json!({
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
                overdue.push((st.days_left.unwrap_or(0), self.task(*d, *t)));
            } else if st.due_soon {
                due_soon.push((st.days_left.unwrap_or(0), self.task(*d, *t)));
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
                    let name = l["name"]["text"].as_str().unwrap_or(&a).to_string();
                    (format!("0{}", crate::content::slug::fold(&name)), l)
                }
                Lead::AllDepartments => (
                    "1".to_string(),
                    json!({"name": {"text": self.t("all_departments"), "lang": null}, "url": null}),
                ),
                Lead::AllCommunes => (
                    "2".to_string(),
                    json!({"name": {"text": self.t("all_communes"), "lang": null}, "url": null}),
                ),
            };
            let task = self.task(*d, *t);
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.2.push(task),
                None => groups.push((key, head, vec![task])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        let by_agency: Vec<Value> = groups
            .into_iter()
            .map(|(_, head, tasks)| json!({"agency": head, "tasks": tasks}))
            .collect();
        let indicators: Vec<Value> = (0..self.site.content.indicators.len())
            .map(|i| self.indicator(i))
            .collect();
        json!({
            "total": all.len(),
            "counts": counts,
            "overdue": overdue.into_iter().map(|x| x.1).collect::<Vec<_>>(),
            "due_soon": due_soon.into_iter().map(|x| x.1).collect::<Vec<_>>(),
            "by_agency": by_agency,
            "indicators": indicators,
        })
    }
}
