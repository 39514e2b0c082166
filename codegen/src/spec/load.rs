//! Builds the model from one file, reporting every mistake with its position.
//!
//! The loader is lenient on purpose: an entry whose identifying key (`code`,
//! `status`, `type`, `name`...) is readable is kept even when other values
//! are wrong, so that the cross-entry checks still run and every problem in
//! the file is reported in one pass. Diagnostics make the whole load fail,
//! so the placeholder values never reach the generator.

use std::collections::BTreeSet;
use std::path::Path;

use super::keys::{self, Key, Section, Ty};
use super::yaml::{self, Mapping, SourceIndex, Value};
use super::{
    Api, Code, Evidence, Field, FieldKind, FieldValue, Format, Header, HeaderMeaning, Origin,
    Problem, ProblemHost, Retry, Spans, Spec, Status, Window,
};
use crate::error::{Diagnostic, Location};

struct Cx<'a> {
    file: &'a Path,
    index: SourceIndex,
    diags: &'a mut Vec<Diagnostic>,
    spans: &'a mut Spans,
}

impl Cx<'_> {
    fn error(
        &mut self,
        location: Location,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::new(self.file, location, message).help(help));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    fn origin(&self, path: &str) -> Origin {
        Origin {
            file: self.file.to_path_buf(),
            location: self.index.key(path),
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

/// Whether libyaml accepts `c` in a document.
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
fn decode(file: &Path, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Option<String> {
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
fn tabs(file: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> bool {
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

/// Loads one file. Returns `None` when it could not be parsed at all; other
/// problems are pushed to `diags` and the entries that were readable are
/// returned, so that later checks can still run on them.
pub(super) fn load(
    file: &Path,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
    spans: &mut Spans,
) -> Option<Spec> {
    let text = decode(file, bytes, diags)?;
    if tabs(file, &text, diags) {
        return None;
    }
    let index = SourceIndex::build(&text);
    let root = match yaml::parse(&text, &index) {
        Ok(v) => v,
        Err(errors) => {
            for e in errors {
                diags.push(Diagnostic::new(file, e.location, e.message).help(e.help));
            }
            return None;
        }
    };
    let mut cx = Cx {
        file,
        index,
        diags,
        spans,
    };
    let mut spec = Spec {
        files: vec![file.to_path_buf()],
        ..Spec::default()
    };
    let map = match &root {
        Value::Mapping(m) => m,
        Value::Null => {
            cx.error(
                Location::new(1, 1),
                "the spec is empty",
                format!(
                    "a spec lists its entries under the sections {}",
                    section_names()
                ),
            );
            return None;
        }
        other => {
            cx.error(
                Location::new(1, 1),
                format!(
                    "the spec must be a mapping of sections, found {}",
                    describe(other)
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
        let Some(name) = k.as_str() else {
            let loc = key_text(k).map_or(Location::new(1, 1), |t| cx.index.key(&t));
            cx.error(
                loc,
                format!("a section name must be a text, found {}", describe(k)),
                format!("the sections are {}", section_names()),
            );
            continue;
        };
        let Some(section) = keys::SECTIONS.iter().find(|s| s.name == name) else {
            let loc = cx.index.key(name);
            let help = match keys::closest(name, keys::SECTIONS.iter().map(|s| s.name)) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("the sections are {}", section_names()),
            };
            cx.error(loc, format!("unknown section `{name}`"), help);
            continue;
        };
        cx.spans
            .sections
            .insert((file.to_path_buf(), section.name), cx.index.key(name));
        let Some(items) = list(&mut cx, name, v, section) else {
            cx.incomplete(section.name);
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let path = format!("{name}[{i}]");
            let loaded = match Entry::new(&mut cx, section, &path, item) {
                None => false,
                Some(e) => match section.name {
                    "formats" => push(&mut spec.formats, format(&mut cx, &e)),
                    "headers" => push(&mut spec.headers, header(&mut cx, &e)),
                    "problem_hosts" => push(&mut spec.problem_hosts, host(&mut cx, &e)),
                    "statuses" => push(&mut spec.statuses, status(&mut cx, &e)),
                    "codes" => push(&mut spec.codes, code(&mut cx, &e)),
                    "problems" => push(&mut spec.problems, problem(&mut cx, &e)),
                    _ => push(&mut spec.fields, field(&mut cx, &e)),
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

fn section_names() -> String {
    keys::SECTIONS
        .iter()
        .map(|s| format!("`{}`", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A key as it is written, for locating it.
fn key_text(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text {s:?}"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping (`key: value` lines)".into(),
        Value::Tagged(t) => format!("a value tagged `{}`", t.tag),
    }
}

/// "a v1.1 error code" -> "v1.1 error code".
fn bare(entry: &str) -> &str {
    entry
        .strip_prefix("a ")
        .or_else(|| entry.strip_prefix("an "))
        .unwrap_or(entry)
}

fn list<'v>(cx: &mut Cx<'_>, path: &str, v: &'v Value, section: &Section) -> Option<&'v [Value]> {
    match v {
        Value::Sequence(s) => Some(s),
        Value::Null => Some(&[]),
        other => {
            let loc = cx.index.value(path);
            let dashless = match other {
                Value::Mapping(m) => m
                    .keys()
                    .filter_map(Value::as_str)
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
                loc,
                format!(
                    "`{path}` must be a list of entries, found {}",
                    describe(other)
                ),
                help,
            );
            None
        }
    }
}

/// One mapping entry of a section, with its path for locating its keys.
struct Entry<'v> {
    path: String,
    map: &'v Mapping,
    section: &'static Section,
}

impl<'v> Entry<'v> {
    fn new(cx: &mut Cx<'_>, section: &'static Section, path: &str, v: &'v Value) -> Option<Self> {
        let Value::Mapping(map) = v else {
            let loc = cx.index.value(path);
            let required: Vec<_> = section
                .keys
                .iter()
                .filter(|k| k.required)
                .map(|k| format!("`{}`", k.name))
                .collect();
            cx.error(
                loc,
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
        let label = label(section, map);
        let entry = Entry {
            path: path.to_string(),
            map,
            section,
        };
        let mut typos: BTreeSet<&str> = BTreeSet::new();
        for k in map.keys() {
            let Some(name) = k.as_str() else {
                let loc = key_text(k).map_or_else(
                    || cx.index.key(path),
                    |t| cx.index.key(&format!("{path}.{t}")),
                );
                cx.error(
                    loc,
                    format!("a key of {label} must be a text, found {}", describe(k)),
                    format!("the keys of {} are {}", section.entry, key_names(section)),
                );
                continue;
            };
            if section.key(name).is_none() {
                let loc = cx.index.key(&format!("{path}.{name}"));
                let guess = keys::closest(name, section.keys.iter().map(|k| k.name))
                    .filter(|c| !map.contains_key(*c));
                let help = match guess {
                    Some(c) => {
                        typos.insert(c);
                        format!("did you mean `{c}`?")
                    }
                    None => format!("the keys of {} are {}", section.entry, key_names(section)),
                };
                cx.error(loc, format!("unknown key `{name}` in {label}"), help);
            }
        }
        for key in section.keys.iter().filter(|k| k.required) {
            if !map.contains_key(key.name) && !typos.contains(key.name) {
                let loc = cx.index.key(path);
                cx.error(
                    loc,
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
        let origin = cx.origin(path);
        let mut at = std::collections::HashMap::new();
        for (k, v) in map {
            let Some(k) = k.as_str() else { continue };
            let p = format!("{path}.{k}");
            at.insert(k.to_string(), cx.index.value(&p));
            if let Value::Sequence(items) = v {
                for i in 0..items.len() {
                    at.insert(format!("{k}[{i}]"), cx.index.key(&format!("{p}[{i}]")));
                }
            }
        }
        cx.spans.values.insert(origin, at);
        Some(entry)
    }

    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    fn key(&self, name: &str) -> &'static Key {
        self.section.key(name).unwrap_or(&self.section.keys[0])
    }

    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
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
fn label(section: &Section, map: &Mapping) -> String {
    let (key, word) = match section.name {
        "statuses" => ("status", "status"),
        "codes" => ("code", "code"),
        "problems" => ("type", "problem type"),
        "problem_hosts" => ("prefix", "problem host"),
        "values" => ("value", "value"),
        "formats" => ("name", "format"),
        "headers" => ("name", "header"),
        _ => ("name", "field"),
    };
    match map.get(key) {
        Some(Value::Number(n)) if matches!(section.name, "statuses" | "codes") => {
            format!("{word} {n}")
        }
        Some(Value::String(s))
            if !s.trim().is_empty() && !matches!(section.name, "statuses" | "codes") =>
        {
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
        Ty::StatusCode => "an HTTP status number".to_string(),
        Ty::ErrorCode => "a whole number".to_string(),
        Ty::ProblemUri => "a URI".to_string(),
        Ty::Prefix => "a URI prefix".to_string(),
        Ty::Bool => "`true` or `false`".to_string(),
        Ty::TextList => "a list of texts".to_string(),
        Ty::StatusList => "a list of HTTP status numbers".to_string(),
        Ty::Choice(c) => format!("one of {}", c.join(", ")),
        Ty::ChoiceList(c) => format!("a list of {}", c.join(", ")),
        Ty::Entries(s) => format!("a list of {} entries", bare(s.entry)),
    }
}

fn type_error(cx: &mut Cx<'_>, path: &str, key: &Key, found: &Value) {
    let loc = cx.index.value(path);
    let item = path.ends_with(']');
    let what = if item {
        format!("an item of `{}`", key.name)
    } else {
        format!("`{}`", key.name)
    };
    let expected = match (item, key.ty) {
        (true, Ty::TextList) => "a text".to_string(),
        (true, Ty::StatusList) => "an HTTP status number".to_string(),
        (true, Ty::ChoiceList(c)) => format!("one of {}", c.join(", ")),
        (true, Ty::Entries(s)) => format!("{} (`key: value` lines)", s.entry),
        (_, ty) => expected(ty),
    };
    let help = match found {
        Value::Tagged(t) => format!(
            "remove the `{}` tag: the spec uses plain YAML values",
            t.tag
        ),
        _ => format!("for example `{}: {}`", key.name, key.example),
    };
    cx.error(
        loc,
        format!("{what} must be {expected}, found {}", describe(found)),
        help,
    );
}

fn text_value(cx: &mut Cx<'_>, path: &str, key: &Key, v: &Value) -> Option<String> {
    let what = if path.ends_with(']') {
        format!("an item of `{}`", key.name)
    } else {
        format!("`{}`", key.name)
    };
    match v {
        Value::String(s) if !s.trim().is_empty() => {
            // Escapes (`"\u202E"`) get past the check of the file's raw
            // characters; what they stand for is checked here.
            if let Some(c) = s.chars().find(|&c| unsafe_in_text(c)) {
                let loc = cx.index.value(path);
                let (kind, why) = if c.is_control() {
                    ("control character", "texts end up in generated code and docs, where it would be invisible or break a line")
                } else {
                    ("text-direction control", "it reorders how the text around it displays, and the Rust compiler refuses it in generated docs")
                };
                cx.error(
                    loc,
                    format!("{what} contains the {kind} U+{:04X}", c as u32),
                    format!("remove it: {why}"),
                );
                return None;
            }
            Some(s.clone())
        }
        Value::String(_) | Value::Null => {
            let loc = cx.index.value(path);
            cx.error(
                loc,
                format!("{what} is empty"),
                format!("write the text, e.g. `{}: {}`", key.name, key.example),
            );
            None
        }
        // Unquoted numbers and booleans in a text position are almost
        // always meant as text (`message: 404`, `text: No`), but YAML reads
        // them as other types; say so rather than guessing.
        Value::Number(_) | Value::Bool(_) => {
            let loc = cx.index.value(path);
            let raw = key_text(v).unwrap_or_default();
            cx.error(
                loc,
                format!("{what} must be a text, found {}", describe(v)),
                format!("put it in double quotes: `\"{raw}\"`"),
            );
            None
        }
        other => {
            type_error(cx, path, key, other);
            None
        }
    }
}

fn text(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    let key = e.key(name);
    let v = e.get(name)?;
    text_value(cx, &e.at(name), key, v)
}

fn ident(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    let key = e.key(name);
    let v = e.get(name)?;
    let path = e.at(name);
    let s = match v {
        Value::String(s) => s.clone(),
        // `name: null` or `name: true` read as other types; treat them as the
        // text they look like so that the keyword check can explain.
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => {
            let loc = cx.index.value(&path);
            cx.error(
                loc,
                format!("`{name}` is empty"),
                format!("write a snake_case name, e.g. `{name}: {}`", key.example),
            );
            return None;
        }
        other => {
            type_error(cx, &path, key, other);
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
        let loc = cx.index.value(&path);
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
            loc,
            format!(
                "`{s}` is not a valid {}",
                if member { "member name" } else { "name" }
            ),
            help,
        );
        return None;
    }
    if !member && keys::RESERVED.contains(&s.as_str()) {
        let loc = cx.index.value(&path);
        cx.error(
            loc,
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

fn number(cx: &mut Cx<'_>, path: &str, key: &Key, v: &Value, min: u64, max: u64) -> Option<u64> {
    let item = path.ends_with(']');
    let what = if item {
        format!("an item of `{}`", key.name)
    } else {
        format!("`{}`", key.name)
    };
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
    match v {
        Value::Number(n) => match n.as_u64() {
            Some(x) if (min..=max).contains(&x) => Some(x),
            Some(_) | None if n.is_f64() => {
                let loc = cx.index.value(path);
                cx.error(
                    loc,
                    format!("{what} must be {range}, found {n}"),
                    format!("write a whole number, e.g. `{example}`"),
                );
                None
            }
            _ => {
                let loc = cx.index.value(path);
                cx.error(
                    loc,
                    format!("{what} is out of range: {n} is not {range}"),
                    format!("for example `{}: {}`", key.name, key.example),
                );
                None
            }
        },
        Value::String(s) if s.trim().parse::<u64>().is_ok() => {
            let loc = cx.index.value(path);
            cx.error(
                loc,
                format!("{what} must be a number, found the text {s:?}"),
                format!("remove the quotes: `{}`", s.trim()),
            );
            None
        }
        other => {
            type_error(cx, path, key, other);
            None
        }
    }
}

fn status_code(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<u16> {
    let v = e.get(name)?;
    number(cx, &e.at(name), e.key(name), v, 100, 599).and_then(|n| u16::try_from(n).ok())
}

fn choice(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<&'static str> {
    let key = e.key(name);
    let v = e.get(name)?;
    choice_value(cx, &e.at(name), key, v)
}

fn choice_value(cx: &mut Cx<'_>, path: &str, key: &Key, v: &Value) -> Option<&'static str> {
    let choices = key.ty.choices();
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => {
            type_error(cx, path, key, other);
            return None;
        }
    };
    if let Some(c) = choices.iter().find(|c| **c == s) {
        return Some(c);
    }
    let loc = cx.index.value(path);
    let help = match keys::closest(&s, choices.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? (one of {})", choices.join(", ")),
        None => format!("use one of {}", choices.join(", ")),
    };
    cx.error(loc, format!("unknown `{}` value `{s}`", key.name), help);
    None
}

fn seq<'v>(cx: &mut Cx<'_>, e: &Entry<'v>, name: &str) -> Option<&'v [Value]> {
    let v = e.get(name)?;
    match v {
        Value::Sequence(s) => Some(s),
        Value::Null => Some(&[]),
        other => {
            type_error(cx, &e.at(name), e.key(name), other);
            None
        }
    }
}

fn text_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<String> {
    let key = e.key(name);
    let items = seq(cx, e, name).unwrap_or_default();
    items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| text_value(cx, &format!("{}[{i}]", e.at(name)), key, v))
        .collect()
}

fn status_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<u16> {
    let key = e.key(name);
    let items = seq(cx, e, name).unwrap_or_default();
    let mut out: Vec<u16> = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let path = format!("{}[{i}]", e.at(name));
        let Some(n) = number(cx, &path, key, v, 100, 599).and_then(|n| u16::try_from(n).ok())
        else {
            continue;
        };
        if out.contains(&n) {
            let loc = cx.index.key(&path);
            cx.error(
                loc,
                format!("status {n} is listed twice in `{name}`"),
                "remove one of them",
            );
        } else {
            out.push(n);
        }
    }
    out
}

fn apis(cx: &mut Cx<'_>, e: &Entry<'_>) -> Vec<Api> {
    let key = e.key("apis");
    let items = seq(cx, e, "apis").unwrap_or_default();
    let mut out: Vec<Api> = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let path = format!("{}[{i}]", e.at("apis"));
        let s = match v {
            // `v1.1` is a text, but a bare `1.1` is a number.
            Value::Number(n) => format!("v{n}"),
            other => match choice_value(cx, &path, key, other) {
                Some(s) => s.to_string(),
                None => continue,
            },
        };
        let Some(api) = Api::ALL.iter().copied().find(|a| a.as_str() == s) else {
            let loc = cx.index.value(&path);
            cx.error(
                loc,
                format!("unknown `apis` value `{s}`"),
                format!("use any of {}", keys::APIS.join(", ")),
            );
            continue;
        };
        if out.contains(&api) {
            let loc = cx.index.value(&path);
            cx.error(
                loc,
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
    match choice(cx, e, "retry") {
        Some("after_reset") => Retry::AfterReset,
        Some("backoff") => Retry::Backoff,
        _ => Retry::Never,
    }
}

fn uri(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    let key = e.key(name);
    let s = text(cx, e, name)?;
    let path = e.at(name);
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
        let loc = cx.index.value(&path);
        let what = if prefix {
            "URI prefix"
        } else {
            "problem type URI"
        };
        cx.error(
            loc,
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
        name: name?.to_string(),
        content_type: content_type.unwrap_or_default(),
        description: description.unwrap_or_default(),
        origin: cx.origin(&e.path),
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
        let loc = cx.index.value(&e.at("name"));
        let lower: String = name
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        cx.error(
            loc,
            format!("header name {name:?} must be lower-case letters, digits and `-`"),
            format!("write `name: {lower}`"),
        );
        return None;
    }
    Some(Header {
        name,
        meaning: match meaning {
            Some("remaining") => HeaderMeaning::Remaining,
            Some("reset") => HeaderMeaning::Reset,
            Some("retry_after") => HeaderMeaning::RetryAfter,
            _ => HeaderMeaning::Limit,
        },
        window: match window {
            Some("app_24h") => Window::App24h,
            Some("user_24h") => Window::User24h,
            _ => Window::Standard,
        },
        description: description.unwrap_or_default(),
        origin: cx.origin(&e.path),
    })
}

fn host(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<ProblemHost> {
    let prefix = uri(cx, e, "prefix");
    let description = text(cx, e, "description");
    Some(ProblemHost {
        prefix: prefix?,
        description: description.unwrap_or_default(),
        origin: cx.origin(&e.path),
    })
}

fn status(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Status> {
    let status = status_code(cx, e, "status");
    let name = ident(cx, e, "name");
    let text_ = text(cx, e, "text");
    let aliases = text_list(cx, e, "aliases");
    let apis = apis(cx, e);
    let retry = retry(cx, e);
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    Some(Status {
        status: status?,
        name: name.unwrap_or_default(),
        text: text_.unwrap_or_default(),
        aliases,
        apis,
        retry,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(&e.path),
    })
}

fn code(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Code> {
    let code = e
        .get("code")
        .and_then(|v| number(cx, &e.at("code"), e.key("code"), v, 0, u64::from(u32::MAX)));
    let name = ident(cx, e, "name");
    let message = text(cx, e, "message");
    let aliases = text_list(cx, e, "aliases");
    let status = status_code(cx, e, "status");
    let other_statuses = status_list(cx, e, "other_statuses");
    let apis = apis(cx, e);
    let retry = retry(cx, e);
    let evidence = match choice(cx, e, "evidence") {
        Some("observed") => Evidence::Observed,
        Some("unverified") => Evidence::Unverified,
        _ => Evidence::Documented,
    };
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    Some(Code {
        code: u32::try_from(code?).ok()?,
        name: name.unwrap_or_default(),
        message: message.unwrap_or_default(),
        aliases,
        status,
        other_statuses,
        apis,
        retry,
        evidence,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(&e.path),
    })
}

fn problem(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Problem> {
    let type_uri = uri(cx, e, "type");
    let name = ident(cx, e, "name");
    let title = text(cx, e, "title");
    let aliases = text_list(cx, e, "aliases");
    let status = status_code(cx, e, "status");
    let apis = apis(cx, e);
    let retry = retry(cx, e);
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    Some(Problem {
        type_uri: type_uri?,
        name: name.unwrap_or_default(),
        title: title.unwrap_or_default(),
        aliases,
        status,
        apis,
        retry,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(&e.path),
    })
}

fn field(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Field> {
    let name = ident(cx, e, "name");
    let always = match e.get("always") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            type_error(cx, &e.at("always"), e.key("always"), other);
            false
        }
    };
    let kind = match choice(cx, e, "kind") {
        Some("integer") => FieldKind::Integer,
        Some("json") => FieldKind::Json,
        _ => FieldKind::String,
    };
    let description = text(cx, e, "description");
    let mut values = Vec::new();
    if let Some(items) = seq(cx, e, "values") {
        for (i, item) in items.iter().enumerate() {
            let path = format!("{}[{i}]", e.at("values"));
            let Some(v) = Entry::new(cx, &keys::VALUES_SECTION, &path, item) else {
                continue;
            };
            let value = text(cx, &v, "value");
            let vname = ident(cx, &v, "name");
            let vdesc = text(cx, &v, "description");
            if let Some(value) = value {
                values.push(FieldValue {
                    value,
                    name: vname.unwrap_or_default(),
                    description: vdesc.unwrap_or_default(),
                    origin: cx.origin(&path),
                });
            }
        }
        if !items.is_empty() && kind != FieldKind::String {
            let loc = cx.index.key(&e.at("values"));
            cx.error(
                loc,
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
        origin: cx.origin(&e.path),
    })
}
