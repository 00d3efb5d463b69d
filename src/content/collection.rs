//! The collections of `content/` and what they hold.

use super::model::*;
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    Products,
    Brands,
    Producers,
    Communes,
    Agencies,
    Chains,
    Directives,
    Indicators,
    Reports,
    Pages,
}

impl Collection {
    pub const ALL: [Collection; 10] = [
        Collection::Products,
        Collection::Brands,
        Collection::Producers,
        Collection::Communes,
        Collection::Agencies,
        Collection::Chains,
        Collection::Directives,
        Collection::Indicators,
        Collection::Reports,
        Collection::Pages,
    ];

    /// The folder name under `content/`, also the collection's name in
    /// `@/` links.
    pub fn dir(self) -> &'static str {
        match self {
            Collection::Products => "products",
            Collection::Brands => "brands",
            Collection::Producers => "producers",
            Collection::Communes => "communes",
            Collection::Agencies => "agencies",
            Collection::Chains => "chains",
            Collection::Directives => "directives",
            Collection::Indicators => "indicators",
            Collection::Reports => "reports",
            Collection::Pages => "pages",
        }
    }

    /// One record of it, as named in messages (`unknown producer`).
    pub fn singular(self) -> &'static str {
        match self {
            Collection::Products => "product",
            Collection::Brands => "brand",
            Collection::Producers => "producer",
            Collection::Communes => "commune",
            Collection::Agencies => "agency",
            Collection::Chains => "chain",
            Collection::Directives => "directive",
            Collection::Indicators => "indicator",
            Collection::Reports => "report",
            Collection::Pages => "page",
        }
    }

    pub fn from_dir(s: &str) -> Option<Collection> {
        Collection::ALL.into_iter().find(|c| c.dir() == s)
    }
}

/// What every record type tells the loader about itself.
pub trait Model: DeserializeOwned + Send + Sync + Sized + 'static {
    const COLLECTION: Collection;
    fn is_draft(&self) -> bool;
}

macro_rules! model {
    ($t:ty, $c:ident) => {
        impl Model for $t {
            const COLLECTION: Collection = Collection::$c;
            fn is_draft(&self) -> bool {
                self.draft
            }
        }
    };
}

model!(Product, Products);
model!(Brand, Brands);
model!(Producer, Producers);
model!(Commune, Communes);
model!(Agency, Agencies);
model!(Chain, Chains);
model!(Directive, Directives);
model!(Indicator, Indicators);
model!(Report, Reports);
model!(Page, Pages);
