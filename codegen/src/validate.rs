//! Checks across entries: uniqueness, references, naming collisions.
//!
//! The loader has already checked each value on its own (types, ranges,
//! identifier syntax); what is left needs the whole spec. Each problem is
//! reported at the value that causes it, and names the other entry involved
//! by its line.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, Location, Span};
use crate::naming;
use crate::spec::{keys, tick, FieldKind, Origin, Spans, Spec};

/// The generated type names a vocabulary enum must not take.
pub(crate) const GENERATED_TYPES: &[&str] = &[
    "HttpStatus",
    "ErrorCode",
    "ProblemType",
    "ErrorObject",
    "Catalog",
    "RateLimitHeader",
];

/// Rust field names of the generated `ErrorObject` that members cannot take.
pub(crate) const OBJECT_FIELDS: &[&str] = &["extra"];

/// The members the runtime reads, and the kind it reads each as.
pub(crate) const RUNTIME_MEMBERS: &[(&str, FieldKind)] = &[
    ("type", FieldKind::String),
    ("title", FieldKind::String),
    ("detail", FieldKind::String),
    ("status", FieldKind::Integer),
];

/// Where a diagnostic goes: a file and a span in it.
type At = (PathBuf, Span);

/// `line 57`, or `other.yaml:57` when the two are in different files.
fn line_of(first: &Origin, here: &Path) -> String {
    if first.file == here {
        format!("line {}", first.location.line)
    } else {
        format!("{}:{}", first.file.display(), first.location.line)
    }
}

struct Checker<'a> {
    spans: &'a Spans,
    diags: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn push(&mut self, at: &At, message: String, help: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(&at.0, at.1, message).help(help));
    }

    /// Where `key` of the entry at `origin` is.
    fn at(&self, origin: &Origin, key: &str) -> At {
        self.spans.at(origin, key)
    }

    /// Reports entries whose `key` repeats an earlier one in the same file.
    /// `label` turns a key into words ("code 88").
    fn unique<'o>(
        &mut self,
        items: impl Iterator<Item = (String, &'o Origin)>,
        key: &str,
        label: impl Fn(&str) -> String,
        fix: &str,
    ) {
        let mut seen: BTreeMap<String, &Origin> = BTreeMap::new();
        for (value, origin) in items {
            tick(1);
            match seen.get(&value) {
                Some(first) if first.file == origin.file => {
                    let at = self.at(origin, key);
                    let what = label(&value);
                    self.push(
                        &at,
                        format!("duplicate {what}"),
                        format!(
                            "{what} is already defined at {}; {fix}",
                            line_of(first, &origin.file)
                        ),
                    );
                }
                // A later file overrides the entry.
                Some(_) => {}
                None => {
                    seen.insert(value, origin);
                }
            }
        }
    }

    /// Reports names used twice in one list, also after CamelCase
    /// conversion. Items are `(name, origin, label)`.
    fn names<'o>(
        &mut self,
        items: impl Iterator<Item = (&'o str, &'o Origin, String)>,
        list: &str,
    ) {
        let mut seen: BTreeMap<String, (&str, &Origin, String)> = BTreeMap::new();
        for (name, origin, label) in items {
            tick(1);
            if name.is_empty() {
                continue; // already reported by the loader
            }
            let camel = naming::camel(name);
            match seen.get(&camel) {
                Some((first, at, first_label)) => {
                    let here = self.at(origin, "name");
                    let line = line_of(at, &origin.file);
                    if *first == name {
                        self.push(
                            &here,
                            format!("duplicate name `{name}`"),
                            format!("{first_label} at {line} already has this name; names are unique within `{list}`"),
                        );
                    } else {
                        self.push(
                            &here,
                            format!("name `{name}` collides with `{first}` ({first_label}, {line}): both become `{camel}` in Rust"),
                            "rename one of them: names must differ by more than underscores",
                        );
                    }
                }
                None => {
                    seen.insert(camel, (name, origin, label));
                }
            }
        }
    }

    fn templates(&mut self, templates: &[String], origin: &Origin) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, t) in templates.iter().enumerate() {
            tick(1);
            if !seen.insert(t) {
                let at = self.at(origin, &format!("templates[{i}]"));
                self.push(
                    &at,
                    format!("template {t:?} is listed twice"),
                    "remove one of them",
                );
            }
        }
    }

    fn aliases(&mut self, text: &str, aliases: &[String], origin: &Origin, what: &str) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, a) in aliases.iter().enumerate() {
            tick(1);
            if a == text {
                let at = self.at(origin, &format!("aliases[{i}]"));
                self.push(
                    &at,
                    format!("alias {a:?} repeats the {what}"),
                    format!("remove it from `aliases`: the `{what}` is matched already"),
                );
            } else if !seen.insert(a) {
                let at = self.at(origin, &format!("aliases[{i}]"));
                self.push(
                    &at,
                    format!("alias {a:?} is listed twice"),
                    "remove one of them",
                );
            }
        }
    }

    /// Where to report that a section lacks an entry: its key in the last
    /// file that has it, or the top of the last file.
    fn section(&self, spec: &Spec, name: &str) -> At {
        for file in spec.files.iter().rev() {
            if let Some(span) = self
                .spans
                .sections
                .iter()
                .find(|((f, s), _)| f == file && *s == name)
                .map(|(_, l)| *l)
            {
                return (file.clone(), span);
            }
        }
        (
            spec.files.last().cloned().unwrap_or_default(),
            Location::new(1, 1).into(),
        )
    }
}

