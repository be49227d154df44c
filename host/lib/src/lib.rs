//! The llm-sandbox host: runs untrusted, LLM-generated code in container
//! sandboxes. Everything language-specific lives in WebAssembly plugins
//! (components implementing the `llm-sandbox:plugin` WIT contract), loaded at
//! run time.
//!
//! The flow of one run, one module per stage:
//!
//! 1. [`sandbox`] — a [`SandboxHost`] holds the loaded [`plugin`]s and a
//!    [`backend`]; sessions are opened from it.
//! 2. [`session`] — a [`Session`] picks the language plugin, creates the
//!    sandbox, runs environment setup, and for each run asks the plugin for a
//!    [`plan`].
//! 3. [`plan`] — files to write and steps to execute, validated by the host.
//! 4. [`policy`] — security policy plugins check the code (with the imports
//!    the language plugin found); a finding at the threshold stops the run.
//! 5. [`backend`] — the seam: a [`Backend`] (Docker, Podman, Micromamba on
//!    either) creates a [`Sandbox`], which writes the files and executes the
//!    steps, returning exit code, stdout and stderr.
//!
//! [`plan`], [`runtime_config`], the policy model and [`archive`] (copies
//! out of a sandbox that cannot escape their destination) come from the
//! engine-free `llm-sandbox-core` crate and are re-exported here.
//! [`ca`] makes a CA bundle trusted inside sandboxes; [`images`] builds
//! language images from Debian packages where no registry is reachable;
//! [`owner`] and [`gc`] find and remove sandboxes whose host process died.

pub mod backend;
pub mod ca;
mod error;
pub mod gc;
pub mod images;
pub mod owner;
pub mod plugin;
pub mod policy;
pub mod pool;
pub mod runner;
pub mod sandbox;
pub mod session;

pub use llm_sandbox_core::{archive, artifacts, plan, runtime_config};

#[cfg(feature = "docker")]
pub use backend::DockerBackend;
#[cfg(feature = "podman")]
pub use backend::PodmanBackend;
pub use backend::{Backend, BackendChoice, BackendKind, Sandbox};
pub use error::{Error, Result};
pub use plugin::{LanguagePlugin, PluginRegistry, PluginRuntime, PolicyPlugin};
pub use policy::{
    CheckReport, Finding, PolicyChecker, PolicyConfig, PolicyMode, SecurityPolicy, SecurityPreset,
    Severity,
};
pub use pool::{PoolOptions, PoolStatus};
pub use runtime_config::RuntimeConfig;
pub use sandbox::SandboxHost;
pub use session::{CellError, RunOptions, RunResult, Session, SessionConfig};

/// The Rust examples in `docs/security.md`, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/security.md")]
pub struct SecurityDocTests;

/// The Rust examples in the README, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDocTests;

/// A short random-looking identifier (12 hex digits), unique per process and time.
pub(crate) fn unique_id() -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!(
        "{nanos}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    Sha256::digest(seed.as_bytes())[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
