//! Builds the model from one file, reporting every mistake with its position.
//!
//! The loader works on the YAML layer's tree ([`yaml::Node`]: each value with
//! its span), never on a YAML crate's types. It is lenient on purpose: an
//! entry whose identifying key (`code`, `status`, `type`, `name`...) is
//! readable is kept even when other values are wrong, so that the
//! cross-entry checks still run and every problem in the file is reported in
//! one pass. Diagnostics make the whole load fail, so the placeholder values
//! never reach the generator.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::keys::{self, Key, Section, Ty};
use super::yaml::{self, Document, Node, Number, Style, Value};
use super::{
    Api, Code, Disconnect, Evidence, Fallback, Field, FieldKind, FieldValue, Format, Growth,
    Header, HeaderMeaning, Meaning, Notice, Origin, Problem, ProblemHost, Reset, Retry,
    RetryPolicy, Spans, Spec, Status, Window, WireFormat,
};
use crate::error::{Diagnostic, Diagnostics, Location, Span};

struct Cx<'a> {
    file: &'a Path,
    doc: &'a Document,
    diags: &'a mut Diagnostics,
    spans: &'a mut Spans,
}

impl Cx<'_> {
    fn error(&mut self, at: impl Into<Span>, message: impl Into<String>, help: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(self.file, at, message).help(help));
    }

    fn origin(&self, node: &Node) -> Origin {
        Origin {
            file: self.file.to_path_buf(),
            location: node.span.start,
        }
    }

    /// Marks a section as having lost an entry, so that checks that need
    /// every entry (references, required entries) stay quiet about it.
    fn incomplete(&mut self, section: &'static str) {
        self.spans
            .incomplete
            .insert((self.file.to_path_buf(), section));
    }
}

fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
        || (c >= '\u{a0}' && c != '\u{feff}' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// Characters a text may not hold, however written: control characters
/// but tab and line feed, and the explicit text-direction controls
/// (embeddings, overrides and isolates) that make displayed text differ
/// from what the code holds.
fn unsafe_in_text(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Decodes the bytes, reporting what is not UTF-8 or not printable. Bad
/// characters become spaces so that the rest of the file can still be
/// checked.
fn decode(file: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<String> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        diags.push(
            Diagnostic::new(file, Location::new(1, 1), "the file is UTF-16, not UTF-8")
                .help("save the file as UTF-8 (without a byte-order mark)"),
        );
        return None;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let bad_lines: Vec<String> = lossy
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains('\u{fffd}'))
                .map(|(n, _)| (n + 1).to_string())
                .collect();
            let help = if bad_lines.len() > 1 {
                format!(
                    "save the file as UTF-8; lines {} have bytes that are not UTF-8 (the file was probably saved as Latin-1 or Windows-1252)",
                    bad_lines.join(", ")
                )
            } else {
                "save the file as UTF-8; this byte is not UTF-8 (the file was probably saved as Latin-1 or Windows-1252)".to_string()
            };
            diags.push(
                Diagnostic::new(
                    file,
                    Location::new(line, column),
                    "the file is not valid UTF-8",
                )
                .help(help),
            );
            lossy
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut clean = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            clean.push('\n');
        }
        let mut reported = false;
        for (col, c) in line.chars().enumerate() {
            if printable(c) || c == '\u{fffd}' {
                clean.push(c);
                continue;
            }
            if !reported {
                diags.push(
                    Diagnostic::new(
                        file,
                        Location::new(n + 1, col + 1),
                        format!("the file contains the control character U+{:04X}", c as u32),
                    )
                    .help("remove it: the spec is plain text (an editor shows it as a box or `^`)"),
                );
                reported = true;
            }
            clean.push(' ');
        }
    }
    Some(clean)
}

/// Reports indentation with tabs; YAML allows only spaces there.
fn tabs(file: &Path, text: &str, diags: &mut Diagnostics) -> bool {
    let tabbed: Vec<(usize, usize)> = text
        .lines()
        .enumerate()
        .filter_map(|(n, l)| {
            let lead = l.len() - l.trim_start_matches([' ', '\t']).len();
            let lead = &l[..lead];
            // A tab after `- ` counts too: it indents the entry's keys.
            let after_dash = l
                .trim_start_matches(' ')
                .strip_prefix('-')
                .is_some_and(|r| r.starts_with('\t'));
            (lead.contains('\t') || after_dash).then(|| {
                let col = l.chars().position(|c| c == '\t').unwrap_or(0);
                (n + 1, col + 1)
            })
        })
        .collect();
    let Some(&(line, column)) = tabbed.first() else {
        return false;
    };
    let more = match tabbed.len() - 1 {
        0 => String::new(),
        1 => format!(" (line {} too)", tabbed[1].0),
        n => format!(
            " ({n} more lines too, up to line {})",
            tabbed[tabbed.len() - 1].0
        ),
    };
    diags.push(
        Diagnostic::new(
            file,
            Location::new(line, column),
            "tab character used for indentation",
        )
        .help(format!(
            "YAML indentation must use spaces: replace each tab with spaces, 2 per level{more}"
        )),
    );
    true
}

/// Loads one file. Returns the spec, or `None` when the file could not be
/// parsed at all, and the text as positions count it (for showing
/// diagnostics) when it could be decoded. Problems are pushed to `diags`;
/// the entries that were readable are returned all the same, so that later
/// checks can still run on them.
pub(super) fn load(
    file: &Path,
    bytes: &[u8],
    diags: &mut Diagnostics,
    spans: &mut Spans,
) -> (Option<Spec>, Option<String>) {
    let Some(text) = decode(file, bytes, diags) else {
        return (None, None);
    };
    if tabs(file, &text, diags) {
        return (None, Some(text));
    }
    let mut report = |e: yaml::SyntaxError| {
        diags.push(Diagnostic::new(file, e.span, e.message).help(e.help));
    };
    let Some(doc) = yaml::parse(&text, &mut report) else {
        return (None, Some(text));
    };
    let mut cx = Cx {
        file,
        doc: &doc,
        diags,
        spans,
    };
    let spec = sections(&mut cx, &doc.root);
    (spec, Some(text))
}