/// Sorts entries into layering order (a stable sort: file order within a
/// file is kept).
fn layered<'a>(
    spec: &Spec,
    mut v: Vec<(&'a str, &'a Origin, String)>,
) -> Vec<(&'a str, &'a Origin, String)> {
    v.sort_by_key(|(_, o, _)| spec.files.iter().position(|f| *f == o.file));
    v
}

pub(crate) fn validate(spec: &Spec, spans: &Spans, diags: &mut Diagnostics) {
    let mut c = Checker { spans, diags };
    unique_keys(&mut c, spec);
    unique_names(&mut c, spec);
    distinct_slugs(&mut c, spec);
    status_references(&mut c, spec);
    texts(&mut c, spec);
    members(&mut c, spec);
    default_schedules(&mut c, spec);
    default_host(&mut c, spec);
    policy_references(&mut c, spec);
    problem_members(&mut c, spec);
    details(&mut c, spec);
    streams(&mut c, spec);
    runtime_needs(&mut c, spec);
}

/// A problem's `members` and `required` name `fields:` entries, and what
/// it requires it carries.
fn problem_members(c: &mut Checker<'_>, spec: &Spec) {
    if c.spans.is_incomplete("fields") {
        return;
    }
    let known: Vec<&str> = spec.fields.iter().map(|f| f.name.as_str()).collect();
    let always = |m: &str| {
        RUNTIME_MEMBERS.iter().any(|(n, _)| *n == m)
            || spec.fields.iter().any(|f| f.always && f.name == m)
    };
    for p in &spec.problems {
        for (key, list) in [("members", &p.members), ("required", &p.required)] {
            for (i, m) in list.iter().enumerate() {
                tick(1);
                let at = c.at(&p.origin, &format!("{key}[{i}]"));
                if !known.contains(&m.as_str()) {
                    let hint = match keys::closest(m, known.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!("add a `fields:` entry for `{m}` with its `kind` and a `description`, or remove it"),
                    };
                    c.push(
                        &at,
                        format!("problem `{}` lists the member `{m}` in `{key}`, which no `fields:` entry defines", p.slug()),
                        hint,
                    );
                } else if key == "required" && !p.members.contains(m) && !always(m) {
                    c.push(
                        &at,
                        format!("problem `{}` requires the member `{m}`, which its `members` do not list", p.slug()),
                        format!("add `{m}` to `members`: what a type requires it carries"),
                    );
                }
            }
        }
    }
}

