//! The catalog as live responses speak: the codes, wordings, meanings and
//! shapes recorded in real bodies, the forgiving text lookup, and the retry
//! hints a client can act on.
//!
//! The bodies under `tests/fixtures/observed/` are written for these tests,
//! each in a shape a real response had.

use twitter_errors::catalog::Evidence;
use twitter_errors::catalog::{Catalog, ProblemEntry, Reset};
use twitter_errors::codec::{self, Body};
use twitter_errors::model::CodeSent;
use twitter_errors::response::{decode_response, ApiError, Limit, Outcome, Wait};
use twitter_errors::text::MatchKind;
use twitter_errors::Twitter;
use twitter_errors::{Code, ErrorCode, Problem, ProblemType, Retry};
use twitter_errors_tests::fixture;

fn body(name: &str) -> Vec<u8> {
    fixture(&format!("observed/{name}"))
}

/// The codes `text` matches, best first.
fn candidates(text: &str, status: Option<u16>) -> Vec<u32> {
    ErrorCode::match_message(text, status)
        .iter()
        .map(|m| m.code.code())
        .collect()
}

fn failure(status: u16, headers: &[(&str, &str)], name: &str) -> ApiError {
    match decode_response(status, headers.iter().copied(), &body(name)) {
        Outcome::Failure(e) => e,
        other => panic!("{name}: not a failure: {other:?}"),
    }
}

/// Decoding then encoding gives back the bytes that came in.
fn round_trips(name: &str) -> Body<'static> {
    let bytes = body(name);
    let b = codec::decode(&bytes)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .into_owned();
    assert_eq!(
        String::from_utf8(b.encode().unwrap()).unwrap(),
        String::from_utf8(bytes).unwrap(),
        "{name}"
    );
    b
}

#[test]
fn the_added_codes_are_in_the_catalog() {
    for (code, name, status, evidence) in [
        (453, "limited_v1_access", Some(403), Evidence::Observed),
        (
            37,
            "resource_access_denied",
            Some(403),
            Evidence::Unverified,
        ),
        (147, "cannot_block_self", Some(403), Evidence::Unverified),
        (239, "bad_guest_token", Some(401), Evidence::Unverified),
        (
            170,
            "required_parameter_missing",
            Some(403),
            Evidence::Observed,
        ),
        (162, "blocked_from_following", Some(403), Evidence::Observed),
        (
            189,
            "status_creation_failed",
            Some(403),
            Evidence::Unverified,
        ),
        (193, "media_too_large", None, Evidence::Observed),
    ] {
        let c = ErrorCode::from_code(code).unwrap_or_else(|| panic!("code {code}"));
        assert_eq!(c.name(), name);
        assert_eq!(c.status().map(|s| s.as_u16()), status, "{code}");
        assert_eq!(c.info().evidence, evidence, "{code}");
        assert!(!c.description().is_empty(), "{code}");
        assert_eq!(c.retry(), Retry::Never, "{code}");
    }
}

/// Every literal text of `observed.md`, and the code it must name.
const OBSERVED: &[(u32, &str, Option<u16>)] = &[
    (453, "You currently have access to a subset of Twitter API v2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need a different access level. You can learn more here: https://developer.twitter.com/en/portal/product", Some(403)),
    (453, "You currently have Essential access which includes access to Twitter API v2 endpoints only. If you need access to this endpoint, you'll need to apply for Elevated access via the Developer Portal. You can learn more here: https://developer.twitter.com/en/docs/twitter-api/getting-started/about-twitter-api#v2-access-leve", Some(403)),
    (37, "Your credentials do not allow access to this resource", Some(403)),
    (147, "Sorry, you can't block yourself.", Some(403)),
    (239, "Bad guest token", Some(401)),
    (170, "Missing required parameter: status.", Some(403)),
    (170, "Missing required parameter: status", Some(403)),
    (162, "You have been blocked from following this account at the request of the user.", Some(403)),
    (189, "Error creating status.", Some(403)),
    (193, "One or more of the uploaded media is too large.", None),
    (64, "The Twitter REST API v1 is no longer active. Please migrate to API v1.1. https://dev.twitter.com/docs/api/1.1/overview.", Some(410)),
    (215, "Bad Authentication data.", None),
    (17, "No user matches for specified terms", None),
    (109, "The specified user is not a subscriber of this list.", None),
    (324, "Failed to process media.", None),
    (44, "count parameter is invalid.", None),
    (186, "Status is over 140 characters.", None),
    (261, "Application cannot perform write actions. Contact Twitter Platform Operations through https://support.twitter.com/forms/platform", Some(403)),
    (261, "Application cannot perform write actions. Contact Twitter Platform Operations through https://support.twitter.com/forms/platform.", Some(403)),
    (261, "Application cannot perform write actions. Contact Twitter Platform Operations through https://help.twitter.com/forms/platform", Some(403)),
    (261, "Application cannot perform write actions. Contact Twitter Platform Operations through https://help.twitter.com/forms/platform.", Some(403)),
    (200, "Forbidden", Some(403)),
    (415, "Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings", Some(403)),
    (88, "Rate limit exceeded. Clients may not make more than 350 requests per hour.", Some(400)),
];

