//! The command line as its users meet it: help on every subcommand,
//! `--version`, `--flag=value`, suggestions for typos, completions, colour,
//! FILE or `-`, the hint on a terminal's stdin, and one exit-code
//! convention (0 ok, 1 not found or invalid input, 2 usage).
//!
//! The terminal cases run the binary on a pseudo-terminal (Unix only).
//! The pinned human diagnostics live beside each fixture as
//! `expected.human`; run with `UPDATE_EXPECT=1` to rewrite them, then review
//! the change in git.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SUBCOMMANDS: [&str; 7] = [
    "explain",
    "check",
    "docs",
    "schema",
    "decode",
    "encode",
    "completions",
];

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_twitter-errors"));
    cmd.env_remove("NO_COLOR").stdin(Stdio::null());
    cmd
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn broken(case: &str) -> PathBuf {
    root().join("codegen/fixtures/broken").join(case)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin).expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("the binary ends")
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

#[test]
fn every_subcommand_has_short_and_long_help_with_examples() {
    for sub in SUBCOMMANDS {
        let short = run(&[sub, "-h"]);
        let long = run(&[sub, "--help"]);
        let via_help = run(&["help", sub]);
        for out in [&short, &long, &via_help] {
            assert_eq!(code(out), Some(0), "{sub}: {}", text(&out.stderr));
            assert_eq!(text(&out.stderr), "", "{sub}");
            assert!(
                text(&out.stdout).contains(&format!("Usage: twitter-errors {sub} ")),
                "{sub}: {}",
                text(&out.stdout)
            );
        }
        assert!(
            text(&long.stdout).contains("\nExamples:\n  twitter-errors "),
            "{sub}: {}",
            text(&long.stdout)
        );
        assert!(!text(&short.stdout).contains("Examples:"), "{sub}");
        assert_eq!(text(&via_help.stdout), text(&long.stdout), "{sub}");
    }

    // The exit-code convention is in the long help of the command itself.
    let long = text(&run(&["--help"]).stdout);
    assert!(
        long.contains(
            "Exit status:\n  0  success\n  1  not found, or invalid input (a bad spec, a body that does not decode)\n  2  usage error (an unknown command, flag or value)"
        ),
        "{long}"
    );
    for sub in SUBCOMMANDS {
        assert!(
            long.contains(&format!("\n  {sub} ")),
            "{sub} listed: {long}"
        );
    }
    assert!(!text(&run(&["-h"]).stdout).contains("Exit status:"));
}

