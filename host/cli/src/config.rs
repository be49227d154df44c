//! The CLI's config file (TOML).
//!
//! ```toml
//! # Trust this CA bundle inside sandboxes (TLS-intercepting networks).
//! ca_bundle = "/etc/ssl/certs/ca-certificates.crt"
//! # Extra directory of *.wasm plugins (languages and security policies).
//! plugin_dir = "/opt/llm-sandbox/plugins"
//! # Security preset for `host run` and `host check` when --preset is not given.
//! preset = "production"
//! # Backend when --backend and LLM_SANDBOX_BACKEND are not given (default: auto).
//! backend = "podman"
//!
//! # A remote Docker engine over TLS (default: DOCKER_HOST, DOCKER_TLS_VERIFY,
//! # DOCKER_CERT_PATH as Docker's client reads them).
//! [docker]
//! host = "tcp://build-box:2376"
//! ca = "/etc/llm-sandbox/docker/ca.pem"
//! cert = "/etc/llm-sandbox/docker/cert.pem"
//! key = "/etc/llm-sandbox/docker/key.pem"
//!
//! # A custom Podman socket (default: CONTAINER_HOST, the user's socket, the rootful one).
//! [podman]
//! socket = "unix:///run/user/1000/podman/podman.sock"
//!
//! # The Kubernetes cluster (default: KUBECONFIG or ~/.kube/config, else in-cluster).
//! [kubernetes]
//! kubeconfig = "/etc/llm-sandbox/kubeconfig"
//! namespace = "sandboxes"
//! pod_manifest = "/etc/llm-sandbox/pod.yaml"
//!
//! # The Micromamba backend's environment (default base) and image.
//! [micromamba]
//! environment = "datasci"
//! image = "mambaorg/micromamba:latest"
//!
//! # Image per language, instead of the plugin's default.
//! [images]
//! python = "registry.example.com/python-ml:3.11"
//!
//! # Runtime settings for every sandbox (see `RuntimeConfig`).
//! [runtime]
//! mem_limit = "512m"
//! pids_limit = 128
//!
//! # `host mcp`: presets, limits, transport (every key: `mcp::settings`).
//! [mcp]
//! preset = "production"
//! max_sessions = 32
//! idle_timeout_secs = 600
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use llm_sandbox_host::RuntimeConfig;
use llm_sandbox_host::plugin::LanguageInfo;
use serde::Deserialize;

/// Settings read from the config file; every key is optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// PEM CA bundle to trust inside sandboxes.
    pub ca_bundle: Option<PathBuf>,
    /// Extra plugin directory.
    pub plugin_dir: Option<PathBuf>,
    /// Default security preset.
    pub preset: Option<String>,
    /// Image per language name.
    #[serde(default)]
    pub images: BTreeMap<String, String>,
    /// Runtime settings for every sandbox (limits, network, user…).
    #[serde(default)]
    pub runtime: RuntimeConfig,
    /// Backend name (`docker`, `podman`, `micromamba`, `kubernetes`, `auto`).
    pub backend: Option<String>,
    /// How to reach Docker.
    #[serde(default)]
    pub docker: DockerSection,
    /// How to reach Podman.
    #[serde(default)]
    pub podman: PodmanSection,
    /// The Micromamba backend.
    #[serde(default)]
    pub micromamba: MicromambaSection,
    /// `host mcp`: limits, transport and token (see [`crate::mcp::settings`]).
    #[serde(default)]
    pub mcp: crate::mcp::settings::McpSection,
    /// `[kubernetes]`.
    #[serde(default)]
    #[cfg_attr(not(feature = "kubernetes"), allow(dead_code))]
    pub kubernetes: KubernetesSection,
}

/// `[docker]`: address and TLS client certificates.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DockerSection {
    /// `unix:///…`, `tcp://host:port`.
    pub host: Option<String>,
    /// CA certificate that signed the engine's (turns TLS on).
    pub ca: Option<PathBuf>,
    /// Client certificate.
    pub cert: Option<PathBuf>,
    /// Client key.
    pub key: Option<PathBuf>,
}

