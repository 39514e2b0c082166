//! The command line shows what it quotes from a body, a spec or its
//! arguments with control characters, line and paragraph separators and
//! bidirectional overrides as visible escapes: no input reaches the
//! terminal raw or starts a line of its own.

use std::io::Write as _;
use std::process::{Command, Stdio};

use twitter_errors::shown::is_escaped;

/// Characters no message may carry raw, one of each kind.
const HOSTILE: &[&str] = &[
    "\u{1b}[2J",
    "\n",
    "\r",
    "\u{7}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}31m",
    "\u{2028}",
    "\u{2029}",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
];

/// Whether `text` has a character that should have been escaped; line
/// feeds are allowed where `lines` is set (a multi-line report).
fn raw_in(text: &str, lines: bool) -> Option<char> {
    text.chars()
        .find(|&c| is_escaped(c) && !(lines && c == '\n'))
}

/// Bodies with `h` in every place a message could quote: JSON keys and
/// string values, XML element and attribute names and values, entity and
/// encoding names, problem types, JSONP callbacks.
fn bodies(h: &str) -> Vec<Vec<u8>> {
    let j = serde_json::to_string(h).unwrap();
    let j = &j[1..j.len() - 1];
    let xml_h: String = h.chars().filter(|&c| c != '\0').collect();
    let mut out: Vec<String> = vec![
        format!(r#"{{"errors":[{{"message":"a{j}b","code":34}}]}}"#),
        format!(r#"{{"errors":[{{"message":"a","code":"{j}"}}]}}"#),
        format!(
            r#"{{"errors":[{{"message":"a","code":34,"{j}":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}]}}"#
        ),
        format!(r#"{{"errors":[{{"message":"a","code":34,"{j}":1,"{j}":2}}],"{j}":{{}}}}"#),
        format!(r#"{{"error":"{j}","request":"/1/{j}.json"}}"#),
        format!(
            r#"{{"title":"{j}","detail":"{j}","type":"https://api.x.com/2/problems/{j}","status":403}}"#
        ),
        format!(r#"{{"errors":[{{"title":"t","detail":"d","type":"{j}"}}]}}"#),
        format!(r#"cb{j}({{"errors":[{{"message":"m","code":1}}]}});"#),
        format!(r#"cb({{"errors":[{{"message":"m{j}","code":1}}]}}){j}"#),
        format!("<?xml version=\"1.0\" encoding=\"x{xml_h}\"?><errors/>"),
        format!("<errors><error code=\"{xml_h}\">m</error></errors>"),
        format!("<errors><error code=\"34\" a{xml_h}=\"1\">m{xml_h}</error></errors>"),
        format!("<errors><e{xml_h}rror code=\"34\">m</e{xml_h}rror></errors>"),
        format!("<errors><error code=\"34\">&x{xml_h};</error></errors>"),
        format!("<hash><error>{xml_h}</error><request>/1/{xml_h}</request></hash>"),
        format!("<r{xml_h}/>"),
        format!("{{\"errors\":[{{\"message\":\"{h}\",\"code\":34}}]}}"),
        format!("{h}"),
    ];
    out.push(format!("<!DOCTYPE x{xml_h}><errors/>"));
    out.into_iter().map(String::into_bytes).collect()
}

fn cli(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).ok();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_line_shows_input_escaped() {
    for h in HOSTILE {
        for body in bodies(h) {
            for args in [
                &["decode", "-"][..],
                &["decode", "--format", "json", "-"],
                &["decode", "--format", "xml", "-"],
            ] {
                let (_, out, err) = cli(args, &body);
                assert_eq!(raw_in(&out, true), None, "{args:?} {out:?}");
                assert_eq!(raw_in(&err, true), None, "{args:?} {err:?}");
            }
        }
        let (code, _, err) = cli(&["explain", &format!("x{h}y")], b"");
        assert_eq!(code, 1);
        assert_eq!(raw_in(&err, true), None, "{err:?}");
    }
}

#[test]
fn a_spec_cannot_forge_a_diagnostic_line() {
    // A name, a key and a text that hold a line break and a whole forged
    // `file:line:column:` diagnostic after it.
    let forged = "x\\nerrors.yaml:1:1: forged diagnostic\\u001b[2J\\u202e";
    let spec = format!(
        "codes:\n  - code: 1\n    name: \"{forged}\"\n    message: \"m\"\n    \"{forged}\": 1\n    description: d\nformats: \"{forged}\"\n"
    );
    for short in [true, false] {
        let mut args = vec!["check", "-"];
        if short {
            args.extend(["--message-format", "short"]);
        }
        let (code, out, err) = cli(&args, spec.as_bytes());
        assert_eq!(code, 1, "{out}{err}");
        assert_eq!(raw_in(&err, true), None, "{err:?}");
        assert!(
            !err.lines()
                .any(|l| l.starts_with("errors.yaml:1:1: forged")),
            "{err}"
        );
        if short {
            for line in err.lines() {
                assert!(
                    line.starts_with("<stdin>:")
                        || line.starts_with("  help:")
                        || line.starts_with("error: <stdin>:")
                        || line.ends_with("in the spec"),
                    "{line:?}"
                );
            }
        }
    }
}
