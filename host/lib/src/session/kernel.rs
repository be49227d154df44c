//! Interactive sessions: one live interpreter (the language plugin's kernel)
//! per session, fed cell by cell, so that variables, imports and functions
//! persist between runs as in a notebook.
//!
//! The kernel runs through the in-sandbox runner as a long-lived process
//! with a control channel: cells go in on its descriptor 3, answers come
//! back on its descriptor 4 (the protocol is in the WIT contract), and the
//! cell's own output on its standard streams. A cell that runs out of time
//! gets SIGINT (the kernel abandons it and keeps its state); one that does
//! not stop then is killed with the kernel, which is started again, and the
//! result says the state was lost.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Deserialize;

use super::result::CellError;
use crate::backend::process::Capture;
use crate::backend::{OutputSink, OutputStream};
use crate::error::{Error, Result};
use crate::plan::{SandboxFile, Step};
use crate::plugin::KernelPlan;
use crate::runner::{LiveEvent, LiveProcess, RunnerSandbox};

/// How long a kernel may take to say it is ready.
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// How long an interrupted cell may take to stop before the kernel is killed.
const INTERRUPT_GRACE: Duration = Duration::from_secs(3);

/// Longest answer line a kernel may send (a huge `repr` is cut before this).
const MAX_ANSWER: usize = 32 << 20;

/// SIGINT.
const INTERRUPT: i32 = 2;

/// A session's kernel.
pub(super) struct Kernel {
    plan: KernelPlan,
    live: tokio::sync::Mutex<Option<LiveProcess>>,
    cells: AtomicU64,
}

/// How one cell went.
pub(super) struct CellOutcome {
    pub stdout: Capture,
    pub stderr: Capture,
    pub value: Option<String>,
    pub error: Option<CellError>,
    /// 0 when it ran, 1 when it raised, 124 when it ran out of time, or the
    /// kernel's own exit code when the cell ended the kernel.
    pub exit_code: i64,
    pub state_lost: bool,
}

/// A kernel's answer line.
#[derive(Deserialize)]
struct Answer {
    id: u64,
    status: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    error: Option<CellError>,
}

impl Kernel {
    /// Write the kernel's files, start it, and wait until it is ready.
    pub(super) async fn start(runner: &RunnerSandbox, plan: KernelPlan) -> Result<Kernel> {
        let live = launch(runner, &plan).await?;
        Ok(Kernel {
            plan,
            live: tokio::sync::Mutex::new(Some(live)),
            cells: AtomicU64::new(0),
        })
    }

