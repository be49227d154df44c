//! `host run`: one program in a fresh sandbox.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Args;
use llm_sandbox_host::backend::{OutputSink, OutputStream};
use llm_sandbox_host::runtime_config::ByteSize;
use llm_sandbox_host::{
    Error, LanguagePlugin, PluginRegistry, PolicyMode, RunOptions, RuntimeConfig, SandboxHost,
    SessionConfig,
};

use crate::config::Config;
use crate::policy_args::{PolicyArgs, source_label, write_findings};

/// Exit code when the program runs out of time (as `timeout(1)`).
const TIMEOUT_EXIT: u8 = 124;

/// Exit code when security policies refuse the code (nothing ran), as a
/// shell's "cannot execute".
pub const BLOCKED_EXIT: u8 = 126;

/// The longest `--timeout` accepted: one week.
const MAX_TIMEOUT: Duration = Duration::from_secs(7 * 24 * 3600);

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Source file to run (`-` reads the code from stdin). The language comes
    /// from its extension unless --lang is given.
    #[arg(value_name = "FILE", conflicts_with = "code")]
    file: Option<PathBuf>,

    /// Code to run, instead of a file.
    #[arg(long, short = 'c')]
    code: Option<String>,

    /// Language name or alias (e.g. python, py).
    #[arg(long, short = 'l')]
    lang: Option<String>,

    /// Load a language plugin from a .wasm component (repeatable); it replaces
    /// a built-in plugin for the same language.
    #[arg(long = "plugin", value_name = "FILE.wasm")]
    plugins: Vec<PathBuf>,

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
    libs: Vec<String>,

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

    /// Stop the program after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,

    /// File given to the program as its standard input.
    #[arg(long, value_name = "FILE")]
    stdin: Option<PathBuf>,

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
    policy: PolicyArgs,

    /// Run even when a policy finding reaches the threshold; findings are
    /// reported (on stderr, or in the JSON) instead.
    #[arg(long)]
    advisory: bool,

    /// Print one JSON object (exit_code, stdout, stderr, findings, …) instead of streaming.
    #[arg(long)]
    pub json: bool,

    /// Arguments for the program (after `--`).
    #[arg(last = true)]
    args: Vec<String>,
}

/// The code and the language hint from `--code` or FILE (`-` = stdin).
pub fn read_source(
    code: Option<&str>,
    file: Option<&Path>,
) -> anyhow::Result<(String, Option<PathBuf>)> {
    match (code, file) {
        (Some(code), _) => Ok((code.to_string(), None)),
        (None, Some(file)) if file.as_os_str() == "-" => {
            let mut code = String::new();
            std::io::stdin()
                .read_to_string(&mut code)
                .context("cannot read the code from stdin")?;
            Ok((code, None))
        }
        (None, Some(file)) => {
            let code = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            Ok((code, Some(file.to_path_buf())))
        }
        (None, None) => bail!("nothing to run: give a FILE, `-` for stdin, or --code CODE"),
    }
}

fn streaming_sink() -> OutputSink {
    Arc::new(|stream, bytes| {
        // Write errors (closed pipe) must not kill the run.
        let _ = match stream {
            OutputStream::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush())
            }
            OutputStream::Stderr => {
                let mut err = std::io::stderr().lock();
                err.write_all(bytes).and_then(|()| err.flush())
            }
        };
    })
}

/// The language plugin for `--lang`, else for the file's extension.
pub fn pick_language(
    registry: &PluginRegistry,
    lang: Option<&str>,
    file: Option<&Path>,
) -> anyhow::Result<Arc<LanguagePlugin>> {
    Ok(match (lang, file) {
        (Some(lang), _) => registry.language(lang)?,
        (None, Some(file)) => registry.for_file(file)?,
        (None, None) => bail!("which language? pass --lang (e.g. --lang python)"),
    })
}

/// The preset's limits, then the config file's `[runtime]`, then
/// `--runtime-config`, then the flags: what is set later wins.
fn runtime_config(
    args: &RunArgs,
    config: &Config,
    preset: Option<RuntimeConfig>,
) -> anyhow::Result<RuntimeConfig> {
    let mut runtime = preset.unwrap_or_default().merge(config.runtime.clone());
    if let Some(path) = &args.runtime_config {
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
        mem_limit: args
            .memory
            .as_deref()
            .map(ByteSize::parse)
            .transpose()
            .map_err(|e| anyhow::anyhow!("--memory: {e}"))?,
        cpu_count: args.cpus,
        pids_limit: args.pids_limit,
        network_mode: args.network.clone(),
        read_only: args.read_only.then_some(true),
        user: args.user.clone(),
        ..Default::default()
    };
    Ok(runtime.merge(flags))
}

/// SIGINT (Ctrl-C) and SIGTERM listeners, registered once up front so that
/// no signal is lost between the phases of a run.
struct Interrupts {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
}

