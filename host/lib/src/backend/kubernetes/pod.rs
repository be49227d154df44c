//! The pod of one sandbox: ours, or the user's manifest completed, with
//! the session's labels, image, work dir and runtime config, and safe
//! defaults (no service-account token, no restarts, an init that reaps
//! orphans, seccomp `RuntimeDefault`, deletion without a grace period).

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::api::core::v1::{
    Container, EmptyDirVolumeSource, EnvVar, Pod, PodSecurityContext, PodSpec, SeccompProfile,
    Volume, VolumeMount,
};

use super::manifest::{PodManifest, SANDBOX_CONTAINER, covers};
use super::{ANNOTATION_OWNER, K8S_MANAGED_LABEL, runtime};
use crate::backend::SandboxSpec;
use crate::error::Result;
use crate::owner::OWNER_LABEL;

/// Where the in-sandbox runner is copied: an `emptyDir` every user may
/// write, so it works on read-only roots too.
const RUNNER_DIR: &str = "/.llm-sandbox";

/// What the backend adds to every pod it creates.
#[derive(Debug, Clone, Default)]
pub(super) struct PodDefaults {
    /// `imagePullPolicy` of the sandbox container when the manifest sets none.
    pub image_pull_policy: Option<String>,
    /// `activeDeadlineSeconds`: the cluster ends the pod after this long
    /// even if the host that made it is gone.
    pub active_deadline: Option<Duration>,
}

/// A label value as Kubernetes allows it: at most 63 characters of
/// `[A-Za-z0-9._-]`, starting and ending alphanumeric.
pub(super) fn label_value(value: &str) -> String {
    let mapped: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(63)
        .collect();
    mapped
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string()
}

/// A pod name as Kubernetes allows it (a DNS label, lowercase).
pub(super) fn pod_name(name: &str) -> String {
    let mapped: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(63)
        .collect();
    let trimmed = mapped.trim_matches('-').to_string();
    if trimmed.is_empty() {
        "llm-sandbox".into()
    } else {
        trimmed
    }
}

/// The pod for `spec`, and its sandbox container's name.
pub(super) fn build(
    spec: &SandboxSpec,
    manifest: Option<&PodManifest>,
    defaults: &PodDefaults,
) -> Result<(Pod, String)> {
    let mut pod = match manifest {
        Some(manifest) => {
            manifest.check_workdir(&spec.workdir)?;
            manifest.pod.clone()
        }
        None => Pod::default(),
    };
    let from_manifest = manifest.is_some();
    // Metadata.
    let meta = &mut pod.metadata;
    if meta.name.is_none() {
        meta.name = Some(pod_name(&spec.name));
    }
    meta.namespace = None; // the API we create it through decides
    let labels = meta.labels.get_or_insert_with(BTreeMap::new);
    labels.insert(K8S_MANAGED_LABEL.into(), "true".into());
    for (key, value) in &spec.labels {
        labels.insert(key.clone(), label_value(value));
    }
    if let Some(owner) = spec.labels.get(OWNER_LABEL) {
        meta.annotations
            .get_or_insert_with(BTreeMap::new)
            .insert(ANNOTATION_OWNER.into(), owner.clone());
    }
    // The sandbox container.
    let mut podspec = pod.spec.take().unwrap_or_default();
    let index = match podspec.containers.len() {
        0 => {
            podspec.containers.push(Container {
                name: SANDBOX_CONTAINER.into(),
                command: Some(vec!["sleep".into(), "infinity".into()]),
                ..Default::default()
            });
            0
        }
        1 => 0,
        _ => podspec
            .containers
            .iter()
            .position(|c| c.name == SANDBOX_CONTAINER)
            .unwrap_or(0),
    };
    let mut container = podspec.containers.remove(index);
    if container.image.as_deref().is_none_or(str::is_empty) {
        container.image = Some(spec.image.clone());
    }
    if container.image_pull_policy.is_none() {
        container.image_pull_policy = Some(
            defaults
                .image_pull_policy
                .clone()
                .unwrap_or_else(|| "IfNotPresent".into()),
        );
    }
    let env = container.env.get_or_insert_default();
    for (name, value) in &spec.env {
        env.retain(|e| &e.name != name);
        env.push(EnvVar {
            name: name.clone(),
            value: Some(value.clone()),
            ..Default::default()
        });
    }
    let mut next = 0;
    let mut volume_name = || {
        next += 1;
        format!("llm-sandbox-{next}")
    };
    runtime::apply(
        &spec.runtime,
        &mut podspec,
        &mut container,
        &mut volume_name,
    )?;
    // Writable dirs: the work dir and the runner's, unless mounted already.
    for dir in [spec.workdir.as_str(), RUNNER_DIR] {
        let mounted = container
            .volume_mounts
            .iter()
            .flatten()
            .any(|m| covers(&m.mount_path, dir));
        if !mounted {
            let name = volume_name();
            container
                .volume_mounts
                .get_or_insert_default()
                .push(VolumeMount {
                    name: name.clone(),
                    mount_path: dir.to_string(),
                    ..Default::default()
                });
            podspec.volumes.get_or_insert_default().push(Volume {
                name,
                empty_dir: Some(EmptyDirVolumeSource::default()),
                ..Default::default()
            });
        }
    }
    if container.working_dir.is_none() {
        container.working_dir = Some(spec.workdir.clone());
    }
    let container_seccomp = container
        .security_context
        .as_ref()
        .and_then(|s| s.seccomp_profile.as_ref())
        .is_some();
    let name = container.name.clone();
    podspec.containers.insert(index, container);
    // Pod-wide defaults, where the manifest leaves them open.
    podspec.restart_policy.get_or_insert_with(|| "Never".into());
    podspec.termination_grace_period_seconds.get_or_insert(0);
    podspec.automount_service_account_token.get_or_insert(false);
    podspec.enable_service_links.get_or_insert(false);
    // The pause container becomes PID 1 and reaps the orphans of user
    // code, as Docker's init does.
    podspec.share_process_namespace.get_or_insert(true);
    if let Some(deadline) = defaults.active_deadline {
        podspec
            .active_deadline_seconds
            .get_or_insert(deadline.as_secs().max(1) as i64);
    }
    let security = podspec
        .security_context
        .get_or_insert_with(PodSecurityContext::default);
    if security.seccomp_profile.is_none() && !container_seccomp {
        security.seccomp_profile = Some(SeccompProfile {
            type_: "RuntimeDefault".into(),
            ..Default::default()
        });
    }
    if !from_manifest && podspec.security_context == Some(PodSecurityContext::default()) {
        podspec.security_context = None;
    }
    pod.spec = Some(podspec);
    Ok((pod, name))
}

