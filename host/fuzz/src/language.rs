//! Properties of a language plugin's import scan and comment stripping, on
//! any text: no panic, comments only ever blanked (same characters, lines
//! and columns), and time linear in the input's size.

use std::time::{Duration, Instant};

use llm_sandbox_sdk::LanguagePlugin;

/// Size the input is repeated up to for the time check.
const AMPLIFIED: usize = 64 << 10;

/// Far above what a linear scan of [`AMPLIFIED`] bytes takes even under a
/// sanitizer (a few milliseconds), far below a quadratic one (seconds).
const LINEAR_BUDGET: Duration = Duration::from_millis(750);

/// Check `P` on `data` (as lossy UTF-8, as the host hands code over).
pub fn check<P: LanguagePlugin>(data: &[u8]) {
    let code = String::from_utf8_lossy(data).into_owned();
    scan::<P>(&code);
    // The time check repeats the input to 64 KiB; doing it for one input in
    // eight (chosen by the input, so a failure reproduces) keeps the fuzzer
    // fast where coverage comes from.
    if code.is_empty() || !fnv(data).is_multiple_of(8) {
        return;
    }
    let mut big = String::with_capacity(AMPLIFIED + code.len());
    while big.len() < AMPLIFIED {
        big.push_str(&code);
    }
    let started = Instant::now();
    scan::<P>(&big);
    let took = started.elapsed();
    assert!(
        took < LINEAR_BUDGET,
        "{} bytes took {took:?}: the scan is not linear in the input",
        big.len()
    );
}

fn scan<P: LanguagePlugin>(code: &str) {
    for import in P::imports(code.to_string()) {
        assert!(import.line >= 1 && import.column >= 1, "{import:?}");
        assert!(!import.module.is_empty(), "an empty module name");
    }
    let stripped = P::strip_comments(code.to_string());
    let mut original = code.chars();
    for (i, blanked) in stripped.chars().enumerate() {
        let Some(was) = original.next() else {
            panic!("strip_comments added characters (at {i})");
        };
        assert!(
            blanked == was || (blanked == ' ' && was != '\n' && was != '\r'),
            "strip_comments changed {was:?} into {blanked:?} at character {i}"
        );
    }
    assert!(
        original.next().is_none(),
        "strip_comments dropped characters"
    );
}

fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}
