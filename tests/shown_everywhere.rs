//! Nothing from the input reaches a terminal or a log raw: every message
//! that quotes a body or a spec shows its control characters, line and
//! paragraph separators and bidirectional overrides as visible escapes
//! (`twitter_errors::shown`).

use twitter_errors::codec::{self, Bounds};
use twitter_errors::response::ApiError;
use twitter_errors::Format;
use twitter_errors_tests::hostile::{bodies, raw_in, HOSTILE};

#[test]
fn decode_errors_and_api_errors_show_input_escaped() {
    let tight = Bounds::new().with_max_depth(8).with_max_members(2);
    let mut refused = 0;
    for h in HOSTILE {
        for body in bodies(h) {
            let shown_body = String::from_utf8_lossy(&body).escape_debug().to_string();
            for limits in [&Bounds::DEFAULT, &tight] {
                for format in [
                    None,
                    Some(Format::Json),
                    Some(Format::Jsonp),
                    Some(Format::Xml),
                    Some(Format::Problem),
                ] {
                    if let Err(e) =
                        codec::decode_as::<twitter_errors::Twitter>(&body, format, limits)
                    {
                        refused += 1;
                        let text = e.to_string();
                        assert_eq!(raw_in(&text, false), None, "{text:?} for {shown_body}");
                        assert_eq!(raw_in(e.detail(), false), None, "{shown_body}");
                    }
                }
            }
            for status in [200, 403, 404, 429] {
                let e = ApiError::from_response(status, [("x-rate-limit-reset", "1")], &body);
                let text = e.to_string();
                assert_eq!(raw_in(&text, false), None, "{text:?} for {shown_body}");
            }
        }
    }
    assert!(refused > 100, "{refused}");
}
