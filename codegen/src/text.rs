//! The forgiving form of the catalog's texts: the runtime's own
//! (`twitter_errors::text::forgiving_form`), so that the forms the
//! generator stores and those the runtime computes for a text looked up
//! agree byte for byte.

/// Stands for a placeholder while a template is put in forgiving form: a
/// private-use character, split on afterwards.
pub(crate) const HOLE: char = '\u{E000}';

/// The forgiving form of `text`, by the runtime's rules.
#[doc(hidden)]
pub fn normalize(text: &str) -> String {
    twitter_errors::text::forgiving_form(text)
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
