//! Nothing from the input reaches a terminal or a log raw: every message
//! that quotes a body or a spec shows its control characters, line and
//! paragraph separators and bidirectional overrides as visible escapes
//! (`twitter_errors::shown`).

use twitter_errors::codec::{self, Bounds};
use twitter_errors::response::ApiError;
use twitter_errors::shown::is_escaped;
use twitter_errors::Format;

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
