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
            err.contains(&format!("nothing in the catalog matches {arg:?}")),
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

fn explain_json(arg: &str) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
        .args(["explain", "--json", arg])
        .output()
        .expect("the binary runs");
    let doc = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (out.status.code().unwrap_or(-1), doc)
}

#[test]
fn members_headers_details_policies_and_streams_are_explained() {
    use twitter_errors::catalog::Catalog;
    use twitter_errors::Twitter;
    // Every member, header, detail, policy and stream the catalog names.
    for f in <Twitter as Catalog>::FIELDS {
        let (code, out, err) = explain(&format!("member:{}", f.name));
        assert_eq!(code, 0, "{}: {err}", f.name);
        assert!(out.starts_with(&format!("member {}\n", f.name)), "{out}");
    }
    for h in <Twitter as Catalog>::HEADERS {
        let (code, out, _) = explain(&h.name.to_uppercase());
        assert_eq!(code, 0, "{}", h.name);
        assert!(out.starts_with(&format!("header {}\n", h.name)), "{out}");
        assert!(out.contains(h.meaning.label()), "{out}");
    }
    for d in <Twitter as Catalog>::DETAILS {
        // By name, and by its text or, for one given by templates only,
        // by a text the first template makes.
        let (code, out, _) = explain(&format!("detail:{}", d.name));
        assert_eq!(code, 0, "{}", d.name);
        assert!(out.starts_with("detail: "), "{out}");
        let text = match d.templates.first() {
            Some(t) if d.text == t.template => {
                t.names.iter().fold(t.template.to_string(), |s, n| {
                    s.replace(&format!("{{{n}}}"), "20")
                })
            }
            _ => d.text.to_string(),
        };
        let (code, out, err) = explain(&text);
        assert_eq!(code, 0, "{text}: {err}");
        assert!(
            out.contains(&format!("name:       {}\n", d.name)),
            "{text}: {out}"
        );
    }
    for p in <Twitter as Catalog>::RETRY_POLICIES {
        let (code, out, _) = explain(&format!("policy:{}", p.name));
        assert_eq!(code, 0, "{}", p.name);
        assert!(out.contains(&p.advice()), "{out}");
    }
    for s in <Twitter as Catalog>::STREAMS {
        let (code, out, _) = explain(&format!("stream:{}", s.api.as_str()));
        assert_eq!(code, 0, "{}", s.name);
        assert!(out.starts_with(&format!("stream {}", s.name)), "{out}");
    }
    // A problem shows its members and which it requires.
    for p in twitter_errors::ProblemType::ALL {
        let (code, out, _) = explain(&format!("problem:{}", p.name()));
        assert_eq!(code, 0, "{p:?}");
        if let Some(m) = p.info().members.first() {
            assert!(out.contains("members:") && out.contains(m), "{out}");
        }
        if !p.info().required.is_empty() {
            assert!(out.contains("required:"), "{out}");
        }
    }
    // A template says what it captured.
    for t in <Twitter as Catalog>::DETAILS
        .iter()
        .flat_map(|d| d.templates)
    {
        let text = t.names.iter().fold(t.template.to_string(), |s, n| {
            s.replace(&format!("{{{n}}}"), "1508806917874978822")
        });
        let (code, out, _) = explain(&text);
        assert_eq!(code, 0, "{text}");
        let first = t.names.first().unwrap();
        assert!(
            out.contains(&format!("{first} = \"1508806917874978822\"")),
            "{out}"
        );
    }
}

#[test]
fn a_near_miss_suggests_the_closest_entries() {
    use twitter_errors::catalog::Catalog;
    use twitter_errors::{ErrorCode, ProblemType, Twitter};
    // A letter dropped from an entry's key: the entry is suggested.
    let typo = |key: &str| format!("{}{}", &key[..key.len() / 2], &key[key.len() / 2 + 1..]);
    let mut keys: Vec<(String, String)> = Vec::new();
    keys.extend(
        <Twitter as Catalog>::FIELDS
            .iter()
            .map(|f| (f.name.to_string(), format!("member:{}", f.name))),
    );
    keys.extend(
        <Twitter as Catalog>::HEADERS
            .iter()
            .map(|h| (h.name.to_string(), format!("header:{}", h.name))),
    );
    keys.extend(
        ErrorCode::ALL
            .iter()
            .map(|c| (c.name().to_string(), format!("code:{}", c.name()))),
    );
    keys.extend(
        ProblemType::ALL
            .iter()
            .map(|p| (p.name().to_string(), format!("problem:{}", p.name()))),
    );
    let mut suggested = 0;
    for (key, meant) in keys.iter().filter(|(k, _)| k.len() >= 8) {
        let typo = typo(key);
        let (code, out, err) = explain(&typo);
        if code == 0 {
            // The typo is itself a key of the catalog.
            continue;
        }
        assert_eq!(code, 1, "{typo}: {out}");
        assert!(err.contains("did you mean:"), "{typo}: {err}");
        suggested += usize::from(err.contains(meant.as_str()));
    }
    // The entry itself is among the five closest for nearly every key.
    let tried = keys.iter().filter(|(k, _)| k.len() >= 8).count();
    assert!(suggested * 10 >= tried * 9, "{suggested} of {tried}");
    // Nothing close: no suggestion, and the value shown escaped.
    let (code, _, err) = explain("zzzz\u{1b}[2J");
    assert_eq!(code, 1);
    assert!(
        !err.contains("did you mean") && err.contains("\\u{1b}"),
        "{err}"
    );
}

#[test]
fn json_for_scripts() {
    use twitter_errors::catalog::Catalog;
    use twitter_errors::{HttpStatus, Twitter};
    for s in HttpStatus::ALL {
        let (code, doc) = explain_json(&format!("http:{}", s.as_u16()));
        assert_eq!(code, 0);
        let found = doc["found"].as_array().unwrap();
        assert_eq!(found[0]["kind"], "status");
        assert_eq!(found[0]["id"], s.as_u16());
        assert_eq!(
            found[0]["retry"]["policy"],
            serde_json::json!(s.info().policy.map(|p| p.name))
        );
    }
    let (code, doc) = explain_json("404");
    assert_eq!(code, 0);
    let kinds: Vec<&str> = doc["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["code", "status"]);
    if let Some(f) = <Twitter as Catalog>::FIELDS
        .iter()
        .find(|f| f.name.len() >= 6)
    {
        let typo = &f.name[1..];
        let (code, doc) = explain_json(typo);
        if code == 1 {
            assert_eq!(doc["found"], serde_json::json!([]));
            let keys: Vec<&str> = doc["suggestions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["key"].as_str().unwrap())
                .collect();
            assert!(keys.contains(&f.name), "{typo}: {keys:?}");
        }
    }
    let (_, doc) = explain_json("64");
    assert!(doc["found"][0]["meanings"]
        .as_array()
        .is_some_and(|m| !m.is_empty()));
}
