//! Reverse links, derived from the references records make, never typed
//! twice.

use super::Index;
use crate::content::Content;
use crate::content::collection::Collection;

/// For each record, the records that point at it. Lists hold positions in
/// their collection, in slug order.
#[derive(Debug, Default, PartialEq)]
pub struct Links {
    pub brand_products: Vec<Vec<usize>>,
    pub producer_products: Vec<Vec<usize>>,
    pub producer_chains: Vec<Vec<usize>>,
    pub commune_producers: Vec<Vec<usize>>,
    pub commune_products: Vec<Vec<usize>>,
    pub commune_brands: Vec<Vec<usize>>,
    pub product_chains: Vec<Vec<usize>>,
    pub agency_directives: Vec<Vec<usize>>,
    pub agency_reports: Vec<Vec<usize>>,
    pub agency_brands: Vec<Vec<usize>>,
    pub directive_reports: Vec<Vec<usize>>,
    pub directive_indicators: Vec<Vec<usize>>,
    /// Directives that list this one in `references`.
    pub directive_referenced_by: Vec<Vec<usize>>,
    /// Directives based on this report.
    pub report_basis_of: Vec<Vec<usize>>,
    /// Per directive, per task: the reports that report on it.
    pub task_reports: Vec<Vec<Vec<usize>>>,
}

fn push(v: &mut [Vec<usize>], target: Option<usize>, from: usize) {
    if let Some(t) = target
        && let Some(list) = v.get_mut(t)
        && !list.contains(&from)
    {
        list.push(from);
    }
}

impl Links {
    pub fn derive(c: &Content, idx: &Index) -> Links {
        let n = |len: usize| vec![Vec::new(); len];
        let mut l = Links {
            brand_products: n(c.brands.len()),
            producer_products: n(c.producers.len()),
            producer_chains: n(c.producers.len()),
            commune_producers: n(c.communes.len()),
            commune_products: n(c.communes.len()),
            commune_brands: n(c.communes.len()),
            product_chains: n(c.products.len()),
            agency_directives: n(c.agencies.len()),
            agency_reports: n(c.agencies.len()),
            agency_brands: n(c.agencies.len()),
            directive_reports: n(c.directives.len()),
            directive_indicators: n(c.directives.len()),
            directive_referenced_by: n(c.directives.len()),
            report_basis_of: n(c.reports.len()),
            task_reports: c
                .directives
                .iter()
                .map(|d| vec![Vec::new(); d.data.tasks.len()])
                .collect(),
        };
        for (i, p) in c.products.iter().enumerate() {
            if let Some(b) = &p.data.brand {
                push(&mut l.brand_products, idx.get(Collection::Brands, b), i);
            }
            for s in &p.data.producers {
                push(
                    &mut l.producer_products,
                    idx.get(Collection::Producers, s),
                    i,
                );
            }
            for s in &p.data.communes {
                push(&mut l.commune_products, idx.get(Collection::Communes, s), i);
            }
        }
        for (i, b) in c.brands.iter().enumerate() {
            for s in &b.data.communes {
                push(&mut l.commune_brands, idx.get(Collection::Communes, s), i);
            }
            if let Some(m) = &b.data.manager {
                push(&mut l.agency_brands, idx.get(Collection::Agencies, m), i);
            }
        }
        for (i, p) in c.producers.iter().enumerate() {
            push(
                &mut l.commune_producers,
                idx.get(Collection::Communes, &p.data.commune),
                i,
            );
        }
        for (i, ch) in c.chains.iter().enumerate() {
            push(
                &mut l.producer_chains,
                idx.get(Collection::Producers, &ch.data.lead),
                i,
            );
            for part in &ch.data.participants {
                if let Some(s) = &part.producer {
                    push(&mut l.producer_chains, idx.get(Collection::Producers, s), i);
                }
            }
            for s in &ch.data.products {
                push(&mut l.product_chains, idx.get(Collection::Products, s), i);
            }
        }
        for (i, d) in c.directives.iter().enumerate() {
            push(
                &mut l.agency_directives,
                idx.get(Collection::Agencies, &d.data.issuer),
                i,
            );
            for r in &d.data.references {
                push(
                    &mut l.directive_referenced_by,
                    idx.get(Collection::Directives, r),
                    i,
                );
            }
            for r in &d.data.based_on {
                push(&mut l.report_basis_of, idx.get(Collection::Reports, r), i);
            }
        }
        for (i, r) in c.reports.iter().enumerate() {
            if let Some(a) = &r.data.agency {
                push(&mut l.agency_reports, idx.get(Collection::Agencies, a), i);
            }
            let Some(d) = &r.data.directive else { continue };
            let di = idx.get(Collection::Directives, d);
            push(&mut l.directive_reports, di, i);
            if let Some(di) = di {
                let tasks = &c.directives[di].data.tasks;
                for id in &r.data.tasks {
                    let t = tasks.iter().position(|t| t.id == *id);
                    push(&mut l.task_reports[di], t, i);
                }
            }
        }
        for (i, ind) in c.indicators.iter().enumerate() {
            if let Some(d) = &ind.data.directive {
                push(
                    &mut l.directive_indicators,
                    idx.get(Collection::Directives, d),
                    i,
                );
            }
        }
        l
    }
}

