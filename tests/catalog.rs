//! The generated catalog against the spec it came from, entry by entry.

use std::str::FromStr;

use twitter_errors::catalog::{CodeEntry, ProblemEntry, StatusEntry};
use twitter_errors::{Code, ErrorCode, HttpStatus, ProblemType, ProblemUri, Retry, Status};
use twitter_errors_tests::spec;

#[test]
fn every_spec_entry_has_a_variant_and_nothing_else_does() {
    let spec = spec();
    assert_eq!(HttpStatus::ALL.len(), spec.statuses.len());
    assert_eq!(ErrorCode::ALL.len(), spec.codes.len());
    assert_eq!(ProblemType::ALL.len(), spec.problems.len());
    for s in &spec.statuses {
        let v = HttpStatus::from_u16(s.status).expect("status has a variant");
        assert_eq!(
            (v.name(), v.text(), v.description()),
            (s.name.as_str(), s.text.as_str(), s.description.as_str())
        );
        assert_eq!(
            v.aliases(),
            s.aliases.iter().map(String::as_str).collect::<Vec<_>>()
        );
    }
    for c in &spec.codes {
        let v = ErrorCode::from_code(c.code).expect("code has a variant");
        assert_eq!(
            (v.name(), v.message(), v.description()),
            (c.name.as_str(), c.message.as_str(), c.description.as_str())
        );
        assert_eq!(v.status().map(HttpStatus::as_u16), c.status);
        assert_eq!(
            v.other_statuses()
                .iter()
                .map(|s| s.as_u16())
                .collect::<Vec<_>>(),
            c.other_statuses
        );
        assert_eq!(
            v.aliases(),
            c.aliases.iter().map(String::as_str).collect::<Vec<_>>()
        );
    }
    for p in &spec.problems {
        let v = ProblemType::from_uri(&p.type_uri).expect("problem has a variant");
        assert_eq!(
            (v.name(), v.title(), v.uri()),
            (p.name.as_str(), p.title.as_deref(), p.type_uri.as_str())
        );
        assert_eq!(v.status().map(HttpStatus::as_u16), p.status);
    }
}

#[test]
#[allow(deprecated)]
fn lookups_round_trip_for_every_entry() {
    for &s in HttpStatus::ALL {
        assert_eq!(HttpStatus::from_u16(s.as_u16()), Some(s));
        assert_eq!(HttpStatus::from_name(s.name()), Some(s));
        assert_eq!(HttpStatus::from_str(&s.as_u16().to_string()), Ok(s));
        assert_eq!(s.to_string(), format!("{} {}", s.as_u16(), s.text()));
        assert_eq!(serde_json::to_string(&s).unwrap(), s.as_u16().to_string());
        assert_eq!(
            serde_json::from_str::<HttpStatus>(&s.as_u16().to_string()).unwrap(),
            s
        );
        assert_eq!(<HttpStatus as StatusEntry>::from_u16(s.as_u16()), Some(s));
        assert!(s == s.as_u16() && s.as_u16() == s);
        assert_eq!(u16::from(s), s.as_u16());
    }
    for &c in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_code(c.code()), Some(c));
        assert_eq!(ErrorCode::from_name(c.name()), Some(c));
        assert_eq!(ErrorCode::from_str(c.name()), Ok(c));
        assert_eq!(c.to_string(), format!("{} {}", c.code(), c.message()));
        assert_eq!(
            serde_json::from_str::<ErrorCode>(&serde_json::to_string(&c).unwrap()).unwrap(),
            c
        );
        assert_eq!(ErrorCode::try_from(c.code()), Ok(c));
        assert_eq!(<ErrorCode as CodeEntry>::from_code(c.code()), Some(c));
        // A message recognises its code, unless another (lower) code shares it.
        let by_message = ErrorCode::from_message(c.message()).expect("message is known");
        assert!(
            by_message == c || by_message.code() < c.code(),
            "{c:?} vs {by_message:?}"
        );
        for alias in c.aliases() {
            assert!(
                ErrorCode::from_message(alias).is_some(),
                "alias {alias:?} of {c:?}"
            );
        }
    }
    for &p in ProblemType::ALL {
        assert_eq!(ProblemType::from_uri(p.uri()), Some(p));
        assert_eq!(ProblemType::from_name(p.name()), Some(p));
        assert_eq!(ProblemType::from_str(p.uri()), Ok(p));
        assert_eq!(p.to_string(), p.uri());
        assert_eq!(
            serde_json::from_str::<ProblemType>(&serde_json::to_string(&p).unwrap()).unwrap(),
            p
        );
        assert_eq!(<ProblemType as ProblemEntry>::from_uri(p.uri()), Some(p));
    }
}

