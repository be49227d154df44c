//! Crash soak: many host processes open and run sessions while some of them
//! are killed with SIGKILL at random points (during create, run, copy and
//! close); then `host gc` must leave no sandbox of a dead host, keep the
//! live host's sandbox, and touch no container that is not ours.
//!
//! Not part of the default test run (it takes minutes): `dev/soak`, or
//! `cargo test --release --test soak -- --ignored --nocapture crash_soak`.
//! Settings: `LLM_SANDBOX_SOAK_SESSIONS` (1000), `LLM_SANDBOX_SOAK_WORKERS`
//! (4 processes at a time), `LLM_SANDBOX_SOAK_KILL_PERCENT` (chance, per
//! phase marker, that the worker is killed there: 3), `LLM_SANDBOX_SOAK_SEED`.

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use llm_sandbox_host::SessionConfig;
use support::*;

/// What a worker prints before each phase of each session.
const PHASES: [&str; 4] = ["create", "run", "copy", "close"];

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A worker: a host process running `LLM_SANDBOX_SOAK_WORKER` sessions one
/// after another, announcing each phase on stdout. Only runs when the
/// driver starts it.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "started by crash_soak as one of its host processes"]
async fn soak_worker() {
    let Some(sessions) = std::env::var("LLM_SANDBOX_SOAK_WORKER")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return;
    };
    let host = sandbox_host().await;
    let scratch = tempfile::tempdir().unwrap();
    let input = scratch.path().join("input.txt");
    std::fs::write(&input, "soak input\n").unwrap();
    let say = |line: &str| {
        let mut out = std::io::stdout().lock();
        writeln!(out, "soak: {line}").unwrap();
        out.flush().unwrap();
    };
    for i in 0..sessions {
        say("phase create");
        let session = host
            .open(SessionConfig {
                skip_environment_setup: true,
                ..python()
            })
            .await
            .unwrap();
        say("phase run");
        let result = session.run("print(6 * 7)", &[]).await.unwrap();
        assert_eq!(result.stdout, "42\n");
        say("phase copy");
        session.copy_to_runtime(&input, "in.txt").await.unwrap();
        let back = scratch.path().join(format!("back-{i}"));
        session.copy_from_runtime("in.txt", &back).await.unwrap();
        say("phase close");
        session.close().await.unwrap();
        say("done");
    }
}

/// xorshift64*: reproducible from the printed seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
}

struct Worker {
    child: Child,
    /// Sessions it was given, started and finished.
    given: u64,
    started: u64,
    done: u64,
    phase: &'static str,
}

fn spawn_worker(id: usize, sessions: u64, events: &mpsc::Sender<(usize, String)>) -> Worker {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "soak_worker", "--ignored", "--nocapture"])
        .env("LLM_SANDBOX_SOAK_WORKER", sessions.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a worker");
    let stdout = child.stdout.take().unwrap();
    let events = events.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(event) = line.strip_prefix("soak: ") {
                let _ = events.send((id, event.to_string()));
            }
        }
        let _ = events.send((id, "exit".into()));
    });
    Worker {
        child,
        given: sessions,
        started: 0,
        done: 0,
        phase: "start",
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a soak of several minutes: run with dev/soak"]
async fn crash_soak() {
    let total = setting("LLM_SANDBOX_SOAK_SESSIONS", 1000);
    let parallel = setting("LLM_SANDBOX_SOAK_WORKERS", 4) as usize;
    let kill_percent = setting("LLM_SANDBOX_SOAK_KILL_PERCENT", 3);
    let seed = setting(
        "LLM_SANDBOX_SOAK_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1,
    );
    println!(
        "soak: {total} sessions, {parallel} host processes at a time, kill chance {kill_percent}% per phase, seed {seed}"
    );
    let mut rng = Rng(seed);
    let started = Instant::now();

    // Containers that are not ours, and a live host's sandbox: all must stay.
    let pid = std::process::id();
    let foreign = [
        ForeignContainer::new(&format!("soak-foreign-{pid}"), false, &[]),
        ForeignContainer::new(
            &format!("soak-foreign-running-{pid}"),
            true,
            &["io.llm-sandbox.session=not-managed"],
        ),
    ];
    let (_host, live) = open(python()).await;

    let (events, received) = mpsc::channel();
    let mut workers: BTreeMap<usize, Worker> = BTreeMap::new();
    let mut next_id = 0;
    let mut handed_out = 0;
    let per_worker = total.div_ceil(parallel as u64 * 4).max(1);
    let mut kills: BTreeMap<&str, u64> = BTreeMap::new();
    let mut spawned = 0;
    let (mut started_sessions, mut finished) = (0, 0);
    loop {
        while workers.len() < parallel && handed_out < total {
            let n = per_worker.min(total - handed_out);
            workers.insert(next_id, spawn_worker(next_id, n, &events));
            handed_out += n;
            next_id += 1;
            spawned += 1;
        }
        if workers.is_empty() {
            break;
        }
        let (id, event) = received
            .recv_timeout(Duration::from_secs(300))
            .expect("a worker said nothing for 5 minutes");
        let Some(worker) = workers.get_mut(&id) else {
            continue;
        };
        match event.as_str() {
            "done" => {
                worker.done += 1;
                finished += 1;
            }
            "exit" => {
                let mut worker = workers.remove(&id).unwrap();
                let status = worker.child.wait().unwrap();
                if worker.done < worker.given {
                    // Killed (a worker that fails on its own is a bug): the
                    // sessions it never started go to a new worker.
                    assert!(
                        status.code().is_none(),
                        "worker {id} failed on its own ({status}) in phase {}",
                        worker.phase
                    );
                    handed_out -= worker.given - worker.started;
                }
            }
            phase => {
                let phase = PHASES
                    .iter()
                    .find(|p| phase == format!("phase {p}"))
                    .copied()
                    .unwrap_or("other");
                worker.phase = phase;
                if phase == "create" {
                    worker.started += 1;
                    started_sessions += 1;
                }
                if rng.percent(kill_percent) {
                    // Land inside the phase, not only at its start.
                    std::thread::sleep(Duration::from_millis(rng.next() % 60));
                    let _ = worker.child.kill();
                    *kills.entry(phase).or_default() += 1;
                }
            }
        }
    }
    let ran = started.elapsed();
    let killed: u64 = kills.values().sum();
    println!(
        "soak: {spawned} host processes, {started_sessions} sessions started, {finished} finished, \
         {killed} processes killed (by phase: {kills:?}) in {:.1}s",
        ran.as_secs_f64()
    );
    assert_eq!(started_sessions, total);

    // Let the engine finish requests the killed processes had sent.
    std::thread::sleep(Duration::from_secs(2));
    let before_gc = managed_containers().len();
    let out = host(&["gc", "--json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", texts(&out).1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let removed = report["removed"].as_array().unwrap().len();
    std::thread::sleep(Duration::from_secs(3));
    let left: Vec<String> = managed_containers()
        .into_iter()
        .filter(|id| !live.container_id().starts_with(id.as_str()))
        .collect();
    println!(
        "soak: {before_gc} of our containers before gc (one live), gc removed {removed}, {} left; took {:.1}s in all",
        left.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(left.is_empty(), "sandboxes of dead hosts left: {left:?}");
    assert!(
        container_exists(live.container_id()),
        "gc removed a live host's sandbox"
    );
    for container in &foreign {
        assert!(
            container_exists(&container.id),
            "gc touched a container that is not ours: {}",
            container.id
        );
    }
    live.close().await.unwrap();
}
