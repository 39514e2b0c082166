//! Benchmarks of the codecs, lookups and generator, against baselines in
//! the same run (see BENCHMARKS.md). The benches and binaries are the
//! targets of this crate; the library holds nothing.