    /// Run one cell (cells of a session run one at a time).
    pub(super) async fn run_cell(
        &self,
        runner: &RunnerSandbox,
        code: &str,
        timeout: Option<Duration>,
        on_output: Option<OutputSink>,
        limit: usize,
    ) -> Result<CellOutcome> {
        let mut live = self.live.lock().await;
        let mut outcome = CellOutcome {
            stdout: Capture::new(limit),
            stderr: Capture::new(limit),
            value: None,
            error: None,
            exit_code: 0,
            state_lost: false,
        };
        if live.is_none() {
            // The last cell ended the kernel and it could not be restarted then.
            *live = Some(launch(runner, &self.plan).await?);
        }
        let process = live.as_mut().expect("started just now");
        let id = self.cells.fetch_add(1, Ordering::Relaxed) + 1;
        let mut message = format!("{id} {}\n", code.len()).into_bytes();
        message.extend_from_slice(code.as_bytes());
        if let Err(why) = process.send(&message).await {
            *live = None;
            return Err(lost(why, &outcome));
        }
        let mut lines = AnswerLines::default();
        let mut deadline = timeout.and_then(|t| tokio::time::Instant::now().checked_add(t));
        let mut interrupted = false;
        loop {
            let event = match deadline {
                Some(at) => match tokio::time::timeout_at(at, process.next()).await {
                    Ok(event) => event,
                    Err(_) if !interrupted => {
                        interrupted = true;
                        let _ = process.signal(INTERRUPT).await;
                        deadline = tokio::time::Instant::now().checked_add(INTERRUPT_GRACE);
                        continue;
                    }
                    Err(_) => {
                        // It would not stop: kill it, start a fresh one.
                        *live = None;
                        outcome.exit_code = 124;
                        outcome.state_lost = true;
                        outcome.error = Some(timed_out(timeout, true));
                        *live = relaunch(runner, &self.plan).await;
                        return Ok(outcome);
                    }
                },
                None => process.next().await,
            };
            match event {
                LiveEvent::Stdout(bytes) => {
                    if let Some(sink) = &on_output {
                        sink(OutputStream::Stdout, &bytes);
                    }
                    outcome.stdout.push(&bytes);
                }
                LiveEvent::Stderr(bytes) => {
                    if let Some(sink) = &on_output {
                        sink(OutputStream::Stderr, &bytes);
                    }
                    outcome.stderr.push(&bytes);
                }
                LiveEvent::Control(bytes) => {
                    lines.push(&bytes);
                    if let Some(answer) = lines.answer_to::<Answer>(id) {
                        answer_into(&mut outcome, answer, limit);
                        if interrupted {
                            outcome.exit_code = 124;
                            let interrupt = outcome.error.take();
                            outcome.error = Some(CellError {
                                traceback: interrupt.map(|e| e.traceback).unwrap_or_default(),
                                ..timed_out(timeout, false)
                            });
                        }
                        return Ok(outcome);
                    }
                }
                LiveEvent::Ended(code) => {
                    // The cell ended the kernel (os._exit, a crash, the OOM killer).
                    outcome.exit_code = if code == 0 { 1 } else { code };
                    outcome.state_lost = true;
                    outcome.error = Some(CellError {
                        name: "KernelExited".into(),
                        value: format!(
                            "the kernel exited with code {code} during the cell; it was started \
                             again, and what earlier cells defined is gone"
                        ),
                        traceback: String::new(),
                    });
                    *live = relaunch(runner, &self.plan).await;
                    return Ok(outcome);
                }
                LiveEvent::Lost(why) => {
                    *live = None;
                    return Err(lost(why, &outcome));
                }
            }
        }
    }
}

/// A kernel's control output cut into lines; more than [`MAX_ANSWER`]
/// bytes waiting are dropped rather than held.
#[derive(Default)]
pub(super) struct AnswerLines(Vec<u8>);

impl AnswerLines {
    pub(super) fn push(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
        if self.0.len() > MAX_ANSWER {
            self.0.clear();
        }
    }

    /// The next whole line, with its newline.
    pub(super) fn next_line(&mut self) -> Option<Vec<u8>> {
        let end = self.0.iter().position(|b| *b == b'\n')?;
        Some(self.0.drain(..=end).collect())
    }

    /// The answer to request `id`, once its line is in: lines that are not
    /// answers, or answer another request, are dropped on the way.
    pub(super) fn answer_to<T: serde::de::DeserializeOwned + Numbered>(
        &mut self,
        id: u64,
    ) -> Option<T> {
        while let Some(line) = self.next_line() {
            match serde_json::from_slice::<T>(&line) {
                Ok(answer) if answer.id() == id => return Some(answer),
                _ => continue,
            }
        }
        None
    }
}

/// An answer line that names the request it answers.
pub(super) trait Numbered {
    /// The request's id.
    fn id(&self) -> u64;
}

impl Numbered for Answer {
    fn id(&self) -> u64 {
        self.id
    }
}

