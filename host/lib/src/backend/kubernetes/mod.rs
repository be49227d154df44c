//! The Kubernetes backend: a pod per session, driven through the API
//! server (kube-rs).
//!
//! - A sandbox is a pod labelled [`K8S_MANAGED_LABEL`] (and with the
//!   session's labels; the owner also as an annotation, since label values
//!   cannot hold it), made from the session's spec or from a user's
//!   [`PodManifest`], and waited for by a **watch** until its container
//!   runs (or fails, with the pod's events in the error).
//! - Processes run through the exec API over WebSocket (see `exec`); files
//!   move as tar over exec, so copies out go through the hardened extraction.
//! - Removal is a forced delete (grace period 0). `host gc` finds pods by
//!   label; a pod can also carry an `activeDeadlineSeconds` backstop.
//! - Every call goes straight to the client, which is cheap to clone and
//!   safe to share: there is no lock, and sessions run side by side.
//!
//! Pods carry [`K8S_MANAGED_LABEL`] rather than the Docker backend's
//! [`crate::backend::MANAGED_LABEL`]: a kubelet on Docker (dockershim) copies
//! pod labels onto the containers it makes, and those must not look like
//! Docker sandboxes of ours to the Docker backend's `host gc`.

mod exec;
mod manifest;
mod pod;
mod ready;
mod runtime;
mod sandbox;

pub use manifest::{PodManifest, SANDBOX_CONTAINER};

use std::path::PathBuf;
use std::time::Duration;

use async_trait::async_trait;
use k8s_openapi::api::core::v1::{Event, Pod};
use k8s_openapi::api::networking::v1::{NetworkPolicy, NetworkPolicySpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, OwnerReference};
use kube::api::{ListParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Api, Client, Config};

use super::{Backend, ImageStore, ManagedSandbox, SESSION_LABEL, Sandbox, SandboxSpec};
use crate::error::{Error, Result};
use crate::owner::OWNER_LABEL;
use crate::runtime_config::RuntimeConfig;
use pod::PodDefaults;
use sandbox::{PodSandbox, delete_pod};

const ENGINE: &str = "Kubernetes";

/// The label on every pod of ours (value `true`).
pub const K8S_MANAGED_LABEL: &str = "io.llm-sandbox.k8s-managed";

/// The annotation carrying the owning host process, exactly (see [`crate::owner`]).
pub const ANNOTATION_OWNER: &str = "io.llm-sandbox.owner";

/// How long a pod may take to start when nothing else is said.
pub const DEFAULT_READY_TIMEOUT: Duration = Duration::from_secs(120);

/// How to reach a cluster and what pods to make there.
#[derive(Debug, Clone, Default)]
pub struct KubernetesOptions {
    /// The kubeconfig file; `None` = `KUBECONFIG`, then `~/.kube/config`,
    /// then the in-cluster service account.
    pub kubeconfig: Option<PathBuf>,
    /// The kubeconfig context; `None` = its current context.
    pub context: Option<String>,
    /// Use the pod's own service account (the host runs in the cluster).
    pub in_cluster: bool,
    /// Namespace of the pods: this, else the manifest's, else `default`.
    pub namespace: Option<String>,
    /// A pod manifest every sandbox starts from.
    pub pod_manifest: Option<PodManifest>,
    /// `imagePullPolicy` when the manifest sets none (default `IfNotPresent`).
    pub image_pull_policy: Option<String>,
    /// How long a pod may take to start (default [`DEFAULT_READY_TIMEOUT`]).
    pub ready_timeout: Option<Duration>,
    /// `activeDeadlineSeconds` of every pod: the cluster ends it after this
    /// long even when the host that made it is gone.
    pub active_deadline: Option<Duration>,
}

/// A Kubernetes cluster.
#[derive(Clone)]
pub struct KubernetesBackend {
    client: Client,
    config: Config,
    namespace: String,
    manifest: Option<PodManifest>,
    defaults: PodDefaults,
    ready_timeout: Duration,
}

impl std::fmt::Debug for KubernetesBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KubernetesBackend")
            .field("server", &self.config.cluster_url.to_string())
            .field("namespace", &self.namespace)
            .finish_non_exhaustive()
    }
}

