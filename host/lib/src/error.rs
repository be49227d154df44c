//! The one error type of the host library.
//!
//! Every variant carries what the user needs to act on it (which image, which
//! plugin, which file) and its message says what to do.

use std::path::PathBuf;
use std::time::Duration;

/// An underlying error kept as a source.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Result alias used throughout the host library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the host.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The container engine could not be reached.
    #[error("{engine} is not reachable at {address}: {reason}. {hint}")]
    EngineUnreachable {
        /// Engine name (`Docker`, `Podman`).
        engine: &'static str,
        /// The address tried.
        address: String,
        /// What the client reported.
        reason: String,
        /// What to do about it.
        hint: String,
        /// The underlying error.
        #[source]
        source: Option<BoxError>,
    },

    /// A container engine call failed.
    #[error("{engine}: {action} failed: {reason}")]
    Engine {
        /// Engine name.
        engine: &'static str,
        /// What the host was doing (`create container`, `exec`…).
        action: String,
        /// What the engine reported.
        reason: String,
        /// The engine's HTTP status, when it answered with one.
        status: Option<u16>,
        /// The underlying error.
        #[source]
        source: Option<BoxError>,
    },

    /// A sandbox's pod did not become ready (Kubernetes).
    #[error(
        "pod `{pod}` in namespace `{namespace}` did not become ready: {reason}{events}. Check the image is present on the node (pods here never pull it unless told to), that the cluster has room, or raise the readiness timeout"
    )]
    PodNotReady {
        /// The pod's name.
        pod: String,
        /// Its namespace.
        namespace: String,
        /// What the pod's status said (`ErrImageNeverPull`, `Unschedulable`, a timeout…).
        reason: String,
        /// The pod's recent events, one per line (empty when none were found).
        events: String,
    },

    /// A user-supplied pod manifest misses one of the requirements a
    /// sandbox pod must meet (Kubernetes). Raised before anything is created.
    #[error("the pod manifest does not meet the requirement `{requirement}`: {reason}")]
    PodManifest {
        /// The requirement (`long-running command`, `container name`, `work dir`…).
        requirement: &'static str,
        /// What is wrong, and how to fix it.
        reason: String,
    },

    /// A command the host runs inside the sandbox for its own work (making
    /// the work dir, extracting files, checking for a program) failed.
    #[error("{action} failed inside the sandbox: {reason}")]
    SandboxCommand {
        /// What the host was doing.
        action: String,
        /// The command's standard error (or what else went wrong).
        reason: String,
    },

    /// The backend cannot do what the session asks for. Raised when the
    /// session is opened, before any sandbox exists.
    #[error("`{option}` is not supported on {backend}: {reason}")]
    Unsupported {
        /// The option or runtime-config key.
        option: String,
        /// The backend's name.
        backend: &'static str,
        /// Why, and what to use instead.
        reason: String,
    },

    /// `--backend auto` found no reachable engine.
    #[error(
        "no container engine is reachable ({tried}); start Docker or Podman, or pick one with --backend"
    )]
    NoBackend {
        /// Each engine tried and why it was skipped.
        tried: String,
    },

    /// The image lacks a program the backend needs (`micromamba`).
    #[error("image `{image}` has no working `{program}`: {hint}")]
    ProgramMissing {
        /// The image.
        image: String,
        /// The program.
        program: String,
        /// What to do about it.
        hint: String,
    },

    /// The image is not present locally and pulling it failed.
    #[error("image `{image}` is not present and could not be pulled ({reason}): {hint}")]
    ImageUnavailable {
        /// The image reference.
        image: String,
        /// What the user can do about it.
        hint: String,
        /// Why the pull failed.
        reason: String,
    },

    /// Building an image from a Dockerfile failed.
    #[error("building an image from {} failed: {reason}", dockerfile.display())]
    BuildFailed {
        /// The Dockerfile.
        dockerfile: PathBuf,
        /// The builder's error and the last lines of its output.
        reason: String,
    },

    /// No plugin handles the requested language.
    #[error(
        "unknown language `{requested}`; known: {known}. Load a plugin for it with --plugin FILE.wasm"
    )]
    UnknownLanguage {
        /// What the user asked for.
        requested: String,
        /// Comma-separated list of known languages.
        known: String,
    },

    /// No plugin claims the file's extension.
    #[error(
        "cannot tell the language of `{file}` from its extension; pass --lang (known: {known})"
    )]
    UnknownExtension {
        /// The file name.
        file: String,
        /// Comma-separated list of known languages.
        known: String,
    },

    /// A plugin file could not be read, compiled or linked.
    #[error("plugin `{source_name}` cannot be loaded: {reason}")]
    PluginLoad {
        /// File path or built-in name of the plugin.
        source_name: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A plugin trapped, ran out of fuel or memory while handling a call.
    #[error("plugin `{plugin}` failed in `{call}`: {reason}")]
    PluginFailed {
        /// The plugin's name.
        plugin: String,
        /// The exported function being called.
        call: &'static str,
        /// What happened (trap message, fuel or memory exhaustion).
        reason: String,
    },

    /// A plugin refused the request (invalid package name, unsupported operation…).
    #[error("{plugin}: {message}")]
    PluginRefused {
        /// The plugin's name.
        plugin: String,
        /// The plugin's explanation.
        message: String,
    },

    /// No loaded security policy has this name.
    #[error(
        "unknown security policy `{requested}`; loaded: {known}. Load it with --policy-plugin FILE.wasm"
    )]
    UnknownPolicy {
        /// What the user asked for.
        requested: String,
        /// Comma-separated list of loaded policies.
        known: String,
    },

    /// A security policy refused its configuration.
    #[error("security policy `{policy}` refused its configuration: {reason}")]
    InvalidPolicy {
        /// The policy's name.
        policy: String,
        /// What is wrong with the configuration (the plugin's words).
        reason: String,
    },

    /// A security policy reported an error instead of findings.
    #[error("security policy `{policy}` could not check the code: {reason}")]
    PolicyFailed {
        /// The policy's name.
        policy: String,
        /// The plugin's explanation.
        reason: String,
    },

    /// Security policies blocked the code: nothing was executed.
    #[error("{}", llm_sandbox_core::policy::blocked_message(findings))]
    PolicyViolation {
        /// Every finding (blocking or not), in source order.
        findings: Vec<crate::policy::Finding>,
    },

    /// A plugin returned a plan the host will not execute.
    #[error("plugin `{plugin}` returned an invalid plan: {reason}")]
    InvalidPlan {
        /// The plugin's name.
        plugin: String,
        /// What is wrong with the plan.
        reason: String,
    },

    /// Installing packages failed inside the sandbox.
    #[error("installing {packages} failed with exit code {exit_code}:\n{stderr}")]
    InstallFailed {
        /// The packages, space separated.
        packages: String,
        /// Exit code of the install step.
        exit_code: i64,
        /// Its standard error.
        stderr: String,
    },

    /// Environment setup failed inside the sandbox.
    #[error(
        "environment setup failed with exit code {exit_code} (use --skip-setup with a prepared image to skip it):\n{stderr}"
    )]
    SetupFailed {
        /// Exit code of the setup step.
        exit_code: i64,
        /// Its standard error.
        stderr: String,
    },

    /// A step did not finish within its time limit.
    #[error("execution timed out after {:.1}s", timeout.as_secs_f64())]
    Timeout {
        /// The limit that was exceeded.
        timeout: Duration,
        /// Standard output produced before the limit.
        stdout: String,
        /// Standard error produced before the limit.
        stderr: String,
    },

    /// The in-sandbox runner stopped in the middle of a run (the program
    /// killed it, or the sandbox ran out of memory). The run's processes were
    /// killed; the session stays usable (the next run starts a new runner,
    /// or uses one exec per step).
    #[error(
        "the in-sandbox runner stopped during the run ({reason}); the run's processes were killed and the session is still usable: run again"
    )]
    RunnerLost {
        /// What the host saw.
        reason: String,
        /// Standard output received before it stopped.
        stdout: String,
        /// Standard error received before it stopped.
        stderr: String,
    },

    /// The language's fork server (warm starts) stopped while it ran the
    /// program: whether the program finished, and how, is unknown. The
    /// server is started again in the background; the session stays usable.
    #[error(
        "the warm-start server stopped while it ran the program ({reason}); the program's exit status is unknown, and the session is still usable: run again"
    )]
    ForkServerLost {
        /// What the host saw.
        reason: String,
        /// Standard output received before it stopped.
        stdout: String,
        /// Standard error received before it stopped.
        stderr: String,
    },

    /// The session was already closed.
    #[error("the session is closed")]
    SessionClosed,

    /// The session outlived its `session_timeout`; its sandbox was removed.
    #[error("the session expired after {:.1}s (session_timeout) and its sandbox was removed; open a new session", after.as_secs_f64())]
    SessionExpired {
        /// The session timeout.
        after: Duration,
    },

    /// Program output was not valid UTF-8 and the session asked for strict decoding.
    #[error(
        "the program's {stream} is not valid UTF-8 (at byte {offset}); use lossy output decoding to accept it"
    )]
    InvalidOutput {
        /// `stdout` or `stderr`.
        stream: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },

    /// A copy out of a sandbox was refused: an entry could escape the
    /// destination, is a device or FIFO, or a limit was reached. Nothing was
    /// written at the destination.
    #[error("refusing to copy out of the sandbox: {0}")]
    UnsafeArchive(String),

    /// No container with this id or name exists.
    #[error("no container `{id}` exists on {engine}; check the id or name")]
    ContainerNotFound {
        /// What the user asked for.
        id: String,
        /// The engine asked.
        engine: &'static str,
    },

    /// Invalid configuration or arguments.
    #[error("{0}")]
    InvalidConfig(String),

    /// A file on the host could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// Building a local image from Debian packages failed.
    #[error("image bootstrap failed: {0}")]
    Bootstrap(String),
}

