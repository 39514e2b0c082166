//! Errors and located diagnostics, and how they are shown.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

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

/// Where a key or a value is written: from `start` up to `end`, exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Span {
    pub start: Location,
    pub end: Location,
}

impl From<Location> for Span {
    fn from(at: Location) -> Span {
        Span { start: at, end: at }
    }
}

/// One problem found in a spec: where it is, what is wrong, and how to fix it.
///
/// Displayed as `errors.yaml:57:5: duplicate code 88` followed, when there is
/// one, by an indented `help:` line. [`Error::render`] also shows the line
/// with the span from [`location`](Diagnostic::location) to
/// [`end`](Diagnostic::end) underlined.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The file the problem is in, as given to the loader.
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// Where the text it is about ends (exclusive): the same as `location`
    /// when it is about a point, such as a missing key.
    pub end: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when a hint helps.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic. `message` and `help` quote the spec: their control
    /// characters are made visible ([`twitter_errors::shown`]), so that no
    /// spec can start a line of its own in the output, say one that reads
    /// as another `file:line:column:` diagnostic.
    pub(crate) fn new(file: &Path, at: impl Into<Span>, message: impl Into<String>) -> Self {
        let at = at.into();
        Diagnostic {
            file: file.to_path_buf(),
            location: at.start,
            end: at.end,
            message: visible(message.into()),
            help: None,
        }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(visible(help.into()));
        self
    }

    /// The file name as shown: its control characters made visible.
    fn file_shown(&self) -> String {
        visible(self.file.display().to_string())
    }

    /// One line, for a build script's `cargo::error=`.
    fn line(&self) -> String {
        let mut s = format!(
            "{}:{}:{}: {}",
            self.file_shown(),
            self.location.line,
            self.location.column,
            self.message
        );
        if let Some(help) = &self.help {
            s.push_str(&format!(" (help: {help})"));
        }
        s.replace(['\n', '\r'], " ")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file_shown(),
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

/// `text` with its control characters made visible.
fn visible(text: String) -> String {
    match twitter_errors::shown::shown_cow(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shown) => shown,
    }
}

/// The most diagnostics one load keeps: a file that is not a spec at all
/// (say, a long list of numbers) would otherwise give one per value. The
/// rest are counted, and the count is shown.
pub(crate) const MAX_DIAGNOSTICS: usize = 1000;

/// The diagnostics of one load: the first [`MAX_DIAGNOSTICS`], and how many
/// more there were.
#[derive(Default)]
pub(crate) struct Diagnostics {
    list: Vec<Diagnostic>,
    omitted: usize,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        if self.list.len() < MAX_DIAGNOSTICS {
            self.list.push(d);
        } else {
            self.omitted += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether more diagnostics would only be counted.
    pub fn is_full(&self) -> bool {
        self.list.len() >= MAX_DIAGNOSTICS
    }
}

/// How [`Error::render`] lays out a spec's diagnostics.
///
/// The default is the full form, without color: each problem with its
/// source line, the text it is about underlined, and its hint below, as
/// rustc and cargo show theirs. [`short`](Style::short) gives the plain form
/// of `Display` instead, one `file:line:column: message` line (and a
/// `help:` line) per problem, for editors, CI logs and anything else that
/// reads the output; it ignores [`color`](Style::color).
///
/// ```
/// use twitter_errors_codegen::{Spec, Style, BUNDLED_SPEC};
///
/// let text = BUNDLED_SPEC.replacen("  - code: 88\n", "  - code: 0088\n", 1);
/// let e = Spec::parse("errors.yaml", &text).unwrap_err();
/// let full = e.render(Style::default());
/// assert!(full.starts_with("error: `code` has a leading zero"));
/// assert!(full.contains(" |   - code: 0088\n"));
/// assert!(full.contains(" |           ^^^^\n"));
/// assert!(full.contains(" = help: write the number without leading zeros: `code: 88`\n"));
/// assert_eq!(e.render(Style::default().short(true)), e.to_string());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Style {
    /// ANSI colors, for a terminal.
    pub color: bool,
    /// One line per problem (and its hint), without the source.
    pub short: bool,
}

impl Style {
    /// With or without ANSI colors.
    #[must_use]
    pub fn color(mut self, color: bool) -> Self {
        self.color = color;
        self
    }

