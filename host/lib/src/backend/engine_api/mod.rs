//! What Docker and Podman share: the Docker-compatible HTTP API, on bollard.
//! Connecting (local socket, TCP, TCP with TLS), listing and removing our
//! containers, attaching, exec, the archive API, and image operations
//! (`images.rs`). Each engine creates its containers its own way and then
//! hands them to [`start_sandbox`].

mod images;
mod sandbox;

pub(crate) use sandbox::{ApiSandbox, FileTransport};

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bollard::Docker;
use bollard::query_parameters::{ListContainersOptions, RemoveContainerOptions};

use super::{ExecSpec, ExecUser, MANAGED_LABEL, ManagedSandbox, SandboxSpec};
use crate::error::{Error, Result};

/// Client certificates for an engine reached over TCP with TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The CA that signed the engine's certificate (`ca.pem`).
    pub ca: PathBuf,
    /// The client certificate (`cert.pem`).
    pub cert: PathBuf,
    /// The client key (`key.pem`).
    pub key: PathBuf,
}

impl TlsFiles {
    /// `ca.pem`, `cert.pem` and `key.pem` in `dir`, as `DOCKER_CERT_PATH` has them.
    pub fn in_dir(dir: &Path) -> Self {
        TlsFiles {
            ca: dir.join("ca.pem"),
            cert: dir.join("cert.pem"),
            key: dir.join("key.pem"),
        }
    }
}

/// Where an engine is, and how to talk to it.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    /// `unix:///…`, `tcp://host:port`, `http://…`, `https://…`.
    pub address: String,
    /// Client certificates, for TLS.
    pub tls: Option<TlsFiles>,
}

/// Seconds an engine call may take before the client gives up.
const CLIENT_TIMEOUT: u64 = 120;

/// A connected Docker-compatible API.
#[derive(Debug, Clone)]
pub(crate) struct EngineApi {
    pub client: Docker,
    pub engine: &'static str,
    pub endpoint: Arc<Endpoint>,
}

impl EngineApi {
    /// Connect to `endpoint` and negotiate the API version. `hint` ends the
    /// error message when the engine cannot be reached.
    pub async fn connect(engine: &'static str, endpoint: Endpoint, hint: &str) -> Result<Self> {
        let address = endpoint.address.clone();
        let unreachable = |reason: String, source: Option<crate::error::BoxError>| {
            // A failed handshake is about certificates, not a stopped engine.
            let hint = if reason.contains(TLS_HINT) {
                "Fix the certificates, or connect without TLS".to_string()
            } else {
                hint.to_string()
            };
            Error::EngineUnreachable {
                engine,
                address: address.clone(),
                reason,
                hint,
                source,
            }
        };
        let version = bollard::API_DEFAULT_VERSION;
        let client = match (&endpoint.tls, address.as_str()) {
            (Some(tls), a) if a.starts_with("tcp://") || a.starts_with("https://") => {
                for (what, path) in [("CA", &tls.ca), ("certificate", &tls.cert), ("key", &tls.key)] {
                    if !path.is_file() {
                        return Err(unreachable(
                            format!("the TLS {what} {} does not exist", path.display()),
                            None,
                        ));
                    }
                }
                Docker::connect_with_ssl(a, &tls.key, &tls.cert, &tls.ca, CLIENT_TIMEOUT, version)
            }
            (Some(_), a) => {
                return Err(unreachable(
                    format!("TLS needs a tcp:// or https:// address, not `{a}`"),
                    None,
                ));
            }
            (None, a) if a.starts_with("unix://") || a.starts_with('/') => {
                let path = a.strip_prefix("unix://").unwrap_or(a);
                Docker::connect_with_unix(path, CLIENT_TIMEOUT, version)
            }
            (None, a) if a.starts_with("tcp://") || a.starts_with("http://") => {
                Docker::connect_with_http(a, CLIENT_TIMEOUT, version)
            }
            (None, a) => {
                return Err(unreachable(
                    format!("`{a}` is not an address this host speaks (unix://, tcp://, http://, https:// with TLS)"),
                    None,
                ));
            }
        }
        .map_err(|e| unreachable(describe_connect_error(&e), Some(Box::new(e))))?;
        let client = client
            .negotiate_version()
            .await
            .map_err(|e| unreachable(describe_connect_error(&e), Some(Box::new(e))))?;
        tracing::debug!(%address, engine, api = %client.client_version(), "connected");
        Ok(EngineApi {
            client,
            engine,
            endpoint: Arc::new(endpoint),
        })
    }

    /// Whether the engine reads this host's disk with at least our rights:
    /// reached over a local socket owned by root (a rootful engine) or by
    /// our own user (a rootless one). Remote engines do not.
    pub fn shares_host_disk(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        let address = &self.endpoint.address;
        let Some(path) = address
            .strip_prefix("unix://")
            .or(address.starts_with('/').then_some(address.as_str()))
        else {
            return false;
        };
        // SAFETY: geteuid has no preconditions.
        let us = unsafe { libc::geteuid() };
        std::fs::metadata(path).is_ok_and(|m| m.uid() == 0 || m.uid() == us)
    }

