//! How diagnostics are shown: the full form (the source line, the span
//! underlined, the hint below, as rustc lays out its errors), the short
//! form that `Display` also gives, and one line per problem for
//! `cargo::error=`.

use std::path::{Path, PathBuf};

use twitter_errors_codegen::{Error, Spec, Style};

fn fixture(case: &str) -> Error {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/broken")
        .join(case)
        .join("errors.yaml");
    let bytes = std::fs::read(path).expect("fixture");
    Spec::from_sources(&[(PathBuf::from("errors.yaml"), bytes)]).expect_err("broken")
}

#[test]
fn the_full_form_shows_the_line_underlines_the_text_and_gives_the_hint() {
    let e = fixture("yaml_comment_in_text");
    let full = e.render(Style::default());
    let first = full.split("\n\n").next().unwrap_or_default();
    assert_eq!(
        first,
        "error: `#` after a space starts a comment: `message` reads as \"Rate limit exceeded. Retry after\", and `#reset.` is dropped
  --> errors.yaml:50:14
   |
50 |     message: Rate limit exceeded. Retry after #reset.
   |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = help: if the `#` is part of the text, put the whole text in double quotes: `message: \"Rate limit exceeded. Retry after #reset.\"`; if it is a comment, move it to a line of its own"
    );
    assert!(full.ends_with("\n\n2 errors in the spec"), "{full}");
}

#[test]
fn a_span_over_several_lines_is_underlined_on_its_first() {
    let e = fixture("text_given_a_mapping");
    let full = e.render(Style::default());
    assert!(
        full.contains("47 |       en: The resource was not found.\n   |       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"),
        "{full}"
    );
}

#[test]
fn a_file_that_could_not_be_decoded_shows_the_position_without_a_line() {
    let e = fixture("utf16");
    assert_eq!(
        e.render(Style::default()),
        "error: the file is UTF-16, not UTF-8
 --> errors.yaml:1:1
  = help: save the file as UTF-8 (without a byte-order mark)

1 error in the spec"
    );
}

#[test]
fn a_very_long_line_is_not_shown() {
    let text = format!(
        "codes:\n  - code: 1\n    message: 5\n    name: {}\n",
        "x".repeat(5000) + "X"
    );
    let e = Spec::parse("errors.yaml", &text).expect_err("broken");
    let full = e.render(Style::default());
    assert!(full.contains(" --> errors.yaml:4:11\n"), "{full}");
    assert!(!full.contains("4 |"), "the line is shown: {full}");
}

#[test]
fn the_short_form_is_display_and_color_only_adds_escapes() {
    for case in ["many_errors", "yaml_unclosed_quote", "not_utf8"] {
        let e = fixture(case);
        assert_eq!(e.render(Style::default().short(true)), e.to_string());
        assert_eq!(
            e.render(Style::default().short(true).color(true)),
            e.to_string()
        );
        let colored = e.render(Style::default().color(true));
        assert!(colored.contains("\u{1b}["), "{case}: no color");
        let plain = e.render(Style::default());
        assert!(!plain.contains('\u{1b}'), "{case}: color without asking");
    }
}

#[test]
fn every_fixture_renders_each_problem_at_its_position_with_its_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/broken");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let case = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let e = fixture(&case);
        let full = e.render(Style::default());
        let text =
            String::from_utf8_lossy(&std::fs::read(path.join("errors.yaml")).expect("fixture"))
                .replace('\u{feff}', "");
        let mut rest = full.as_str();
        for d in e.diagnostics() {
            let title = format!("error: {}\n", d.message);
            let at = rest
                .find(&title)
                .unwrap_or_else(|| panic!("{case}: no `{title}` in order"));
            rest = &rest[at + title.len()..];
            let arrow = format!(
                "--> errors.yaml:{}:{}\n",
                d.location.line, d.location.column
            );
            assert!(
                rest.trim_start().starts_with(&arrow),
                "{case}: `{arrow}` after `{title}`"
            );
            if !matches!(case.as_str(), "utf16" | "not_utf8" | "control_character") {
                let line = text
                    .split('\n')
                    .nth(d.location.line - 1)
                    .unwrap_or_default();
                // Tabs show as four spaces.
                let line = line.trim_end_matches('\r').replace('\t', "    ");
                let shown = format!("{} | {line}", d.location.line);
                assert!(
                    rest.contains(shown.trim_end()),
                    "{case}: line {} not shown",
                    d.location.line
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 90, "{checked}");
}

#[test]
fn lines_give_one_line_per_problem_for_cargo() {
    let e = fixture("many_errors");
    let lines = e.lines();
    assert_eq!(lines.len(), e.diagnostics().len());
    assert_eq!(
        lines[0],
        "errors.yaml:18:13: unknown `window` value `hourly` (help: use one of standard, app_24h, user_24h)"
    );
    assert!(lines.iter().all(|l| !l.contains('\n')));
    // An error that is not about a spec is one line too.
    let io = Spec::from_path("/nonexistent/errors.yaml").expect_err("no such file");
    assert_eq!(io.lines().len(), 1);
    assert!(
        io.lines()[0].starts_with("/nonexistent/errors.yaml: "),
        "{:?}",
        io.lines()
    );
}

#[test]
fn past_a_thousand_problems_the_rest_are_counted() {
    let text = format!("codes: [{}1]\n", "1, ".repeat(1500));
    let e = Spec::parse("errors.yaml", &text).expect_err("broken");
    assert_eq!(e.diagnostics().len(), 1000);
    let lines = e.lines();
    assert_eq!(
        lines.last().map(String::as_str),
        Some("508 more problems are not shown: fix these and check again")
    );
    assert!(e.to_string().ends_with("1508 errors in the spec"), "{e}");
}

#[test]
fn a_build_script_prints_the_full_form_as_cargo_errors() {
    let e = fixture("yaml_comment_in_text");
    let directives = e.cargo_directives();
    let full = e.render(Style::default());
    // Every line of the full form, each a directive, blank lines dropped and
    // cargo's own `error: ` not repeated.
    let lines: Vec<&str> = directives.lines().collect();
    assert!(
        lines.iter().all(|l| l.starts_with("cargo::error=")),
        "{directives}"
    );
    let shown: Vec<&str> = lines.iter().map(|l| &l["cargo::error=".len()..]).collect();
    let expected: Vec<&str> = full
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect();
    assert_eq!(shown, expected);
    assert!(shown.contains(&"  --> errors.yaml:50:14"), "{directives}");
    assert!(
        shown.contains(&"50 |     message: Rate limit exceeded. Retry after #reset."),
        "{directives}"
    );
    assert!(
        shown.iter().any(|l| l.starts_with("   = help: ")),
        "{directives}"
    );
    // Once per problem: the fixture's two problems, two message lines.
    assert_eq!(
        shown.iter().filter(|l| l.starts_with("  --> ")).count(),
        e.diagnostics().len()
    );
    assert_eq!(shown.last(), Some(&"2 errors in the spec"));
    // No colour codes for cargo to print raw.
    assert!(!directives.contains('\u{1b}'));
}
