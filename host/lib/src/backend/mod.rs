//! Sandbox engines behind one seam.
//!
//! A [`Backend`] is an engine (Docker, Podman, Kubernetes, and Micromamba
//! on top of Docker or Podman): it creates sandboxes from images, attaches to existing ones,
//! lists and removes the sandboxes it manages, and says which runtime-config
//! keys it can honour ([`Backend::check_runtime`]). Image operations are an
//! optional capability ([`Backend::images`]): an engine without them simply
//! has none, and a session that needs them fails when it is opened.
//!
//! A [`Sandbox`] is one sandbox's handle, owning its per-sandbox state. Its
//! one required primitive is [`Sandbox::spawn`], an attached streaming
//! process (stdin, stdout and stderr as streams, the exit status at the
//! end). Everything else has a default built on it: [`Sandbox::exec`]
//! (run to completion with a timeout that kills the process tree),
//! and file writes and copies as tar over exec. An engine overrides what it
//! can do faster (Docker's archive API).

pub(crate) mod process;
mod select;
mod spec;
mod tar_exec;

#[cfg(any(feature = "docker", feature = "podman"))]
mod engine_api;

#[cfg(feature = "docker")]
mod docker;
#[cfg(feature = "kubernetes")]
mod kubernetes;
mod micromamba;
#[cfg(feature = "podman")]
mod podman;

#[cfg(feature = "docker")]
pub use docker::{DockerBackend, DockerConnection};
#[cfg(any(feature = "docker", feature = "podman"))]
pub use engine_api::TlsFiles;
#[cfg(feature = "kubernetes")]
pub use kubernetes::{
    ANNOTATION_OWNER, DEFAULT_READY_TIMEOUT, K8S_MANAGED_LABEL, KubernetesBackend,
    KubernetesOptions, PodManifest, SANDBOX_CONTAINER,
};
pub use micromamba::{DEFAULT_MICROMAMBA_IMAGE, MicromambaBackend};
#[cfg(feature = "podman")]
pub use podman::{PodmanBackend, SystemdUnitOptions};
pub use process::{Process, run_to_completion};
pub use select::{BackendChoice, BackendKind, BackendProbe, Connected, probe_all};
pub use spec::*;

use std::path::Path;

use async_trait::async_trait;

use crate::archive::ExtractLimits;
use crate::error::Result;
use crate::plan::SandboxFile;
use crate::runtime_config::RuntimeConfig;

/// A sandbox engine.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    /// Engine name for messages (`Docker`, `Podman`).
    fn name(&self) -> &'static str;

    /// Where it is reached (`unix:///var/run/docker.sock`).
    fn endpoint(&self) -> String;

    /// The engine's version, as it reports it.
    async fn version(&self) -> Result<String>;

    /// Refuse runtime-config keys this engine cannot honour, naming the key
    /// ([`crate::Error::Unsupported`]); never drop one silently.
    fn check_runtime(&self, runtime: &RuntimeConfig) -> Result<()>;

    /// Image operations, when the engine has them.
    fn images(&self) -> Option<&dyn ImageStore>;

    /// The image sessions use when neither they nor the language plugin's
    /// default should decide (Micromamba's image); `None` = the plugin's.
    fn default_image(&self) -> Option<&str> {
        None
    }

    /// Whether every process runs inside an environment the backend manages
    /// (Micromamba): language plugins then install packages into it in place
    /// and set up no environment of their own.
    fn managed_environment(&self) -> bool {
        false
    }

    /// Whether the engine can bind-mount a file of this host's disk into a
    /// sandbox (through [`RuntimeConfig::volumes`]): a local engine that can
    /// read the host user's files. The in-sandbox runner is then mounted
    /// read-only instead of copied into every sandbox.
    fn mounts_host_paths(&self) -> bool {
        false
    }

    /// Create and start a sandbox. If this future is dropped before it
    /// returns, the sandbox is removed.
    async fn create(&self, spec: &SandboxSpec) -> Result<Box<dyn Sandbox>>;

    /// Use an existing sandbox (id or name): start it if stopped and make
    /// sure `workdir` exists. Removing the handle is the caller's choice.
    async fn attach(&self, id: &str, workdir: &str) -> Result<Box<dyn Sandbox>>;

    /// Every sandbox carrying the backend's managed label
    /// ([`MANAGED_LABEL`]; on Kubernetes its own, so that a kubelet's
    /// Docker containers never pass for Docker sandboxes), running or not.
    async fn list_managed(&self) -> Result<Vec<ManagedSandbox>>;

    /// Remove a sandbox by id at once, ignoring one that is already gone.
    async fn remove_by_id(&self, id: &str) -> Result<()>;
}

