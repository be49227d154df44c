//! A session: one sandbox, one language, many runs.
//!
//! [`Session::open`] picks the language plugin, makes sure the image is
//! there, creates the sandbox (or attaches to an existing container), trusts
//! the CA bundle if one is configured, and runs the plugin's environment
//! setup (unless skipped). [`Session::run`] installs requested packages, asks
//! the plugin for a plan, writes its files and executes its steps.
//! [`Session::close`] removes the sandbox at once; dropping a session without
//! closing it removes the sandbox too. A session with a `session_timeout`
//! removes its sandbox when the time is up.

mod artifacts;
mod config;
mod files;
mod fork_server;
mod kernel;
mod result;
mod run;

pub use artifacts::ARTIFACTS_VAR;
pub use config::{OutputEncoding, RunOptions, SessionConfig, fork_server_enabled_by_default};
pub use result::{CellError, RunResult};

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::backend::{
    Backend, ExecSpec, ExecUser, ImageStore, LANGUAGE_LABEL, SESSION_LABEL, Sandbox, SandboxSpec,
};
use crate::ca::CaBundle;
use crate::error::{Error, Result};
use crate::owner::{OWNER_LABEL, Owner};
use crate::plan::Step;
use crate::plugin::{LanguagePlugin, PlanContext};
use crate::policy::{CheckReport, PolicyChecker};
use crate::runner::RunnerSandbox;
use crate::runtime_config::VolumeBind;
use crate::sandbox::SandboxHost;

/// An open sandbox for one language.
pub struct Session {
    backend: Arc<dyn Backend>,
    sandbox: Arc<dyn Sandbox>,
    /// The same sandbox with the in-sandbox runner in front, when the
    /// session uses it.
    runner: Option<Arc<RunnerSandbox>>,
    /// The live interpreter of an interactive session.
    kernel: Option<kernel::Kernel>,
    /// Where that kernel's cells leave their artifacts, when captured.
    kernel_artifacts: Option<artifacts::ArtifactDir>,
    /// The warm-start server of a non-interactive session, when the
    /// language has one.
    fork_server: Option<fork_server::ForkServer>,
    plugin: Arc<LanguagePlugin>,
    config: SessionConfig,
    ctx: PlanContext,
    checker: PolicyChecker,
    runs: AtomicU64,
    /// Attached to a container the user owns: never removed by us.
    attached: bool,
    /// This session pulled or built its image (removed on close unless kept).
    image_created: bool,
    closed: bool,
    expiry: Option<Expiry>,
}

/// The timer that ends a session after `session_timeout`.
struct Expiry {
    expired: Arc<AtomicBool>,
    timer: tokio::task::JoinHandle<()>,
    after: Duration,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("language", &self.plugin.name())
            .field("backend", &self.backend.name())
            .field("sandbox", &self.sandbox.id())
            .field("image", &self.sandbox.image())
            .field("attached", &self.attached)
            .finish()
    }
}

impl Session {
    /// Open a session on `host` (see the module docs for what happens).
    /// [`SandboxHost::open`] hands out a session of a warm pool instead
    /// when there is one of this kind ready; this always opens a new one.
    pub async fn open(host: &SandboxHost, config: SessionConfig) -> Result<Session> {
        Self::open_labeled(host, config, BTreeMap::new()).await
    }

