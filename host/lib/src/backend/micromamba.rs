//! The Micromamba backend: sandboxes on a Docker or Podman engine whose
//! every process runs inside a named environment (`micromamba run -n ENV
//! …`), so the interpreter, and whatever a session installs, is that
//! environment's. The image must have `micromamba` on its `PATH`; opening a
//! session checks it (and the environment) and says so when it has not.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use super::{
    Backend, ExecSpec, ImageStore, ManagedSandbox, Process, ProcessSpec, Sandbox, SandboxSpec,
};
use crate::archive::ExtractLimits;
use crate::error::{Error, Result};
use crate::plan::SandboxFile;
use crate::runtime_config::RuntimeConfig;

/// The image sessions use when they name none: the Micromamba project's own.
pub const DEFAULT_MICROMAMBA_IMAGE: &str = "mambaorg/micromamba:latest";

/// Micromamba environments on top of another engine.
#[derive(Clone)]
pub struct MicromambaBackend {
    engine: Arc<dyn Backend>,
    environment: String,
    image: String,
}

impl std::fmt::Debug for MicromambaBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MicromambaBackend")
            .field("engine", &self.engine.name())
            .field("environment", &self.environment)
            .finish()
    }
}

impl MicromambaBackend {
    /// Run every process of every sandbox of `engine` in `environment`
    /// (`base` when `None`).
    pub fn new(engine: Arc<dyn Backend>, environment: Option<&str>) -> Self {
        MicromambaBackend {
            engine,
            environment: environment.unwrap_or("base").to_string(),
            image: DEFAULT_MICROMAMBA_IMAGE.to_string(),
        }
    }

    /// Use `image` when a session names none (instead of
    /// [`DEFAULT_MICROMAMBA_IMAGE`]).
    pub fn with_default_image(mut self, image: &str) -> Self {
        self.image = image.to_string();
        self
    }

    /// The environment processes run in.
    pub fn environment(&self) -> &str {
        &self.environment
    }

    /// Wrap `inner`, after checking that `micromamba run -n ENV` works in it.
    async fn wrap(&self, inner: Box<dyn Sandbox>) -> Result<Box<dyn Sandbox>> {
        let probe = ExecSpec {
            timeout: Some(Duration::from_secs(60)),
            ..ExecSpec::new(["micromamba", "run", "-n", &self.environment, "true"])
        };
        let missing = |detail: String| Error::ProgramMissing {
            image: inner.image().to_string(),
            program: "micromamba".into(),
            hint: format!(
                "{detail}; use an image with micromamba and an environment `{}` (such as {DEFAULT_MICROMAMBA_IMAGE}), or --backend docker",
                self.environment
            ),
        };
        let failure = match inner.exec(probe).await {
            Ok(out) if out.exit_code == 0 => {
                return Ok(Box::new(MambaSandbox {
                    inner,
                    environment: self.environment.clone(),
                }));
            }
            Ok(out) => missing(format!(
                "`micromamba run -n {}` exited with {}: {}",
                self.environment,
                out.exit_code,
                crate::error::last_lines(&String::from_utf8_lossy(&out.stderr), 5)
            )),
            Err(e @ Error::Timeout { .. }) => e,
            Err(e) => missing(e.to_string()),
        };
        Err(failure)
    }
}

#[async_trait]
impl Backend for MicromambaBackend {
    fn name(&self) -> &'static str {
        "Micromamba"
    }

    fn endpoint(&self) -> String {
        format!("{} on {}", self.engine.endpoint(), self.engine.name())
    }

    async fn version(&self) -> Result<String> {
        self.engine.version().await
    }

    fn check_runtime(&self, runtime: &RuntimeConfig) -> Result<()> {
        self.engine.check_runtime(runtime)
    }

    fn images(&self) -> Option<&dyn ImageStore> {
        self.engine.images()
    }

    fn mounts_host_paths(&self) -> bool {
        self.engine.mounts_host_paths()
    }

    fn managed_environment(&self) -> bool {
        true
    }

    fn default_image(&self) -> Option<&str> {
        Some(&self.image)
    }

    async fn create(&self, spec: &SandboxSpec) -> Result<Box<dyn Sandbox>> {
        let inner = self.engine.create(spec).await?;
        let id = inner.id().to_string();
        match self.wrap(inner).await {
            Ok(sandbox) => Ok(sandbox),
            Err(e) => {
                // Created for nothing: remove it before reporting.
                if let Err(removal) = self.engine.remove_by_id(&id).await {
                    tracing::warn!("could not remove the sandbox: {removal}");
                }
                Err(e)
            }
        }
    }

    async fn attach(&self, id: &str, workdir: &str) -> Result<Box<dyn Sandbox>> {
        let inner = self.engine.attach(id, workdir).await?;
        self.wrap(inner).await
    }

    async fn list_managed(&self) -> Result<Vec<ManagedSandbox>> {
        self.engine.list_managed().await
    }

    async fn remove_by_id(&self, id: &str) -> Result<()> {
        self.engine.remove_by_id(id).await
    }
}

/// A sandbox whose processes run in a Micromamba environment; file
/// transfer is the engine's own.
struct MambaSandbox {
    inner: Box<dyn Sandbox>,
    environment: String,
}

#[async_trait]
impl Sandbox for MambaSandbox {
    fn id(&self) -> &str {
        self.inner.id()
    }

    fn image(&self) -> &str {
        self.inner.image()
    }

    fn can_run_as_root(&self) -> bool {
        self.inner.can_run_as_root()
    }

    async fn spawn(&self, mut spec: ProcessSpec) -> Result<Process> {
        let mut argv = ["micromamba", "run", "-n", &self.environment]
            .map(String::from)
            .to_vec();
        argv.append(&mut spec.argv);
        spec.argv = argv;
        self.inner.spawn(spec).await
    }

    async fn write_files(&self, files: &[SandboxFile]) -> Result<()> {
        self.inner.write_files(files).await
    }

    async fn copy_in(&self, source: &Path, dest: &str) -> Result<()> {
        self.inner.copy_in(source, dest).await
    }

    async fn copy_out(&self, source: &str, dest: &Path, limits: &ExtractLimits) -> Result<u64> {
        self.inner.copy_out(source, dest, limits).await
    }

    async fn archive_out(&self, source: &str) -> Result<crate::backend::ByteStream> {
        self.inner.archive_out(source).await
    }

    async fn remove(&self) -> Result<()> {
        self.inner.remove().await
    }

    fn remove_blocking(&self) {
        self.inner.remove_blocking();
    }
}
