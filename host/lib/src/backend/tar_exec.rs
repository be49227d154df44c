//! File transfer as tar over the attached exec: the default for every
//! backend. Files are extracted by `tar` inside the sandbox as the sandbox's
//! user, so they belong to it, and it works on read-only roots with a
//! mounted work dir. Copies out come through the hardened extraction of
//! [`crate::archive`], since the sandbox's tree is hostile.

use std::path::Path;

use bytes::Bytes;
use futures_util::StreamExt;

use super::{ExecSpec, OutputStream, ProcessSpec, Sandbox};
use crate::archive::ExtractLimits;
use crate::error::{Error, Result};
use crate::plan::SandboxFile;

/// Longest a tar extraction inside the sandbox may take.
const TAR_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3600);

/// Extract an archive at `/` in the sandbox, as its user.
async fn untar<S: Sandbox + ?Sized>(
    sandbox: &S,
    input: super::ProcessInput,
    action: &str,
) -> Result<()> {
    let spec = ExecSpec {
        stdin: Some(input),
        timeout: Some(TAR_TIMEOUT),
        ..ExecSpec::new(["tar", "-x", "-f", "-", "-C", "/", "--no-same-owner"])
    };
    let out = sandbox.exec(spec).await?;
    if out.exit_code == 0 {
        Ok(())
    } else {
        Err(Error::in_sandbox(format!("{action} (tar -x)"), &out.stderr))
    }
}

/// Write `files` (absolute paths) into the sandbox.
pub(super) async fn write_files<S: Sandbox + ?Sized>(
    sandbox: &S,
    files: &[SandboxFile],
) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let tar = crate::archive::tar_of(files).map_err(|e| Error::io("<plan files>", e))?;
    untar(sandbox, Box::new(std::io::Cursor::new(tar)), "write files").await
}

/// Refuse destinations that are not absolute or climb with `..`.
pub(super) fn check_destination(dest: &str) -> Result<()> {
    if !dest.starts_with('/') || dest.split('/').any(|c| c == "..") {
        return Err(Error::InvalidConfig(format!(
            "destination `{dest}` must be an absolute path without `..`"
        )));
    }
    Ok(())
}

/// Copy a host file or directory so that it becomes `dest`, streamed.
pub(super) async fn copy_in<S: Sandbox + ?Sized>(
    sandbox: &S,
    source: &Path,
    dest: &str,
) -> Result<()> {
    check_destination(dest)?;
    let stream = crate::archive::tar_stream(source.to_path_buf(), dest.to_string())?;
    let reader = tokio_util::io::StreamReader::new(Box::pin(stream));
    untar(
        sandbox,
        Box::new(reader),
        &format!("copy {} in", source.display()),
    )
    .await
}

/// `tar -c` of `$2` in `$1`, in name order where tar can sort (GNU tar):
/// then a reader that stops at a size cap has seen the same entries as from
/// an engine's archive API, whatever order the directory lists them in.
const TAR_CREATE: &str = r#"if tar --sort=name -c -f /dev/null -T /dev/null 2>/dev/null; then
  exec tar --sort=name -c -f - -C "$1" -- "$2"
fi
exec tar -c -f - -C "$1" -- "$2""#;

/// `tar -c` of `source` inside the sandbox: its output as a stream, and a
/// future that ends with tar's exit code and standard error once the stream
/// is drained (the stream must be read for it to finish).
async fn tar_out<S: Sandbox + ?Sized>(
    sandbox: &S,
    source: &str,
) -> Result<(
    crate::backend::ByteStream,
    impl std::future::Future<Output = (Result<i64>, Vec<u8>)> + Send + 'static,
)> {
    let source = source.trim_end_matches('/');
    let (parent, name) = match source.rsplit_once('/') {
        Some(("", name)) => ("/", name),
        Some((parent, name)) => (parent, name),
        None => ("/", source),
    };
    if name.is_empty() || name == "." || name == ".." {
        return Err(Error::InvalidConfig(format!(
            "cannot copy `{source}` out: name a file or directory"
        )));
    }
    let process = sandbox
        .spawn(ProcessSpec {
            argv: ["sh", "-c", TAR_CREATE, "sh", parent, name]
                .map(String::from)
                .to_vec(),
            ..Default::default()
        })
        .await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(8);
    let mut output = process.output;
    let exit = process.exit;
    let pump = async move {
        let mut stderr = Vec::new();
        while let Some(chunk) = output.next().await {
            match chunk {
                Ok((OutputStream::Stdout, bytes)) => {
                    // A refused archive drops the receiver: keep draining.
                    let _ = tx.send(Ok(bytes)).await;
                }
                Ok((OutputStream::Stderr, bytes)) => {
                    if stderr.len() < 64 << 10 {
                        stderr.extend_from_slice(&bytes);
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                    return (Err(e), stderr);
                }
            }
        }
        drop(tx);
        (exit.await, stderr)
    };
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    Ok((Box::pin(stream), pump))
}

/// `source` out of the sandbox as a tar stream (`tar -c` inside it). A
/// failing `tar` ends the stream with an error saying why.
pub(super) async fn archive_out<S: Sandbox + ?Sized>(
    sandbox: &S,
    source: &str,
) -> Result<crate::backend::ByteStream> {
    let (stream, pump) = tar_out(sandbox, source).await?;
    let action = format!("copy {source} out");
    // The pump feeds the stream from a task of its own; its verdict (tar's
    // exit) is the stream's last item.
    let pump = tokio::spawn(pump);
    let verdict = futures_util::stream::once(async move {
        match pump.await {
            Ok((Ok(0), _)) => None,
            Ok((Ok(_), stderr)) => Some(Err(std::io::Error::other(
                Error::in_sandbox(action, &stderr).to_string(),
            ))),
            Ok((Err(e), _)) => Some(Err(std::io::Error::other(e.to_string()))),
            Err(e) => Some(Err(std::io::Error::other(e.to_string()))),
        }
    })
    .filter_map(|item| async move { item });
    Ok(Box::pin(stream.chain(verdict)))
}

/// Copy `source` out of the sandbox (`tar -c` inside it) so that it becomes
/// `dest` on the host. A failing `tar` (no such file, unreadable entries)
/// wins over whatever the extraction made of its partial output, and leaves
/// nothing at `dest`.
pub(super) async fn copy_out<S: Sandbox + ?Sized>(
    sandbox: &S,
    source: &str,
    dest: &Path,
    limits: &ExtractLimits,
) -> Result<u64> {
    let (stream, pump) = tar_out(sandbox, source).await?;
    let reader = tokio_util::io::StreamReader::new(stream);
    let extract = crate::archive::extract_stream(reader, dest.to_path_buf(), *limits);
    let ((exit, stderr), extracted) = tokio::join!(pump, extract);
    let failure = match exit {
        Ok(0) => return Ok(extracted?),
        Ok(_) => Error::in_sandbox(format!("copy {source} out"), &stderr),
        Err(e) => e,
    };
    if extracted.is_ok() {
        // What the extraction made of a failed tar's output must not stay.
        let _ = std::fs::remove_dir_all(dest).or_else(|_| std::fs::remove_file(dest));
    }
    Err(failure)
}
