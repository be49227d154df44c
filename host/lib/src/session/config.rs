//! How a session is opened and how one run behaves.

use std::path::PathBuf;
use std::time::Duration;

use crate::archive::ExtractLimits;
use crate::artifacts::ArtifactOptions;
use crate::backend::OutputSink;
use crate::error::{Error, Result};
use crate::policy::{PolicyConfig, PolicyMode, SecurityPreset};
use crate::runtime_config::RuntimeConfig;

/// How to open a session.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// Language name or alias (`python`, `py`).
    pub lang: String,
    /// Image to use; `None` = the plugin's default image.
    pub image: Option<String>,
    /// Build the image from this Dockerfile (its directory is the build
    /// context) instead of using `image`.
    pub dockerfile: Option<PathBuf>,
    /// Keep an image this session pulled or built when it closes (the
    /// seed's `keep_template`); by default such an image is removed.
    pub keep_template: bool,
    /// Commit the sandbox to an image when the session closes.
    pub commit_container: bool,
    /// The image to commit to; `None` = the session's own image name.
    pub commit_image: Option<String>,
    /// Attach to this existing container (id or name) instead of creating
    /// one. Setup is skipped and the container is never stopped or removed.
    pub container_id: Option<String>,
    /// Skip the plugin's environment setup (faster start with a prepared
    /// image; packages cannot then be installed through `run`).
    pub skip_environment_setup: bool,
    /// Work dir in the sandbox; programs run there.
    pub workdir: String,
    /// Environment variables for every process.
    pub env: Vec<(String, String)>,
    /// A PEM CA bundle to trust inside the sandbox (see [`crate::ca::CaBundle`]).
    pub ca_bundle: Option<PathBuf>,
    /// Limit on operations without a more specific one (commands, file
    /// copies), and on runs when `execution_timeout` is `None`. `None` = no limit.
    pub default_timeout: Option<Duration>,
    /// Limit on each compile or run step; `None` = `default_timeout`.
    /// Overridable per run ([`RunOptions::timeout`]).
    pub execution_timeout: Option<Duration>,
    /// Limit on environment setup and package installation (installs are
    /// slow; they get their own limit).
    pub install_timeout: Option<Duration>,
    /// Lifetime of the session: when it ends, the sandbox is removed and
    /// every later call fails with [`Error::SessionExpired`]. `None` = unlimited.
    pub session_timeout: Option<Duration>,
    /// Limits, network, user and mounts of the sandbox.
    pub runtime: RuntimeConfig,
    /// Cap on captured output per stream, in bytes (0 = default, 16 MiB).
    pub output_limit: usize,
    /// What to do with output that is not valid UTF-8.
    pub output_encoding: OutputEncoding,
    /// Caps on what one [`crate::Session::copy_from_runtime`] may write on the
    /// host (100,000 entries and 1 GiB by default): a sandbox can make a
    /// sparse file of a terabyte, or millions of empty ones.
    pub copy_limits: ExtractLimits,
    /// Security policies that check the code before every run and package
    /// install (see [`crate::policy`]). Commands (`execute_command`) are the
    /// caller's own and are not checked.
    pub policies: Vec<PolicyConfig>,
    /// Whether a finding at a policy's threshold blocks the run (the
    /// default) or is only reported with the result.
    pub policy_mode: PolicyMode,
    /// Run steps and write files through the in-sandbox runner (one
    /// long-lived process per sandbox: a run costs a message, not an
    /// engine exec per step). On by default, unless the environment
    /// variable `LLM_SANDBOX_RUNNER` is `off`. Where it cannot start, each
    /// step runs as one exec, as with `false`. See [`crate::runner`].
    pub runner: bool,
    /// Start runs from a warm process: a non-interactive session whose
    /// language plugin has a fork server (R's forks runs, Java's compiles
    /// in-process) starts it in the background when the session opens,
    /// and the steps it can serve skip the interpreter's or compiler's
    /// start-up. Needs the runner. Steps the server cannot serve, or that
    /// come while it is busy or not ready, run the normal way. On by
    /// default, unless the environment variable `LLM_SANDBOX_FORK_SERVER`
    /// is `off`. See `docs/runner.md`.
    pub fork_server: bool,
    /// Keep a live interpreter (the language plugin's kernel) for the whole
    /// session: each [`crate::Session::run`] is a cell, and variables,
    /// imports and functions persist between runs, as in a notebook. Results
    /// then carry the value of a trailing expression and a structured error.
    /// Needs the in-sandbox runner and a plugin that has a kernel (Python,
    /// JavaScript, R).
    pub interactive: bool,
    /// Capture what runs leave behind: the plots they show and the files
    /// they write to `$LLM_SANDBOX_ARTIFACTS`, returned in
    /// [`crate::RunResult::artifacts`] (one transfer per run, capped). `None`
    /// (the default) captures nothing and costs nothing.
    pub artifacts: Option<ArtifactOptions>,
}