/// One sandbox: a handle that owns what the backend keeps about it.
#[async_trait]
pub trait Sandbox: Send + Sync + 'static {
    /// Engine id.
    fn id(&self) -> &str;

    /// The image it runs.
    fn image(&self) -> &str;

    /// Whether processes may run as [`ExecUser::Root`] (a rootless engine
    /// or a pod that forbids it says no; callers fall back to the sandbox user).
    fn can_run_as_root(&self) -> bool {
        true
    }

    /// Start one process, attached.
    async fn spawn(&self, spec: ProcessSpec) -> Result<Process>;

    /// Run one process to completion (or timeout, which kills its tree).
    async fn exec(&self, spec: ExecSpec) -> Result<ExecOutput> {
        run_to_completion(self, spec).await
    }

    /// Run processes in order, stopping after the first that exits
    /// non-zero; returns the outputs of those that ran. A timeout is an
    /// error, as for [`Sandbox::exec`].
    async fn exec_all(&self, specs: Vec<ExecSpec>) -> Result<Vec<ExecOutput>> {
        let mut outputs = Vec::with_capacity(specs.len());
        for spec in specs {
            let out = self.exec(spec).await?;
            let failed = out.exit_code != 0;
            outputs.push(out);
            if failed {
                break;
            }
        }
        Ok(outputs)
    }

    /// Write files (absolute paths) into the sandbox, owned by its user.
    async fn write_files(&self, files: &[SandboxFile]) -> Result<()> {
        tar_exec::write_files(self, files).await
    }

    /// Copy a host file or directory so that it becomes `dest` (absolute).
    async fn copy_in(&self, source: &Path, dest: &str) -> Result<()> {
        tar_exec::copy_in(self, source, dest).await
    }

    /// `source` (a file or directory in the sandbox) as a tar stream, as
    /// the sandbox makes it: hostile input for whoever reads it (see
    /// [`crate::archive`] and `llm_sandbox_core::artifacts`). An error that
    /// comes up on the way (`tar` failed) ends the stream.
    async fn archive_out(&self, source: &str) -> Result<ByteStream> {
        tar_exec::archive_out(self, source).await
    }

    /// Copy `source` (a file or directory in the sandbox) so that it becomes
    /// `dest` on the host, which must not exist, through
    /// [`crate::archive::extract`]: anything that could escape `dest`, and
    /// anything beyond `limits`, is refused and then nothing is written.
    /// Returns the entry count.
    async fn copy_out(&self, source: &str, dest: &Path, limits: &ExtractLimits) -> Result<u64> {
        tar_exec::copy_out(self, source, dest, limits).await
    }

    /// Remove the sandbox at once (no graceful stop).
    async fn remove(&self) -> Result<()>;

    /// Remove the sandbox from a synchronous context such as `Drop`, even
    /// when no async runtime is running. Blocks until done; never panics.
    fn remove_blocking(&self);
}

/// Image operations: an optional capability of a [`Backend`].
#[async_trait]
pub trait ImageStore: Send + Sync {
    /// Whether `image` exists locally.
    async fn exists(&self, image: &str) -> Result<bool>;

    /// Make sure `image` is present, pulling it if not; returns whether it
    /// was pulled. `hint` ends the error message when it cannot be had.
    async fn ensure(&self, image: &str, hint: &str, progress: Option<ProgressSink>)
    -> Result<bool>;

    /// Build `tag` from `dockerfile` (a path relative to `context`),
    /// sending the build's output lines to `progress`.
    async fn build(
        &self,
        context: &Path,
        dockerfile: &str,
        tag: &str,
        progress: Option<ProgressSink>,
    ) -> Result<()>;

    /// Commit the sandbox's file system to `image` (`repo[:tag]`).
    async fn commit(&self, sandbox: &dyn Sandbox, image: &str) -> Result<()>;

    /// Remove an image; one still used by a sandbox is left alone.
    async fn remove(&self, image: &str) -> Result<()>;

    /// Import a root file system (a tar stream) as `image`, with Dockerfile
    /// `changes` (`ENV …`, `CMD …`, `LABEL …`).
    async fn import(&self, tar: ByteStream, image: &str, changes: &[String]) -> Result<()>;
}

/// How long the cleanup of an abandoned create (its caller dropped while the
/// engine or API server was still taking it) waits for the sandbox to land:
/// a create whose client went away may still complete, after a first delete
/// found nothing. Bounds how long such a cleanup can hold a shutdown.
#[cfg(any(feature = "docker", feature = "podman", feature = "kubernetes"))]
const CREATE_SETTLE: std::time::Duration = std::time::Duration::from_secs(5);

/// How often that cleanup looks again.
#[cfg(any(feature = "docker", feature = "podman", feature = "kubernetes"))]
const CREATE_SETTLE_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Remove a sandbox whose create may still be under way (its caller gone, or
/// its answer lost): `remove_if_there` (which says whether there was one to
/// remove) is tried again until it finds the sandbox or [`CREATE_SETTLE`]
/// has passed.
#[cfg(any(feature = "docker", feature = "podman", feature = "kubernetes"))]
pub(crate) async fn remove_once_landed<F, Fut>(mut remove_if_there: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    let settled = tokio::time::Instant::now() + CREATE_SETTLE;
    while !remove_if_there().await? && tokio::time::Instant::now() < settled {
        tokio::time::sleep(CREATE_SETTLE_POLL).await;
    }
    Ok(())
}

/// Run cleanup `work` to completion from a synchronous context (`Drop`),
/// inside or outside an async runtime: on a thread of its own with a runtime
/// of its own, so that it neither blocks the caller's runtime nor depends on
/// one that is shutting down. Blocks until done; a failure is logged with
/// `what` (what could not be removed), never raised.
#[cfg(any(feature = "docker", feature = "podman", feature = "kubernetes"))]
pub(crate) fn cleanup_blocking<F, Fut>(what: &str, work: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = std::result::Result<(), String>>,
{
    let result = std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?
            .block_on(work())
    })
    .join();
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!("could not remove {what}: {e}"),
        Err(_) => tracing::warn!("the sandbox cleanup thread panicked"),
    }
}