/// An error of a kube call, as ours.
fn api_error(action: &str, e: kube::Error) -> Error {
    let status = match &e {
        kube::Error::Api(s) => Some(s.code),
        _ => None,
    };
    Error::Engine {
        engine: ENGINE,
        action: action.to_string(),
        reason: match &e {
            kube::Error::Api(s) => s.message.clone(),
            other => other.to_string(),
        },
        status,
        source: Some(Box::new(e)),
    }
}

fn unreachable(address: String, reason: String) -> Error {
    Error::EngineUnreachable {
        engine: ENGINE,
        address,
        reason,
        hint: "Point --kubeconfig (or KUBECONFIG) at a kubeconfig for a running cluster; `dev/kubernetes up` starts one for development".into(),
        source: None,
    }
}

impl KubernetesBackend {
    /// Connect as `options` say, checking the server answers.
    pub async fn connect(options: &KubernetesOptions) -> Result<Self> {
        let config = if options.in_cluster {
            Config::incluster().map_err(|e| unreachable("in-cluster".into(), e.to_string()))?
        } else if let Some(path) = &options.kubeconfig {
            let kubeconfig = Kubeconfig::read_from(path)
                .map_err(|e| unreachable(path.display().to_string(), e.to_string()))?;
            let select = KubeConfigOptions {
                context: options.context.clone(),
                ..Default::default()
            };
            Config::from_custom_kubeconfig(kubeconfig, &select)
                .await
                .map_err(|e| unreachable(path.display().to_string(), e.to_string()))?
        } else if options.context.is_some() {
            let select = KubeConfigOptions {
                context: options.context.clone(),
                ..Default::default()
            };
            Config::from_kubeconfig(&select)
                .await
                .map_err(|e| unreachable("the default kubeconfig".into(), e.to_string()))?
        } else {
            Config::infer()
                .await
                .map_err(|e| unreachable("the default kubeconfig".into(), e.to_string()))?
        };
        let namespace = match (
            &options.namespace,
            options.pod_manifest.as_ref().and_then(|m| m.namespace()),
        ) {
            (Some(ours), Some(theirs)) if ours != theirs => {
                return Err(Error::InvalidConfig(format!(
                    "the namespace is `{ours}` but the pod manifest names `{theirs}`; give one"
                )));
            }
            (Some(ns), _) => ns.clone(),
            (None, Some(ns)) => ns.to_string(),
            (None, None) => "default".to_string(),
        };
        let client = Client::try_from(config.clone())
            .map_err(|e| unreachable(config.cluster_url.to_string(), e.to_string()))?;
        let backend = KubernetesBackend {
            client,
            config,
            namespace,
            manifest: options.pod_manifest.clone(),
            defaults: PodDefaults {
                image_pull_policy: options.image_pull_policy.clone(),
                active_deadline: options.active_deadline,
            },
            ready_timeout: options.ready_timeout.unwrap_or(DEFAULT_READY_TIMEOUT),
        };
        backend
            .client
            .apiserver_version()
            .await
            .map_err(|e| unreachable(backend.endpoint(), e.to_string()))?;
        Ok(backend)
    }

