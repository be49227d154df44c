//! Warm starts: the language plugin's fork server, which starts each run of
//! a non-interactive session from an interpreter that has already started
//! (R forks a child per run), in place of a fresh process.
//!
//! The server runs through the in-sandbox runner as a long-lived process
//! with a control channel, as a kernel does: requests (a run step, as JSON)
//! go in on its descriptor 3, one answer per request comes back on its
//! descriptor 4, and the program's output on its standard streams. The
//! protocol is in the WIT contract (`fork-server-spec`).
//!
//! It is an optimisation and never a failure: it starts in the background
//! when the session opens, and a run that it cannot take (busy, not ready
//! yet, dead, or a step it answers `unsupported`) runs the normal way. A run
//! that times out kills the server with everything below it, as a normal
//! run's tree is killed; the server is then started again in the
//! background.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use serde::{Deserialize, Serialize};

use super::kernel::{AnswerLines, Numbered};
use crate::backend::process::{Capture, EXEC_MARKER};
use crate::backend::{ExecOutput, OutputSink, OutputStream};
use crate::error::{Error, Result};
use crate::plan::Step;
use crate::plugin::ForkServerPlan;
use crate::runner::{LiveEvent, LiveProcess, RunnerSandbox};

/// Starts that fail in a row before the session stops trying.
const MAX_FAILED_STARTS: u32 = 3;

/// How long a run waits for a server that is starting, rather than start a
/// fresh interpreter beside it: both would compete for the same CPUs (with
/// four sessions opened at once on two cores, running beside four starting
/// servers made R batches slower than without servers at all).
const START_WAIT: Duration = Duration::from_secs(1);

/// Highest signal number an answer may name.
const MAX_SIGNAL: i64 = 64;

/// A session's fork server.
pub(super) struct ForkServer {
    plan: Arc<ForkServerPlan>,
    runner: Arc<RunnerSandbox>,
    /// Locked while a run uses the server or while it is being started.
    slot: Arc<tokio::sync::Mutex<Slot>>,
    requests: std::sync::atomic::AtomicU64,
    /// Runs it ran to their end.
    served: std::sync::atomic::AtomicU64,
    /// The start in the background, aborted with the session.
    starting: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
    /// Whether a start is under way (it holds `slot` until it is over).
    launching: Arc<std::sync::atomic::AtomicBool>,
}

#[derive(Default)]
struct Slot {
    live: Option<LiveProcess>,
    failed_starts: u32,
}

/// Clears the launching flag when a start is over, however it ends
/// (ready, failed, or aborted with the session).
struct LaunchOver(Arc<std::sync::atomic::AtomicBool>);

impl Drop for LaunchOver {
    fn drop(&mut self) {
        self.0.store(false, std::sync::atomic::Ordering::Release);
    }
}

/// What became of a step offered to the server.
pub(super) enum Served {
    /// The server ran it; this is how it ended.
    Ran(Result<ExecOutput>),
    /// The server did not run it (busy, not ready, gone, or the step is
    /// one it cannot run exactly as a fresh process would): run it the
    /// normal way.
    NotServed,
}

/// One request: the run step as the plan gives it.
#[derive(Serialize)]
struct Request<'a> {
    argv: &'a [String],
    env: &'a [(String, String)],
    workdir: &'a str,
}

impl Numbered for Answer {
    fn id(&self) -> u64 {
        self.id
    }
}

/// A server's answer line.
#[derive(Deserialize)]
struct Answer {
    id: u64,
    status: String,
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    signal: Option<i64>,
    #[serde(default)]
    message: Option<String>,
}

impl ForkServer {
    /// Start the server in the background.
    pub(super) fn start(runner: Arc<RunnerSandbox>, plan: ForkServerPlan) -> ForkServer {
        let server = ForkServer {
            plan: Arc::new(plan),
            runner,
            slot: Arc::new(tokio::sync::Mutex::new(Slot::default())),
            requests: std::sync::atomic::AtomicU64::new(0),
            served: std::sync::atomic::AtomicU64::new(0),
            starting: std::sync::Mutex::new(None),
            launching: Arc::new(std::sync::atomic::AtomicBool::new(false)),
        };
        let slot = server
            .slot
            .clone()
            .try_lock_owned()
            .expect("nobody else has it yet");
        server.relaunch(slot);
        server
    }

