//! The forgiving form of a message text, as the runtime's
//! `twitter_errors::text::normalize` computes it: the generator gives the
//! runtime the forms of the catalog's texts, and the runtime computes the
//! form of a text it is given. The two must agree byte for byte: the
//! workspace's catalog tests (`tests/observed.rs`) look up varied forms of
//! every catalog text, each lookup comparing a form made here with one
//! the runtime made.

/// Stands for a placeholder while a template is put in forgiving form: a
/// private-use character, split on afterwards.
pub(crate) const HOLE: char = '\u{E000}';

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Surrounding space trimmed, runs of space made one, ASCII letters in
/// lower case, `’`, `‘` and `ʼ` as `'`, `https://` as `http://`,
/// `://support.` as `://help.`, one final period dropped.
#[doc(hidden)]
pub fn normalize(text: &str) -> String {
    let t = text.trim();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        if starts_with_ci(rest, "https://") {
            out.push_str("http://");
            i += 8;
            continue;
        }
        if out.ends_with("://") && starts_with_ci(rest, "support.") {
            out.push_str("help.");
            i += 8;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
                c => c.to_ascii_lowercase(),
            });
        }
        i += c.len_utf8();
    }
    if out.ends_with('.') {
        out.pop();
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A template's literal parts in forgiving form, and its placeholder
/// names. The template has been checked by the loader.
pub(crate) fn template(t: &str) -> (Vec<String>, Vec<String>) {
    let Ok(parts) = crate::spec::template_parts(t) else {
        return (vec![normalize(t)], Vec::new());
    };
    let mut joined = String::new();
    for (i, lit) in parts.literals.iter().enumerate() {
        if i > 0 {
            joined.push(HOLE);
        }
        joined.push_str(lit);
    }
    let literals = normalize(&joined).split(HOLE).map(str::to_string).collect();
    (
        literals,
        parts.names.iter().map(|n| (*n).to_string()).collect(),
    )
}