    /// An engine error, keeping the status code and the source.
    pub fn error(&self, action: &str, e: bollard::errors::Error) -> Error {
        engine_error(self.engine, action, e)
    }

    /// The engine's version.
    pub async fn version(&self) -> Result<String> {
        let v = self
            .client
            .version()
            .await
            .map_err(|e| self.error("read the version", e))?;
        Ok(v.version.unwrap_or_else(|| "unknown".into()))
    }

    /// Every container carrying [`MANAGED_LABEL`], running or not.
    pub async fn list_managed(&self) -> Result<Vec<ManagedSandbox>> {
        let options = ListContainersOptions {
            all: true,
            filters: Some(HashMap::from([(
                "label".to_string(),
                vec![format!("{MANAGED_LABEL}=true")],
            )])),
            ..Default::default()
        };
        let list = self
            .client
            .list_containers(Some(options))
            .await
            .map_err(|e| self.error("list containers", e))?;
        Ok(list
            .into_iter()
            .map(|c| ManagedSandbox {
                id: c.id.unwrap_or_default(),
                name: c
                    .names
                    .and_then(|n| n.into_iter().next())
                    .map(|n| n.trim_start_matches('/').to_string())
                    .unwrap_or_default(),
                labels: c.labels.unwrap_or_default().into_iter().collect(),
            })
            .collect())
    }

    /// Remove a container at once (forced: SIGKILL, no graceful stop),
    /// ignoring one that is already gone.
    pub async fn remove_container(&self, id: &str) -> Result<()> {
        self.remove_if_there(id).await.map(|_| ())
    }

    /// [`EngineApi::remove_container`], saying whether it was there.
    async fn remove_if_there(&self, id: &str) -> Result<bool> {
        let options = RemoveContainerOptions {
            force: true,
            v: true,
            ..Default::default()
        };
        match self.client.remove_container(id, Some(options)).await {
            Ok(()) => Ok(true),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(false),
            Err(e) => Err(self.error("remove container", e)),
        }
    }

    /// Remove a container whose create may still be under way in the
    /// engine (its caller gone, or its answer lost): one not there yet is
    /// waited for (see [`super::remove_once_landed`]).
    pub(crate) async fn remove_once_landed(&self, id: &str) -> Result<()> {
        // An unnamed container cannot be found by name (nor ever is one of
        // ours).
        if id.is_empty() {
            return Ok(());
        }
        super::remove_once_landed(|| self.remove_if_there(id)).await
    }

    /// Remove a container from a synchronous context: a fresh thread with
    /// its own runtime and client works whether or not the caller's runtime
    /// is alive (or shutting down). With `pending`, its create may still be
    /// under way (see [`EngineApi::remove_once_landed`]).
    pub fn remove_blocking(&self, id: &str, pending: bool) {
        let id = id.to_string();
        let engine = self.engine;
        let endpoint = (*self.endpoint).clone();
        super::cleanup_blocking("the sandbox container", move || async move {
            let api = EngineApi::connect(engine, endpoint, "")
                .await
                .map_err(|e| e.to_string())?;
            if pending {
                api.remove_once_landed(&id).await
            } else {
                api.remove_container(&id).await
            }
            .map_err(|e| e.to_string())
        });
    }

    /// Use an existing container: start it if stopped, pick the file
    /// transport that works for it, and make the work dir.
    pub async fn attach(&self, id: &str, workdir: &str) -> Result<ApiSandbox> {
        let info = match self.client.inspect_container(id, None).await {
            Ok(info) => info,
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => {
                return Err(Error::ContainerNotFound {
                    id: id.to_string(),
                    engine: self.engine,
                });
            }
            Err(e) => return Err(self.error("inspect container", e)),
        };
        let full_id = info.id.clone().unwrap_or_else(|| id.to_string());
        let running = info.state.as_ref().and_then(|s| s.running) == Some(true);
        if !running {
            tracing::debug!(container = %full_id, "starting the stopped container");
            self.client
                .start_container(&full_id, None)
                .await
                .map_err(|e| self.error("start container", e))?;
        }
        let config = info.config.unwrap_or_default();
        let user = config
            .user
            .filter(|u| !u.is_empty() && u != "root" && u != "0");
        let read_only = info.host_config.and_then(|h| h.readonly_rootfs) == Some(true);
        let mounted = info.mounts.unwrap_or_default().iter().any(|m| {
            m.destination
                .as_deref()
                .is_some_and(|d| workdir == d || workdir.starts_with(&format!("{d}/")))
        });
        let transport = if user.is_some() || read_only || mounted {
            FileTransport::Exec
        } else {
            FileTransport::Archive
        };
        let sandbox = ApiSandbox::new(
            self.clone(),
            full_id,
            config.image.unwrap_or_default(),
            transport,
        );
        let mkdir = ExecSpec {
            timeout: Some(Duration::from_secs(30)),
            ..ExecSpec::new(["mkdir", "-p", workdir])
        };
        let out = super::Sandbox::exec(&sandbox, mkdir).await?;
        if out.exit_code != 0 {
            return Err(Error::in_sandbox(
                format!("create the work dir {workdir}"),
                &out.stderr,
            ));
        }
        Ok(sandbox)
    }
}

