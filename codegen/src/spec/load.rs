//! Builds the model from one file, reporting every mistake with its position.

use std::path::Path;

use super::keys::{self, Key, Section, Ty};
use super::yaml::{self, SourceIndex, Value};
use super::{
    Api, Code, Evidence, Field, FieldKind, FieldValue, Format, Header, HeaderMeaning, Origin,
    Problem, ProblemHost, Retry, Spec, Status, Window,
};
use crate::error::{Diagnostic, Location};

struct Cx<'a> {
    file: &'a Path,
    index: SourceIndex,
    diags: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn error(&mut self, location: Location, message: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::new(self.file, location, message));
        self.diags.last_mut().expect("just pushed")
    }

    fn origin(&self, path: &str) -> Origin {
        Origin {
            file: self.file.to_path_buf(),
            location: self.index.key(path),
        }
    }
}

/// Loads one file. Returns `None` when it could not be parsed at all; other
/// problems are pushed to `diags` and the entries that were readable are
/// returned, so that later checks can still run on them.
pub(super) fn load(file: &Path, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Option<Spec> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            diags.push(
                Diagnostic::new(
                    file,
                    Location::new(line, column),
                    "the file is not valid UTF-8",
                )
                .help("save the file as UTF-8 (without a byte-order mark)"),
            );
            return None;
        }
    };
    if let Some((n, line)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start_matches(' ').starts_with('\t'))
    {
        let column = line.find('\t').map_or(1, |c| c + 1);
        diags.push(
            Diagnostic::new(file, Location::new(n + 1, column), "tab character used for indentation")
                .help("YAML indentation must use spaces; replace each tab with spaces (this file uses 2 per level)"),
        );
        return None;
    }
    let root = match yaml::parse(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(
                Diagnostic::new(file, e.location, format!("invalid YAML: {}", e.message))
                    .help("check the indentation and quoting around this position; quote texts that contain `: ` or start with a special character"),
            );
            return None;
        }
    };
    let mut cx = Cx {
        file,
        index: SourceIndex::build(text),
        diags,
    };
    let mut spec = Spec {
        files: vec![file.to_path_buf()],
        ..Spec::default()
    };
    let map = match &root {
        Value::Mapping(m) => m,
        Value::Null => return Some(spec),
        other => {
            cx.error(
                Location::new(1, 1),
                format!(
                    "the spec must be a mapping of sections, found {}",
                    describe(other)
                ),
            )
            .help = Some(format!(
                "start the file with one of the sections: {}",
                section_names()
            ));
            return None;
        }
    };
    for (k, v) in map {
        let Some(name) = k.as_str() else {
            cx.error(Location::new(1, 1), "a top-level key is not a string");
            continue;
        };
        let Some(section) = keys::SECTIONS.iter().find(|s| s.name == name) else {
            let loc = cx.index.key(name);
            let d = cx.error(loc, format!("unknown section `{name}`"));
            d.help = Some(
                match keys::closest(name, keys::SECTIONS.iter().map(|s| s.name)) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!("the sections are: {}", section_names()),
                },
            );
            continue;
        };
        let Some(items) = list(&mut cx, name, v, section) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let path = format!("{name}[{i}]");
            let Some(e) = Entry::new(&mut cx, section, &path, item) else {
                continue;
            };
            match section.name {
                "formats" => spec.formats.extend(format(&mut cx, &e)),
                "headers" => spec.headers.extend(header(&mut cx, &e)),
                "problem_hosts" => spec.problem_hosts.extend(host(&mut cx, &e)),
                "statuses" => spec.statuses.extend(status(&mut cx, &e)),
                "codes" => spec.codes.extend(code(&mut cx, &e)),
                "problems" => spec.problems.extend(problem(&mut cx, &e)),
                "fields" => spec.fields.extend(field(&mut cx, &e)),
                _ => unreachable!("every section in keys::SECTIONS is handled"),
            }
        }
    }
    Some(spec)
}