/// A detail's problem, code and status exist; names and texts are unique.
fn details(c: &mut Checker<'_>, spec: &Spec) {
    c.names(
        layered(
            spec,
            spec.details
                .iter()
                .map(|d| (d.name.as_str(), &d.origin, format!("detail `{}`", d.name)))
                .collect(),
        )
        .into_iter(),
        "details",
    );
    c.unique(
        spec.details
            .iter()
            .filter_map(|d| Some((d.text.clone()?, &d.origin))),
        "text",
        |v| format!("detail {v:?}"),
        "remove one of the two entries",
    );
    for d in &spec.details {
        c.aliases(
            d.text.as_deref().unwrap_or_default(),
            &d.aliases,
            &d.origin,
            "text",
        );
        c.templates(&d.templates, &d.origin);
    }
    let problems: Vec<&str> = spec.problems.iter().map(|p| p.name.as_str()).collect();
    let statuses_known = !c.spans.is_incomplete("statuses");
    for d in &spec.details {
        tick(1);
        if !c.spans.is_incomplete("problems") && !problems.contains(&d.problem.as_str()) {
            let at = c.at(&d.origin, "problem");
            let hint = match keys::closest(&d.problem, problems.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "give the `name` of a `problems:` entry (`generic` is `about:blank`)"
                    .to_string(),
            };
            c.push(
                &at,
                format!("detail `{}` names the problem `{}`, which no `problems:` entry has as its name", d.name, d.problem),
                hint,
            );
        }
        if let Some(code) = d.code {
            if !c.spans.is_incomplete("codes") && !spec.codes.iter().any(|x| x.code == code) {
                let at = c.at(&d.origin, "code");
                c.push(
                    &at,
                    format!(
                        "detail `{}` names code {code}, which no `codes:` entry defines",
                        d.name
                    ),
                    "add the code under `codes:`, or remove `code`",
                );
            }
        }
        if let Some(s) = d.status {
            if statuses_known && spec.status(s).is_none() {
                let at = c.at(&d.origin, "status");
                c.push(
                    &at,
                    format!(
                        "detail `{}` refers to status {s}, which no `statuses:` entry defines",
                        d.name
                    ),
                    format!("add a `statuses:` entry for {s}"),
                );
            }
        }
    }
}

/// One stream entry per API family, each naming policies that exist.
fn streams(c: &mut Checker<'_>, spec: &Spec) {
    c.names(
        layered(
            spec,
            spec.streams
                .iter()
                .map(|x| (x.name.as_str(), &x.origin, format!("stream `{}`", x.name)))
                .collect(),
        )
        .into_iter(),
        "streams",
    );
    c.unique(
        spec.streams
            .iter()
            .map(|x| (x.api.as_str().to_string(), &x.origin)),
        "api",
        |v| format!("stream of the `{v}` API"),
        "remove one of the two entries: one entry describes every stream of an API",
    );
    if c.spans.is_incomplete("retry_policies") {
        return;
    }
    let names: Vec<&str> = spec
        .retry_policies
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    for x in &spec.streams {
        for (key, policy) in [
            ("on_network", &x.on_network),
            ("on_http_error", &x.on_http_error),
            ("on_rate_limit", &x.on_rate_limit),
        ] {
            tick(1);
            let Some(name) = policy else { continue };
            if spec.retry_policy(name).is_none() {
                let at = c.at(&x.origin, key);
                let hint = match keys::closest(name, names.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!(
                        "add a `retry_policies:` entry with `name: {name}`, or use one of {}",
                        names.join(", ")
                    ),
                };
                c.push(
                    &at,
                    format!("stream `{}` names the retry policy `{name}` in `{key}`, which no `retry_policies:` entry defines", x.name),
                    hint,
                );
            }
        }
    }
}

