//! Reading one value of an entry: texts, identifiers, numbers, choices,
//! lists, URIs; each checked, and each mistake reported where it is.

#[allow(unused_imports)]
use super::*;

/// Words that YAML 1.1 reads as `true` or `false`, and YAML 1.2 (which
/// this crate reads) as texts.
pub(super) fn yaml11_bool(s: &str) -> Option<bool> {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

pub(super) fn text_value(cx: &mut Cx<'_>, key: &Key, item: bool, v: &Node) -> Option<String> {
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

pub(super) fn text(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
    text_value(cx, e.key(name), false, e.get(name)?)
}

pub(super) fn ident(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
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
pub(super) fn to_snake(s: &str) -> String {
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

pub(super) fn number(
    cx: &mut Cx<'_>,
    key: &Key,
    item: bool,
    v: &Node,
    min: u64,
    max: u64,
) -> Option<u64> {
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

pub(super) fn status_code(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<u16> {
    let v = e.get(name)?;
    number(cx, e.key(name), false, v, 100, 599).and_then(|n| u16::try_from(n).ok())
}

pub(super) fn choice(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<&'static str> {
    choice_value(cx, e.key(name), false, e.get(name)?)
}

pub(super) fn choice_value(
    cx: &mut Cx<'_>,
    key: &Key,
    item: bool,
    v: &Node,
) -> Option<&'static str> {
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

pub(super) fn seq<'v>(cx: &mut Cx<'_>, e: &Entry<'v>, name: &str) -> Option<&'v [Node]> {
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

pub(super) fn text_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<String> {
    let key = e.key(name);
    let flow = is_flow(e, name);
    let items = seq(cx, e, name).unwrap_or_default();
    items
        .iter()
        .filter_map(|v| {
            crate::spec::tick(1);
            unquoted_in_flow(cx, key, flow, v);
            text_value(cx, key, true, v)
        })
        .collect()
}

/// A list of member names: each checked as a member name, repeats
/// reported. Whether each is a `fields:` entry is checked with the whole
/// spec.
pub(super) fn member_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<String> {
    let key = e.key(name);
    let items = seq(cx, e, name).unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    for v in items {
        crate::spec::tick(1);
        let member = match &v.value {
            Value::String(s) => s.clone(),
            _ => {
                type_error(cx, key, true, v);
                continue;
            }
        };
        let valid = member
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
            && member
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        if !valid {
            cx.error(
                v.span,
                format!("`{member}` is not a member name"),
                "member names are lower-case ASCII letters, digits, `_` and `.`, starting with a letter, as under `fields:`",
            );
        } else if out.contains(&member) {
            cx.error(
                v.span,
                format!("member `{member}` is listed twice in `{name}`"),
                "remove one of them",
            );
        } else {
            out.push(member);
        }
    }
    out
}

/// The span of the list under `name`, when it is written `[a, b]`.
pub(super) fn is_flow(e: &Entry<'_>, name: &str) -> Option<Span> {
    e.get(name)
        .filter(|v| v.style == Style::Flow)
        .map(|v| v.span)
}

/// Reports a text of a `[a, b]` list written without quotes: a comma in
/// it ends the text there (`[Sorry, that page does not exist]` is two
/// texts, `Sorry` and `that page does not exist`), silently, so every
/// text of such a list must be quoted. The block form, one quoted text a
/// line, is the one to write.
pub(super) fn unquoted_in_flow(cx: &mut Cx<'_>, key: &Key, flow: Option<Span>, v: &Node) {
    let Some(list) = flow else {
        return;
    };
    // A YAML alias (`*m`) stands for a value written elsewhere, which no
    // comma here can split.
    let at = |l: Location| (l.line, l.column);
    let inside = at(list.start) <= at(v.span.start) && at(v.span.end) <= at(list.end);
    // A word YAML 1.1 reads as a boolean gets its own diagnostic, which
    // also asks for quotes.
    let text = match &v.value {
        Value::String(s) if inside && v.style == Style::Plain && yaml11_bool(s).is_none() => s,
        _ => return,
    };
    cx.error(
        v.span,
        format!(
            "the text {text:?} of `{}` is in a `[...]` list without quotes, where a comma ends a text",
            key.name
        ),
        format!(
            "write `{}:` with one text a line, each in double quotes: `- \"{}\"`",
            key.name,
            text.replace('\\', "\\\\").replace('"', "\\\"")
        ),
    );
}

pub(super) fn status_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<u16> {
    let key = e.key(name);
    let items = seq(cx, e, name).unwrap_or_default();
    let mut out: Vec<u16> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for v in items {
        crate::spec::tick(1);
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

pub(super) fn apis(cx: &mut Cx<'_>, e: &Entry<'_>) -> Vec<Api> {
    let key = e.key("apis");
    let items = seq(cx, e, "apis").unwrap_or_default();
    let mut out: Vec<Api> = Vec::new();
    for v in items {
        crate::spec::tick(1);
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

pub(super) fn retry(cx: &mut Cx<'_>, e: &Entry<'_>) -> Retry {
    retry_given(cx, e).unwrap_or_default()
}

/// The `retry` an entry writes, if it writes one.
pub(super) fn retry_given(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Retry> {
    choice(cx, e, "retry").and_then(Retry::from_spelling)
}

/// `true` or `false`; a YAML 1.1 word for one is explained.
pub(super) fn boolean(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> bool {
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

pub(super) fn millis(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<u64> {
    let v = e.get(name)?;
    number(cx, e.key(name), false, v, 0, 86_400_000)
}

pub(super) fn uri(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Option<String> {
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