#[test]
fn every_observed_wording_names_its_code() {
    for &(code, text, status) in OBSERVED {
        let found = candidates(text, status);
        assert!(found.contains(&code), "{text:?} -> {found:?}, not {code}");
        // Without a status as well.
        assert!(candidates(text, None).contains(&code), "{text:?}");
    }
    // The text two codes share, and the texts 37 shares with 220 and 64's
    // second meaning with 68: every candidate.
    assert_eq!(
        candidates("Could not authenticate you.", Some(401))[..2],
        [32, 135]
    );
    let shared = candidates(
        "Your credentials do not allow access to this resource",
        Some(403),
    );
    assert!(shared.contains(&37) && shared.contains(&220), "{shared:?}");
    let retired = candidates(OBSERVED[10].1, Some(410));
    assert!(
        retired.contains(&64) && retired.contains(&68),
        "{retired:?}"
    );
    assert_eq!(
        ErrorCode::match_message("bad authentication data", None)[0].code,
        ErrorCode::BadAuthenticationData
    );
}

#[test]
fn a_code_whose_meaning_changed_shows_both() {
    let c = ErrorCode::AccountSuspended;
    assert_eq!(c.status().unwrap().as_u16(), 403);
    let [m] = c.meanings() else {
        panic!("one other meaning")
    };
    assert_eq!(m.status.unwrap().as_u16(), 410);
    assert!(m
        .message
        .starts_with("The Twitter REST API v1 is no longer active"));
    // Decoding tells them apart by the text.
    let b = round_trips("v1-retired-64.json");
    let e = &b.v1_errors()[0];
    assert_eq!(e.code, Code::from(ErrorCode::AccountSuspended));
    assert_eq!(e.meaning().map(|m| m.era), Some(m.era));
    let suspended = twitter_errors::V1Error::<twitter_errors::Twitter>::from_entry(c);
    assert!(suspended.meaning().is_none());
    // 355: a subscription that exists will not go away; a replay in
    // progress ends on its own.
    let [replay] = ErrorCode::SubscriptionAlreadyExists.meanings() else {
        panic!("one other meaning")
    };
    assert_eq!(ErrorCode::SubscriptionAlreadyExists.retry(), Retry::Never);
    assert_eq!(replay.retry, Retry::Backoff);
}

#[test]
fn the_lookup_forgives_what_the_api_varies() {
    let mut texts = 0;
    for &c in ErrorCode::ALL {
        let own = std::iter::once(c.message()).chain(c.aliases().iter().copied());
        let meanings = c
            .meanings()
            .iter()
            .flat_map(|m| std::iter::once(m.message).chain(m.aliases.iter().copied()));
        for text in own.chain(meanings) {
            if text.contains('<') || text.contains('{') {
                continue; // a table's placeholder, not a wording
            }
            texts += 1;
            let flipped = match text.strip_suffix('.') {
                Some(t) => t.to_string(),
                None => format!("{text}."),
            };
            for variant in [
                flipped,
                text.to_ascii_uppercase(),
                text.to_ascii_lowercase(),
                format!("  {text}\n"),
                text.replace('\'', "\u{2019}"),
                text.replace("https://", "http://"),
                text.replace("http://", "https://"),
            ] {
                let found = ErrorCode::match_message(&variant, None);
                assert!(
                    found.iter().any(|m| m.code == c),
                    "{variant:?} does not name {}",
                    c.code()
                );
            }
        }
    }
    assert!(texts > 150, "{texts} texts");
    let m = &ErrorCode::match_message("Sorry, you can’t block yourself", None)[0];
    assert_eq!((m.code.code(), m.kind), (147, MatchKind::Forgiving));
}

