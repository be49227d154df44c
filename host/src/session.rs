//! A session: one sandbox, one language, many runs.
//!
//! [`Session::open`] picks the language plugin, makes sure the image is
//! there, creates the sandbox, trusts the CA bundle if one is configured, and
//! runs the plugin's environment setup (unless skipped). [`Session::run`]
//! installs requested packages, asks the plugin for a plan, writes its files
//! and executes its steps. [`Session::close`] removes the sandbox at once;
//! dropping a session without closing it removes the sandbox too.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::backend::{
    Backend, ExecSpec, LANGUAGE_LABEL, OutputSink, OutputStream, SESSION_LABEL, SandboxSpec,
};
use crate::ca::CaBundle;
use crate::error::{Error, Result};
use crate::owner::{OWNER_LABEL, Owner};
use crate::plan::{Step, StepKind};
use crate::plugin::{LanguagePlugin, PlanContext};
use crate::sandbox::SandboxHost;

/// How to open a session.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// Language name or alias (`python`, `py`).
    pub lang: String,
    /// Image to use; `None` = the plugin's default image.
    pub image: Option<String>,
    /// Skip the plugin's environment setup (faster start with a prepared
    /// image; packages cannot then be installed through `run`).
    pub skip_environment_setup: bool,
    /// Work dir in the sandbox; programs run there.
    pub workdir: String,
    /// Environment variables for every process.
    pub env: Vec<(String, String)>,
    /// A PEM CA bundle to trust inside the sandbox (see [`CaBundle`]).
    pub ca_bundle: Option<PathBuf>,
    /// Limit on each compile or run step; `None` = no limit.
    pub execution_timeout: Option<Duration>,
    /// Limit on environment setup and package installation.
    pub install_timeout: Option<Duration>,
    /// Cap on captured output per stream, in bytes (0 = default, 16 MiB).
    pub output_limit: usize,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            lang: "python".into(),
            image: None,
            skip_environment_setup: false,
            workdir: "/sandbox".into(),
            env: Vec::new(),
            ca_bundle: None,
            execution_timeout: Some(Duration::from_secs(30)),
            install_timeout: Some(Duration::from_secs(600)),
            output_limit: 0,
        }
    }
}

impl SessionConfig {
    /// Default configuration for `lang`.
    pub fn new(lang: impl Into<String>) -> Self {
        SessionConfig {
            lang: lang.into(),
            ..Default::default()
        }
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
    /// Receives output as it is produced (install, compile and run steps).
    pub on_output: Option<OutputSink>,
}

/// The result of a run or command.
#[derive(Debug, Clone, Serialize)]
pub struct RunResult {
    /// Exit code of the last step executed (the first that failed, if any).
    pub exit_code: i64,
    /// Standard output of all steps, lossily decoded as UTF-8.
    pub stdout: String,
    /// Standard error of all steps, lossily decoded as UTF-8.
    pub stderr: String,
    /// Whether output was cut at the output limit.
    pub truncated: bool,
    /// The kind of step that failed, if one did (`compile` for compile errors).
    pub failed_step: Option<StepKind>,
    /// Wall-clock time of the whole run, in seconds.
    #[serde(rename = "duration_secs", serialize_with = "as_secs")]
    pub duration: Duration,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl RunResult {
    /// Whether every step exited with 0.
    pub fn success(&self) -> bool {
        self.exit_code == 0
    }
}

/// An open sandbox for one language.
pub struct Session {
    backend: Arc<dyn Backend>,
    plugin: Arc<LanguagePlugin>,
    container: String,
    image: String,
    config: SessionConfig,
    ctx: PlanContext,
    runs: AtomicU64,
    closed: bool,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("language", &self.plugin.name())
            .field("container", &self.container)
            .field("image", &self.image)
            .finish()
    }
}

impl Session {
    /// Open a session on `host` (see the module docs for what happens).
    pub async fn open(host: &SandboxHost, config: SessionConfig) -> Result<Session> {
        if !config.workdir.starts_with('/') {
            return Err(Error::InvalidConfig(format!(
                "workdir `{}` must be an absolute path",
                config.workdir
            )));
        }
        let plugin = host.plugins().language(&config.lang)?;
        let ca = config
            .ca_bundle
            .as_deref()
            .map(CaBundle::from_file)
            .transpose()?;
        let image = config
            .image
            .clone()
            .unwrap_or_else(|| plugin.info().default_image.clone());
        let backend = host.backend().clone();
        // Only the plugin's default image can be built by `host images bootstrap`.
        let hint = if image == plugin.info().default_image {
            format!(
                "build it locally with `host images bootstrap {}`, or pass --image with an image you have",
                plugin.name()
            )
        } else {
            "pull or build it, or pass --image with an image you have".to_string()
        };
        backend.ensure_image(&image, &hint, host.progress()).await?;

        let session_id = crate::unique_id();
        let mut env = config.env.clone();
        if let Some(ca) = &ca {
            env.extend(ca.env());
        }
        let spec = SandboxSpec {
            image: image.clone(),
            name: container_name(plugin.name(), &session_id),
            workdir: config.workdir.clone(),
            env,
            labels: [
                (SESSION_LABEL.to_string(), session_id.clone()),
                (LANGUAGE_LABEL.to_string(), plugin.name().to_string()),
                (OWNER_LABEL.to_string(), Owner::current().label()),
            ]
            .into(),
        };
        let started = Instant::now();
        let container = backend.create(&spec).await?;
        tracing::debug!(%container, %image, elapsed = ?started.elapsed(), "sandbox created");
        let ctx = PlanContext {
            workdir: config.workdir.clone(),
            setup_done: !config.skip_environment_setup,
        };
        // From here on the session owns the container: an error drops it,
        // and dropping removes the container.
        let session = Session {
            backend,
            plugin,
            container,
            image,
            config,
            ctx,
            runs: AtomicU64::new(0),
            closed: false,
        };
        if let Some(ca) = &ca {
            session.install_ca(ca).await?;
        }
        if !session.config.skip_environment_setup {
            session.setup().await?;
        }
        tracing::debug!(elapsed = ?started.elapsed(), "session ready");
        Ok(session)
    }

