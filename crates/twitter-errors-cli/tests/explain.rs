//! `twitter-errors explain`, through the built binary.

use std::process::Command;

fn explain(arg: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
        .args(["explain", arg])
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_code_shows_text_status_description_and_retry() {
    let (code, out, _) = explain("88");
    assert_eq!(code, 0);
    assert!(out.starts_with("code 88: Rate limit exceeded.\n"), "{out}");
    assert!(out.contains("status:     429 Too Many Requests"), "{out}");
    assert!(
        out.contains(&format!(
            "retry:      {}\n",
            twitter_errors::Retry::AfterReset
        )),
        "{out}"
    );
    assert!(
        out.contains("rate_limit_exceeded (ErrorCode::RateLimitExceeded)"),
        "{out}"
    );
    let description = twitter_errors::ErrorCode::RateLimitExceeded.description();
    let first_words: String = description
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(out.contains(&first_words), "{out}");
}

#[test]
fn a_status_and_a_problem_by_name_slug_or_uri() {
    let (code, out, _) = explain("420");
    assert_eq!(code, 0);
    assert!(out.starts_with("HTTP 420 Enhance Your Calm\n"), "{out}");
    for arg in [
        "invalid_request",
        "invalid-request",
        "https://api.twitter.com/2/problems/invalid-request",
        "https://api.x.com/2/problems/invalid-request",
        "https://api.twitter.com/labs/2/problems/invalid-request",
    ] {
        let (code, out, _) = explain(arg);
        assert_eq!(code, 0, "{arg}");
        assert!(
            out.starts_with(
                "problem https://api.twitter.com/2/problems/invalid-request: Invalid Request\n"
            ),
            "{arg}: {out}"
        );
        assert!(out.contains("status:     400 Bad Request"), "{out}");
    }
}

#[test]
fn a_number_that_is_both_code_and_status_shows_both_unless_qualified() {
    let (code, out, _) = explain("404");
    assert_eq!(code, 0);
    assert!(
        out.contains("code 404: ") && out.contains("HTTP 404 Not Found"),
        "{out}"
    );
    let (_, out, _) = explain("http:404");
    assert!(
        out.starts_with("HTTP 404 Not Found\n") && !out.contains("code 404: "),
        "{out}"
    );
    let (_, out, _) = explain("code:404");
    assert!(
        out.starts_with("code 404: ") && !out.contains("HTTP 404 Not Found\n"),
        "{out}"
    );
}

#[test]
fn unknown_values_fail_with_a_clear_message() {
    for arg in [
        "9999",
        "no_such_thing",
        "https://api.x.com/2/problems/nope",
        "code:420",
    ] {
        let (code, out, err) = explain(arg);
        assert_eq!(code, 1, "{arg}");
        assert!(out.is_empty(), "{arg}: {out}");
        assert!(
            err.contains(&format!("nothing in the catalog matches `{arg}`")),
            "{err}"
        );
        assert!(err.contains("hint:"), "{err}");
    }
}

#[test]
fn a_closed_stdout_ends_quietly() {
    // As in `twitter-errors explain 88 | head -0`: the reader is gone before
    // anything is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
        .args(["explain", "404"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("it exits");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn observed_additions_and_wordings_are_explained() {
    for (arg, head) in [
        ("453", "code 453: You currently have access to a subset"),
        ("37", "code 37: Your credentials do not allow access"),
        ("147", "code 147: Sorry, you can't block yourself."),
        ("239", "code 239: Bad guest token"),
        ("170", "code 170: Missing required parameter: status."),
        ("162", "code 162: You have been blocked from following"),
        ("189", "code 189: Error creating status."),
        (
            "193",
            "code 193: One or more of the uploaded media is too large.",
        ),
        (
            "user-suspended",
            "problem https://api.twitter.com/2/problems/user-suspended: Forbidden",
        ),
        (
            "bad authentication data",
            "code 215: Bad authentication data.",
        ),
        (
            "count parameter is invalid.",
            "code 44: attachment_url parameter is invalid.",
        ),
        ("Failed to process media.", "code 324:"),
        ("Status is over 140 characters.", "code 186:"),
    ] {
        let (code, out, err) = explain(arg);
        assert_eq!(code, 0, "{arg}: {err}");
        assert!(out.starts_with(head), "{arg}: {out}");
    }
    // A template shows what it captured.
    let (_, out, _) = explain("count parameter is invalid.");
    assert!(out.contains("count"), "{out}");
    // A code whose meaning changed shows both.
    let (_, out, _) = explain("64");
    assert!(out.contains("Your account is suspended"), "{out}");
    assert!(
        out.contains("The Twitter REST API v1 is no longer active"),
        "{out}"
    );
    assert!(out.contains("410"), "{out}");
    // A shared text names every code.
    let (_, out, _) = explain("Could not authenticate you.");
    assert!(out.contains("code 32") && out.contains("code 135"), "{out}");
    // An untitled problem says so.
    let (_, out, _) = explain("rate-limit-exceeded");
    assert!(out.contains("no title was ever published"), "{out}");
    // A notice is not a failure; a disconnect code has its retry rule.
    let (code, out, _) = explain("Logged out.");
    assert_eq!(code, 0);
    assert!(
        out.starts_with("notice: Logged out.\n") && out.contains("success"),
        "{out}"
    );
    let (code, out, _) = explain("disconnect:4");
    assert_eq!(code, 0);
    assert!(out.starts_with("stream disconnect 4: Stall\n"), "{out}");
    assert!(out.contains("reconnect at once"), "{out}");
}