fn sections(cx: &mut Cx<'_>, root: &Node) -> Option<Spec> {
    let file = cx.file;
    let mut spec = Spec {
        files: vec![file.to_path_buf()],
        ..Spec::default()
    };
    let map = match &root.value {
        Value::Mapping(m) => m,
        Value::Null => {
            cx.error(
                root.span,
                "the spec is empty",
                format!(
                    "a spec lists its entries under the sections {}",
                    section_names()
                ),
            );
            return None;
        }
        _ => {
            cx.error(
                root.span,
                format!(
                    "the spec must be a mapping of sections, found {}",
                    describe(root)
                ),
                format!(
                    "start a line with one of the sections, e.g. `codes:`; the sections are {}",
                    section_names()
                ),
            );
            return None;
        }
    };
    for (k, v) in map {
        super::tick(1);
        let Some(name) = k.as_str() else {
            cx.error(
                k.span,
                format!("a section name must be a text, found {}", describe(k)),
                format!("the sections are {}", section_names()),
            );
            continue;
        };
        let Some(section) = keys::SECTIONS.iter().find(|s| s.name == name) else {
            // Past the diagnostics kept, a hint is never shown.
            let closest = match cx.diags.is_full() {
                true => None,
                false => keys::closest(name, keys::SECTIONS.iter().map(|s| s.name)),
            };
            let help = match closest {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("the sections are {}", section_names()),
            };
            cx.error(k.span, format!("unknown section `{name}`"), help);
            continue;
        };
        cx.spans
            .sections
            .insert((file.to_path_buf(), section.name), k.span);
        let Some(items) = list(cx, name, v, section) else {
            cx.incomplete(section.name);
            continue;
        };
        for item in items {
            let loaded = match Entry::new(cx, section, item) {
                None => false,
                Some(e) => match section.name {
                    "formats" => push(&mut spec.formats, format(cx, &e)),
                    "headers" => push(&mut spec.headers, header(cx, &e)),
                    "problem_hosts" => push(&mut spec.problem_hosts, host(cx, &e)),
                    "statuses" => push(&mut spec.statuses, status(cx, &e)),
                    "codes" => push(&mut spec.codes, code(cx, &e)),
                    "problems" => push(&mut spec.problems, problem(cx, &e)),
                    "retry_policies" => push(&mut spec.retry_policies, policy(cx, &e)),
                    "notices" => push(&mut spec.notices, notice(cx, &e)),
                    "disconnects" => push(&mut spec.disconnects, disconnect(cx, &e)),
                    _ => push(&mut spec.fields, field(cx, &e)),
                },
            };
            if !loaded {
                cx.incomplete(section.name);
            }
        }
    }
    Some(spec)
}

fn push<T>(into: &mut Vec<T>, item: Option<T>) -> bool {
    match item {
        Some(x) => {
            into.push(x);
            true
        }
        None => false,
    }
}

fn section_names() -> &'static str {
    static NAMES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let names: Vec<String> = keys::SECTIONS
            .iter()
            .map(|s| format!("`{}`", s.name))
            .collect();
        names.join(", ")
    })
}

/// A scalar as it is written, for hints.
fn key_text(k: &Node) -> Option<String> {
    match &k.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn describe(v: &Node) -> String {
    match &v.value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text {s:?}"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping (`key: value` lines)".into(),
        Value::Tagged(tag) => format!("a value tagged `!{tag}`"),
    }
}

/// "a v1.1 error code" -> "v1.1 error code".
fn bare(entry: &str) -> &str {
    entry
        .strip_prefix("a ")
        .or_else(|| entry.strip_prefix("an "))
        .unwrap_or(entry)
}

fn list<'v>(cx: &mut Cx<'_>, name: &str, v: &'v Node, section: &Section) -> Option<&'v [Node]> {
    match &v.value {
        Value::Sequence(s) => Some(s),
        Value::Null => Some(&[]),
        other => {
            let dashless = match other {
                Value::Mapping(m) => m
                    .iter()
                    .filter_map(|(k, _)| k.as_str())
                    .find(|k| k.starts_with('-')),
                _ => None,
            };
            let help = match dashless {
                Some(k) => {
                    format!("put a space after the `-` of `{k}`: each entry starts with `- `")
                }
                None => format!(
                    "put each {} on its own line, starting with `- `",
                    bare(section.entry)
                ),
            };
            cx.error(
                v.span,
                format!("`{name}` must be a list of entries, found {}", describe(v)),
                help,
            );
            None
        }
    }
}

/// One mapping entry of a section.
struct Entry<'v> {
    node: &'v Node,
    /// Each text key's key and value.
    keys: HashMap<&'v str, (&'v Node, &'v Node)>,
    section: &'static Section,
}