    async fn install_ca(&self, ca: &CaBundle) -> Result<()> {
        self.backend
            .write_files(&self.container, &ca.files())
            .await?;
        let mut spec = self.exec_spec(&ca.install_step(), self.config.install_timeout);
        spec.user = Some("0".into());
        let out = self.backend.exec(&self.container, spec).await?;
        if out.exit_code != 0 {
            return Err(Error::SetupFailed {
                exit_code: out.exit_code,
                stderr: format!(
                    "installing the CA bundle {} failed: {}",
                    ca.source().display(),
                    tail(&out.stderr)
                ),
            });
        }
        Ok(())
    }

    async fn setup(&self) -> Result<()> {
        for step in self.plugin.setup(&self.ctx)? {
            let spec = self.exec_spec(&step, self.config.install_timeout);
            let out = self.backend.exec(&self.container, spec).await?;
            if out.exit_code != 0 {
                return Err(Error::SetupFailed {
                    exit_code: out.exit_code,
                    stderr: tail(&out.stderr),
                });
            }
        }
        Ok(())
    }

    /// Run `code`, installing `libraries` first.
    pub async fn run(&self, code: &str, libraries: &[&str]) -> Result<RunResult> {
        let options = RunOptions {
            libraries: libraries.iter().map(|s| (*s).to_string()).collect(),
            ..Default::default()
        };
        self.run_with(code, options).await
    }

    /// Run `code` with full options.
    pub async fn run_with(&self, code: &str, options: RunOptions) -> Result<RunResult> {
        self.ensure_open()?;
        let started = Instant::now();
        if !options.libraries.is_empty() {
            self.install(&options.libraries, options.on_output.clone())
                .await?;
        }
        let run_id = format!("r{}", self.runs.fetch_add(1, Ordering::Relaxed) + 1);
        let plan = self.plugin.plan(&self.ctx, code, &run_id, &options.args)?;
        self.backend
            .write_files(&self.container, &plan.files)
            .await?;
        let timeout = options.timeout.or(self.config.execution_timeout);
        let mut result = RunResult {
            exit_code: 0,
            stdout: String::new(),
            stderr: String::new(),
            truncated: false,
            failed_step: None,
            duration: Duration::ZERO,
        };
        for step in &plan.steps {
            let mut spec = self.exec_spec(step, timeout);
            spec.on_output = options.on_output.clone();
            if step.kind == StepKind::Run {
                spec.stdin = options.stdin.clone();
            }
            let out = self.backend.exec(&self.container, spec).await?;
            result.exit_code = out.exit_code;
            result
                .stdout
                .push_str(&String::from_utf8_lossy(&out.stdout));
            result
                .stderr
                .push_str(&String::from_utf8_lossy(&out.stderr));
            result.truncated |= out.truncated;
            if out.exit_code != 0 {
                result.failed_step = Some(step.kind);
                break;
            }
        }
        result.duration = started.elapsed();
        Ok(result)
    }

