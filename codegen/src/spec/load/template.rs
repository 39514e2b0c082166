//! Message templates: texts with `{name}` placeholders.

#[allow(unused_imports)]
use super::*;

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

pub(super) fn template_list(cx: &mut Cx<'_>, e: &Entry<'_>, name: &str) -> Vec<String> {
    let key = e.key(name);
    let flow = is_flow(e, name);
    let items = seq(cx, e, name).unwrap_or_default();
    let mut out = Vec::new();
    for v in items {
        crate::spec::tick(1);
        unquoted_in_flow(cx, key, flow, v);
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
