//! Interactive sessions on the backend under test: one live interpreter per
//! session (the language plugin's kernel, through the in-sandbox runner),
//! fed cell by cell, for Python, JavaScript and R.

mod support;

use std::time::{Duration, Instant};

use llm_sandbox_host::{Error, RunOptions, SecurityPreset, Session, SessionConfig};
use support::{host, open, sandbox_host, texts};

fn interactive(lang: &str) -> SessionConfig {
    SessionConfig {
        interactive: true,
        runner: true,
        ..SessionConfig::new(lang)
    }
}

async fn cell(session: &Session, code: &str) -> llm_sandbox_host::RunResult {
    session
        .run(code, &[])
        .await
        .unwrap_or_else(|e| panic!("{code:?}: {e}"))
}

async fn cell_with_timeout(
    session: &Session,
    code: &str,
    secs: u64,
) -> llm_sandbox_host::RunResult {
    let options = RunOptions {
        timeout: Some(Duration::from_secs(secs)),
        ..Default::default()
    };
    session
        .run_with(code, options)
        .await
        .unwrap_or_else(|e| panic!("{code:?}: {e}"))
}

/// Per language: a cell that sets `x`, a cell that reads it as its value
/// (and what that value prints as), a cell that prints and then raises (and
/// the error's name), and a cell that never ends.
struct Cells {
    lang: &'static str,
    set: &'static str,
    read: &'static str,
    shown: &'static str,
    raise: &'static str,
    error: &'static str,
    forever: &'static str,
}

const LANGUAGES: [Cells; 3] = [
    Cells {
        lang: "python",
        set: "import math\nx = 41\ndef bump(v):\n    return v + 1",
        read: "bump(x)",
        shown: "42",
        raise: "print('before')\n{}['missing']",
        error: "KeyError",
        forever: "while True:\n    pass",
    },
    Cells {
        lang: "javascript",
        set: "const path = require('path');\nlet x = 41;\nfunction bump(v) { return v + 1; }",
        read: "bump(x)",
        shown: "42",
        raise: "console.log('before');\nnull.missing",
        error: "TypeError",
        forever: "while (true) {}",
    },
    Cells {
        lang: "r",
        set: "library(stats)\nx <- 41\nbump <- function(v) v + 1",
        read: "bump(x)",
        shown: "[1] 42",
        raise: "cat('before\\n')\nstop('missing')",
        error: "simpleError",
        forever: "repeat {}",
    },
];

