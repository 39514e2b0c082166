//! The forgiving form of a text, by each rule, and by both of the
//! runtime's entry points: the generator stores the catalog's texts in the
//! form `forgiving_form` gives, and a text looked up is put in the form
//! `normalize` gives (which also records where each byte came from). A
//! catalog text and a text from the wire meet only if the two agree.
//! Compared here on the cases each rule exists for and on texts made of
//! the pieces those rules look at.

use twitter_errors::text::{forgiving_form as generator_form, normalize, MAX_TEXT};

fn runtime_form(text: &str) -> String {
    normalize(text)
        .expect("within MAX_TEXT")
        .as_str()
        .to_string()
}

#[test]
fn each_rule_gives_the_same_form_both_ways() {
    let cases = [
        ("", ""),
        ("   ", ""),
        (
            "Sorry, that page does not exist.",
            "sorry, that page does not exist",
        ),
        ("  Rate   limit\texceeded \n", "rate limit exceeded"),
        ("You can\u{2019}t do that.", "you can't do that"),
        ("\u{2018}quoted\u{02BC}", "'quoted'"),
        (
            "See HTTPS://Support.twitter.com/x.",
            "see http://help.twitter.com/x",
        ),
        ("https://support.", "http://help"),
        ("support.twitter.com", "support.twitter.com"),
        ("Ends in two periods..", "ends in two periods."),
        ("Period then space. ", "period then space"),
        ("ÉCOLE \u{3000} İ", "École İ"),
        ("\u{E000}", "\u{E000}"),
    ];
    for (text, form) in cases {
        assert_eq!(generator_form(text), form, "generator, {text:?}");
        assert_eq!(runtime_form(text), form, "runtime, {text:?}");
    }
}

/// Texts of up to 24 pieces, each a piece one of the rules looks at, from a
/// fixed-seed generator: 20,000 of them, the same ones every run.
#[test]
fn generated_texts_get_the_same_form_both_ways() {
    const PIECES: &[&str] = &[
        "a", "Z", ".", "..", " ", "  ", "\t", "\n", "\u{3000}", "\u{00A0}", "\u{2019}", "\u{2018}",
        "\u{02BC}", "'", "https://", "HTTPS://", "http://", "://", "support.", "SUPPORT.", "help.",
        "ß", "É", "İ", "\u{E000}", "😀", ":", "/", "s",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut differing = Vec::new();
    for _ in 0..20_000 {
        let len = (next() % 25) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        assert!(text.len() <= MAX_TEXT);
        let (generator, runtime) = (generator_form(&text), runtime_form(&text));
        if generator != runtime {
            differing.push((text, generator, runtime));
        }
    }
    assert!(
        differing.is_empty(),
        "forms differ: {:?}",
        &differing[..differing.len().min(5)]
    );
}
