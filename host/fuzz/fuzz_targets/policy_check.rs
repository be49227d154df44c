//! The `patterns` policy checking any code under the strict preset's rules:
//! no panic, findings placed inside the code.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use llm_sandbox_core::policy::SecurityPreset;
use llm_sandbox_sdk::policy::{CheckRequest, PolicyPlugin};
use policy_patterns::Patterns;

fn strict() -> &'static str {
    static CONFIG: OnceLock<String> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let preset = SecurityPreset::get("strict").expect("the strict preset");
        preset.policy.to_toml().expect("its policy as TOML")
    })
}

fuzz_target!(|data: &[u8]| {
    let code = String::from_utf8_lossy(data).into_owned();
    let lines = code.lines().count() as u32 + 1;
    for language in ["python", "javascript", "cpp"] {
        let request = CheckRequest {
            language: language.into(),
            code_without_comments: code.clone(),
            code: code.clone(),
            imports: Vec::new(),
            packages: Vec::new(),
        };
        let findings = Patterns::check(strict().to_string(), request).expect("the check runs");
        for finding in findings {
            if let Some(line) = finding.line {
                assert!(line >= 1 && line <= lines, "line {line} of {lines}");
            }
        }
    }
});