#[test]
fn templated_messages_match_with_their_parts() {
    // A part ends where the text does, without the final period the
    // lookup forgives.
    for (text, code, name, part) in [
        ("status parameter is missing.", 38, "parameter", "status"),
        ("count parameter is invalid.", 44, "parameter", "count"),
        (
            "Account update failed: value is too long (maximum is 160 characters).",
            120,
            "maximum",
            "160",
        ),
        (
            "Account update failed: Description is too long.",
            120,
            "reason",
            "Description is too long",
        ),
        (
            "You have been blocked from viewing this user's profile.",
            136,
            "action",
            "viewing this user's profile",
        ),
        (
            "There was an error sending your message: the recipient does not follow you.",
            151,
            "reason",
            "the recipient does not follow you",
        ),
        (
            "You've already requested to follow Example User.",
            160,
            "user",
            "Example User",
        ),
        ("Device errror: unreachable", 203, "reason", "unreachable"),
        (
            "from_date: queryParam is required.",
            357,
            "parameter",
            "from_date",
        ),
        (
            "webhook_id: [-4] is not greater than or equal to 0.",
            360,
            "value",
            "-4",
        ),
        (
            "to_date: [202611221405] is not in the past.",
            368,
            "value",
            "202611221405",
        ),
        (
            "Missing required parameter: media_ids.",
            170,
            "parameter",
            "media_ids",
        ),
        (
            "Rate limit exceeded. Clients may not make more than 150 requests per hour.",
            88,
            "limit",
            "150",
        ),
    ] {
        let found = ErrorCode::match_message(text, None);
        let m = found
            .iter()
            .find(|m| m.code.code() == code)
            .unwrap_or_else(|| panic!("{text:?} does not name {code}"));
        assert_eq!(m.kind, MatchKind::Template, "{text}");
        assert_eq!(m.capture(name), Some(part), "{text}");
    }
    // In a body: the item's code, and what its text captured.
    let b = round_trips("templated-44-count.json");
    let e = &b.v1_errors()[0];
    let m = e.text_match().expect("the text is one of 44's");
    assert_eq!(
        (m.code, m.kind, m.capture("parameter")),
        (
            ErrorCode::InvalidAttachmentUrl,
            MatchKind::Template,
            Some("count")
        )
    );
    let m = &ErrorCode::match_message("to_date: [x] is not in the past.", None)[0];
    assert_eq!(m.captures(), &[("parameter", "to_date"), ("value", "x")]);
    // An exact text comes before a template that also takes it.
    let found = candidates(
        "You have been blocked from following this account at the request of the user.",
        None,
    );
    assert_eq!(found[..2], [162, 136]);
    // And a template never takes an empty part.
    assert!(!candidates(" parameter is invalid.", None).contains(&44));
}

#[test]
fn a_string_code_is_kept_as_sent() {
    for (name, sent) in [
        ("string-code-ads.json", "UNAUTHORIZED_ACCESS"),
        ("string-code-stream.json", "420"),
    ] {
        let b = round_trips(name);
        let e = &b.v1_errors()[0];
        assert_eq!(e.code_sent, CodeSent::Text(sent.into()), "{name}");
        assert!(e.code.known().is_none(), "{name}");
        assert!(!e.is_inferred());
    }
    let e = failure(401, &[], "string-code-ads.json");
    assert!(e.decode_error().is_none());
    assert_eq!(e.retry().hint, Retry::Never);
}

