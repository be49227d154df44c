//! Policy TOML, as the host reads `--policy FILE` and as the built-in
//! `patterns` plugin reads its configuration: no panic, a policy the host
//! accepts writes back to the same policy, and never to an empty text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llm_sandbox_core::policy::SecurityPolicy;
use llm_sandbox_sdk::policy::PolicyPlugin;
use policy_patterns::Patterns;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Patterns::configure(text.to_string());
    let Ok(policy) = SecurityPolicy::from_toml(text) else {
        return;
    };
    let written = policy.to_toml().expect("an accepted policy writes as TOML");
    assert!(!written.trim().is_empty());
    assert_eq!(
        SecurityPolicy::from_toml(&written).expect("reads back"),
        policy
    );
    let _ = Patterns::configure(written);
});