/// Start a container just created for `spec`, and make it a sandbox: the
/// file transport that works for its runtime config, the work dir given to
/// its user. If this fails or is cancelled, the container is removed.
pub(crate) async fn start_sandbox(
    api: &EngineApi,
    id: String,
    spec: &SandboxSpec,
) -> Result<ApiSandbox> {
    // Nobody else knows about the container yet: remove it unless disarmed.
    let guard = RemoveOnDrop {
        api,
        id: Some(id.clone()),
        pending: false,
    };
    api.client
        .start_container(&id, None)
        .await
        .map_err(|e| api.error("start container", e))?;
    let runtime = &spec.runtime;
    let restricted = runtime.read_only == Some(true)
        || runtime.user.is_some()
        || runtime.mounts_cover(&spec.workdir);
    let transport = if restricted {
        FileTransport::Exec
    } else {
        FileTransport::Archive
    };
    let sandbox = ApiSandbox::new(api.clone(), id, spec.image.clone(), transport);
    let not_root = runtime.user.is_some() || runtime.userns_mode.as_deref() == Some("keep-id");
    if not_root && runtime.read_only != Some(true) {
        // The engine creates the work dir owned by root; give it to the user.
        give_workdir_to_user(&sandbox, &spec.workdir).await?;
    }
    guard.disarm();
    Ok(sandbox)
}

/// Give the work dir to the sandbox's user: the owner of its main process
/// (the runtime config's `user`, or the uid `keep-id` maps in).
async fn give_workdir_to_user(sandbox: &ApiSandbox, workdir: &str) -> Result<()> {
    let script = r#"chown "$(stat -c %u:%g /proc/1)" "$1" 2>/dev/null || chmod 1777 "$1""#;
    let spec = ExecSpec {
        user: ExecUser::Root,
        timeout: Some(Duration::from_secs(30)),
        ..ExecSpec::new(["sh", "-c", script, "sh", workdir])
    };
    let out = super::Sandbox::exec(sandbox, spec).await?;
    if out.exit_code != 0 {
        return Err(Error::in_sandbox(
            format!("make {workdir} writable for the sandbox's user"),
            &out.stderr,
        ));
    }
    Ok(())
}

/// Removes a container when dropped, unless disarmed.
pub(crate) struct RemoveOnDrop<'a> {
    api: &'a EngineApi,
    id: Option<String>,
    /// The create may still be under way in the engine: a container not
    /// there yet is waited for (see [`EngineApi::remove_once_landed`]).
    pending: bool,
}

impl<'a> RemoveOnDrop<'a> {
    /// Armed before a create call, by the container's name: a create
    /// abandoned while the engine takes it (its caller dropped) removes the
    /// container even if it lands after the caller is gone.
    pub(crate) fn pending(api: &'a EngineApi, name: &str) -> RemoveOnDrop<'a> {
        RemoveOnDrop {
            api,
            id: Some(name.to_string()),
            pending: true,
        }
    }

    /// Nothing to remove any more (or someone else's job).
    pub(crate) fn disarm(mut self) {
        self.id = None;
    }
}

impl Drop for RemoveOnDrop<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            self.api.remove_blocking(&id, self.pending);
        }
    }
}

/// An engine error, keeping the status code and the source.
pub(crate) fn engine_error(engine: &'static str, action: &str, e: bollard::errors::Error) -> Error {
    let (reason, status) = match &e {
        bollard::errors::Error::DockerResponseServerError {
            message,
            status_code,
        } => (message.clone(), Some(*status_code)),
        other => (other.to_string(), None),
    };
    Error::Engine {
        engine,
        action: action.to_string(),
        reason,
        status,
        source: Some(Box::new(e)),
    }
}

/// A connection error in words a user can act on (TLS failures name the
/// certificate problem rather than a hyper error chain).
fn describe_connect_error(e: &bollard::errors::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text = format!("{text}: {cause_text}");
        }
        source = cause.source();
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("certificate") || lower.contains("unknownissuer") || lower.contains("tls") {
        format!("{text} ({TLS_HINT})")
    } else {
        text
    }
}

/// What a failed TLS handshake means.
const TLS_HINT: &str = "the TLS handshake failed: check that the CA (DOCKER_CERT_PATH/ca.pem or the configured `ca`) signed the engine's certificate, and that the client certificate and key belong together";

/// Labels for the engine: ours plus [`MANAGED_LABEL`].
pub(crate) fn labels_of(spec: &SandboxSpec) -> HashMap<String, String> {
    let mut labels: HashMap<String, String> = spec.labels.clone().into_iter().collect();
    labels.insert(MANAGED_LABEL.to_string(), "true".to_string());
    labels
}

/// Environment for the engine: the session's, then the runtime config's.
pub(crate) fn env_of(spec: &SandboxSpec) -> BTreeMap<String, String> {
    spec.env
        .iter()
        .cloned()
        .chain(spec.runtime.environment.clone())
        .collect()
}
