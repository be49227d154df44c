//! One round of the batch measures of this host, for `bench/run`: the
//! corpus programs of one language through one session, or through N
//! concurrent sessions. Prints one JSON object (seconds); the driver
//! interleaves rounds of this with rounds of `bench/llm_sandbox_batch.py`
//! and takes medians.
//!
//! ```sh
//! cargo run --release --example bench_batch -- python python:3.11-slim-bookworm one bench/programs/python
//! cargo run --release --example bench_batch -- ruby ruby:3.1-slim-bookworm concurrent 4 bench/programs/ruby
//! ```
//!
//! Options after the positional arguments: `--take K --offset O` runs only K
//! programs starting at the O-th (wrapping around), so that successive rounds
//! can cover the whole corpus.
//!
//! - `wall`: from the moment the first program is handed to a session to the
//!   moment the last result is back. Opening and closing the sessions are not
//!   included (reported apart as `open` and `close`).
//! - `one`: all programs one after the other in one session.
//! - `concurrent N`: N sessions, opened beforehand; program i goes to session
//!   i mod N; each session runs its share in order, the N sessions at once
//!   (one task each).
//!
//! Sessions skip environment setup, as on the Python side (the programs use
//! the standard library only). Exits with an error, after printing the JSON,
//! if any program's stdout differs from its `.out` or it exits non-zero.

#[path = "../bench/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use llm_sandbox_host::{SandboxHost, Session, SessionConfig};

/// The command line: `LANG IMAGE one DIR` or `LANG IMAGE concurrent N DIR`,
/// then `--take K --offset O`.
struct Args {
    lang: String,
    image: String,
    mode: &'static str,
    sessions: usize,
    dir: PathBuf,
    take: Option<usize>,
    offset: usize,
}

fn parse_args() -> anyhow::Result<Args> {
    const USAGE: &str =
        "usage: bench_batch LANG IMAGE (one | concurrent N) DIR [--take K] [--offset O]";
    let mut positional = Vec::new();
    let (mut take, mut offset) = (None, 0);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--take" => take = Some(args.next().context(USAGE)?.parse()?),
            "--offset" => offset = args.next().context(USAGE)?.parse()?,
            _ => positional.push(arg),
        }
    }
    let (mode, sessions, dir) = match positional.get(2).map(String::as_str) {
        Some("one") if positional.len() == 4 => ("one", 1, &positional[3]),
        Some("concurrent") if positional.len() == 5 => (
            "concurrent",
            positional[3].parse().context(USAGE)?,
            &positional[4],
        ),
        _ => bail!(USAGE),
    };
    Ok(Args {
        lang: positional[0].clone(),
        image: positional[1].clone(),
        mode,
        sessions,
        dir: PathBuf::from(dir),
        take,
        offset,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let programs = corpus::load(&args.dir, &args.lang).map_err(anyhow::Error::msg)?;
    anyhow::ensure!(
        !programs.is_empty(),
        "no programs in {}",
        args.dir.display()
    );
    let programs = corpus::select(programs, args.take, args.offset);
    let n = args.sessions.clamp(1, programs.len());

    let host = SandboxHost::docker().await?;
    let config = SessionConfig {
        image: Some(args.image.clone()),
        keep_template: true,
        skip_environment_setup: true,
        execution_timeout: Some(Duration::from_secs(120)),
        ..SessionConfig::new(&args.lang)
    };

    let started = Instant::now();
    let opened = futures_util::future::join_all((0..n).map(|_| host.open(config.clone()))).await;
    let open = started.elapsed().as_secs_f64();
    let sessions = opened.into_iter().collect::<Result<Vec<_>, _>>()?;

    // Program i goes to session i mod n; each task waits at the barrier so
    // that the clock starts when all of them can start.
    let barrier = Arc::new(tokio::sync::Barrier::new(n + 1));
    let tasks: Vec<_> = sessions
        .into_iter()
        .enumerate()
        .map(|(i, session)| {
            let share: Vec<_> = programs.iter().skip(i).step_by(n).cloned().collect();
            let barrier = barrier.clone();
            tokio::spawn(run_share(session, share, barrier))
        })
        .collect();
    barrier.wait().await;
    let started = Instant::now();
    let mut sessions = Vec::new();
    let mut mismatches = Vec::new();
    for task in tasks {
        let (session, found) = task.await?;
        sessions.push(session);
        mismatches.extend(found);
    }
    let wall = started.elapsed().as_secs_f64();

    let started = Instant::now();
    for result in futures_util::future::join_all(sessions.into_iter().map(Session::close)).await {
        result?;
    }
    let close = started.elapsed().as_secs_f64();

    println!(
        "{}",
        serde_json::json!({
            "lang": args.lang,
            "mode": args.mode,
            "sessions": n,
            "programs": programs.len(),
            "wall": wall,
            "open": open,
            "close": close,
            "mismatches": mismatches,
        })
    );
    if !mismatches.is_empty() {
        bail!("{} program(s) did not print their .out", mismatches.len());
    }
    Ok(())
}

/// Run `share` in order in `session` once the barrier opens; give the
/// session back with the mismatches found.
async fn run_share(
    session: Session,
    share: Vec<corpus::Program>,
    barrier: Arc<tokio::sync::Barrier>,
) -> (Session, Vec<String>) {
    barrier.wait().await;
    let mut mismatches = Vec::new();
    for program in &share {
        match session.run(&program.code, &[]).await {
            Ok(result) => mismatches.extend(corpus::mismatch(program, &result)),
            Err(e) => mismatches.push(format!("{}: {e}", program.name)),
        }
    }
    (session, mismatches)
}