    /// Open a session whose sandbox carries `labels` too. A pool's sessions
    /// ([`crate::pool::POOL_LABEL`]) never remove the image they pulled: the
    /// pool goes on using it.
    pub(crate) async fn open_labeled(
        host: &SandboxHost,
        config: SessionConfig,
        labels: BTreeMap<String, String>,
    ) -> Result<Session> {
        config.validate()?;
        let pooled = labels.contains_key(crate::pool::POOL_LABEL);
        let plugin = host.plugins().language(&config.lang)?;
        // A policy that refuses its configuration fails here, before any sandbox exists.
        let checker = PolicyChecker::new(host.plugins(), plugin.clone(), &config.policies)?;
        let ca = config
            .ca_bundle
            .as_deref()
            .map(|path| CaBundle::from_file(path, &config.workdir))
            .transpose()?;
        let backend = host.backend().clone();
        check_backend(backend.as_ref(), &config)?;
        let started = Instant::now();
        // Where the engine shares our disk, the runner is bind-mounted.
        let runner_mount = (config.runner && backend.mounts_host_paths())
            .then(crate::runner::binary::host_copy)
            .flatten();
        let (sandbox, attached, image_created) = match &config.container_id {
            Some(id) => (backend.attach(id, &config.workdir).await?, true, false),
            None => {
                let images = backend.images();
                let (image, created) = match (&config.dockerfile, images) {
                    (Some(dockerfile), Some(images)) => {
                        (build(host, images, &plugin, dockerfile).await?, true)
                    }
                    _ => {
                        let image = config
                            .image
                            .clone()
                            .or_else(|| backend.default_image().map(str::to_string))
                            .unwrap_or_else(|| plugin.info().default_image.clone());
                        let pulled = match images {
                            Some(images) => {
                                let hint = image_hint(&image, &plugin);
                                images.ensure(&image, &hint, host.progress()).await?
                            }
                            None => false,
                        };
                        (image, pulled)
                    }
                };
                let mut spec = sandbox_spec(&config, &plugin, &image, ca.as_ref());
                spec.labels.extend(labels);
                if let Some(path) = &runner_mount {
                    spec.runtime.volumes.insert(
                        path.display().to_string(),
                        VolumeBind {
                            bind: crate::runner::SANDBOX_PATH.into(),
                            mode: "ro".into(),
                        },
                    );
                }
                match backend.create(&spec).await {
                    Ok(sandbox) => (sandbox, false, created),
                    Err(e) => {
                        if created
                            && !config.keep_template
                            && let Some(images) = images
                        {
                            let _ = images.remove(&image).await;
                        }
                        return Err(e);
                    }
                }
            }
        };
        let (sandbox, runner): (Arc<dyn Sandbox>, _) = if config.runner {
            let mounted = runner_mount.is_some() && !attached;
            let runner = Arc::new(RunnerSandbox::start(sandbox, mounted));
            (runner.clone(), Some(runner))
        } else {
            (Arc::from(sandbox), None)
        };
        tracing::debug!(
            backend = backend.name(),
            sandbox = sandbox.id(),
            image = sandbox.image(),
            attached,
            elapsed = ?started.elapsed(),
            "sandbox ready"
        );
        let ctx = PlanContext {
            workdir: config.workdir.clone(),
            // An existing container is used as it is.
            setup_done: !(config.skip_environment_setup || attached),
            managed_environment: backend.managed_environment(),
        };
        // From here on the session owns the container: an error drops it,
        // and dropping removes the container (unless attached).
        let mut session = Session {
            backend,
            sandbox,
            runner,
            kernel: None,
            kernel_artifacts: None,
            fork_server: None,
            plugin,
            config,
            ctx,
            checker,
            runs: AtomicU64::new(0),
            attached,
            image_created: image_created && !pooled,
            closed: false,
            expiry: None,
        };
        if let Some(ca) = &ca {
            session.install_ca(ca).await?;
        }
        if session.ctx.setup_done {
            session.setup().await?;
        }
        if session.config.interactive {
            let (kernel, artifacts) = session.start_kernel().await?;
            session.kernel = Some(kernel);
            session.kernel_artifacts = artifacts;
        } else if session.config.fork_server {
            session.fork_server = session.start_fork_server();
        }
        session.expiry = session
            .config
            .session_timeout
            .map(|after| session.start_expiry(after));
        tracing::debug!(elapsed = ?started.elapsed(), "session open");
        Ok(session)
    }

