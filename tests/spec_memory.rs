//! Peak memory of checking and generating a spec: at most 256 MB for any
//! spec the loader accepts (every shape that costs the most per key, value
//! or item, filled up to `MAX_NODES`, and texts up to `MAX_BYTES`), and at
//! most 64 MB for the bundled catalog. Measured by a global allocator that
//! tracks the bytes live on this thread and their peak.

use std::fmt::Write as _;
use std::hint::black_box;

use twitter_errors_codegen::spec::{MAX_BYTES, MAX_NODES};
use twitter_errors_codegen::{Builder, Spec, BUNDLED_SPEC};
use twitter_errors_tests::peak::{peak_of, Tracking};

#[global_allocator]
static GLOBAL: Tracking = Tracking;

/// The peak of what `check` does (load, validate, generate Rust and
/// Markdown) on `text`, beyond what was live before.
fn peak_of_check(name: &str, text: &str) -> usize {
    peak_of(|| {
        let spec = Spec::parse("errors.yaml", text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let generated = Builder::new()
            .generate_from(&spec)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        black_box(&generated);
        drop((spec, generated));
    })
}

const MB: usize = 1 << 20;

/// A minimal valid catalog with `extra` spliced into its `codes:`, and
/// `tail` after it.
fn spec_with(codes: &str, tail: &str) -> String {
    let base = "formats:\n  - name: json\n    content_type: application/json\n    description: d\n  - name: xml\n    content_type: application/xml\n    description: d\n  - name: jsonp\n    content_type: application/javascript\n    description: d\n  - name: problem\n    content_type: application/problem+json\n    description: d\nstatuses:\n  - status: 404\n    name: not_found\n    text: Not Found\n    description: d\nproblems:\n  - type: https://api.x.com/2/problems/p\n    name: p\n    title: P\n    description: d\nfields:\n  - name: type\n    always: true\n    description: d\n  - name: title\n    always: true\n    description: d\n  - name: detail\n    always: true\n    description: d\n  - name: status\n    kind: integer\n    description: d\n";
    format!("{base}codes:\n  - code: 1\n    name: first\n    message: First.\n    description: d\n{codes}{tail}")
}

/// Room left for a shape: the limit, less what the frame above holds (a
/// hundred keys and values) and a margin.
const ROOM: usize = MAX_NODES - 200;

#[test]
fn any_accepted_spec_is_checked_within_256_mb() {
    let mut shapes: Vec<(&str, String)> = Vec::new();
    // One item a node: templates, aliases, the templates of a detail.
    let mut t = String::from(
        "  - code: 2\n    name: many\n    message: Many.\n    description: d\n    templates:\n",
    );
    for i in 0..ROOM - 10 {
        let _ = writeln!(t, "      - \"t{i} {{x}}\"");
    }
    shapes.push(("code templates", spec_with(&t, "")));
    let mut a = String::from(
        "  - code: 2\n    name: many\n    message: Many.\n    description: d\n    aliases:\n",
    );
    for i in 0..ROOM - 10 {
        let _ = writeln!(a, "      - a{i}");
    }
    shapes.push(("aliases", spec_with(&a, "")));
    let mut d =
        String::from("details:\n  - name: d\n    problem: p\n    description: d\n    templates:\n");
    for i in 0..ROOM - 10 {
        let _ = writeln!(d, "      - \"T{i} [{{id}}].\"");
    }
    shapes.push(("detail templates", spec_with("", &d)));
    // Whole entries, nine nodes each.
    let mut c = String::new();
    for i in 0..ROOM / 9 {
        let _ = writeln!(
            c,
            "  - code: {}\n    name: c{i}\n    message: m{i}\n    description: d",
            100 + i
        );
    }
    shapes.push(("codes", spec_with(&c, "")));
    let mut dd = String::from("details:\n");
    for i in 0..ROOM / 11 {
        let _ = writeln!(dd, "  - name: d{i}\n    problem: p\n    description: d\n    templates:\n      - \"D{i} [{{id}}].\"");
    }
    shapes.push(("details", spec_with("", &dd)));
    // Texts as long as a value may be, up to the byte limit.
    let long = "x".repeat(60_000);
    let mut l = String::new();
    for i in 0.. {
        let entry = format!(
            "  - code: {}\n    name: c{i}\n    message: \"{i}{long}\"\n    description: \"{}\"\n",
            100 + i,
            &long[..4000]
        );
        if l.len() + entry.len() + 2000 > MAX_BYTES {
            break;
        }
        l.push_str(&entry);
    }
    shapes.push(("long texts", spec_with(&l, "")));
    for (name, text) in &shapes {
        assert!(text.len() <= MAX_BYTES, "{name}");
        let peak = peak_of_check(name, text);
        println!(
            "{name}: {} bytes of spec, peak {} MB",
            text.len(),
            peak / MB
        );
        assert!(peak <= 256 * MB, "{name}: {} MB", peak / MB);
    }
}

#[test]
fn the_bundled_catalog_is_checked_within_64_mb() {
    let peak = peak_of_check("bundled", BUNDLED_SPEC);
    println!("bundled catalog: peak {} MB", peak / MB);
    assert!(peak <= 64 * MB, "{} MB", peak / MB);
}