fn section_names() -> String {
    keys::SECTIONS
        .iter()
        .map(|s| format!("`{}`", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(t) => format!("a value tagged `{}`", t.tag),
    }
}

fn list<'v>(cx: &mut Cx<'_>, path: &str, v: &'v Value, section: &Section) -> Option<&'v [Value]> {
    match v {
        Value::Sequence(s) => Some(s),
        Value::Null => Some(&[]),
        other => {
            let loc = cx.index.value(path);
            let d = cx.error(
                loc,
                format!(
                    "`{path}` must be a list of entries, found {}",
                    describe(other)
                ),
            );
            d.help = Some(format!(
                "write each {} on its own line starting with `- `",
                section.entry
            ));
            None
        }
    }
}

/// One mapping entry of a section, with its path for locating its keys.
struct Entry<'v> {
    path: String,
    map: &'v serde_yaml::Mapping,
    section: &'static Section,
}

impl<'v> Entry<'v> {
    fn new(cx: &mut Cx<'_>, section: &'static Section, path: &str, v: &'v Value) -> Option<Self> {
        let Value::Mapping(map) = v else {
            let loc = cx.index.value(path);
            let d = cx.error(
                loc,
                format!(
                    "{} must be a mapping of keys, found {}",
                    section.entry,
                    describe(v)
                ),
            );
            let required: Vec<_> = section
                .keys
                .iter()
                .filter(|k| k.required)
                .map(|k| k.name)
                .collect();
            d.help = Some(format!("an entry needs the keys: {}", required.join(", ")));
            return None;
        };
        let entry = Entry {
            path: path.to_string(),
            map,
            section,
        };
        let mut ok = true;
        for k in map.keys() {
            let Some(name) = k.as_str() else {
                let loc = cx.index.key(path);
                cx.error(loc, format!("a key of {} is not a string", section.entry));
                ok = false;
                continue;
            };
            if section.key(name).is_none() {
                let loc = cx.index.key(&format!("{path}.{name}"));
                let d = cx.error(loc, format!("unknown key `{name}` in {}", section.entry));
                d.help = Some(
                    match keys::closest(name, section.keys.iter().map(|k| k.name)) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => format!(
                            "the keys of {} are: {}",
                            section.entry,
                            section
                                .keys
                                .iter()
                                .map(|k| k.name)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    },
                );
            }
        }
        for key in section.keys.iter().filter(|k| k.required) {
            if !map.contains_key(key.name) {
                let loc = cx.index.key(path);
                let d = cx.error(
                    loc,
                    format!(
                        "{} is missing the required key `{}`",
                        section.entry, key.name
                    ),
                );
                d.help = Some(format!("add `{}: {}` ({})", key.name, key.example, key.doc));
                ok = false;
            }
        }
        ok.then_some(entry)
    }

    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    fn key(&self, name: &str) -> &'static Key {
        self.section.key(name).expect("key is in the section table")
    }

    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }
}

fn type_error(cx: &mut Cx<'_>, path: &str, key: &Key, found: &Value) {
    let expected = match key.ty {
        Ty::Text => "a non-empty text".to_string(),
        Ty::Ident => "a snake_case identifier".to_string(),
        Ty::Member => "a member name".to_string(),
        Ty::StatusCode => "an HTTP status number (100 to 599)".to_string(),
        Ty::ErrorCode => "a whole number".to_string(),
        Ty::ProblemUri => "a URI".to_string(),
        Ty::Prefix => "a URI prefix".to_string(),
        Ty::Bool => "true or false".to_string(),
        Ty::TextList => "a list of texts".to_string(),
        Ty::StatusList => "a list of HTTP status numbers".to_string(),
        Ty::Choice(c) => format!("one of {}", c.join(", ")),
        Ty::ChoiceList(c) => format!("a list of {}", c.join(", ")),
        Ty::Entries(s) => format!("a list of {} entries", s.entry),
    };
    let loc = cx.index.value(path);
    let d = cx.error(
        loc,
        format!(
            "`{}` must be {expected}, found {}",
            key.name,
            describe(found)
        ),
    );
    d.help = Some(format!("for example `{}: {}`", key.name, key.example));
}