    /// A session opened for a warm pool, made the caller's: its policies,
    /// timeouts, limits and session timeout (from now).
    pub(crate) fn adopt(mut self, host: &SandboxHost, config: SessionConfig) -> Result<Session> {
        config.validate()?;
        if !config.fork_server {
            self.fork_server = None;
        }
        self.checker = PolicyChecker::new(host.plugins(), self.plugin.clone(), &config.policies)?;
        self.config = config;
        if let Some(expiry) = self.expiry.take() {
            expiry.timer.abort();
        }
        self.expiry = self
            .config
            .session_timeout
            .map(|after| self.start_expiry(after));
        Ok(self)
    }

    fn start_expiry(&self, after: Duration) -> Expiry {
        let expired = Arc::new(AtomicBool::new(false));
        let flag = expired.clone();
        let sandbox = self.sandbox.clone();
        let attached = self.attached;
        let timer = tokio::spawn(async move {
            tokio::time::sleep(after).await;
            flag.store(true, Ordering::SeqCst);
            tracing::debug!(sandbox = sandbox.id(), "session expired");
            if !attached && let Err(e) = sandbox.remove().await {
                tracing::warn!("could not remove the expired sandbox: {e}");
            }
        });
        Expiry {
            expired,
            timer,
            after,
        }
    }

    async fn install_ca(&self, ca: &CaBundle) -> Result<()> {
        self.sandbox.write_files(&ca.files()).await?;
        let mut spec = self.exec_spec(&ca.install_step(), self.config.install_timeout);
        if !self.sandbox.can_run_as_root() {
            return Err(Error::Unsupported {
                option: "ca_bundle".into(),
                backend: self.backend.name(),
                reason: "installing a CA bundle needs root inside the sandbox, which this one does not allow; bake the CA into the image".into(),
            });
        }
        spec.user = ExecUser::Root;
        let out = self.sandbox.exec(spec).await?;
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
        let specs = self
            .plugin
            .setup(&self.ctx)?
            .iter()
            .map(|step| self.exec_spec(step, self.config.install_timeout))
            .collect();
        match self.sandbox.exec_all(specs).await?.pop() {
            Some(out) if out.exit_code != 0 => Err(Error::SetupFailed {
                exit_code: out.exit_code,
                stderr: tail(&out.stderr),
            }),
            _ => Ok(()),
        }
    }

    async fn start_kernel(&self) -> Result<(kernel::Kernel, Option<artifacts::ArtifactDir>)> {
        if !self.plugin.info().capabilities.interactive {
            return Err(Error::PluginRefused {
                plugin: self.plugin.name().to_string(),
                message: "not supported: interactive sessions (this language plugin has no kernel)"
                    .into(),
            });
        }
        let Some(runner) = &self.runner else {
            return Err(Error::Unsupported {
                option: "interactive".into(),
                backend: self.backend.name(),
                reason: "interactive sessions run their kernel through the in-sandbox runner, \
                         which this session turned off (runner = false, or LLM_SANDBOX_RUNNER=off)"
                    .into(),
            });
        };
        let artifacts = (self.config.artifacts.as_ref())
            .map(|o| artifacts::ArtifactDir::new(o, &self.config.workdir, "kernel"));
        if let Some(dir) = &artifacts {
            dir.reset(self.sandbox.as_ref()).await?;
        }
        let plots = artifacts.as_ref().and_then(artifacts::ArtifactDir::plots);
        let mut plan = self.plugin.kernel(&self.ctx, plots.as_ref())?;
        plan.start
            .workdir
            .get_or_insert_with(|| self.config.workdir.clone());
        plan.start
            .env
            .extend(artifacts.as_ref().and_then(artifacts::ArtifactDir::env));
        Ok((kernel::Kernel::start(runner, plan).await?, artifacts))
    }