impl<'v> Entry<'v> {
    fn new(cx: &mut Cx<'_>, section: &'static Section, v: &'v Node) -> Option<Self> {
        let Value::Mapping(map) = &v.value else {
            let required: Vec<_> = section
                .keys
                .iter()
                .filter(|k| k.required)
                .map(|k| format!("`{}`", k.name))
                .collect();
            cx.error(
                v.span,
                format!(
                    "an entry of `{}` must be `key: value` lines, found {}",
                    section.name,
                    describe(v)
                ),
                format!(
                    "{} has the keys {}, each on its own line, lined up under the first",
                    section.entry,
                    required.join(", ")
                ),
            );
            return None;
        };
        let keys: HashMap<&str, (&Node, &Node)> = map
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?, (k, v))))
            .collect();
        let entry = Entry {
            node: v,
            keys,
            section,
        };
        let label = label(section, &entry);
        let mut typos: BTreeSet<&str> = BTreeSet::new();
        for (k, _) in map {
            super::tick(1);
            let Some(name) = k.as_str() else {
                cx.error(
                    k.span,
                    format!("a key of {label} must be a text, found {}", describe(k)),
                    format!("the keys of {} are {}", section.entry, key_names(section)),
                );
                continue;
            };
            if section.key(name).is_none() {
                let guess = keys::closest(name, section.keys.iter().map(|k| k.name))
                    .filter(|c| !entry.keys.contains_key(*c));
                let help = match guess {
                    Some(c) => {
                        typos.insert(c);
                        format!("did you mean `{c}`?")
                    }
                    None => format!("the keys of {} are {}", section.entry, key_names(section)),
                };
                cx.error(k.span, format!("unknown key `{name}` in {label}"), help);
            }
        }
        for key in section.keys.iter().filter(|k| k.required) {
            if !entry.keys.contains_key(key.name) && !typos.contains(key.name) {
                cx.error(
                    v.span.start,
                    format!("{label} is missing the required key `{}`", key.name),
                    format!(
                        "add `{}: {}` ({})",
                        key.name,
                        key.example,
                        lower_first(key.doc)
                    ),
                );
            }
        }
        // Where each value is, for the checks that run on the whole spec.
        let mut at = HashMap::new();
        for (k, (_, v)) in &entry.keys {
            at.insert(k.to_string(), v.span);
            if let Value::Sequence(items) = &v.value {
                for (i, item) in items.iter().enumerate() {
                    at.insert(format!("{k}[{i}]"), item.span);
                }
            }
        }
        cx.spans.values.insert(cx.origin(v), at);
        Some(entry)
    }

    fn get(&self, key: &str) -> Option<&'v Node> {
        self.keys.get(key).map(|(_, v)| *v)
    }

    /// Where `key` itself is written, or the entry when it has no such key.
    fn key_span(&self, key: &str) -> Span {
        self.keys.get(key).map_or(self.node.span, |(k, _)| k.span)
    }

    fn key(&self, name: &str) -> &'static Key {
        self.section.key(name).unwrap_or(&self.section.keys[0])
    }
}