/// Handling of program output that is not valid UTF-8.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OutputEncoding {
    /// Replace invalid sequences with U+FFFD (the default).
    #[default]
    Lossy,
    /// Fail the run with [`Error::InvalidOutput`].
    Strict,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            lang: "python".into(),
            image: None,
            dockerfile: None,
            keep_template: false,
            commit_container: false,
            commit_image: None,
            container_id: None,
            skip_environment_setup: false,
            workdir: "/sandbox".into(),
            env: Vec::new(),
            ca_bundle: None,
            default_timeout: Some(Duration::from_secs(30)),
            execution_timeout: None,
            install_timeout: Some(Duration::from_secs(600)),
            session_timeout: None,
            runtime: RuntimeConfig::default(),
            output_limit: 0,
            output_encoding: OutputEncoding::Lossy,
            copy_limits: ExtractLimits::default(),
            policies: Vec::new(),
            policy_mode: PolicyMode::Enforce,
            runner: crate::runner::enabled_by_default(),
            fork_server: fork_server_enabled_by_default(),
            interactive: false,
            artifacts: None,
        }
    }
}

/// Whether sessions use a fork server unless told otherwise: yes, unless the
/// environment variable `LLM_SANDBOX_FORK_SERVER` is `off` (or `0`,
/// `false`, `no`).
pub fn fork_server_enabled_by_default() -> bool {
    !matches!(
        std::env::var("LLM_SANDBOX_FORK_SERVER").as_deref(),
        Ok("off" | "0" | "false" | "no")
    )
}

impl SessionConfig {
    /// Default configuration for `lang`.
    pub fn new(lang: impl Into<String>) -> Self {
        SessionConfig {
            lang: lang.into(),
            ..Default::default()
        }
    }

    /// Apply a security preset: its policy, and its runtime settings under
    /// those already set in `runtime` (which win).
    pub fn with_preset(mut self, preset: &SecurityPreset) -> Self {
        self.runtime = preset.runtime.clone().merge(self.runtime);
        self.policies.push((&preset.policy).into());
        self
    }

    /// Add a security policy (a [`crate::SecurityPolicy`] or any
    /// [`PolicyConfig`]).
    pub fn with_policy(mut self, policy: impl Into<PolicyConfig>) -> Self {
        self.policies.push(policy.into());
        self
    }

    /// The limit on compile and run steps.
    pub fn run_timeout(&self) -> Option<Duration> {
        self.execution_timeout.or(self.default_timeout)
    }

    /// Check the configuration before anything is created.
    pub fn validate(&self) -> Result<()> {
        if !self.workdir.starts_with('/') {
            return Err(Error::InvalidConfig(format!(
                "workdir `{}` must be an absolute path",
                self.workdir
            )));
        }
        for (name, value) in [
            ("default_timeout", self.default_timeout),
            ("execution_timeout", self.execution_timeout),
            ("install_timeout", self.install_timeout),
            ("session_timeout", self.session_timeout),
        ] {
            if value.is_some_and(|d| d.is_zero()) {
                return Err(Error::InvalidConfig(format!(
                    "{name} is zero; use None for no limit"
                )));
            }
        }
        if self.dockerfile.is_some() && self.container_id.is_some() {
            return Err(Error::InvalidConfig(
                "dockerfile and container_id cannot be used together: an existing container \
                 already has its image"
                    .into(),
            ));
        }
        if let Some(artifacts) = &self.artifacts
            && artifacts.plots
            && artifacts.plot_formats.is_empty()
        {
            return Err(Error::InvalidConfig(
                "artifacts: plot capture needs at least one plot format (png, svg or pdf)".into(),
            ));
        }
        if self.dockerfile.is_some() && self.image.is_some() {
            return Err(Error::InvalidConfig(
                "dockerfile and image cannot be used together: the Dockerfile builds the image"
                    .into(),
            ));
        }
        Ok(self.runtime.validate()?)
    }
}

/// Options of one run.
#[derive(Clone, Default)]
pub struct RunOptions {
    /// Packages to install before running.
    pub libraries: Vec<String>,
    /// Command-line arguments for the program.
    pub args: Vec<String>,
    /// Standard input for the program.
    pub stdin: Option<Vec<u8>>,
    /// Overrides the session's execution timeout for this run.
    pub timeout: Option<Duration>,
    /// Receives output as it is produced. Install output arrives as stderr.
    pub on_output: Option<OutputSink>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn execution_timeout_falls_back_to_the_default_timeout() {
        let config = SessionConfig::default();
        assert_eq!(config.run_timeout(), Some(Duration::from_secs(30)));
        let config = SessionConfig {
            execution_timeout: Some(Duration::from_secs(5)),
            ..Default::default()
        };
        assert_eq!(config.run_timeout(), Some(Duration::from_secs(5)));
    }

    #[test]
    fn a_dockerfile_cannot_be_combined_with_an_existing_container() {
        let config = SessionConfig {
            dockerfile: Some("Dockerfile".into()),
            container_id: Some("abc".into()),
            ..Default::default()
        };
        let err = config.validate().unwrap_err().to_string();
        assert!(err.contains("dockerfile and container_id"), "{err}");
    }

    #[test]
    fn zero_timeouts_and_relative_workdirs_are_refused() {
        let zero = SessionConfig {
            session_timeout: Some(Duration::ZERO),
            ..Default::default()
        };
        assert!(
            zero.validate()
                .unwrap_err()
                .to_string()
                .contains("session_timeout")
        );
        let relative = SessionConfig {
            workdir: "sandbox".into(),
            ..Default::default()
        };
        assert!(relative.validate().is_err());
    }
}
