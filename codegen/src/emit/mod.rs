//! Output: Rust code and the Markdown reference.

pub(crate) mod markdown;
pub(crate) mod rust;

/// Options that shape the generated code (everything but I/O).
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub runtime_path: String,
    pub type_attributes: Vec<String>,
    pub format: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_path: "::twitter_errors".to_string(),
            type_attributes: Vec::new(),
            format: true,
        }
    }
}