fn key_names(section: &Section) -> String {
    section
        .keys
        .iter()
        .map(|k| format!("`{}`", k.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names an entry by its identifying key when it has a readable one
/// (`code 88`), or by its kind (`a v1.1 error code`).
fn label(section: &Section, entry: &Entry<'_>) -> String {
    let (key, word) = match section.name {
        "statuses" => ("status", "status"),
        "codes" => ("code", "code"),
        "problems" => ("type", "problem type"),
        "problem_hosts" => ("prefix", "problem host"),
        "values" => ("value", "value"),
        "formats" => ("name", "format"),
        "headers" => ("name", "header"),
        "meanings" => ("era", "meaning"),
        "retry_policies" => ("name", "retry policy"),
        "notices" => ("text", "notice"),
        "disconnects" => ("code", "disconnect code"),
        _ => ("name", "field"),
    };
    let numbered = matches!(section.name, "statuses" | "codes" | "disconnects");
    match entry.get(key).map(|v| &v.value) {
        Some(Value::Number(n)) if numbered => {
            format!("{word} {n}")
        }
        Some(Value::String(s)) if !s.trim().is_empty() && !numbered => {
            format!("{word} `{s}`")
        }
        _ => section.entry.to_string(),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !s.starts_with("API") && !s.starts_with("HTTP") => f
            .to_lowercase()
            .chain(c)
            .collect::<String>()
            .trim_end_matches('.')
            .to_string(),
        _ => s.trim_end_matches('.').to_string(),
    }
}

fn expected(ty: Ty) -> String {
    match ty {
        Ty::Text => "a text".to_string(),
        Ty::Ident => "a snake_case name".to_string(),
        Ty::Member => "a member name".to_string(),
        Ty::Header => "a header name".to_string(),
        Ty::StatusCode => "an HTTP status number".to_string(),
        Ty::ErrorCode => "a whole number".to_string(),
        Ty::ProblemUri => "a URI".to_string(),
        Ty::Prefix => "a URI prefix".to_string(),
        Ty::Bool => "`true` or `false`".to_string(),
        Ty::TextList => "a list of texts".to_string(),
        Ty::TemplateList => "a list of templates".to_string(),
        Ty::Millis => "a number of milliseconds".to_string(),
        Ty::StatusList => "a list of HTTP status numbers".to_string(),
        Ty::Choice(c) => format!("one of {}", c.join(", ")),
        Ty::ChoiceList(c) => format!("a list of {}", c.join(", ")),
        Ty::Entries(s) => format!("a list of {} entries", bare(s.entry)),
    }
}

/// `` `aliases` `` for a value, `` an item of `aliases` `` for a list item.
fn what(key: &Key, item: bool) -> String {
    if item {
        format!("an item of `{}`", key.name)
    } else {
        format!("`{}`", key.name)
    }
}

fn type_error(cx: &mut Cx<'_>, key: &Key, item: bool, found: &Node) {
    let expected = match (item, key.ty) {
        (true, Ty::TextList | Ty::TemplateList) => "a text".to_string(),
        (true, Ty::StatusList) => "an HTTP status number".to_string(),
        (true, Ty::ChoiceList(c)) => format!("one of {}", c.join(", ")),
        (true, Ty::Entries(s)) => format!("{} (`key: value` lines)", s.entry),
        (_, ty) => expected(ty),
    };
    let help = match &found.value {
        Value::Tagged(tag) => {
            format!("remove the `!{tag}` tag: the spec uses plain YAML values")
        }
        _ => format!("for example `{}: {}`", key.name, key.example),
    };
    cx.error(
        found.span,
        format!(
            "{} must be {expected}, found {}",
            what(key, item),
            describe(found)
        ),
        help,
    );
}

/// Words that YAML 1.1 reads as `true` or `false`, and YAML 1.2 (which
/// this crate reads) as texts.
fn yaml11_bool(s: &str) -> Option<bool> {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

fn text_value(cx: &mut Cx<'_>, key: &Key, item: bool, v: &Node) -> Option<String> {
    let what = what(key, item);
    let example = if item {
        key.example.trim_matches(['[', ']']).to_string()
    } else {
        format!("{}: {}", key.name, key.example)
    };
    let plain = v.style == Style::Plain;
    match &v.value {
        Value::String(s) if plain && yaml11_bool(s).is_some() => {
            let quoted = if item {
                format!("\"{s}\"")
            } else {
                format!("{}: \"{s}\"", key.name)
            };
            cx.error(
                v.span,
                format!(
                    "{what} is `{s}`, which YAML 1.1 tools read as `{}`, not as a text",
                    yaml11_bool(s).unwrap_or_default()
                ),
                format!(
                    "put it in double quotes, so that every YAML tool reads the text: `{quoted}`"
                ),
            );
            None
        }
        Value::String(s) if !s.trim().is_empty() => {
            if let Some((comment, rest)) = cx.doc.comment_after(v) {
                let whole = format!("{s}{rest}").replace('"', "\\\"");
                let quoted = if item {
                    format!("\"{whole}\"")
                } else {
                    format!("{}: \"{whole}\"", key.name)
                };
                cx.error(
                    Span {
                        start: v.span.start,
                        end: comment.end,
                    },
                    format!(
                        "`#` after a space starts a comment: {what} reads as {s:?}, and `{}` is dropped",
                        rest.trim_start()
                    ),
                    format!("if the `#` is part of the text, put the whole text in double quotes: `{quoted}`; if it is a comment, move it to a line of its own"),
                );
                return None;
            }
            // Escapes (`"\u202E"`) get past the check of the file's raw
            // characters; what they stand for is checked here.
            if let Some(c) = s.chars().find(|&c| unsafe_in_text(c)) {
                let (kind, why) = if c.is_control() {
                    ("control character", "texts end up in generated code and docs, where it would be invisible or break a line")
                } else {
                    ("text-direction control", "it reorders how the text around it displays, and the Rust compiler refuses it in generated docs")
                };
                cx.error(
                    v.span,
                    format!("{what} contains the {kind} U+{:04X}", c as u32),
                    format!("remove it: {why}"),
                );
                return None;
            }
            Some(s.clone())
        }
        // `~` and `null` are YAML for nothing.
        Value::Null if plain => {
            let token = if v.span.end.column == v.span.start.column + 1 {
                "~"
            } else {
                "null"
            };
            cx.error(
                v.span,
                format!("{what} is `{token}`, which YAML reads as no value, not as a text"),
                format!("write the text, e.g. `{example}`; if the text is `{token}`, put it in double quotes: `\"{token}\"`"),
            );
            None
        }
        Value::String(_) | Value::Null => {
            cx.error(
                v.span,
                format!("{what} is empty"),
                format!("write the text, e.g. `{}: {}`", key.name, key.example),
            );
            None
        }
        // Unquoted numbers and booleans in a text position are almost
        // always meant as text (`message: 404`, `text: true`), but YAML
        // reads them as other types; say so rather than guessing.
        Value::Number(_) | Value::Bool(_) => {
            let raw = key_text(v).unwrap_or_default();
            cx.error(
                v.span,
                format!("{what} must be a text, found {}", describe(v)),
                format!("put it in double quotes: `\"{raw}\"`"),
            );
            None
        }
        _ => {
            type_error(cx, key, item, v);
            None
        }
    }
}

fn text(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    text_value(cx, e.key(name), false, e.get(name)?)
}

fn ident(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    let key = e.key(name);
    let v = e.get(name)?;
    let s = match &v.value {
        Value::String(s) => s.clone(),
        // `name: null` or `name: true` read as other types; treat them as the
        // text they look like so that the keyword check can explain.
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => {
            cx.error(
                v.span,
                format!("`{name}` is empty"),
                format!("write a snake_case name, e.g. `{name}: {}`", key.example),
            );
            return None;
        }
        _ => {
            type_error(cx, key, false, v);
            return None;
        }
    };
    let member = matches!(key.ty, Ty::Member);
    let valid = s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (member && c == '.')
        })
        && !s.contains("__")
        && !s.ends_with('_')
        && !(member
            && (s.contains("..") || s.ends_with('.') || s.contains("._") || s.contains("_.")));
    if !valid {
        let mut suggestion = to_snake(&s);
        // `Self` would become `self`, itself refused.
        if !member && keys::RESERVED.contains(&suggestion.as_str()) {
            suggestion.push_str("_error");
        }
        let rule = if member {
            "member names are lower-case ASCII letters, digits, single `_` or `.` between words, starting with a letter"
        } else {
            "names are lower-case ASCII letters, digits and single underscores, starting with a letter"
        };
        let help = if suggestion.is_empty() || suggestion == s {
            rule.to_string()
        } else {
            format!("{rule}: e.g. `{suggestion}`")
        };
        cx.error(
            v.span,
            format!(
                "`{s}` is not a valid {}",
                if member { "member name" } else { "name" }
            ),
            help,
        );
        return None;
    }
    if !member && keys::RESERVED.contains(&s.as_str()) {
        cx.error(
            v.span,
            format!("`{s}` is a Rust keyword and cannot be a name"),
            format!("choose a more specific name, e.g. `{s}_error`"),
        );
        return None;
    }
    Some(s)
}

/// A best-effort snake_case spelling of `s`, for hints.
fn to_snake(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = true;
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
            prev_lower = false;
        }
    }
    let out = out.trim_matches('_').to_string();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("code_{out}")
    } else {
        out
    }
}

