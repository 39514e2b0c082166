//! Positions come from the YAML parser's marks: every entry is located at
//! its first key, every diagnostic spans the text it is about, columns count
//! characters, and the same holds in flow collections, block scalars and
//! values reached through aliases.

use twitter_errors_codegen::{Diagnostic, Location, Spec, BUNDLED_SPEC};

/// The text of `line` from `column` on (both 1-based, columns in
/// characters).
fn from(text: &str, at: Location) -> String {
    let line = text.split('\n').nth(at.line - 1).unwrap_or("");
    line.chars().skip(at.column - 1).collect()
}

/// The text a diagnostic spans, when it is on one line.
fn spanned(text: &str, d: &Diagnostic) -> String {
    assert_eq!(d.location.line, d.end.line, "{d}");
    from(text, d.location)
        .chars()
        .take(d.end.column - d.location.column)
        .collect()
}

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    Spec::parse("errors.yaml", text)
        .expect_err("the spec is broken")
        .diagnostics()
        .to_vec()
}

#[test]
fn every_entry_of_the_catalog_is_located_at_its_first_key() {
    let spec = Spec::parse("errors.yaml", BUNDLED_SPEC).expect("the catalog loads");
    let mut checked = 0;
    let mut check = |at: Location, key: &str, value: &str| {
        let there = from(BUNDLED_SPEC, at);
        assert!(
            there.starts_with(&format!("{key}: ")) && there.contains(value),
            "{key} {value} at {at:?}: {there:?}"
        );
        checked += 1;
    };
    for s in &spec.statuses {
        check(s.origin.location, "status", &s.status.to_string());
    }
    for c in &spec.codes {
        check(c.origin.location, "code", &c.code.to_string());
    }
    for p in &spec.problems {
        check(p.origin.location, "type", &p.type_uri);
    }
    for f in &spec.fields {
        check(f.origin.location, "name", &f.name);
        for v in &f.values {
            check(v.origin.location, "value", "");
        }
    }
    assert!(checked > 150, "only {checked} entries");
}

#[test]
fn diagnostics_span_the_value_they_are_about() {
    let text = "\
codes:
  - code: 0999
    name: Ünïcødé
    message: {a: b}
    aliases: [\"quoted, text\", 12]
    description: \"bidi \\u202E\"
";
    let found: Vec<(String, String)> = diagnostics(text)
        .iter()
        // Not the sections this spec lacks.
        .filter(|d| d.location.line > 1)
        .map(|d| {
            let first = d.message.split(':').next().unwrap_or("").to_string();
            (first, spanned(text, d))
        })
        .collect();
    assert_eq!(
        found,
        [
            ("`code` has a leading zero".to_string(), "0999".to_string()),
            (
                "`Ünïcødé` is not a valid name".to_string(),
                "Ünïcødé".to_string()
            ),
            (
                "`message` must be a text, found a mapping (`key".to_string(),
                "{a: b}".to_string()
            ),
            (
                "an item of `aliases` must be a text, found the number 12".to_string(),
                "12".to_string()
            ),
            (
                "`description` contains the text-direction control U+202E".to_string(),
                "\"bidi \\u202E\"".to_string()
            ),
        ]
    );
}

#[test]
fn a_value_reached_through_an_alias_is_located_at_the_alias() {
    let text = "\
statuses:
  - status: 400
    name: bad_request
    text: &text 400
    description: Bad.
  - status: 401
    name: unauthorized
    text: *text
    description: Unauthorized.
";
    let at: Vec<(usize, usize)> = diagnostics(text)
        .iter()
        .filter(|d| d.message.starts_with("`text` must be a text"))
        .map(|d| (d.location.line, d.location.column))
        .collect();
    assert_eq!(at, [(4, 11), (8, 11)]);
}

#[test]
fn an_empty_value_is_at_its_key_and_a_block_scalar_at_its_indicator() {
    let text = "\
statuses:
  - status: 400
    name: bad_request
    text:
    description:   |
";
    let at: Vec<String> = diagnostics(text)
        .iter()
        .filter(|d| d.message.ends_with("is empty"))
        .map(|d| {
            let (from, to) = (d.location, d.end);
            format!(
                "{}:{}-{}:{} {}",
                from.line, from.column, to.line, to.column, d.message
            )
        })
        .collect();
    assert_eq!(
        at,
        ["4:5-4:9 `text` is empty", "5:20-6:1 `description` is empty",]
    );
}

#[test]
fn a_repeated_key_is_reported_once_even_when_its_value_repeats_keys() {
    let text = "\
statuses:
  - status: 400
    name: a
    name: b
codes:
  - code: 1
codes:
  - code: 1
    code: 2
";
    let found: Vec<(String, usize)> = diagnostics(text)
        .iter()
        .map(|d| (d.message.clone(), d.location.line))
        .collect();
    assert_eq!(
        found,
        [
            ("duplicate key `name`".to_string(), 4),
            ("duplicate section `codes`".to_string(), 7),
        ]
    );
}
