//! A container as a [`Sandbox`]: processes through the exec API, files
//! through the archive API where it works (faster than tar over exec).

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use bollard::container::LogOutput;
use bollard::exec::{CreateExecOptions, StartExecOptions, StartExecResults};
use bollard::query_parameters::{DownloadFromContainerOptions, UploadToContainerOptions};
use futures_util::StreamExt;

use super::EngineApi;
use crate::archive::ExtractLimits;
use crate::backend::{ExecUser, OutputStream, Process, ProcessSpec, Sandbox, tar_exec};
use crate::error::{Error, Result};
use crate::plan::SandboxFile;

/// How files are written into (and read out of) a container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileTransport {
    /// The engine's archive API: fastest, but it reads and writes the image
    /// layer only (not tmpfs or volume mounts, not a read-only root) and
    /// files belong to root.
    Archive,
    /// Tar over exec as the sandbox's user (the seam's default).
    Exec,
}

/// A tar archive for the archive API: small ones in memory, large ones streamed.
enum Tar {
    Bytes(Vec<u8>),
    Stream(crate::backend::ByteStream),
}

/// One container of a Docker-compatible engine.
#[derive(Debug)]
pub(crate) struct ApiSandbox {
    api: EngineApi,
    id: String,
    image: String,
    transport: FileTransport,
}

impl ApiSandbox {
    pub(crate) fn new(api: EngineApi, id: String, image: String, transport: FileTransport) -> Self {
        ApiSandbox {
            api,
            id,
            image,
            transport,
        }
    }

    /// Upload a tar to `/` through the archive API.
    async fn upload(&self, tar: Tar, action: &str) -> Result<()> {
        let options = UploadToContainerOptions {
            path: "/".into(),
            ..Default::default()
        };
        let body = match tar {
            Tar::Bytes(bytes) => bollard::body_full(bytes.into()),
            Tar::Stream(stream) => bollard::body_try_stream(stream),
        };
        self.api
            .client
            .upload_to_container(&self.id, Some(options), body)
            .await
            .map_err(|e| self.api.error(action, e))
    }
}

#[async_trait]
impl Sandbox for ApiSandbox {
    fn id(&self) -> &str {
        &self.id
    }

    fn image(&self) -> &str {
        &self.image
    }

    async fn spawn(&self, spec: ProcessSpec) -> Result<Process> {
        let user = match spec.user {
            ExecUser::Sandbox => None,
            ExecUser::Root => Some("0".to_string()),
            ExecUser::Named(name) => Some(name),
        };
        let created = self
            .api
            .client
            .create_exec(
                &self.id,
                CreateExecOptions {
                    cmd: Some(spec.argv),
                    env: Some(spec.env.iter().map(|(k, v)| format!("{k}={v}")).collect()),
                    working_dir: spec.workdir,
                    user,
                    attach_stdin: Some(spec.stdin),
                    attach_stdout: Some(true),
                    attach_stderr: Some(true),
                    tty: Some(false),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| self.api.error("create exec", e))?;
        let started = self
            .api
            .client
            .start_exec(
                &created.id,
                Some(StartExecOptions {
                    detach: false,
                    tty: false,
                    output_capacity: None,
                }),
            )
            .await
            .map_err(|e| self.api.error("start exec", e))?;
        let StartExecResults::Attached { output, input } = started else {
            return Err(Error::Engine {
                engine: self.api.engine,
                action: "start exec".into(),
                reason: "the engine did not attach to the process".into(),
                status: None,
                source: None,
            });
        };
        let engine = self.api.engine;
        let output = output
            .filter_map(move |chunk| async move {
                match chunk {
                    Ok(LogOutput::StdOut { message } | LogOutput::Console { message }) => {
                        Some(Ok((OutputStream::Stdout, message)))
                    }
                    Ok(LogOutput::StdErr { message }) => Some(Ok((OutputStream::Stderr, message))),
                    Ok(LogOutput::StdIn { .. }) => None,
                    Err(e) => Some(Err(super::engine_error(engine, "read exec output", e))),
                }
            })
            .boxed();
        let api = self.api.clone();
        let exec_id = created.id;
        let exit = Box::pin(async move { exit_code(&api, &exec_id).await });
        let stdin = spec
            .stdin
            .then(|| Box::new(input) as Box<dyn tokio::io::AsyncWrite + Send + Unpin>);
        Ok(Process::new(stdin, output, exit))
    }

    async fn write_files(&self, files: &[SandboxFile]) -> Result<()> {
        if self.transport == FileTransport::Exec || files.is_empty() {
            return tar_exec::write_files(self, files).await;
        }
        let tar = crate::archive::tar_of(files).map_err(|e| Error::io("<plan files>", e))?;
        self.upload(Tar::Bytes(tar), "write files").await
    }

    async fn copy_in(&self, source: &Path, dest: &str) -> Result<()> {
        if self.transport == FileTransport::Exec {
            return tar_exec::copy_in(self, source, dest).await;
        }
        tar_exec::check_destination(dest)?;
        let stream = crate::archive::tar_stream(source.to_path_buf(), dest.to_string())?;
        self.upload(
            Tar::Stream(Box::pin(stream)),
            &format!("copy {} in", source.display()),
        )
        .await
    }

    async fn copy_out(&self, source: &str, dest: &Path, limits: &ExtractLimits) -> Result<u64> {
        let stream = self.archive_out(source).await?;
        // Surface "no such file" before touching the host.
        let mut stream = Box::pin(stream.peekable());
        if let Some(Err(e)) = stream.as_mut().peek().await {
            return Err(Error::Engine {
                engine: self.api.engine,
                action: format!("copy {source} out"),
                reason: e.to_string(),
                status: None,
                source: None,
            });
        }
        let reader = tokio_util::io::StreamReader::new(stream);
        Ok(crate::archive::extract_stream(reader, dest.to_path_buf(), *limits).await?)
    }

    async fn archive_out(&self, source: &str) -> Result<crate::backend::ByteStream> {
        // The archive API reads the image layer only: files in the tmpfs
        // work dir of a read-only sandbox are invisible to it.
        if self.transport == FileTransport::Exec {
            return tar_exec::archive_out(self, source).await;
        }
        let options = DownloadFromContainerOptions {
            path: source.to_string(),
        };
        let stream = self
            .api
            .client
            .download_from_container(&self.id, Some(options))
            .map(|chunk| chunk.map_err(std::io::Error::other));
        Ok(Box::pin(stream))
    }

    async fn remove(&self) -> Result<()> {
        self.api.remove_container(&self.id).await
    }

    fn remove_blocking(&self) {
        self.api.remove_blocking(&self.id, false);
    }
}

/// The exit code of a finished exec. The output stream can end a moment
/// before the engine records it; poll briefly.
async fn exit_code(api: &EngineApi, exec_id: &str) -> Result<i64> {
    for attempt in 0..50u64 {
        let inspect = api
            .client
            .inspect_exec(exec_id)
            .await
            .map_err(|e| api.error("inspect exec", e))?;
        if inspect.running != Some(true)
            && let Some(code) = inspect.exit_code
        {
            return Ok(code);
        }
        tokio::time::sleep(Duration::from_millis(2 + attempt * 2)).await;
    }
    Err(Error::Engine {
        engine: api.engine,
        action: "exec".into(),
        reason: "the engine never reported the exit code".into(),
        status: None,
        source: None,
    })
}
