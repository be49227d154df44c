//! Runtime-config parsing (TOML and JSON, as `--runtime-config` reads them):
//! no panic, and a config that parses and validates survives a round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llm_sandbox_core::runtime_config::RuntimeConfig;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for parsed in [
        RuntimeConfig::from_toml(text),
        RuntimeConfig::from_json(text),
    ] {
        let Ok(config) = parsed else { continue };
        if config.validate().is_err() {
            continue;
        }
        let _ = config.mounts_cover("/sandbox");
        let json = serde_json::to_string(&config).expect("a valid config serialises");
        let back = RuntimeConfig::from_json(&json).expect("its JSON reads back");
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&config).unwrap(),
            "round trip changed the config"
        );
    }
});
