//! Session-level timings of this host, for `bench/run`: one round of each
//! measure, printed as one JSON object (seconds). The driver interleaves
//! rounds of this with rounds of the Python llm-sandbox and takes medians.
//!
//! ```sh
//! cargo run --release --example bench_session -- python:3.11-slim-bookworm
//! ```
//!
//! Measures (same names on both sides):
//! - `open_skip_setup`: open a Python session without environment setup;
//! - `run_print`: the first `print('hello')` in that open session (right
//!   after the open: it may wait for the in-sandbox runner to be ready);
//! - `run_print_again`: the median of the next five;
//! - `close`: close it;
//! - `open_with_setup`: open a Python session with environment setup;
//! - `open_from_pool`: open a session with setup from a warm pool (ready
//!   before the clock starts; the Python project has no pools);
//! - `interactive_cell`: the median of ten `x += 1` cells in an interactive
//!   session (theirs: a `run` of the same code, which has no state);
//! - `plugin_calls_per_run`: time spent in Wasm plugin calls for one run
//!   (plan + import scan), measured around the plugin calls themselves;
//! - `js_print_paused`: `console.log('hello')` in an open JavaScript session
//!   (image: the second argument), the median of five runs each one second
//!   after the last, as an agent that thinks between runs makes them.

use std::time::Instant;

use llm_sandbox_host::plan::StepKind;
use llm_sandbox_host::plugin::PlanContext;
use llm_sandbox_host::{PoolOptions, SandboxHost, SessionConfig};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let image = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "python:3.11-slim-bookworm".into());
    let host = SandboxHost::docker().await?;
    let config = |skip| SessionConfig {
        image: Some(image.clone()),
        skip_environment_setup: skip,
        ..SessionConfig::new("python")
    };

    let started = Instant::now();
    let session = host.open(config(true)).await?;
    let open_skip_setup = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let result = session.run("print('hello')", &[]).await?;
    let run_print = started.elapsed().as_secs_f64();
    anyhow::ensure!(result.stdout == "hello\n", "unexpected output {result:?}");
    let mut again = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let result = session.run("print('hello')", &[]).await?;
        again.push(started.elapsed().as_secs_f64());
        anyhow::ensure!(result.stdout == "hello\n", "unexpected output {result:?}");
    }
    let run_print_again = median(again);

    let started = Instant::now();
    session.close().await?;
    let close = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let session = host.open(config(false)).await?;
    let open_with_setup = started.elapsed().as_secs_f64();
    session.close().await?;

    // From a warm pool of one, once it is ready.
    host.keep_warm(
        config(false),
        PoolOptions {
            size: 1,
            ..PoolOptions::default()
        },
    )?;
    while host.pool_status().iter().map(|p| p.ready).sum::<usize>() < 1 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let started = Instant::now();
    let session = host.open(config(false)).await?;
    let open_from_pool = started.elapsed().as_secs_f64();
    session.close().await?;
    host.drain_pools().await;

    // Cells of an interactive session (state kept between them).
    let session = host
        .open(SessionConfig {
            interactive: true,
            ..config(true)
        })
        .await?;
    session.run("x = 0", &[]).await?;
    let mut cells = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        session.run("x += 1", &[]).await?;
        cells.push(started.elapsed().as_secs_f64());
    }
    let interactive_cell = median(cells);
    let result = session.run("x", &[]).await?;
    anyhow::ensure!(
        result.value.as_deref() == Some("10"),
        "unexpected {result:?}"
    );
    session.close().await?;

    // JavaScript runs with a pause before each, as an agent makes them.
    let js_image = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "node:18-bookworm-slim".into());
    let session = host
        .open(SessionConfig {
            image: Some(js_image),
            skip_environment_setup: true,
            ..SessionConfig::new("javascript")
        })
        .await?;
    session.run("console.log('hello')", &[]).await?;
    let mut paused = Vec::new();
    for _ in 0..5 {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        let started = Instant::now();
        let result = session.run("console.log('hello')", &[]).await?;
        paused.push(started.elapsed().as_secs_f64());
        anyhow::ensure!(result.stdout == "hello\n", "unexpected output {result:?}");
    }
    let js_print_paused = median(paused);
    session.close().await?;

    // What one run costs in plugin calls: the plan and the import scan.
    let python = host.plugins().language("python")?;
    let ctx = PlanContext {
        workdir: "/sandbox".into(),
        setup_done: true,
        managed_environment: false,
    };
    let started = Instant::now();
    let plan = python.plan(&ctx, "import os\nprint('hello')", "r1", &[], None)?;
    python.imports("import os\nprint('hello')")?;
    let plugin_calls_per_run = started.elapsed().as_secs_f64();
    anyhow::ensure!(plan.steps.iter().any(|s| s.kind == StepKind::Run));

    println!(
        "{}",
        serde_json::json!({
            "open_skip_setup": open_skip_setup,
            "run_print": run_print,
            "run_print_again": run_print_again,
            "close": close,
            "open_with_setup": open_with_setup,
            "open_from_pool": open_from_pool,
            "interactive_cell": interactive_cell,
            "plugin_calls_per_run": plugin_calls_per_run,
            "js_print_paused": js_print_paused,
        })
    );
    Ok(())
}

/// The middle of `times` (the upper one of an even count).
fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