/// `[podman]`: the service's socket.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodmanSection {
    /// `unix:///…` or `tcp://…`.
    pub socket: Option<String>,
}

/// `[kubernetes]`: how to reach the cluster and what pods to make (read
/// only by a build with the `kubernetes` feature; accepted by any).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(not(feature = "kubernetes"), allow(dead_code))]
#[serde(deny_unknown_fields)]
pub struct KubernetesSection {
    /// The kubeconfig file.
    pub kubeconfig: Option<PathBuf>,
    /// The kubeconfig context.
    pub context: Option<String>,
    /// Use the in-cluster service account (the host runs in a pod).
    pub in_cluster: Option<bool>,
    /// Namespace of the sandbox pods.
    pub namespace: Option<String>,
    /// A Pod manifest (YAML or JSON) every sandbox starts from.
    pub pod_manifest: Option<PathBuf>,
    /// `imagePullPolicy` when the manifest sets none (`IfNotPresent`).
    pub image_pull_policy: Option<String>,
    /// Seconds a pod may take to start (120).
    pub ready_timeout: Option<f64>,
    /// `activeDeadlineSeconds` of every pod: the cluster ends it after this
    /// long even when the host is gone.
    pub active_deadline: Option<f64>,
}

/// `[micromamba]`: environment and image.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MicromambaSection {
    /// Environment every process runs in (default `base`).
    pub environment: Option<String>,
    /// Image when a session names none.
    pub image: Option<String>,
}

impl Config {
    /// Load `explicit`, else `$LLM_SANDBOX_CONFIG`, else the default path if it exists.
    pub fn load(explicit: Option<&Path>) -> anyhow::Result<Config> {
        let (path, required) = match explicit {
            Some(p) => (p.to_path_buf(), true),
            None => match std::env::var_os("LLM_SANDBOX_CONFIG") {
                Some(p) => (PathBuf::from(p), true),
                None => match default_path() {
                    Some(p) => (p, false),
                    None => return Ok(Config::default()),
                },
            },
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read config {}", path.display()));
            }
        };
        let mut config: Config =
            toml::from_str(&text).with_context(|| format!("invalid config {}", path.display()))?;
        // Relative paths in the file are relative to the file.
        let base = path.parent().unwrap_or(Path::new("."));
        let docker = &mut config.docker;
        let kubernetes = &mut config.kubernetes;
        for p in [
            &mut config.ca_bundle,
            &mut config.plugin_dir,
            &mut docker.ca,
            &mut docker.cert,
            &mut docker.key,
            &mut config.mcp.token_file,
            &mut kubernetes.kubeconfig,
            &mut kubernetes.pod_manifest,
        ]
        .into_iter()
        .flatten()
        {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(config)
    }

    /// The configured image for a language, keyed by its name or an alias.
    pub fn image_for(&self, info: &LanguageInfo) -> Option<String> {
        std::iter::once(&info.name)
            .chain(&info.aliases)
            .find_map(|key| self.images.get(key))
            .cloned()
    }
}

fn default_path() -> Option<PathBuf> {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .map(|d| d.join("llm-sandbox/config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_rejected_with_the_valid_ones() {
        let err = toml::from_str::<Config>("ca_bundel = 'x'")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ca_bundle") && err.contains("plugin_dir"),
            "{err}"
        );
    }

    #[test]
    fn relative_paths_are_relative_to_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "ca_bundle = 'certs/ca.pem'").unwrap();
        let config = Config::load(Some(&file)).unwrap();
        assert_eq!(config.ca_bundle.unwrap(), dir.path().join("certs/ca.pem"));
    }

    #[test]
    fn images_map_languages_to_images() {
        let c: Config = toml::from_str("[images]\npython = 'my/python:1'").unwrap();
        assert_eq!(c.images["python"], "my/python:1");
    }
}
