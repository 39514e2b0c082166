//! Synthetic catalogs for the benchmarks: the same generator output as any
//! downstream crate gets, at 10 and 10,000 codes.

#![allow(missing_docs, clippy::all, clippy::pedantic)]

/// A catalog of 10 codes.
pub mod cat10 {
    include!(concat!(env!("OUT_DIR"), "/catalog_10.rs"));
}

/// A catalog of 10,000 codes.
pub mod cat10000 {
    include!(concat!(env!("OUT_DIR"), "/catalog_10000.rs"));
}
