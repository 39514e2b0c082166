//! Random damage to a good spec never panics: `Spec::parse` returns `Ok` or
//! located diagnostics, and whatever it accepts generates code that parses.
//!
//! The mutations are deterministic (a fixed seed), so a failure names a
//! case that reproduces.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use twitter_errors_codegen::{Builder, Category, Spec, BUNDLED_SPEC};

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Characters that mean something to YAML or to the loader.
const NOISE: &[char] = &[
    ':', '-', '[', ']', '{', '}', '"', '\'', '#', '|', '>', ' ', '\t', '\n', '&', '*', '!', ',',
    '?', '%', '@', '`', '\\', 'é', '\u{7}', '\u{feff}', '0', '9', '_', 'A',
];

/// Applies one random mutation and says what it did.
fn mutate(text: &mut String, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let chars: Vec<char> = text.chars().collect();
    let what = match rng.below(8) {
        0 => {
            let i = rng.below(lines.len());
            lines.remove(i);
            *text = lines.join("\n");
            format!("deleted line {}", i + 1)
        }
        1 => {
            let i = rng.below(lines.len());
            let n = 1 + rng.below(6).min(lines.len() - i - 1);
            lines.drain(i..i + n);
            *text = lines.join("\n");
            format!("deleted lines {}..{}", i + 1, i + n)
        }
        2 if chars.len() > 1 => {
            let mut chars = chars;
            let i = rng.below(chars.len() - 1);
            chars.swap(i, i + 1);
            *text = chars.into_iter().collect();
            format!("swapped characters {i} and {}", i + 1)
        }
        3 => {
            let i = rng.below(chars.len());
            *text = chars[..i].iter().collect();
            format!("truncated at character {i}")
        }
        4 => {
            let i = rng.below(lines.len());
            let line = lines[i].clone();
            lines.insert(i, line);
            *text = lines.join("\n");
            format!("duplicated line {}", i + 1)
        }
        5 => {
            let mut chars = chars;
            let i = rng.below(chars.len() + 1);
            let c = NOISE[rng.below(NOISE.len())];
            chars.insert(i, c);
            *text = chars.into_iter().collect();
            format!("inserted {c:?} at character {i}")
        }
        6 => {
            let i = rng.below(lines.len());
            if rng.below(2) == 0 {
                lines[i].insert_str(0, "  ");
            } else if lines[i].starts_with(' ') {
                lines[i].remove(0);
            }
            *text = lines.join("\n");
            format!("re-indented line {}", i + 1)
        }
        _ => {
            let mut chars = chars;
            let digits: Vec<usize> = (0..chars.len())
                .filter(|i| chars[*i].is_ascii_digit())
                .collect();
            if digits.is_empty() {
                return "nothing".into();
            }
            let i = digits[rng.below(digits.len())];
            chars[i] = char::from(b'0' + rng.below(10) as u8);
            *text = chars.into_iter().collect();
            format!("changed the digit at character {i}")
        }
    };
    what
}

fn check(case: &str, text: &str) -> Result<bool, String> {
    let parsed = catch_unwind(AssertUnwindSafe(|| Spec::parse("errors.yaml", text)))
        .map_err(|_| format!("{case}: Spec::parse panicked"))?;
    match parsed {
        Ok(spec) => {
            let generated = catch_unwind(AssertUnwindSafe(|| {
                Builder::new().format(false).generate_from(&spec)
            }))
            .map_err(|_| format!("{case}: generation panicked"))?
            .map_err(|e| format!("{case}: the spec loaded but does not generate: {e}"))?;
            syn::parse_file(&generated.rust)
                .map_err(|e| format!("{case}: the generated code does not parse: {e}"))?;
            Ok(true)
        }
        Err(e) => {
            if e.category() != Category::Spec || e.diagnostics().is_empty() {
                return Err(format!("{case}: not a located spec error: {e}"));
            }
            let lines: Vec<&str> = text.split('\n').collect();
            for d in e.diagnostics() {
                let loc = d.location;
                let inside = loc.line >= 1
                    && loc.column >= 1
                    && lines
                        .get(loc.line - 1)
                        .is_some_and(|l| loc.column <= l.chars().count() + 1);
                if !inside {
                    return Err(format!("{case}: {d} points outside the file"));
                }
            }
            Ok(false)
        }
    }
}

fn run(name: &str, original: &str, cases: usize, seed: u64) {
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut accepted = 0;
    for n in 0..cases {
        let mut text = original.to_string();
        let mut done = Vec::new();
        for _ in 0..=rng.below(3) {
            done.push(mutate(&mut text, &mut rng));
        }
        let case = format!("{name} case {n} ({})", done.join(", "));
        match check(&case, &text) {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Both outcomes were exercised.
    assert!(
        accepted > 0 && accepted < cases,
        "{name}: {accepted} of {cases} accepted"
    );
}

#[test]
fn mutations_of_a_small_spec_never_panic() {
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid/errors.yaml"),
    )
    .expect("the valid fixture");
    run("small spec", &base, 2000, 0x5eed_0001);
}

#[test]
fn mutations_of_the_catalog_never_panic() {
    run("catalog", BUNDLED_SPEC, 300, 0x5eed_0002);
}
