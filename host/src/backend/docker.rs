//! The Docker backend, on bollard. Also serves Podman through its
//! Docker-compatible API (point `DOCKER_HOST` at `podman system service`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use bollard::Docker;
use bollard::container::LogOutput;
use bollard::exec::{CreateExecOptions, StartExecOptions, StartExecResults};
use bollard::models::{ContainerCreateBody, HostConfig};
use bollard::query_parameters::{
    CreateContainerOptions, CreateImageOptionsBuilder, ListContainersOptions,
    RemoveContainerOptions, UploadToContainerOptions,
};
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use super::{
    Backend, DEFAULT_OUTPUT_LIMIT, ExecOutput, ExecSpec, MANAGED_LABEL, OutputStream, Progress,
    ProgressSink, SandboxSpec,
};
use crate::error::{Error, Result};
use crate::plan::SandboxFile;

const ENGINE: &str = "Docker";

/// A Docker (or Docker-compatible) engine.
#[derive(Debug, Clone)]
pub struct DockerBackend {
    client: Docker,
    address: String,
}

impl DockerBackend {
    /// Connect using `DOCKER_HOST`, or the default local socket, and
    /// negotiate the API version with the daemon (Docker 20.10 speaks 1.41).
    pub async fn connect() -> Result<Self> {
        let address = std::env::var("DOCKER_HOST")
            .unwrap_or_else(|_| "unix:///var/run/docker.sock".to_string());
        Self::connect_to(&address).await
    }

    /// Connect to the engine at `address` (`unix:///…`, `tcp://…`, `http://…`).
    pub async fn connect_to(address: &str) -> Result<Self> {
        let address = address.to_string();
        let unreachable = |reason: String| Error::EngineUnreachable {
            engine: ENGINE,
            address: address.clone(),
            reason,
        };
        let client = Docker::connect_with_host(&address).map_err(|e| unreachable(e.to_string()))?;
        let client = client
            .negotiate_version()
            .await
            .map_err(|e| unreachable(e.to_string()))?;
        tracing::debug!(%address, api = %client.client_version(), "connected to Docker");
        Ok(DockerBackend { client, address })
    }

    /// The underlying bollard client, for operations this crate does not wrap.
    pub fn client(&self) -> &Docker {
        &self.client
    }

    /// Every container carrying [`MANAGED_LABEL`], running or not.
    pub async fn managed_containers(&self) -> Result<Vec<ManagedContainer>> {
        let options = ListContainersOptions {
            all: true,
            filters: Some(HashMap::from([(
                "label".to_string(),
                vec![format!("{MANAGED_LABEL}=true")],
            )])),
            ..Default::default()
        };
        let list = self
            .client
            .list_containers(Some(options))
            .await
            .map_err(|e| engine_error("list containers", e))?;
        Ok(list
            .into_iter()
            .map(|c| ManagedContainer {
                id: c.id.unwrap_or_default(),
                name: c
                    .names
                    .and_then(|n| n.into_iter().next())
                    .map(|n| n.trim_start_matches('/').to_string())
                    .unwrap_or_default(),
                labels: c.labels.unwrap_or_default(),
            })
            .collect())
    }

    /// Remove a container at once (forced), ignoring one that is already gone.
    pub async fn remove_by_id(&self, id: &str) -> Result<()> {
        Backend::remove(self, id).await
    }

    /// Whether `image` exists locally.
    pub async fn image_exists(&self, image: &str) -> Result<bool> {
        match self.client.inspect_image(image).await {
            Ok(_) => Ok(true),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(false),
            Err(e) => Err(engine_error("inspect image", e)),
        }
    }

    /// Kill the process tree of a timed-out exec (best effort, as root).
    async fn kill_marked(&self, container: &str, marker: &str) {
        let spec = ExecSpec {
            argv: [
                "sh",
                "-c",
                KILL_MARKED,
                "sh",
                &format!("{EXEC_MARKER}={marker}"),
            ]
            .map(String::from)
            .to_vec(),
            user: Some("0".into()),
            timeout: Some(Duration::from_secs(10)),
            ..Default::default()
        };
        match Box::pin(self.exec(container, spec)).await {
            Ok(out) if out.exit_code == 0 => tracing::debug!(marker, "killed timed-out processes"),
            Ok(out) => tracing::warn!(
                "could not kill the timed-out processes (exit {}): {}",
                out.exit_code,
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => tracing::warn!("could not kill the timed-out processes: {e}"),
        }
    }

    async fn exit_code(&self, exec_id: &str) -> Result<i64> {
        // The output stream can end a moment before the engine records the
        // exit code; poll briefly.
        for attempt in 0..50u64 {
            let inspect = self
                .client
                .inspect_exec(exec_id)
                .await
                .map_err(|e| engine_error("inspect exec", e))?;
            if inspect.running != Some(true)
                && let Some(code) = inspect.exit_code
            {
                return Ok(code);
            }
            tokio::time::sleep(Duration::from_millis(2 + attempt * 2)).await;
        }
        Err(Error::Engine {
            engine: ENGINE,
            action: "exec".into(),
            reason: "the engine never reported the exit code".into(),
        })
    }
}

/// Environment variable that tags the processes of one exec.
const EXEC_MARKER: &str = "LLM_SANDBOX_EXEC";

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

fn engine_error(action: &str, e: bollard::errors::Error) -> Error {
    let reason = match e {
        bollard::errors::Error::DockerResponseServerError { message, .. } => message,
        other => other.to_string(),
    };
    Error::Engine {
        engine: ENGINE,
        action: action.to_string(),
        reason,
    }
}

/// Removes a container when dropped, unless disarmed.
struct RemoveOnDrop<'a> {
    backend: &'a DockerBackend,
    id: Option<String>,
}