    /// Start the plugin's fork server in the background, when it has one
    /// and the runner is on (never an error: runs then start fresh
    /// processes).
    fn start_fork_server(&self) -> Option<fork_server::ForkServer> {
        let runner = self.runner.as_ref()?;
        let mut plan = match self.plugin.fork_server(&self.ctx, None) {
            Ok(Some(plan)) => plan,
            Ok(None) => return None,
            Err(e) => {
                tracing::debug!("no fork server: {e}");
                return None;
            }
        };
        plan.start
            .workdir
            .get_or_insert_with(|| self.config.workdir.clone());
        tracing::debug!(program = %plan.program, "starting the fork server");
        Some(fork_server::ForkServer::start(runner.clone(), plan))
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
            user: ExecUser::Sandbox,
            stdin: None,
            timeout,
            output_limit: self.config.output_limit,
            on_output: None,
        }
    }

    /// Fail if the session was closed or has expired.
    fn ensure_open(&self) -> Result<()> {
        if self.closed {
            return Err(Error::SessionClosed);
        }
        match &self.expiry {
            Some(e) if e.expired.load(Ordering::SeqCst) => {
                Err(Error::SessionExpired { after: e.after })
            }
            _ => Ok(()),
        }
    }

    /// An engine error during a call becomes "session expired" when the
    /// session's time ran out meanwhile (its sandbox was removed under it).
    fn explain(&self, err: Error) -> Error {
        match &self.expiry {
            Some(e) if e.expired.load(Ordering::SeqCst) => Error::SessionExpired { after: e.after },
            _ => err,
        }
    }

    /// A call that finished while the session expired did not finish on its
    /// own: the sandbox was removed under it (its exit code would be a lie).
    fn check_not_expired<T>(&self, result: Result<T>) -> Result<T> {
        self.ensure_open()?;
        result.map_err(|e| self.explain(e))
    }

    /// Check `code` with the session's security policies without running
    /// it: `(true, findings)` when it may run. Findings below the thresholds
    /// are included (see [`crate::Finding::blocking`]).
    pub fn is_safe(&self, code: &str) -> Result<(bool, Vec<crate::Finding>)> {
        let report = self.check(code, &[])?;
        Ok((report.allowed, report.findings))
    }

    /// Check `code`, to be run after installing `packages`, with the
    /// session's security policies.
    pub fn check(&self, code: &str, packages: &[String]) -> Result<CheckReport> {
        self.checker.check(code, packages)
    }

    /// The language plugin of this session.
    pub fn plugin(&self) -> &Arc<LanguagePlugin> {
        &self.plugin
    }

    /// The sandbox's id on its engine (a container id).
    pub fn container_id(&self) -> &str {
        self.sandbox.id()
    }

    /// How many steps of this session's runs (R runs, Java compiles) went
    /// through the language's warm fork server rather than a fresh process
    /// (see [`SessionConfig::fork_server`]).
    pub fn fork_server_runs(&self) -> u64 {
        self.fork_server.as_ref().map_or(0, |s| s.served())
    }

    /// The image the sandbox runs.
    pub fn image(&self) -> &str {
        self.sandbox.image()
    }

    /// The sandbox, for operations sessions do not wrap (such as Podman's
    /// systemd unit).
    pub fn sandbox(&self) -> &Arc<dyn Sandbox> {
        &self.sandbox
    }

    /// The backend the sandbox runs on.
    pub fn backend(&self) -> &Arc<dyn Backend> {
        &self.backend
    }

    /// Commit the sandbox if asked to, remove it (an attached container is
    /// left running), and remove an image this session pulled or built unless
    /// `keep_template`. If removal fails, dropping the session tries again.
    pub async fn close(mut self) -> Result<()> {
        if let Some(expiry) = &self.expiry {
            expiry.timer.abort();
            if expiry.expired.load(Ordering::SeqCst) {
                // The timer already removed the sandbox.
                self.closed = true;
                return Ok(());
            }
        }
        let images = self.backend.images();
        let image = self.sandbox.image().to_string();
        let committed_to = match (self.config.commit_container, images) {
            (true, Some(images)) => {
                let target = self.config.commit_image.clone().unwrap_or(image.clone());
                images.commit(self.sandbox.as_ref(), &target).await?;
                Some(target)
            }
            _ => None,
        };
        if !self.attached {
            self.sandbox.remove().await?;
        }
        self.closed = true;
        let keep = self.config.keep_template || committed_to.as_deref() == Some(&image);
        if self.image_created
            && !keep
            && let Some(images) = images
        {
            images.remove(&image).await?;
        }
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(expiry) = &self.expiry {
            expiry.timer.abort();
        }
        if !self.attached && !self.closed {
            tracing::debug!(
                sandbox = self.sandbox.id(),
                "session dropped without close; removing its sandbox"
            );
            self.sandbox.remove_blocking();
        }
    }
}

