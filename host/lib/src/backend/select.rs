//! Choosing a backend: by name, or `auto` (the first engine that answers,
//! in a documented order, saying why the others were skipped), and probing
//! every backend for `host backends`.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::Serialize;

use super::{Backend, MicromambaBackend};
use crate::error::{Error, Result};

/// A backend by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// The first reachable engine of [`BackendKind::AUTO_ORDER`].
    #[default]
    Auto,
    /// A Docker engine.
    Docker,
    /// A Podman engine.
    Podman,
    /// Micromamba environments on Docker (or on Podman when Docker is not reachable).
    Micromamba,
    /// A Kubernetes cluster (with the `kubernetes` feature).
    Kubernetes,
}

impl BackendKind {
    /// What `auto` tries, in order: Docker first (the seed's default and the
    /// most common engine), then Podman.
    pub const AUTO_ORDER: [BackendKind; 2] = [BackendKind::Docker, BackendKind::Podman];

    /// Every backend, for listings.
    pub const ALL: [BackendKind; 4] = [
        BackendKind::Docker,
        BackendKind::Podman,
        BackendKind::Micromamba,
        BackendKind::Kubernetes,
    ];

    /// The lowercase name (`docker`).
    pub fn as_str(self) -> &'static str {
        match self {
            BackendKind::Auto => "auto",
            BackendKind::Docker => "docker",
            BackendKind::Podman => "podman",
            BackendKind::Micromamba => "micromamba",
            BackendKind::Kubernetes => "kubernetes",
        }
    }
}

impl fmt::Display for BackendKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BackendKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let all = [BackendKind::Auto]
            .into_iter()
            .chain(BackendKind::ALL)
            .collect::<Vec<_>>();
        all.iter()
            .copied()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = all.iter().map(|k| k.as_str()).collect();
                Error::InvalidConfig(format!(
                    "unknown backend `{s}`; choose one of {}",
                    names.join(", ")
                ))
            })
    }
}

/// Which backend to connect to, and how.
#[derive(Debug, Clone, Default)]
pub struct BackendChoice {
    /// The backend.
    pub kind: BackendKind,
    /// How to reach Docker (default: [`super::DockerConnection::from_env`]).
    #[cfg(feature = "docker")]
    pub docker: Option<super::DockerConnection>,
    /// The Podman socket (default: [`super::PodmanBackend::default_address`]).
    pub podman_address: Option<String>,
    /// The Micromamba environment (default `base`).
    pub micromamba_environment: Option<String>,
    /// The Micromamba image when a session names none.
    pub micromamba_image: Option<String>,
    /// How to reach the Kubernetes cluster, and what pods to make there
    /// (default: the kubeconfig the environment names, namespace `default`).
    #[cfg(feature = "kubernetes")]
    pub kubernetes: Option<super::KubernetesOptions>,
}

/// A connected backend, and what `auto` skipped on the way.
pub struct Connected {
    /// The backend.
    pub backend: Arc<dyn Backend>,
    /// For `auto`: each engine tried before it, and why it was skipped.
    pub skipped: Vec<(BackendKind, Error)>,
}

impl fmt::Debug for Connected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connected")
            .field("backend", &self.backend.name())
            .field("skipped", &self.skipped)
            .finish()
    }
}

impl BackendChoice {
    /// A choice of `kind`, reached as the environment says.
    pub fn new(kind: BackendKind) -> Self {
        BackendChoice {
            kind,
            ..Default::default()
        }
    }

    /// Connect to the chosen backend.
    pub async fn connect(&self) -> Result<Connected> {
        match self.kind {
            BackendKind::Auto | BackendKind::Micromamba => {
                let mut skipped = Vec::new();
                for kind in BackendKind::AUTO_ORDER {
                    match self.connect_one(kind).await {
                        Ok(backend) => {
                            let backend = if self.kind == BackendKind::Micromamba {
                                self.micromamba(backend)
                            } else {
                                backend
                            };
                            return Ok(Connected { backend, skipped });
                        }
                        Err(e) => skipped.push((kind, e)),
                    }
                }
                Err(Error::NoBackend {
                    tried: skipped
                        .iter()
                        .map(|(kind, e)| format!("{kind}: {e}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                })
            }
            kind => Ok(Connected {
                backend: self.connect_one(kind).await?,
                skipped: Vec::new(),
            }),
        }
    }

    fn micromamba(&self, engine: Arc<dyn Backend>) -> Arc<dyn Backend> {
        let mut backend = MicromambaBackend::new(engine, self.micromamba_environment.as_deref());
        if let Some(image) = &self.micromamba_image {
            backend = backend.with_default_image(image);
        }
        Arc::new(backend)
    }

    /// Connect to one engine (`connect` calls it with Docker, Podman or
    /// Kubernetes only: `auto` and Micromamba are choices among engines).
    async fn connect_one(&self, kind: BackendKind) -> Result<Arc<dyn Backend>> {
        match kind {
            #[cfg(feature = "docker")]
            BackendKind::Docker => {
                let connection = self
                    .docker
                    .clone()
                    .unwrap_or_else(super::DockerConnection::from_env);
                Ok(Arc::new(
                    super::DockerBackend::connect_with(&connection).await?,
                ))
            }
            #[cfg(feature = "podman")]
            BackendKind::Podman => {
                let address = self
                    .podman_address
                    .clone()
                    .unwrap_or_else(super::PodmanBackend::default_address);
                Ok(Arc::new(super::PodmanBackend::connect_to(&address).await?))
            }
            #[cfg(feature = "kubernetes")]
            BackendKind::Kubernetes => {
                let options = self.kubernetes.clone().unwrap_or_default();
                Ok(Arc::new(super::KubernetesBackend::connect(&options).await?))
            }
            other => Err(not_built(other)),
        }
    }
}

/// The error for a backend this build does not have.
fn not_built(kind: BackendKind) -> Error {
    let reason = format!("this build leaves out the `{kind}` feature");
    Error::Unsupported {
        option: format!("backend {kind}"),
        backend: "this host",
        reason,
    }
}

/// One line of `host backends`.
#[derive(Debug, Clone, Serialize)]
pub struct BackendProbe {
    /// The backend (`docker`).
    pub name: BackendKind,
    /// Whether it answered.
    pub reachable: bool,
    /// Its version, when it answered.
    pub version: Option<String>,
    /// Where it was looked for.
    pub endpoint: Option<String>,
    /// Why it is not usable.
    pub error: Option<String>,
}

/// Try every backend of [`BackendKind::ALL`] (concurrently), as `choice` says
/// to reach each.
pub async fn probe_all(choice: &BackendChoice) -> Vec<BackendProbe> {
    let probes = BackendKind::ALL.map(|kind| async move {
        let one = BackendChoice {
            kind,
            ..choice.clone()
        };
        match one.connect().await {
            Ok(connected) => {
                let backend = connected.backend;
                let version = backend.version().await;
                BackendProbe {
                    name: kind,
                    reachable: version.is_ok(),
                    endpoint: Some(backend.endpoint()),
                    error: version.as_ref().err().map(ToString::to_string),
                    version: version.ok(),
                }
            }
            Err(e) => BackendProbe {
                name: kind,
                reachable: false,
                version: None,
                endpoint: match &e {
                    Error::EngineUnreachable { address, .. } => Some(address.clone()),
                    _ => None,
                },
                error: Some(e.to_string()),
            },
        }
    });
    futures_util::future::join_all(probes).await
}