impl RemoveOnDrop<'_> {
    fn disarm(mut self) -> String {
        self.id.take().unwrap_or_default()
    }
}

impl Drop for RemoveOnDrop<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            self.backend.remove_blocking(&id);
        }
    }
}

/// A container of ours, as listed by the engine.
#[derive(Debug, Clone)]
pub struct ManagedContainer {
    /// Container id.
    pub id: String,
    /// Container name (without the leading `/`).
    pub name: String,
    /// Its labels.
    pub labels: HashMap<String, String>,
}

/// Captured output of one stream, capped.
struct Capture {
    data: Vec<u8>,
    limit: usize,
    truncated: bool,
}

impl Capture {
    fn push(&mut self, bytes: &[u8]) {
        let room = self.limit.saturating_sub(self.data.len());
        if bytes.len() > room {
            self.truncated = true;
        }
        self.data.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}

#[async_trait]
impl Backend for DockerBackend {
    fn name(&self) -> &'static str {
        ENGINE
    }

    async fn ensure_image(
        &self,
        image: &str,
        hint: &str,
        progress: Option<ProgressSink>,
    ) -> Result<()> {
        if self.image_exists(image).await? {
            return Ok(());
        }
        tracing::info!(image, "pulling image");
        let options = CreateImageOptionsBuilder::new().from_image(image).build();
        let mut stream = self.client.create_image(Some(options), None, None);
        let unavailable = |reason: String| Error::ImageUnavailable {
            image: image.to_string(),
            hint: hint.to_string(),
            reason,
        };
        while let Some(event) = stream.next().await {
            let event = event.map_err(|e| unavailable(engine_error("pull", e).to_string()))?;
            if let Some(detail) = event.error_detail {
                return Err(unavailable(detail.message.unwrap_or_default()));
            }
            if let Some(sink) = &progress {
                let detail = event.progress_detail.unwrap_or_default();
                sink(&Progress {
                    image: image.to_string(),
                    layer: event.id,
                    status: event.status.unwrap_or_default(),
                    current: detail.current.and_then(|v| u64::try_from(v).ok()),
                    total: detail.total.and_then(|v| u64::try_from(v).ok()),
                });
            }
        }
        if self.image_exists(image).await? {
            Ok(())
        } else {
            Err(unavailable(
                "the pull finished but the image is not there".into(),
            ))
        }
    }

    async fn create(&self, spec: &SandboxSpec) -> Result<String> {
        let mut labels: HashMap<String, String> = spec.labels.clone().into_iter().collect();
        labels.insert(MANAGED_LABEL.to_string(), "true".to_string());
        let body = ContainerCreateBody {
            image: Some(spec.image.clone()),
            // A do-nothing main process keeps the container alive between
            // execs; docker-init (init: true) reaps orphans of user code.
            entrypoint: Some(vec!["sleep".into()]),
            cmd: Some(vec!["infinity".into()]),
            working_dir: Some(spec.workdir.clone()),
            env: Some(spec.env.iter().map(|(k, v)| format!("{k}={v}")).collect()),
            labels: Some(labels),
            tty: Some(false),
            host_config: Some(HostConfig {
                init: Some(true),
                ..Default::default()
            }),
            ..Default::default()
        };
        let options = CreateContainerOptions {
            name: Some(spec.name.clone()),
            ..Default::default()
        };
        let created = self
            .client
            .create_container(Some(options), body)
            .await
            .map_err(|e| engine_error(&format!("create container from `{}`", spec.image), e))?;
        // If this future is dropped (cancelled) before returning the id, the
        // guard removes the container: nobody else knows about it yet.
        let guard = RemoveOnDrop {
            backend: self,
            id: Some(created.id.clone()),
        };
        if let Err(e) = self.client.start_container(&created.id, None).await {
            return Err(engine_error("start container", e));
        }
        Ok(guard.disarm())
    }