/// What a cell's answer says, into its outcome.
fn answer_into(outcome: &mut CellOutcome, answer: Answer, limit: usize) {
    if answer.status == "ok" {
        outcome.value = answer.value.map(|mut v| {
            if v.len() > limit {
                let mut cut = limit;
                while !v.is_char_boundary(cut) {
                    cut -= 1;
                }
                v.truncate(cut);
                outcome.stdout.truncated = true;
            }
            v
        });
    } else {
        outcome.exit_code = 1;
        outcome.error = Some(answer.error.unwrap_or_else(|| CellError {
            name: "Error".into(),
            value: format!("the kernel answered `{}` without an error", answer.status),
            traceback: String::new(),
        }));
    }
}

fn timed_out(timeout: Option<Duration>, lost: bool) -> CellError {
    let after = timeout.unwrap_or_default().as_secs_f64();
    CellError {
        name: "Timeout".into(),
        value: if lost {
            format!(
                "the cell ran longer than {after:.1}s and did not stop when interrupted; the \
                 kernel was restarted, and what earlier cells defined is gone"
            )
        } else {
            format!(
                "the cell ran longer than {after:.1}s and was interrupted; earlier state is kept"
            )
        },
        traceback: String::new(),
    }
}

fn lost(why: String, outcome: &CellOutcome) -> Error {
    Error::RunnerLost {
        reason: why,
        stdout: outcome.stdout.text(),
        stderr: outcome.stderr.text(),
    }
}

/// Start a kernel after one was killed; a failure is logged and left for
/// the next cell to report.
async fn relaunch(runner: &RunnerSandbox, plan: &KernelPlan) -> Option<LiveProcess> {
    match launch(runner, plan).await {
        Ok(live) => Some(live),
        Err(e) => {
            tracing::warn!("could not restart the kernel: {e}");
            None
        }
    }
}

/// Write the kernel's files, start it, and wait for its ready line.
async fn launch(runner: &RunnerSandbox, plan: &KernelPlan) -> Result<LiveProcess> {
    launch_until_ready(runner, &plan.files, &plan.start, "the interactive kernel").await
}

/// Write `files`, start `start` as a long-lived process with a control
/// channel (a kernel, a fork server: `what`), and wait for its ready line,
/// `{"id":0,"status":"ready"}`, on descriptor 4.
pub(super) async fn launch_until_ready(
    runner: &RunnerSandbox,
    files: &[SandboxFile],
    start: &Step,
    what: &str,
) -> Result<LiveProcess> {
    use crate::backend::Sandbox;
    let failed = |reason: String| Error::SandboxCommand {
        action: format!("starting {what}"),
        reason,
    };
    runner.write_files(files).await?;
    let mut live = runner
        .start_live(start.argv.clone(), start.env.clone(), start.workdir.clone())
        .await
        .map_err(failed)?;
    let mut said = Capture::new(64 << 10);
    let mut lines = AnswerLines::default();
    let ready = async {
        loop {
            match live.next().await {
                LiveEvent::Stdout(bytes) | LiveEvent::Stderr(bytes) => said.push(&bytes),
                LiveEvent::Control(bytes) => {
                    lines.push(&bytes);
                    if let Some(line) = lines.next_line() {
                        return match serde_json::from_slice::<Answer>(&line) {
                            Ok(a) if a.id == 0 && a.status == "ready" => Ok(()),
                            _ => Err(format!(
                                "it began with {:?} instead of its ready line",
                                String::from_utf8_lossy(&line[..line.len().min(200)]).trim_end()
                            )),
                        };
                    }
                }
                LiveEvent::Ended(code) => {
                    return Err(format!(
                        "it exited with code {code} before it was ready: {}",
                        crate::error::last_lines(&said.text(), 10)
                    ));
                }
                LiveEvent::Lost(why) => return Err(why),
            }
        }
    };
    match tokio::time::timeout(READY_TIMEOUT, ready).await {
        Ok(Ok(())) => Ok(live),
        Ok(Err(reason)) => Err(failed(reason)),
        Err(_) => Err(failed(format!(
            "it did not say it was ready within {READY_TIMEOUT:?}"
        ))),
    }
}
