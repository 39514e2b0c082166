//! Output: Rust code and the Markdown reference.

pub(crate) mod markdown;
pub(crate) mod rust;
