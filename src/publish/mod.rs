//! Files for the host and for machines rather than for readers.

pub mod headers;
