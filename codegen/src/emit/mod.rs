//! Output: Rust code and the Markdown reference.

pub(crate) mod escape;
pub(crate) mod markdown;
pub(crate) mod rust;

/// Options that shape the generated code (everything but I/O).
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub runtime_path: String,
    pub type_attributes: Vec<String>,
    pub format: bool,
    /// The public path of the generated items in the crate that includes
    /// them (`twitter_errors`, `my_client::errors`); when set, each enum's
    /// docs get an `# Examples` section that runs as a doctest there.
    pub examples_path: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_path: "::twitter_errors".to_string(),
            type_attributes: Vec::new(),
            format: true,
            examples_path: None,
        }
    }
}
