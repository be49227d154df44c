//! The copy-out extractor on archives built from structured entries (names
//! that meet, links through links, hard links, special files): nothing
//! outside the destination may change, nothing inside may lead out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llm_sandbox_fuzz::archive::{Entry, check_extraction, raw_tar};

fuzz_target!(|entries: Vec<Entry>| {
    check_extraction(&raw_tar(&entries));
});
