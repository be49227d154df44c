//! The flags that open a session, shared by `host run` and `host repl`, and
//! opening it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use llm_sandbox_host::runtime_config::ByteSize;
use llm_sandbox_host::{PolicyMode, RuntimeConfig, SandboxHost, Session, SessionConfig};

use crate::artifacts_out::ArtifactArgs;
use crate::config::Config;
use crate::policy_args::PolicyArgs;
use crate::run::{Interrupts, pick_language};

/// The longest `--timeout` accepted: one week.
const MAX_TIMEOUT: Duration = Duration::from_secs(7 * 24 * 3600);

#[derive(Args, Debug)]
pub struct SessionArgs {
    /// Language name or alias (e.g. python, py).
    #[arg(long, short = 'l')]
    pub lang: Option<String>,

    /// Load a language plugin from a .wasm component (repeatable); it replaces
    /// a built-in plugin for the same language.
    #[arg(long = "plugin", value_name = "FILE.wasm")]
    pub plugins: Vec<PathBuf>,

    /// Container image (default: the config file's, else the plugin's).
    #[arg(long, conflicts_with_all = ["dockerfile", "container"])]
    image: Option<String>,

    /// Build the image from this Dockerfile (its directory is the context).
    /// The image is kept, tagged by the Dockerfile's hash, for later runs.
    #[arg(long, value_name = "FILE", conflicts_with = "container")]
    dockerfile: Option<PathBuf>,

    /// Run in this existing container (id or name) instead of a new one; it
    /// is started if stopped, used as is (no setup) and left running.
    #[arg(long, value_name = "ID")]
    container: Option<String>,

    /// Package to install before running (repeatable).
    #[arg(long = "lib", value_name = "PKG")]
    pub libs: Vec<String>,

    /// Skip environment setup (faster with a prepared image; languages whose
    /// installs need the setup, such as Python, then refuse --lib).
    #[arg(long)]
    skip_setup: bool,

    /// Run each step as its own engine exec instead of through the
    /// in-sandbox runner (slower; for engines or images where the runner
    /// misbehaves). Also: LLM_SANDBOX_RUNNER=off.
    #[arg(long)]
    no_runner: bool,

    /// Trust this PEM CA bundle inside the sandbox (TLS-intercepting networks).
    #[arg(long, value_name = "FILE", env = "LLM_SANDBOX_CA_BUNDLE")]
    ca_bundle: Option<PathBuf>,

    /// Stop the program (in `repl`: the cell) after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,

    /// Runtime settings from a TOML or JSON file (keys: mem_limit,
    /// pids_limit, network_mode, read_only, user, cap_drop, tmpfs, …).
    #[arg(long, value_name = "FILE")]
    runtime_config: Option<PathBuf>,

    /// Memory limit, e.g. 512m (overrides the runtime config).
    #[arg(long, value_name = "SIZE")]
    memory: Option<String>,

    /// CPUs the sandbox may use, e.g. 1.5.
    #[arg(long, value_name = "N")]
    cpus: Option<f64>,

    /// Maximum number of processes in the sandbox.
    #[arg(long, value_name = "N")]
    pids_limit: Option<i64>,

    /// Network: bridge (default), none, host, or a network name.
    #[arg(long, value_name = "MODE")]
    network: Option<String>,

    /// Read-only root file system (the work dir stays writable).
    #[arg(long)]
    read_only: bool,

    /// User to run as inside the sandbox, e.g. nobody or 1000:1000.
    #[arg(long, value_name = "USER")]
    user: Option<String>,

    #[command(flatten)]
    pub policy: PolicyArgs,

    #[command(flatten)]
    pub artifacts: ArtifactArgs,

    /// Run even when a policy finding reaches the threshold; findings are
    /// reported (on stderr, or in the JSON) instead.
    #[arg(long)]
    advisory: bool,

    /// Print JSON (one object per run or cell: exit_code, stdout, stderr,
    /// findings, …) instead of streaming.
    #[arg(long)]
    pub json: bool,
}

