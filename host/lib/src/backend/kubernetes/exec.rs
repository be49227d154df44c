//! Processes in a pod: the API server's `exec` over WebSocket, with
//! standard output and standard error on their own channels and the exit
//! status from the status channel.
//!
//! Kubernetes' exec has no working directory, environment or user: every
//! process starts under a small `sh` wrapper that changes directory, exports
//! the environment and then becomes the program.
//!
//! Standard input needs care. Servers before 1.29 speak only version 4 of
//! the channel protocol, which cannot close standard input alone: a client
//! that wants to send end-of-file must close the whole connection, losing
//! the rest of the output and the exit status. So standard input goes in
//! frames (`<length>\n<bytes>`, and `0\n` for end-of-file) that the wrapper
//! turns back into a byte stream with `read` and `head -c`: the connection
//! stays open until the process exits, on every server version.

use std::future::Future;

use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Status;
use kube::Api;
use kube::api::AttachParams;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::ENGINE;
use crate::backend::{OutputStream, Process, ProcessSpec};
use crate::error::{Error, Result};

/// `sh -c` wrapper: `$1` work dir, `$2` how many `NAME=value` follow, then
/// the program and its arguments.
const WRAPPER: &str = r#"cd -- "$1" || exit 125
shift
n=$1
shift
while [ "$n" -gt 0 ]; do export "$1"; shift; n=$((n - 1)); done
exec "$@""#;

/// As [`WRAPPER`], with standard input decoded from frames. The decoder
/// feeds the program through a FIFO and is killed when the program ends, so
/// a program that dies early (the runner, killed) ends the exec at once
/// instead of leaving the decoder waiting for more input. Where no FIFO can
/// be made, a pipeline does the same but then waits for the end frame.
const WRAPPER_FRAMED: &str = r#"cd -- "$1" || exit 125
shift
n=$1
shift
while [ "$n" -gt 0 ]; do export "$1"; shift; n=$((n - 1)); done
decode() { while read -r len && [ "$len" -gt 0 ]; do head -c "$len" || return 0; done; }
exec 3<&0
for d in /.llm-sandbox "${TMPDIR:-/tmp}" "$PWD"; do
  f="$d/.llm-sandbox-stdin.$$"
  if mkfifo -m 600 "$f" 2>/dev/null; then
    decode <&3 >"$f" 2>/dev/null &
    "$@" <"$f" 3<&-
    s=$?
    kill $! 2>/dev/null
    rm -f "$f"
    exit $s
  fi
done
decode <&3 2>/dev/null | "$@" 3<&-"#;

/// Largest frame of standard input.
const FRAME: usize = 64 << 10;

/// Buffer of each output channel between the WebSocket and our reader.
const CHANNEL_BUFFER: usize = 256 << 10;

/// The `exec` argv for `spec`, run in `workdir` (the spec's own, else the
/// sandbox's).
pub(super) fn wrapped_argv(spec: &ProcessSpec, workdir: &str) -> Result<Vec<String>> {
    if spec.argv.is_empty() {
        return Err(Error::InvalidConfig("cannot run an empty command".into()));
    }
    for (name, _) in &spec.env {
        let valid = !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(Error::InvalidConfig(format!(
                "environment variable name `{name}` cannot be passed to a Kubernetes exec; use letters, digits and `_`"
            )));
        }
    }
    let script = if spec.stdin { WRAPPER_FRAMED } else { WRAPPER };
    let mut argv = vec![
        "sh".to_string(),
        "-c".to_string(),
        script.to_string(),
        "sh".to_string(),
        spec.workdir.clone().unwrap_or_else(|| workdir.to_string()),
        spec.env.len().to_string(),
    ];
    argv.extend(spec.env.iter().map(|(k, v)| format!("{k}={v}")));
    argv.extend(spec.argv.iter().cloned());
    Ok(argv)
}

/// Start `argv` (already wrapped) in `container` of pod `pod`.
pub(super) async fn spawn(
    pods: &Api<Pod>,
    pod: &str,
    container: &str,
    argv: Vec<String>,
    stdin: bool,
) -> Result<Process> {
    let params = AttachParams {
        container: Some(container.to_string()),
        stdin,
        stdout: true,
        stderr: true,
        tty: false,
        max_stdin_buf_size: Some(FRAME + 32),
        max_stdout_buf_size: Some(CHANNEL_BUFFER),
        max_stderr_buf_size: Some(CHANNEL_BUFFER),
    };
    let mut attached = pods
        .exec(pod, argv, &params)
        .await
        .map_err(|e| super::api_error(&format!("exec in pod {pod}"), e))?;
    let stdout = attached.stdout().map(|r| channel(r, OutputStream::Stdout));
    let stderr = attached.stderr().map(|r| channel(r, OutputStream::Stderr));
    let output = match (stdout, stderr) {
        (Some(out), Some(err)) => futures_util::stream::select(out, err).boxed(),
        (Some(one), None) | (None, Some(one)) => one.boxed(),
        (None, None) => futures_util::stream::empty().boxed(),
    };
    // The framing task holds the connection's stdin writer until the
    // process ends: dropping it would close the connection (protocol v4).
    let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
    let writer = match attached.stdin() {
        Some(raw) => {
            let (ours, theirs) = tokio::io::simplex(FRAME);
            tokio::spawn(frame_stdin(ours, raw, done_rx));
            Some(Box::new(theirs) as Box<dyn tokio::io::AsyncWrite + Send + Unpin>)
        }
        None => None,
    };
    // kube's exec task stops without closing the output channels when no
    // one awaits the status (a caller that keeps only the output of a
    // long-lived process drops the exit future): a task of ours always
    // takes the status, and hands it on to whoever still wants it.
    let status = attached.take_status();
    let (status_tx, status_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let status = match status {
            Some(status) => status.await,
            None => None,
        };
        let _ = status_tx.send(status);
    });
    // The connection lives as long as the output is read: a caller may keep
    // the output and stdin of a long-lived process (the runner) and drop
    // the rest of it.
    let keep = (attached, done_tx);
    let output = output
        .map(move |chunk| {
            let _ = &keep;
            chunk
        })
        .boxed();
    let pod = pod.to_string();
    let exit: BoxFuture<'static, Result<i64>> =
        Box::pin(async move { exit_code(&pod, status_rx.await.ok().flatten()) });
    Ok(Process::new(writer, output, exit))
}

