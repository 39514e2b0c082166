//! Spec loading: any text gives a spec or located diagnostics, never a
//! panic. A refused spec has at least one diagnostic, each at a line and
//! column of the text, with a message and no raw control character in any
//! rendering; an accepted spec generates code and docs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::shown::is_escaped;
use twitter_errors_codegen::{Builder, Spec, Style};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        let e = Spec::from_sources(&[("errors.yaml".into(), data.to_vec())])
            .expect_err("a spec that is not UTF-8 is refused");
        assert!(!e.diagnostics().is_empty());
        return;
    };
    match Spec::parse("errors.yaml", text) {
        Ok(spec) => {
            Builder::new()
                .generate_from(&spec)
                .unwrap_or_else(|e| panic!("a loaded spec does not generate: {e}"));
            let _ = twitter_errors_codegen::markdown(&spec);
        }
        Err(e) => {
            // Lines as YAML counts them: a line feed, a carriage return, or
            // the two together end one.
            let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count();
            assert!(
                !e.diagnostics().is_empty(),
                "refused without a diagnostic: {e}"
            );
            for d in e.diagnostics() {
                assert!(d.location.line >= 1 && d.location.column >= 1, "{d}");
                assert!(d.location.line <= lines + 1, "{d}");
                assert!(!d.message.is_empty());
                assert!(!d.message.chars().any(is_escaped), "{:?}", d.message);
                assert!(!d
                    .help
                    .as_deref()
                    .unwrap_or_default()
                    .chars()
                    .any(is_escaped));
            }
            for style in [Style::default(), Style::default().short(true)] {
                let out = e.render(style);
                assert!(
                    !out.chars().any(|c| c != '\n' && c != '\t' && is_escaped(c)),
                    "{out:?}"
                );
            }
        }
    }
});
