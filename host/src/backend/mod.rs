//! Container engines behind one trait.
//!
//! A [`Backend`] creates a sandbox from an image, writes files into it,
//! executes one process at a time in it ([`Backend::exec`], the single
//! execution path, so a faster transport can replace it without touching
//! sessions or plugins), and removes it. [`DockerBackend`] talks to Docker (and
//! to Podman's Docker-compatible API).

mod docker;

pub use docker::{DockerBackend, ManagedContainer};

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde::Serialize;

use crate::archive::ExtractLimits;
use crate::error::Result;
use crate::plan::SandboxFile;
use crate::runtime_config::RuntimeConfig;

/// Label every container of ours carries (value `true`).
pub const MANAGED_LABEL: &str = "io.llm-sandbox.managed";
/// Label carrying the session id.
pub const SESSION_LABEL: &str = "io.llm-sandbox.session";
/// Label carrying the language name.
pub const LANGUAGE_LABEL: &str = "io.llm-sandbox.language";

/// How to create a sandbox.
#[derive(Debug, Clone, Default)]
pub struct SandboxSpec {
    /// Image reference.
    pub image: String,
    /// Container name (unique).
    pub name: String,
    /// Work dir, created if missing.
    pub workdir: String,
    /// Environment of every process.
    pub env: Vec<(String, String)>,
    /// Labels; the backend adds [`MANAGED_LABEL`].
    pub labels: BTreeMap<String, String>,
    /// Limits, network, user, mounts.
    pub runtime: RuntimeConfig,
}

/// Which stream a chunk of output came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputStream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// Receives output as it is produced.
pub type OutputSink = Arc<dyn Fn(OutputStream, &[u8]) + Send + Sync>;

/// One process to run in a sandbox.
#[derive(Clone, Default)]
pub struct ExecSpec {
    /// Program and arguments.
    pub argv: Vec<String>,
    /// Working directory (absolute); `None` = the sandbox's work dir.
    pub workdir: Option<String>,
    /// Extra environment.
    pub env: Vec<(String, String)>,
    /// User to run as (`uid`, `uid:gid` or a name); `None` = the image's.
    pub user: Option<String>,
    /// Bytes written to the process's standard input, which is then closed.
    pub stdin: Option<Vec<u8>>,
    /// Give up waiting after this long.
    pub timeout: Option<Duration>,
    /// Keep at most this many bytes of each stream (the rest is counted but
    /// dropped, and [`ExecOutput::truncated`] is set). `0` means the default.
    pub output_limit: usize,
    /// Called with each chunk of output as it arrives.
    pub on_output: Option<OutputSink>,
}

impl std::fmt::Debug for ExecSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecSpec")
            .field("argv", &self.argv)
            .field("workdir", &self.workdir)
            .field("user", &self.user)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Default cap on captured output per stream: 16 MiB.
pub const DEFAULT_OUTPUT_LIMIT: usize = 16 << 20;

/// What a process produced.
#[derive(Debug, Clone, Default)]
pub struct ExecOutput {
    /// Exit code (128 + signal number when killed by a signal).
    pub exit_code: i64,
    /// Captured standard output.
    pub stdout: Vec<u8>,
    /// Captured standard error.
    pub stderr: Vec<u8>,
    /// Whether output beyond the limit was dropped.
    pub truncated: bool,
    /// Wall-clock time of the exec.
    pub duration: Duration,
}

/// Progress of a long engine operation (image pull).
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// The image being pulled.
    pub image: String,
    /// Layer id, when the event is about one layer.
    pub layer: Option<String>,
    /// Engine status text (`Downloading`, `Pull complete`…).
    pub status: String,
    /// Bytes done, when known.
    pub current: Option<u64>,
    /// Bytes in total, when known.
    pub total: Option<u64>,
}

/// Receives progress events.
pub type ProgressSink = Arc<dyn Fn(&Progress) + Send + Sync>;

/// A container engine.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    /// Engine name for messages (`Docker`).
    fn name(&self) -> &'static str;

    /// Make sure `image` is present, pulling it if not; returns whether it
    /// was pulled. `hint` tells the user what to do if it cannot be had (it
    /// ends the error message).
    async fn ensure_image(
        &self,
        image: &str,
        hint: &str,
        progress: Option<ProgressSink>,
    ) -> Result<bool>;

    /// Build `tag` from `dockerfile` (a path relative to `context`), sending
    /// the build's output lines to `progress`.
    async fn build_image(
        &self,
        context: &Path,
        dockerfile: &str,
        tag: &str,
        progress: Option<ProgressSink>,
    ) -> Result<()>;

    /// Commit the sandbox's file system to the image `image` (`repo[:tag]`).
    async fn commit(&self, id: &str, image: &str) -> Result<()>;

    /// Remove an image; one still used by a container is left alone.
    async fn remove_image(&self, image: &str) -> Result<()>;

    /// Create and start a sandbox; returns its id.
    async fn create(&self, spec: &SandboxSpec) -> Result<String>;

    /// Write files (absolute paths) into the sandbox.
    async fn write_files(&self, id: &str, files: &[SandboxFile]) -> Result<()>;

    /// Run one process to completion (or timeout) and collect its output.
    async fn exec(&self, id: &str, spec: ExecSpec) -> Result<ExecOutput>;

    /// Use an existing container (id or name): start it if stopped and make
    /// sure `workdir` exists. Returns its full id and its image.
    async fn attach(&self, id: &str, workdir: &str) -> Result<(String, String)>;

    /// Copy a host file or directory so that it becomes `dest` (absolute) in the sandbox.
    async fn copy_in(&self, id: &str, source: &Path, dest: &str) -> Result<()>;

    /// Copy `source` (a file or directory in the sandbox) so that it becomes
    /// `dest` on the host, which must not exist, through
    /// [`crate::archive::extract`]: anything that could escape `dest`, and
    /// anything beyond `limits`, is refused and then nothing is written.
    /// Returns the entry count.
    async fn copy_out(
        &self,
        id: &str,
        source: &str,
        dest: &Path,
        limits: &ExtractLimits,
    ) -> Result<u64>;

    /// Remove the sandbox at once (no graceful stop).
    async fn remove(&self, id: &str) -> Result<()>;

    /// Forget what the backend keeps about a sandbox it did not create and
    /// leaves running (one [`Backend::attach`] each): called when the session
    /// that attached ends.
    fn release(&self, id: &str) {
        let _ = id;
    }

    /// Remove the sandbox from a synchronous context such as `Drop`, even
    /// when no async runtime is running. Blocks until done; never panics.
    fn remove_blocking(&self, id: &str);
}
