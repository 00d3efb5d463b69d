//! The typed records, one file per collection. Field names are the YAML
//! names; the same names are used by the linked site and the templates.

pub mod agency;
pub mod brand;
pub mod chain;
pub mod common;
pub mod commune;
pub mod directive;
pub mod indicator;
pub mod page;
pub mod producer;
pub mod product;
pub mod report;

pub use agency::Agency;
pub use brand::Brand;
pub use chain::Chain;
pub use common::*;
pub use commune::Commune;
pub use directive::Directive;
pub use indicator::Indicator;
pub use page::Page;
pub use producer::Producer;
pub use product::Product;
pub use report::Report;
pub use brand::{BrandKind, Registration};
pub use chain::{ChainStatus, Participant, Period, Role, Support};
pub use commune::{CommuneKind, FormerKind, FormerUnit};
pub use directive::{DirectiveKind, Task, TaskStatus, Update};
pub use indicator::{Actual, YearValue};
pub use producer::{Contact, ProducerKind, Representative};
pub use product::{Buy, Ocop, OcopGroup, OcopStatus, Price, Traceability};
pub use report::ReportKind;
pub use agency::AgencyKind;