#[test]
fn a_body_without_a_code_gets_the_code_its_text_names() {
    let b = round_trips("item-without-code-215.json");
    let e = &b.v1_errors()[0];
    assert!(e.is_inferred());
    assert_eq!(e.code, Code::from(ErrorCode::BadAuthenticationData));
    // The legacy v1 shape: the code is inferred, never written back.
    let b = round_trips("legacy-rate-limit-350.json");
    assert!(b.v1_errors().is_empty());
    let m = b
        .legacy()
        .unwrap()
        .inferred_code::<twitter_errors::Twitter>()
        .unwrap();
    assert_eq!(m.code, ErrorCode::RateLimitExceeded);
    assert_eq!(
        m.meaning().map(|m| m.status.map(|s| s.as_u16())),
        Some(Some(400))
    );
    assert_eq!(m.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        b.codes().collect::<Vec<_>>(),
        [Code::from(ErrorCode::RateLimitExceeded)]
    );
    let e = failure(
        400,
        &[("x-rate-limit-reset", "1795356300")],
        "legacy-rate-limit-350.json",
    );
    assert!(e.is_rate_limited());
    let d = e.retry();
    assert_eq!(d.hint, Retry::AfterReset);
    assert!(d.reset_in_headers());
    // Logged out: a legacy body, and not a failure.
    round_trips("legacy-logged-out.json");
    assert_eq!(
        decode_response(200, [("x", "y")], &body("legacy-logged-out.json")),
        Outcome::Success
    );
}

#[test]
fn enhance_your_calm_backs_off_exponentially() {
    let e = failure(420, &[], "enhance-your-calm-420.json");
    let d = e.retry();
    assert_eq!(d.hint, Retry::Backoff);
    assert_eq!(d.wait, None, "420 carries no reset header");
    // The policy is the one the catalog gives 420, and its schedule grows.
    let p = d.policy.expect("a policy");
    assert_eq!(
        Some(p),
        twitter_errors::HttpStatus::EnhanceYourCalm.info().policy
    );
    let schedule = p.backoff.expect("a backoff schedule");
    assert_eq!(d.backoff_delay(0), Some(schedule.initial));
    assert!(d.backoff_delay(2) > d.backoff_delay(0));
    // Even with a reset header, a 420 is not a wait for it.
    let e = failure(
        420,
        &[("x-rate-limit-reset", "1795356300")],
        "enhance-your-calm-420.json",
    );
    assert_eq!(e.retry().hint, Retry::Backoff);
}

#[test]
fn quota_errors_share_a_policy_whose_reset_is_not_in_the_headers() {
    let headers = [
        ("x-rate-limit-limit", "300"),
        ("x-rate-limit-remaining", "280"),
        ("x-rate-limit-reset", "1795356300"),
    ];
    let mut policies = Vec::new();
    for (name, code) in [
        ("quota-185.json", 185),
        ("quota-161.json", 161),
        ("quota-205.json", 205),
    ] {
        round_trips(name);
        let e = failure(403, &headers, name);
        assert_eq!(e.codes().next().unwrap().code(), code);
        let d = e.retry();
        assert_eq!(d.hint, Retry::AfterReset, "{name}");
        assert!(!d.reset_in_headers(), "{name}");
        assert_eq!(d.wait, None, "{name}: the header's reset is no guide");
        assert!(!e.is_rate_limited(), "{name}: not a rate-limit window");
        let p = d.policy.unwrap();
        assert_eq!(p.reset, Reset::NotInHeaders);
        policies.push(p.name);
    }
    assert_eq!(policies, ["quota"; 3]);
}

#[test]
fn work_in_progress_backs_off() {
    round_trips("replay-in-progress-355.json");
    let e = failure(409, &[], "replay-in-progress-355.json");
    assert_eq!(e.retry().hint, Retry::Backoff);
    let e = ApiError::from_response(
        409,
        [("x", "y")],
        br#"{"errors":[{"code":355,"message":"Subscription already exists."}]}"#,
    );
    assert_eq!(e.retry().hint, Retry::Never);
}

#[test]
fn stream_disconnects_tell_reconnect_now_from_backoff_and_never() {
    for (name, retry) in [
        ("stream-disconnect-stall.json", Retry::Reconnect),
        ("stream-disconnect-shed-load.json", Retry::Backoff),
        ("stream-disconnect-token-revoked.json", Retry::Never),
        ("v2-operational-disconnect.json", Retry::Reconnect),
    ] {
        round_trips(name);
        let e = ApiError::from_response(200, [("x", "y")], &body(name));
        let d = e.retry();
        assert_eq!(d.hint, retry, "{name}");
        assert_eq!(d.wait, None, "{name}");
    }
    // Shed load backs off on the schedule the catalog gives its code.
    let e = ApiError::from_response(200, [("x", "y")], &body("stream-disconnect-shed-load.json"));
    let d = e.retry();
    let policy = <Twitter as Catalog>::disconnect(12).and_then(|x| x.policy);
    assert!(policy.is_some() && d.policy == policy);
    let schedule = policy.and_then(|p| p.backoff).expect("a backoff");
    assert_eq!(d.backoff_delay(0), Some(schedule.initial));
    assert_eq!(d.backoff_delay(10), Some(schedule.delay(10)));
    // Unknown disconnect codes back off.
    let e = ApiError::from_response(
        200,
        [("x", "y")],
        br#"{"disconnect":{"code":99,"reason":"x"}}"#,
    );
    assert_eq!(e.retry().hint, Retry::Backoff);
}