    async fn write_files(&self, id: &str, files: &[SandboxFile]) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let tar = super::archive::tar_of(files).map_err(|e| Error::Engine {
            engine: ENGINE,
            action: "build archive".into(),
            reason: e.to_string(),
        })?;
        let options = UploadToContainerOptions {
            path: "/".into(),
            ..Default::default()
        };
        self.client
            .upload_to_container(id, Some(options), bollard::body_full(tar.into()))
            .await
            .map_err(|e| engine_error("upload files", e))
    }

    async fn exec(&self, id: &str, spec: ExecSpec) -> Result<ExecOutput> {
        let started = Instant::now();
        // Every process of this exec, and every descendant that keeps its
        // environment, carries the marker; a timeout kills them by it.
        let marker = crate::unique_id();
        let mut env: Vec<String> = spec.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        env.push(format!("{EXEC_MARKER}={marker}"));
        let created = self
            .client
            .create_exec(
                id,
                CreateExecOptions {
                    cmd: Some(spec.argv.clone()),
                    env: Some(env),
                    working_dir: spec.workdir.clone(),
                    user: spec.user.clone(),
                    attach_stdin: Some(spec.stdin.is_some()),
                    attach_stdout: Some(true),
                    attach_stderr: Some(true),
                    tty: Some(false),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| engine_error("create exec", e))?;
        let started_exec = self
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
            .map_err(|e| engine_error("start exec", e))?;
        let StartExecResults::Attached {
            mut output,
            mut input,
        } = started_exec
        else {
            return Err(Error::Engine {
                engine: ENGINE,
                action: "start exec".into(),
                reason: "the engine did not attach to the process".into(),
            });
        };
        if let Some(stdin) = spec.stdin {
            // Write from a task so a program that does not read its input
            // cannot block us; closing the writer sends EOF.
            tokio::spawn(async move {
                let _ = input.write_all(&stdin).await;
                let _ = input.shutdown().await;
            });
        } else {
            drop(input);
        }
        let limit = if spec.output_limit == 0 {
            DEFAULT_OUTPUT_LIMIT
        } else {
            spec.output_limit
        };
        let mut stdout = Capture {
            data: Vec::new(),
            limit,
            truncated: false,
        };
        let mut stderr = Capture {
            data: Vec::new(),
            limit,
            truncated: false,
        };
        // A limit too large to represent is no limit.
        let deadline = spec
            .timeout
            .and_then(|t| tokio::time::Instant::now().checked_add(t));
        loop {
            let next = match deadline {
                Some(deadline) => match tokio::time::timeout_at(deadline, output.next()).await {
                    Ok(next) => next,
                    Err(_) => {
                        self.kill_marked(id, &marker).await;
                        return Err(Error::Timeout {
                            timeout: spec.timeout.unwrap_or_default(),
                            stdout: String::from_utf8_lossy(&stdout.data).into_owned(),
                            stderr: String::from_utf8_lossy(&stderr.data).into_owned(),
                        });
                    }
                },
                None => output.next().await,
            };
            let Some(chunk) = next else { break };
            let (stream, bytes) = match chunk.map_err(|e| engine_error("read exec output", e))? {
                LogOutput::StdOut { message } => (OutputStream::Stdout, message),
                LogOutput::StdErr { message } => (OutputStream::Stderr, message),
                LogOutput::Console { message } => (OutputStream::Stdout, message),
                LogOutput::StdIn { .. } => continue,
            };
            if let Some(sink) = &spec.on_output {
                sink(stream, &bytes);
            }
            match stream {
                OutputStream::Stdout => stdout.push(&bytes),
                OutputStream::Stderr => stderr.push(&bytes),
            }
        }
        let exit_code = self.exit_code(&created.id).await?;
        Ok(ExecOutput {
            exit_code,
            truncated: stdout.truncated || stderr.truncated,
            stdout: stdout.data,
            stderr: stderr.data,
            duration: started.elapsed(),
        })
    }

    async fn remove(&self, id: &str) -> Result<()> {
        // A forced remove kills the container with SIGKILL right away: no
        // 10-second graceful stop for a sandbox nobody needs any more.
        let options = RemoveContainerOptions {
            force: true,
            v: true,
            ..Default::default()
        };
        match self.client.remove_container(id, Some(options)).await {
            Ok(()) => Ok(()),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(()),
            Err(e) => Err(engine_error("remove container", e)),
        }
    }

    fn remove_blocking(&self, id: &str) {
        // A fresh thread with its own runtime and client: works whether or
        // not the caller's runtime is alive (or is shutting down).
        let id = id.to_string();
        let address = self.address.clone();
        let result = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let backend = DockerBackend::connect_to(&address)
                    .await
                    .map_err(|e| e.to_string())?;
                backend.remove(&id).await.map_err(|e| e.to_string())
            })
        })
        .join();
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!("could not remove the sandbox container: {e}"),
            Err(_) => tracing::warn!("the sandbox cleanup thread panicked"),
        }
    }
}
