//! The filters of the products listing: category, commune, OCOP stars,
//! certification and "in season this month". Each choice in use has a
//! pre-built page (`/san-pham/danh-muc/gia-vi/`) listing the same products
//! that the listing's script shows when the choice is picked, so that both
//! come from this one computation.

use crate::config::Config;
use crate::content::Content;
use crate::content::date::Date;
use crate::content::model::common::CertificationKind;
use crate::content::slug;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Category,
    Commune,
    Stars,
    Certification,
    Season,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::Category,
        Facet::Commune,
        Facet::Stars,
        Facet::Certification,
        Facet::Season,
    ];

    /// The name scripts and data attributes use (`data-category`).
    pub fn key(self) -> &'static str {
        match self {
            Facet::Category => "category",
            Facet::Commune => "commune",
            Facet::Stars => "stars",
            Facet::Certification => "certification",
            Facet::Season => "season",
        }
    }

    /// The folder of the facet's pages under the products section.
    pub fn segment(self, lang: &str) -> &'static str {
        let vi = lang == "vi";
        match self {
            Facet::Category => {
                if vi {
                    "danh-muc"
                } else {
                    "category"
                }
            }
            Facet::Commune => {
                if vi {
                    "xa-phuong"
                } else {
                    "commune"
                }
            }
            Facet::Stars => "ocop",
            Facet::Certification => {
                if vi {
                    "chung-nhan"
                } else {
                    "certification"
                }
            }
            Facet::Season => {
                if vi {
                    "dang-mua"
                } else {
                    "in-season"
                }
            }
        }
    }

    /// Every folder name the facets use in any language: product slugs may
    /// not take them.
    pub fn reserved_segments() -> Vec<&'static str> {
        let mut v: Vec<&str> = Facet::ALL
            .iter()
            .flat_map(|f| [f.segment("vi"), f.segment("en")])
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// One choice of one facet, with the products it selects (positions in
/// `content.products`, in file order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub facet: Facet,
    /// The value as scripts see it: a category key, a commune slug, a star
    /// count, a certification kind, or `now` for the season.
    pub value: String,
    pub products: Vec<usize>,
}

impl Choice {
    /// The page's path below the products section (`danh-muc/gia-vi/`).
    pub fn path(&self, lang: &str) -> String {
        let seg = self.facet.segment(lang);
        match self.facet {
            Facet::Season => format!("{seg}/"),
            Facet::Stars => {
                let unit = if lang == "vi" { "sao" } else { "stars" };
                format!("{seg}/{}-{unit}/", self.value)
            }
            _ => format!("{seg}/{}/", self.value),
        }
    }
}

/// A certification kind as a path and script value (`vietgap`).
pub fn certification_value(k: &CertificationKind) -> String {
    k.as_str().to_ascii_lowercase()
}

/// A category key as a path segment: kept when it is already a good slug.
pub fn category_value(key: &str) -> String {
    if slug::is_valid(key) {
        key.to_string()
    } else {
        slug::propose(key)
    }
}

/// Every choice in use, in a stable order: categories in the order of
/// `site.yaml`, communes by slug, stars ascending, certifications in the
/// order of their kinds, then the season.
pub fn compute(content: &Content, config: &Config, as_of: Date) -> Vec<Choice> {
    let mut by: BTreeMap<(Facet, usize, String), Vec<usize>> = BTreeMap::new();
    let category_rank = |key: &str| {
        config
            .categories
            .iter()
            .position(|(k, _)| k == key)
            .unwrap_or(usize::MAX)
    };
    for (i, r) in content.products.iter().enumerate() {
        let p = &r.data;
        let mut add = |facet, rank, value: String| {
            let list = by.entry((facet, rank, value)).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        };
        add(
            Facet::Category,
            category_rank(&p.category),
            category_value(&p.category),
        );
        for c in &p.communes {
            add(Facet::Commune, 0, c.clone());
        }
        if let Some(o) = &p.ocop {
            add(Facet::Stars, usize::from(o.stars), o.stars.to_string());
        }
        for c in &p.certifications {
            add(
                Facet::Certification,
                c.kind.clone() as usize,
                certification_value(&c.kind),
            );
        }
        if p.season.contains(&as_of.month) || p.off_season.contains(&as_of.month) {
            add(Facet::Season, 0, "now".to_string());
        }
    }
    by.into_iter()
        .map(|((facet, _, value), products)| Choice {
            facet,
            value,
            products,
        })
        .collect()
}
