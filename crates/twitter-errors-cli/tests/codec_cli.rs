//! `twitter-errors decode` and `twitter-errors encode`, run as a user would.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run twitter-errors");
    // A usage error exits before reading stdin: a closed pipe is fine.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 14, "the seed fixtures");
    out
}

/// The JSON value of a JSON or JSONP text (with its callback), so that
/// re-encoded output can be compared by value.
fn json_value(bytes: &[u8]) -> (Option<String>, Value) {
    let text = std::str::from_utf8(bytes).unwrap().trim();
    let text = text.strip_prefix("/**/").unwrap_or(text);
    if text.starts_with('{') {
        return (None, serde_json::from_str(text).unwrap());
    }
    let open = text.find('(').unwrap();
    let inner = text[open + 1..]
        .trim_end_matches(';')
        .strip_suffix(')')
        .unwrap();
    (
        Some(text[..open].to_string()),
        serde_json::from_str(inner).unwrap(),
    )
}

#[test]
fn decode_prints_typed_json() {
    for (name, bytes) in seeds() {
        let out = run(&["decode", "--json"], &bytes);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let want = match name.split('-').nth(1).unwrap() {
            "v2" => "problem",
            "js" | "jsonp" => "jsonp",
            other => other,
        };
        assert_eq!(v["format"], want, "{name}");
    }
    let out = run(
        &["decode", "--json"],
        br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#,
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"][0]["name"], "rate_limit_exceeded");
    assert_eq!(v["errors"][0]["retry"], "after_reset");
    assert_eq!(v["errors"][0]["message"], "Rate limit exceeded");
}

#[test]
fn reencode_gives_the_same_value() {
    for (name, bytes) in seeds() {
        let out = run(&["decode", "--reencode"], &bytes);
        assert!(out.status.success(), "{name}");
        if name.ends_with(".xml") {
            assert_eq!(out.stdout, bytes, "{name}");
        } else {
            assert_eq!(json_value(&out.stdout), json_value(&bytes), "{name}");
        }
    }
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    let Ok(dir) = std::fs::read_dir(&corpus) else {
        eprintln!(
            "note: {} not found; skipping the real bodies",
            corpus.display()
        );
        return;
    };
    for entry in dir {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let out = run(&["decode", "--reencode"], &bytes);
        if name.ends_with(".json") {
            assert!(out.status.success(), "{name}");
            assert_eq!(json_value(&out.stdout), json_value(&bytes), "{name}");
        } else if name.ends_with(".xml") {
            assert_eq!(out.stdout, bytes, "{name}");
        }
    }
}

#[test]
fn decode_with_a_status_judges_the_response() {
    let out = run(
        &[
            "decode",
            "--json",
            "--status",
            "429",
            "--header",
            "x-rate-limit-remaining: 0",
            "--header",
            "x-rate-limit-reset: 1700000000",
        ],
        br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#,
    );
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["outcome"], "failure");
    assert_eq!(v["retry"]["retry"], "after_reset");
    assert_eq!(v["retry"]["wait"]["until"], 1_700_000_000);
    assert_eq!(v["rate_limits"]["standard"]["remaining"], 0);

    let out = run(
        &["decode", "--json", "--status", "401"],
        b"Error processing your OAuth request: Invalid oauth_verifier parameter",
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["outcome"], "failure");
    assert_eq!(v["body"], Value::Null);
    assert_eq!(
        v["raw_body"],
        "Error processing your OAuth request: Invalid oauth_verifier parameter"
    );

    let partial = br#"{"data":[{"id":"1"}],"errors":[{"detail":"d","title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#;
    let out = run(&["decode", "--json", "--status", "200"], partial);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["outcome"], "partial");
    assert_eq!(v["body"]["shape"], "errors");
    assert_eq!(v["body"]["errors"][0]["problem_type"], "resource_not_found");
}

#[test]
fn decode_refuses_bad_bodies_with_a_message() {
    let out = run(&["decode"], br#"{"errors":[{"message":"x","code":null}]}"#);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("wrong type") && err.contains("line 1"),
        "{err}"
    );
    let out = run(
        &["decode", "--format", "xml"],
        b"<!DOCTYPE x [<!ENTITY a \"b\">]><errors/>",
    );
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["decode", "--format", "yaml"], b"{}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn encode_prints_bodies() {
    let out = run(&["encode", "34", "--format", "json"], b"");
    assert!(out.status.success());
    assert_eq!(
        out.stdout,
        b"{\"errors\":[{\"message\":\"Sorry, that page does not exist.\",\"code\":34}]}\n"
    );
    // JSON is the default format.
    assert_eq!(run(&["encode", "34"], b"").stdout, out.stdout);
    let out = run(&["encode", "130", "131", "--format", "xml"], b"");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error code=\"130\">Over capacity.</error>\n  <error code=\"131\">Internal error.</error>\n</errors>\n"
    );
    let out = run(
        &[
            "encode",
            "rate_limit_exceeded",
            "--format",
            "jsonp",
            "--callback",
            "handle.error",
        ],
        b"",
    );
    assert_eq!(
        out.stdout,
        b"/**/handle.error({\"errors\":[{\"message\":\"Rate limit exceeded.\",\"code\":88}]});\n"
    );
    // What `encode` prints, `decode` reads back.
    let back = run(&["decode", "--json"], &out.stdout);
    let v: Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(
        (v["callback"].as_str(), v["errors"][0]["code"].as_u64()),
        (Some("handle.error"), Some(88))
    );
}