fn text_value(cx: &mut Cx<'_>, path: &str, key: &Key, v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::String(_) => {
            let loc = cx.index.value(path);
            cx.error(loc, format!("`{}` is empty", key.name)).help = Some(format!(
                "write the text, e.g. `{}: {}`",
                key.name, key.example
            ));
            None
        }
        // Unquoted numbers and booleans in a text position are almost
        // always meant as text ("message: 404"), but YAML reads them as
        // other types; say so rather than guessing.
        other => {
            type_error(cx, path, key, other);
            if let Some(d) = cx.diags.last_mut() {
                d.help = Some(format!("quote the text: `{}: \"...\"`", key.name));
            }
            None
        }
    }
}

fn text(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    let key = e.key(name);
    let v = e.get(name)?;
    text_value(cx, &e.at(name), key, v)
}

fn text_or_default(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> String {
    text(cx, e, name).unwrap_or_default()
}

fn ident(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    let key = e.key(name);
    let v = e.get(name)?;
    let path = e.at(name);
    let Value::String(s) = v else {
        type_error(cx, &path, key, v);
        return None;
    };
    let member = matches!(key.ty, Ty::Member);
    let valid = s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (member && c == '.')
        })
        && !s.contains("__")
        && !s.ends_with('_');
    if !valid {
        let loc = cx.index.value(&path);
        let suggestion = to_snake(s);
        let d = cx.error(
            loc,
            format!(
                "`{s}` is not a valid {}",
                if member { "member name" } else { "name" }
            ),
        );
        d.help = Some(if suggestion.is_empty() {
            "use lower-case ASCII letters, digits and single underscores, starting with a letter"
                .to_string()
        } else {
            format!("use lower-case snake_case, e.g. `{suggestion}`")
        });
        return None;
    }
    if !member && keys::RESERVED.contains(&s.as_str()) {
        let loc = cx.index.value(&path);
        cx.error(loc, format!("`{s}` is a Rust keyword and cannot be a name"))
            .help = Some(format!("choose a more specific name, e.g. `{s}_error`"));
        return None;
    }
    Some(s.clone())
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
    match v {
        Value::Number(n) => match n.as_u64() {
            Some(x) if (min..=max).contains(&x) => Some(x),
            _ => {
                let loc = cx.index.value(path);
                cx.error(
                    loc,
                    format!("`{}` is {n}, out of range ({min} to {max})", key.name),
                )
                .help = Some(format!("for example `{}: {}`", key.name, key.example));
                None
            }
        },
        Value::String(s) if s.trim().parse::<u64>().is_ok() => {
            let loc = cx.index.value(path);
            cx.error(
                loc,
                format!("`{}` is the text {s:?}, not a number", key.name),
            )
            .help = Some(format!("remove the quotes: `{}: {}`", key.name, s.trim()));
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
    number(cx, &e.at(name), e.key(name), v, 100, 599).map(|n| n as u16)
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
    let d = cx.error(loc, format!("`{s}` is not a valid `{}`", key.name));
    d.help = Some(match keys::closest(&s, choices.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? (one of: {})", choices.join(", ")),
        None => format!("use one of: {}", choices.join(", ")),
    });
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
    items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| number(cx, &format!("{}[{i}]", e.at(name)), key, v, 100, 599))
        .map(|n| n as u16)
        .collect()
}

