//! The [`Builder`]: configuration and all file I/O.

use std::path::{Path, PathBuf};

use crate::emit::{self, Options};
use crate::spec::Spec;
use crate::Error;

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
/// conditionally and still chain. A build script:
///
/// ```no_run
/// // build.rs
/// fn main() {
///     let result = twitter_errors_codegen::Builder::new()
///         .bundled()
///         .spec("errors.yaml")
///         .generate();
///     // Each problem in errors.yaml as rustc shows its errors (the line, the
///     // underline, the help); cargo fails the build.
///     if let Err(e) = result {
///         e.emit_cargo_errors();
///     }
/// }
/// ```
///
/// A broken spec then fails the build with each problem shown once, as
/// rustc shows its errors, by cargo (1.84 and later), not inside a "failed
/// to run custom build command" dump (see
/// [`Error` in a build script](Error#in-a-build-script)). The examples below
/// use `.unwrap()` for brevity, which works too but panics with the text
/// inside that dump.
///
/// and in `lib.rs`:
///
/// ```ignore
/// include!(concat!(env!("OUT_DIR"), "/errors.rs"));
/// ```
///
/// | Option | Default | What it does |
/// |---|---|---|
/// | [`spec`](Builder::spec) | none | A spec file to read; several are layered in order. |
/// | [`bundled`](Builder::bundled) | off | Start from the Twitter catalog shipped with this crate. |
/// | [`out_dir`](Builder::out_dir) | `OUT_DIR` | Where the files are written. |
/// | [`file_name`](Builder::file_name) | `errors.rs` | The name of the generated Rust file. |
/// | [`markdown`](Builder::markdown) | none | Also write the Markdown reference. |
/// | [`runtime_path`](Builder::runtime_path) | `::twitter_errors` | Where generated code finds the runtime crate. |
/// | [`type_attribute`](Builder::type_attribute) | none | Extra attributes (derives) on every generated enum. |
/// | [`examples_path`](Builder::examples_path) | none | Where users reach the generated items; adds a doctest example to each enum. |
/// | [`format`](Builder::format) | on | Format the output with prettyplease. |
/// | [`emit_rerun_if_changed`](Builder::emit_rerun_if_changed) | on in `build.rs` | Print `cargo:rerun-if-changed` for the spec files. |
///
/// Then one of three steps, from the most to the least packaged:
/// [`generate`](Builder::generate) (read, check, write files),
/// [`generate_in_memory`](Builder::generate_in_memory) (read, check, return
/// the text) and [`generate_from`](Builder::generate_from) (an already
/// loaded [`Spec`], no I/O at all); [`load`](Builder::load) reads and checks
/// without generating.
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

/// The Twitter catalog that ships with this crate, for layering (see
/// [`Builder::bundled`]).
pub const BUNDLED_SPEC: &str = include_str!("../errors.yaml");

/// What diagnostics and the generated file's header call [`BUNDLED_SPEC`].
const BUNDLED_NAME: &str = "bundled errors.yaml";

impl Builder {
    /// A builder with default options: no spec yet, output `errors.rs` in
    /// `OUT_DIR`, generated code reaching the runtime at `::twitter_errors`.
    ///
    /// ```
    /// let builder = twitter_errors_codegen::Builder::new();
    /// # let _ = builder;
    /// ```
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
    /// `"errors.yaml"` means the file beside `Cargo.toml`, wherever cargo is
    /// started from. Diagnostics name the file as it is written here.
    ///
    /// Call it several times to layer files: each later file adds entries
    /// and replaces earlier entries with the same key (`status`, `code`,
    /// problem `type` URI, member `name`, format `name`, header `name`, host
    /// `prefix`); a status, code or problem type that replaces one says
    /// `replaces: true`. A later file holds only what it adds or changes; every
    /// section is optional. Validation runs once on the result, so an entry
    /// may refer to a status another file defines, and a clash between two
    /// files (two codes with the same `name`, say) is reported in the later
    /// file, pointing at the earlier one.
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

