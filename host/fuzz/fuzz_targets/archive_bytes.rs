//! The copy-out extractor on arbitrary bytes (broken headers, truncations,
//! GNU and PAX extensions): the same promises as `archive_entries`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llm_sandbox_fuzz::archive::check_extraction;

fuzz_target!(|data: &[u8]| {
    check_extraction(data);
});