/// A session opened from the flags.
pub struct Opened {
    /// The session.
    pub session: Session,
    /// The per-run (per-cell) time limit.
    pub timeout: Duration,
}

impl SessionArgs {
    /// Open the session the flags describe (language from --lang, else
    /// from `file`'s extension); `Ok(Err(exit code))` when a signal came
    /// first (the half-made sandbox is then removed).
    pub async fn open(
        &self,
        config: &Config,
        choice: &llm_sandbox_host::backend::BackendChoice,
        file: Option<&Path>,
        interactive: bool,
        interrupts: &mut Interrupts,
    ) -> anyhow::Result<Result<Opened, u8>> {
        let timeout = Duration::try_from_secs_f64(self.timeout)
            .ok()
            .filter(|t| !t.is_zero() && *t <= MAX_TIMEOUT)
            .with_context(|| {
                format!(
                    "--timeout {} is not a number of seconds between 0 and {}",
                    self.timeout,
                    MAX_TIMEOUT.as_secs()
                )
            })?;
        let mut registry = crate::plugins::load_registry(&self.plugins, config)?;
        let plugin = pick_language(&registry, self.lang.as_deref(), file)?;
        let policies = self.policy.resolve(&mut registry, config)?;
        let lang = plugin.name().to_string();
        let image = self
            .image
            .clone()
            .or_else(|| config.image_for(plugin.info()));
        let backend = crate::connect::connect(choice).await?;
        let mut host = SandboxHost::new(registry, backend);
        if !self.json {
            host = host.with_progress(crate::progress::pull_progress());
        }
        let runtime = self.runtime_config(config, policies.runtime)?;
        let session_config = SessionConfig {
            lang,
            image: if self.dockerfile.is_some() || self.container.is_some() {
                None
            } else {
                image
            },
            dockerfile: self.dockerfile.clone(),
            keep_template: true,
            container_id: self.container.clone(),
            runtime,
            skip_environment_setup: self.skip_setup,
            runner: !self.no_runner && llm_sandbox_host::runner::enabled_by_default(),
            // One run per session (`host run`) or a kernel (`host repl`): a
            // warm-start server would only compete with the run for the CPU.
            fork_server: false,
            interactive,
            artifacts: self.artifacts.options()?,
            ca_bundle: self.ca_bundle.clone().or_else(|| config.ca_bundle.clone()),
            policies: policies.configs,
            policy_mode: if self.advisory {
                PolicyMode::Advisory
            } else {
                PolicyMode::Enforce
            },
            ..Default::default()
        };
        // An interrupted open drops the half-made session, which removes its container.
        tokio::select! {
            session = host.open(session_config) => Ok(Ok(Opened { session: session?, timeout })),
            code = interrupts.next() => Ok(Err(code)),
        }
    }

    /// The preset's limits, then the config file's `[runtime]`, then
    /// `--runtime-config`, then the flags: what is set later wins.
    fn runtime_config(
        &self,
        config: &Config,
        preset: Option<RuntimeConfig>,
    ) -> anyhow::Result<RuntimeConfig> {
        let mut runtime = preset.unwrap_or_default().merge(config.runtime.clone());
        if let Some(path) = &self.runtime_config {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let from_file = if path.extension().is_some_and(|e| e == "json") {
                RuntimeConfig::from_json(&text)
            } else {
                RuntimeConfig::from_toml(&text)
            }
            .with_context(|| format!("in {}", path.display()))?;
            runtime = runtime.merge(from_file);
        }
        let flags = RuntimeConfig {
            mem_limit: self
                .memory
                .as_deref()
                .map(ByteSize::parse)
                .transpose()
                .map_err(|e| anyhow::anyhow!("--memory: {e}"))?,
            cpu_count: self.cpus,
            pids_limit: self.pids_limit,
            network_mode: self.network.clone(),
            read_only: self.read_only.then_some(true),
            user: self.user.clone(),
            ..Default::default()
        };
        Ok(runtime.merge(flags))
    }
}