    /// Starts from the Twitter catalog bundled with this crate
    /// ([`BUNDLED_SPEC`]); files given with [`Builder::spec`] are layered on
    /// top of it, in the order given. A crate that serves or consumes a
    /// Twitter-compatible API lists only its additions:
    ///
    /// ```yaml
    /// # extra-errors.yaml
    /// codes:
    ///   - code: 10001
    ///     name: mirror_read_only
    ///     message: This mirror is read-only.
    ///     status: 403
    ///     retry: never
    ///     description: A write was sent to a read-only mirror.
    /// ```
    ///
    /// ```no_run
    /// // Twitter's catalog plus the codes of extra-errors.yaml.
    /// twitter_errors_codegen::Builder::new()
    ///     .bundled()
    ///     .spec("extra-errors.yaml")
    ///     .generate()
    ///     .unwrap();
    /// ```
    ///
    /// An entry with the key of a bundled one and `replaces: true`
    /// replaces it (give code `88` a different `message` to match what your
    /// server sends); without `replaces: true`, the build fails where the
    /// entry is, naming the bundled one. Diagnostics
    /// that concern the bundled file call it `bundled errors.yaml`; the
    /// bundled catalog itself is checked by this crate's tests and never
    /// fails on its own.
    pub fn bundled(&mut self) -> &mut Self {
        self.bundled = true;
        self
    }

    /// The directory to write into. Defaults to `OUT_DIR`, which cargo sets
    /// for build scripts; relative paths resolve against the current
    /// directory. Use it to generate outside cargo, for example into a
    /// source tree that checks the output in:
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .out_dir("src/generated")
    ///     .emit_rerun_if_changed(false)
    ///     .generate()
    ///     .unwrap();
    /// ```
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The name of the generated Rust file. Defaults to `errors.rs`; it must
    /// be a plain file name (no directory) ending in `.rs`. Two builders with
    /// different names can generate two catalogs in one build script.
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

    /// Also writes the Markdown reference of the catalog (one table per
    /// section, as the repository's `docs/ERRORS.md`), at this path inside
    /// the output directory.
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .markdown("ERRORS.md")
    ///     .generate()
    ///     .unwrap();
    /// // lib.rs: #![doc = include_str!(concat!(env!("OUT_DIR"), "/ERRORS.md"))]
    /// ```
    pub fn markdown(&mut self, name: impl AsRef<Path>) -> &mut Self {
        self.markdown = Some(name.as_ref().to_path_buf());
        self
    }

