//! Hostile text, one of each kind no message may carry raw, and bodies with
//! it in every place a message could quote: what the library's and the
//! command line's tests of [`twitter_errors::shown`] feed in.

use twitter_errors::shown::is_escaped;

/// Characters no message may carry raw, one of each kind.
pub const HOSTILE: &[&str] = &[
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
pub fn raw_in(text: &str, lines: bool) -> Option<char> {
    text.chars()
        .find(|&c| is_escaped(c) && !(lines && c == '\n'))
}

/// Bodies with `h` in every place a message could quote: JSON keys and
/// string values, XML element and attribute names and values, entity and
/// encoding names, problem types, JSONP callbacks.
pub fn bodies(h: &str) -> Vec<Vec<u8>> {
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
