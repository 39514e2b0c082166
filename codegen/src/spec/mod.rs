//! The spec model: what `errors.yaml` says, as plain Rust data.
//!
//! [`Spec::from_path`] and [`Spec::parse`] read, check and return a spec, or
//! every mistake in it at once; [`Spec::layered_on_bundled`] checks a file
//! that adds to the bundled catalog as a build script layering it would. The
//! model is public so that tools and tests share one reading of the file;
//! the key tables in [`keys`] describe each section for the loader, the JSON
//! Schema and the docs alike.
//!
//! # Bounds
//!
//! Reading a file costs time and memory linear in its size, whatever its
//! shape: before anything is built from the YAML, a file is refused, with a
//! located diagnostic, when its lists and mappings nest deeper than
//! [`MAX_DEPTH`], when the spec's files hold more than [`MAX_NODES`] keys,
//! values and items together once their aliases are expanded, or more than
//! [`MAX_BYTES`] bytes, or when the parser would have to read more than
//! [`MAX_LOOKAHEAD`] characters ahead to finish a value. At most a thousand
//! diagnostics are kept; the rest are counted. The node and byte limits
//! also bound generating: any spec they let through is checked and
//! generated within 256 MB.

pub mod keys;
mod load;
pub(crate) use load::template_parts;
pub(crate) mod yaml;

pub use twitter_errors::catalog::{
    Api, Evidence, Fallback, Format as WireFormat, Growth, HeaderMeaning, Reset, Retry, Window,
};

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostics, Error, Location, Span};
pub use yaml::{MAX_BYTES, MAX_DEPTH, MAX_LOOKAHEAD, MAX_NODES};

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// Counts `n` steps of loading work on this thread.
pub(crate) fn tick(n: usize) {
    WORK.with(|w| w.set(w.get().saturating_add(n as u64)));
}

/// The steps of loading work done on this thread so far: YAML events,
/// nodes built, keys and list items read, entries compared. For the tests
/// that check loading stays linear in the size of the file
/// (`codegen/tests/hostile.rs`); not part of the API.
#[doc(hidden)]
pub fn work_done() -> u64 {
    WORK.with(Cell::get)
}

/// What diagnostics and the generated file's header call the bundled
/// catalog: the name [`crate::Builder::bundled`] gives it.
pub(crate) const BUNDLED_FILE: &str = "bundled errors.yaml";

/// A whole catalog: what one or more `errors.yaml` files define.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Spec {
    /// The files the spec was read from, in layering order.
    pub files: Vec<PathBuf>,
    /// Wire formats and their Content-Types.
    pub formats: Vec<Format>,
    /// Response headers that carry rate-limit state.
    pub headers: Vec<Header>,
    /// URI prefixes under which v2 problem types have been served.
    pub problem_hosts: Vec<ProblemHost>,
    /// HTTP statuses.
    pub statuses: Vec<Status>,
    /// v1.1 numeric error codes.
    pub codes: Vec<Code>,
    /// v2 problem types.
    pub problems: Vec<Problem>,
    /// Members of a v2 error object.
    pub fields: Vec<Field>,
    /// Named ways to wait before retrying.
    pub retry_policies: Vec<RetryPolicy>,
    /// Legacy `error` texts that report success.
    pub notices: Vec<Notice>,
    /// Codes of v1.1 streaming `disconnect` notices.
    pub disconnects: Vec<Disconnect>,
    /// `detail` texts of v2 problems that name a cause of their own.
    pub details: Vec<Detail>,
    /// How each kind of stream is kept alive and reconnected.
    pub streams: Vec<Stream>,
}

/// Where the parts of each entry are, for diagnostics found after loading.
#[derive(Default)]
pub(crate) struct Spans {
    /// The span of each key's value (`code`) and list item (`aliases[1]`)
    /// of an entry, by the entry's origin.
    pub values: HashMap<Origin, HashMap<String, Span>>,
    /// The span of each top-level section key, by file.
    pub sections: HashMap<(PathBuf, &'static str), Span>,
    /// Sections of a file in which an entry could not be read at all:
    /// checks that need every entry of the section skip them.
    pub incomplete: HashSet<(PathBuf, &'static str)>,
}

impl Spans {
    /// The value of `key` in the entry defined at `origin`, or the entry.
    pub fn at(&self, origin: &Origin, key: &str) -> (PathBuf, Span) {
        let span = self
            .values
            .get(origin)
            .and_then(|m| m.get(key))
            .copied()
            .unwrap_or(origin.location.into());
        (origin.file.clone(), span)
    }

    /// Whether any file lost an entry of `section`.
    pub fn is_incomplete(&self, section: &str) -> bool {
        self.incomplete.iter().any(|(_, s)| *s == section)
    }
}

/// Where an entry was defined.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The file.
    pub file: PathBuf,
    /// The position of the entry's first key.
    pub location: Location,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            self.file.display(),
            self.location.line,
            self.location.column
        )
    }
}

