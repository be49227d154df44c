//! [`SandboxHost`]: the long-lived context an application keeps — loaded
//! plugins, a connected backend — from which sessions are opened.

use std::sync::Arc;

use crate::backend::{Backend, BackendChoice, ProgressSink};
use crate::error::Result;
use crate::plugin::PluginRegistry;
use crate::pool::{PoolOptions, PoolStatus, Pools};
use crate::session::{Session, SessionConfig};

/// Plugins plus a backend: open sessions from it.
///
/// ```no_run
/// # async fn demo() -> llm_sandbox_host::Result<()> {
/// use llm_sandbox_host::{SandboxHost, SessionConfig};
///
/// let host = SandboxHost::docker().await?;
/// let session = host.open(SessionConfig::new("python")).await?;
/// let result = session.run("print(6 * 7)", &[]).await?;
/// assert_eq!(result.stdout, "42\n");
/// session.close().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct SandboxHost {
    plugins: Arc<PluginRegistry>,
    backend: Arc<dyn Backend>,
    progress: Option<ProgressSink>,
    pools: Arc<Pools>,
}

impl std::fmt::Debug for SandboxHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxHost")
            .field("backend", &self.backend.name())
            .field("plugins", &self.plugins)
            .finish()
    }
}

impl SandboxHost {
    /// The built-in plugins (plus the default plugin directory) on the local
    /// Docker engine (`DOCKER_HOST` or the default socket).
    #[cfg(feature = "docker")]
    pub async fn docker() -> Result<Self> {
        let backend = crate::backend::DockerBackend::connect().await?;
        Self::with_default_plugins(Arc::new(backend)).await
    }

    /// The built-in plugins on the Podman service (`CONTAINER_HOST`, the
    /// user's socket, or the rootful one).
    #[cfg(feature = "podman")]
    pub async fn podman() -> Result<Self> {
        let backend = crate::backend::PodmanBackend::connect().await?;
        Self::with_default_plugins(Arc::new(backend)).await
    }

    /// The built-in plugins on the backend `choice` picks (`auto`: the
    /// first engine that answers). Returns what `auto` skipped too.
    pub async fn connect(choice: &BackendChoice) -> Result<(Self, crate::backend::Connected)> {
        let connected = choice.connect().await?;
        let host = Self::with_default_plugins(connected.backend.clone()).await?;
        Ok((host, connected))
    }

    /// The built-in plugins (plus the default plugin directory) on `backend`.
    pub async fn with_default_plugins(backend: Arc<dyn Backend>) -> Result<Self> {
        let plugins = tokio::task::spawn_blocking(PluginRegistry::with_defaults)
            .await
            .map_err(|e| crate::Error::InvalidConfig(format!("plugin loading panicked: {e}")))??;
        Ok(SandboxHost::new(plugins, backend))
    }

    /// A host with the given plugins and backend.
    pub fn new(plugins: PluginRegistry, backend: Arc<dyn Backend>) -> Self {
        SandboxHost {
            plugins: Arc::new(plugins),
            backend,
            progress: None,
            pools: Arc::default(),
        }
    }

    /// Report progress of long operations (image pulls) to `sink`.
    pub fn with_progress(mut self, sink: ProgressSink) -> Self {
        self.progress = Some(sink);
        self
    }

    /// Open a session: from a warm pool when one of its kind is ready
    /// (see [`SandboxHost::keep_warm`]), else a new one.
    pub async fn open(&self, config: SessionConfig) -> Result<Session> {
        if let Some(session) = self.pools.take(self, &config) {
            tracing::debug!(
                sandbox = session.container_id(),
                "session from the warm pool"
            );
            return session.adopt(self, config);
        }
        Session::open(self, config).await
    }

    /// Keep `options.size` sessions like `config` open ahead of demand, so
    /// that [`SandboxHost::open`] hands one out in milliseconds (the sandbox
    /// created, the runner up, setup and an interactive kernel done). A
    /// session is of the pool's kind when it asks for the same language,
    /// image, runtime config, environment, work dir, CA bundle, setup,
    /// runner and interactivity; its policies, timeouts and limits are its
    /// own. Returns the pool's name, the value of
    /// [`crate::pool::POOL_LABEL`] on its sandboxes. Needs a tokio runtime.
    /// See [`crate::pool`].
    pub fn keep_warm(&self, config: SessionConfig, options: PoolOptions) -> Result<String> {
        self.pools.add(self, config, options)
    }

    /// What the warm pools hold.
    pub fn pool_status(&self) -> Vec<PoolStatus> {
        self.pools.status()
    }

    /// Stop the warm pools and remove their ready sandboxes (dropping the
    /// last clone of the host does that too, without waiting).
    pub async fn drain_pools(&self) {
        self.pools.drain().await;
    }

    /// The same plugins and backend, without pools (what a pool's own task
    /// opens sessions with).
    pub(crate) fn without_pools(&self) -> SandboxHost {
        SandboxHost {
            pools: Arc::default(),
            ..self.clone()
        }
    }

    /// The loaded plugins.
    pub fn plugins(&self) -> &PluginRegistry {
        &self.plugins
    }

    /// The backend sessions run on.
    pub fn backend(&self) -> &Arc<dyn Backend> {
        &self.backend
    }

    pub(crate) fn progress(&self) -> Option<ProgressSink> {
        self.progress.clone()
    }
}