fn number(cx: &mut Cx<'_>, key: &Key, item: bool, v: &Node, min: u64, max: u64) -> Option<u64> {
    let what = what(key, item);
    let is_status = matches!(key.ty, Ty::StatusCode | Ty::StatusList);
    let range = if is_status {
        format!("an HTTP status from {min} to {max}")
    } else {
        format!("a whole number from {min} to {max}")
    };
    let example = if item {
        key.example.trim_matches(['[', ']']).to_string()
    } else {
        key.example.to_string()
    };
    match &v.value {
        Value::Number(n) => match *n {
            Number::Int(x) if (i128::from(min)..=i128::from(max)).contains(&x) => {
                u64::try_from(x).ok()
            }
            Number::Float(_) => {
                cx.error(
                    v.span,
                    format!("{what} must be {range}, found {n}"),
                    format!("write a whole number, e.g. `{example}`"),
                );
                None
            }
            _ => {
                cx.error(
                    v.span,
                    format!("{what} is out of range: {n} is not {range}"),
                    format!("for example `{}: {}`", key.name, key.example),
                );
                None
            }
        },
        // `0999` is a text to YAML 1.2, and `0777` an octal number to 1.1.
        Value::String(s)
            if v.style == Style::Plain
                && s.len() > 1
                && s.starts_with('0')
                && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let n = s.trim_start_matches('0');
            let n = if n.is_empty() { "0" } else { n };
            let fixed = if item {
                n.to_string()
            } else {
                format!("{}: {n}", key.name)
            };
            let octal = match u64::from_str_radix(s, 8) {
                Ok(o) => format!(", and YAML 1.1 tools as the octal number {o}"),
                Err(_) => String::new(),
            };
            cx.error(
                v.span,
                format!("{what} has a leading zero: YAML reads `{s}` as a text{octal}"),
                format!("write the number without leading zeros: `{fixed}`"),
            );
            None
        }
        Value::String(s) if s.trim().parse::<u64>().is_ok() => {
            cx.error(
                v.span,
                format!("{what} must be a number, found the text {s:?}"),
                format!("remove the quotes: `{}`", s.trim()),
            );
            None
        }
        _ => {
            type_error(cx, key, item, v);
            None
        }
    }
}

