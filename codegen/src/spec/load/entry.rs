//! One entry of a section, its keys, and how diagnostics name it.

#[allow(unused_imports)]
use super::*;

/// A scalar as it is written, for hints.
pub(super) fn key_text(k: &Node) -> Option<String> {
    match &k.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(super) fn describe(v: &Node) -> String {
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
pub(super) fn bare(entry: &str) -> &str {
    entry
        .strip_prefix("a ")
        .or_else(|| entry.strip_prefix("an "))
        .unwrap_or(entry)
}

pub(super) fn list<'v>(
    cx: &mut Cx<'_>,
    name: &str,
    v: &'v Node,
    section: &Section,
) -> Option<&'v [Node]> {
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
pub(super) struct Entry<'v> {
    pub(super) node: &'v Node,
    /// Each text key's key and value.
    pub(super) keys: HashMap<&'v str, (&'v Node, &'v Node)>,
    pub(super) section: &'static Section,
}

impl<'v> Entry<'v> {
    pub(super) fn new(cx: &mut Cx<'_>, section: &'static Section, v: &'v Node) -> Option<Self> {
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
            crate::spec::tick(1);
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

    pub(super) fn get(&self, key: &str) -> Option<&'v Node> {
        self.keys.get(key).map(|(_, v)| *v)
    }

    /// Where `key` itself is written, or the entry when it has no such key.
    pub(super) fn key_span(&self, key: &str) -> Span {
        self.keys.get(key).map_or(self.node.span, |(k, _)| k.span)
    }

    pub(super) fn key(&self, name: &str) -> &'static Key {
        self.section.key(name).unwrap_or(&self.section.keys[0])
    }
}

pub(super) fn key_names(section: &Section) -> String {
    section
        .keys
        .iter()
        .map(|k| format!("`{}`", k.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names an entry by its identifying key when it has a readable one
/// (`code 88`), or by its kind (`a v1.1 error code`).
pub(super) fn label(section: &Section, entry: &Entry<'_>) -> String {
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
        "details" => ("name", "detail"),
        "streams" => ("name", "stream"),
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

pub(super) fn lower_first(s: &str) -> String {
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

pub(super) fn expected(ty: Ty) -> String {
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
        Ty::MemberList => "a list of member names".to_string(),
        Ty::Choice(c) => format!("one of {}", c.join(", ")),
        Ty::ChoiceList(c) => format!("a list of {}", c.join(", ")),
        Ty::Entries(s) => format!("a list of {} entries", bare(s.entry)),
    }
}

/// `` `aliases` `` for a value, `` an item of `aliases` `` for a list item.
pub(super) fn what(key: &Key, item: bool) -> String {
    if item {
        format!("an item of `{}`", key.name)
    } else {
        format!("`{}`", key.name)
    }
}

pub(super) fn type_error(cx: &mut Cx<'_>, key: &Key, item: bool, found: &Node) {
    let expected = match (item, key.ty) {
        (true, Ty::TextList | Ty::TemplateList) => "a text".to_string(),
        (true, Ty::StatusList) => "an HTTP status number".to_string(),
        (true, Ty::MemberList) => "a member name".to_string(),
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
