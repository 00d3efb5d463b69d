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
pub use agency::AgencyKind;
pub use brand::Brand;
pub use brand::{BrandKind, Registration};
pub use chain::Chain;
pub use chain::{ChainStatus, Participant, Period, Role, Support};
pub use common::*;
pub use commune::Commune;
pub use commune::{CommuneKind, FormerKind, FormerUnit};
pub use directive::Directive;
pub use directive::{DirectiveKind, Task, TaskStatus, Update};
pub use indicator::Indicator;
pub use indicator::{Actual, YearValue};
pub use page::Page;
pub use producer::Producer;
pub use producer::{Contact, ProducerKind, Representative};
pub use product::Product;
pub use product::{Buy, Ocop, OcopGroup, OcopStatus, Price, Traceability};
pub use report::Report;
pub use report::ReportKind;