#[test]
fn version_is_the_package_version() {
    for flag in ["--version", "-V"] {
        let out = run(&[flag]);
        assert_eq!(code(&out), Some(0));
        assert_eq!(
            text(&out.stdout),
            format!("twitter-errors {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn a_flag_takes_its_value_after_a_space_or_an_equals_sign() {
    for format in ["json", "xml"] {
        let spaced = run(&["encode", "34", "--format", format]);
        let joined = run(&["encode", "34", &format!("--format={format}")]);
        assert_eq!(code(&joined), Some(0), "{}", text(&joined.stderr));
        assert_eq!(joined.stdout, spaced.stdout);
    }
    let out = run(&["encode", "34", "--format=jsonp", "--callback=cb"]);
    assert_eq!(code(&out), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("cb({\"errors\""),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_typo_gets_a_suggestion_and_exit_2() {
    let out = run(&["explian", "88"]);
    assert_eq!(code(&out), Some(2));
    assert!(
        text(&out.stderr).contains("tip: a similar subcommand exists: 'explain'"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["encode", "34", "--fromat", "json"]);
    assert_eq!(code(&out), Some(2));
    assert!(
        text(&out.stderr).contains("tip: a similar argument exists: '--format'"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["encode", "34", "--format", "jsn"]);
    assert_eq!(code(&out), Some(2));
    assert!(
        text(&out.stderr).contains("[possible values: json, xml, jsonp, v2]"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn usage_errors_exit_2_and_print_nothing_on_stdout() {
    for args in [
        &[][..],
        &["explain"],
        &["encode"],
        &["encode", ""],
        &["encode", "34", "--format", "jsonp", "--callback", ""],
        &["encode", "99999", "--message", ""],
        &[
            "encode",
            "--format",
            "v2",
            "invalid-request",
            "--detail",
            "",
        ],
        &["explain", ""],
        &["explain", "  "],
        &["check", ""],
        &["decode", ""],
        &["docs", "--out", ""],
        &["encode", "34", "--format", "jsonp"],
        &["decode", "--header", "a:b", "-"],
        &["decode", "--status", "none"],
        &["check", "--message-format", "long"],
        &["--color", "sometimes", "explain", "88"],
        &["completions", "tcsh"],
    ] {
        let out = run(args);
        assert_eq!(code(&out), Some(2), "{args:?}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "", "{args:?}");
        // An error, or with no command at all, the short help.
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with("error: ")
                || stderr.contains("\nUsage: twitter-errors [OPTIONS] <COMMAND>\n"),
            "{args:?}: {stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt as _;
    for args in [
        vec![
            OsStr::from_bytes(b"explain"),
            OsStr::from_bytes(b"\xff\xfe"),
        ],
        vec![
            OsStr::from_bytes(b"encode"),
            OsStr::from_bytes(b"3\xff"),
            OsStr::from_bytes(b"--format=json"),
        ],
    ] {
        let out = bin().args(&args).output().expect("the binary runs");
        assert_eq!(code(&out), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("invalid UTF-8"),
            "{}",
            text(&out.stderr)
        );
        assert!(!text(&out.stderr).contains("panicked"));
    }
    // Where a subcommand is expected, it is an unknown one.
    let out = bin()
        .arg(OsStr::from_bytes(b"\xc3\x28"))
        .output()
        .expect("runs");
    assert_eq!(code(&out), Some(2), "{}", text(&out.stderr));
    // A path need not be UTF-8: it is opened as given, and not found.
    let out = bin()
        .args([
            OsStr::from_bytes(b"check"),
            OsStr::from_bytes(b"no-\xff.yaml"),
        ])
        .output()
        .expect("the binary runs");
    assert_eq!(code(&out), Some(1), "{}", text(&out.stderr));
}

#[test]
fn not_found_and_invalid_input_exit_1_in_every_command() {
    let cases: [(&[&str], &[u8], &str); 6] = [
        (
            &["explain", "99999"],
            b"",
            "nothing in the catalog matches \"99999\"",
        ),
        (
            &["encode", "99999", "--format", "json"],
            b"",
            "code 99999 is not in the catalog",
        ),
        (
            &["decode", "-"],
            b"{\"errors\":",
            "syntax error: EOF while parsing",
        ),
        (&["decode", "no-such-body.json"], b"", "no-such-body.json: "),
        (&["check", "no-such-spec.yaml"], b"", "no-such-spec.yaml: "),
        (&["check", "-"], b"codes: 5\n", "<stdin>:"),
    ];
    for (args, stdin, message) in cases {
        let out = run_with_stdin(args, stdin);
        assert_eq!(code(&out), Some(1), "{args:?}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains(message),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(!text(&out.stderr).contains("panicked"), "{args:?}");
    }
}

#[test]
fn encode_refuses_more_errors_than_decode_accepts() {
    let many: Vec<&str> = std::iter::repeat_n("34", 2000).collect();
    let out = run(&[&["encode", "--format", "json"][..], &many].concat());
    assert_eq!(code(&out), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "twitter-errors: cannot encode: too many error items: 2000 errors, limit 1024\n"
    );

    // At the limit, what encode writes, decode reads back.
    for format in ["json", "xml", "jsonp"] {
        let limit: Vec<&str> = std::iter::repeat_n("88", 1024).collect();
        let callback: &[&str] = if format == "jsonp" {
            &["--callback", "cb"]
        } else {
            &[]
        };
        let out = run(&[&["encode", "--format", format][..], callback, &limit].concat());
        assert_eq!(code(&out), Some(0), "{format}: {}", text(&out.stderr));
        let back = run_with_stdin(&["decode", "--json", "-"], &out.stdout);
        assert_eq!(code(&back), Some(0), "{format}: {}", text(&back.stderr));
        assert_eq!(text(&back.stdout).matches("\"code\": 88").count(), 1024);
    }
}

#[test]
fn completions_for_every_shell_clap_supports() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(code(&out), Some(0), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains("twitter-errors"), "{shell}");
        for sub in ["explain", "check", "decode", "encode", "message-format"] {
            assert!(script.contains(sub), "{shell} completes {sub}");
        }
    }
}

#[test]
fn a_body_or_a_spec_comes_from_a_file_or_from_dash() {
    let body = br#"{"errors":[{"message":"Sorry, that page does not exist","code":34}]}"#;
    let dir = std::env::temp_dir().join(format!("twitter-errors-usage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("body.json");
    std::fs::write(&file, body).expect("write body");
    let from_file = run(&["decode", "--json", file.to_str().expect("utf-8 temp path")]);
    let from_dash = run_with_stdin(&["decode", "--json", "-"], body);
    let default = run_with_stdin(&["decode", "--json"], body);
    assert_eq!(code(&from_file), Some(0), "{}", text(&from_file.stderr));
    assert!(text(&from_file.stdout).contains("\"code\": 34"));
    assert_eq!(from_dash.stdout, from_file.stdout);
    assert_eq!(default.stdout, from_file.stdout);
    // Piped input gets no terminal hint.
    assert_eq!(text(&from_dash.stderr), "");

    // A spec on stdin is named <stdin> in its diagnostics.
    let spec = std::fs::read(broken("yaml_leading_zero").join("errors.yaml")).expect("fixture");
    let out = run_with_stdin(&["check", "--message-format=short", "-"], &spec);
    assert_eq!(code(&out), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: <stdin>:43:11: `code` has a leading zero"),
        "{}",
        text(&out.stderr)
    );
    let valid = std::fs::read(root().join("errors.yaml")).expect("errors.yaml");
    let out = run_with_stdin(&["check", "-"], &valid);
    assert_eq!(code(&out), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("<stdin>: ok ("));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_bundled_layers_a_spec_on_the_bundled_catalog() {
    let overlay = root().join("examples/downstream/errors.yaml");
    let overlay = overlay.to_str().expect("utf-8 path");
    let out = run(&["check", "--bundled", overlay]);
    assert_eq!(code(&out), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("downstream/errors.yaml: ok ("),
        "{}",
        text(&out.stdout)
    );
    // Alone, the overlay is not a whole catalog.
    let out = run(&["check", overlay]);
    assert_eq!(code(&out), Some(1));
    assert!(
        text(&out.stderr).contains("the spec defines no `json` format"),
        "{}",
        text(&out.stderr)
    );
    // And `check` says how to check it as the layer it is.
    assert!(
        text(&out.stderr).contains("hint: ") && text(&out.stderr).contains("check --bundled "),
        "{}",
        text(&out.stderr)
    );
    // A whole spec with mistakes of its own gets no such hint.
    let out = bin()
        .current_dir(broken("many_errors"))
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(code(&out), Some(1));
    assert!(
        !text(&out.stderr).contains("--bundled"),
        "{}",
        text(&out.stderr)
    );
    // A layer is checked against what the bundled catalog defines.
    let layer = b"codes:\n  - code: 10001\n    name: page_gone\n    message: Gone.\n    status: 499\n    apis: [v1.1]\n    retry: never\n    description: Gone for good.\n";
    let out = run_with_stdin(
        &["check", "--bundled", "--message-format=short", "-"],
        layer,
    );
    assert_eq!(code(&out), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with("error: <stdin>:5:13: code 10001 refers to status 499, which no `statuses:` entry defines\n"),
        "{}",
        text(&out.stderr)
    );
    let fixed = String::from_utf8_lossy(layer).replace("499", "404");
    let out = run_with_stdin(&["check", "--bundled", "-"], fixed.as_bytes());
    assert_eq!(code(&out), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("<stdin>: ok ("),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn message_format_short_is_one_line_per_problem_and_human_shows_the_source() {
    let dir = broken("yaml_leading_zero");
    let short = bin()
        .current_dir(&dir)
        .args(["check", "--message-format=short"])
        .output()
        .expect("runs");
    // As rustc's, the human form is the default, on a terminal or not:
    // piped into a log, the snippet is kept.
    let default = bin().current_dir(&dir).arg("check").output().expect("runs");
    assert_eq!(code(&short), Some(1));
    assert_eq!(code(&default), Some(1));
    let expected = std::fs::read_to_string(dir.join("expected.err")).expect("expected.err");
    assert_eq!(text(&short.stderr), expected.replace("\r\n", "\n"));
    assert!(
        text(&short.stderr)
            .lines()
            .filter(|l| l.starts_with("error: "))
            .all(|l| l.starts_with("error: errors.yaml:")),
        "file:line:col on each error line"
    );

    let human = bin()
        .current_dir(&dir)
        .args(["check", "--message-format", "human"])
        .output()
        .expect("runs");
    assert_eq!(code(&human), Some(1));
    assert!(
        text(&human.stderr)
            .contains("  --> errors.yaml:43:11\n   |\n43 |   - code: 0034\n   |           ^^^^\n"),
        "{}",
        text(&human.stderr)
    );
    assert!(
        !text(&human.stderr).contains('\u{1b}'),
        "no colour off a terminal"
    );
    assert_eq!(human.stderr, default.stderr);
}

#[test]
fn color_follows_the_flag() {
    let dir = broken("yaml_leading_zero");
    let check = |color: &str| {
        bin()
            .current_dir(&dir)
            .args(["--color", color, "check", "--message-format", "human"])
            .output()
            .expect("runs")
    };
    assert!(text(&check("always").stderr).contains("\u{1b}["));
    assert!(!text(&check("never").stderr).contains('\u{1b}'));
    assert!(
        !text(&check("auto").stderr).contains('\u{1b}'),
        "not a terminal"
    );
    // clap's own errors follow it too.
    let out = run(&["--color=always", "explian"]);
    assert!(text(&out.stderr).contains("\u{1b}["));
    let out = run(&["--color=never", "explian"]);
    assert!(!text(&out.stderr).contains('\u{1b}'));
}

/// The YAML pitfalls, each shown as a person reads it: the line, the span
/// underlined, the hint.
#[test]
fn each_yaml_pitfall_is_shown_with_its_line_and_fix() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for case in [
        "yaml_comment_in_text",
        "yaml_unclosed_quote",
        "yaml_unclosed_quote_before_others",
        "yaml_leading_zero",
        "tab_indentation",
        "tab_after_dash",
        "yaml11_value_given_a_text",
    ] {
        let dir = broken(case);
        let out = bin()
            .current_dir(&dir)
            .args(["--color=never", "check", "--message-format=human"])
            .output()
            .expect("runs");
        assert_eq!(code(&out), Some(1), "{case}");
        let actual = text(&out.stderr);
        assert!(
            actual.contains("\n   |"),
            "{case} shows its source: {actual}"
        );
        assert!(actual.contains("= help: "), "{case} gives a fix: {actual}");
        let path = dir.join("expected.human");
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        if actual == expected {
            continue;
        }
        if update {
            std::fs::write(&path, &actual).expect("writable");
            eprintln!("updated {}", path.display());
        } else {
            failures.push(format!(
                "{case}: differs from expected.human\n--- expected\n{expected}\n--- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(unix)]
mod terminal {
    //! The binary on a pseudo-terminal: what a person at the keyboard sees.

    use std::fs::File;
    use std::io::{Read as _, Write as _};
    use std::os::fd::{FromRawFd as _, OwnedFd};
    use std::process::{Command, Stdio};

    /// Runs `cmd` with stdin and stderr on a new pseudo-terminal, sends
    /// `input` to it, and gives back the exit code and what it showed.
    fn on_a_terminal(cmd: &mut Command, input: &[u8]) -> (Option<i32>, String) {
        let (mut master, mut slave) = (-1, -1);
        // SAFETY: openpty writes two new descriptors into the pointers and
        // reads nothing else (no name buffer, default settings and size).
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned here only.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut child = cmd
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::null())
            .spawn()
            .expect("the binary runs");
        // The command keeps its copies of the slave until told otherwise;
        // reading the master ends only once every copy is closed.
        cmd.stdin(Stdio::null()).stderr(Stdio::null());
        drop(slave);
        let mut writer = master.try_clone().expect("dup");
        let reader = std::thread::spawn(move || {
            let mut master = master;
            let mut seen = Vec::new();
            let mut buf = [0; 4096];
            // Reading ends with EIO once the last slave descriptor closes.
            while let Ok(n) = master.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(&buf[..n]);
            }
            seen
        });
        writer.write_all(input).expect("write to the terminal");
        let status = child.wait().expect("the binary ends");
        drop(writer);
        let seen = reader.join().expect("reader");
        (status.code(), super::text(&seen))
    }

    /// The text without its SGR colour sequences (`ESC [ ... m`).
    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("\u{1b}[") {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            rest = rest.find('m').map_or("", |m| &rest[m + 1..]);
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn decode_on_a_terminal_says_what_it_waits_for() {
        // Ctrl-D at the start of a line ends the input.
        let (code, seen) = on_a_terminal(super::bin().arg("decode"), b"\x04");
        assert_eq!(code, Some(1), "{seen}");
        assert!(
            seen.starts_with(
                "twitter-errors: reading from standard input; paste the body and end it with Ctrl-D (Ctrl-Z on Windows), or give a FILE\n"
            ),
            "{seen}"
        );
        // And the input typed there is read.
        let (code, seen) = on_a_terminal(
            super::bin().args(["decode", "--format", "json"]),
            b"{\"errors\":[{\"code\":34,\"message\":\"x\"}]}\n\x04",
        );
        assert_eq!(code, Some(0), "{seen}");
    }

    #[test]
    fn check_on_a_terminal_is_human_and_coloured_unless_no_color() {
        let dir = super::broken("yaml_leading_zero");
        let (code, coloured) = on_a_terminal(super::bin().current_dir(&dir).arg("check"), b"");
        assert_eq!(code, Some(1));
        assert!(coloured.contains("\u{1b}["), "{coloured}");
        assert!(
            strip_ansi(&coloured).contains("43 |   - code: 0034"),
            "{coloured}"
        );

        let (_, plain) = on_a_terminal(
            super::bin()
                .current_dir(&dir)
                .env("NO_COLOR", "1")
                .arg("check"),
            b"",
        );
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert!(plain.contains("43 |   - code: 0034"), "{plain}");

        // `--color always` wins over NO_COLOR, as an explicit choice should.
        let (_, forced) = on_a_terminal(
            super::bin()
                .current_dir(&dir)
                .env("NO_COLOR", "1")
                .args(["--color", "always", "check"]),
            b"",
        );
        assert!(forced.contains("\u{1b}["), "{forced}");

        // Asked for, the short form is short on a terminal too.
        let (_, short) = on_a_terminal(
            super::bin()
                .current_dir(&dir)
                .args(["check", "--message-format", "short"]),
            b"",
        );
        assert!(short.starts_with("error: errors.yaml:43:11: "), "{short}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_or_closed_stdout_never_panics() {
    use std::process::{Command, Stdio};
    let body = br#"{"errors":[{"message":"Rate limit exceeded","code":88}]}"#;
    let dir = std::env::temp_dir().join(format!("te-full-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("body.json");
    std::fs::write(&file, body).unwrap();
    let file = file.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["completions", "bash"],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["explain", "88"],
        &["explain", "--json", "88"],
        &["docs"],
        &["schema"],
        &["decode", file],
        &["decode", "--reencode", file],
        &["encode", "88"],
        &["check", "--bundled", file],
        &["--help"],
    ];
    for args in cases {
        // A full device: every write fails.
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
            .args(*args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
        // A reader that is gone.
        let mut child = Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn global_flags_are_documented_once_and_taken_anywhere() {
    let root = run(&["--help"]);
    assert_eq!(code(&root), Some(0));
    assert_eq!(text(&root.stdout).matches("--color <WHEN>").count(), 1);
    for sub in [
        "explain",
        "check",
        "generate",
        "docs",
        "schema",
        "decode",
        "encode",
        "completions",
    ] {
        let help = run(&[sub, "--help"]);
        assert_eq!(code(&help), Some(0), "{sub}");
        assert!(
            !text(&help.stdout).contains("--color"),
            "{sub}: {}",
            text(&help.stdout)
        );
    }
    // Before the subcommand or after it, the flag is taken.
    let dir = broken("yaml_leading_zero");
    for args in [
        &["--color", "never", "check"][..],
        &["check", "--color", "never"],
    ] {
        let out = bin().current_dir(&dir).args(args).output().expect("runs");
        assert_eq!(code(&out), Some(1), "{args:?}: {}", text(&out.stderr));
        assert!(!text(&out.stderr).contains('\u{1b}'), "{args:?}");
    }
}
