//! The attached process every backend provides, and running one to
//! completion on top of it: output capped and streamed, a timeout that kills
//! the whole process tree, the exit code at the end.

use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::{
    DEFAULT_OUTPUT_LIMIT, ExecOutput, ExecSpec, ExecUser, OutputStream, ProcessSpec, Sandbox,
};
use crate::error::{Error, Result};

/// A started process, attached: write its standard input, read its output,
/// then wait for its exit code.
pub struct Process {
    /// Its standard input, when [`ProcessSpec::stdin`] asked for one;
    /// dropping (or shutting down) the writer sends end-of-file.
    pub stdin: Option<Box<dyn AsyncWrite + Send + Unpin>>,
    /// Its output, in order, until the process closes both streams.
    pub output: BoxStream<'static, Result<(OutputStream, Bytes)>>,
    pub(super) exit: BoxFuture<'static, Result<i64>>,
}

impl Process {
    /// A process from its parts; `exit` is polled only once `output` ended.
    pub fn new(
        stdin: Option<Box<dyn AsyncWrite + Send + Unpin>>,
        output: BoxStream<'static, Result<(OutputStream, Bytes)>>,
        exit: BoxFuture<'static, Result<i64>>,
    ) -> Self {
        Process {
            stdin,
            output,
            exit,
        }
    }

    /// The exit code (128 + signal number when killed by a signal). Call
    /// after the output stream ended.
    pub async fn wait(self) -> Result<i64> {
        self.exit.await
    }
}

impl std::fmt::Debug for Process {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Process").finish_non_exhaustive()
    }
}

/// Environment variable that tags the processes of one exec.
pub(crate) const EXEC_MARKER: &str = "LLM_SANDBOX_EXEC";

/// Kills every process whose environment holds `$1` (twice, to catch
/// processes forked while the first pass ran). Needs only sh, tr and grep.
const KILL_MARKED: &str = r#"for pass in 1 2; do
  for p in /proc/[0-9]*; do
    if tr '\0' '\n' < "$p/environ" 2>/dev/null | grep -qx "$1"; then
      kill -9 "${p#/proc/}" 2>/dev/null
    fi
  done
done
exit 0"#;

/// Run one process to completion on `sandbox`: feed its input, stream and
/// cap its output, and on timeout kill every process of this exec (found by
/// a marker in their environment: root where the sandbox allows it, else
/// the sandbox's user, who can kill its own processes).
pub async fn run_to_completion<S: Sandbox + ?Sized>(
    sandbox: &S,
    spec: ExecSpec,
) -> Result<ExecOutput> {
    let started = Instant::now();
    let marker = crate::unique_id();
    let mut env = spec.env;
    env.push((EXEC_MARKER.to_string(), marker.clone()));
    let mut process = sandbox
        .spawn(ProcessSpec {
            argv: spec.argv,
            workdir: spec.workdir,
            env,
            user: spec.user,
            stdin: spec.stdin.is_some(),
        })
        .await?;
    if let (Some(mut input), Some(mut writer)) = (spec.stdin, process.stdin.take()) {
        // Copy from a task so a program that does not read its input cannot
        // block us; closing the writer sends end-of-file.
        tokio::spawn(async move {
            let _ = tokio::io::copy(&mut input, &mut writer).await;
            let _ = writer.shutdown().await;
        });
    }
    let limit = output_limit(spec.output_limit);
    let mut stdout = Capture::new(limit);
    let mut stderr = Capture::new(limit);
    // A limit too large to represent is no limit.
    let deadline = spec
        .timeout
        .and_then(|t| tokio::time::Instant::now().checked_add(t));
    loop {
        let next = match deadline {
            Some(deadline) => {
                match tokio::time::timeout_at(deadline, process.output.next()).await {
                    Ok(next) => next,
                    Err(_) => {
                        drop(process);
                        kill_marked(sandbox, &marker).await;
                        return Err(Error::Timeout {
                            timeout: spec.timeout.unwrap_or_default(),
                            stdout: stdout.text(),
                            stderr: stderr.text(),
                        });
                    }
                }
            }
            None => process.output.next().await,
        };
        let Some(chunk) = next else { break };
        let (stream, bytes) = chunk?;
        if let Some(sink) = &spec.on_output {
            sink(stream, &bytes);
        }
        match stream {
            OutputStream::Stdout => stdout.push(&bytes),
            OutputStream::Stderr => stderr.push(&bytes),
        }
    }
    let exit_code = process.wait().await?;
    Ok(ExecOutput {
        exit_code,
        truncated: stdout.truncated || stderr.truncated,
        stdout: stdout.data,
        stderr: stderr.data,
        duration: started.elapsed(),
    })
}

/// The cap on captured output per stream for an [`ExecSpec::output_limit`].
pub(crate) fn output_limit(asked: usize) -> usize {
    if asked == 0 {
        DEFAULT_OUTPUT_LIMIT
    } else {
        asked
    }
}

/// Kill every process carrying `marker` in [`EXEC_MARKER`] (best effort):
/// the process tree of a timed-out exec.
pub(crate) async fn kill_marked<S: Sandbox + ?Sized>(sandbox: &S, marker: &str) {
    let users = if sandbox.can_run_as_root() {
        vec![ExecUser::Root, ExecUser::Sandbox]
    } else {
        vec![ExecUser::Sandbox]
    };
    for user in users {
        let spec = ExecSpec {
            user: user.clone(),
            timeout: Some(Duration::from_secs(10)),
            ..ExecSpec::new([
                "sh",
                "-c",
                KILL_MARKED,
                "sh",
                &format!("{EXEC_MARKER}={marker}"),
            ])
        };
        match Box::pin(run_to_completion(sandbox, spec)).await {
            Ok(out) if out.exit_code == 0 => {
                tracing::debug!(marker, ?user, "killed timed-out processes");
                return;
            }
            Ok(out) => tracing::warn!(
                ?user,
                "could not kill the timed-out processes (exit {}): {}",
                out.exit_code,
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => tracing::warn!(?user, "could not kill the timed-out processes: {e}"),
        }
    }
}

/// Captured output of one stream, capped.
pub(crate) struct Capture {
    pub(crate) data: Vec<u8>,
    limit: usize,
    pub(crate) truncated: bool,
}

impl Capture {
    pub(crate) fn new(limit: usize) -> Self {
        Capture {
            data: Vec::new(),
            limit,
            truncated: false,
        }
    }

    /// What was captured, decoded lossily.
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }

    /// How many more bytes it keeps.
    pub(crate) fn room(&self) -> usize {
        self.limit.saturating_sub(self.data.len())
    }

    pub(crate) fn push(&mut self, bytes: &[u8]) {
        let room = self.room();
        if bytes.len() > room {
            self.truncated = true;
        }
        self.data.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}
