//! Errors and located diagnostics.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a spec file: 1-based line and column, as text editors count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// A location at `line`, `column` (both 1-based).
    pub const fn new(line: usize, column: usize) -> Self {
        Location { line, column }
    }
}

/// One problem found in a spec: where it is, what is wrong, and how to fix it.
///
/// Displayed as `errors.yaml:57:5: duplicate code 88` followed, when there is
/// one, by an indented `help:` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in, as given to the loader.
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when a hint helps.
    pub help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(file: &Path, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            location,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.location.line,
            self.location.column,
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// The error type of every fallible operation in this crate.
///
/// A bad spec gives [`Error::diagnostics`], every problem found in one pass,
/// each with its file, line and column. `Display` prints them one per line,
/// ready for a terminal or cargo's build-script output; `Debug` prints the
/// same text, so that `build.rs` can simply `unwrap()`.
pub struct Error {
    inner: Box<ErrorKind>,
}

enum ErrorKind {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Spec(Vec<Diagnostic>),
    Config(String),
    Internal(String),
}

/// The broad category of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Category {
    /// A file could not be read or written.
    Io,
    /// The spec has mistakes; see [`Error::diagnostics`].
    Spec,
    /// The builder was configured in a way that cannot work.
    Config,
    /// The generator produced code it could not parse: a bug in this crate.
    Internal,
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error {
            inner: Box::new(ErrorKind::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    pub(crate) fn spec(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by(|a, b| (&a.file, a.location).cmp(&(&b.file, b.location)));
        diagnostics.dedup();
        Error {
            inner: Box::new(ErrorKind::Spec(diagnostics)),
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(ErrorKind::Config(message.into())),
        }
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(ErrorKind::Internal(message.into())),
        }
    }

    /// The category of this error.
    pub fn category(&self) -> Category {
        match &*self.inner {
            ErrorKind::Io { .. } => Category::Io,
            ErrorKind::Spec(_) => Category::Spec,
            ErrorKind::Config(_) => Category::Config,
            ErrorKind::Internal(_) => Category::Internal,
        }
    }

    /// Every problem found in the spec, sorted by file and position; empty
    /// unless the category is [`Category::Spec`].
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &*self.inner {
            ErrorKind::Spec(d) => d,
            _ => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.inner {
            ErrorKind::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ErrorKind::Spec(diagnostics) => {
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "error: {d}")?;
                }
                let n = diagnostics.len();
                write!(
                    f,
                    "\n{n} error{} in the spec",
                    if n == 1 { "" } else { "s" }
                )
            }
            ErrorKind::Config(m) => write!(f, "invalid generator configuration: {m}"),
            ErrorKind::Internal(m) => write!(f, "internal generator error (please report it): {m}"),
        }
    }
}

impl fmt::Debug for Error {
    // Humans mostly see this through `unwrap()` in a build script: show the
    // same readable text as Display rather than a struct dump.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.inner {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<Error> for std::io::Error {
    fn from(e: Error) -> Self {
        let kind = match e.category() {
            Category::Io => std::io::ErrorKind::Other,
            _ => std::io::ErrorKind::InvalidData,
        };
        std::io::Error::new(kind, e.to_string())
    }
}
