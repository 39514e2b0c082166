//! The forgiving form of a message text, as the runtime's
//! `twitter_errors::text::normalize` computes it: the generator gives the
//! runtime the forms of the catalog's texts, and the runtime computes the
//! form of a text it is given. The two must agree byte for byte, so the
//! rules are written once, in the runtime's `src/text/forgiving.rs`, of
//! which `text/forgiving.rs` here is a copy that the workspace's golden
//! test keeps identical; the workspace's `tests/forgiving.rs` compares the
//! two crates' forms on hostile and generated texts.

/// Stands for a placeholder while a template is put in forgiving form: a
/// private-use character, split on afterwards.
pub(crate) const HOLE: char = '\u{E000}';

mod forgiving;

/// The forgiving form is written to a plain string here: the generator
/// needs no positions.
impl forgiving::Sink for String {
    fn push(&mut self, s: &str, _from: usize, _to: usize) {
        self.push_str(s);
    }

    fn written(&self) -> &str {
        self
    }

    fn pop_byte(&mut self) {
        self.pop();
    }
}

/// The forgiving form of `text`, by the rules the runtime applies
/// (`forgiving.rs`, shared with it).
#[doc(hidden)]
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    forgiving::write_forgiving(text, &mut out);
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