    /// The namespace pods go to.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    fn pods(&self) -> Api<Pod> {
        Api::namespaced(self.client.clone(), &self.namespace)
    }

    fn sandbox(
        &self,
        pod: &Pod,
        container: String,
        workdir: &str,
        root: bool,
        attached: bool,
    ) -> PodSandbox {
        let image = pod
            .spec
            .as_ref()
            .and_then(|s| s.containers.iter().find(|c| c.name == container))
            .and_then(|c| c.image.clone())
            .unwrap_or_default();
        PodSandbox {
            pods: self.pods(),
            config: self.config.clone(),
            namespace: self.namespace.clone(),
            name: pod.metadata.name.clone().unwrap_or_default(),
            container,
            image,
            workdir: workdir.to_string(),
            root,
            attached,
        }
    }

    /// Whether the container runs as root: as the pod says, else as `id -u`
    /// inside it says.
    async fn runs_as_root(&self, sandbox: &PodSandbox, pod: &Pod) -> Result<bool> {
        if let Some(uid) = pod::run_as_user(pod, &sandbox.container) {
            return Ok(uid == 0);
        }
        let out = sandbox
            .exec(crate::backend::ExecSpec {
                timeout: Some(Duration::from_secs(30)),
                ..crate::backend::ExecSpec::new(["id", "-u"])
            })
            .await?;
        Ok(out.exit_code == 0 && String::from_utf8_lossy(&out.stdout).trim() == "0")
    }

    /// A deny-all NetworkPolicy for the session's pod (`network_mode =
    /// "none"`), owned by the pod so the cluster deletes it with the pod.
    /// Enforced only where the cluster's network plugin enforces policies.
    async fn isolate(&self, pod: &Pod, spec: &SandboxSpec) -> Result<()> {
        let name = pod.metadata.name.clone().unwrap_or_default();
        let session = spec
            .labels
            .get(SESSION_LABEL)
            .map(|s| pod::label_value(s))
            .unwrap_or_default();
        let policy = NetworkPolicy {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                labels: Some([(K8S_MANAGED_LABEL.to_string(), "true".to_string())].into()),
                owner_references: Some(vec![OwnerReference {
                    api_version: "v1".into(),
                    kind: "Pod".into(),
                    name: name.clone(),
                    uid: pod.metadata.uid.clone().unwrap_or_default(),
                    ..Default::default()
                }]),
                ..Default::default()
            },
            spec: Some(NetworkPolicySpec {
                pod_selector: Some(LabelSelector {
                    match_labels: Some([(SESSION_LABEL.to_string(), session)].into()),
                    ..Default::default()
                }),
                policy_types: Some(vec!["Ingress".into(), "Egress".into()]),
                ..Default::default()
            }),
        };
        let api: Api<NetworkPolicy> = Api::namespaced(self.client.clone(), &self.namespace);
        api.create(&PostParams::default(), &policy)
            .await
            .map_err(|e| api_error(&format!("create the NetworkPolicy isolating pod {name}"), e))?;
        Ok(())
    }
}

impl KubernetesBackend {
    /// Isolate (if asked), wait for and probe a pod just created.
    async fn start(
        &self,
        pods: &Api<Pod>,
        created: &Pod,
        container: String,
        spec: &SandboxSpec,
    ) -> Result<PodSandbox> {
        let name = created.metadata.name.clone().unwrap_or_default();
        if spec.runtime.network_mode.as_deref() == Some("none") {
            self.isolate(created, spec).await?;
        }
        let events: Api<Event> = Api::namespaced(self.client.clone(), &self.namespace);
        let version = created
            .metadata
            .resource_version
            .clone()
            .unwrap_or_default();
        let running = ready::wait_running(
            pods,
            &events,
            &name,
            &container,
            &version,
            self.ready_timeout,
        )
        .await?;
        let mut sandbox = self.sandbox(&running, container, &spec.workdir, false, false);
        sandbox.root = self.runs_as_root(&sandbox, &running).await?;
        Ok(sandbox)
    }
}

/// Deletes a pod being created if the creating future is dropped, even
/// while the runtime shuts down (a pool refilling as its host goes away).
struct CreateGuard<'a> {
    backend: &'a KubernetesBackend,
    name: Option<String>,
    /// The create call has not answered yet: the pod may land after a
    /// first delete found nothing.
    pending: bool,
}

impl Drop for CreateGuard<'_> {
    fn drop(&mut self) {
        if let Some(name) = self.name.take() {
            sandbox::delete_blocking(
                &self.backend.config,
                &self.backend.namespace,
                &name,
                self.pending,
            );
        }
    }
}

