//! Steps through the runner: one request for all of them, output streamed
//! to the caller and captured (capped), each step's result at its end.

use std::sync::Arc;
use std::time::{Duration, Instant};

use llm_sandbox_runner::{Done, Failed, Kind, OUTPUT_CHUNK, RunRequest, StepEnd, StepRequest};
use tokio::io::AsyncReadExt;

use super::channel::{Channel, Closed};
use crate::backend::process::{Capture, EXEC_MARKER, kill_marked, output_limit};
use crate::backend::{ExecOutput, ExecSpec, OutputSink, OutputStream, ProcessInput, Sandbox};
use crate::error::{Error, Result};

/// How long past a step's own timeout the host waits for the runner to
/// report it before deciding the runner is wedged.
const BACKSTOP: Duration = Duration::from_secs(10);

/// What became of a request.
pub(crate) enum Sent {
    /// The runner took it: here is how it ended.
    Ran(Result<Vec<ExecOutput>>),
    /// It never reached the runner (the channel was closed): nothing ran,
    /// and the specs come back to run another way.
    NotSent(Vec<ExecSpec>, Closed),
}

/// Run `specs` in order through `channel`, stopping after the first that
/// exits non-zero. `inner` is the sandbox below the runner: it kills the
/// run's processes if the runner is lost.
pub(crate) async fn run_steps(
    channel: &Arc<Channel>,
    inner: &dyn Sandbox,
    mut specs: Vec<ExecSpec>,
) -> Sent {
    let marker = crate::unique_id();
    let limit = specs
        .iter()
        .map(|s| output_limit(s.output_limit))
        .max()
        .unwrap_or(0);
    let request = RunRequest {
        steps: specs
            .iter()
            .map(|s| StepRequest {
                argv: s.argv.clone(),
                env: s
                    .env
                    .iter()
                    .cloned()
                    .chain([(EXEC_MARKER.to_string(), marker.clone())])
                    .collect(),
                workdir: s.workdir.clone(),
                stdin: s.stdin.is_some(),
                timeout_ms: s.timeout.map(|t| t.as_millis().min(u64::MAX.into()) as u64),
                control: false,
            })
            .collect(),
        output_limit: limit as u64,
    };
    let body = serde_json::to_vec(&request).expect("protocol messages always serialise");
    let (id, mut replies) = match channel.request(Kind::Run, &body).await {
        Ok(sent) => sent,
        Err(why) => return Sent::NotSent(specs, why),
    };
    let mut guard = CancelOnDrop {
        channel: channel.clone(),
        id,
        armed: true,
    };
    if let Some(input) = specs.iter_mut().find_map(|s| s.stdin.take()) {
        tokio::spawn(feed_stdin(channel.clone(), id, input));
    }
    let steps: Vec<(Option<Duration>, Option<OutputSink>)> = specs
        .into_iter()
        .map(|s| (s.timeout, s.on_output))
        .collect();

    let mut outputs = Vec::with_capacity(steps.len());
    let mut stdout = Capture::new(limit);
    let mut stderr = Capture::new(limit);
    let mut step_started = Instant::now();
    let result = loop {
        let (timeout, sink) = steps.get(outputs.len()).cloned().unwrap_or_default();
        let backstop = timeout
            .and_then(|t| tokio::time::Instant::from_std(step_started).checked_add(t + BACKSTOP));
        let next = match backstop {
            Some(at) => match tokio::time::timeout_at(at, replies.next()).await {
                Ok(next) => next,
                Err(_) => {
                    channel.close("it did not end a step long after its timeout".into());
                    kill_marked(inner, &marker).await;
                    break Err(timeout_error(timeout, &stdout, &stderr));
                }
            },
            None => replies.next().await,
        };
        let frame = match next {
            Ok(frame) => frame,
            Err(reason) => {
                kill_marked(inner, &marker).await;
                break Err(Error::RunnerLost {
                    reason,
                    stdout: stdout.text(),
                    stderr: stderr.text(),
                });
            }
        };
        match frame.kind {
            Kind::Stdout | Kind::Stderr => {
                let stream = if frame.kind == Kind::Stdout {
                    OutputStream::Stdout
                } else {
                    OutputStream::Stderr
                };
                if let Some(sink) = &sink {
                    sink(stream, &frame.body);
                }
                match stream {
                    OutputStream::Stdout => stdout.push(&frame.body),
                    OutputStream::Stderr => stderr.push(&frame.body),
                }
            }
            Kind::StepEnd => {
                let end: StepEnd = match serde_json::from_slice(&frame.body) {
                    Ok(end) => end,
                    Err(e) => break Err(broken(channel, format!("a bad step end: {e}"))),
                };
                if end.timed_out {
                    // The runner killed the step's tree and ends the request.
                    guard.armed = false;
                    break Err(timeout_error(timeout, &stdout, &stderr));
                }
                let (out, err) = (
                    std::mem::replace(&mut stdout, Capture::new(limit)),
                    std::mem::replace(&mut stderr, Capture::new(limit)),
                );
                outputs.push(ExecOutput {
                    exit_code: end.exit_code,
                    truncated: end.truncated || out.truncated || err.truncated,
                    stdout: out.data,
                    stderr: err.data,
                    duration: step_started.elapsed(),
                });
                step_started = Instant::now();
            }
            Kind::Done => {
                guard.armed = false;
                let _: Option<Done> = serde_json::from_slice(&frame.body).ok();
                break Ok(std::mem::take(&mut outputs));
            }
            Kind::Failed => {
                guard.armed = false;
                let message = serde_json::from_slice::<Failed>(&frame.body)
                    .map_or_else(|e| format!("a bad failure message: {e}"), |f| f.message);
                break Err(Error::SandboxCommand {
                    action: "running a step through the in-sandbox runner".into(),
                    reason: message,
                });
            }
            other => {
                break Err(broken(channel, format!("{other:?} in the middle of a run")));
            }
        }
    };
    Sent::Ran(result)
}

/// A runner that breaks the protocol is not used again.
fn broken(channel: &Channel, why: String) -> Error {
    channel.close(why.clone());
    Error::SandboxCommand {
        action: "talking to the in-sandbox runner".into(),
        reason: why,
    }
}

fn timeout_error(timeout: Option<Duration>, stdout: &Capture, stderr: &Capture) -> Error {
    Error::Timeout {
        timeout: timeout.unwrap_or_default(),
        stdout: stdout.text(),
        stderr: stderr.text(),
    }
}

/// Stream the caller's standard input to the runner, then end it.
async fn feed_stdin(channel: Arc<Channel>, id: u64, mut input: ProcessInput) {
    let mut buffer = vec![0u8; OUTPUT_CHUNK];
    loop {
        match input.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if channel.send(Kind::Stdin, id, &buffer[..n]).await.is_err() {
                    return;
                }
            }
        }
    }
    let _ = channel.send(Kind::StdinEnd, id, b"").await;
}

/// Cancels the request in the runner (killing its running step's tree)
/// when the caller gives up on it before it ended.
struct CancelOnDrop {
    channel: Arc<Channel>,
    id: u64,
    armed: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if self.armed {
            self.channel.cancel_later(self.id);
        }
    }
}
