//! The Docker backend: a local or remote Docker engine (unix socket, TCP,
//! TCP with TLS), through the Docker API shared with Podman.

mod host_config;

use std::path::PathBuf;

use async_trait::async_trait;
use bollard::models::ContainerCreateBody;
use bollard::query_parameters::CreateContainerOptions;

use super::engine_api::{self, Endpoint, EngineApi, TlsFiles};
use super::{Backend, ImageStore, ManagedSandbox, Sandbox, SandboxSpec};
use crate::error::Result;
use crate::runtime_config::RuntimeConfig;

const ENGINE: &str = "Docker";

/// The default local socket.
const DEFAULT_SOCKET: &str = "unix:///var/run/docker.sock";

/// How to reach a Docker engine: the address and, for TLS, the client
/// certificates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DockerConnection {
    /// `unix:///…`, `tcp://host:port`, `https://host:port`; `None` = the
    /// default local socket.
    pub host: Option<String>,
    /// Client certificates: verify the engine and authenticate to it.
    pub tls: Option<TlsFiles>,
}

impl DockerConnection {
    /// What Docker's own client reads: `DOCKER_HOST`, and with
    /// `DOCKER_TLS_VERIFY` set (to anything but empty or `0`) the
    /// certificates in `DOCKER_CERT_PATH` (default `~/.docker`).
    pub fn from_env() -> Self {
        let host = std::env::var("DOCKER_HOST").ok().filter(|h| !h.is_empty());
        let verify = std::env::var("DOCKER_TLS_VERIFY").is_ok_and(|v| !v.is_empty() && v != "0");
        let tls = verify.then(|| {
            let dir = std::env::var_os("DOCKER_CERT_PATH")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".docker")))
                .unwrap_or_else(|| PathBuf::from(".docker"));
            TlsFiles::in_dir(&dir)
        });
        DockerConnection { host, tls }
    }

    fn endpoint(&self) -> Endpoint {
        let address = self.host.clone().unwrap_or_else(|| DEFAULT_SOCKET.into());
        Endpoint {
            address,
            tls: self.tls.clone(),
        }
    }
}

/// A Docker engine.
#[derive(Debug, Clone)]
pub struct DockerBackend {
    api: EngineApi,
}

impl DockerBackend {
    /// Connect as Docker's client would ([`DockerConnection::from_env`]).
    pub async fn connect() -> Result<Self> {
        Self::connect_with(&DockerConnection::from_env()).await
    }

    /// Connect to the engine at `address` (`unix:///…`, `tcp://…`), without TLS.
    pub async fn connect_to(address: &str) -> Result<Self> {
        Self::connect_with(&DockerConnection {
            host: Some(address.to_string()),
            tls: None,
        })
        .await
    }

    /// Connect as `connection` says, and negotiate the API version.
    pub async fn connect_with(connection: &DockerConnection) -> Result<Self> {
        let hint = "Start the engine (`dockerd`), or point DOCKER_HOST (or --backend) elsewhere";
        let api = EngineApi::connect(ENGINE, connection.endpoint(), hint).await?;
        Ok(DockerBackend { api })
    }

    /// The underlying bollard client, for operations this crate does not wrap.
    pub fn client(&self) -> &bollard::Docker {
        &self.api.client
    }
}

#[async_trait]
impl Backend for DockerBackend {
    fn name(&self) -> &'static str {
        ENGINE
    }

    fn endpoint(&self) -> String {
        self.api.endpoint.address.clone()
    }

    async fn version(&self) -> Result<String> {
        self.api.version().await
    }

    fn check_runtime(&self, runtime: &RuntimeConfig) -> Result<()> {
        host_config::check(runtime)
    }

    fn images(&self) -> Option<&dyn ImageStore> {
        Some(&self.api)
    }

    fn mounts_host_paths(&self) -> bool {
        self.api.shares_host_disk()
    }

    async fn create(&self, spec: &SandboxSpec) -> Result<Box<dyn Sandbox>> {
        let covered =
            spec.runtime.mounts_cover(&spec.workdir) || spec.runtime.read_only == Some(true);
        let body = ContainerCreateBody {
            image: Some(spec.image.clone()),
            // A do-nothing main process keeps the container alive between
            // execs; docker-init (init: true) reaps orphans of user code.
            entrypoint: Some(vec!["sleep".into()]),
            cmd: Some(vec!["infinity".into()]),
            // Docker would create the work dir over a tmpfs mounted there and
            // lose the mount's mode; execs set their own working dir anyway.
            working_dir: (!covered).then(|| spec.workdir.clone()),
            env: Some(
                engine_api::env_of(spec)
                    .into_iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect(),
            ),
            labels: Some(engine_api::labels_of(spec)),
            tty: Some(false),
            user: spec.runtime.user.clone(),
            host_config: Some(host_config::host_config(&spec.runtime, &spec.workdir)),
            ..Default::default()
        };
        let options = CreateContainerOptions {
            name: Some(spec.name.clone()),
            ..Default::default()
        };
        // Dropped while the engine creates it, the container is removed.
        let pending = engine_api::RemoveOnDrop::pending(&self.api, &spec.name);
        let created = match self.api.client.create_container(Some(options), body).await {
            Ok(created) => created,
            Err(e) => {
                // The engine's refusal created nothing; a lost answer may
                // have, or may still.
                pending.disarm();
                if !matches!(e, bollard::errors::Error::DockerResponseServerError { .. }) {
                    let _ = self.api.remove_once_landed(&spec.name).await;
                }
                return Err(self
                    .api
                    .error(&format!("create container from `{}`", spec.image), e));
            }
        };
        pending.disarm();
        let sandbox = engine_api::start_sandbox(&self.api, created.id, spec).await?;
        Ok(Box::new(sandbox))
    }

    async fn attach(&self, id: &str, workdir: &str) -> Result<Box<dyn Sandbox>> {
        Ok(Box::new(self.api.attach(id, workdir).await?))
    }

    async fn list_managed(&self) -> Result<Vec<ManagedSandbox>> {
        self.api.list_managed().await
    }

    async fn remove_by_id(&self, id: &str) -> Result<()> {
        self.api.remove_container(id).await
    }
}