/// Keys unique within each list (a later file's entry replaces one with
/// the same key).
fn unique_keys(c: &mut Checker<'_>, spec: &Spec) {
    // Keys unique within each list.
    c.unique(
        spec.statuses
            .iter()
            .map(|s| (s.status.to_string(), &s.origin)),
        "status",
        |v| format!("status {v}"),
        "remove one of the two entries",
    );
    c.unique(
        spec.codes.iter().map(|x| (x.code.to_string(), &x.origin)),
        "code",
        |v| format!("code {v}"),
        "remove one of the two entries, or give this one another code",
    );
    c.unique(
        spec.problems
            .iter()
            .map(|p| (p.type_uri.clone(), &p.origin)),
        "type",
        |v| format!("problem type `{v}`"),
        "remove one of the two entries",
    );
    c.unique(
        spec.fields.iter().map(|f| (f.name.clone(), &f.origin)),
        "name",
        |v| format!("field `{v}`"),
        "remove one of the two entries",
    );
    c.unique(
        spec.formats
            .iter()
            .map(|f| (f.name.as_str().to_string(), &f.origin)),
        "name",
        |v| format!("format `{v}`"),
        "remove one of the two entries",
    );
    c.unique(
        spec.headers.iter().map(|h| (h.name.clone(), &h.origin)),
        "name",
        |v| format!("header `{v}`"),
        "remove one of the two entries",
    );
    c.unique(
        spec.problem_hosts
            .iter()
            .map(|h| (h.prefix.clone(), &h.origin)),
        "prefix",
        |v| format!("problem host `{v}`"),
        "remove one of the two entries",
    );

    c.unique(
        spec.retry_policies
            .iter()
            .map(|p| (p.name.clone(), &p.origin)),
        "name",
        |v| format!("retry policy `{v}`"),
        "remove one of the two entries, or rename one",
    );
    c.unique(
        spec.notices.iter().map(|n| (n.text.clone(), &n.origin)),
        "text",
        |v| format!("notice {v:?}"),
        "remove one of the two entries",
    );
    c.unique(
        spec.disconnects
            .iter()
            .map(|d| (d.code.to_string(), &d.origin)),
        "code",
        |v| format!("disconnect code {v}"),
        "remove one of the two entries",
    );
    c.names(
        layered(
            spec,
            spec.notices
                .iter()
                .map(|n| (n.name.as_str(), &n.origin, format!("notice {:?}", n.text)))
                .collect(),
        )
        .into_iter(),
        "notices",
    );
    c.names(
        layered(
            spec,
            spec.disconnects
                .iter()
                .map(|d| {
                    (
                        d.name.as_str(),
                        &d.origin,
                        format!("disconnect code {}", d.code),
                    )
                })
                .collect(),
        )
        .into_iter(),
        "disconnects",
    );
}

/// Names unique within each list, also after CamelCase conversion:
/// entries in layering order, so that when two clash, the one from the
/// later file is reported, pointing at the earlier one.
fn unique_names(c: &mut Checker<'_>, spec: &Spec) {
    // Names unique within each list, also after CamelCase conversion.
    c.names(
        layered(
            spec,
            spec.statuses
                .iter()
                .map(|s| (s.name.as_str(), &s.origin, format!("status {}", s.status)))
                .collect(),
        )
        .into_iter(),
        "statuses",
    );
    c.names(
        layered(
            spec,
            spec.codes
                .iter()
                .map(|x| (x.name.as_str(), &x.origin, format!("code {}", x.code)))
                .collect(),
        )
        .into_iter(),
        "codes",
    );
    c.names(
        layered(
            spec,
            spec.problems
                .iter()
                .map(|p| {
                    (
                        p.name.as_str(),
                        &p.origin,
                        format!("problem `{}`", p.slug()),
                    )
                })
                .collect(),
        )
        .into_iter(),
        "problems",
    );
    for f in &spec.fields {
        c.unique(
            f.values.iter().map(|v| (v.value.clone(), &v.origin)),
            "value",
            |v| format!("value `{v}` of `{}`", f.name),
            "remove one of the two entries",
        );
        c.names(
            f.values
                .iter()
                .map(|v| (v.name.as_str(), &v.origin, format!("value `{}`", v.value))),
            &format!("the values of `{}`", f.name),
        );
    }
}

/// Problem slugs are what host-independent lookup matches on.
fn distinct_slugs(c: &mut Checker<'_>, spec: &Spec) {
    let layer = |o: &Origin| spec.files.iter().position(|f| *f == o.file);
    // Problem slugs are what host-independent lookup matches on.
    let mut slugs: BTreeMap<&str, (&str, &Origin)> = BTreeMap::new();
    let mut problems: Vec<&crate::spec::Problem> = spec.problems.iter().collect();
    problems.sort_by_key(|p| layer(&p.origin));
    for p in problems {
        tick(1);
        match slugs.get(p.slug()) {
            // The same URI twice is reported as a duplicate, or is an
            // override when it comes from a later file.
            Some((uri, first)) if *uri != p.type_uri => {
                let at = c.at(&p.origin, "type");
                let line = line_of(first, &p.origin.file);
                c.push(
                    &at,
                    format!("problem type `{}` ends in `{}`, like the problem type at {line}", p.type_uri, p.slug()),
                    "lookups match a problem under any host by its last path segment, so two types cannot share one; keep one entry and list the other host under `problem_hosts`",
                );
            }
            Some(_) => {}
            None => {
                slugs.insert(p.slug(), (&p.type_uri, &p.origin));
            }
        }
    }
}