/// A wire format.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Format {
    /// Which format.
    pub name: WireFormat,
    /// The Content-Type responses in this format carry.
    pub content_type: String,
    /// What the format looks like.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A rate-limit response header.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Header {
    /// The header name, lower case.
    pub name: String,
    /// What its value means.
    pub meaning: HeaderMeaning,
    /// Which allowance it describes.
    pub window: Option<Window>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A URI prefix under which v2 problem types were served.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProblemHost {
    /// The prefix, ending in `/`, e.g. `https://api.x.com/2/problems/`.
    pub prefix: String,
    /// Whether encoders write problem types under it unless told
    /// otherwise.
    pub default: bool,
    /// When and where it was used.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// An HTTP status.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Status {
    /// The status code, 100 to 599.
    pub status: u16,
    /// The stable identifier.
    pub name: String,
    /// The reason phrase the API documented.
    pub text: String,
    /// Other reason phrases it documented.
    pub aliases: Vec<String>,
    /// API families that served it.
    pub apis: Vec<Api>,
    /// When retrying helps.
    pub retry: Retry,
    /// The retry policy it names, if any.
    pub retry_policy: Option<String>,
    /// Whether it redefines an entry of a file layered before it
    /// (`replaces: true`); without it, a layer that does is refused.
    pub replaces: bool,
    /// Why it was retired, when it was.
    pub deprecated: Option<String>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A v1.1 numeric error code.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Code {
    /// The number the API sends.
    pub code: u32,
    /// The stable identifier.
    pub name: String,
    /// The API's current message text.
    pub message: String,
    /// Earlier or alternative message texts.
    pub aliases: Vec<String>,
    /// Texts the API fills in, with `{name}` placeholders.
    pub templates: Vec<String>,
    /// The HTTP status it is served with, when known.
    pub status: Option<u16>,
    /// Other statuses it has been seen with.
    pub other_statuses: Vec<u16>,
    /// API families that served it.
    pub apis: Vec<Api>,
    /// When retrying helps.
    pub retry: Retry,
    /// The retry policy it names, if any.
    pub retry_policy: Option<String>,
    /// Other meanings it has had.
    pub meanings: Vec<Meaning>,
    /// How well it is attested.
    pub evidence: Evidence,
    /// Whether it says that an account, a user or an app is suspended
    /// (`suspended: true`).
    pub suspended: bool,
    /// Whether it redefines an entry of a file layered before it
    /// (`replaces: true`); without it, a layer that does is refused.
    pub replaces: bool,
    /// Why it was retired, when it was.
    pub deprecated: Option<String>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// Another meaning a code has had: in another era, or another API.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Meaning {
    /// When or where the code meant this.
    pub era: String,
    /// The API's text for this meaning.
    pub message: String,
    /// Other texts of this meaning.
    pub aliases: Vec<String>,
    /// Templates of this meaning.
    pub templates: Vec<String>,
    /// The HTTP status it came with, when known.
    pub status: Option<u16>,
    /// API families that served it.
    pub apis: Vec<Api>,
    /// When retrying helps (the code's, unless the meaning says).
    pub retry: Retry,
    /// The retry policy it names, if any.
    pub retry_policy: Option<String>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A v2 problem type.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The canonical `type` URI.
    pub type_uri: String,
    /// The stable identifier.
    pub name: String,
    /// The `title` the API sends; `None` when no title was ever
    /// published (`untitled: true`).
    pub title: Option<String>,
    /// Other titles seen or documented.
    pub aliases: Vec<String>,
    /// The HTTP status it is served with, when documented.
    pub status: Option<u16>,
    /// API families that served it.
    pub apis: Vec<Api>,
    /// When retrying helps.
    pub retry: Retry,
    /// The retry policy it names, if any.
    pub retry_policy: Option<String>,
    /// The members of the error object this type carries, beyond those
    /// every object has.
    pub members: Vec<String>,
    /// The members a body of this type must carry, as the API's schema
    /// requires them.
    pub required: Vec<String>,
    /// Whether it says that an account, a user or an app is suspended
    /// (`suspended: true`).
    pub suspended: bool,
    /// Whether it redefines an entry of a file layered before it
    /// (`replaces: true`); without it, a layer that does is refused.
    pub replaces: bool,
    /// Why it was retired, when it was.
    pub deprecated: Option<String>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

impl Problem {
    /// The last path segment of the URI (`invalid-request`), or the whole
    /// URI when it has no `/` (`about:blank`).
    pub fn slug(&self) -> &str {
        slug(&self.type_uri)
    }
}

/// The slug of a problem URI: its last path segment, or the whole URI.
pub(crate) fn slug(uri: &str) -> &str {
    match uri.rfind('/') {
        Some(i) if uri.contains("://") => &uri[i + 1..],
        _ => uri,
    }
}

/// The JSON type of a v2 error-object member: the runtime's vocabulary.
pub use twitter_errors::catalog::MemberKind as FieldKind;

/// A member of a v2 error object.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Field {
    /// The member name on the wire.
    pub name: String,
    /// Whether every error object carries it.
    pub always: bool,
    /// Its JSON type.
    pub kind: FieldKind,
    /// Our description.
    pub description: String,
    /// The documented values, when the member is a vocabulary.
    pub values: Vec<FieldValue>,
    /// Where it was defined.
    pub origin: Origin,
}

/// One documented value of a vocabulary member.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldValue {
    /// The literal on the wire.
    pub value: String,
    /// The stable identifier.
    pub name: String,
    /// When retrying helps, for a response that carries this value; `None`
    /// leaves it to the problem type.
    pub retry: Option<Retry>,
    /// The retry policy it names, if any.
    pub retry_policy: Option<String>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A named way to wait before retrying.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// The stable identifier entries refer to.
    pub name: String,
    /// When retrying helps.
    pub retry: Retry,
    /// How the wait grows.
    pub growth: Growth,
    /// The first wait, in milliseconds.
    pub initial_ms: Option<u64>,
    /// What each attempt adds, for linear growth.
    pub step_ms: Option<u64>,
    /// The longest wait, in milliseconds.
    pub max_ms: Option<u64>,
    /// What ends a wait for a reset.
    pub reset: Reset,
    /// The failures it is the catalog's default schedule for.
    pub default_for: Option<Fallback>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A legacy `error` text that reports success.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Notice {
    /// The literal text.
    pub text: String,
    /// The stable identifier.
    pub name: String,
    /// API families that served it.
    pub apis: Vec<Api>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A code of a v1.1 streaming `disconnect` notice.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Disconnect {
    /// The number in the notice.
    pub code: u32,
    /// The stable identifier.
    pub name: String,
    /// The short name the streaming documentation gives it.
    pub reason: Option<String>,
    /// When reconnecting helps.
    pub retry: Retry,
    /// The retry policy it names, if any.
    pub retry_policy: Option<String>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A `detail` text of v2 problems that names a cause of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Detail {
    /// The text, as the API sends it, unless only templates give it.
    pub text: Option<String>,
    /// The stable identifier.
    pub name: String,
    /// Other wordings.
    pub aliases: Vec<String>,
    /// Wordings with varying parts, written with `{name}` placeholders.
    pub templates: Vec<String>,
    /// The name of the problem type it comes with.
    pub problem: String,
    /// The HTTP status it comes with.
    pub status: Option<u16>,
    /// The v1.1 code that means the same.
    pub code: Option<u32>,
    /// When retrying helps.
    pub retry: Retry,
    /// The retry policy it names, if any.
    pub retry_policy: Option<String>,
    /// How well it is attested.
    pub evidence: Evidence,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// How a kind of stream is kept alive and reconnected.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stream {
    /// The stable identifier.
    pub name: String,
    /// The API family whose streams these are.
    pub api: Api,
    /// How often the server sends a keep-alive, in milliseconds.
    pub heartbeat_ms: Option<u64>,
    /// How long to go without receiving anything before reconnecting, in
    /// milliseconds.
    pub timeout_ms: Option<u64>,
    /// The retry policy for a network failure.
    pub on_network: Option<String>,
    /// The retry policy for an HTTP error other than a rate limit.
    pub on_http_error: Option<String>,
    /// The retry policy for a rate limit.
    pub on_rate_limit: Option<String>,
    /// Our description.
    pub description: String,
    /// Where it was defined.
    pub origin: Origin,
}

impl Spec {
    /// Reads, parses and validates one spec file.
    ///
    /// # Errors
    /// An I/O error, or every problem found in the file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Spec, Error> {
        Spec::from_paths(&[path.as_ref()])
    }

    /// Reads several spec files and layers them: each later file adds
    /// entries or overrides earlier ones with the same key (status, code,
    /// problem URI, field name), then the result is validated as a whole.
    ///
    /// # Errors
    /// An I/O error, or every problem found in any of the files.
    pub fn from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Spec, Error> {
        let mut sources = Vec::new();
        for p in paths {
            let p = p.as_ref();
            let bytes = read_spec(p)?;
            sources.push((p.to_path_buf(), bytes));
        }
        Spec::from_sources(&sources)
    }

    /// Parses and validates spec text. `file` names it in diagnostics.
    ///
    /// # Errors
    /// Every problem found in the text.
    pub fn parse(file: impl AsRef<Path>, text: &str) -> Result<Spec, Error> {
        Spec::from_sources(&[(file.as_ref().to_path_buf(), text.as_bytes().to_vec())])
    }

    /// Reads spec files that add to the catalog bundled with this crate
    /// ([`crate::BUNDLED_SPEC`]), layers them on it in order and validates
    /// the result: what a build script with
    /// `Builder::new().bundled().spec(path)` loads, so that a file the build
    /// accepts is accepted here, and every problem the build would report is
    /// reported here, in the same words. Use it to check such a file; checked
    /// alone, with [`Spec::from_path`], it lacks what the bundled catalog
    /// defines (the statuses its codes refer to, the formats and members).
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("layered-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # let path = dir.join("errors.yaml");
    /// std::fs::write(&path, "codes:\n  - code: 10001\n    name: mirror_read_only\n    message: This mirror is read-only.\n    status: 403\n    description: A write was sent to a read-only mirror.\n").unwrap();
    /// let spec = twitter_errors_codegen::Spec::layered_on_bundled(&[&path]).unwrap();
    /// assert!(spec.codes.iter().any(|c| c.code == 10001));
    /// assert!(spec.codes.iter().any(|c| c.code == 88)); // from the bundled catalog
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    ///
    /// Unlike the [`Builder`](crate::Builder) in a build script, relative
    /// paths are taken as they are (from the current directory), and
    /// diagnostics name the files as given.
    ///
    /// # Errors
    /// An I/O error, or every problem found in the layered catalog, each in
    /// the file it is in (the bundled one is called `bundled errors.yaml`).
    pub fn layered_on_bundled<P: AsRef<Path>>(paths: &[P]) -> Result<Spec, Error> {
        let mut sources = vec![(
            PathBuf::from(BUNDLED_FILE),
            crate::BUNDLED_SPEC.as_bytes().to_vec(),
        )];
        for p in paths {
            let p = p.as_ref();
            let bytes = read_spec(p)?;
            sources.push((p.to_path_buf(), bytes));
        }
        Spec::from_sources(&sources)
    }

    /// Parses and validates layered sources given as `(name, bytes)`.
    ///
    /// # Errors
    /// Every problem found in any of the sources.
    pub fn from_sources(sources: &[(PathBuf, Vec<u8>)]) -> Result<Spec, Error> {
        let mut diagnostics = Diagnostics::default();
        let mut spans = Spans::default();
        let mut spec = Spec::default();
        let mut parsed = true;
        let mut texts = Vec::new();
        let mut nodes = MAX_NODES;
        let mut size = 0usize;
        for (i, (file, bytes)) in sources.iter().enumerate() {
            size = size.saturating_add(bytes.len());
            if size > MAX_BYTES {
                let whole = if i > 0 {
                    "the spec (this file and those layered before it)"
                } else {
                    "the file"
                };
                diagnostics.push(
                    crate::error::Diagnostic::new(
                        file,
                        Location::new(1, 1),
                        format!("{whole} holds more than {MAX_BYTES} bytes"),
                    )
                    .help(format!(
                        "a spec holds at most {MAX_BYTES} bytes in all its files, which bounds what generating its code costs"
                    )),
                );
                parsed = false;
                break;
            }
            let (layer, text) =
                load::load(file, bytes, &mut nodes, i > 0, &mut diagnostics, &mut spans);
            match layer {
                Some(layer) => {
                    spec.check_replaces(&layer, &mut diagnostics);
                    spec.layer(layer);
                }
                None => parsed = false,
            }
            texts.extend(text.map(|t| (file.clone(), t)));
        }
        // Checks across entries run even when some values were wrong, so
        // that one pass reports everything; they need every file, though.
        if parsed {
            crate::validate::validate(&spec, &spans, &mut diagnostics);
        }
        if diagnostics.is_empty() {
            spec.resolve_retry();
            spec.canonicalise();
            Ok(spec)
        } else {
            Err(Error::spec(diagnostics, texts))
        }
    }

    /// A later file's status, code or problem type with the key of an
    /// earlier file's must say `replaces: true`, and one that says it must
    /// replace something: a layer cannot redefine a bundled entry by
    /// accident, nor claim to when it adds one.
    fn check_replaces(&self, layer: &Spec, diagnostics: &mut Diagnostics) {
        fn check<T: HasOrigin, K: Ord + std::fmt::Display>(
            earlier: &[T],
            later: &[T],
            what: &str,
            key: impl Fn(&T) -> K,
            replaces: impl Fn(&T) -> bool,
            diagnostics: &mut Diagnostics,
        ) {
            let index: std::collections::BTreeMap<K, &Origin> =
                earlier.iter().map(|x| (key(x), x.origin())).collect();
            for item in later {
                let k = key(item);
                let at = item.origin();
                match (index.get(&k), replaces(item)) {
                    (Some(first), false) => diagnostics.push(
                        crate::error::Diagnostic::new(
                            &at.file,
                            at.location,
                            format!("{what} {k} is already defined at {first}"),
                        )
                        .help(format!(
                            "to redefine it, add `replaces: true` to this entry; to add a {what} of your own, give it a {} no earlier file uses",
                            if what == "problem type" { "URI" } else { "number" }
                        )),
                    ),
                    (None, true) => diagnostics.push(
                        crate::error::Diagnostic::new(
                            &at.file,
                            at.location,
                            format!("{what} {k} says `replaces: true`, but no file before this one defines it"),
                        )
                        .help("remove `replaces: true`: the entry adds a new one"),
                    ),
                    _ => {}
                }
            }
        }
        check(
            &self.statuses,
            &layer.statuses,
            "status",
            |s| s.status,
            |s| s.replaces,
            diagnostics,
        );
        check(
            &self.codes,
            &layer.codes,
            "code",
            |c| c.code,
            |c| c.replaces,
            diagnostics,
        );
        check(
            &self.problems,
            &layer.problems,
            "problem type",
            |p| p.type_uri.clone(),
            |p| p.replaces,
            diagnostics,
        );
    }

    /// Adds `other`'s entries, replacing entries with the same key.
    fn layer(&mut self, other: Spec) {
        // Entries of a later file replace those of an earlier one with the
        // same key; duplicates within one file are kept for validation to
        // report.
        fn merge<T: HasOrigin, K: Ord>(into: &mut Vec<T>, from: Vec<T>, key: impl Fn(&T) -> K) {
            // Keys of the earlier layers, indexed once: layering stays linear
            // in the number of entries.
            let earlier: std::collections::BTreeMap<K, usize> =
                into.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
            for item in from {
                match earlier.get(&key(&item)) {
                    Some(&i) if into[i].origin().file != item.origin().file => into[i] = item,
                    _ => into.push(item),
                }
            }
        }
        self.files.extend(other.files);
        merge(&mut self.formats, other.formats, |f| f.name);
        merge(&mut self.headers, other.headers, |h| h.name.clone());
        merge(&mut self.problem_hosts, other.problem_hosts, |h| {
            h.prefix.clone()
        });
        merge(&mut self.statuses, other.statuses, |s| s.status);
        merge(&mut self.codes, other.codes, |c| c.code);
        merge(&mut self.problems, other.problems, |p| p.type_uri.clone());
        merge(&mut self.fields, other.fields, |f| f.name.clone());
        merge(&mut self.retry_policies, other.retry_policies, |p| {
            p.name.clone()
        });
        merge(&mut self.notices, other.notices, |n| n.text.clone());
        merge(&mut self.disconnects, other.disconnects, |d| d.code);
        merge(&mut self.details, other.details, |d| d.name.clone());
        merge(&mut self.streams, other.streams, |d| d.name.clone());
    }

    /// Sorts every list into canonical order so that the order of entries in
    /// the file never changes the output.
    fn canonicalise(&mut self) {
        self.formats.sort_by_key(|f| f.name);
        self.headers.sort_by(|a, b| a.name.cmp(&b.name));
        self.problem_hosts.sort_by(|a, b| a.prefix.cmp(&b.prefix));
        self.statuses.sort_by_key(|s| s.status);
        self.codes.sort_by_key(|c| c.code);
        self.problems.sort_by(|a, b| a.type_uri.cmp(&b.type_uri));
        // Members that are always present come first, then by name.
        self.fields
            .sort_by(|a, b| (!a.always, &a.name).cmp(&(!b.always, &b.name)));
        for f in &mut self.fields {
            f.values.sort_by(|a, b| a.value.cmp(&b.value));
        }
        self.retry_policies.sort_by(|a, b| a.name.cmp(&b.name));
        self.notices.sort_by(|a, b| a.text.cmp(&b.text));
        self.disconnects.sort_by_key(|d| d.code);
        self.details.sort_by(|a, b| a.name.cmp(&b.name));
        self.streams.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// Gives every entry that names a retry policy the policy's `retry`,
    /// and every meaning without one its code's. Runs after validation,
    /// which has checked that the names resolve and agree.
    fn resolve_retry(&mut self) {
        let policies: HashMap<String, Retry> = self
            .retry_policies
            .iter()
            .map(|p| (p.name.clone(), p.retry))
            .collect();
        let of = |name: &Option<String>, retry: &mut Retry| {
            if let Some(r) = name.as_ref().and_then(|n| policies.get(n)) {
                *retry = *r;
            }
        };
        for s in &mut self.statuses {
            of(&s.retry_policy, &mut s.retry);
        }
        for c in &mut self.codes {
            of(&c.retry_policy, &mut c.retry);
            for m in &mut c.meanings {
                of(&m.retry_policy, &mut m.retry);
            }
        }
        for p in &mut self.problems {
            of(&p.retry_policy, &mut p.retry);
        }
        for f in &mut self.fields {
            for v in &mut f.values {
                if let Some(r) = v.retry_policy.as_ref().and_then(|n| policies.get(n)) {
                    v.retry = Some(*r);
                }
            }
        }
        for d in &mut self.disconnects {
            of(&d.retry_policy, &mut d.retry);
        }
        for d in &mut self.details {
            of(&d.retry_policy, &mut d.retry);
        }
    }

    /// The retry policy named `name`, if the spec defines it.
    pub fn retry_policy(&self, name: &str) -> Option<&RetryPolicy> {
        self.retry_policies.iter().find(|p| p.name == name)
    }

    /// The prefix encoders write problem types under: the host marked
    /// `default: true`, or, when none is, the prefix of the first
    /// problem's canonical URI.
    pub fn default_host(&self) -> Option<&str> {
        self.problem_hosts
            .iter()
            .find(|h| h.default)
            .map(|h| h.prefix.as_str())
    }

    /// The status entry for `status`, if the spec defines it.
    pub fn status(&self, status: u16) -> Option<&Status> {
        self.statuses.iter().find(|s| s.status == status)
    }
}

/// A spec file's bytes, at most one more than [`MAX_BYTES`]: enough for
/// the loader to refuse a larger one, without reading it whole.
pub(crate) fn read_spec(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}

trait HasOrigin {
    fn origin(&self) -> &Origin;
}

macro_rules! has_origin {
    ($($t:ty),*) => {$(impl HasOrigin for $t { fn origin(&self) -> &Origin { &self.origin } })*};
}
has_origin!(
    Format,
    Header,
    ProblemHost,
    Status,
    Code,
    Problem,
    Field,
    RetryPolicy,
    Notice,
    Disconnect,
    Detail,
    Stream
);