fn status_code(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<u16> {
    let v = e.get(name)?;
    number(cx, e.key(name), false, v, 100, 599).and_then(|n| u16::try_from(n).ok())
}

fn choice(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<&'static str> {
    choice_value(cx, e.key(name), false, e.get(name)?)
}

fn choice_value(cx: &mut Cx<'_>, key: &Key, item: bool, v: &Node) -> Option<&'static str> {
    let choices = key.ty.choices();
    let s = match &v.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => {
            type_error(cx, key, item, v);
            return None;
        }
    };
    if let Some(c) = choices.iter().find(|c| **c == s) {
        return Some(c);
    }
    let help = match keys::closest(&s, choices.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? (one of {})", choices.join(", ")),
        None => format!("use one of {}", choices.join(", ")),
    };
    cx.error(v.span, format!("unknown `{}` value `{s}`", key.name), help);
    None
}

fn seq<'v>(cx: &mut Cx<'_>, e: &Entry<'v>, name: &str) -> Option<&'v [Node]> {
    let v = e.get(name)?;
    match &v.value {
        Value::Sequence(s) => Some(s),
        Value::Null => Some(&[]),
        _ => {
            type_error(cx, e.key(name), false, v);
            None
        }
    }
}

fn text_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<String> {
    let key = e.key(name);
    let items = seq(cx, e, name).unwrap_or_default();
    items
        .iter()
        .filter_map(|v| {
            super::tick(1);
            text_value(cx, key, true, v)
        })
        .collect()
}

fn status_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<u16> {
    let key = e.key(name);
    let items = seq(cx, e, name).unwrap_or_default();
    let mut out: Vec<u16> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for v in items {
        super::tick(1);
        let Some(n) = number(cx, key, true, v, 100, 599).and_then(|n| u16::try_from(n).ok()) else {
            continue;
        };
        if seen.insert(n) {
            out.push(n);
        } else {
            cx.error(
                v.span,
                format!("status {n} is listed twice in `{name}`"),
                "remove one of them",
            );
        }
    }
    out
}

fn apis(cx: &mut Cx<'_>, e: &Entry<'_>) -> Vec<Api> {
    let key = e.key("apis");
    let items = seq(cx, e, "apis").unwrap_or_default();
    let mut out: Vec<Api> = Vec::new();
    for v in items {
        super::tick(1);
        let s = match &v.value {
            // `v1.1` is a text, but a bare `1.1` is a number.
            Value::Number(n) => format!("v{n}"),
            _ => match choice_value(cx, key, true, v) {
                Some(s) => s.to_string(),
                None => continue,
            },
        };
        let Some(api) = Api::from_spelling(&s) else {
            cx.error(
                v.span,
                format!("unknown `apis` value `{s}`"),
                format!("use any of {}", keys::APIS.join(", ")),
            );
            continue;
        };
        if out.contains(&api) {
            cx.error(
                v.span,
                format!("`{s}` is listed twice in `apis`"),
                "remove one of them",
            );
            continue;
        }
        out.push(api);
    }
    out.sort();
    out
}

fn retry(cx: &mut Cx<'_>, e: &Entry<'_>) -> Retry {
    retry_given(cx, e).unwrap_or_default()
}

/// The `retry` an entry writes, if it writes one.
fn retry_given(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Retry> {
    choice(cx, e, "retry").and_then(Retry::from_spelling)
}

/// `true` or `false`; a YAML 1.1 word for one is explained.
fn boolean(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> bool {
    match e.get(name) {
        None => false,
        Some(Node {
            value: Value::Bool(b),
            ..
        }) => *b,
        Some(v) => {
            match v.as_str().and_then(yaml11_bool).filter(|_| v.style == Style::Plain) {
                Some(b) => cx.error(
                    v.span,
                    format!("`{name}` must be `true` or `false`, found the text {:?}", v.as_str().unwrap_or_default()),
                    format!("the spec is read as YAML 1.2, where `{}` is a text (YAML 1.1 read it as `{b}`): write `{name}: {b}`", v.as_str().unwrap_or_default()),
                ),
                None => type_error(cx, e.key(name), false, v),
            }
            false
        }
    }
}

fn millis(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<u64> {
    let v = e.get(name)?;
    number(cx, e.key(name), false, v, 0, 86_400_000)
}

/// The parts of a template: literal texts, and the placeholder names
/// between them (`names.len() + 1 == literals.len()`).
pub(crate) struct Parts<'t> {
    pub(crate) literals: Vec<&'t str>,
    pub(crate) names: Vec<&'t str>,
}

/// Splits a template at its `{name}` placeholders, or says what is wrong
/// with it (a problem, and how to fix it).
pub(crate) fn template_parts(t: &str) -> Result<Parts<'_>, (String, String)> {
    let mut literals = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let mut rest = t;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => {
                literals.push(rest);
                break;
            }
            (Some(o), Some(c)) if o < c => {
                let name = &rest[o + 1..c];
                if name.contains('{') {
                    return Err((
                        format!("template {t:?} has a `{{` inside a placeholder"),
                        "write each varying part as one `{name}`: a name between one `{` and one `}`".into(),
                    ));
                }
                let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if !valid {
                    return Err((
                        format!("`{{{name}}}` in template {t:?} is not a placeholder name"),
                        "placeholder names are lower-case ASCII letters, digits and `_`, starting with a letter, e.g. `{parameter}`".into(),
                    ));
                }
                if o == 0 && !names.is_empty() {
                    let prev = names[names.len() - 1];
                    return Err((
                        format!("placeholders `{{{prev}}}` and `{{{name}}}` touch in template {t:?}: nothing tells where one ends"),
                        "put the text that separates them between the two, or make them one placeholder".into(),
                    ));
                }
                if names.contains(&name) {
                    return Err((
                        format!("placeholder `{{{name}}}` is used twice in template {t:?}"),
                        "give each varying part its own name: lookups return each part under its name".into(),
                    ));
                }
                literals.push(&rest[..o]);
                names.push(name);
                rest = &rest[c + 1..];
            }
            (Some(_), None) => {
                return Err((
                    format!("template {t:?} has a `{{` that is not closed"),
                    "close the placeholder with `}`, e.g. `{parameter} parameter is missing.`"
                        .into(),
                ))
            }
            _ => {
                return Err((
                    format!("template {t:?} has a `}}` that no `{{` opens"),
                    "write each varying part as `{name}`, e.g. `{parameter} parameter is missing.`"
                        .into(),
                ))
            }
        }
    }
    if names.is_empty() {
        return Err((
            format!("template {t:?} has no `{{name}}` placeholder"),
            "a text without varying parts belongs under `aliases`; in a template, write each varying part as `{name}`, e.g. `{parameter} parameter is missing.`".into(),
        ));
    }
    if !literals.iter().any(|l| l.chars().any(char::is_alphabetic)) {
        return Err((
            format!("template {t:?} has no words outside its placeholders"),
            "it would match almost any text: keep the words the API always sends, and mark only the varying part as `{name}`".into(),
        ));
    }
    Ok(Parts { literals, names })
}

fn template_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<String> {
    let key = e.key(name);
    let items = seq(cx, e, name).unwrap_or_default();
    let mut out = Vec::new();
    for v in items {
        super::tick(1);
        let Some(t) = text_value(cx, key, true, v) else {
            continue;
        };
        match template_parts(&t) {
            Ok(_) => out.push(t),
            Err((message, help)) => cx.error(v.span, message, help),
        }
    }
    out
}

fn uri(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    let key = e.key(name);
    let s = text(cx, e, name)?;
    let at = e.get(name).map_or(e.node.span, |v| v.span);
    let prefix = matches!(key.ty, Ty::Prefix);
    let problem = if let Some(c) = s.chars().find(|c| c.is_whitespace() || c.is_control()) {
        Some(format!(
            "contains {}",
            if c == ' ' {
                "a space".to_string()
            } else {
                format!("the character U+{:04X}", c as u32)
            }
        ))
    } else if s == "about:blank" && !prefix {
        None
    } else if let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() {
            Some("has no host".to_string())
        } else if host.chars().any(|c| c.is_ascii_uppercase()) {
            Some(format!("has an upper-case host `{host}`"))
        } else if !host.contains('.')
            || !host.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
        {
            Some(format!("has an invalid host `{host}`"))
        } else if prefix && !s.ends_with('/') {
            Some("does not end with `/`".to_string())
        } else if !prefix && (rest.len() == host.len() || s.ends_with('/')) {
            Some("has no path after the host".to_string())
        } else {
            None
        }
    } else if s.contains("://") {
        Some("is not an `https://` URI".to_string())
    } else {
        Some("is not a URI".to_string())
    };
    if let Some(problem) = problem {
        let what = if prefix {
            "URI prefix"
        } else {
            "problem type URI"
        };
        cx.error(
            at,
            format!("malformed {what} {s:?}: it {problem}"),
            if prefix {
                format!("write the prefix problem types are served under, ending in `/`, e.g. `{name}: {}`", key.example)
            } else {
                format!("write `about:blank` or an `https://` URL with a path, e.g. `{name}: {}`", key.example)
            },
        );
        return None;
    }
    Some(s)
}

