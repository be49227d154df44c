//! The R plugin's import scan and comment stripping on any text: no
//! panic, comments only blanked, time linear in the input's size.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    llm_sandbox_fuzz::language::check::<plugin_r::R>(data);
});