    /// The short form, or the full one.
    #[must_use]
    pub fn short(mut self, short: bool) -> Self {
        self.short = short;
        self
    }
}

/// The error type of every fallible operation in this crate.
///
/// A bad spec gives [`Error::diagnostics`], every problem found in one pass,
/// each with its file, line and column. `Display` prints them one per line,
/// ready for a terminal or cargo's build-script output; `Debug` prints the
/// same text, so that `build.rs` can simply `unwrap()`. [`Error::render`]
/// shows them with their source lines, as rustc does.
///
/// # In a build script
///
/// Cargo (1.84 and later) shows each `cargo::error=` line a build script
/// prints as an error, under the package's name, and fails the build
/// without the script's other output. [`Error::emit_cargo_errors`] prints
/// the rustc-style form of every problem that way:
///
/// ```no_run
/// fn main() {
///     let result = twitter_errors_codegen::Builder::new()
///         .bundled()
///         .spec("errors.yaml")
///         .generate();
///     if let Err(e) = result {
///         // Cargo fails the build after the script ends; exiting with an
///         // error as well would add the script's whole output to the log.
///         e.emit_cargo_errors();
///     }
/// }
/// ```
///
/// which cargo shows as
///
/// ```text
/// error: my-api@0.1.0: code 88 is already defined at bundled errors.yaml:686:5
/// error: my-api@0.1.0:  --> errors.yaml:2:5
/// error: my-api@0.1.0:   |
/// error: my-api@0.1.0: 2 |   - code: 88
/// error: my-api@0.1.0:   |     ^
/// error: my-api@0.1.0:   |
/// error: my-api@0.1.0:   = help: to redefine it, add `replaces: true` to this entry; to add a code of your own, give it a number no earlier file uses
/// error: my-api@0.1.0: 1 error in the spec
/// error: build script logged errors
/// ```
///
/// [`Error::lines`] gives one `file:line:column: message` line per problem
/// instead, for tools that read one line each.
pub struct Error {
    inner: Box<ErrorKind>,
}

enum ErrorKind {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Spec {
        diagnostics: Vec<Diagnostic>,
        omitted: usize,
        /// The text of each file, as the positions count it, for rendering.
        sources: Vec<(PathBuf, String)>,
    },
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

    pub(crate) fn spec(diagnostics: Diagnostics, sources: Vec<(PathBuf, String)>) -> Self {
        let Diagnostics {
            list: mut diagnostics,
            omitted,
        } = diagnostics;
        diagnostics.sort_by(|a, b| (&a.file, a.location).cmp(&(&b.file, b.location)));
        diagnostics.dedup();
        Error {
            inner: Box::new(ErrorKind::Spec {
                diagnostics,
                omitted,
                sources,
            }),
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
            ErrorKind::Spec { .. } => Category::Spec,
            ErrorKind::Config(_) => Category::Config,
            ErrorKind::Internal(_) => Category::Internal,
        }
    }