fn format(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Format> {
    let name = choice(cx, e, "name");
    let content_type = text(cx, e, "content_type");
    let description = text(cx, e, "description");
    Some(Format {
        name: name.and_then(WireFormat::from_spelling)?,
        content_type: content_type.unwrap_or_default(),
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

fn header(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Header> {
    let name = text(cx, e, "name");
    let meaning = choice(cx, e, "meaning");
    let window = choice(cx, e, "window");
    let description = text(cx, e, "description");
    let name = name?;
    if name != name.to_ascii_lowercase()
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        let at = e.get("name").map_or(e.node.span, |v| v.span);
        let lower: String = name
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        cx.error(
            at,
            format!("header name {name:?} must be lower-case letters, digits and `-`"),
            format!("write `name: {lower}`"),
        );
        return None;
    }
    Some(Header {
        name,
        meaning: meaning
            .and_then(HeaderMeaning::from_spelling)
            .unwrap_or(HeaderMeaning::Limit),
        window: window
            .and_then(Window::from_spelling)
            .unwrap_or(Window::Standard),
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

fn host(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<ProblemHost> {
    let prefix = uri(cx, e, "prefix");
    let default = boolean(cx, e, "default");
    let description = text(cx, e, "description");
    Some(ProblemHost {
        prefix: prefix?,
        default,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

fn status(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Status> {
    let status = status_code(cx, e, "status");
    let name = ident(cx, e, "name");
    let text_ = text(cx, e, "text");
    let aliases = text_list(cx, e, "aliases");
    let apis = apis(cx, e);
    let retry = retry(cx, e);
    let retry_policy = ident(cx, e, "retry_policy");
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    Some(Status {
        status: status?,
        name: name.unwrap_or_default(),
        text: text_.unwrap_or_default(),
        aliases,
        apis,
        retry,
        retry_policy,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

fn code(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Code> {
    let code = e
        .get("code")
        .and_then(|v| number(cx, e.key("code"), false, v, 0, u64::from(u32::MAX)));
    let name = ident(cx, e, "name");
    let message = text(cx, e, "message");
    let aliases = text_list(cx, e, "aliases");
    let templates = template_list(cx, e, "templates");
    let status = status_code(cx, e, "status");
    let other_statuses = status_list(cx, e, "other_statuses");
    let apis = apis(cx, e);
    let given = retry_given(cx, e);
    let retry = given.unwrap_or_default();
    let retry_policy = ident(cx, e, "retry_policy");
    let mut meanings = Vec::new();
    if let Some(items) = seq(cx, e, "meanings") {
        for item in items {
            super::tick(1);
            let Some(m) = Entry::new(cx, &keys::MEANINGS_SECTION, item) else {
                continue;
            };
            let own_retry = retry_given(cx, &m);
            let own_policy = ident(cx, &m, "retry_policy");
            // A meaning that says nothing of retrying retries as its code.
            let (m_retry, m_policy) = match (own_retry, own_policy) {
                (None, None) => (retry, retry_policy.clone()),
                (r, p) => (r.unwrap_or_default(), p),
            };
            let era = text(cx, &m, "era");
            let m_message = text(cx, &m, "message");
            let m_aliases = text_list(cx, &m, "aliases");
            let m_templates = template_list(cx, &m, "templates");
            let m_status = status_code(cx, &m, "status");
            let m_apis = self::apis(cx, &m);
            let m_description = text(cx, &m, "description");
            meanings.push(Meaning {
                era: era.unwrap_or_default(),
                message: m_message.unwrap_or_default(),
                aliases: m_aliases,
                templates: m_templates,
                status: m_status,
                apis: m_apis,
                retry: m_retry,
                retry_policy: m_policy,
                description: m_description.unwrap_or_default(),
                origin: cx.origin(item),
            });
        }
    }
    let evidence = choice(cx, e, "evidence")
        .and_then(Evidence::from_spelling)
        .unwrap_or_default();
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    Some(Code {
        code: u32::try_from(code?).ok()?,
        name: name.unwrap_or_default(),
        message: message.unwrap_or_default(),
        aliases,
        templates,
        status,
        other_statuses,
        apis,
        retry,
        retry_policy,
        meanings,
        evidence,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

/// Whether one of the entry's unknown keys is a near miss of `key`, which
/// the unknown-key diagnostic names.
fn has_typo_of(e: &Entry<'_>, key: &str) -> bool {
    e.keys.keys().any(|name| {
        e.section.key(name).is_none()
            && keys::closest(name, e.section.keys.iter().map(|k| k.name)) == Some(key)
    })
}

fn problem(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Problem> {
    let type_uri = uri(cx, e, "type");
    let name = ident(cx, e, "name");
    let title = text(cx, e, "title");
    let untitled = boolean(cx, e, "untitled");
    let aliases = text_list(cx, e, "aliases");
    let status = status_code(cx, e, "status");
    let apis = apis(cx, e);
    let retry = retry(cx, e);
    let retry_policy = ident(cx, e, "retry_policy");
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    let label = label(&keys::PROBLEMS_SECTION, e);
    match (e.get("title"), untitled) {
        (Some(_), true) => cx.error(
            e.key_span("untitled"),
            format!("{label} has a `title` and `untitled: true`"),
            "keep `title` when the API sends one; write `untitled: true` and no `title` only when no title was ever published",
        ),
        // A misspelt `title` (`titel`) already has its "did you mean".
        (None, false) if !has_typo_of(e, "title") => cx.error(
            e.node.span.start,
            format!("{label} is missing the required key `title`"),
            "add `title: Invalid Request` (the title the API sends); if no title was ever published, write `untitled: true` instead",
        ),
        _ => {}
    }
    if untitled && e.get("status").is_none() {
        cx.error(
            e.key_span("untitled"),
            format!("{label} is untitled but has no `status`"),
            "encoders write the reason phrase of its status as the title of an untitled problem: add `status:` with the HTTP status it comes with",
        );
    }
    Some(Problem {
        type_uri: type_uri?,
        name: name.unwrap_or_default(),
        title: if untitled {
            None
        } else {
            Some(title.unwrap_or_default())
        },
        aliases,
        status,
        apis,
        retry,
        retry_policy,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

fn field(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Field> {
    let name = ident(cx, e, "name");
    let always = boolean(cx, e, "always");
    let kind = match choice(cx, e, "kind") {
        Some("integer") => FieldKind::Integer,
        Some("json") => FieldKind::Json,
        _ => FieldKind::String,
    };
    let description = text(cx, e, "description");
    let mut values = Vec::new();
    if let Some(items) = seq(cx, e, "values") {
        for item in items {
            let Some(v) = Entry::new(cx, &keys::VALUES_SECTION, item) else {
                continue;
            };
            let value = text(cx, &v, "value");
            let vname = ident(cx, &v, "name");
            let vretry = retry_given(cx, &v);
            let vpolicy = ident(cx, &v, "retry_policy");
            let vdesc = text(cx, &v, "description");
            if let Some(value) = value {
                values.push(FieldValue {
                    value,
                    name: vname.unwrap_or_default(),
                    retry: vretry,
                    retry_policy: vpolicy,
                    description: vdesc.unwrap_or_default(),
                    origin: cx.origin(item),
                });
            }
        }
        if !items.is_empty() && kind != FieldKind::String {
            cx.error(
                e.key_span("values"),
                "only `kind: string` members can list `values`",
                "remove `values`, or make the member `kind: string`",
            );
        }
    }
    Some(Field {
        name: name?,
        always,
        kind,
        description: description.unwrap_or_default(),
        values,
        origin: cx.origin(e.node),
    })
}

fn policy(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<RetryPolicy> {
    let name = ident(cx, e, "name");
    let retry = retry(cx, e);
    let growth = choice(cx, e, "growth")
        .and_then(Growth::from_spelling)
        .unwrap_or_default();
    let initial_ms = millis(cx, e, "initial_ms");
    let step_ms = millis(cx, e, "step_ms");
    let max_ms = millis(cx, e, "max_ms");
    let reset = choice(cx, e, "reset")
        .and_then(Reset::from_spelling)
        .unwrap_or_default();
    let default_for = choice(cx, e, "default_for").and_then(Fallback::from_spelling);
    let description = text(cx, e, "description");
    let label = label(&keys::POLICIES_SECTION, e);
    let retry_word = retry.as_str();
    if retry == Retry::Backoff && initial_ms.is_none() && e.get("initial_ms").is_none() {
        cx.error(
            e.node.span,
            format!("{label} backs off but has no `initial_ms`"),
            "add `initial_ms:` with the first wait, in milliseconds",
        );
    }
    if retry != Retry::Backoff {
        for k in ["growth", "initial_ms", "step_ms", "max_ms", "default_for"] {
            if e.get(k).is_some() {
                cx.error(
                    e.key_span(k),
                    format!("{label} has `{k}` but `retry: {retry_word}`"),
                    format!("`{k}` describes a backoff: remove it, or write `retry: backoff`"),
                );
            }
        }
    } else if e.get("step_ms").is_some() && growth != Growth::Linear {
        cx.error(
            e.key_span("step_ms"),
            format!("{label} has `step_ms` but grows exponentially"),
            "`step_ms` is what a linear backoff adds each time: write `growth: linear`, or remove `step_ms`",
        );
    } else if growth == Growth::Linear && e.get("step_ms").is_none() {
        cx.error(
            e.key_span("growth"),
            format!("{label} grows linearly but has no `step_ms`"),
            "add `step_ms:` with what each attempt adds to the wait, in milliseconds",
        );
    }
    if let (Some(i), Some(m)) = (initial_ms, max_ms) {
        if m < i {
            cx.error(
                e.key_span("max_ms"),
                format!("{label} waits at most {m} ms, less than its first wait of {i} ms"),
                "make `max_ms` at least `initial_ms`",
            );
        }
    }
    if retry != Retry::AfterReset && e.get("reset").is_some() {
        cx.error(
            e.key_span("reset"),
            format!("{label} has `reset` but `retry: {retry_word}`"),
            "`reset` says where the end of a wait for a reset is read from: remove it, or write `retry: after_reset`",
        );
    }
    Some(RetryPolicy {
        name: name?,
        retry,
        growth,
        initial_ms,
        step_ms,
        max_ms,
        reset,
        default_for,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

fn notice(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Notice> {
    let text_ = text(cx, e, "text");
    let name = ident(cx, e, "name");
    let apis = apis(cx, e);
    let description = text(cx, e, "description");
    Some(Notice {
        text: text_?,
        name: name.unwrap_or_default(),
        apis,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

fn disconnect(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Disconnect> {
    let code = e
        .get("code")
        .and_then(|v| number(cx, e.key("code"), false, v, 0, u64::from(u32::MAX)));
    let name = ident(cx, e, "name");
    let reason = text(cx, e, "reason");
    let retry = retry(cx, e);
    let retry_policy = ident(cx, e, "retry_policy");
    let description = text(cx, e, "description");
    Some(Disconnect {
        code: u32::try_from(code?).ok()?,
        name: name.unwrap_or_default(),
        reason,
        retry,
        retry_policy,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}