#[async_trait]
impl Backend for KubernetesBackend {
    fn name(&self) -> &'static str {
        ENGINE
    }

    fn endpoint(&self) -> String {
        self.config.cluster_url.to_string()
    }

    async fn version(&self) -> Result<String> {
        let info = self
            .client
            .apiserver_version()
            .await
            .map_err(|e| api_error("read the server version", e))?;
        Ok(info.git_version)
    }

    fn check_runtime(&self, runtime: &RuntimeConfig) -> Result<()> {
        runtime::check(runtime)
    }

    fn images(&self) -> Option<&dyn ImageStore> {
        None
    }

    async fn create(&self, spec: &SandboxSpec) -> Result<Box<dyn Sandbox>> {
        let (pod, container) = pod::build(spec, self.manifest.as_ref(), &self.defaults)?;
        let pods = self.pods();
        let name = pod.metadata.name.clone().unwrap_or_default();
        // Armed before the call: a future dropped while the server creates
        // the pod still deletes it. Not for a manifest's own name, which
        // may be another pod's (the create then fails and deletes nothing).
        let named_by_manifest = self
            .manifest
            .as_ref()
            .is_some_and(|m| m.pod.metadata.name.is_some());
        let mut guard = CreateGuard {
            backend: self,
            name: (!named_by_manifest).then(|| name.clone()),
            pending: true,
        };
        let created = match pods.create(&PostParams::default(), &pod).await {
            Ok(created) => created,
            Err(e) => {
                guard.name = None;
                if !named_by_manifest && !matches!(e, kube::Error::Api(_)) {
                    // A transport error: the pod may exist, or land
                    // later, though the answer was lost.
                    let _ = sandbox::delete_once_landed(&pods, &name).await;
                }
                return Err(api_error(&format!("create a pod from `{}`", spec.image), e));
            }
        };
        guard.name = Some(name.clone());
        guard.pending = false;
        match self.start(&pods, &created, container, spec).await {
            Ok(sandbox) => {
                guard.name = None;
                Ok(Box::new(sandbox))
            }
            Err(e) => {
                // Delete it now rather than from the guard: a caller that
                // exits on this error must not leave the pod behind.
                guard.name = None;
                if let Err(delete) = delete_pod(&pods, &name).await {
                    tracing::warn!("could not delete the pod that failed to start: {delete}");
                }
                Err(e)
            }
        }
    }

    async fn attach(&self, id: &str, workdir: &str) -> Result<Box<dyn Sandbox>> {
        // `pod` or `pod/container`.
        let (name, wanted) = match id.split_once('/') {
            Some((pod, container)) => (pod, Some(container)),
            None => (id, None),
        };
        let pods = self.pods();
        let pod = match pods.get_opt(name).await {
            Ok(Some(pod)) => pod,
            Ok(None) => {
                return Err(Error::ContainerNotFound {
                    id: format!("{name} (namespace {})", self.namespace),
                    engine: ENGINE,
                });
            }
            Err(e) => return Err(api_error(&format!("read pod {name}"), e)),
        };
        let container = pod::pick_container(&pod, wanted).ok_or_else(|| {
            Error::InvalidConfig(format!(
                "pod `{name}` has no container {}; attach to `POD/CONTAINER`",
                wanted.map_or_else(
                    || format!("named `{SANDBOX_CONTAINER}` (and more than one)"),
                    |w| format!("`{w}`")
                )
            ))
        })?;
        // A pending pod gets the readiness wait; a running one passes at once.
        let events: Api<Event> = Api::namespaced(self.client.clone(), &self.namespace);
        let version = pod.metadata.resource_version.clone().unwrap_or_default();
        let running = match ready::verdict(&pod, &container) {
            ready::Verdict::Ready => pod,
            _ => {
                ready::wait_running(
                    &pods,
                    &events,
                    name,
                    &container,
                    &version,
                    self.ready_timeout,
                )
                .await?
            }
        };
        let mut sandbox = self.sandbox(&running, container, "/", false, true);
        sandbox.root = self.runs_as_root(&sandbox, &running).await?;
        let mkdir = sandbox
            .exec(crate::backend::ExecSpec {
                timeout: Some(Duration::from_secs(30)),
                ..crate::backend::ExecSpec::new(["mkdir", "-p", workdir])
            })
            .await?;
        if mkdir.exit_code != 0 {
            return Err(Error::in_sandbox(
                format!("make the work dir {workdir}"),
                &mkdir.stderr,
            ));
        }
        sandbox.workdir = workdir.to_string();
        Ok(Box::new(sandbox))
    }

    async fn list_managed(&self) -> Result<Vec<ManagedSandbox>> {
        let list = self
            .pods()
            .list(&ListParams::default().labels(&format!("{K8S_MANAGED_LABEL}=true")))
            .await
            .map_err(|e| api_error("list pods", e))?;
        Ok(list
            .items
            .into_iter()
            .map(|pod| {
                let name = pod.metadata.name.unwrap_or_default();
                let mut labels = pod.metadata.labels.unwrap_or_default();
                // The owner exactly, as gc parses it.
                match pod
                    .metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get(ANNOTATION_OWNER))
                {
                    Some(owner) => labels.insert(OWNER_LABEL.to_string(), owner.clone()),
                    None => labels.remove(OWNER_LABEL),
                };
                ManagedSandbox {
                    id: name.clone(),
                    name,
                    labels: labels.into_iter().collect(),
                }
            })
            .collect())
    }

    async fn remove_by_id(&self, id: &str) -> Result<()> {
        delete_pod(&self.pods(), id).await
    }
}