/// One output channel as a stream of chunks.
fn channel(
    reader: tokio::io::ReadHalf<tokio::io::SimplexStream>,
    stream: OutputStream,
) -> impl futures_util::Stream<Item = Result<(OutputStream, Bytes)>> + Send + 'static {
    tokio_util::io::ReaderStream::with_capacity(reader, CHANNEL_BUFFER).map(move |chunk| {
        chunk
            .map(|bytes| (stream, bytes))
            .map_err(|e| Error::Engine {
                engine: ENGINE,
                action: "read the exec's output".into(),
                reason: e.to_string(),
                status: None,
                source: Some(Box::new(e)),
            })
    })
}

/// Copy what the caller writes into `raw` as frames; at the caller's
/// end-of-file send the end frame, then keep `raw` open until `done`.
async fn frame_stdin(
    mut ours: tokio::io::ReadHalf<tokio::io::SimplexStream>,
    mut raw: tokio::io::WriteHalf<tokio::io::SimplexStream>,
    done: impl Future<Output = std::result::Result<(), tokio::sync::oneshot::error::RecvError>>,
) {
    let pump = async {
        let mut buf = vec![0u8; FRAME];
        loop {
            let n = match ours.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut frame = Vec::with_capacity(n + 8);
            frame.extend_from_slice(format!("{n}\n").as_bytes());
            frame.extend_from_slice(&buf[..n]);
            if raw.write_all(&frame).await.is_err() {
                return;
            }
        }
        let _ = raw.write_all(b"0\n").await;
        let _ = raw.flush().await;
    };
    tokio::pin!(done);
    tokio::select! {
        _ = pump => { let _ = done.await; }
        _ = &mut done => {}
    }
    drop(raw);
}

/// The exit code a status-channel message carries.
pub(super) fn exit_code(pod: &str, status: Option<Status>) -> Result<i64> {
    let failed = |reason: String| Error::Engine {
        engine: ENGINE,
        action: format!("exec in pod {pod}"),
        reason,
        status: None,
        source: None,
    };
    let Some(status) = status else {
        return Err(failed(
            "the connection ended without an exit status (the pod may have been deleted)".into(),
        ));
    };
    if status.status.as_deref() == Some("Success") {
        return Ok(0);
    }
    if status.reason.as_deref() == Some("NonZeroExitCode") {
        let code = status
            .details
            .as_ref()
            .and_then(|d| d.causes.as_ref())
            .into_iter()
            .flatten()
            .find(|c| c.reason.as_deref() == Some("ExitCode"))
            .and_then(|c| c.message.as_deref())
            .and_then(|m| m.trim().parse::<i64>().ok());
        if let Some(code) = code {
            return Ok(code);
        }
    }
    Err(failed(status.message.unwrap_or_else(|| {
        "the exec failed without a message".into()
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{StatusCause, StatusDetails};

    fn nonzero(code: &str) -> Status {
        Status {
            status: Some("Failure".into()),
            reason: Some("NonZeroExitCode".into()),
            message: Some(format!(
                "command terminated with non-zero exit code: {code}"
            )),
            details: Some(StatusDetails {
                causes: Some(vec![StatusCause {
                    reason: Some("ExitCode".into()),
                    message: Some(code.into()),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn exit_codes_come_from_the_status_channel() {
        let ok = Status {
            status: Some("Success".into()),
            ..Default::default()
        };
        assert_eq!(exit_code("p", Some(ok)).unwrap(), 0);
        assert_eq!(exit_code("p", Some(nonzero("3"))).unwrap(), 3);
        assert_eq!(exit_code("p", Some(nonzero("137"))).unwrap(), 137);
    }

    #[test]
    fn a_missing_or_garbled_status_is_an_error_not_a_code() {
        assert!(exit_code("p", None).is_err());
        assert!(exit_code("p", Some(nonzero("three"))).is_err());
        let other = Status {
            status: Some("Failure".into()),
            message: Some("container not found".into()),
            ..Default::default()
        };
        let e = exit_code("p", Some(other)).unwrap_err().to_string();
        assert!(e.contains("container not found"), "{e}");
    }

    #[test]
    fn the_wrapper_takes_workdir_environment_and_program_as_arguments() {
        let spec = ProcessSpec {
            argv: vec!["python3".into(), "-c".into(), "print(1)".into()],
            env: vec![("A".into(), "x y".into())],
            ..Default::default()
        };
        let argv = wrapped_argv(&spec, "/sandbox").unwrap();
        assert_eq!(argv[..2], ["sh", "-c"]);
        assert_eq!(
            argv[3..],
            ["sh", "/sandbox", "1", "A=x y", "python3", "-c", "print(1)"]
        );
        let bad = ProcessSpec {
            argv: vec!["true".into()],
            env: vec![("A;rm".into(), "1".into())],
            ..Default::default()
        };
        assert!(wrapped_argv(&bad, "/").is_err());
    }
}