#[test]
fn problem_types_match_under_every_host() {
    assert!(ProblemType::HOSTS.len() >= 4, "{:?}", ProblemType::HOSTS);
    for &p in ProblemType::ALL {
        if p.uri() == "about:blank" {
            continue;
        }
        let slug = p.uri().rsplit('/').next().unwrap();
        for host in ProblemType::HOSTS {
            assert_eq!(
                ProblemType::from_uri(&format!("{host}{slug}")),
                Some(p),
                "{host}{slug}"
            );
        }
        // The 2025 table printed the host as `api.X.com`.
        assert_eq!(
            ProblemType::from_uri(&format!("https://api.X.com/2/problems/{slug}")),
            Some(p)
        );
    }
    assert_eq!(
        ProblemType::from_uri("https://api.twitter.com/labs/2/problems/invalid-request"),
        Some(ProblemType::InvalidRequest)
    );
    assert_eq!(
        ProblemType::from_uri("https://example.com/2/problems/invalid-request"),
        None
    );
    assert_eq!(
        ProblemType::from_uri("https://api.twitter.com/2/problems/"),
        None
    );
    assert_eq!(
        ProblemType::from_uri("https://api.twitter.com/2/problems/no-such-problem"),
        None
    );
}

#[test]
fn unknown_values_are_kept_not_coerced() {
    let c: Code = Code::from_code(211);
    assert_eq!(c, Code::from_code(211));
    assert_eq!(serde_json::to_string(&c).unwrap(), "211");
    assert_eq!(
        serde_json::from_str::<Code>("88").unwrap(),
        Code::from(ErrorCode::RateLimitExceeded)
    );
    // A status the catalog does not list.
    let n = (400..=599)
        .find(|&n| HttpStatus::from_u16(n).is_none())
        .expect("a status the catalog lacks");
    let s: Status = Status::from_u16(n);
    assert_eq!(s.as_u16(), n);
    assert!(s.known().is_none() && s.is_error());
    let uri: ProblemUri = ProblemUri::new("https://api.x.com/2/problems/brand-new");
    assert_eq!(
        (uri.as_str(), uri.known()),
        ("https://api.x.com/2/problems/brand-new", None)
    );
    let uri: ProblemUri = ProblemUri::new("https://api.x.com/2/problems/usage-capped");
    assert_eq!(uri.known(), Some(ProblemType::UsageCapped));
    assert_eq!(uri.as_str(), "https://api.x.com/2/problems/usage-capped");
    assert!(ErrorCode::from_str("9999").is_err());
    assert!(serde_json::from_str::<ErrorCode>("9999").is_err());
}

#[test]
fn the_seed_tables_are_in_the_catalog() {
    // Seed 000 (2012): the three original codes and the HTTP table.
    for (code, text, status) in [
        (34, "Sorry, that page does not exist", 404),
        (130, "Over capacity", 503),
        (131, "Internal error", 500),
    ] {
        let c = ErrorCode::from_code(code).unwrap();
        assert_eq!(c.status().unwrap().as_u16(), status);
        assert_eq!(
            ErrorCode::from_message(text),
            Some(c),
            "2012 wording of {code}"
        );
    }
    for (status, text) in [
        (200, "OK"),
        (304, "Not Modified"),
        (400, "Bad Request"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "Not Found"),
        (406, "Not Acceptable"),
        (420, "Enhance Your Calm"),
        (500, "Internal Server Error"),
        (502, "Bad Gateway"),
        (503, "Service Unavailable"),
    ] {
        assert_eq!(HttpStatus::from_u16(status).unwrap().text(), text);
    }
    let gt = HttpStatus::from_u16(504).unwrap();
    assert!(gt.text() == "Gateway timeout" || gt.aliases().contains(&"Gateway timeout"));
    assert_eq!(ErrorCode::RateLimitExceeded.retry(), Retry::AfterReset);
    assert_eq!(ErrorCode::from_code(130).unwrap().retry(), Retry::Backoff);
}

/// Every lookup table of the bundled catalog holds its keys in the order
/// the runtime's `Table` wants them (by length, then bytes), and finds
/// every key, with all its values.
#[test]
fn every_table_finds_every_key() {
    use twitter_errors::catalog::{CodeEntry, ProblemEntry, StatusEntry, Table, Vocabulary};
    fn check<V: PartialEq + std::fmt::Debug>(name: &str, t: &Table<V>) {
        let keys = t.keys();
        for w in keys.windows(2) {
            let order = w[0].len().cmp(&w[1].len()).then(w[0].cmp(w[1]));
            assert!(order.is_le(), "{name}: {:?} before {:?}", w[0], w[1]);
        }
        for (i, k) in keys.iter().enumerate() {
            let first = keys.iter().position(|x| x == k).unwrap();
            let count = keys.iter().filter(|x| *x == k).count();
            assert_eq!(t.position(k.as_bytes()), Some(first), "{name}: {k:?}");
            assert_eq!(
                t.all(k.as_bytes()),
                &t.values()[first..first + count],
                "{name}: {k:?}"
            );
            assert_eq!(
                t.get(k.as_bytes()),
                Some(&t.values()[first]),
                "{name}: {k:?} ({i})"
            );
        }
    }
    check("statuses by name", &HttpStatus::TABLE.by_name);
    check("codes by name", &ErrorCode::TABLE.by_name);
    check("exact texts", &ErrorCode::TABLE.exact);
    check("forgiving texts", &ErrorCode::TABLE.forgiving);
    check("problems by slug", &ProblemType::TABLE.by_slug);
    check("problems by name", &ProblemType::TABLE.by_name);
    check(
        "resource types",
        &twitter_errors::ResourceType::TABLE.by_wire,
    );
}