    /// How many runs it ran to their end.
    pub(super) fn served(&self) -> u64 {
        self.served.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether `step` is one for the server: its `argv[0]` is the server's
    /// program (the server may still turn it down).
    pub(super) fn takes(&self, step: &Step) -> bool {
        step.argv.first() == Some(&self.plan.program)
    }

    /// Start the server again in the background, holding `slot` until it is
    /// ready (runs meanwhile go the normal way).
    fn relaunch(&self, mut slot: tokio::sync::OwnedMutexGuard<Slot>) {
        slot.live = None;
        if slot.failed_starts >= MAX_FAILED_STARTS {
            return;
        }
        let runner = self.runner.clone();
        let plan = self.plan.clone();
        let launching = self.launching.clone();
        launching.store(true, std::sync::atomic::Ordering::Release);
        let task = tokio::spawn(async move {
            let _over = LaunchOver(launching);
            let started = Instant::now();
            match launch(&runner, &plan).await {
                Ok(live) => {
                    tracing::debug!(elapsed = ?started.elapsed(), "the fork server is ready");
                    slot.live = Some(live);
                    slot.failed_starts = 0;
                }
                Err(e) => {
                    slot.failed_starts += 1;
                    tracing::info!(
                        "the fork server did not start ({e}); runs start fresh processes{}",
                        if slot.failed_starts >= MAX_FAILED_STARTS {
                            " from now on"
                        } else {
                            ""
                        }
                    );
                }
            }
            // Free for runs before the flag says the start is over.
            drop(slot);
        });
        if let Some(old) = self.starting.lock().expect("not poisoned").replace(task) {
            old.abort();
        }
    }

    /// Offer `step` (one it [`takes`](Self::takes), with no standard input,
    /// `workdir` set) to the server.
    pub(super) async fn serve(
        &self,
        step: &Step,
        timeout: Option<Duration>,
        on_output: Option<OutputSink>,
        limit: usize,
    ) -> Served {
        let mut slot = match self.slot.clone().try_lock_owned() {
            Ok(slot) => slot,
            Err(_) if self.launching.load(std::sync::atomic::Ordering::Acquire) => {
                match tokio::time::timeout(START_WAIT, self.slot.clone().lock_owned()).await {
                    Ok(slot) => slot,
                    Err(_) => {
                        tracing::debug!("the fork server is still starting; a fresh process runs");
                        return Served::NotServed;
                    }
                }
            }
            Err(_) => {
                tracing::debug!("the fork server is busy; a fresh process runs");
                return Served::NotServed;
            }
        };
        let Some(live) = slot.live.as_mut() else {
            tracing::debug!("the fork server is not running; a fresh process runs");
            if slot.failed_starts < MAX_FAILED_STARTS {
                self.relaunch(slot);
            }
            return Served::NotServed;
        };
        // What it did while idle: output of a program's leftover background
        // process is dropped; an exit means it is gone.
        while let Some(event) = live.next().now_or_never() {
            if let LiveEvent::Ended(_) | LiveEvent::Lost(_) = event {
                tracing::debug!("the fork server had stopped; a fresh process runs");
                self.relaunch(slot);
                return Served::NotServed;
            }
        }
        let started = Instant::now();
        let id = self
            .requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1;
        // As every step through the runner, the run carries a marker in its
        // environment.
        let env: Vec<(String, String)> = (step.env.iter().cloned())
            .chain([(EXEC_MARKER.to_string(), crate::unique_id())])
            .collect();
        let body = serde_json::to_vec(&Request {
            argv: &step.argv,
            env: &env,
            workdir: step.workdir.as_deref().unwrap_or_default(),
        })
        .expect("strings always serialise");
        let mut message = format!("{id} {}\n", body.len()).into_bytes();
        message.extend_from_slice(&body);
        if live.send(&message).await.is_err() {
            self.relaunch(slot);
            return Served::NotServed;
        }
        let mut stdout = Capture::new(limit);
        let mut stderr = Capture::new(limit);
        let mut lines = AnswerLines::default();
        // Whether the server said it took the request.
        let mut started_run = false;
        let deadline = timeout.and_then(|t| tokio::time::Instant::now().checked_add(t));
        let lost = |reason: String, stdout: &Capture, stderr: &Capture| Error::ForkServerLost {
            reason,
            stdout: stdout.text(),
            stderr: stderr.text(),
        };
        loop {
            let event = match deadline {
                Some(at) => match tokio::time::timeout_at(at, live.next()).await {
                    Ok(event) => event,
                    Err(_) => {
                        // Killed with everything below it, as a normal run's tree.
                        tracing::debug!("a run through the fork server timed out; restarting it");
                        let error = Error::Timeout {
                            timeout: timeout.unwrap_or_default(),
                            stdout: stdout.text(),
                            stderr: stderr.text(),
                        };
                        self.relaunch(slot);
                        return Served::Ran(Err(error));
                    }
                },
                None => live.next().await,
            };
            match event {
                LiveEvent::Stdout(bytes) => {
                    stream(&on_output, OutputStream::Stdout, &mut stdout, &bytes);
                }
                LiveEvent::Stderr(bytes) => {
                    stream(&on_output, OutputStream::Stderr, &mut stderr, &bytes);
                }
                LiveEvent::Control(bytes) => {
                    lines.push(&bytes);
                    while let Some(answer) = lines.answer_to::<Answer>(id) {
                        if answer.status == "started" {
                            started_run = true;
                            continue;
                        }
                        let exit_code = match exit_code(&answer) {
                            Ok(Some(code)) => code,
                            Ok(None) => {
                                tracing::debug!(
                                    reason = answer.message.as_deref().unwrap_or(""),
                                    "the fork server cannot run this step; a fresh process runs"
                                );
                                return Served::NotServed;
                            }
                            Err(why) => {
                                let error = lost(why, &stdout, &stderr);
                                self.relaunch(slot);
                                return Served::Ran(Err(error));
                            }
                        };
                        tracing::debug!(
                            exit_code,
                            elapsed = ?started.elapsed(),
                            "a run went through the fork server"
                        );
                        self.served
                            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        return Served::Ran(Ok(ExecOutput {
                            exit_code,
                            truncated: stdout.truncated || stderr.truncated,
                            stdout: stdout.data,
                            stderr: stderr.data,
                            duration: started.elapsed(),
                        }));
                    }
                }
                LiveEvent::Ended(_) | LiveEvent::Lost(_) if !started_run => {
                    // Gone before it took the request (killed between runs,
                    // say by a program or the kernel's out-of-memory
                    // killer): nothing of the step ran.
                    tracing::debug!("the fork server was gone; a fresh process runs");
                    self.relaunch(slot);
                    return Served::NotServed;
                }
                LiveEvent::Ended(code) => {
                    let error = lost(format!("it exited with code {code}"), &stdout, &stderr);
                    self.relaunch(slot);
                    return Served::Ran(Err(error));
                }
                LiveEvent::Lost(why) => {
                    let error = lost(why, &stdout, &stderr);
                    self.relaunch(slot);
                    return Served::Ran(Err(error));
                }
            }
        }
    }
}

impl Drop for ForkServer {
    fn drop(&mut self) {
        if let Some(task) = self.starting.lock().expect("not poisoned").take() {
            task.abort();
        }
    }
}

/// Output of the run: to the caller's sink and the capture, up to the cap
/// (as the runner caps a step's streams: what is beyond is dropped, and the
/// result says `truncated`).
fn stream(sink: &Option<OutputSink>, which: OutputStream, capture: &mut Capture, bytes: &[u8]) {
    let room = capture.room();
    if let Some(sink) = sink
        && room > 0
    {
        sink(which, &bytes[..bytes.len().min(room)]);
    }
    capture.push(bytes);
}

/// The exit code an answer reports (128 + N for signal N), `None` for
/// `unsupported`, or why the answer makes no sense.
fn exit_code(answer: &Answer) -> std::result::Result<Option<i64>, String> {
    match (answer.status.as_str(), answer.code, answer.signal) {
        ("exited", Some(code), _) if (0..=255).contains(&code) => Ok(Some(code)),
        ("signaled", _, Some(signal)) if (1..=MAX_SIGNAL).contains(&signal) => {
            Ok(Some(128 + signal))
        }
        ("unsupported", _, _) => Ok(None),
        (status, ..) => Err(format!(
            "it answered `{}` with code {:?} and signal {:?}",
            status.chars().take(40).collect::<String>(),
            answer.code,
            answer.signal
        )),
    }
}

/// Write the server's files, start it, and wait for its ready line.
async fn launch(runner: &RunnerSandbox, plan: &ForkServerPlan) -> Result<LiveProcess> {
    super::kernel::launch_until_ready(runner, &plan.files, &plan.start, "the fork server").await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(text: &str) -> Answer {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn answers_map_to_exit_codes_as_a_normal_run_s() {
        let code = |text| exit_code(&answer(text));
        assert_eq!(code(r#"{"id":1,"status":"exited","code":3}"#), Ok(Some(3)));
        assert_eq!(
            code(r#"{"id":1,"status":"signaled","signal":9}"#),
            Ok(Some(137))
        );
        assert_eq!(
            code(r#"{"id":1,"status":"unsupported","message":"x"}"#),
            Ok(None)
        );
        for bad in [
            r#"{"id":1,"status":"exited"}"#,
            r#"{"id":1,"status":"exited","code":-1}"#,
            r#"{"id":1,"status":"exited","code":256}"#,
            r#"{"id":1,"status":"signaled","signal":0}"#,
            r#"{"id":1,"status":"signaled","signal":1000}"#,
            r#"{"id":1,"status":"ok"}"#,
        ] {
            assert!(code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn output_reaches_the_sink_up_to_the_cap_as_through_the_runner() {
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let into = seen.clone();
        let sink: Option<OutputSink> = Some(Arc::new(move |_, bytes: &[u8]| {
            into.lock().unwrap().extend_from_slice(bytes)
        }));
        let mut capture = Capture::new(5);
        stream(&sink, OutputStream::Stdout, &mut capture, b"abc");
        stream(&sink, OutputStream::Stdout, &mut capture, b"defg");
        stream(&sink, OutputStream::Stdout, &mut capture, b"hij");
        assert_eq!(seen.lock().unwrap().as_slice(), b"abcde");
        assert_eq!(capture.data, b"abcde");
        assert!(capture.truncated);
    }

    #[test]
    fn requests_are_the_step_as_json() {
        let request = Request {
            argv: &["Rscript".into(), ".runs/r1/main.R".into()],
            env: &[("A".into(), "b\nc".into())],
            workdir: "/sandbox",
        };
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            r#"{"argv":["Rscript",".runs/r1/main.R"],"env":[["A","b\nc"]],"workdir":"/sandbox"}"#
        );
    }
}