    async fn install(&self, packages: &[String], on_output: Option<OutputSink>) -> Result<()> {
        // Package-manager chatter is diagnostics, not the program's output:
        // stream all of it as stderr so callers' stdout stays clean.
        let on_output = on_output.map(|sink| -> OutputSink {
            Arc::new(move |_, bytes: &[u8]| sink(OutputStream::Stderr, bytes))
        });
        for step in self.plugin.install(&self.ctx, packages)? {
            let mut spec = self.exec_spec(&step, self.config.install_timeout);
            spec.on_output = on_output.clone();
            let out = self.backend.exec(&self.container, spec).await?;
            if out.exit_code != 0 {
                return Err(Error::InstallFailed {
                    packages: packages.join(" "),
                    exit_code: out.exit_code,
                    stderr: tail(&out.stderr),
                });
            }
        }
        Ok(())
    }

    /// Run a shell command line (`sh -c COMMAND`) in the work dir.
    pub async fn execute_command(&self, command: &str) -> Result<RunResult> {
        self.execute(&["sh", "-c", command], None).await
    }

    /// Run `argv` (no shell) in `workdir` (default: the session's work dir).
    pub async fn execute(&self, argv: &[&str], workdir: Option<&str>) -> Result<RunResult> {
        self.ensure_open()?;
        let step = Step {
            kind: StepKind::Run,
            argv: argv.iter().map(|s| (*s).to_string()).collect(),
            workdir: workdir.map(str::to_string),
            env: vec![],
        };
        crate::plan::validate_step(&step).map_err(Error::InvalidConfig)?;
        let out = self
            .backend
            .exec(
                &self.container,
                self.exec_spec(&step, self.config.execution_timeout),
            )
            .await?;
        Ok(RunResult {
            exit_code: out.exit_code,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            truncated: out.truncated,
            failed_step: (out.exit_code != 0).then_some(StepKind::Run),
            duration: out.duration,
        })
    }

    fn exec_spec(&self, step: &Step, timeout: Option<Duration>) -> ExecSpec {
        ExecSpec {
            argv: step.argv.clone(),
            workdir: Some(
                step.workdir
                    .clone()
                    .unwrap_or_else(|| self.config.workdir.clone()),
            ),
            env: step.env.clone(),
            user: None,
            stdin: None,
            timeout,
            output_limit: self.config.output_limit,
            on_output: None,
        }
    }

    fn ensure_open(&self) -> Result<()> {
        if self.closed {
            Err(Error::SessionClosed)
        } else {
            Ok(())
        }
    }

    /// The language plugin of this session.
    pub fn plugin(&self) -> &Arc<LanguagePlugin> {
        &self.plugin
    }

    /// The container id.
    pub fn container_id(&self) -> &str {
        &self.container
    }

    /// The image the sandbox runs.
    pub fn image(&self) -> &str {
        &self.image
    }

    /// Remove the sandbox now. If removal fails, dropping the session tries again.
    pub async fn close(mut self) -> Result<()> {
        self.backend.remove(&self.container).await?;
        self.closed = true;
        Ok(())
    }
}

/// A valid container name for a session of `language`.
fn container_name(language: &str, session_id: &str) -> String {
    let language: String = language
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("llm-sandbox-{language}-{session_id}")
}

/// The last lines of a process's stderr, for error messages (the whole of it
/// was already streamed to the caller).
fn tail(stderr: &[u8]) -> String {
    const LINES: usize = 20;
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let start = lines.len().saturating_sub(LINES);
    let shown = lines[start..].join("\n");
    if start > 0 {
        format!("[… {start} earlier lines]\n{shown}")
    } else {
        shown
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.closed {
            tracing::debug!(container = %self.container, "session dropped without close; removing its sandbox");
            self.backend.remove_blocking(&self.container);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_names_are_valid_for_any_language_name() {
        assert_eq!(container_name("c++", "ab12"), "llm-sandbox-c---ab12");
        assert_eq!(container_name("c#", "x"), "llm-sandbox-c--x");
    }

    #[test]
    fn error_output_keeps_the_last_lines() {
        let many: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        let t = tail(many.as_bytes());
        assert!(t.starts_with("[… 10 earlier lines]\nline 11\n"), "{t}");
        assert!(t.ends_with("line 30"));
        assert_eq!(tail(b"one\n"), "one");
    }
}
