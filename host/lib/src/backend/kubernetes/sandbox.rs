//! One pod as a [`Sandbox`]: processes through the exec API, files as tar
//! over exec (the seam's defaults, with the hardened extraction for copies
//! out), removal by a forced delete.

use async_trait::async_trait;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::DeleteParams;

use super::{api_error, exec};
use crate::backend::{ExecUser, Process, ProcessSpec, Sandbox};
use crate::error::{Error, Result};

/// A sandbox's pod.
pub(super) struct PodSandbox {
    pub(super) pods: Api<Pod>,
    /// How to reach the cluster again from a thread of its own.
    pub(super) config: kube::Config,
    pub(super) namespace: String,
    pub(super) name: String,
    pub(super) container: String,
    pub(super) image: String,
    pub(super) workdir: String,
    /// Whether the container runs as uid 0.
    pub(super) root: bool,
    /// An existing pod the host attached to: never deleted.
    pub(super) attached: bool,
}

impl std::fmt::Debug for PodSandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PodSandbox")
            .field("namespace", &self.namespace)
            .field("name", &self.name)
            .field("container", &self.container)
            .finish_non_exhaustive()
    }
}

/// Delete pod `name` at once (no grace period), ignoring one that is
/// already gone.
pub(super) async fn delete_pod(pods: &Api<Pod>, name: &str) -> Result<()> {
    delete_if_there(pods, name).await.map(|_| ())
}

/// [`delete_pod`], saying whether the pod was there.
async fn delete_if_there(pods: &Api<Pod>, name: &str) -> Result<bool> {
    let params = DeleteParams {
        grace_period_seconds: Some(0),
        ..DeleteParams::background()
    };
    match pods.delete(name, &params).await {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(status)) if status.code == 404 => Ok(false),
        Err(e) => Err(api_error(&format!("delete pod {name}"), e)),
    }
}

/// Delete pod `name` whose create may still be under way in the API server
/// (its caller gone, or its answer lost): a pod not there yet is waited for
/// (see [`crate::backend::remove_once_landed`]).
pub(super) async fn delete_once_landed(pods: &Api<Pod>, name: &str) -> Result<()> {
    crate::backend::remove_once_landed(|| delete_if_there(pods, name)).await
}

#[async_trait]
impl Sandbox for PodSandbox {
    fn id(&self) -> &str {
        &self.name
    }

    fn image(&self) -> &str {
        &self.image
    }

    fn can_run_as_root(&self) -> bool {
        self.root
    }

    async fn spawn(&self, spec: ProcessSpec) -> Result<Process> {
        match &spec.user {
            ExecUser::Sandbox => {}
            ExecUser::Root if self.root => {}
            ExecUser::Root => {
                return Err(Error::Unsupported {
                    option: "running a process as root".into(),
                    backend: super::ENGINE,
                    reason: format!(
                        "pod `{}` runs as a non-root user and Kubernetes' exec cannot change user",
                        self.name
                    ),
                });
            }
            ExecUser::Named(user) => {
                return Err(Error::Unsupported {
                    option: format!("running a process as `{user}`"),
                    backend: super::ENGINE,
                    reason: "Kubernetes' exec runs as the pod's user; set the runtime config's `user` instead".into(),
                });
            }
        }
        let stdin = spec.stdin;
        let argv = exec::wrapped_argv(&spec, &self.workdir)?;
        exec::spawn(&self.pods, &self.name, &self.container, argv, stdin).await
    }

    async fn remove(&self) -> Result<()> {
        if self.attached {
            tracing::debug!(pod = %self.name, "not deleting a pod the host attached to");
            return Ok(());
        }
        delete_pod(&self.pods, &self.name).await
    }

    fn remove_blocking(&self) {
        if self.attached {
            return;
        }
        delete_blocking(&self.config, &self.namespace, &self.name, false);
    }
}

/// Delete pod `name` from a synchronous context (`Drop`), inside or outside
/// an async runtime: a runtime of our own on a thread of our own, so that
/// it neither blocks a runtime nor depends on one that is shutting down.
/// Blocks until done; never panics. With `pending` (its create may still be
/// under way in the API server), a pod that is not there is waited for (see
/// [`delete_once_landed`]).
pub(super) fn delete_blocking(config: &kube::Config, namespace: &str, name: &str, pending: bool) {
    let config = config.clone();
    let namespace = namespace.to_string();
    let name = name.to_string();
    crate::backend::cleanup_blocking("the sandbox pod", move || async move {
        let client = kube::Client::try_from(config).map_err(|e| e.to_string())?;
        let pods: Api<Pod> = Api::namespaced(client, &namespace);
        if pending {
            delete_once_landed(&pods, &name).await
        } else {
            delete_pod(&pods, &name).await
        }
        .map_err(|e| e.to_string())
    });
}