/// Build the image of a session from its Dockerfile; the tag is derived from
/// the Dockerfile's path and contents, so equal Dockerfiles share an image.
async fn build(
    host: &SandboxHost,
    images: &dyn ImageStore,
    plugin: &LanguagePlugin,
    dockerfile: &Path,
) -> Result<String> {
    use sha2::{Digest, Sha256};
    let text = std::fs::read(dockerfile).map_err(|e| Error::io(dockerfile, e))?;
    let absolute = std::fs::canonicalize(dockerfile).map_err(|e| Error::io(dockerfile, e))?;
    let context = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
    let name = absolute
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("Dockerfile")
        .to_string();
    let mut hasher = Sha256::new();
    hasher.update(absolute.to_string_lossy().as_bytes());
    hasher.update(&text);
    let hash: String = hasher.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let tag = format!("llm-sandbox-build/{}:{hash}", safe_name(plugin.name()));
    images.build(&context, &name, &tag, host.progress()).await?;
    Ok(tag)
}

/// Refuse, before any sandbox exists, what the backend cannot do for this
/// session: options that need image operations, runtime-config keys it
/// cannot honour.
fn check_backend(backend: &dyn Backend, config: &SessionConfig) -> Result<()> {
    if backend.images().is_none() {
        let needs = [
            (config.dockerfile.is_some(), "dockerfile"),
            (config.commit_container, "commit_container"),
        ];
        if let Some((_, option)) = needs.iter().find(|(set, _)| *set) {
            return Err(Error::Unsupported {
                option: (*option).to_string(),
                backend: backend.name(),
                reason:
                    "this backend has no image operations (build, commit); use a prebuilt image"
                        .into(),
            });
        }
    }
    backend.check_runtime(&config.runtime)
}

/// What to do when an image is missing: only the plugin's default image can
/// be built by `host images bootstrap`.
fn image_hint(image: &str, plugin: &LanguagePlugin) -> String {
    if image == plugin.info().default_image {
        format!(
            "build it locally with `host images bootstrap {}`, or pass --image with an image you have",
            plugin.name()
        )
    } else {
        "pull or build it, or pass --image with an image you have".to_string()
    }
}

fn sandbox_spec(
    config: &SessionConfig,
    plugin: &LanguagePlugin,
    image: &str,
    ca: Option<&CaBundle>,
) -> SandboxSpec {
    let session_id = crate::unique_id();
    let mut env = config.env.clone();
    if let Some(ca) = ca {
        env.extend(ca.env());
    }
    SandboxSpec {
        image: image.to_string(),
        name: container_name(plugin.name(), &session_id),
        workdir: config.workdir.clone(),
        env,
        labels: [
            (SESSION_LABEL.to_string(), session_id),
            (LANGUAGE_LABEL.to_string(), plugin.name().to_string()),
            (OWNER_LABEL.to_string(), Owner::current().label()),
        ]
        .into(),
        runtime: config.runtime.clone(),
    }
}

/// A valid container name for a session of `language`.
fn container_name(language: &str, session_id: &str) -> String {
    format!("llm-sandbox-{}-{session_id}", safe_name(language))
}

/// `language` with every character that container and image names do not
/// allow replaced by `-`.
fn safe_name(language: &str) -> String {
    language
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The last lines of a process's stderr, for error messages (the whole of it
/// was already streamed to the caller).
fn tail(stderr: &[u8]) -> String {
    crate::error::last_lines(&String::from_utf8_lossy(stderr), 20)
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
    fn stderr_tails_are_decoded_lossily() {
        assert_eq!(tail(b"ok \xff\nlast\n"), "ok \u{fffd}\nlast");
    }
}
