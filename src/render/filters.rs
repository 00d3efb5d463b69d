//! The products listing's filters as templates see them: each facet with
//! its choices (name, count, pre-built page), and each product card's
//! values for the listing's script.

use super::plan::{self, PageKind};
use super::value::{Fields, Value, value};
use super::views::View;
use crate::content::collection::Collection;
use crate::site::filters::{self, Choice, Facet};

/// A facet in use as the filters show it, made once per language: its
/// choices in order, each as a filter page that is not its own shows it
/// and as its own page shows it.
pub struct FacetChoices {
    facet: Facet,
    name: Value,
    choices: Vec<(usize, Value, Value)>,
}

impl View<'_> {
    /// The name of a choice in the page's language ("Gia vị", "4 sao OCOP").
    pub fn choice_name(&self, c: &Choice) -> String {
        match c.facet {
            Facet::Category => self
                .site
                .config
                .categories
                .iter()
                .find(|(k, _)| filters::category_value(k) == c.value)
                .map_or_else(|| c.value.clone(), |(_, l)| self.text(l).to_string()),
            Facet::Commune => self
                .site
                .index
                .get(Collection::Communes, &c.value)
                .map_or_else(
                    || c.value.clone(),
                    |i| {
                        self.text(&self.site.content.communes[i].data.name)
                            .to_string()
                    },
                ),
            Facet::Stars => format!("{} {}", c.value, self.t("ocop_stars")),
            Facet::Certification => {
                let kind = c
                    .products
                    .first()
                    .and_then(|i| self.site.content.products.get(*i))
                    .and_then(|p| {
                        p.data
                            .certifications
                            .iter()
                            .find(|k| filters::certification_value(&k.kind) == c.value)
                    })
                    .map(|k| k.kind.as_str());
                kind.map_or_else(|| c.value.clone(), |k| self.t(&format!("cert_{k}")))
            }
            Facet::Season => self.t("filter_in_season"),
        }
    }

    /// Every facet in use, with its choices; `current` marks the choice of
    /// a filter page. The choices are made once per language: every filter
    /// page shows them all.
    pub fn filters(&self, current: Option<usize>) -> Vec<Value> {
        let facets = self.memo.filters().get_or_init(|| self.facets());
        let current_facet = current
            .and_then(|i| self.site.filters.get(i))
            .map(|c| c.facet);
        facets
            .iter()
            .map(|f| {
                let choices: Vec<Value> = f
                    .choices
                    .iter()
                    .map(|(i, plain, marked)| {
                        if current == Some(*i) {
                            marked.clone()
                        } else {
                            plain.clone()
                        }
                    })
                    .collect();
                // Open: the categories, and the facet of the page's own
                // choice; the others fold away so that a phone sees
                // products soon.
                value!({
                    "key": f.facet.key(),
                    "name": f.name.clone(),
                    "choices": choices,
                    "open": f.facet == Facet::Category || current_facet == Some(f.facet),
                })
            })
            .collect()
    }

    fn facets(&self) -> Vec<FacetChoices> {
        let mut out = Vec::new();
        for facet in Facet::ALL {
            let mut choices: Vec<(usize, Value)> = self
                .site
                .filters
                .iter()
                .enumerate()
                .filter(|(_, c)| c.facet == facet)
                .map(|(i, c)| {
                    (
                        i,
                        value!({
                            "value": c.value.as_str(),
                            "name": self.choice_name(c),
                            "url": self.urls.href(&plan::path(self.site, PageKind::Filter(i), self.lang)),
                            "count": c.products.len(),
                            "current": false,
                        }),
                    )
                })
                .collect();
            if choices.is_empty() {
                continue;
            }
            // Communes are many: in alphabetical order, unlike the facets
            // whose order means something (site.yaml's, stars).
            if facet == Facet::Commune {
                choices.sort_by_cached_key(|(_, c)| {
                    super::collate::key(c.at("name").as_str().unwrap_or(""))
                });
            }
            out.push(FacetChoices {
                facet,
                name: Value::from(self.t(&format!("filter_{}", facet.key()))),
                choices: choices
                    .into_iter()
                    .map(|(i, plain)| {
                        let mut marked = plain.clone();
                        marked.set("current", true);
                        (i, plain, marked)
                    })
                    .collect(),
            });
        }
        out
    }

    /// A product's values for each facet, as the listing's script reads
    /// them from `data-*` attributes (space-separated where several):
    /// a list of `[facet, values]` pairs, in a fixed order (a map's order
    /// in templates is not stable).
    pub fn card_facets(&self, i: usize) -> Value {
        let mut m = Vec::new();
        for facet in Facet::ALL {
            let values: Vec<&str> = self
                .site
                .filters
                .iter()
                .filter(|c| c.facet == facet && c.products.binary_search(&i).is_ok())
                .map(|c| c.value.as_str())
                .collect();
            m.push(value!([facet.key(), values.join(" ")]));
        }
        Value::from(m)
    }
}
