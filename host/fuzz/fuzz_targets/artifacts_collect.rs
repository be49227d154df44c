//! The artifact collector on arbitrary bytes as the archive of a run's
//! artifacts directory: no panic, the caps hold, and nothing taken has a
//! path that climbs or starts at the root.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llm_sandbox_core::artifacts::{ArtifactOptions, collect};

fuzz_target!(|data: &[u8]| {
    let options = ArtifactOptions {
        max_files: 8,
        max_bytes: 4096,
        ..ArtifactOptions::default()
    };
    for cut in [false, true] {
        let got = collect(data, cut, &options);
        assert!(got.artifacts.len() <= options.max_files);
        let total: u64 = got.artifacts.iter().map(|a| a.bytes.len() as u64).sum();
        assert!(total <= options.max_bytes);
        for artifact in &got.artifacts {
            assert_eq!(artifact.size, artifact.bytes.len() as u64);
            assert!(!artifact.name.starts_with('/'), "{}", artifact.name);
            assert!(
                artifact.name.split('/').all(|part| part != ".." && part != "."),
                "{}",
                artifact.name
            );
        }
    }
});
