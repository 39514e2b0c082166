//! Synthetic catalogs for the benchmarks: the same generator output as any
//! downstream crate gets, at 10, 100, 1,000 and 10,000 codes.

#![allow(missing_docs, clippy::all, clippy::pedantic)]

/// A catalog of 10 codes.
pub mod cat10 {
    include!(concat!(env!("OUT_DIR"), "/catalog_10.rs"));
}

/// A catalog of 100 codes.
pub mod cat100 {
    include!(concat!(env!("OUT_DIR"), "/catalog_100.rs"));
}

/// A catalog of 1,000 codes.
pub mod cat1000 {
    include!(concat!(env!("OUT_DIR"), "/catalog_1000.rs"));
}

/// A catalog of 10,000 codes.
pub mod cat10000 {
    include!(concat!(env!("OUT_DIR"), "/catalog_10000.rs"));
}