/// Every status a code, meaning or problem names is defined.
fn status_references(c: &mut Checker<'_>, spec: &Spec) {
    // References to statuses. When a status entry could not be read, its
    // number is unknown: stay quiet rather than blame every reference.
    if !c.spans.is_incomplete("statuses") {
        let statuses: HashSet<u16> = spec.statuses.iter().map(|x| x.status).collect();
        let known = |s: u16| statuses.contains(&s);
        let mut listed: Vec<u16> = spec.statuses.iter().map(|x| x.status).collect();
        listed.sort_unstable();
        listed.dedup();
        let defined = listed
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let help = |s: u16| {
            if defined.is_empty() {
                format!("add a `statuses:` entry for {s}")
            } else {
                format!("add a `statuses:` entry for {s}, or use one of {defined}")
            }
        };
        for x in &spec.codes {
            tick(1 + x.other_statuses.len());
            if let Some(s) = x.status.filter(|s| !known(*s)) {
                let at = c.at(&x.origin, "status");
                c.push(
                    &at,
                    format!(
                        "code {} refers to status {s}, which no `statuses:` entry defines",
                        x.code
                    ),
                    help(s),
                );
            }
            for (i, s) in x.other_statuses.iter().enumerate() {
                if !known(*s) {
                    let at = c.at(&x.origin, &format!("other_statuses[{i}]"));
                    c.push(
                        &at,
                        format!(
                            "code {} refers to status {s}, which no `statuses:` entry defines",
                            x.code
                        ),
                        help(*s),
                    );
                }
            }
        }
        for x in &spec.codes {
            for m in &x.meanings {
                if let Some(s) = m.status.filter(|s| !known(*s)) {
                    let at = c.at(&m.origin, "status");
                    c.push(
                        &at,
                        format!(
                            "a meaning of code {} refers to status {s}, which no `statuses:` entry defines",
                            x.code
                        ),
                        help(s),
                    );
                }
            }
        }
        for p in &spec.problems {
            if let Some(s) = p.status.filter(|s| !known(*s)) {
                let at = c.at(&p.origin, "status");
                c.push(
                    &at,
                    format!(
                        "problem `{}` refers to status {s}, which no `statuses:` entry defines",
                        p.slug()
                    ),
                    help(s),
                );
            }
        }
    }
}

/// Aliases, templates and meanings that repeat what an entry already
/// says.
fn texts(c: &mut Checker<'_>, spec: &Spec) {
    for x in &spec.codes {
        if let Some(i) = x.other_statuses.iter().position(|s| Some(*s) == x.status) {
            let at = c.at(&x.origin, &format!("other_statuses[{i}]"));
            c.push(
                &at,
                format!(
                    "code {} lists its own status {} under `other_statuses`",
                    x.code, x.other_statuses[i]
                ),
                "remove it from `other_statuses`: `status` covers it",
            );
        }
        c.aliases(&x.message, &x.aliases, &x.origin, "message");
    }
    for p in &spec.problems {
        match &p.title {
            Some(t) => c.aliases(t, &p.aliases, &p.origin, "title"),
            None => c.aliases("", &p.aliases, &p.origin, "title"),
        }
    }
    for x in &spec.codes {
        c.templates(&x.templates, &x.origin);
        for m in &x.meanings {
            if m.message == x.message {
                let at = c.at(&m.origin, "message");
                c.push(
                    &at,
                    format!("meaning {:?} of code {} repeats the code's message", m.era, x.code),
                    "a meaning has texts of its own: give it the text the API sent in that era, or put the text under the code's `aliases`",
                );
            }
            c.aliases(&m.message, &m.aliases, &m.origin, "message");
            c.templates(&m.templates, &m.origin);
        }
    }
    for s in &spec.statuses {
        c.aliases(&s.text, &s.aliases, &s.origin, "text");
    }
}

