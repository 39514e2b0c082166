//! The API as it answers in 2026: pay-per-use billing errors, `about:blank`
//! details that name a cause, the `api-version` header and the problem
//! shapes of OpenAPI 2.167. The bodies are the wire forms recorded in the
//! reference notes (`observed-2026.md`, section 4), written out here.

use std::time::{Duration, UNIX_EPOCH};

use twitter_errors::catalog::{Catalog, Reset};
use twitter_errors::codec::{decode, Body};
use twitter_errors::response::{ApiError, Failure, Limit, RetryPolicy};
use twitter_errors::text::{match_detail, MatchKind};
use twitter_errors::{ErrorCode, ProblemType, Retry, Twitter};

/// Rate-limit headers with plenty left, as a live 402 carried them.
fn headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("content-type", "application/problem+json"),
        ("x-rate-limit-limit", "2000"),
        ("x-rate-limit-remaining", "1999"),
        ("x-rate-limit-reset", "1788000000"),
        ("api-version", "2.165"),
    ]
}

/// The problem type of `slug`, from the catalog.
fn problem(slug: &str) -> ProblemType {
    ProblemType::from_slug(slug).unwrap_or_else(|| panic!("{slug} is in the catalog"))
}

#[test]
fn billing_errors_are_named_not_rate_limits_and_take_no_wait_from_the_headers() {
    let cases: [(u16, &[u8], &str, Limit, Reset); 4] = [
        (
            402,
            br#"{"account_id":1234567890,"title":"CreditsDepleted","detail":"Your enrolled account [1234567890] does not have any credits to fulfill this request.","type":"https://api.twitter.com/2/problems/credits"}"#,
            "credits",
            Limit::Credits,
            Reset::Credits,
        ),
        (
            402,
            br#"{"account_id":"1234567890","title":"CreditsDepleted","detail":"Your enrolled account does not have any credits to fulfill this request.","type":"https://api.twitter.com/2/problems/credits"}"#,
            "credits",
            Limit::Credits,
            Reset::Credits,
        ),
        (
            402,
            br#"{"detail":"credits depleted","status":402,"title":"Payment Required","type":"https://api.x.com/2/problems/credits-depleted"}"#,
            "credits-depleted",
            Limit::Credits,
            Reset::Credits,
        ),
        (
            403,
            br#"{"title":"Forbidden","detail":"Your monthly spend cap has been reached.","type":"https://api.x.com/2/problems/spend-cap-reached"}"#,
            "spend-cap-reached",
            Limit::SpendCap,
            Reset::BillingCycle,
        ),
    ];
    for (status, body, slug, limit, reset) in cases {
        let e = ApiError::from_response(status, headers(), body);
        let what = String::from_utf8_lossy(body);
        let p = e.problems().next().expect("a problem");
        assert_eq!(p.problem_type(), Some(problem(slug)), "{what}");
        assert_eq!(e.limit(), Some(limit), "{what}");
        assert!(!e.is_rate_limited() && !e.is_usage_capped(), "{what}");
        let decision = e.retry();
        assert_eq!(decision.hint, Retry::AfterReset, "{what}");
        assert_eq!(decision.wait, None, "{what}");
        assert_eq!(decision.policy.map(|p| p.reset), Some(reset), "{what}");
        assert!(!decision.reset_in_headers(), "{what}");
        // What lifts it, in the runtime's words.
        assert!(e.to_string().contains(reset.advice()), "{e}");
        assert!(decision.advice().contains(reset.advice()), "{what}");
        // No automatic retry: a person has to pay.
        let now = UNIX_EPOCH + Duration::from_secs(1_787_999_000);
        let policy = RetryPolicy::new().with_jitter(false);
        assert_eq!(policy.wait(&Failure::from(&e), 0, now), None, "{what}");
        assert_eq!(e.api_version(), Some("2.165"));
        // Lossless: the body encodes back as it came.
        let decoded = decode(body).expect("decodes");
        assert_eq!(decoded.encode().unwrap(), body, "{what}");
    }
    // A 402 with no body is still a billing failure, from its status.
    let e = ApiError::from_response(402, headers(), b"");
    assert_eq!(e.limit(), Some(Limit::Credits));
    assert_eq!(e.retry().wait, None);
}

