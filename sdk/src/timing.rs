//! How long a language plugin's `imports` and `strip_comments` take on
//! about 1 MiB of code: the measurement the plugins' ignored `speed` tests
//! print. A helper for those tests, hidden from the sdk's documentation.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::LanguagePlugin;

/// Time `P::imports` and `P::strip_comments` on `unit` repeated to about
/// 1 MiB, the best of 20 runs each, and print one line:
/// `{label} (… KiB, … imports): imports …, strip_comments …, total …`.
pub fn report_one_mebibyte<P: LanguagePlugin>(label: &str, unit: &str) {
    let source = unit.repeat((1 << 20) / unit.len().max(1));
    let found = P::imports(source.clone()).len();
    let imports = best_of_20(|| {
        black_box(P::imports(black_box(source.clone())));
    });
    let strip = best_of_20(|| {
        black_box(P::strip_comments(black_box(source.clone())));
    });
    println!(
        "{label} ({} KiB, {found} imports): imports {imports:?}, strip_comments {strip:?}, total {:?}",
        source.len() / 1024,
        imports + strip
    );
}

/// The best of 20 runs of `f`: the machine may be busy, the best run is
/// the one least disturbed.
fn best_of_20(mut f: impl FnMut()) -> Duration {
    (0..20)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}
