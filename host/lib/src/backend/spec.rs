//! The data that crosses the seam: what to create, what to run, what came
//! back. Engine-neutral: no type here names Docker, Podman or Kubernetes.

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use crate::runtime_config::RuntimeConfig;

/// Label every container sandbox of ours carries (value `true`); pods carry
/// the Kubernetes backend's own (`io.llm-sandbox.k8s-managed`).
pub const MANAGED_LABEL: &str = "io.llm-sandbox.managed";
/// Label carrying the session id.
pub const SESSION_LABEL: &str = "io.llm-sandbox.session";
/// Label carrying the language name.
pub const LANGUAGE_LABEL: &str = "io.llm-sandbox.language";

/// A stream of bytes (an archive going in or coming out).
pub type ByteStream =
    Pin<Box<dyn futures_util::Stream<Item = std::io::Result<bytes::Bytes>> + Send>>;

/// How to create a sandbox.
#[derive(Debug, Clone, Default)]
pub struct SandboxSpec {
    /// Image reference.
    pub image: String,
    /// Sandbox name (unique).
    pub name: String,
    /// Work dir, created if missing and writable by the sandbox's user.
    pub workdir: String,
    /// Environment of every process.
    pub env: Vec<(String, String)>,
    /// Labels; the backend adds [`MANAGED_LABEL`].
    pub labels: BTreeMap<String, String>,
    /// Limits, network, user, mounts: mapped by each backend to its engine.
    pub runtime: RuntimeConfig,
}

/// Who a process runs as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ExecUser {
    /// The sandbox's own user (the runtime config's `user`, else the image's).
    #[default]
    Sandbox,
    /// Root, for the host's own housekeeping (killing a timed-out tree,
    /// installing a CA bundle). Not every sandbox allows it: check
    /// [`super::Sandbox::can_run_as_root`] and fall back.
    Root,
    /// A named user (`uid`, `uid:gid` or a name).
    Named(String),
}

/// One process to start in a sandbox, attached: the primitive every other
/// operation is built on.
#[derive(Debug, Clone, Default)]
pub struct ProcessSpec {
    /// Program and arguments.
    pub argv: Vec<String>,
    /// Working directory (absolute); `None` = the sandbox's work dir.
    pub workdir: Option<String>,
    /// Extra environment.
    pub env: Vec<(String, String)>,
    /// Who it runs as.
    pub user: ExecUser,
    /// Attach a standard input ([`super::Process::stdin`]); otherwise it
    /// reads end-of-file.
    pub stdin: bool,
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

/// A process's standard input, streamed.
pub type ProcessInput = Box<dyn tokio::io::AsyncRead + Send + Unpin>;

/// One process to run to completion in a sandbox.
#[derive(Default)]
pub struct ExecSpec {
    /// Program and arguments.
    pub argv: Vec<String>,
    /// Working directory (absolute); `None` = the sandbox's work dir.
    pub workdir: Option<String>,
    /// Extra environment.
    pub env: Vec<(String, String)>,
    /// Who it runs as.
    pub user: ExecUser,
    /// Standard input, streamed to the process and then closed.
    pub stdin: Option<ProcessInput>,
    /// Give up waiting after this long, and kill the process tree.
    pub timeout: Option<Duration>,
    /// Keep at most this many bytes of each stream (the rest is counted but
    /// dropped, and [`ExecOutput::truncated`] is set). `0` means the default.
    pub output_limit: usize,
    /// Called with each chunk of output as it arrives.
    pub on_output: Option<OutputSink>,
}

impl ExecSpec {
    /// Run `argv` with no input, no timeout and default limits.
    pub fn new<S: Into<String>>(argv: impl IntoIterator<Item = S>) -> Self {
        ExecSpec {
            argv: argv.into_iter().map(Into::into).collect(),
            ..Default::default()
        }
    }
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

/// Progress of a long engine operation (image pull or build).
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// The image being pulled or built.
    pub image: String,
    /// Layer id, when the event is about one layer.
    pub layer: Option<String>,
    /// Engine status text (`Downloading`, `Pull complete`, a build line…).
    pub status: String,
    /// Bytes done, when known.
    pub current: Option<u64>,
    /// Bytes in total, when known.
    pub total: Option<u64>,
}

/// Receives progress events.
pub type ProgressSink = Arc<dyn Fn(&Progress) + Send + Sync>;

/// A sandbox of ours, as the engine lists it.
#[derive(Debug, Clone)]
pub struct ManagedSandbox {
    /// Engine id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
}
