//! The rustdoc of generated items: spec prose escaped so that it renders
//! as the text it is and never becomes a doctest, and `# Examples` that do
//! run as doctests where the path of the items is known.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::escape;
use crate::naming;
use crate::spec::{Retry, Spec};

/// `#[doc = "..."]` lines, one paragraph per item of `lines`. Text that
/// comes from the spec must go through [`prose`] or [`code`] first.
pub(super) fn docs(lines: &[String]) -> TokenStream {
    let mut out = TokenStream::new();
    for (i, para) in lines.iter().enumerate() {
        if i > 0 {
            out.extend(quote!(#[doc = ""]));
        }
        for line in para.lines() {
            // Leading spaces would make an indented code block, and a fence
            // a fenced one: rustdoc would run either as a doctest in the
            // crate that includes the file.
            let line = line.trim();
            let text = if line.starts_with("```") || line.starts_with("~~~") {
                format!(" \\{line}")
            } else {
                format!(" {line}")
            };
            out.extend(quote!(#[doc = #text]));
        }
    }
    out
}

/// An `# Examples` section whose code runs as a doctest in the crate that
/// includes the generated file, or nothing when the public path of the
/// generated items is unknown (the generator cannot tell where a crate
/// `include!`s the file, and a wrong guess would fail that crate's
/// doctests). The lines bypass [`docs`], which would defuse the fence;
/// spec texts in them are Rust string literals, written with `{:?}`.
pub(super) fn example(path: Option<&str>, uses: &str, body: &[String]) -> TokenStream {
    let Some(path) = path else {
        return TokenStream::new();
    };
    let mut lines = vec![
        String::new(),
        " # Examples".to_string(),
        String::new(),
        " ```".to_string(),
        format!(" use {path}::{uses};"),
        String::new(),
    ];
    lines.extend(body.iter().map(|l| format!(" {l}")));
    lines.push(" ```".to_string());
    quote!(#(#[doc = #lines])*)
}

/// The entry an example shows: the first that `shows` everything the
/// example can show, else the first that is not deprecated, else the first.
pub(super) fn sample<T>(
    items: &[T],
    deprecated: impl Fn(&T) -> bool,
    shows: impl Fn(&T) -> bool,
) -> Option<&T> {
    let current = || items.iter().filter(|i| !deprecated(i));
    current()
        .find(|i| shows(i))
        .or_else(|| current().next())
        .or(items.first())
}

/// `Some(HttpStatus::Variant)` or `None`, as an example writes it.
pub(super) fn status_expr(spec: &Spec, status: Option<u16>) -> String {
    match status.and_then(|s| spec.status(s)) {
        Some(s) => format!("Some(HttpStatus::{})", naming::camel(&s.name)),
        None => "None".to_string(),
    }
}

/// Escapes spec prose for rustdoc (see [`escape::rustdoc`]).
pub(super) fn prose(text: &str) -> String {
    escape::rustdoc(text)
}

/// Wraps a wire text for rustdoc: in backticks, so that nothing in it is
/// read as Markdown. Backticks inside are handled with a longer fence.
pub(super) fn code(text: &str) -> String {
    escape::code(text, false)
}

/// `a`, `b`, `c`: wire texts as code spans.
pub(super) fn codes<'a>(texts: impl IntoIterator<Item = &'a String>) -> String {
    texts
        .into_iter()
        .map(|t| code(t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rustdoc line of a retry hint, in the runtime's words, with its
/// policy's.
pub(super) fn retry_line(spec: &Spec, retry: Retry, policy: Option<&String>) -> String {
    match policy.and_then(|n| spec.retry_policy(n)) {
        Some(p) => format!(
            "Retry: {}; policy `{}`: {}",
            retry.advice(),
            p.name,
            prose(&p.description)
        ),
        None => format!("Retry: {}.", retry.advice()),
    }
}

/// `HTTP 404 Not Found`, or that none is documented.
pub(super) fn status_words(spec: &Spec, status: Option<u16>) -> String {
    match status.and_then(|s| spec.status(s)) {
        Some(s) => format!("HTTP {} {}", s.status, s.text),
        None => "no documented HTTP status".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(prose("a [b] c"), "a \\[b\\] c");
        assert_eq!(prose("see https://x.com/a."), "see <https://x.com/a>.");
        assert_eq!(prose("`[x]` y"), "`[x]` y");
        assert_eq!(prose("open `code"), "open \\`code");
        assert_eq!(prose("a\n    b\n\n- c"), "a b\n\n\\- c");
        assert_eq!(prose("<named> *x*"), "\\<named\\> \\*x\\*");
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("`x`"), "`` `x` ``");
    }

    #[test]
    fn spec_text_never_becomes_a_doctest() {
        let tokens = docs(&[
            "```\nfn main() {}\n```".to_string(),
            "a\n        indented".to_string(),
        ]);
        let file: syn::File = syn::parse2(quote!(#tokens pub struct S;)).unwrap();
        let syn::Item::Struct(item) = &file.items[0] else {
            panic!("a struct")
        };
        let lines: Vec<String> = item
            .attrs
            .iter()
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(syn::MetaNameValue {
                    value:
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }),
                    ..
                }) => Some(s.value()),
                _ => None,
            })
            .collect();
        assert_eq!(
            lines,
            [" \\```", " fn main() {}", " \\```", "", " a", " indented"]
        );
    }
}
