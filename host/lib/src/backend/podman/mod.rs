//! The Podman backend: containers are created through Podman's own libpod
//! API (so they can join a pod, take `userns_mode = "keep-id"`, and have a
//! systemd unit generated), and driven through the Docker-compatible API
//! Podman serves on the same socket (exec, archive, images, listing).
//!
//! The socket is found as Podman's own tools find it: `CONTAINER_HOST`,
//! else the user's `$XDG_RUNTIME_DIR/podman/podman.sock` (rootless), else
//! `/run/podman/podman.sock` (rootful). Start it with
//! `podman system service --time=0`.

mod libpod;
mod spec_generator;

use std::collections::BTreeMap;
use std::path::Path;

use async_trait::async_trait;

use super::engine_api::{self, Endpoint, EngineApi};
use super::{Backend, ImageStore, MANAGED_LABEL, ManagedSandbox, Sandbox, SandboxSpec};
use crate::error::{Error, Result};
use crate::runtime_config::RuntimeConfig;
use libpod::Socket;

const ENGINE: &str = "Podman";

/// The rootful service's socket.
const ROOTFUL_SOCKET: &str = "unix:///run/podman/podman.sock";

/// Options of [`PodmanBackend::generate_systemd`], as `podman generate
/// systemd` takes them.
#[derive(Debug, Clone, Default)]
pub struct SystemdUnitOptions {
    /// `Restart=` policy (`on-failure` when `None`).
    pub restart_policy: Option<String>,
    /// Seconds to wait for the container to stop.
    pub stop_timeout: Option<u32>,
    /// A unit that creates a new container from the image (`--new`)
    /// rather than starting this one.
    pub new: bool,
}

/// A Podman engine.
#[derive(Debug, Clone)]
pub struct PodmanBackend {
    api: EngineApi,
    socket: Socket,
}

impl PodmanBackend {
    /// The socket Podman's tools would use (see the module docs).
    pub fn default_address() -> String {
        if let Ok(host) = std::env::var("CONTAINER_HOST")
            && !host.is_empty()
        {
            return host;
        }
        if let Some(dir) = std::env::var_os("XDG_RUNTIME_DIR") {
            let socket = Path::new(&dir).join("podman/podman.sock");
            if socket.exists() {
                return format!("unix://{}", socket.display());
            }
        }
        ROOTFUL_SOCKET.to_string()
    }

    /// Connect to [`Self::default_address`].
    pub async fn connect() -> Result<Self> {
        Self::connect_to(&Self::default_address()).await
    }

    /// Connect to the service at `address` (`unix:///…` or `tcp://…`).
    pub async fn connect_to(address: &str) -> Result<Self> {
        let hint = "Start it with `podman system service --time=0` (as the user whose containers to use), or set CONTAINER_HOST";
        let Some(socket) = Socket::parse(address) else {
            return Err(Error::EngineUnreachable {
                engine: ENGINE,
                address: address.to_string(),
                reason: "this host speaks to Podman over unix:// or tcp:// (for ssh://, forward the socket with `ssh -L`)".into(),
                hint: hint.into(),
                source: None,
            });
        };
        let endpoint = Endpoint {
            address: address.to_string(),
            tls: None,
        };
        let api = EngineApi::connect(ENGINE, endpoint, hint).await?;
        Ok(PodmanBackend { api, socket })
    }

    /// The systemd unit(s) for a sandbox, as `podman generate systemd`
    /// writes them: unit file name → contents.
    pub async fn generate_systemd(
        &self,
        sandbox: &dyn Sandbox,
        options: &SystemdUnitOptions,
    ) -> Result<BTreeMap<String, String>> {
        let mut query = format!(
            "?useName=true&new={}&restartPolicy={}",
            options.new,
            options.restart_policy.as_deref().unwrap_or("on-failure")
        );
        if let Some(timeout) = options.stop_timeout {
            query.push_str(&format!("&stopTimeout={timeout}"));
        }
        let path = format!("/generate/{}/systemd{query}", sandbox.id());
        self.get_json(&path, "generate the systemd unit").await
    }

