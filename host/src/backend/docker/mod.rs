//! The Docker backend, on bollard. Also serves Podman through its
//! Docker-compatible API (point `DOCKER_HOST` at `podman system service`).
//! Image operations (pull, build, commit, remove) live in `images.rs`.

mod host_config;
mod images;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use bollard::Docker;
use bollard::container::LogOutput;
use bollard::exec::{CreateExecOptions, StartExecOptions, StartExecResults};
use bollard::models::ContainerCreateBody;
use bollard::query_parameters::{
    CreateContainerOptions, DownloadFromContainerOptions, ListContainersOptions,
    RemoveContainerOptions, UploadToContainerOptions,
};
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use super::{
    Backend, DEFAULT_OUTPUT_LIMIT, ExecOutput, ExecSpec, MANAGED_LABEL, OutputStream, ProgressSink,
    SandboxSpec,
};
use crate::archive::ExtractLimits;
use crate::error::{Error, Result};
use crate::plan::SandboxFile;

const ENGINE: &str = "Docker";

/// A Docker (or Docker-compatible) engine.
#[derive(Debug, Clone)]
pub struct DockerBackend {
    client: Docker,
    address: String,
    /// What we keep about each sandbox in use, by container id.
    transports: Arc<Mutex<HashMap<String, Tracked>>>,
}

/// What the backend keeps about one sandbox.
#[derive(Debug, Clone)]
struct Tracked {
    transport: FileTransport,
    /// Created by us (forgotten when removed).
    created: bool,
    /// Sessions attached to it (forgotten when the last one releases it).
    attached: usize,
}

