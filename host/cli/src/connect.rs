//! Which backend a command uses: `--backend` (or `LLM_SANDBOX_BACKEND`),
//! else the config file's `backend`, else `auto`; and how each engine is
//! reached (the config file's `[docker]`, `[podman]` and `[micromamba]`
//! tables, else the engines' own environment variables).

use std::sync::Arc;

use llm_sandbox_host::Backend;
use llm_sandbox_host::backend::{BackendChoice, BackendKind, DockerConnection, TlsFiles};

use crate::config::Config;

/// The backend choice for this invocation.
pub fn choice(
    flag: Option<BackendKind>,
    kubernetes: &crate::kubernetes_args::KubernetesArgs,
    config: &Config,
) -> anyhow::Result<BackendChoice> {
    let kind = match (flag, &config.backend) {
        (Some(kind), _) => kind,
        (None, Some(name)) => name.parse()?,
        (None, None) => BackendKind::Auto,
    };
    let mut docker = DockerConnection::from_env();
    if let Some(host) = &config.docker.host {
        docker.host = Some(host.clone());
    }
    if let Some(ca) = &config.docker.ca {
        let from_env = docker.tls.clone();
        let cert = config
            .docker
            .cert
            .clone()
            .or(from_env.as_ref().map(|t| t.cert.clone()));
        let key = config
            .docker
            .key
            .clone()
            .or(from_env.as_ref().map(|t| t.key.clone()));
        match (cert, key) {
            (Some(cert), Some(key)) => {
                docker.tls = Some(TlsFiles {
                    ca: ca.clone(),
                    cert,
                    key,
                });
            }
            _ => anyhow::bail!(
                "config: [docker] `ca` needs `cert` and `key` too (the client certificate and its key)"
            ),
        }
    }
    #[cfg(not(feature = "kubernetes"))]
    let _ = kubernetes;
    Ok(BackendChoice {
        kind,
        docker: Some(docker),
        podman_address: config.podman.socket.clone(),
        micromamba_environment: config.micromamba.environment.clone(),
        micromamba_image: config.micromamba.image.clone(),
        #[cfg(feature = "kubernetes")]
        kubernetes: Some(kubernetes.options(&config.kubernetes)?),
    })
}

/// Connect; when `auto` skipped an engine, say on stderr which one it
/// picked and why the others were skipped.
pub async fn connect(choice: &BackendChoice) -> anyhow::Result<Arc<dyn Backend>> {
    let connected = choice.connect().await?;
    let backend = connected.backend;
    if !connected.skipped.is_empty() {
        for (kind, why) in &connected.skipped {
            eprintln!("host: skipped {kind}: {why}");
        }
        eprintln!(
            "host: using {} at {} (--backend {})",
            backend.name(),
            backend.endpoint(),
            choice.kind
        );
    }
    tracing::debug!(backend = backend.name(), endpoint = %backend.endpoint(), "backend chosen");
    Ok(backend)
}