#[test]
fn encode_refuses_without_echoing() {
    let out = run(
        &[
            "encode",
            "34",
            "--format",
            "jsonp",
            "--callback",
            "<script>evil()</script>",
        ],
        b"",
    );
    // Invalid input: exit 1, as for any value refused.
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("script") && !err.contains("evil"), "{err}");
    // Not found, and no text given for it: exit 1, as in `explain`.
    let out = run(&["encode", "99999", "--format", "json"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--message"));
    let out = run(&["encode", "--format", "v2", "no-such-problem"], b"");
    assert_eq!(out.status.code(), Some(1));
    // Usage errors: exit 2.
    let out = run(&["encode", "34", "--format", "jsonp"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["encode"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["encode", ""], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn encode_writes_unknown_codes_and_v2_problems() {
    // A code the catalog does not know, for a mock: its text is given.
    let out = run(&["encode", "99999", "--message", "Widget jammed."], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        out.stdout,
        b"{\"errors\":[{\"message\":\"Widget jammed.\",\"code\":99999}]}\n"
    );

    // v2: the first problem at the top, the others in `errors`. Named by
    // slug or by name, from whatever the catalog holds.
    use twitter_errors::ProblemType;
    let mut typed = ProblemType::ALL
        .iter()
        .filter(|p| p.uri().contains("/problems/"));
    let (first, second) = (*typed.next().unwrap(), *typed.next().unwrap());
    let slug = first.uri().rsplit('/').next().unwrap();
    let args = |format: &'static str| {
        [
            "encode",
            "--format",
            format,
            slug,
            second.name(),
            "--detail",
            "The id is not valid.",
        ]
    };
    let out = run(&args("v2"), b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.ends_with(b"\n"));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        ProblemType::from_uri(v["type"].as_str().unwrap()),
        Some(first)
    );
    assert_eq!(v["detail"], "The id is not valid.");
    assert_eq!(
        ProblemType::from_uri(v["errors"][0]["type"].as_str().unwrap()),
        Some(second)
    );
    // And it reads back as those problems.
    let back = run(&["decode", "--json"], &out.stdout);
    let v: Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(v["format"], "problem");
    // `problem` names the same format.
    assert_eq!(run(&args("problem"), b"").stdout, out.stdout);
}

#[test]
fn decode_prints_a_summary_by_default() {
    let out = run(
        &[
            "decode",
            "--status",
            "429",
            "--header",
            "x-rate-limit-remaining: 0",
            "--header",
            "x-rate-limit-reset: 1700000000",
        ],
        br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    // The cause, the status and the retry decision, for a person.
    assert!(text.contains("88 Rate limit exceeded"), "{text}");
    assert!(text.contains("status:  429"), "{text}");
    assert!(text.contains("retry:   "), "{text}");
    let name = twitter_errors::ErrorCode::from_code(88).unwrap().name();
    assert!(text.contains(name), "{text}");
    assert!(
        serde_json::from_str::<Value>(&text).is_err(),
        "not JSON: {text}"
    );

    let out = run(
        &["decode"],
        br#"{"errors":[{"code":34,"message":"Sorry, that page does not exist."}]}"#,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("json body: 1 error\n"), "{text}");
    // The retry decision is there too, from the catalog.
    assert!(text.contains("  retry:   "), "{text}");
    let name = twitter_errors::ErrorCode::from_code(34).unwrap().name();
    assert!(text.contains(name), "{text}");
}

#[test]
fn decode_lines_reports_each_in_band_error() {
    let stream = b"{\"data\":{\"id\":\"1\",\"text\":\"hi\"}}\r\n\r\n\
{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected upstream for operational reasons.\",\"type\":\"https://api.twitter.com/2/problems/operational-disconnect\"}]}\r\n\
\r\n\
{\"disconnect\":{\"code\":7,\"stream_name\":\"s\",\"reason\":\"admin logout\"}}\n";
    let out = run(&["decode", "--lines", "--json"], stream);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["data"], 1);
    assert_eq!(v["keep_alives"], 2);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["line"], 3);
    assert_eq!(errors[1]["line"], 5);
    assert!(
        errors.iter().all(|e| e["error"]["retry"].is_object()),
        "{v}"
    );

    let out = run(&["decode", "--lines"], stream);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("1 message, 2 keep-alives, 2 errors\n"),
        "{text}"
    );
    assert!(
        text.contains("line 3: ") && text.contains("line 5: "),
        "{text}"
    );

    // Nothing in, nothing counted.
    let out = run(&["decode", "--lines", "--json"], b"");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["data"].as_u64(), v["keep_alives"].as_u64()),
        (Some(0), Some(0))
    );
}

#[test]
fn decode_lines_reads_a_capture_longer_than_one_body() {
    // 9 MiB of messages (more than a body's 8 MiB limit), then an error:
    // each line is held to the body limit, the capture to 64 MiB.
    let line = format!(
        "{{\"data\":{{\"id\":\"1\",\"text\":\"{}\"}}}}\n",
        "x".repeat(1000)
    );
    let n = (9 << 20) / line.len() + 1;
    let mut stream = line.repeat(n).into_bytes();
    stream.extend_from_slice(
        b"{\"disconnect\":{\"code\":4,\"stream_name\":\"s\",\"reason\":\"Stall\"}}\n",
    );
    let out = run(&["decode", "--lines", "--json"], &stream);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["data"], n);
    assert_eq!(v["errors"][0]["line"], n + 1);
}