    /// Every problem found in the spec, sorted by file and position; empty
    /// unless the category is [`Category::Spec`]. A file with more than a
    /// thousand problems keeps the first thousand found; `Display` says how
    /// many more there were.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &*self.inner {
            ErrorKind::Spec { diagnostics, .. } => diagnostics,
            _ => &[],
        }
    }

    /// One line per problem, `file:line:column: message (help: hint)`, or
    /// one line for an error that is not about a spec: what a build script
    /// prints after `cargo::error=` (see the [example](Error#in-a-build-script)).
    pub fn lines(&self) -> Vec<String> {
        match &*self.inner {
            ErrorKind::Spec {
                diagnostics,
                omitted,
                ..
            } => {
                let mut lines: Vec<String> = diagnostics.iter().map(Diagnostic::line).collect();
                if *omitted > 0 {
                    lines.push(omitted_line(*omitted));
                }
                lines
            }
            _ => vec![self.to_string().replace(['\n', '\r'], " ")],
        }
    }

    /// What a build script prints for the error: its rustc-style form
    /// ([`render`](Error::render) without colour), each line a
    /// `cargo::error=` directive. Cargo then shows each problem once, with
    /// its source line, the span underlined and the help, and fails the
    /// build; no line of the script's own output or of its process is
    /// shown. See the [example](Error#in-a-build-script).
    pub fn cargo_directives(&self) -> String {
        let text = self.render(Style::default().color(false));
        let mut out = String::with_capacity(text.len() * 2);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str("cargo::error=");
            // Cargo writes `error:` itself.
            out.push_str(line.strip_prefix("error: ").unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// Prints [`cargo_directives`](Error::cargo_directives) on stdout,
    /// where cargo reads a build script's directives.
    pub fn emit_cargo_errors(&self) {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(self.cargo_directives().as_bytes());
        let _ = out.flush();
    }

    /// The error laid out in `style`: by default each problem with its
    /// source line and the span underlined, as rustc shows its errors (see
    /// [`Style`]). Errors that are not about a spec read as `Display` does.
    pub fn render(&self, style: Style) -> String {
        let ErrorKind::Spec {
            diagnostics,
            omitted,
            sources,
        } = &*self.inner
        else {
            return self.to_string();
        };
        if style.short {
            return self.to_string();
        }
        let renderer = if style.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let lines: Vec<(&Path, Vec<&str>)> = sources
            .iter()
            .map(|(file, text)| (file.as_path(), text.split('\n').collect()))
            .collect();
        let mut out = String::new();
        for d in diagnostics {
            // The source line with each control character as one visible
            // character, so that the caret's columns still hold.
            let source = lines
                .iter()
                .find(|(f, _)| *f == d.file)
                .and_then(|(_, l)| l.get(d.location.line.wrapping_sub(1)))
                .map(|l| twitter_errors::shown::pictured(l));
            out.push_str(&renderer.render(&[group(d, source.as_deref())]));
            out.push_str("\n\n");
        }
        if *omitted > 0 {
            out.push_str(&omitted_line(*omitted));
            out.push('\n');
        }
        out.push_str(&summary(diagnostics.len() + omitted));
        out
    }
}

/// Lines longer than this are not shown (the position still is): finding a
/// column in them would cost more than the rest of the report.
const MAX_SHOWN_LINE: usize = 4096;

/// One diagnostic as annotate-snippets lays it out.
fn group<'a>(d: &'a Diagnostic, line: Option<&'a str>) -> Group<'a> {
    let path = d.file_shown();
    let title = Level::ERROR.primary_title(d.message.as_str());
    let line = line
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| l.len() <= MAX_SHOWN_LINE);
    let mut group = match line {
        Some(text) => {
            // Byte offsets of the underlined characters on this line: the
            // span, cut at the end of the line, and at least one character
            // wide where there is one to underline.
            let offset = |column: usize| {
                text.char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(text.len(), |(i, _)| i)
            };
            let start = offset(d.location.column);
            let mut end = if d.end.line == d.location.line {
                offset(d.end.column)
            } else {
                text.len()
            };
            if end <= start {
                end = text[start..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8());
            }
            title.element(
                Snippet::source(text)
                    .line_start(d.location.line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        None => title.element(
            Origin::path(path)
                .line(d.location.line)
                .char_column(d.location.column),
        ),
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    group
}

fn omitted_line(omitted: usize) -> String {
    format!(
        "{omitted} more problem{} not shown: fix these and check again",
        if omitted == 1 { " is" } else { "s are" }
    )
}

fn summary(n: usize) -> String {
    format!("{n} error{} in the spec", if n == 1 { "" } else { "s" })
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.inner {
            ErrorKind::Io { path, source } => write!(
                f,
                "{}: {source}",
                twitter_errors::shown(&path.display().to_string())
            ),
            ErrorKind::Spec {
                diagnostics,
                omitted,
                ..
            } => {
                for d in diagnostics {
                    writeln!(f, "error: {d}")?;
                }
                if *omitted > 0 {
                    writeln!(f, "{}", omitted_line(*omitted))?;
                }
                f.write_str(&summary(diagnostics.len() + omitted))
            }
            ErrorKind::Config(m) => write!(
                f,
                "invalid generator configuration: {}",
                twitter_errors::shown(m)
            ),
            ErrorKind::Internal(m) => write!(
                f,
                "internal generator error (please report it): {}",
                twitter_errors::shown(m)
            ),
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