impl Interrupts {
    fn register() -> anyhow::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Interrupts {
            int: signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?,
            term: signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?,
        })
    }

    /// Resolves with the conventional exit code: 130 for SIGINT, 143 for SIGTERM.
    async fn next(&mut self) -> u8 {
        tokio::select! {
            _ = self.int.recv() => 130,
            _ = self.term.recv() => 143,
        }
    }
}

pub async fn run(
    args: RunArgs,
    config: &Config,
    choice: &llm_sandbox_host::backend::BackendChoice,
) -> anyhow::Result<u8> {
    let mut interrupts = Interrupts::register()?;
    let (code, file) = read_source(args.code.as_deref(), args.file.as_deref())?;
    let timeout = Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|t| !t.is_zero() && *t <= MAX_TIMEOUT)
        .with_context(|| {
            format!(
                "--timeout {} is not a number of seconds between 0 and {}",
                args.timeout,
                MAX_TIMEOUT.as_secs()
            )
        })?;
    let stdin = args
        .stdin
        .as_ref()
        .map(|p| std::fs::read(p).with_context(|| format!("cannot read {}", p.display())))
        .transpose()?;
    let mut registry = crate::plugins::load_registry(&args.plugins, config)?;
    let plugin = pick_language(&registry, args.lang.as_deref(), file.as_deref())?;
    let policies = args.policy.resolve(&mut registry, config)?;
    let lang = plugin.name().to_string();
    let image = args
        .image
        .clone()
        .or_else(|| config.image_for(plugin.info()));
    let backend = crate::connect::connect(choice).await?;
    let mut host = SandboxHost::new(registry, backend);
    if !args.json {
        host = host.with_progress(crate::progress::pull_progress());
    }
    let runtime = runtime_config(&args, config, policies.runtime)?;
    let config = SessionConfig {
        lang,
        image: if args.dockerfile.is_some() || args.container.is_some() {
            None
        } else {
            image
        },
        dockerfile: args.dockerfile.clone(),
        keep_template: true,
        container_id: args.container.clone(),
        runtime,
        skip_environment_setup: args.skip_setup,
        runner: !args.no_runner && llm_sandbox_host::runner::enabled_by_default(),
        ca_bundle: args.ca_bundle.clone().or_else(|| config.ca_bundle.clone()),
        policies: policies.configs,
        policy_mode: if args.advisory {
            PolicyMode::Advisory
        } else {
            PolicyMode::Enforce
        },
        ..Default::default()
    };
    // An interrupted open drops the half-made session, which removes its container.
    let session = tokio::select! {
        session = host.open(config) => session?,
        code = interrupts.next() => return Ok(code),
    };
    let options = RunOptions {
        libraries: args.libs.clone(),
        args: args.args.clone(),
        stdin,
        timeout: Some(timeout),
        on_output: (!args.json).then(streaming_sink),
    };
    let result = tokio::select! {
        result = session.run_with(&code, options) => result,
        code = interrupts.next() => {
            session.close().await?;
            eprintln!("host: interrupted; the sandbox was removed");
            return Ok(code);
        }
    };
    if let Err(e) = session.close().await {
        // The run's outcome matters more; the container is retried on drop.
        tracing::warn!("could not remove the sandbox: {e}");
    }
    let result = match result {
        Err(llm_sandbox_host::Error::Timeout {
            timeout,
            stdout,
            stderr,
        }) => {
            let message = format!("the program timed out after {:.1}s", timeout.as_secs_f64());
            if args.json {
                let value = serde_json::json!({
                    "exit_code": TIMEOUT_EXIT,
                    "timed_out": true,
                    "stdout": stdout,
                    "stderr": stderr,
                    "error": message,
                });
                println!("{value}");
            } else {
                eprintln!("host: {message}");
            }
            return Ok(TIMEOUT_EXIT);
        }
        Err(Error::PolicyViolation { findings }) => {
            if args.json {
                let value = serde_json::json!({
                    "exit_code": BLOCKED_EXIT,
                    "blocked": true,
                    "findings": findings,
                    "error": "blocked by security policy; nothing was run",
                });
                println!("{value}");
            } else {
                let _ = write_findings(
                    &mut std::io::stderr(),
                    &findings,
                    &source_label(file.as_deref()),
                );
                eprintln!("host: blocked by security policy; nothing was run");
            }
            return Ok(BLOCKED_EXIT);
        }
        other => other?,
    };
    if args.json {
        println!("{}", serde_json::to_string(&result)?);
    } else if !result.findings.is_empty() {
        let label = source_label(file.as_deref());
        let _ = write_findings(&mut std::io::stderr(), &result.findings, &label);
    }
    // Exit codes outside 0..=255 (or negative) cannot be passed on as is.
    Ok(u8::try_from(result.exit_code).unwrap_or(1))
}