#[tokio::test(flavor = "multi_thread")]
async fn what_a_cell_defines_the_next_cell_sees_in_every_language() {
    for cells in &LANGUAGES {
        let (_host, session) = open(interactive(cells.lang)).await;
        let set = cell(&session, cells.set).await;
        assert_eq!(set.exit_code, 0, "{}: {set:?}", cells.lang);
        let read = cell(&session, cells.read).await;
        assert_eq!(
            (read.exit_code, read.value.as_deref()),
            (0, Some(cells.shown)),
            "{}: {read:?}",
            cells.lang
        );
        session.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cell_that_raises_returns_the_error_and_the_next_cell_keeps_the_state() {
    for cells in &LANGUAGES {
        let (_host, session) = open(interactive(cells.lang)).await;
        cell(&session, cells.set).await;
        let raised = cell(&session, cells.raise).await;
        assert_eq!(raised.exit_code, 1, "{}: {raised:?}", cells.lang);
        assert_eq!(raised.stdout, "before\n", "{}", cells.lang);
        let error = raised.error.as_ref().expect("a structured error");
        assert_eq!(error.name, cells.error, "{}: {error:?}", cells.lang);
        assert!(!error.value.is_empty(), "{}: {error:?}", cells.lang);
        assert!(!raised.state_lost);
        let read = cell(&session, cells.read).await;
        assert_eq!(read.value.as_deref(), Some(cells.shown), "{}", cells.lang);
        session.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_runaway_cell_is_interrupted_within_its_timeout_and_the_state_survives() {
    for cells in &LANGUAGES {
        let (_host, session) = open(interactive(cells.lang)).await;
        cell(&session, cells.set).await;
        let started = Instant::now();
        let runaway = cell_with_timeout(&session, cells.forever, 2).await;
        let took = started.elapsed();
        assert!(took < Duration::from_secs(4), "{}: {took:?}", cells.lang);
        assert_eq!(runaway.exit_code, 124, "{}: {runaway:?}", cells.lang);
        assert_eq!(runaway.error.as_ref().unwrap().name, "Timeout");
        assert!(!runaway.state_lost, "{}: {runaway:?}", cells.lang);
        let read = cell(&session, cells.read).await;
        assert_eq!(read.value.as_deref(), Some(cells.shown), "{}", cells.lang);
        session.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cell_that_will_not_stop_restarts_the_kernel_and_says_the_state_is_lost() {
    let (_host, session) = open(interactive("python")).await;
    cell(&session, "x = 1").await;
    let stubborn = "import time\nwhile True:\n    try:\n        time.sleep(1)\n    except KeyboardInterrupt:\n        pass";
    let started = Instant::now();
    let result = cell_with_timeout(&session, stubborn, 1).await;
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(result.exit_code, 124, "{result:?}");
    assert!(result.state_lost, "{result:?}");
    // A fresh kernel: it works, and `x` is gone.
    let after = cell(&session, "'x' in globals(), 6 * 7").await;
    assert_eq!(after.value.as_deref(), Some("(False, 42)"));
    session.close().await.unwrap();
}

/// What a JavaScript cell declares next to a top-level `await` stays
/// defined, as in Node's REPL (it used to stay inside the cell).
#[tokio::test(flavor = "multi_thread")]
async fn javascript_declarations_beside_top_level_await_persist() {
    let (_host, session) = open(interactive("javascript")).await;
    let set = cell(
        &session,
        "const data = await Promise.resolve([1, 2, 3]);\nlet { length } = data;\nlength",
    )
    .await;
    assert_eq!(set.exit_code, 0, "{set:?}");
    assert_eq!(set.value.as_deref(), Some("3"));
    let read = cell(&session, "data.map((x) => x * length)").await;
    assert_eq!(read.value.as_deref(), Some("[ 3, 6, 9 ]"), "{read:?}");
    let none = cell(&session, "await null; const quiet = 1;").await;
    assert_eq!(none.value, None, "{none:?}");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cell_that_ends_the_kernel_says_so_and_the_next_cell_runs() {
    let (_host, session) = open(interactive("python")).await;
    cell(&session, "x = 1").await;
    let result = cell(&session, "import os\nprint('bye', flush=True)\nos._exit(3)").await;
    assert_eq!(result.exit_code, 3, "{result:?}");
    assert_eq!(result.stdout, "bye\n");
    assert!(result.state_lost);
    assert_eq!(result.error.as_ref().unwrap().name, "KernelExited");
    let after = cell(&session, "6 * 7").await;
    assert_eq!(after.value.as_deref(), Some("42"));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn output_comes_before_the_value_and_the_value_is_not_printed() {
    let (_host, session) = open(interactive("python")).await;
    let result = cell(
        &session,
        "import sys\nfor i in range(3):\n    print(i)\nsys.stderr.write('err\\n')\n'done'",
    )
    .await;
    assert_eq!(result.stdout, "0\n1\n2\n");
    assert_eq!(result.stderr, "err\n");
    assert_eq!(result.value.as_deref(), Some("'done'"));
    // A statement has no value; neither does an expression that is None.
    assert_eq!(cell(&session, "y = 2").await.value, None);
    assert_eq!(cell(&session, "None").await.value, None);
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn security_policies_check_every_cell() {
    let preset = SecurityPreset::get("strict").unwrap();
    let (_host, session) = open(interactive("python").with_preset(&preset)).await;
    assert_eq!(cell(&session, "x = 6 * 7").await.exit_code, 0);
    let blocked = session.run("import subprocess", &[]).await.unwrap_err();
    assert!(
        matches!(blocked, Error::PolicyViolation { .. }),
        "{blocked}"
    );
    // The blocked cell did not run, and the state is intact.
    assert_eq!(cell(&session, "x").await.value.as_deref(), Some("42"));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn interactive_sessions_need_a_kernel_and_the_runner_and_say_so() {
    let host = sandbox_host().await;
    let err = host.open(interactive("go")).await.unwrap_err();
    assert!(err.to_string().contains("interactive"), "{err}");
    let err = host
        .open(SessionConfig {
            runner: false,
            ..interactive("python")
        })
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::Unsupported { .. }), "{text}");
    assert!(text.contains("runner"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn fifty_interactive_sessions_at_once_from_one_process_work_and_leave_nothing() {
    let host = sandbox_host().await;
    let marker = format!("interactive-fifty-{}", std::process::id());
    let mut tasks = Vec::new();
    for i in 0..50u32 {
        let host = host.clone();
        let marker = marker.clone();
        tasks.push(tokio::spawn(async move {
            let session = host
                .open(SessionConfig {
                    env: vec![("TEST_MARKER".into(), marker)],
                    skip_environment_setup: true,
                    ..interactive("python")
                })
                .await?;
            session.run(&format!("n = {i}"), &[]).await?;
            let read = session.run("n * 2", &[]).await?;
            session.close().await?;
            Ok::<_, Error>(read.value)
        }));
    }
    for (i, task) in tasks.into_iter().enumerate() {
        let value = task
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("session {i}: {e}"));
        assert_eq!(value, Some((i * 2).to_string()));
    }
    let engine = support::backend_name();
    assert!(support::managed_containers_with_env(engine, &marker).is_empty());
}

#[test]
fn host_repl_runs_cells_from_stdin_in_one_interpreter() {
    let cells = "x = 41\n%%\nprint('side effect')\nx + 1\n%%\n1/0\n%%\nx\n";
    let out = host(&["repl", "--lang", "python"], Some(cells));
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "side effect\n42\n41\n", "{stderr}");
    assert!(stderr.contains("ZeroDivisionError"), "{stderr}");
    // The first failing cell's exit code, after all of them ran.
    assert_eq!(out.status.code(), Some(1), "{stderr}");

    let out = host(
        &["repl", "--lang", "javascript", "--json"],
        Some("let a = [1, 2]\n%%\na.length\n"),
    );
    let (stdout, stderr) = texts(&out);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}{stderr}");
    assert_eq!(lines[1]["cell"], 2);
    assert_eq!(lines[1]["value"], "2");
    assert_eq!(out.status.code(), Some(0));
}
