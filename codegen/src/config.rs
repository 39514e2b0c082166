//! The [`Builder`]: configuration and all file I/O.

use std::path::{Path, PathBuf};

use crate::emit;
use crate::spec::Spec;
use crate::Error;

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

/// What [`Builder::generate_in_memory`] produces.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Generated {
    /// The Rust source, formatted.
    pub rust: String,
    /// The Markdown reference.
    pub markdown: String,
}

/// Configures and runs the generator, typically from `build.rs`.
///
/// Setters take `&mut self` and return it, so a build script can configure
/// conditionally and still chain:
///
/// ```no_run
/// // build.rs
/// fn main() {
///     twitter_errors_codegen::Builder::new()
///         .spec("errors.yaml")
///         .generate()
///         .unwrap();
/// }
/// ```
///
/// and in `lib.rs`:
///
/// ```ignore
/// include!(concat!(env!("OUT_DIR"), "/errors.rs"));
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    specs: Vec<PathBuf>,
    bundled: bool,
    out_dir: Option<PathBuf>,
    file_name: String,
    markdown: Option<PathBuf>,
    rerun_if_changed: Option<bool>,
    options: Options,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

/// The Twitter catalog that ships with this crate, for layering.
pub const BUNDLED_SPEC: &str = include_str!("../errors.yaml");

impl Builder {
    /// A builder with default options: no spec yet, output `errors.rs` in
    /// `OUT_DIR`, generated code reaching the runtime at `::twitter_errors`.
    pub fn new() -> Self {
        Builder {
            specs: Vec::new(),
            bundled: false,
            out_dir: None,
            file_name: "errors.rs".to_string(),
            markdown: None,
            rerun_if_changed: None,
            options: Options::default(),
        }
    }

    /// Adds a spec file. Relative paths resolve against the crate's manifest
    /// directory (`CARGO_MANIFEST_DIR`) when cargo runs the build script, so
    /// `"errors.yaml"` means the file beside `Cargo.toml`.
    ///
    /// Call it several times to layer files: each later file adds entries
    /// and replaces earlier entries with the same key (status, code, problem
    /// URI, member name). Validation runs on the result, and diagnostics
    /// name the file each problem is in.
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .spec("errors.local.yaml") // our own codes on top
    ///     .generate()
    ///     .unwrap();
    /// ```
    pub fn spec(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.specs.push(path.as_ref().to_path_buf());
        self
    }

    /// Starts from the Twitter catalog bundled with this crate; files given
    /// with [`Builder::spec`] are layered on top of it.
    ///
    /// ```no_run
    /// // Twitter's catalog plus two codes of our own.
    /// twitter_errors_codegen::Builder::new()
    ///     .bundled()
    ///     .spec("extra-errors.yaml")
    ///     .generate()
    ///     .unwrap();
    /// ```
    pub fn bundled(&mut self) -> &mut Self {
        self.bundled = true;
        self
    }

    /// The directory to write into. Defaults to `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The name of the generated Rust file. Defaults to `errors.rs`; it must
    /// end in `.rs` so that IDEs load it.
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .file_name("catalog.rs")
    ///     .generate()
    ///     .unwrap();
    /// // lib.rs: include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
    /// ```
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Also writes the Markdown reference to this path (relative paths
    /// resolve against `OUT_DIR`'s target, like [`Builder::file_name`]).
    pub fn markdown(&mut self, name: impl AsRef<Path>) -> &mut Self {
        self.markdown = Some(name.as_ref().to_path_buf());
        self
    }

    /// The Rust path under which generated code reaches the runtime crate.
    /// Defaults to `::twitter_errors`. A crate that re-exports the runtime
    /// under another name points the generated code at it:
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .runtime_path("::my_client::twitter_errors")
    ///     .generate()
    ///     .unwrap();
    /// ```
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.options.runtime_path = path.into();
        self
    }

