//! Turning spec names into Rust identifiers.

/// `rate_limit_exceeded` -> `RateLimitExceeded`; `v1.1` parts and dots are
/// treated as word breaks.
pub fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split(['_', '.', '-']).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// `resource_type` -> `resource_type`; keywords become raw identifiers at
/// emission time, dots become underscores.
pub fn snake(name: &str) -> String {
    name.replace(['.', '-'], "_")
}

/// Rust's keywords, strict and reserved: a spec name that is one cannot
/// be an item name as it is.
pub const RESERVED: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// The struct field for a member's wire name: snake case, a keyword as a
/// raw identifier (`r#type`), and `self`, `super` and `crate`, which cannot
/// be raw, with a trailing underscore.
pub fn member_ident(name: &str) -> proc_macro2::Ident {
    use proc_macro2::{Ident, Span};
    let snake = snake(name);
    match snake.as_str() {
        "self" | "super" | "crate" | "Self" => Ident::new(&format!("{snake}_"), Span::call_site()),
        s if RESERVED.contains(&s) => Ident::new_raw(s, Span::call_site()),
        s => Ident::new(s, Span::call_site()),
    }
}

/// Item names a generated type or variant must not take: they would shadow
/// prelude or std items inside the generated module.
pub const SHADOWING: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Copy",
    "Clone",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Debug",
    "Display",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case() {
        assert_eq!(camel("rate_limit_exceeded"), "RateLimitExceeded");
        assert_eq!(camel("ok"), "Ok");
        assert_eq!(camel("a_b1"), "AB1");
        assert_eq!(camel("app_24h"), "App24h");
        assert_eq!(camel("2fa"), "_2fa");
    }

    #[test]
    fn snake_case() {
        assert_eq!(snake("resource_type"), "resource_type");
        assert_eq!(snake("tweet.fields"), "tweet_fields");
    }
}
