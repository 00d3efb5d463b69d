//! The linked site: every reference resolved, every reverse link derived,
//! and everything that depends on the date (task status, overdue, expiry,
//! indicator progress) computed once, as of one date. The `Site` does not
//! change after linking; rendering reads it.

mod check;
pub mod filters;
mod links;
pub mod progress;
pub mod tasks;

use crate::config::Config;
use crate::content::Content;
use crate::content::collection::Collection;
use crate::content::date::Date;
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;

pub use links::Links;
pub use progress::IndicatorProgress;
pub use tasks::{Lead, TaskRef, TaskState};

/// Slug → position in its collection, for every collection.
#[derive(Debug, Default)]
pub struct Index {
    maps: HashMap<Collection, HashMap<String, usize>>,
}

impl Index {
    pub(crate) fn build(content: &Content) -> Index {
        let mut maps = HashMap::new();
        for c in Collection::ALL {
            let m: HashMap<String, usize> = content
                .slugs(c)
                .into_iter()
                .enumerate()
                .map(|(i, s)| (s.to_string(), i))
                .collect();
            maps.insert(c, m);
        }
        Index { maps }
    }

    pub fn get(&self, c: Collection, slug: &str) -> Option<usize> {
        self.maps.get(&c).and_then(|m| m.get(slug)).copied()
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// The date progress is reported as of.
    pub as_of: Date,
    pub content: Content,
    pub index: Index,
    pub links: Links,
    /// Per directive, per task (in file order).
    pub tasks: Vec<Vec<TaskState>>,
    /// Per indicator.
    pub indicators: Vec<IndicatorProgress>,
    /// The products listing's filters in use, each with its products.
    pub filters: Vec<filters::Choice>,
}

/// Days before a deadline within which an open task is "due soon".
pub const DUE_SOON_DAYS: i64 = 30;
/// Months an OCOP rating stays valid after its decision.
pub const OCOP_VALID_MONTHS: i32 = 36;

impl Site {
    pub fn default_language(&self) -> &str {
        self.config.default_language()
    }

    /// Whether a certification has expired as of the site's date.
    pub fn is_expired(&self, expires: Option<&Date>) -> bool {
        expires.is_some_and(|e| e.last_day() < self.as_of.first_day())
    }

    /// When an OCOP rating given on `date` expires.
    pub fn ocop_expiry(date: &Date) -> Date {
        date.add_months(OCOP_VALID_MONTHS)
    }
}

/// Links the loaded content into a `Site`, checking every reference and
/// rule that spans records.
pub fn link(content: Content, config: Config, as_of: Date) -> (Site, Vec<Diagnostic>) {
    let index = Index::build(&content);
    let mut diags = Vec::new();
    // The checks beside what is derived: neither needs the other.
    let ((), (links, (tasks, indicators, filters))) = rayon::join(
        || check::check(&content, &config, &index, as_of, &mut diags),
        || {
            rayon::join(
                || Links::derive(&content, &index),
                || {
                    (
                        tasks::compute(&content, as_of),
                        progress::compute(&content),
                        filters::compute(&content, &config, as_of),
                    )
                },
            )
        },
    );
    let site = Site {
        config,
        as_of,
        content,
        index,
        links,
        tasks,
        indicators,
        filters,
    };
    (site, diags)
}
