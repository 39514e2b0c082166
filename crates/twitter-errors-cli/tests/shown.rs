//! The command line shows what it quotes from a body, a spec or its
//! arguments with control characters, line and paragraph separators and
//! bidirectional overrides as visible escapes: no input reaches the
//! terminal raw or starts a line of its own.

use std::io::Write as _;
use std::process::{Command, Stdio};

// The hostile inputs the library's own test of `shown` uses.
#[path = "../../../tests/support/hostile.rs"]
mod hostile;
use hostile::{bodies, raw_in, HOSTILE};

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
