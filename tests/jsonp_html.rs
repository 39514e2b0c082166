//! JSONP output is safe inside an HTML `<script>` element: fed to a real
//! HTML tokenizer (html5ever's, with the script data states the HTML
//! standard defines), the element holds the whole body and ends where the
//! body does, whatever its messages and members hold.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use proptest::prelude::*;
use twitter_errors::codec::json;
use twitter_errors::codec::jsonp::{self, Callback, Jsonp};
use twitter_errors::{Code, V1Error};

/// Collects tokens, and switches the tokenizer to script data after a
/// `<script>` start tag, as a tree builder does.
#[derive(Default)]
struct Sink(RefCell<Vec<Token>>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let script = matches!(
            &token,
            Token::TagToken(t) if t.kind == TagKind::StartTag && &*t.name == "script"
        );
        self.0.borrow_mut().push(token);
        if script {
            TokenSinkResult::RawData(RawKind::ScriptData)
        } else {
            TokenSinkResult::Continue
        }
    }
}

/// The text of the first `<script>` element of `html`, and the tag that
/// ends it.
fn script_text(html: &str) -> (String, Option<(TagKind, String)>) {
    let tokenizer = Tokenizer::new(Sink::default(), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let tokens = tokenizer.sink.0.into_inner();
    let mut inside = false;
    let mut text = String::new();
    for t in tokens {
        match t {
            Token::TagToken(tag) if !inside => {
                inside = tag.kind == TagKind::StartTag && &*tag.name == "script";
            }
            Token::TagToken(tag) => return (text, Some((tag.kind, tag.name.to_string()))),
            Token::CharacterTokens(s) if inside => text.push_str(&s),
            Token::NullCharacterToken if inside => text.push('\0'),
            Token::EOFToken => break,
            _ => {}
        }
    }
    (text, None)
}

/// A JSONP body of one error with `message`, and a member holding it too.
fn body(message: &str) -> Vec<u8> {
    let mut e: V1Error = V1Error::new(Code::from(130u32), message);
    let raw = serde_json::value::to_raw_value(message).unwrap();
    e.extra.push("note", std::borrow::Cow::Owned(raw));
    let cb = Callback::new("cb").unwrap();
    Jsonp::new(cb, json::JsonBody::from(vec![e]))
        .encode()
        .unwrap()
}

fn assert_contained(out: &[u8]) {
    let out = std::str::from_utf8(out).unwrap();
    let page = format!("<p>before</p><script>{out}</script><p id=after>after</p>");
    let (text, end) = script_text(&page);
    assert_eq!(text, out, "the element holds exactly the body");
    assert_eq!(end, Some((TagKind::EndTag, "script".to_string())), "{out}");
}

#[test]
fn script_breakers_stay_inside_the_element() {
    for message in [
        "</script><script>alert(1)</script>",
        "<!--<script>",
        "<!-- </script> -->",
        "</SCRIPT\t>",
        "</script ",
        "<scr<script>ipt>",
        "<!--<script></script>-->",
        "\u{2028}\u{2029}</script",
        "plain",
    ] {
        assert_contained(&body(message));
    }
    // A decoded body whose member holds raw JSON with such text, written
    // back.
    let seed =
        br#"cb({"errors":[{"message":"x","code":1,"raw":{"a":["<!--<script>","</script>"]}}]});"#;
    let decoded = jsonp::decode(seed).unwrap();
    assert_contained(&decoded.encode().unwrap());
    // Without the escapes, the same tokenizer lets the page's own
    // `</script>` close nothing: the test can tell.
    let raw = "cb({\"errors\":[{\"message\":\"<!--<script>\",\"code\":1}]});";
    let page = format!("<script>{raw}</script><p>after</p>");
    assert_ne!(script_text(&page).0, raw);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_message_stays_inside_the_element(
        message in proptest::collection::vec(
            prop::sample::select(vec![
                "<", "/", "!", "-", "s", "S", "c", "r", "i", "p", "t", ">", " ", "\t",
                "\u{2028}", "\"", "\\", "script", "<!--", "-->", "<script", "</script", "</SCRIPT",
            ]),
            0..24,
        )
    ) {
        assert_contained(&body(&message.concat()));
    }
}