/// Members become struct fields; vocabularies become enums named after
/// their member.
fn members(c: &mut Checker<'_>, spec: &Spec) {
    // Members become struct fields; vocabularies become enums named after
    // their member.
    let mut types: BTreeMap<String, &Origin> = BTreeMap::new();
    let mut fields: BTreeMap<String, (&str, &Origin)> = BTreeMap::new();
    for f in &spec.fields {
        let rust = naming::snake(&f.name);
        if OBJECT_FIELDS.contains(&rust.as_str()) {
            let at = c.at(&f.origin, "name");
            c.push(
                &at,
                format!("member name `{}` is reserved", f.name),
                "`ErrorObject::extra` holds the undocumented members; decoders keep a member with this name there",
            );
        }
        match fields.get(&rust) {
            Some((first, at)) if *first != f.name => {
                let here = c.at(&f.origin, "name");
                let line = line_of(at, &f.origin.file);
                c.push(
                    &here,
                    format!("member `{}` collides with `{first}` ({line}): both become the Rust field `{rust}`", f.name),
                    "rename one of them",
                );
            }
            Some(_) => {} // reported as a duplicate field
            None => {
                fields.insert(rust, (&f.name, &f.origin));
            }
        }
        if f.values.is_empty() {
            continue;
        }
        let ty = naming::camel(&f.name);
        if GENERATED_TYPES.contains(&ty.as_str()) || naming::SHADOWING.contains(&ty.as_str()) {
            let at = c.at(&f.origin, "name");
            c.push(
                &at,
                format!("member `{}` lists values, and its generated type `{ty}` would clash with a type of the same name", f.name),
                "vocabulary members become enums named after them; rename the member or drop its `values`",
            );
        }
        if let Some(first) = types.get(&ty) {
            if first.file == f.origin.file && **first != f.origin {
                let at = c.at(&f.origin, "name");
                let line = line_of(first, &f.origin.file);
                c.push(
                    &at,
                    format!(
                        "member `{}` would generate the type `{ty}`, like the member at {line}",
                        f.name
                    ),
                    "rename one of them",
                );
            }
        } else {
            types.insert(ty, &f.origin);
        }
    }
}

/// One default schedule of each kind per file.
fn default_schedules(c: &mut Checker<'_>, spec: &Spec) {
    // One default schedule of each kind per file; a later file's replaces
    // an earlier one's.
    c.unique(
        spec.retry_policies
            .iter()
            .filter_map(|p| Some((p.default_for?.as_str().to_string(), &p.origin))),
        "default_for",
        |v| format!("`default_for: {v}`"),
        "one policy is the default for each kind of failure: remove one of the two",
    );
}

/// One host is the one encoders write.
fn default_host(c: &mut Checker<'_>, spec: &Spec) {
    // One host is the one encoders write.
    let defaults: Vec<&crate::spec::ProblemHost> =
        spec.problem_hosts.iter().filter(|h| h.default).collect();
    if let [first, .., last] = defaults.as_slice() {
        let at = c.at(&last.origin, "default");
        let line = line_of(&first.origin, &last.origin.file);
        c.push(
            &at,
            format!(
                "problem host `{}` is the default, like the host at {line}",
                last.prefix
            ),
            "encoders write problem types under one host: keep `default: true` on one entry only",
        );
    }
}

