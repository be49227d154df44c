//! The benchmark corpus is correct: every program under `bench/programs`
//! prints exactly its `.out` and exits with 0. One session per language, all
//! of that language's programs run one after the other in it (as the batch
//! benchmark does); two languages at a time. All mismatches are reported
//! together, by file.

mod support;

#[path = "../bench/corpus.rs"]
mod corpus;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use llm_sandbox_host::SessionConfig;

/// Run every program of `lang` in one session; the mismatches found.
async fn check_language(lang: &'static str) -> Vec<String> {
    let dir = corpus::root().join(lang);
    let programs = match corpus::load(&dir, lang) {
        Ok(programs) => programs,
        Err(e) => return vec![format!("{lang}: {e}")],
    };
    let (_host, session) = support::open(SessionConfig {
        skip_environment_setup: true,
        execution_timeout: Some(Duration::from_secs(120)),
        ..SessionConfig::new(lang)
    })
    .await;
    let mut mismatches = Vec::new();
    for program in &programs {
        match session.run(&program.code, &[]).await {
            Ok(result) => mismatches.extend(corpus::mismatch(program, &result)),
            Err(e) => mismatches.push(format!("{}: {e}", program.name)),
        }
    }
    session.close().await.unwrap();
    mismatches
        .into_iter()
        .map(|m| format!("{lang}/{m}"))
        .collect()
}

/// How many languages run at once (the CI machines have 2 cores).
const PARALLEL: usize = 2;

#[tokio::test(flavor = "multi_thread")]
async fn every_corpus_program_prints_its_expected_output() {
    let mut present: Vec<&'static str> = corpus::LANGUAGES
        .iter()
        .map(|(lang, _)| *lang)
        .filter(|lang| corpus::root().join(lang).is_dir())
        .collect();
    // The slow (compiled) languages first, so that the workers end close together.
    present.sort_by_key(|lang| !matches!(*lang, "java" | "cpp" | "go"));
    assert!(!present.is_empty(), "no corpus under bench/programs");
    let next = AtomicUsize::new(0);
    let worker = || async {
        let mut found = Vec::new();
        while let Some(lang) = present.get(next.fetch_add(1, Ordering::Relaxed)) {
            found.extend(check_language(lang).await);
        }
        found
    };
    let workers = futures_util::future::join_all((0..PARALLEL).map(|_| worker())).await;
    let mismatches: Vec<String> = workers.into_iter().flatten().collect();
    assert!(
        mismatches.is_empty(),
        "{} corpus program(s) did not print their .out:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