/// The uid the sandbox container runs as, when the pod says.
pub(super) fn run_as_user(pod: &Pod, container: &str) -> Option<i64> {
    let spec = pod.spec.as_ref()?;
    spec.containers
        .iter()
        .find(|c| c.name == container)
        .and_then(|c| c.security_context.as_ref())
        .and_then(|s| s.run_as_user)
        .or_else(|| spec.security_context.as_ref().and_then(|s| s.run_as_user))
}

/// The sandbox container of an existing pod: `wanted`, else the only one,
/// else one named [`SANDBOX_CONTAINER`].
pub(super) fn pick_container(pod: &Pod, wanted: Option<&str>) -> Option<String> {
    let containers: &[Container] = pod.spec.as_ref().map(|s: &PodSpec| &s.containers[..])?;
    match wanted {
        Some(name) => containers.iter().find(|c| c.name == name),
        None if containers.len() == 1 => containers.first(),
        None => containers.iter().find(|c| c.name == SANDBOX_CONTAINER),
    }
    .map(|c| c.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::{LANGUAGE_LABEL, SESSION_LABEL};

    fn spec() -> SandboxSpec {
        SandboxSpec {
            image: "llm-sandbox/python:bookworm".into(),
            name: "llm-sandbox-python-AB12".into(),
            workdir: "/sandbox".into(),
            env: vec![("PYTHONUNBUFFERED".into(), "1".into())],
            labels: [
                (SESSION_LABEL.to_string(), "AB12".to_string()),
                (LANGUAGE_LABEL.to_string(), "python".to_string()),
                (
                    OWNER_LABEL.to_string(),
                    "host.example/42/123456".to_string(),
                ),
            ]
            .into(),
            ..Default::default()
        }
    }

    #[test]
    fn our_pod_is_labelled_locked_down_and_keeps_a_writable_workdir() {
        let (pod, container) = build(&spec(), None, &PodDefaults::default()).unwrap();
        assert_eq!(container, SANDBOX_CONTAINER);
        let meta = &pod.metadata;
        assert_eq!(meta.name.as_deref(), Some("llm-sandbox-python-ab12"));
        let labels = meta.labels.as_ref().unwrap();
        assert_eq!(labels[K8S_MANAGED_LABEL], "true");
        assert_eq!(labels[OWNER_LABEL], "host.example_42_123456");
        assert_eq!(
            meta.annotations.as_ref().unwrap()[ANNOTATION_OWNER],
            "host.example/42/123456"
        );
        let spec = pod.spec.unwrap();
        assert_eq!(spec.automount_service_account_token, Some(false));
        assert_eq!(spec.termination_grace_period_seconds, Some(0));
        assert_eq!(spec.restart_policy.as_deref(), Some("Never"));
        assert_eq!(
            spec.security_context
                .unwrap()
                .seccomp_profile
                .unwrap()
                .type_,
            "RuntimeDefault"
        );
        let c = &spec.containers[0];
        assert_eq!(c.command.as_ref().unwrap(), &["sleep", "infinity"]);
        let mounts: Vec<&str> = c
            .volume_mounts
            .iter()
            .flatten()
            .map(|m| m.mount_path.as_str())
            .collect();
        assert_eq!(mounts, ["/sandbox", RUNNER_DIR]);
    }

    #[test]
    fn a_manifest_keeps_its_settings_and_gains_ours() {
        let manifest = PodManifest::parse(
            r#"
metadata: {name: mine, labels: {team: a}}
spec:
  containers:
  - name: box
    image: custom:1
    tty: true
    securityContext: {runAsUser: 1000}
"#,
        )
        .unwrap();
        let (pod, container) = build(&spec(), Some(&manifest), &PodDefaults::default()).unwrap();
        assert_eq!(container, "box");
        assert_eq!(pod.metadata.name.as_deref(), Some("mine"));
        let labels = pod.metadata.labels.as_ref().unwrap();
        assert_eq!(labels["team"], "a");
        assert_eq!(labels[K8S_MANAGED_LABEL], "true");
        assert_eq!(run_as_user(&pod, "box"), Some(1000));
        let c = &pod.spec.as_ref().unwrap().containers[0];
        assert_eq!(c.image.as_deref(), Some("custom:1"));
    }

    #[test]
    fn names_and_label_values_are_made_valid() {
        assert_eq!(pod_name("llm-sandbox-c++-X"), "llm-sandbox-c---x");
        assert_eq!(label_value("a/b c"), "a_b_c");
        assert_eq!(label_value(&"x".repeat(80)).len(), 63);
    }
}