#[test]
fn a_monthly_usage_cap_does_not_wait_for_the_daily_reset() {
    let headers = [
        ("x-app-limit-24hour-limit", "10000"),
        ("x-app-limit-24hour-remaining", "0"),
        ("x-app-limit-24hour-reset", "1795356300"),
    ];
    round_trips("v2-usage-capped-monthly.json");
    let e = failure(429, &headers, "v2-usage-capped-monthly.json");
    assert_eq!(e.limit(), Some(Limit::UsageCap));
    let d = e.retry();
    assert_eq!(d.hint, Retry::AfterReset);
    assert!(!d.reset_in_headers());
    assert_eq!(d.wait, None);
    // A daily cap does end at the 24-hour reset.
    let e = failure(429, &headers, "v2-usage-capped-daily.json");
    let d = e.retry();
    assert!(d.reset_in_headers());
    assert_eq!(d.wait, Some(Wait::Until(1_795_356_300)));
}

#[test]
fn problems_added_and_untitled() {
    let p = ProblemType::from_uri("https://api.twitter.com/2/problems/user-suspended").unwrap();
    assert_eq!(p, ProblemType::UserSuspended);
    assert_eq!(p.title(), Some("Forbidden"));
    assert_eq!(p.info().status.map(|s| s.as_u16()), Some(403));
    assert_eq!(
        ProblemType::from_uri("https://api.x.com/2/problems/user-suspended"),
        Some(p)
    );
    let b = round_trips("v2-user-suspended.json");
    assert_eq!(b.problems().next().unwrap().problem_type(), Some(p));
    // No title was ever published for rate-limit-exceeded: the catalog
    // says so, and an encoder writes the status's reason phrase.
    let r = ProblemType::RateLimitExceeded;
    assert_eq!(r.title(), None);
    assert!(r.info().untitled);
    let built: Problem = Problem::from_type(r, "Too many requests");
    assert_eq!(built.title().as_deref(), Some("Too Many Requests"));
}

#[test]
fn the_problem_host_is_the_users_choice() {
    assert_eq!(
        <ProblemType as ProblemEntry>::DEFAULT_HOST,
        "https://api.x.com/2/problems/"
    );
    let p: Problem = Problem::from_type(ProblemType::UserSuspended, "d");
    assert_eq!(
        p.type_uri().as_deref(),
        Some("https://api.x.com/2/problems/user-suspended")
    );
    let p: Problem = Problem::from_type_on(
        ProblemType::UserSuspended,
        "d",
        "https://api.twitter.com/2/problems/",
    );
    assert_eq!(
        p.type_uri().as_deref(),
        Some("https://api.twitter.com/2/problems/user-suspended")
    );
    assert_eq!(p.problem_type(), Some(ProblemType::UserSuspended));
}

#[test]
fn corrected_descriptions_say_what_misled() {
    assert!(ErrorCode::SslRequired.description().contains("TLS 1.2"));
    assert!(ErrorCode::MediaIdsValidationFailed
        .description()
        .contains("upload"));
    let s413 = twitter_errors::HttpStatus::from_u16(413).unwrap();
    assert!(s413.description().contains("media uploads"));
    let s420 = twitter_errors::HttpStatus::from_u16(420).unwrap();
    assert_eq!(s420.retry(), Retry::Backoff);
    assert!(s420.description().contains("no reset header"));
    assert!(ErrorCode::OobCallbackRequired
        .description()
        .contains("no callback URL"));
    assert!(ErrorCode::InvalidAttachmentUrl
        .description()
        .contains("any parameter"));
}