fn apis(cx: &mut Cx<'_>, e: &Entry<'_>) -> Vec<Api> {
    let key = e.key("apis");
    let items = seq(cx, e, "apis").unwrap_or_default();
    let mut out: Vec<Api> = items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let path = format!("{}[{i}]", e.at("apis"));
            let s = match v {
                // `v1.1` is a string, but a bare `1.1` would be a number.
                Value::Number(n) => format!("v{n}"),
                other => choice_value(cx, &path, key, other)?.to_string(),
            };
            Api::ALL
                .iter()
                .copied()
                .find(|a| a.as_str() == s)
                .or_else(|| {
                    let loc = cx.index.value(&path);
                    cx.error(loc, format!("`{s}` is not a valid `apis` entry"))
                        .help = Some(format!("use any of: {}", keys::APIS.join(", ")));
                    None
                })
        })
        .collect();
    out.sort();
    out.dedup();
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
    let problem = if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("contains white space".to_string())
    } else if prefix && !s.ends_with('/') {
        Some("must end with `/`".to_string())
    } else if s == "about:blank" && !prefix {
        None
    } else if let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || !host.contains('.') {
            Some("has no host".to_string())
        } else if host.chars().any(|c| c.is_ascii_uppercase()) {
            Some(format!("has an upper-case host `{host}`"))
        } else if !prefix && (rest.len() == host.len() || s.ends_with('/')) {
            Some("has no path after the host".to_string())
        } else {
            None
        }
    } else {
        Some("is not an `https://` URI".to_string())
    };
    if let Some(problem) = problem {
        let loc = cx.index.value(&path);
        let d = cx.error(loc, format!("`{name}` {s:?} {problem}"));
        d.help = Some(format!("for example `{name}: {}`", key.example));
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
        content_type: content_type?,
        description: description?,
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
        cx.error(
            loc,
            format!("header name {name:?} must be lower-case letters, digits and `-`"),
        )
        .help = Some(format!("write `name: {}`", name.to_ascii_lowercase()));
        return None;
    }
    Some(Header {
        name,
        meaning: match meaning? {
            "limit" => HeaderMeaning::Limit,
            "remaining" => HeaderMeaning::Remaining,
            "reset" => HeaderMeaning::Reset,
            _ => HeaderMeaning::RetryAfter,
        },
        window: match window? {
            "standard" => Window::Standard,
            "app_24h" => Window::App24h,
            _ => Window::User24h,
        },
        description: description?,
        origin: cx.origin(&e.path),
    })
}

fn host(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<ProblemHost> {
    let prefix = uri(cx, e, "prefix");
    let description = text(cx, e, "description");
    Some(ProblemHost {
        prefix: prefix?,
        description: description?,
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
        name: name?,
        text: text_?,
        aliases,
        apis,
        retry,
        deprecated,
        description: description?,
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
        name: name?,
        message: message?,
        aliases,
        status,
        other_statuses,
        apis,
        retry,
        evidence,
        deprecated,
        description: description?,
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
        name: name?,
        title: title?,
        aliases,
        status,
        apis,
        retry,
        deprecated,
        description: description?,
        origin: cx.origin(&e.path),
    })
}

fn field(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Field> {
    let name = ident(cx, e, "name");
    let always = match e.get("always") {
        None => Some(false),
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            type_error(cx, &e.at("always"), e.key("always"), other);
            None
        }
    };
    let kind = match choice(cx, e, "kind") {
        Some("integer") => FieldKind::Integer,
        Some("json") => FieldKind::Json,
        _ => FieldKind::String,
    };
    let description = text_or_default(cx, e, "description");
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
            if let (Some(value), Some(name), Some(description)) = (value, vname, vdesc) {
                values.push(FieldValue {
                    value,
                    name,
                    description,
                    origin: cx.origin(&path),
                });
            }
        }
        if !values.is_empty() && kind != FieldKind::String {
            let loc = cx.index.key(&e.at("values"));
            cx.error(loc, "only `kind: string` members can list `values`")
                .help = Some("remove `values`, or make the member `kind: string`".into());
        }
    }
    if description.is_empty() {
        return None;
    }
    Some(Field {
        name: name?,
        always: always?,
        kind,
        description,
        values,
        origin: cx.origin(&e.path),
    })
}