    /// `GET path` from libpod, expecting 200 and a JSON answer of type `T`;
    /// `action` names it in errors.
    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        action: &str,
    ) -> Result<T> {
        let reply = libpod::call(&self.socket, "GET", path, None).await?;
        if reply.status != 200 {
            return Err(self.libpod_error(action, &reply));
        }
        serde_json::from_slice(&reply.body).map_err(|e| Error::Engine {
            engine: ENGINE,
            action: action.into(),
            reason: format!("unexpected answer: {e}"),
            status: Some(reply.status),
            source: Some(Box::new(e)),
        })
    }

    fn libpod_error(&self, action: &str, reply: &libpod::Reply) -> Error {
        Error::Engine {
            engine: ENGINE,
            action: action.to_string(),
            reason: reply.message(),
            status: Some(reply.status),
            source: None,
        }
    }

    async fn check_pod(&self, pod: &str) -> Result<()> {
        let reply = libpod::call(&self.socket, "GET", &format!("/pods/{pod}/exists"), None).await?;
        match reply.status {
            204 => Ok(()),
            404 => Err(Error::InvalidConfig(format!(
                "runtime config: pod `{pod}` does not exist on Podman; create it first (`podman pod create --name {pod}`)"
            ))),
            _ => Err(self.libpod_error(&format!("look up pod {pod}"), &reply)),
        }
    }
}

#[async_trait]
impl Backend for PodmanBackend {
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
        spec_generator::check(runtime)
    }

    fn images(&self) -> Option<&dyn ImageStore> {
        Some(&self.api)
    }

    fn mounts_host_paths(&self) -> bool {
        self.api.shares_host_disk()
    }

    async fn create(&self, spec: &SandboxSpec) -> Result<Box<dyn Sandbox>> {
        if let Some(pod) = &spec.runtime.pod {
            self.check_pod(pod).await?;
        }
        let body = spec_generator::spec_generator(spec);
        tracing::trace!(%body, "libpod container spec");
        // Dropped while the engine creates it, the container is removed.
        let pending = engine_api::RemoveOnDrop::pending(&self.api, &spec.name);
        let reply =
            match libpod::call(&self.socket, "POST", "/containers/create", Some(&body)).await {
                Ok(reply) => reply,
                Err(e) => {
                    // The answer was lost: the container may exist, or land later.
                    pending.disarm();
                    let _ = self.api.remove_once_landed(&spec.name).await;
                    return Err(e);
                }
            };
        if reply.status != 201 && reply.status != 200 {
            pending.disarm();
            return Err(
                self.libpod_error(&format!("create container from `{}`", spec.image), &reply)
            );
        }
        let id = serde_json::from_slice::<serde_json::Value>(&reply.body)
            .ok()
            .and_then(|v| v.get("Id").and_then(|i| i.as_str()).map(String::from))
            .ok_or_else(|| self.libpod_error("create container (no id in the answer)", &reply))?;
        pending.disarm();
        let sandbox = engine_api::start_sandbox(&self.api, id, spec).await?;
        Ok(Box::new(sandbox))
    }

    async fn attach(&self, id: &str, workdir: &str) -> Result<Box<dyn Sandbox>> {
        Ok(Box::new(self.api.attach(id, workdir).await?))
    }

    async fn list_managed(&self) -> Result<Vec<ManagedSandbox>> {
        // Through libpod, not the compat listing: that one reports Podman's
        // own states (`stopped`), which a Docker-typed answer cannot parse.
        let filters = serde_json::json!({ "label": [format!("{MANAGED_LABEL}=true")] });
        let path = format!(
            "/containers/json?all=true&filters={}",
            libpod::query_value(&filters.to_string())
        );
        let listed: Vec<libpod::ListedContainer> = self.get_json(&path, "list containers").await?;
        Ok(listed
            .into_iter()
            .map(|c| ManagedSandbox {
                id: c.id,
                name: c.names.into_iter().next().unwrap_or_default(),
                labels: c.labels.unwrap_or_default(),
            })
            .collect())
    }

    async fn remove_by_id(&self, id: &str) -> Result<()> {
        self.api.remove_container(id).await
    }
}