#[test]
fn a_usage_cap_keeps_its_account_and_product() {
    let body = br#"{"account_id":1,"product_name":"standard-basic","title":"UsageCapExceeded","period":"Monthly","scope":"Product","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped"}"#;
    let e = ApiError::from_response(429, headers(), body);
    assert_eq!(e.limit(), Some(Limit::UsageCap));
    let p = e.problems().next().unwrap();
    assert_eq!(p.get_str("product_name").as_deref(), Some("standard-basic"));
    assert_eq!(p.get("account_id").map(|v| v.get()), Some("1"));
    // Both are catalog members now, not undocumented ones.
    assert_eq!(p.undocumented().count(), 0);
    for m in ["account_id", "product_name"] {
        assert!(<Twitter as Catalog>::field(m).is_some(), "{m}");
    }
}

#[test]
fn details_name_their_cause() {
    let body = br#"{"title":"Forbidden","detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","status":403}"#;
    let e = ApiError::from_response(403, headers(), body);
    let cause = e
        .problems()
        .next()
        .and_then(|p| p.cause())
        .expect("a known detail");
    assert_eq!(cause.code, Some(ErrorCode::DuplicateStatus));
    assert_eq!(e.retry().hint, Retry::Never);

    // Forgiven like message texts: case, spacing, a final period.
    let m = match_detail::<Twitter>("you are NOT allowed to create a tweet with duplicate content")
        .unwrap();
    assert_eq!(m.kind, MatchKind::Forgiving);
    assert_eq!(m.detail.name, cause.name);

    // Templates capture the ids in brackets.
    let m =
        match_detail::<Twitter>("Could not find tweet with id: [1508806917874978822].").unwrap();
    assert_eq!(m.kind, MatchKind::Template);
    assert_eq!(m.capture("id"), Some("1508806917874978822"));
    assert_eq!(m.detail.problem, problem("resource-not-found"));

    // The 2026 reply restriction, in its long and short forms.
    for text in [
        "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.",
        "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged.",
    ] {
        let m = match_detail::<Twitter>(text).expect(text);
        assert_eq!(m.detail.status.map(|s| s.as_u16()), Some(403));
    }

    // A 429 about:blank is a rate limit, and its detail says so too.
    let body = br#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#;
    let e = ApiError::from_response(
        429,
        [
            ("x-rate-limit-remaining", "0"),
            ("x-rate-limit-reset", "1788000000"),
        ],
        body,
    );
    assert!(e.is_rate_limited());
    assert_eq!(e.retry().hint, Retry::AfterReset);

    // Text that names nothing, of any length, finds nothing.
    assert!(match_detail::<Twitter>("").is_none());
    assert!(match_detail::<Twitter>(&"[".repeat(100_000)).is_none());
}

#[test]
fn the_x_branded_453_is_known() {
    let text = "You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need a different access level. You can learn more here: https://developer.x.com/en/portal/product";
    assert_eq!(
        ErrorCode::match_message(text, None)
            .first()
            .map(|m| m.code.code()),
        Some(453)
    );
}

#[test]
fn the_2167_invalid_request_shape_decodes_losslessly() {
    // OpenAPI 2.167: `parameter` and `value` at the top level, no `errors`.
    let body = br#"{"type":"https://api.x.com/2/problems/invalid-request","title":"Invalid Request","detail":"The `ids` query parameter value [abc] is not valid.","parameter":"ids","value":"abc","status":400}"#;
    let decoded = decode(body).expect("decodes");
    let Body::Problem(p) = &decoded else {
        panic!("a problem body: {decoded:?}")
    };
    let top = p.problem.as_ref().expect("a top-level problem");
    assert_eq!(top.problem_type(), Some(problem("invalid-request")));
    assert_eq!(top.get_str("parameter").as_deref(), Some("ids"));
    assert_eq!(top.undocumented().count(), 0);
    assert_eq!(decoded.encode().unwrap(), body);
}

#[test]
fn every_problems_members_and_required_are_catalog_members() {
    for p in ProblemType::ALL {
        let info = p.info();
        for m in info.members.iter().chain(info.required) {
            assert!(<Twitter as Catalog>::field(m).is_some(), "{p:?}: {m}");
        }
    }
    // The stream timing is data too.
    let v2 =
        <Twitter as Catalog>::stream(twitter_errors::catalog::Api::V2).expect("a v2 stream entry");
    assert!(v2.heartbeat.is_some() && v2.timeout >= v2.heartbeat);
}