    /// The Rust path under which generated code reaches the runtime crate
    /// `twitter-errors`: its traits, wrappers and serde re-exports. Defaults
    /// to `::twitter_errors`, right for any crate that depends on it under
    /// that name. A crate that re-exports the runtime, so that its users
    /// need only one dependency, points the generated code at the
    /// re-export:
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .runtime_path("::my_client::twitter_errors")
    ///     .generate()
    ///     .unwrap();
    /// ```
    ///
    /// `crate` works inside the runtime crate itself, which is how it
    /// generates its own catalog. The path must parse as Rust, or
    /// generation fails with a configuration error.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.options.runtime_path = path.into();
        self
    }

    /// Adds an attribute to every generated enum (`HttpStatus`, `ErrorCode`,
    /// `ProblemType` and each member vocabulary), such as an extra derive.
    /// Call it once per attribute; they are emitted in the order given. The
    /// enums already derive `Clone, Copy, Debug, PartialEq, Eq, Hash,
    /// PartialOrd, Ord` and implement `Display`, `FromStr` and serde.
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .type_attribute("#[derive(strum::EnumIter)]")
    ///     .type_attribute("#[cfg_attr(feature = \"schemars\", derive(schemars::JsonSchema))]")
    ///     .generate()
    ///     .unwrap();
    /// ```
    ///
    /// The text must parse as Rust tokens, or generation fails with a
    /// configuration error; whether the attribute itself makes sense is
    /// for the compiler to say.
    pub fn type_attribute(&mut self, attribute: impl Into<String>) -> &mut Self {
        self.options.type_attributes.push(attribute.into());
        self
    }

    /// The public path at which users of the crate reach the generated
    /// items: the crate's name when it `include!`s the file at its root
    /// (`my_client`), or the module that holds it (`my_client::errors`).
    /// With it, the docs of each generated enum get an `# Examples` section
    /// that runs as a doctest in that crate, with the first entry of the
    /// catalog. Without it (the default) there is no example: the generator
    /// cannot see where the file is included, and an example with a wrong
    /// path would fail the crate's doctests.
    ///
    /// ```no_run
    /// // build.rs of a crate with `pub mod errors { include!(...); }`
    /// twitter_errors_codegen::Builder::new()
    ///     .bundled()
    ///     .spec("errors.yaml")
    ///     .examples_path("my_client::errors")
    ///     .generate()
    ///     .unwrap();
    /// ```
    ///
    /// The path must parse as Rust, or generation fails with a
    /// configuration error.
    pub fn examples_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.options.examples_path = Some(path.into());
        self
    }

    /// Whether to format the output with prettyplease (default `true`).
    /// Unformatted output is one long line: only worth it when nobody reads
    /// the file and the build is measured in milliseconds.
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .format(false)
    ///     .generate()
    ///     .unwrap();
    /// ```
    pub fn format(&mut self, enabled: bool) -> &mut Self {
        self.options.format = enabled;
        self
    }

    /// Whether [`Builder::generate`] prints `cargo:rerun-if-changed` lines.
    /// Defaults to on inside a build script (when cargo has set `OUT_DIR`
    /// and `TARGET`), off elsewhere.
    ///
    /// When on, it prints one line per spec file given with
    /// [`Builder::spec`], and nothing else: cargo then reruns the build
    /// script when a spec changes and not when any other file of the
    /// package does. With [`Builder::bundled`] alone there is no spec file
    /// to watch, and a build script that prints no such line is rerun on
    /// every change in the package, so the crate's `Cargo.toml` is watched
    /// instead. The bundled catalog changes only with this crate's version,
    /// which rebuilds the build script anyway.
    ///
    /// Turn it off when the build script watches files itself:
    ///
    /// ```no_run
    /// twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .emit_rerun_if_changed(false)
    ///     .generate()
    ///     .unwrap();
    /// println!("cargo:rerun-if-changed=errors.yaml");
    /// ```
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

    /// The files cargo is told to watch: every spec file, or the manifest
    /// when there is none.
    fn watched_files(&self) -> Vec<PathBuf> {
        if self.specs.is_empty() {
            return std::env::var_os("CARGO_MANIFEST_DIR")
                .map(|dir| vec![Path::new(&dir).join("Cargo.toml")])
                .unwrap_or_default();
        }
        self.specs.iter().map(|p| Self::resolve(p)).collect()
    }

    /// Reads the configured spec files, layers them and checks the result:
    /// what [`Builder::generate`] does before it generates. Useful to inspect
    /// a catalog, or to check it in a test:
    ///
    /// ```no_run
    /// let spec = twitter_errors_codegen::Builder::new()
    ///     .bundled()
    ///     .spec("extra-errors.yaml")
    ///     .load()
    ///     .unwrap();
    /// assert!(spec.codes.iter().any(|c| c.code == 10001));
    /// ```
    ///
    /// # Errors
    /// A configuration error when no spec is given or a file is given twice,
    /// an I/O error when a file cannot be read, or every problem found in the
    /// specs ([`Error::diagnostics`]), each with its file, line and column.
    pub fn load(&self) -> Result<Spec, Error> {
        if self.specs.is_empty() && !self.bundled {
            return Err(Error::config(
                "no spec given: call .spec(\"errors.yaml\") or .bundled()",
            ));
        }
        let mut sources: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        if self.bundled {
            sources.push((
                PathBuf::from(BUNDLED_NAME),
                BUNDLED_SPEC.as_bytes().to_vec(),
            ));
        }
        let mut seen: Vec<PathBuf> = Vec::new();
        for p in &self.specs {
            let full = Self::resolve(p);
            if seen.contains(&full) {
                return Err(Error::config(format!(
                    "spec file `{}` is given twice",
                    p.display()
                )));
            }
            let bytes = crate::spec::read_spec(&full)?;
            seen.push(full);
            // Diagnostics name the file as the user wrote it.
            sources.push((p.clone(), bytes));
        }
        Spec::from_sources(&sources)
    }

    /// Loads the specs and generates code and docs in memory, without
    /// writing any file or printing anything.
    ///
    /// ```no_run
    /// let generated = twitter_errors_codegen::Builder::new()
    ///     .spec("errors.yaml")
    ///     .generate_in_memory()
    ///     .unwrap();
    /// assert!(generated.rust.contains("pub enum ErrorCode"));
    /// ```
    ///
    /// # Errors
    /// As [`Builder::load`] and [`Builder::generate_from`].
    pub fn generate_in_memory(&self) -> Result<Generated, Error> {
        let spec = self.load()?;
        self.generate_from(&spec)
    }

    /// Generates code and docs for an already loaded spec: no I/O at all.
    /// The spec options ([`Builder::spec`], [`Builder::bundled`]) are not
    /// used; the output options are.
    ///
    /// ```
    /// use twitter_errors_codegen::{Builder, Spec, BUNDLED_SPEC};
    ///
    /// let spec = Spec::parse("errors.yaml", BUNDLED_SPEC).unwrap();
    /// let generated = Builder::new()
    ///     .runtime_path("::my_client::twitter_errors")
    ///     .generate_from(&spec)
    ///     .unwrap();
    /// assert!(generated.rust.starts_with("// This file is @generated"));
    /// assert!(generated.rust.contains("::my_client::twitter_errors::catalog::Retry"));
    /// ```
    ///
    /// # Errors
    /// A configuration error: a file name that is not a plain `.rs` name, a
    /// runtime path or type attribute that is not valid Rust.
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
    /// Markdown file, if asked) into the output directory: the call a build
    /// script makes.
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
    /// Files are rewritten only when their contents change, so tools that
    /// watch them see no spurious change. Inside a build script it first
    /// prints the `cargo:rerun-if-changed` lines described at
    /// [`Builder::emit_rerun_if_changed`], before reading anything, so that
    /// fixing a broken spec reruns the build script too.
    ///
    /// # Errors
    /// An I/O error, every problem found in the specs, or a configuration
    /// error. `Debug` prints the same text as `Display`, so `unwrap()` in
    /// `build.rs` shows each problem as `file:line:column: message` with its
    /// hint, as `twitter-errors check` does.
    pub fn generate(&self) -> Result<(), Error> {
        let rerun = self.rerun_if_changed.unwrap_or_else(|| {
            std::env::var_os("OUT_DIR").is_some() && std::env::var_os("TARGET").is_some()
        });
        if rerun {
            for p in self.watched_files() {
                println!("cargo:rerun-if-changed={}", p.display());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Category;

    #[test]
    fn examples_path_gives_each_enum_one_example() {
        let spec = Spec::parse("errors.yaml", BUNDLED_SPEC).unwrap();
        let plain = Builder::new().generate_from(&spec).unwrap().rust;
        assert!(!plain.contains("# Examples"));

        let rust = Builder::new()
            .examples_path("my_client::errors")
            .generate_from(&spec)
            .unwrap()
            .rust;
        let enums = rust.matches("\npub enum ").count();
        assert!(enums >= 4, "{enums}");
        assert_eq!(rust.matches("\n/// # Examples\n").count(), enums);
        assert!(rust.contains("/// use my_client::errors::{ErrorCode, HttpStatus};\n"));
        assert!(rust.contains("/// let code = ErrorCode::from_code(3).unwrap();\n"));

        let e = Builder::new()
            .examples_path("not a path")
            .generate_from(&spec)
            .unwrap_err();
        assert_eq!(e.category(), Category::Config);
        assert!(
            e.to_string()
                .contains("examples path `not a path` is not a Rust path"),
            "{e}"
        );
    }

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!(
                "twitter-errors-codegen-{name}-{}",
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn write(&self, name: &str, text: &str) -> PathBuf {
            let path = self.0.join(name);
            std::fs::write(&path, text).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const EXTRA: &str = "\
codes:
  - code: 10001
    name: mirror_read_only
    message: This mirror is read-only.
    status: 403
    retry: never
    description: A write was sent to a read-only mirror.
  - code: 88
    name: rate_limit_exceeded
    message: Slow down.
    status: 429
    retry: after_reset
    replaces: true
    description: Our wording of the rate-limit error.
";

    fn layered(dir: &TempDir, extra: &str) -> Result<Spec, Error> {
        let path = dir.write("extra.yaml", extra);
        Builder::new().bundled().spec(path).load()
    }

    fn diagnostics(e: &Error) -> Vec<String> {
        assert_eq!(e.category(), Category::Spec, "{e}");
        e.diagnostics().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn layering_adds_and_overrides_entries() {
        let dir = TempDir::new("layer-ok");
        let spec = layered(&dir, EXTRA).unwrap();
        let bundled = Spec::parse(BUNDLED_NAME, BUNDLED_SPEC).unwrap();
        assert_eq!(spec.codes.len(), bundled.codes.len() + 1);
        let added = spec.codes.iter().find(|c| c.code == 10001).unwrap();
        assert_eq!(added.name, "mirror_read_only");
        assert_eq!(added.origin.file, dir.0.join("extra.yaml"));
        let replaced = spec.codes.iter().find(|c| c.code == 88).unwrap();
        assert_eq!(replaced.message, "Slow down.");
        assert_eq!(replaced.origin.file, dir.0.join("extra.yaml"));
        assert_eq!(
            spec.files,
            [PathBuf::from(BUNDLED_NAME), dir.0.join("extra.yaml")]
        );
        // Everything else is the bundled catalog's.
        assert_eq!(spec.statuses, bundled.statuses);
        assert_eq!(spec.problems.len(), bundled.problems.len());
        let rust = Builder::new().generate_from(&spec).unwrap().rust;
        assert!(rust.contains("MirrorReadOnly"));
        assert!(rust.starts_with(
            "// This file is @generated by twitter-errors-codegen from bundled errors.yaml + extra.yaml.\n"
        ));
    }

    #[test]
    fn redefining_a_bundled_entry_says_so_or_is_refused() {
        // Code 88, status 404 and a problem type of the bundled catalog,
        // redefined without `replaces: true`: each refused where it is,
        // naming the bundled entry.
        let dir = TempDir::new("layer-replaces");
        let bundled = Spec::parse(BUNDLED_NAME, BUNDLED_SPEC).unwrap();
        let status = &bundled.statuses[0];
        let problem = &bundled.problems[0];
        let code = &bundled.codes[0];
        let extra = format!(
            "statuses:\n  - status: {}\n    name: {}\n    text: Mine\n    retry: never\n    description: Mine.\ncodes:\n  - code: {}\n    name: {}\n    message: Mine.\n    retry: never\n    description: Mine.\nproblems:\n  - type: {}\n    name: {}\n    title: Mine\n    retry: never\n    description: Mine.\n",
            status.status, status.name, code.code, code.name, problem.type_uri, problem.name
        );
        let e = layered(&dir, &extra).unwrap_err();
        let d = diagnostics(&e);
        let file = dir.0.join("extra.yaml");
        let expect = [
            (2, format!("status {}", status.status), &status.origin),
            (8, format!("code {}", code.code), &code.origin),
            (
                14,
                format!("problem type {}", problem.type_uri),
                &problem.origin,
            ),
        ];
        assert_eq!(d.len(), expect.len(), "{d:?}");
        for (line, what, first) in expect {
            let want = format!(
                "{}:{line}:5: {what} is already defined at {first}\n  help: to redefine it, add `replaces: true` to this entry",
                file.display()
            );
            assert!(d.iter().any(|x| x.starts_with(&want)), "{want}\n{d:?}");
        }
        // The rustc-style form shows the line of the layer.
        let human = e.render(crate::Style::default());
        assert!(
            human.contains(&format!(" --> {}:8:5", file.display())),
            "{human}"
        );

        // With it, each is replaced.
        let fixed = extra.replace(
            "    retry: never\n",
            "    retry: never\n    replaces: true\n",
        );
        let spec = layered(&dir, &fixed).unwrap();
        let mine = spec.codes.iter().find(|c| c.code == code.code).unwrap();
        assert_eq!(mine.message, "Mine.");

        // `replaces: true` on an entry that replaces nothing is refused too.
        let new = "codes:\n  - code: 4000000000\n    name: mine\n    message: Mine.\n    retry: never\n    replaces: true\n    description: Mine.\n";
        let d = diagnostics(&layered(&dir, new).unwrap_err());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].contains(
                "code 4000000000 says `replaces: true`, but no file before this one defines it"
            ),
            "{}",
            d[0]
        );
    }

    #[test]
    fn a_layer_may_refer_to_what_another_defines() {
        // A status from the bundled file, a status defined next to the code.
        let dir = TempDir::new("layer-refs");
        let extra = "\
statuses:
  - status: 418
    name: im_a_teapot
    text: I'm a teapot
    retry: never
    description: Refused to brew coffee.
codes:
  - code: 10001
    name: teapot
    message: Short and stout.
    status: 418
    other_statuses: [403]
    retry: never
    description: A teapot was asked for coffee.
";
        let spec = layered(&dir, extra).unwrap();
        assert!(spec.status(418).is_some());
    }

    #[test]
    fn a_dangling_reference_is_reported_in_the_layer() {
        let dir = TempDir::new("layer-dangling");
        // A status the bundled catalog does not define.
        let bundled = Spec::parse("errors.yaml", BUNDLED_SPEC).unwrap();
        let n = (400..=599).find(|&n| bundled.status(n).is_none()).unwrap();
        let extra = format!(
            "\
codes:
  - code: 10001
    name: teapot
    message: Short and stout.
    status: {n}
    retry: never
    description: A teapot was asked for coffee.
"
        );
        let e = layered(&dir, &extra).unwrap_err();
        let d = diagnostics(&e);
        assert_eq!(d.len(), 1, "{d:?}");
        let file = dir.0.join("extra.yaml");
        assert!(
            d[0].starts_with(&format!(
                "{}:5:13: code 10001 refers to status {n}, which no `statuses:` entry defines",
                file.display()
            )),
            "{}",
            d[0]
        );
    }

    #[test]
    fn a_name_taken_in_the_bundled_file_is_reported_in_the_layer() {
        let dir = TempDir::new("layer-name");
        let extra = "\
codes:
  - code: 10001
    name: rate_limit_exceeded
    message: Too fast.
    retry: after_reset
    description: Clashes with code 88's name.
";
        let e = layered(&dir, extra).unwrap_err();
        let d = diagnostics(&e);
        assert_eq!(d.len(), 1, "{d:?}");
        let prefix = format!(
            "{}:3:11: duplicate name `rate_limit_exceeded`\n  help: code 88 at bundled errors.yaml:",
            dir.0.join("extra.yaml").display()
        );
        assert!(d[0].starts_with(&prefix), "{}", d[0]);
    }

    #[test]
    fn an_override_that_clashes_is_reported_in_the_layer() {
        // Code 88 is overridden with the name of another bundled code: the
        // mistake is in the layer, whatever order the entries end up in.
        let dir = TempDir::new("layer-override");
        let bundled = Spec::parse("errors.yaml", BUNDLED_SPEC).unwrap();
        let other = bundled.codes.iter().find(|c| c.code > 88).unwrap();
        let extra = format!(
            "codes:\n  - code: 88\n    name: {}\n    message: Slow down.\n    retry: after_reset\n    replaces: true\n    description: Renamed.\n",
            other.name
        );
        let e = layered(&dir, &extra).unwrap_err();
        let d = diagnostics(&e);
        assert_eq!(d.len(), 1, "{d:?}");
        let prefix = format!(
            "{}:3:11: duplicate name `{}`\n  help: code {} at bundled errors.yaml:",
            dir.0.join("extra.yaml").display(),
            other.name,
            other.code
        );
        assert!(d[0].starts_with(&prefix), "{}", d[0]);
    }

    #[test]
    fn a_problem_slug_clash_is_reported_in_the_layer() {
        let dir = TempDir::new("layer-slug");
        let extra = "\
problems:
  - type: https://api.example.com/2/problems/invalid-request
    name: example_invalid_request
    title: Invalid Request
    status: 400
    retry: never
    description: Same slug as Twitter's.
";
        let e = layered(&dir, extra).unwrap_err();
        let d = diagnostics(&e);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].starts_with(&format!(
                "{}:2:11: problem type `https://api.example.com/2/problems/invalid-request` ends in `invalid-request`, like the problem type at bundled errors.yaml:",
                dir.0.join("extra.yaml").display()
            )),
            "{}",
            d[0]
        );
        assert!(d[0].contains("bundled errors.yaml:"), "{}", d[0]);
    }

    #[test]
    fn configuration_errors_are_exact() {
        let e = Builder::new().load().unwrap_err();
        assert_eq!(e.category(), Category::Config);
        assert_eq!(
            e.to_string(),
            "invalid generator configuration: no spec given: call .spec(\"errors.yaml\") or .bundled()"
        );

        let dir = TempDir::new("config");
        let path = dir.write("errors.yaml", BUNDLED_SPEC);
        let e = Builder::new().spec(&path).spec(&path).load().unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "invalid generator configuration: spec file `{}` is given twice",
                path.display()
            )
        );

        let spec = Spec::parse("errors.yaml", BUNDLED_SPEC).unwrap();
        for name in ["errors", "out/errors.rs", "errors.txt"] {
            let e = Builder::new()
                .file_name(name)
                .generate_from(&spec)
                .unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("invalid generator configuration: file name `{name}` must be a plain file name ending in `.rs`")
            );
        }
        let e = Builder::new()
            .runtime_path("::a::(")
            .generate_from(&spec)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid generator configuration: runtime path `::a::(` is not a Rust path"
        );
        let e = Builder::new()
            .type_attribute("#[derive(")
            .generate_from(&spec)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid generator configuration: type attribute `#[derive(` is not valid Rust"
        );
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let dir = TempDir::new("missing");
        let path = dir.0.join("nope.yaml");
        let e = Builder::new().spec(&path).load().unwrap_err();
        assert_eq!(e.category(), Category::Io);
        assert!(
            e.to_string().starts_with(&format!("{}: ", path.display())),
            "{e}"
        );
    }

    #[test]
    fn relative_paths_resolve_against_the_manifest_dir() {
        // `cargo test` sets CARGO_MANIFEST_DIR to this crate, which holds
        // errors.yaml (a link to the workspace's).
        let spec = Builder::new().spec("errors.yaml").load().unwrap();
        assert_eq!(spec.files, [PathBuf::from("errors.yaml")]);
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(
            Builder::new().spec("errors.yaml").watched_files(),
            [manifest.join("errors.yaml")]
        );
    }

    #[test]
    fn only_spec_files_are_watched() {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(
            Builder::new()
                .bundled()
                .spec("a.yaml")
                .spec("/abs/b.yaml")
                .watched_files(),
            [manifest.join("a.yaml"), PathBuf::from("/abs/b.yaml")]
        );
        // The bundled catalog alone: the manifest, so that cargo does not
        // fall back to rerunning on any change in the package.
        assert_eq!(
            Builder::new().bundled().watched_files(),
            [manifest.join("Cargo.toml")]
        );
    }

    #[test]
    fn generate_writes_only_what_changed() {
        let dir = TempDir::new("generate");
        let spec = dir.write("errors.yaml", BUNDLED_SPEC);
        let out = dir.0.join("out");
        let mut builder = Builder::new();
        builder
            .spec(&spec)
            .out_dir(&out)
            .file_name("catalog.rs")
            .markdown("ERRORS.md")
            .emit_rerun_if_changed(false);
        builder.generate().unwrap();
        let rust = out.join("catalog.rs");
        let expected = builder.generate_in_memory().unwrap();
        assert_eq!(std::fs::read_to_string(&rust).unwrap(), expected.rust);
        assert_eq!(
            std::fs::read_to_string(out.join("ERRORS.md")).unwrap(),
            expected.markdown
        );
        // A second run leaves the file alone.
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(&rust)
            .unwrap()
            .set_modified(old)
            .unwrap();
        builder.generate().unwrap();
        assert_eq!(std::fs::metadata(&rust).unwrap().modified().unwrap(), old);
    }
}