/// How files are written into a sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileTransport {
    /// The engine's archive API: fastest, but it writes into the image layer
    /// only (not into tmpfs or volume mounts, not on a read-only root) and
    /// files belong to root.
    Archive,
    /// `tar -x` inside the sandbox as the sandbox's user: works on read-only
    /// roots with a mounted work dir, and files belong to that user.
    ExecTar {
        /// The user to extract as.
        user: Option<String>,
    },
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
        Ok(DockerBackend {
            client,
            address,
            transports: Arc::default(),
        })
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

    /// How many sandboxes this backend keeps state for (created and not yet
    /// removed, or attached and not yet released): a figure for leak checks.
    pub fn tracked_sandboxes(&self) -> usize {
        self.transports_map().len()
    }

    fn transports_map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Tracked>> {
        self.transports.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_transport(&self, id: &str, transport: FileTransport, attached: bool) {
        let mut map = self.transports_map();
        let entry = map.entry(id.to_string()).or_insert(Tracked {
            transport: transport.clone(),
            created: false,
            attached: 0,
        });
        entry.transport = transport;
        if attached {
            entry.attached += 1;
        } else {
            entry.created = true;
        }
    }

    fn transport(&self, id: &str) -> FileTransport {
        let map = self.transports_map();
        map.get(id)
            .map_or(FileTransport::Archive, |t| t.transport.clone())
    }

    async fn give_workdir_to_user(&self, id: &str, spec: &SandboxSpec) -> Result<()> {
        let user = spec.runtime.user.clone().unwrap_or_default();
        let script = r#"chown "$1" "$2" 2>/dev/null || chmod 1777 "$2""#;
        let exec = ExecSpec {
            argv: ["sh", "-c", script, "sh", &user, &spec.workdir]
                .map(String::from)
                .to_vec(),
            user: Some("0".into()),
            timeout: Some(Duration::from_secs(30)),
            ..Default::default()
        };
        let out = self.exec(id, exec).await?;
        if out.exit_code != 0 {
            return Err(Error::Engine {
                engine: ENGINE,
                action: format!("make {} writable for user {user}", spec.workdir),
                reason: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok(())
    }

    /// Run one process, feeding `stdin` (streamed) to it; see [`Backend::exec`].
    async fn exec_with_input(
        &self,
        id: &str,
        spec: ExecSpec,
        stdin: Option<Input>,
    ) -> Result<ExecOutput> {
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
                    attach_stdin: Some(stdin.is_some()),
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
        if let Some(mut stdin) = stdin {
            // Copy from a task so a program that does not read its input
            // cannot block us; closing the writer sends EOF.
            tokio::spawn(async move {
                let _ = tokio::io::copy(&mut stdin, &mut input).await;
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

    /// Extract a tar at `/` in the sandbox, by the transport that works for it.
    async fn put_tar(&self, id: &str, tar: TarBody, action: &str) -> Result<()> {
        match self.transport(id) {
            FileTransport::Archive => {
                let options = UploadToContainerOptions {
                    path: "/".into(),
                    ..Default::default()
                };
                let body = match tar {
                    TarBody::Bytes(bytes) => bollard::body_full(bytes.into()),
                    TarBody::Stream(stream) => bollard::body_try_stream(stream),
                };
                self.client
                    .upload_to_container(id, Some(options), body)
                    .await
                    .map_err(|e| engine_error(action, e))
            }
            FileTransport::ExecTar { user } => {
                let spec = ExecSpec {
                    argv: ["tar", "-x", "-f", "-", "-C", "/", "--no-same-owner"]
                        .map(String::from)
                        .to_vec(),
                    user,
                    timeout: Some(Duration::from_secs(3600)),
                    ..Default::default()
                };
                let input: Input = match tar {
                    TarBody::Bytes(bytes) => Box::new(std::io::Cursor::new(bytes)),
                    TarBody::Stream(stream) => Box::new(tokio_util::io::StreamReader::new(stream)),
                };
                let out = self.exec_with_input(id, spec, Some(input)).await?;
                if out.exit_code == 0 {
                    Ok(())
                } else {
                    Err(Error::Engine {
                        engine: ENGINE,
                        action: format!("{action} (tar in the sandbox)"),
                        reason: String::from_utf8_lossy(&out.stderr).trim().to_string(),
                    })
                }
            }
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
        match Box::pin(self.exec_with_input(container, spec, None)).await {
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

/// A process's standard input, streamed.
type Input = Box<dyn tokio::io::AsyncRead + Send + Unpin>;

/// A tar archive to extract in a sandbox: small ones in memory, large ones streamed.
enum TarBody {
    Bytes(Vec<u8>),
    Stream(
        std::pin::Pin<Box<dyn futures_util::Stream<Item = std::io::Result<bytes::Bytes>> + Send>>,
    ),
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
    ) -> Result<bool> {
        self.pull_if_missing(image, hint, progress).await
    }

    async fn build_image(
        &self,
        context: &Path,
        dockerfile: &str,
        tag: &str,
        progress: Option<ProgressSink>,
    ) -> Result<()> {
        self.build_from_dockerfile(context, dockerfile, tag, progress)
            .await
    }

    async fn commit(&self, id: &str, image: &str) -> Result<()> {
        self.commit_to(id, image).await
    }

    async fn remove_image(&self, image: &str) -> Result<()> {
        self.delete_image(image).await
    }

    async fn create(&self, spec: &SandboxSpec) -> Result<String> {
        let covered =
            spec.runtime.mounts_cover(&spec.workdir) || spec.runtime.read_only == Some(true);
        let mut labels: HashMap<String, String> = spec.labels.clone().into_iter().collect();
        labels.insert(MANAGED_LABEL.to_string(), "true".to_string());
        let body = ContainerCreateBody {
            image: Some(spec.image.clone()),
            // A do-nothing main process keeps the container alive between
            // execs; docker-init (init: true) reaps orphans of user code.
            entrypoint: Some(vec!["sleep".into()]),
            cmd: Some(vec!["infinity".into()]),
            // Docker would create the work dir over a tmpfs mounted there and
            // lose the mount's mode; execs set their own working dir anyway.
            working_dir: (!covered).then(|| spec.workdir.clone()),
            env: Some(
                spec.env
                    .iter()
                    .map(|(k, v)| (k, v))
                    .chain(&spec.runtime.environment)
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect(),
            ),
            labels: Some(labels),
            tty: Some(false),
            user: spec.runtime.user.clone(),
            host_config: Some(host_config::host_config(&spec.runtime, &spec.workdir)),
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
        let restricted = spec.runtime.read_only == Some(true)
            || spec.runtime.user.is_some()
            || spec.runtime.mounts_cover(&spec.workdir);
        let transport = if restricted {
            FileTransport::ExecTar {
                user: spec.runtime.user.clone(),
            }
        } else {
            FileTransport::Archive
        };
        self.set_transport(&created.id, transport, false);
        if spec.runtime.user.is_some() && spec.runtime.read_only != Some(true) {
            // The engine creates the work dir owned by root; give it to the user.
            self.give_workdir_to_user(&created.id, spec).await?;
        }
        Ok(guard.disarm())
    }

    async fn write_files(&self, id: &str, files: &[SandboxFile]) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let tar = crate::archive::tar_of(files).map_err(|e| Error::Engine {
            engine: ENGINE,
            action: "build archive".into(),
            reason: e.to_string(),
        })?;
        self.put_tar(id, TarBody::Bytes(tar), "write files").await
    }

    async fn exec(&self, id: &str, mut spec: ExecSpec) -> Result<ExecOutput> {
        let input = spec
            .stdin
            .take()
            .map(|bytes| -> Input { Box::new(std::io::Cursor::new(bytes)) });
        self.exec_with_input(id, spec, input).await
    }

    async fn attach(&self, id: &str, workdir: &str) -> Result<(String, String)> {
        let info = match self.client.inspect_container(id, None).await {
            Ok(info) => info,
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => return Err(Error::ContainerNotFound(id.to_string())),
            Err(e) => return Err(engine_error("inspect container", e)),
        };
        let full_id = info.id.clone().unwrap_or_else(|| id.to_string());
        let running = info.state.as_ref().and_then(|s| s.running) == Some(true);
        if !running {
            tracing::debug!(container = %full_id, "starting the stopped container");
            self.client
                .start_container(&full_id, None)
                .await
                .map_err(|e| engine_error("start container", e))?;
        }
        let config = info.config.unwrap_or_default();
        let user = config
            .user
            .filter(|u| !u.is_empty() && u != "root" && u != "0");
        let read_only = info.host_config.and_then(|h| h.readonly_rootfs) == Some(true);
        let mounted = info.mounts.unwrap_or_default().iter().any(|m| {
            m.destination
                .as_deref()
                .is_some_and(|d| workdir == d || workdir.starts_with(&format!("{d}/")))
        });
        let transport = if user.is_some() || read_only || mounted {
            FileTransport::ExecTar { user }
        } else {
            FileTransport::Archive
        };
        self.set_transport(&full_id, transport, true);
        let mkdir = ExecSpec {
            argv: ["mkdir", "-p", workdir].map(String::from).to_vec(),
            timeout: Some(Duration::from_secs(30)),
            ..Default::default()
        };
        let out = self.exec(&full_id, mkdir).await?;
        if out.exit_code != 0 {
            return Err(Error::Engine {
                engine: ENGINE,
                action: format!("create the work dir {workdir}"),
                reason: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok((full_id, config.image.unwrap_or_default()))
    }

    async fn copy_in(&self, id: &str, source: &Path, dest: &str) -> Result<()> {
        if !dest.starts_with('/') || dest.split('/').any(|c| c == "..") {
            return Err(Error::InvalidConfig(format!(
                "destination `{dest}` must be an absolute path without `..`"
            )));
        }
        let stream = crate::archive::tar_stream(source.to_path_buf(), dest.to_string())?;
        let action = format!("copy {} in", source.display());
        self.put_tar(id, TarBody::Stream(Box::pin(stream)), &action)
            .await
    }

    async fn copy_out(
        &self,
        id: &str,
        source: &str,
        dest: &Path,
        limits: &ExtractLimits,
    ) -> Result<u64> {
        let options = DownloadFromContainerOptions {
            path: source.to_string(),
        };
        let stream = self
            .client
            .download_from_container(id, Some(options))
            .map(|chunk| chunk.map_err(std::io::Error::other));
        // Surface "no such file" before touching the host.
        let mut stream = Box::pin(stream.peekable());
        if let Some(Err(e)) = stream.as_mut().peek().await {
            return Err(Error::Engine {
                engine: ENGINE,
                action: format!("copy {source} out"),
                reason: e.to_string(),
            });
        }
        let reader = tokio_util::io::StreamReader::new(stream);
        Ok(crate::archive::extract_stream(reader, dest.to_path_buf(), *limits).await?)
    }

    async fn remove(&self, id: &str) -> Result<()> {
        // A forced remove kills the container with SIGKILL right away: no
        // 10-second graceful stop for a sandbox nobody needs any more.
        let options = RemoveContainerOptions {
            force: true,
            v: true,
            ..Default::default()
        };
        self.transports_map().remove(id);
        match self.client.remove_container(id, Some(options)).await {
            Ok(()) => Ok(()),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(()),
            Err(e) => Err(engine_error("remove container", e)),
        }
    }

    fn release(&self, id: &str) {
        let mut map = self.transports_map();
        if let Some(tracked) = map.get_mut(id) {
            tracked.attached = tracked.attached.saturating_sub(1);
            if tracked.attached == 0 && !tracked.created {
                map.remove(id);
            }
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
