//! nongsan: turns a folder of YAML and Markdown records about a province's
//! farm and forest products into a bilingual static portal.
//!
//! The data takes one road: `content/` is loaded into records
//! ([`content`]), linked into a [`site::Site`], planned into pages and
//! rendered ([`render`]), then written beside the old output and swapped
//! into place ([`output`]).

pub mod build;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod images;
pub mod output;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site;
