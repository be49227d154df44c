//! The options that say how to reach a Kubernetes cluster and what pods to
//! make there (`--backend kubernetes`), from flags or the config file's
//! `[kubernetes]` section.

use std::path::PathBuf;

use clap::Args;

/// Global flags of the Kubernetes backend.
#[derive(Args, Debug, Default, Clone)]
pub struct KubernetesArgs {
    /// Kubernetes: the kubeconfig file (default: $KUBECONFIG, else
    /// ~/.kube/config, else the in-cluster service account).
    #[arg(long, global = true, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
    /// Kubernetes: the kubeconfig context (default: its current context).
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,
    /// Kubernetes: the namespace of the sandbox pods (default: the pod
    /// manifest's, else `default`).
    #[arg(long, global = true, value_name = "NAME")]
    pub namespace: Option<String>,
    /// Kubernetes: a Pod manifest (YAML or JSON) every sandbox starts from;
    /// it must run a long-running command in its container.
    #[arg(long, global = true, value_name = "FILE")]
    pub pod_manifest: Option<PathBuf>,
}

#[cfg(feature = "kubernetes")]
impl KubernetesArgs {
    /// The backend's options: flags over the config file.
    pub fn options(
        &self,
        section: &crate::config::KubernetesSection,
    ) -> anyhow::Result<llm_sandbox_host::backend::KubernetesOptions> {
        use anyhow::Context;
        let manifest_path = self
            .pod_manifest
            .clone()
            .or_else(|| section.pod_manifest.clone());
        let pod_manifest = match &manifest_path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the pod manifest {}", path.display()))?;
                Some(
                    llm_sandbox_host::backend::PodManifest::parse(&text)
                        .with_context(|| format!("pod manifest {}", path.display()))?,
                )
            }
            None => None,
        };
        Ok(llm_sandbox_host::backend::KubernetesOptions {
            kubeconfig: self
                .kubeconfig
                .clone()
                .or_else(|| section.kubeconfig.clone()),
            context: self.context.clone().or_else(|| section.context.clone()),
            in_cluster: section.in_cluster.unwrap_or(false),
            namespace: self.namespace.clone().or_else(|| section.namespace.clone()),
            pod_manifest,
            image_pull_policy: section.image_pull_policy.clone(),
            ready_timeout: section
                .ready_timeout
                .map(std::time::Duration::from_secs_f64),
            active_deadline: section
                .active_deadline
                .map(std::time::Duration::from_secs_f64),
        })
    }
}