/// Retry policies: every name resolves, and an entry's own `retry`
/// agrees with the policy it names.
fn policy_references(c: &mut Checker<'_>, spec: &Spec) {
    // Retry policies: every name resolves, and an entry's own `retry`
    // agrees with the policy it names.
    if !c.spans.is_incomplete("retry_policies") {
        let names: Vec<&str> = spec
            .retry_policies
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let mut refs: Vec<(&Origin, &str, String, crate::spec::Retry)> = Vec::new();
        for s in &spec.statuses {
            if let Some(p) = &s.retry_policy {
                refs.push((&s.origin, p, format!("status {}", s.status), s.retry));
            }
        }
        for x in &spec.codes {
            if let Some(p) = &x.retry_policy {
                refs.push((&x.origin, p, format!("code {}", x.code), x.retry));
            }
            for m in &x.meanings {
                if let Some(p) = &m.retry_policy {
                    refs.push((
                        &m.origin,
                        p,
                        format!("a meaning of code {}", x.code),
                        m.retry,
                    ));
                }
            }
        }
        for p in &spec.problems {
            if let Some(n) = &p.retry_policy {
                refs.push((&p.origin, n, format!("problem `{}`", p.slug()), p.retry));
            }
        }
        for f in &spec.fields {
            for v in &f.values {
                if let Some(n) = &v.retry_policy {
                    refs.push((
                        &v.origin,
                        n,
                        format!("value `{}` of `{}`", v.value, f.name),
                        v.retry.unwrap_or_default(),
                    ));
                }
            }
        }
        for d in &spec.disconnects {
            if let Some(n) = &d.retry_policy {
                refs.push((&d.origin, n, format!("disconnect code {}", d.code), d.retry));
            }
        }
        for d in &spec.details {
            if let Some(n) = &d.retry_policy {
                refs.push((&d.origin, n, format!("detail `{}`", d.name), d.retry));
            }
        }
        for (origin, name, label, retry) in refs {
            tick(1);
            match spec.retry_policy(name) {
                None => {
                    let at = c.at(origin, "retry_policy");
                    let hint = match keys::closest(name, names.iter().copied()) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None if names.is_empty() => format!(
                            "add a `retry_policies:` entry with `name: {name}`, its `retry` and a `description`"
                        ),
                        None => format!(
                            "add a `retry_policies:` entry with `name: {name}`, or use one of {}",
                            names.join(", ")
                        ),
                    };
                    c.push(
                        &at,
                        format!("{label} names the retry policy `{name}`, which no `retry_policies:` entry defines"),
                        hint,
                    );
                }
                Some(policy) => {
                    let written = c
                        .spans
                        .values
                        .get(origin)
                        .is_some_and(|m| m.contains_key("retry"));
                    if written && retry != policy.retry {
                        let at = c.at(origin, "retry");
                        c.push(
                            &at,
                            format!(
                                "{label} says `retry: {}`, but its retry policy `{name}` says `{}`",
                                retry.as_str(),
                                policy.retry.as_str()
                            ),
                            "remove `retry`: the policy implies it",
                        );
                    }
                }
            }
        }
    }
}

/// What the runtime relies on: the four formats and the members it
/// reads.
fn runtime_needs(c: &mut Checker<'_>, spec: &Spec) {
    // What the runtime relies on.
    if !c.spans.is_incomplete("formats") {
        for name in keys::FORMATS {
            if !spec.formats.iter().any(|f| f.name.as_str() == *name) {
                let at = c.section(spec, "formats");
                c.push(
                    &at,
                    format!("the spec defines no `{name}` format"),
                    format!("the runtime needs all four formats: add a `formats:` entry with `name: {name}`, its `content_type` and a `description`"),
                );
            }
        }
    }
    for &(name, kind) in RUNTIME_MEMBERS {
        let (word, a) = match kind {
            FieldKind::Integer => ("integer", "an integer"),
            _ => ("string", "a string"),
        };
        match spec.fields.iter().find(|f| f.name == name) {
            None if name != "status" && !c.spans.is_incomplete("fields") => {
                let at = c.section(spec, "fields");
                c.push(
                    &at,
                    format!("the spec defines no `{name}` field"),
                    format!("every v2 error object has `{name}`: add a `fields:` entry with `name: {name}`, `always: true` and a `description`"),
                );
            }
            Some(f) if f.kind != kind => {
                let at = c.at(&f.origin, "kind");
                c.push(
                    &at,
                    format!("field `{name}` must be `kind: {word}`"),
                    format!("the runtime reads `{name}` as {a}: write `kind: {word}`"),
                );
            }
            _ => {}
        }
    }
    if let Some(f) = spec
        .fields
        .iter()
        .find(|f| f.name == "type" && !f.values.is_empty())
    {
        let at = c.at(&f.origin, "values");
        c.push(
            &at,
            "field `type` cannot list `values`".into(),
            "the values of `type` are the `problems:` entries: remove `values` here",
        );
    }
}
