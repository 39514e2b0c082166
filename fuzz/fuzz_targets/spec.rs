//! Spec loading: any text gives a spec or located diagnostics, never a
//! panic, and whatever loads generates code and docs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors_codegen::{Builder, Spec};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
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
            assert!(!e.to_string().is_empty());
        }
    }
});