/// Positions whose list differs between two derivations of the same
/// collection (records added or removed aside).
fn differing(a: &[Vec<usize>], b: &[Vec<usize>]) -> Vec<usize> {
    (0..a.len().max(b.len()))
        .filter(|i| a.get(*i) != b.get(*i))
        .collect()
}

impl Links {
    /// The records whose reverse links differ from `other`'s: their pages
    /// show different lists now.
    pub fn changed_owners(&self, other: &Links) -> Vec<(Collection, usize)> {
        type Lists<'a> = &'a [Vec<usize>];
        let pairs: [(Collection, Lists, Lists); 14] = [
            (
                Collection::Brands,
                &self.brand_products,
                &other.brand_products,
            ),
            (
                Collection::Producers,
                &self.producer_products,
                &other.producer_products,
            ),
            (
                Collection::Producers,
                &self.producer_chains,
                &other.producer_chains,
            ),
            (
                Collection::Communes,
                &self.commune_producers,
                &other.commune_producers,
            ),
            (
                Collection::Communes,
                &self.commune_products,
                &other.commune_products,
            ),
            (
                Collection::Communes,
                &self.commune_brands,
                &other.commune_brands,
            ),
            (
                Collection::Products,
                &self.product_chains,
                &other.product_chains,
            ),
            (
                Collection::Agencies,
                &self.agency_directives,
                &other.agency_directives,
            ),
            (
                Collection::Agencies,
                &self.agency_reports,
                &other.agency_reports,
            ),
            (
                Collection::Agencies,
                &self.agency_brands,
                &other.agency_brands,
            ),
            (
                Collection::Directives,
                &self.directive_reports,
                &other.directive_reports,
            ),
            (
                Collection::Directives,
                &self.directive_indicators,
                &other.directive_indicators,
            ),
            (
                Collection::Directives,
                &self.directive_referenced_by,
                &other.directive_referenced_by,
            ),
            (
                Collection::Reports,
                &self.report_basis_of,
                &other.report_basis_of,
            ),
        ];
        let mut out = Vec::new();
        for (c, a, b) in pairs {
            out.extend(differing(a, b).into_iter().map(|i| (c, i)));
        }
        let n = self.task_reports.len().max(other.task_reports.len());
        for d in 0..n {
            if self.task_reports.get(d) != other.task_reports.get(d) {
                out.push((Collection::Directives, d));
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Record, model};
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn record<T>(slug: &str, data: T) -> Record<T> {
        Record {
            slug: slug.into(),
            file: PathBuf::new(),
            data,
            body: None,
            translations: BTreeMap::new(),
        }
    }

    #[test]
    fn reports_are_linked_to_the_tasks_they_name() {
        let mut c = Content::default();
        let d: model::Directive = serde_yaml::from_str(
            "number: \"1\"\nkind: cong_van\ntitle: D\nissuer: a\nsigned: 2026-01\ntasks:\n  - { id: 1, title: A, lead: a }\n  - { id: 2, title: B, lead: a }\n",
        )
        .unwrap();
        let r: model::Report =
            serde_yaml::from_str("title: R\ndate: 2026-02-01\ndirective: d\ntasks: [\"2\"]\n")
                .unwrap();
        c.directives.push(record("d", d));
        c.reports.push(record("r", r));
        let l = Links::derive(&c, &Index::build(&c));
        assert_eq!(l.task_reports[0], vec![vec![], vec![0]]);
        assert_eq!(l.directive_reports[0], vec![0]);
    }
}