/// The last `n` lines of a program's output, for an error message (what came
/// before was usually streamed already); says how many lines were left out.
pub(crate) fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let start = lines.len().saturating_sub(n);
    let shown = lines[start..].join("\n");
    if start > 0 {
        format!("[… {start} earlier lines]\n{shown}")
    } else {
        shown
    }
}

impl From<llm_sandbox_core::Error> for Error {
    fn from(e: llm_sandbox_core::Error) -> Self {
        use llm_sandbox_core::Error as Core;
        match e {
            Core::InvalidConfig(message) => Error::InvalidConfig(message),
            Core::UnsafeArchive(reason) => Error::UnsafeArchive(reason),
            Core::Io { path, source } => Error::Io { path, source },
            other => Error::InvalidConfig(other.to_string()),
        }
    }
}

impl Error {
    pub(crate) fn in_sandbox(action: impl Into<String>, stderr: &[u8]) -> Self {
        Error::SandboxCommand {
            action: action.into(),
            reason: last_lines(&String::from_utf8_lossy(stderr), 20),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::last_lines;

    #[test]
    fn error_output_keeps_the_last_lines() {
        let many: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        let t = last_lines(&many, 20);
        assert!(t.starts_with("[… 10 earlier lines]\nline 11\n"), "{t}");
        assert!(t.ends_with("line 30"));
        assert_eq!(last_lines("one\n", 20), "one");
    }
}