    /// Adds an attribute to every generated enum, such as an extra derive.
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .type_attribute("#[derive(strum::EnumIter)]")
    ///     .generate()
    ///     .unwrap();
    /// ```
    pub fn type_attribute(&mut self, attribute: impl Into<String>) -> &mut Self {
        self.options.type_attributes.push(attribute.into());
        self
    }

    /// Whether to format the output with prettyplease (default `true`).
    pub fn format(&mut self, enabled: bool) -> &mut Self {
        self.options.format = enabled;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines for every spec file.
    /// Defaults to on when run by cargo (the `CARGO` variable is set).
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.rerun_if_changed = Some(enabled);
        self
    }

    fn resolve(path: &Path) -> PathBuf {
        if path.is_absolute() {
            return path.to_path_buf();
        }
        match std::env::var_os("CARGO_MANIFEST_DIR") {
            Some(dir) => Path::new(&dir).join(path),
            None => path.to_path_buf(),
        }
    }

    /// Reads and validates the configured spec files, layered.
    ///
    /// # Errors
    /// An I/O error, or every problem found in the specs.
    pub fn load(&self) -> Result<Spec, Error> {
        if self.specs.is_empty() && !self.bundled {
            return Err(Error::config(
                "no spec given: call .spec(\"errors.yaml\") or .bundled()",
            ));
        }
        let mut sources = Vec::new();
        if self.bundled {
            sources.push((
                PathBuf::from("bundled errors.yaml"),
                BUNDLED_SPEC.as_bytes().to_vec(),
            ));
        }
        for p in &self.specs {
            let full = Self::resolve(p);
            let bytes = std::fs::read(&full).map_err(|e| Error::io(&full, e))?;
            // Diagnostics name the file as the user wrote it.
            sources.push((p.clone(), bytes));
        }
        Spec::from_sources(&sources)
    }

    /// Generates code and docs in memory, without touching any file.
    ///
    /// # Errors
    /// As [`Builder::load`], or a configuration error.
    pub fn generate_in_memory(&self) -> Result<Generated, Error> {
        let spec = self.load()?;
        self.generate_from(&spec)
    }

    /// Generates code and docs for an already loaded spec.
    ///
    /// # Errors
    /// A configuration error (such as an invalid runtime path).
    pub fn generate_from(&self, spec: &Spec) -> Result<Generated, Error> {
        if !self.file_name.ends_with(".rs") || self.file_name.contains(['/', '\\']) {
            return Err(Error::config(format!(
                "file name `{}` must be a plain file name ending in `.rs`",
                self.file_name
            )));
        }
        Ok(Generated {
            rust: emit::rust::generate(spec, &self.options)?,
            markdown: emit::markdown::render(spec),
        })
    }

    /// Loads the specs, generates, and writes the Rust file (and the
    /// Markdown file, if asked) into the output directory. Files are only
    /// rewritten when their contents change. When run by cargo, prints one
    /// `cargo:rerun-if-changed` line per spec file and nothing else.
    ///
    /// # Errors
    /// An I/O error, every problem found in the specs, or a configuration
    /// error. In `build.rs`, `unwrap()` prints them readably.
    pub fn generate(&self) -> Result<(), Error> {
        let rerun = self
            .rerun_if_changed
            .unwrap_or_else(|| std::env::var_os("CARGO").is_some());
        if rerun {
            // Printed before loading, so that a fix to a broken spec reruns
            // the build script too.
            for p in &self.specs {
                println!("cargo:rerun-if-changed={}", Self::resolve(p).display());
            }
        }
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::config("OUT_DIR is not set: run from build.rs, or call .out_dir(...)")
                })?,
        };
        let generated = self.generate_in_memory()?;
        write_if_changed(&out_dir.join(&self.file_name), &generated.rust)?;
        if let Some(md) = &self.markdown {
            write_if_changed(&out_dir.join(md), &generated.markdown)?;
        }
        Ok(())
    }
}

/// Writes `contents` unless the file already holds exactly that, so that
/// mtimes stay still for tools that watch them.
pub(crate) fn write_if_changed(path: &Path, contents: &str) -> Result<(), Error> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))
}
