//! The in-sandbox runner, seen from the host.
//!
//! Every step used to be one engine exec: a round trip to the engine before
//! the program even starts, paid once per step. The runner (`host/runner`, a
//! small static binary embedded in the host) is started once per sandbox,
//! over one attached process of the backend ([`crate::Sandbox::spawn`]), and
//! from then on a run is a message: the plan's files and all its steps go
//! in one request each, and output streams back framed. It sits above the
//! seam, so every backend gets it.
//!
//! - `binary`: the embedded binary, bind-mounted read-only where the
//!   engine shares the host's disk, copied in otherwise.
//! - `channel`: the protocol's host end (requests multiplexed over the
//!   runner's standard input and output).
//! - `run`: a plan's steps as one request, with timeouts the runner
//!   enforces (killing the step's whole tree) and a backstop here.
//! - `live`: a long-running process with a control channel (descriptors
//!   3 and 4), which an interactive session's kernel runs as.
//! - `sandbox`: `RunnerSandbox`, a [`crate::Sandbox`] that sends steps
//!   and file writes through the runner, and everything else (and anything
//!   the runner cannot do, such as steps as root) to the sandbox below.
//!
//! A runner that cannot start (an attached container without `/tmp`
//! access, a `noexec` mount, another architecture) is never a failure: it
//! is logged once and each step runs as one exec. A runner that dies in
//! the middle of a run fails that run ([`crate::Error::RunnerLost`]) after
//! killing its processes; the next run starts a new one.

pub(crate) mod binary;
mod channel;
mod live;
mod run;
mod sandbox;

pub use binary::SANDBOX_PATH;
pub(crate) use live::{LiveEvent, LiveProcess};
pub(crate) use sandbox::RunnerSandbox;

/// Whether sessions use the runner unless told otherwise: yes, unless the
/// environment variable `LLM_SANDBOX_RUNNER` is `off` (or `0`, `false`).
pub fn enabled_by_default() -> bool {
    !matches!(
        std::env::var("LLM_SANDBOX_RUNNER").as_deref(),
        Ok("off" | "0" | "false" | "no")
    )
}
